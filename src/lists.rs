//! What the record lists search and sort by, pure: a row's folded search text and its sort keys.
//! The pages build these once per change of the records; a keystroke only scans the texts.

use crate::wilayah::search::fold;
use std::collections::HashMap;
use std::hash::Hash;

/// Between the parts of a search text. Folded queries hold only letters and digits, so a query
/// never matches across two fields ("…0123" of a NIB and "0812…" of a phone).
const PART: char = '|';

/// The folded search text of a row's parts (name, owner, NIB, places…): each part folded
/// ([`fold`]: lower case, accents and punctuation dropped, so "0812-3456" and "08123456" are
/// alike), empty parts left out.
pub fn haystack<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let folded = fold(part);
        if !folded.is_empty() {
            if !out.is_empty() {
                out.push(PART);
            }
            out.push_str(&folded);
        }
    }
    out
}

/// What a row is found by, kept so that a keystroke scans as little text as it can: the words
/// (name, owner, product…: [`haystack`]), the digits (NIB, phone: scanned only for a query of
/// digits), and its place as an index into the list's [`Places`] (a village's name is matched
/// once per keystroke, not once per row: 50,000 Usaha lie in a few hundred villages).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Searchable {
    pub words: String,
    pub digits: String,
    pub place: u32,
}

/// The distinct places of a list's rows, each with its folded search text (the village's and
/// the kecamatan's names); place 0 is "none".
#[derive(Clone, Debug, PartialEq)]
pub struct Places<K: Hash + Eq> {
    index: HashMap<K, u32>,
    texts: Vec<String>,
}

impl<K: Hash + Eq + Clone> Default for Places<K> {
    fn default() -> Self {
        Places {
            index: HashMap::new(),
            texts: vec![String::new()],
        }
    }
}

impl<K: Hash + Eq + Clone> Places<K> {
    pub fn new() -> Self {
        Places::default()
    }

    /// The index of the place `key`, named by `names` (its search texts) the first time it is
    /// seen. `None` (a row with no place) is 0.
    pub fn intern<'a>(&mut self, key: Option<&K>, names: impl FnOnce() -> Vec<&'a str>) -> u32 {
        let Some(key) = key else { return 0 };
        if let Some(&at) = self.index.get(key) {
            return at;
        }
        let at = self.texts.len() as u32;
        self.index.insert(key.clone(), at);
        self.texts.push(haystack(names()));
        at
    }
}

/// A typed search, folded once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    text: String,
    digits: bool,
}

impl Query {
    pub fn new(typed: &str) -> Query {
        let text = fold(typed);
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        Query { text, digits }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Which of `places` hold the query (by index; computed once per keystroke).
    pub fn places<K: Hash + Eq>(&self, places: &Places<K>) -> Vec<bool> {
        places
            .texts
            .iter()
            .map(|t| !self.text.is_empty() && t.contains(&self.text))
            .collect()
    }

    /// Whether a row is found: an empty query finds every row.
    pub fn matches(&self, row: &Searchable, place_hits: &[bool]) -> bool {
        self.text.is_empty()
            || row.words.contains(&self.text)
            || place_hits.get(row.place as usize) == Some(&true)
            || (self.digits && row.digits.contains(&self.text))
    }
}

/// The search texts of a list's rows laid end to end in the list's order, so that a keystroke
/// reads memory front to back rather than hopping between 50,000 separate strings (measured:
/// tools/bench-records.mjs, README "Records at scale").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchTable {
    /// Row indices, in the list's order.
    rows: Vec<u32>,
    words: String,
    digits: String,
    /// Where each row's words and digits end in the texts; its place.
    ends: Vec<(u32, u32, u32)>,
}

