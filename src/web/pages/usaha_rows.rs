//! The Usaha list's data: what it keeps of each Usaha (to filter and sort), the villages' names,
//! its order, and the search texts laid out a piece at a time.

use crate::komoditas;
use crate::lists::{haystack, Places, SearchTable, Searchable};
use crate::model::photo::photos;
use crate::model::privasi::mask_phone;
use crate::model::usaha::classes;
use crate::model::{Id, Kind, Record};
use crate::wilayah::search::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What the list keeps of each Usaha (50,000 of them): what it filters and sorts by. What a row
/// shows is read from its record while the row is in view, and what it is searched by is laid
/// out after the list is shown (`SearchTexts`): building every row's texts and search text
/// before the first screen took most of the 5 s an opening at 4× CPU slowdown took (issue 15).
#[derive(Clone, PartialEq)]
pub(super) struct Row {
    pub(super) id: Id,
    /// The village, by index into [`Rows::villages`] (0: none); a place of the list's `Places`.
    pub(super) place: u32,
    /// By index into [`Rows::statuses`] and [`Rows::komoditas`].
    pub(super) status: u32,
    pub(super) komoditas: u32,
    /// UMKM class key, or "" when the figures are not enough.
    pub(super) umkm: &'static str,
    /// The folded name, for sorting.
    pub(super) name_key: String,
    /// The latest change, ms.
    pub(super) stamp: u64,
}

/// The list's rows, built once per change of the records (not of the region data), in slices.
#[derive(Clone, Default, PartialEq)]
pub(super) struct Rows {
    /// New at every build: search texts are laid out for one build and order.
    pub(super) key: u64,
    /// Whether the rows are built (false: the list is not ready to show yet).
    pub(super) built: bool,
    pub(super) rows: Vec<Row>,
    /// The rows' indices by name (the list's first order), sorted in slices with the build.
    pub(super) by_name: Vec<usize>,
    /// Village codes by place; place 0 is "" (none).
    pub(super) villages: Vec<String>,
    pub(super) statuses: Vec<String>,
    pub(super) komoditas: Vec<String>,
    /// The store's count of writes the records were at when the build began
    /// (`Records::writes_shown`): the first screen made from these rows is kept with it.
    pub(super) writes: Option<u64>,
}

/// What one row of the list shows, its phone number masked.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Shown {
    pub(super) id: String,
    pub(super) nama: String,
    pub(super) status: String,
    pub(super) place: String,
    pub(super) komoditas: String,
    pub(super) phone: String,
    /// The first photo added, shown as the row's thumbnail (absent from screens kept before
    /// photos).
    #[serde(default)]
    pub(super) photo: Option<String>,
}

impl Shown {
    /// What the row of Usaha `id` shows, read from its record; `place` as the list names it.
    pub(super) fn of(all: &BTreeMap<Id, Record>, id: &str, place: String) -> Shown {
        let text = |key| all.get(id).map_or("", |r| r.text(key));
        Shown {
            id: id.to_string(),
            nama: text("nama").to_string(),
            status: text("status").to_string(),
            place,
            komoditas: text("komoditas").to_string(),
            phone: mask_phone(text("telepon")),
            photo: all
                .get(id)
                .and_then(|r| photos(r).into_iter().next())
                .map(|(hash, _)| hash),
        }
    }
}

/// What the list's first screen showed (every Usaha, by name, no filter: as the list opens),
/// kept for the next opening and shown while the records are read (issue 15: with 50,000 Usaha
/// the list took 4 s to open at 4× CPU slowdown, and needs 30 of them to show).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Screen {
    /// How many Usaha the list counted.
    pub(super) total: usize,
    /// The first rows in the list's first order.
    pub(super) rows: Vec<Shown>,
}

/// The name the list's first screen is kept under (`Records::keep_screen`).
pub(super) const SCREEN: &str = "usaha";

/// Rows a kept first screen holds: more than the tallest screen shows (15 at 1440 px).
const SCREEN_ROWS: usize = 30;

impl Screen {
    /// The first screen of built `rows`, villages named as `places` names them.
    pub(super) fn of(rows: &Rows, places: &PlaceNames, all: &BTreeMap<Id, Record>) -> Screen {
        Screen {
            total: rows.rows.len(),
            rows: rows
                .by_name
                .iter()
                .take(SCREEN_ROWS)
                .map(|&i| {
                    let row = &rows.rows[i];
                    let place = places.shown.get(row.place as usize).cloned();
                    Shown::of(all, &row.id, place.unwrap_or_default())
                })
                .collect(),
        }
    }
}

/// The villages of the rows as the region data names them, by place.
#[derive(Clone, Default, PartialEq)]
pub(super) struct PlaceNames {
    /// Each village's search text (its name and its kecamatan's).
    pub(super) places: Places<u32>,
    /// "Kertasada, Kec. Kalianget" (the code until the region data is loaded).
    pub(super) shown: Vec<String>,
    /// The folded name, for sorting ("": not known, sorted last).
    pub(super) keys: Vec<String>,
}

/// The rows' indices in the list's order.
#[derive(Clone, PartialEq)]
pub(super) struct Ordered {
    /// New at every order: the search texts laid out for it say so.
    pub(super) key: u64,
    pub(super) order: Vec<usize>,
}

