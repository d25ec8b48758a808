use super::*;
use crate::i18n::Msg;
use crate::model::hlc::Clock;
use crate::model::merge::{merge_reporting, merged};
use crate::model::schema::values_of;
use crate::model::tests::editor as ed;
use crate::model::{field_label, kinds, Val};
use serde_json::json;

fn sentra(clock: &mut Clock) -> Record {
    Record::new(Kind::Sentra, &mut ed(clock, 1))
}

/// The whole list as a version before 1.1 wrote it, in the field `key` itself.
fn old_list(r: &mut Record, key: &str, ids: &[&str], clock: &mut Clock, now_ms: u64) {
    r.write(key, json!(ids), Vec::new(), &mut ed(clock, now_ms));
}

#[test]
fn members_are_fields_of_their_own_written_as_changes() {
    let mut a = Clock::new("a");
    let mut r = sentra(&mut a);
    assert!(r.set("anggota", json!(["u-2", "u-1", "u-2"]), &mut ed(&mut a, 2)));
    assert_eq!(
        r.links("anggota"),
        ["u-2", "u-1"],
        "in the order added, once each"
    );
    assert_eq!(r.get("anggota/u-1"), Some(&Val::from(json!(true))));
    assert_eq!(r.get("anggota"), None, "no list field is written");
    assert!(
        !r.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 3)),
        "the same members: no change, whatever the order"
    );
    assert!(r.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut a, 4)));
    assert_eq!(r.links("anggota"), ["u-1", "u-3"]);
    assert_eq!(
        r.get("anggota/u-2"),
        Some(&Val::from(json!(false))),
        "removed: false"
    );
    assert!(r.set("anggota", Value::Null, &mut ed(&mut a, 5)));
    assert!(r.links("anggota").is_empty());
    assert!(r.set("anggota", json!(["u-2"]), &mut ed(&mut a, 6)));
    assert_eq!(r.links("anggota"), ["u-2"], "added again");
    // The form and the rules across fields see a list.
    let schema = kinds::schema(Kind::Sentra).unwrap();
    assert_eq!(schema.form_of(&r).get("anggota"), "u-2");
    let values = values_of(&r);
    assert_eq!(values.get("anggota"), Some(&json!(["u-2"])));
    assert!(!values.keys().any(|k| k.contains('/')), "{values:?}");
    assert_eq!(
        field_label(Kind::Sentra, "anggota/u-2"),
        Some(Msg::FieldAnggota)
    );
    assert_eq!(
        link_element(Kind::Sentra, "anggota/u-2"),
        Some(("anggota", "u-2"))
    );
    assert_eq!(link_element(Kind::Sentra, "nama/u-2"), None);
    // Other kinds' fields are written as they are.
    let mut usaha = Record::new(Kind::Usaha, &mut ed(&mut a, 7));
    usaha.set("anggota", json!(["x"]), &mut ed(&mut a, 8));
    assert_eq!(usaha.get("anggota"), Some(&Val::from(json!(["x"]))));
}

#[test]
fn two_officers_adding_different_members_keep_both_without_a_conflict() {
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let mut base = sentra(&mut a);
    base.set("anggota", json!(["u-1"]), &mut ed(&mut a, 2));
    b.observe(&base.last_change().0.clone());
    let (mut in_a, mut in_b) = (base.clone(), base.clone());
    in_a.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 10));
    in_b.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut b, 11));
    let mut conflicts = Vec::new();
    let mut m = in_a.clone();
    merge_reporting(&mut m, &in_b, &mut conflicts);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(m.links("anggota"), ["u-1", "u-2", "u-3"]);
    assert_eq!(merged(&in_b, &in_a).links("anggota"), m.links("anggota"));
    // One removes a member while the other adds one: both kept.
    let mut in_b2 = base.clone();
    in_b2.set("anggota", json!([]), &mut ed(&mut b, 12));
    assert_eq!(merged(&in_a, &in_b2).links("anggota"), ["u-2"]);
}