impl SearchTable {
    /// The table of `order` (row indices), each row's texts read by `row`.
    pub fn new<'a>(order: &[usize], row: impl Fn(usize) -> &'a Searchable) -> Self {
        let mut t = SearchTable::with_capacity(order.len());
        for &i in order {
            t.push(i, row(i));
        }
        t
    }

    /// An empty table with room for `rows` rows, filled by [`Self::push`] (a few at a time, so a
    /// page can build it in slices).
    pub fn with_capacity(rows: usize) -> Self {
        SearchTable {
            rows: Vec::with_capacity(rows),
            ends: Vec::with_capacity(rows),
            ..SearchTable::default()
        }
    }

    /// Adds row `i`, after those already in: rows go in the list's order.
    pub fn push(&mut self, i: usize, row: &Searchable) {
        self.words.push_str(&row.words);
        self.digits.push_str(&row.digits);
        self.rows.push(i as u32);
        self.ends
            .push((self.words.len() as u32, self.digits.len() as u32, row.place));
    }

    /// Rows in the table.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows `q` finds, in the list's order.
    pub fn hits<'a>(
        &'a self,
        q: &'a Query,
        place_hits: &'a [bool],
    ) -> impl Iterator<Item = usize> + 'a {
        let (mut word_start, mut digit_start) = (0, 0);
        self.rows
            .iter()
            .zip(&self.ends)
            .filter_map(move |(&row, &(w, d, place))| {
                let (words, digits) = (
                    &self.words[word_start..w as usize],
                    &self.digits[digit_start..d as usize],
                );
                (word_start, digit_start) = (w as usize, d as usize);
                let found = q.text.is_empty()
                    || words.contains(&q.text)
                    || place_hits.get(place as usize) == Some(&true)
                    || (q.digits && digits.contains(&q.text));
                found.then_some(row as usize)
            })
    }
}

/// A list's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By name, A to Z.
    #[default]
    Name,
    /// The latest change first.
    Recent,
    /// By village (or the kecamatan, for kinds placed by kecamatan), then by name; rows with no
    /// place last.
    Place,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Name, Sort::Recent, Sort::Place];

    /// The value of its `<option>`.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Name => "nama",
            Sort::Recent => "terbaru",
            Sort::Place => "desa",
        }
    }

    pub fn from_key(key: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }
}

/// What a row sorts by, computed once per change of the records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SortKeys {
    /// The folded name.
    pub name: String,
    /// The folded place ("kertasada kec kalianget"), empty when the row has none.
    pub place: String,
    /// The latest change, ms.
    pub stamp: u64,
}

impl SortKeys {
    pub fn new(name: &str, place: &str, stamp: u64) -> Self {
        SortKeys {
            name: fold(name),
            place: fold(place),
            stamp,
        }
    }
}

/// The rows' indices in `sort`'s order; ties keep the row order (stable).
pub fn order<T>(rows: &[T], keys: impl Fn(&T) -> &SortKeys, sort: Sort) -> Vec<usize> {
    order_by(
        rows.len(),
        |i| {
            let k = keys(&rows[i]);
            (k.name.as_str(), k.place.as_str(), k.stamp)
        },
        sort,
    )
}

