//! What the record lists search and sort by, pure: a row's folded search text and its sort keys.
//! The pages build these once per change of the records; a keystroke only scans the texts.

use crate::wilayah::search::fold;

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

/// Whether a row's search text holds the folded query (an empty query: every row).
pub fn matches(haystack: &str, folded_query: &str) -> bool {
    folded_query.is_empty() || haystack.contains(folded_query)
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
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let k = |i: &usize| keys(&rows[*i]);
    match sort {
        Sort::Name => order.sort_by(|a, b| k(a).name.cmp(&k(b).name)),
        Sort::Recent => order.sort_by(|a, b| k(b).stamp.cmp(&k(a).stamp)),
        Sort::Place => order.sort_by(|a, b| {
            let (a, b) = (k(a), k(b));
            (a.place.is_empty(), &a.place, &a.name).cmp(&(b.place.is_empty(), &b.place, &b.name))
        }),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_finds_nib_phone_digits_and_places_but_never_across_fields() {
        let h = haystack([
            "Batik Sekar",
            "Ibu Sari",
            "",
            "1234567890123",
            "0812-3456-7890",
            "Kertasada, Kec. Kalianget",
        ]);
        assert_eq!(
            h,
            "batiksekar|ibusari|1234567890123|081234567890|kertasadakeckalianget"
        );
        for query in [
            "sekar",
            "IBU sari",
            "1234567890123",
            "0812 3456",
            "3456-7890",
            "kertasada",
            "Kalianget",
        ] {
            assert!(matches(&h, &fold(query)), "{query}");
        }
        // The end of the NIB and the start of the phone are two fields, not "01230812".
        assert!(!matches(&h, &fold("0123 0812")));
        assert!(!matches(&h, &fold("bluto")));
        assert!(matches(&h, &fold("  ")), "an empty query keeps every row");
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
