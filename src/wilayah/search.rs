//! Finding names the way officers write them: case, spaces, hyphens, apostrophes and accents do
//! not matter ("aeng tong tong" finds Aengtongtong, "raas" finds Ra'as), and a small misspelling
//! is forgiven ("kerta sade" finds Kertasada).

/// Folds a name for comparison: lower case, letters and digits only, common accents removed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// How well a folded name matches a folded query; smaller is better. `None`: no match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    Exact,
    Prefix,
    Contains,
    /// Within this many edits of the name or of its beginning.
    Typo(u8),
}

/// Edits forgiven for a query of this many characters.
pub fn typo_budget(query_len: usize) -> usize {
    match query_len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Matches a folded `name` against a folded, non-empty `query`. `scratch` is reused between calls
/// so a search over 80,000 names allocates nothing per name.
pub fn match_name(query: &str, name: &str, scratch: &mut Scratch) -> Option<Match> {
    if name == query {
        Some(Match::Exact)
    } else if name.starts_with(query) {
        Some(Match::Prefix)
    } else if query.len() >= 3 && contains(name.as_bytes(), query.as_bytes()) {
        // One or two letters inside a name match nearly every village: only beginnings count.
        Some(Match::Contains)
    } else {
        let k = typo_budget(query.chars().count());
        if k == 0 || !piece_survives(query.as_bytes(), name.as_bytes(), k) {
            return None;
        }
        prefix_distance(query.as_bytes(), name.as_bytes(), k, scratch).map(|d| Match::Typo(d as u8))
    }
}

/// Substring test for short names: a plain window scan beats `str::contains`, whose searcher
/// setup costs more than scanning a name of ten-odd bytes.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len())
            .any(|i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

/// A cheap necessary condition for `prefix_distance(query, name, k) <= k`: cut the query into
/// k+1 pieces; k edits can touch at most k of them, so one piece must appear unchanged in the
/// part of the name an alignment can reach (its first m+k bytes). Most names fail this at once,
/// which spares them the edit-distance table.
pub fn piece_survives(query: &[u8], name: &[u8], k: usize) -> bool {
    let m = query.len();
    let window = &name[..name.len().min(m + k)];
    let pieces = k + 1;
    (0..pieces).any(|p| {
        let piece = &query[p * m / pieces..(p + 1) * m / pieces];
        contains(window, piece)
    })
}

/// Two rows of the edit-distance table, kept between calls.
#[derive(Default)]
pub struct Scratch {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// The smallest edit distance (Levenshtein, on bytes) between `query` and any beginning of
/// `name`, if it is at most `k`. Only the band of width 2k+1 is computed, and the scan stops as
/// soon as every cell of a row exceeds `k`.
pub fn prefix_distance(query: &[u8], name: &[u8], k: usize, s: &mut Scratch) -> Option<usize> {
    let m = query.len();
    let n = name.len().min(m + k);
    if n + k < m {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    s.prev.clear();
    s.prev.extend(0..=n);
    s.cur.clear();
    s.cur.resize(n + 1, FAR);
    for i in 1..=m {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(n);
        s.cur[0] = i;
        if lo > 1 {
            s.cur[lo - 1] = FAR;
        }
        let mut row_min = if i <= k { i } else { FAR };
        for j in lo..=hi {
            let cost = usize::from(query[i - 1] != name[j - 1]);
            let value = (s.prev[j - 1] + cost)
                .min(s.prev[j] + 1)
                .min(s.cur[j - 1] + 1);
            s.cur[j] = value;
            row_min = row_min.min(value);
        }
        if hi < n {
            s.cur[hi + 1] = FAR;
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut s.prev, &mut s.cur);
    }
    let lo = m.saturating_sub(k);
    let best = s.prev[lo..=n].iter().copied().min()?;
    (best <= k).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, name: &str) -> Option<Match> {
        match_name(&fold(query), &fold(name), &mut Scratch::default())
    }

    #[test]
    fn folding_ignores_case_spaces_hyphens_apostrophes_accents() {
        assert_eq!(fold("Aeng Tong-Tong"), "aengtongtong");
        assert_eq!(fold("Ra'as"), "raas");
        assert_eq!(fold("Ra\u{2019}as"), "raas");
        assert_eq!(fold("Batang-Batang"), fold("Batang Batang"));
        assert_eq!(fold("  KÉRTASADA "), "kertasada");
        assert_eq!(fold("Lubuk Pakam I,II"), "lubukpakamiii");
        assert_eq!(fold("-'\u{200f}"), "");
    }

    #[test]
    fn officers_spellings_find_the_official_names() {
        assert_eq!(check("aeng tong tong", "Aengtongtong"), Some(Match::Exact));
        assert_eq!(check("raas", "Ra'as"), Some(Match::Exact));
        assert_eq!(check("kerta sade", "Kertasada"), Some(Match::Typo(1)));
        assert_eq!(check("batang-batang", "Batang Batang"), Some(Match::Exact));
        assert_eq!(check("pote", "Poteran"), Some(Match::Prefix));
        assert_eq!(check("teran", "Poteran"), Some(Match::Contains));
        assert_eq!(check("ter", "Poteran"), Some(Match::Contains));
        assert_eq!(
            check("te", "Poteran"),
            None,
            "two letters match only at the beginning"
        );
        assert_eq!(check("po", "Poteran"), Some(Match::Prefix));
        // A typo while still typing: the beginning of the name is close enough.
        assert_eq!(check("aengtomgt", "Aengtongtong"), Some(Match::Typo(1)));
        assert_eq!(check("sumenp", "Sumenep"), Some(Match::Typo(1)));
    }

    #[test]
    fn typo_budget_at_its_boundaries() {
        // 3 characters: no typo forgiven.
        assert_eq!(check("rax", "Ra'as"), None);
        // 4 to 7: one edit, not two.
        assert_eq!(check("bluta", "Bluto"), Some(Match::Typo(1)));
        assert_eq!(check("blata", "Bluto"), None);
        // 8 and more: two edits, not three.
        assert_eq!(check("kertasxdx", "Kertasada"), Some(Match::Typo(2)));
        assert_eq!(check("kxrtasxdx", "Kertasada"), None);
        assert_eq!(typo_budget(3), 0);
        assert_eq!(typo_budget(4), 1);
        assert_eq!(typo_budget(7), 1);
        assert_eq!(typo_budget(8), 2);
    }

    #[test]
    fn the_piece_filter_never_rejects_a_real_match() {
        // Deterministic pseudo-random strings over a small alphabet, so near misses abound.
        let mut seed = 0x2545_f491_u64;
        let mut word = |len: usize| -> Vec<u8> {
            (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    b"aber"[(seed % 4) as usize]
                })
                .collect()
        };
        let mut s = Scratch::default();
        let mut checked = 0;
        for _ in 0..20_000 {
            let (q, n) = (word(4 + checked % 7), word(2 + checked % 13));
            for k in 1..=2 {
                if prefix_distance(&q, &n, k, &mut s).is_some() {
                    assert!(
                        piece_survives(&q, &n, k),
                        "filter rejected q={q:?} n={n:?} k={k}"
                    );
                }
            }
            checked += 1;
        }
        // And it does reject: most unrelated names never reach the table.
        assert!(!piece_survives(b"kertasade", b"poteran", 2));
    }

    #[test]
    fn prefix_distance_agrees_with_a_plain_table() {
        fn plain(q: &[u8], n: &[u8]) -> usize {
            let mut best = usize::MAX;
            for end in 0..=n.len() {
                let t = &n[..end];
                let mut d: Vec<Vec<usize>> = vec![vec![0; t.len() + 1]; q.len() + 1];
                for i in 0..=q.len() {
                    d[i][0] = i;
                }
                for j in 0..=t.len() {
                    d[0][j] = j;
                }
                for i in 1..=q.len() {
                    for j in 1..=t.len() {
                        let c = usize::from(q[i - 1] != t[j - 1]);
                        d[i][j] = (d[i - 1][j - 1] + c)
                            .min(d[i - 1][j] + 1)
                            .min(d[i][j - 1] + 1);
                    }
                }
                best = best.min(d[q.len()][t.len()]);
            }
            best
        }
        let words = [
            "",
            "a",
            "ab",
            "raas",
            "banraas",
            "kertasada",
            "kertasade",
            "sumenep",
            "poteran",
            "aengtongtong",
            "xyz",
        ];
        let mut s = Scratch::default();
        for q in words.iter().filter(|w| !w.is_empty()) {
            for n in &words {
                for k in 1..=3 {
                    let want = plain(q.as_bytes(), n.as_bytes());
                    let got = prefix_distance(q.as_bytes(), n.as_bytes(), k, &mut s);
                    assert_eq!(got, (want <= k).then_some(want), "q={q} n={n} k={k}");
                }
            }
        }
    }
}