/// [`order`] over `len` rows whose keys `key` gives by index: the folded name, the folded place
/// (empty: none) and the latest change. A list whose rows share their places' keys (thousands of
/// Usaha in a few hundred villages) keeps each place's key once.
pub fn order_by<'a>(
    len: usize,
    key: impl Fn(usize) -> (&'a str, &'a str, u64),
    sort: Sort,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    match sort {
        Sort::Name => order.sort_by(|&a, &b| key(a).0.cmp(key(b).0)),
        Sort::Recent => order.sort_by_key(|&i| std::cmp::Reverse(key(i).2)),
        Sort::Place => order.sort_by(|&a, &b| {
            let ((an, ap, _), (bn, bp, _)) = (key(a), key(b));
            (ap.is_empty(), ap, an).cmp(&(bp.is_empty(), bp, bn))
        }),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table (its rows' texts laid end to end) finds exactly the rows that each find the
        /// query on their own: words and digits from a small alphabet, so that text across two
        /// rows, repeated needles and empty rows all happen.
        #[test]
        fn a_search_table_finds_what_its_rows_find(
            rows in proptest::collection::vec(("[ab ]{0,6}", "[01]{0,5}", 0u32..3), 0..30),
            typed in "[ab01 ]{0,4}",
        ) {
            let rows: Vec<Searchable> = rows
                .into_iter()
                .map(|(w, d, place)| Searchable { words: haystack([w.as_str()]), digits: d, place })
                .collect();
            let order: Vec<usize> = (0..rows.len()).rev().collect();
            let table = SearchTable::new(&order, |i| &rows[i]);
            let q = Query::new(&typed);
            let place_hits = [false, true, false];
            let want: Vec<usize> =
                order.iter().copied().filter(|&i| q.matches(&rows[i], &place_hits)).collect();
            prop_assert_eq!(table.hits(&q, &place_hits).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn a_search_finds_nib_phone_digits_and_places_but_never_across_fields() {
        let mut places = Places::new();
        let place = places.intern(Some(&"35.29.02.2004"), || vec!["Kertasada", "Kalianget"]);
        assert_eq!(
            places.intern(Some(&"35.29.02.2004"), || unreachable!()),
            place
        );
        assert_eq!(places.intern(None, || unreachable!()), 0);
        let other = places.intern(Some(&"35.29.05.2001"), || vec!["Aeng Dake", "Bluto"]);
        let row = Searchable {
            words: haystack(["Batik Sekar", "Ibu Sari", "", "batik tulis 2"]),
            digits: haystack(["1234567890123", "0812-3456-7890"]),
            place,
        };
        assert_eq!(row.words, "batiksekar|ibusari|batiktulis2");
        assert_eq!(row.digits, "1234567890123|081234567890");
        let finds = |typed: &str| {
            let q = Query::new(typed);
            q.matches(&row, &q.places(&places))
        };
        for typed in [
            "sekar",
            "IBU sari",
            "1234567890123",
            "0812 3456",
            "3456-7890",
            "kertasada",
            "Kalianget",
            "tulis 2",
            "",
        ] {
            assert!(finds(typed), "{typed}");
        }
        // The end of the NIB and the start of the phone are two fields, not "01230812".
        assert!(!finds("0123 0812"));
        // Another row's village, and digits inside words only for a query of digits.
        assert!(!finds("bluto"));
        assert!(!finds("batik 0812"));
        let q = Query::new("bluto");
        assert_eq!(q.places(&places), [false, false, true]);
        assert!(q.matches(
            &Searchable {
                place: other,
                ..Searchable::default()
            },
            &q.places(&places)
        ));
    }

    #[test]
    fn a_search_table_finds_what_each_row_finds_in_the_lists_order() {
        let rows: Vec<Searchable> = (0..40)
            .map(|i| Searchable {
                words: haystack([format!("Usaha {i}").as_str(), ["Tempe", "Batik"][i % 2]]),
                digits: haystack([format!("0812{i:04}").as_str()]),
                place: (i % 3) as u32,
            })
            .collect();
        let order: Vec<usize> = (0..40).rev().collect();
        let table = SearchTable::new(&order, |i| &rows[i]);
        let mut places = Places::new();
        places.intern(Some(&1), || vec!["Kertasada", "Kalianget"]);
        places.intern(Some(&2), || vec!["Aeng Dake", "Bluto"]);
        for typed in [
            "",
            "usaha 1",
            "batik",
            "08120007",
            "0007",
            "bluto",
            "usaha 3 tempe",
            "x",
            // Across two rows laid end to end: found in neither.
            "batikusaha",
            "tempeusaha 3",
            "00310812",
        ] {
            let q = Query::new(typed);
            let hits = q.places(&places);
            let want: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| q.matches(&rows[i], &hits))
                .collect();
            assert_eq!(table.hits(&q, &hits).collect::<Vec<_>>(), want, "{typed}");
        }
        assert_eq!(
            table
                .hits(&Query::new("bluto"), &Query::new("bluto").places(&places))
                .count(),
            13
        );
    }

    #[test]
    fn lists_sort_by_name_latest_change_or_place() {
        let rows = [
            SortKeys::new("Tempe Jaya", "Kertasada, Kec. Kalianget", 30),
            SortKeys::new("Batik Sekar", "Pakandangan Barat, Kec. Bluto", 10),
            SortKeys::new("Anyaman Indah", "", 20),
            SortKeys::new("Abon Sari", "Kertasada, Kec. Kalianget", 5),
        ];
        let names = |sort| -> Vec<&str> {
            let o = order(&rows, |k| k, sort);
            o.into_iter().map(|i| rows[i].name.as_str()).collect()
        };
        assert_eq!(
            names(Sort::Name),
            ["abonsari", "anyamanindah", "batiksekar", "tempejaya"]
        );
        assert_eq!(
            names(Sort::Recent),
            ["tempejaya", "anyamanindah", "batiksekar", "abonsari"]
        );
        // Village, then name within it; no place last.
        assert_eq!(
            names(Sort::Place),
            ["abonsari", "tempejaya", "batiksekar", "anyamanindah"]
        );
        for sort in Sort::ALL {
            assert_eq!(Sort::from_key(sort.key()), sort);
        }
        assert_eq!(Sort::from_key("??"), Sort::Name);
    }
}