thread_local! {
    static KEYS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

pub(super) fn next_key() -> u64 {
    KEYS.with(|k| {
        k.set(k.get() + 1);
        k.get()
    })
}

/// Each text's number, the first time it is seen.
fn intern(seen: &mut HashMap<String, u32>, list: &mut Vec<String>, text: &str) -> u32 {
    if let Some(&n) = seen.get(text) {
        return n;
    }
    list.push(text.to_string());
    seen.insert(text.to_string(), (list.len() - 1) as u32);
    (list.len() - 1) as u32
}

/// Builds the rows a piece at a time, going on after the last record it read: the page builds
/// them in slices (all 50,000 at once held it for hundreds of ms at 4× CPU slowdown), starting
/// again when the records change meanwhile.
pub(super) struct RowsBuilder {
    rows: Rows,
    last: Option<Id>,
    seen: [HashMap<String, u32>; 3],
}

impl RowsBuilder {
    pub(super) fn new() -> Self {
        let mut villages = HashMap::new();
        villages.insert(String::new(), 0);
        RowsBuilder {
            rows: Rows {
                key: next_key(),
                built: true,
                villages: vec![String::new()],
                ..Rows::default()
            },
            last: None,
            seen: [villages, HashMap::new(), HashMap::new()],
        }
    }

    /// Reads records after the last one read while `more()` allows; the rows once all are read.
    pub(super) fn build(
        &mut self,
        all: &BTreeMap<Id, Record>,
        mut more: impl FnMut() -> bool,
    ) -> Option<Rows> {
        use std::ops::Bound::{Excluded, Unbounded};
        loop {
            let after = match &self.last {
                Some(id) => all.range::<str, _>((Excluded(&**id), Unbounded)),
                None => all.range::<str, _>(..),
            };
            let mut read = 0;
            for r in after.map(|(_, r)| r).take(200) {
                read += 1;
                self.last = Some(r.id.clone());
                if r.kind != Kind::Usaha || r.is_deleted() {
                    continue;
                }
                let [villages, statuses, komoditas] = &mut self.seen;
                let out = &mut self.rows;
                out.rows.push(Row {
                    id: r.id.clone(),
                    place: intern(villages, &mut out.villages, r.text("desa")),
                    status: intern(statuses, &mut out.statuses, r.text("status")),
                    komoditas: intern(komoditas, &mut out.komoditas, r.text("komoditas")),
                    umkm: classes(r).umkm.map_or("", |c| c.key()),
                    name_key: fold(r.text("nama")),
                    stamp: r.last_change().0.wall,
                });
            }
            if read < 200 {
                return Some(std::mem::take(&mut self.rows));
            }
            if !more() {
                return None;
            }
        }
    }
}

pub(super) fn place_names(g: &crate::wilayah::Gazetteer, villages: &[String]) -> PlaceNames {
    let mut out = PlaceNames {
        shown: vec![String::new()],
        keys: vec![String::new()],
        ..PlaceNames::default()
    };
    for (at, desa) in villages.iter().enumerate().skip(1) {
        let village = g.village(desa);
        out.places.intern(Some(&(at as u32)), || {
            village
                .as_ref()
                .map_or_else(Vec::new, |v| vec![v.name.as_str(), v.kecamatan.as_str()])
        });
        let shown = village.map(|v| format!("{}, Kec. {}", v.name, v.kecamatan));
        out.keys
            .push(shown.as_deref().map(fold).unwrap_or_default());
        out.shown.push(shown.unwrap_or_else(|| desa.clone()));
    }
    out
}

/// What a row is found by: name, owner, product, commodity; NIB and phone digits; its village.
pub(super) fn searchable(r: Option<&Record>, place: u32) -> Searchable {
    let Some(r) = r else {
        return Searchable {
            place,
            ..Searchable::default()
        };
    };
    let komoditas = r.text("komoditas");
    Searchable {
        words: haystack([
            r.text("nama"),
            r.text("pemilik"),
            r.text("produk"),
            komoditas,
            komoditas::by_key(komoditas).map_or("", |k| k.name),
        ]),
        digits: haystack([r.text("nib"), r.text("telepon")]),
        place,
    }
}

/// The search texts laid out for one order of one build of the rows (`Ordered::key`), filled a
/// piece at a time: after the list is shown, in slices, or at once when the officer searches
/// first.
pub(super) type SearchTexts = Option<(u64, SearchTable)>;

/// Lays out `ordered`'s search texts in `texts` (going on where an earlier call stopped) while
/// `more()` allows; whether they are complete.
pub(super) fn lay_out(
    texts: &mut SearchTexts,
    ordered: &Ordered,
    rows: &Rows,
    all: &BTreeMap<Id, Record>,
    mut more: impl FnMut() -> bool,
) -> bool {
    if texts.as_ref().is_none_or(|(key, _)| *key != ordered.key) {
        *texts = Some((ordered.key, SearchTable::with_capacity(ordered.order.len())));
    }
    let Some((_, table)) = texts else {
        return false;
    };
    while table.len() < ordered.order.len() {
        if !more() {
            return false;
        }
        let from = table.len();
        for &i in ordered.order[from..].iter().take(200) {
            let row = &rows.rows[i];
            table.push(i, &searchable(all.get(&*row.id), row.place));
        }
    }
    true
}