#[test]
fn adding_and_removing_one_member_at_once_is_a_conflict_on_its_field() {
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let mut base = sentra(&mut a);
    base.set("anggota", json!(["u-1"]), &mut ed(&mut a, 2));
    // A removes u-1 and adds it back; B, not knowing, removes it.
    let mut in_a = base.clone();
    in_a.set("anggota", json!([]), &mut ed(&mut a, 10));
    in_a.set("anggota", json!(["u-1"]), &mut ed(&mut a, 11));
    let mut in_b = base.clone();
    b.observe(&base.last_change().0.clone());
    in_b.set("anggota", json!([]), &mut ed(&mut b, 12));
    let mut conflicts = Vec::new();
    let mut m = in_a.clone();
    merge_reporting(&mut m, &in_b, &mut conflicts);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].field, "anggota/u-1");
    assert_eq!(
        conflicts[0].lost.value,
        json!(true),
        "the later stamp, B's removal, wins"
    );
    assert!(m.links("anggota").is_empty());
    // The officer picks A's: u-1 is a member again, and B takes it quietly.
    let lost = conflicts[0].lost.stamp.clone();
    let kept = conflicts[0].kept.stamp.clone();
    a.observe(&kept);
    m.settle(
        "anggota/u-1",
        json!(true),
        vec![lost, kept],
        &mut ed(&mut a, 20),
    );
    let mut again = Vec::new();
    let mut at_b = in_b.clone();
    merge_reporting(&mut at_b, &m, &mut again);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(at_b.links("anggota"), ["u-1"]);
}

#[test]
fn a_form_opened_before_another_tab_changed_the_members_keeps_that_change() {
    let mut a = Clock::new("a");
    let mut stored = sentra(&mut a);
    stored.set("anggota", json!(["u-1", "u-2"]), &mut ed(&mut a, 2));
    let schema = kinds::schema(Kind::Sentra).unwrap();
    let opened = schema.form_of(&stored);
    // Meanwhile another tab adds u-3 and removes u-2.
    stored.set("anggota", json!(["u-1", "u-3"]), &mut ed(&mut a, 3));
    // This form removes u-1 and adds u-4 to what it showed.
    let values = vec![("anggota", json!(["u-2", "u-4"]))];
    let values = over_stored(values, &opened, &stored);
    assert_eq!(values, vec![("anggota", json!(["u-3", "u-4"]))]);
    assert!(stored.apply(values, &mut ed(&mut a, 4)));
    assert_eq!(stored.links("anggota"), ["u-3", "u-4"]);
    // Other fields pass as they are.
    let other = vec![("nama", json!("Sentra"))];
    assert_eq!(over_stored(other.clone(), &opened, &stored), other);
}

#[test]
fn an_old_list_counts_where_it_is_later_than_a_members_field() {
    let (mut a, mut old) = (Clock::new("a"), Clock::new("lama"));
    let mut r = sentra(&mut a);
    // Member fields older than the list: the list decides.
    r.write("anggota/u-3", json!(true), Vec::new(), &mut ed(&mut a, 2));
    r.write("anggota/u-2", json!(false), Vec::new(), &mut ed(&mut a, 3));
    old_list(&mut r, "anggota", &["u-2", "u-1", "u-2"], &mut old, 5);
    assert_eq!(r.links("anggota"), ["u-2", "u-1"], "as listed, once each");
    // Later edits: member fields over the list.
    a.observe(&r.fields["anggota"].stamp);
    assert!(r.set("anggota", json!(["u-1", "u-4"]), &mut ed(&mut a, 6)));
    assert_eq!(r.links("anggota"), ["u-1", "u-4"]);
    assert_eq!(r.get("anggota/u-2"), Some(&Val::from(json!(false))));
    assert_eq!(
        r.fields["anggota"].stamp.wall, 5,
        "the old list is left alone"
    );
    // Adding back an id whose field said `true` before a later list dropped it.
    let mut s = sentra(&mut a);
    s.write("anggota/u-5", json!(true), Vec::new(), &mut ed(&mut a, 7));
    old.observe(&s.fields["anggota/u-5"].stamp);
    old_list(&mut s, "anggota", &["u-1"], &mut old, 8);
    assert_eq!(s.links("anggota"), ["u-1"]);
    a.observe(&s.fields["anggota"].stamp);
    assert!(s.set("anggota", json!(["u-1", "u-5"]), &mut ed(&mut a, 9)));
    assert_eq!(s.links("anggota"), ["u-1", "u-5"]);
    // A cleared old list (null) says no one, as of its stamp.
    let mut t = sentra(&mut a);
    t.set("anggota", json!(["u-1"]), &mut ed(&mut a, 10));
    old.observe(&t.fields["anggota/u-1"].stamp);
    t.write("anggota", Value::Null, Vec::new(), &mut ed(&mut old, 11));
    assert!(t.links("anggota").is_empty());
}
