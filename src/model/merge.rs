//! Merging two copies of a record, field by field: for each field the change with the later
//! stamp wins (stamps order by wall time, counter, then device, so every device picks the same
//! winner). Deletes are the `_deleted` field and merge the same way. The merge never fails, and
//! the order copies are merged in does not matter (commutative, associative, idempotent).
//!
//! Saving merges too: the store merges what is saved into what it holds, inside one transaction,
//! so a save from a tab that had not yet seen another tab's change keeps that change.

use super::{Field, Record};
use std::cmp::Ordering;

/// Which of two versions of one field wins.
pub fn later<'a>(a: &'a Field, b: &'a Field) -> &'a Field {
    match a.stamp.cmp(&b.stamp) {
        Ordering::Less => b,
        Ordering::Greater => a,
        // The same change seen twice; should two ever differ under one stamp (a damaged copy),
        // the larger value wins so that every device still agrees.
        Ordering::Equal => {
            if b.value.to_string() > a.value.to_string() {
                b
            } else {
                a
            }
        }
    }
}

/// Merges `other` into `local` (the same record id). Returns whether `local` changed.
pub fn merge_into(local: &mut Record, other: &Record) -> bool {
    debug_assert_eq!(local.id, other.id);
    let mut changed = false;
    if other.created < local.created {
        local.created = other.created.clone();
        changed = true;
    }
    for (key, theirs) in &other.fields {
        match local.fields.get(key) {
            Some(ours) if std::ptr::eq(later(ours, theirs), ours) => {}
            _ => {
                local.fields.insert(key.clone(), theirs.clone());
                changed = true;
            }
        }
    }
    changed
}

/// The merge of two copies, as a new record.
pub fn merged(a: &Record, b: &Record) -> Record {
    let mut out = a.clone();
    merge_into(&mut out, b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::{Editor, Kind};
    use serde_json::json;

    fn ed(clock: &mut Clock, now_ms: u64) -> Editor<'_> {
        Editor {
            clock,
            officer: "Uji",
            now_ms,
        }
    }

    #[test]
    fn a_save_from_a_stale_copy_keeps_the_other_copys_newer_fields() {
        let mut a = Clock::new("tab");
        let mut base = Record::new(Kind::Usaha, &mut ed(&mut a, 1));
        base.set("nama", json!("Batik"), &mut ed(&mut a, 2));
        base.set("status", json!("aktif"), &mut ed(&mut a, 3));
        // Two copies edit different fields without seeing each other.
        let mut one = base.clone();
        one.set("status", json!("tutup"), &mut ed(&mut a, 10));
        let mut two = base.clone();
        two.set("nama", json!("Batik Sekar"), &mut ed(&mut a, 11));
        let m = merged(&one, &two);
        assert_eq!(m.text("status"), "tutup");
        assert_eq!(m.text("nama"), "Batik Sekar");
        assert_eq!(merged(&two, &one), m, "commutative");
        assert_eq!(merged(&m, &one), m, "idempotent");
        let mut again = m.clone();
        assert!(!merge_into(&mut again, &two), "nothing new: no change");
    }

    #[test]
    fn the_later_edit_of_one_field_wins_and_a_delete_merges_like_a_field() {
        let mut a = Clock::new("a");
        let mut b = Clock::new("b");
        let base = Record::new(Kind::Sentra, &mut ed(&mut a, 1));
        let mut x = base.clone();
        x.set("nama", json!("dari A"), &mut ed(&mut a, 5));
        let mut y = base.clone();
        y.set("nama", json!("dari B"), &mut ed(&mut b, 5)); // same wall time: device b wins
        assert_eq!(merged(&x, &y).text("nama"), "dari B");
        assert_eq!(merged(&y, &x).text("nama"), "dari B");
        y.set_deleted(true, &mut ed(&mut b, 6));
        assert!(merged(&x, &y).is_deleted());
        x.set_deleted(false, &mut ed(&mut a, 7)); // undone later elsewhere
        assert!(!merged(&y, &x).is_deleted());
    }
}
