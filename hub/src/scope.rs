//! Which records a device may push and pull: its officer's kabupaten, or a whole province.

use sentra::model::{Kind, Record};

/// An officer's scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A kabupaten/kota code `PP.KK`.
    Kabupaten(String),
    /// A province code `PP`: every kabupaten in it.
    Provinsi(String),
}

fn two_digits(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Scope {
    /// `35.29` or `35`.
    pub fn parse(code: &str) -> Option<Scope> {
        let code = code.trim();
        match code.split_once('.') {
            Some((p, k)) if two_digits(p) && two_digits(k) => Some(Scope::Kabupaten(code.into())),
            None if two_digits(code) => Some(Scope::Provinsi(code.into())),
            _ => None,
        }
    }

    pub fn code(&self) -> &str {
        match self {
            Scope::Kabupaten(c) | Scope::Provinsi(c) => c,
        }
    }

    /// Whether a record stored under `kabupaten` (a `PP.KK`, or a bare `PP`) is inside.
    pub fn holds(&self, kabupaten: &str) -> bool {
        match self {
            Scope::Kabupaten(k) => kabupaten == k,
            Scope::Provinsi(p) => provinsi(kabupaten) == p,
        }
    }
}

/// The province part of a stored kabupaten code.
pub fn provinsi(kabupaten: &str) -> &str {
    kabupaten.get(..2).unwrap_or(kabupaten)
}

/// The kabupaten a record belongs to, from its region field (a desa `PP.KK.CC.DDDD`, a kecamatan
/// `PP.KK.CC` or a kabupaten `PP.KK`: the first five characters). `None`: it has none (Mitra,
/// Jejaring, a Kegiatan without a kecamatan).
pub fn kabupaten_of(r: &Record) -> Option<String> {
    let fields: &[&str] = match r.kind {
        Kind::Usaha | Kind::Sentra | Kind::SurveiDesa => &["desa"],
        Kind::Kawasan => &["kabupaten"],
        Kind::Kegiatan => &["kecamatan"],
        Kind::Mitra | Kind::Jejaring => &[],
    };
    fields.iter().find_map(|f| {
        let code = r.text(f).get(..5)?;
        Scope::parse(code)
            .filter(|s| matches!(s, Scope::Kabupaten(_)))
            .map(|_| code.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_hold() {
        let kab = Scope::parse("35.29").unwrap();
        let prov = Scope::parse("35").unwrap();
        assert!(kab.holds("35.29") && !kab.holds("35.10") && !kab.holds("35"));
        assert!(prov.holds("35.29") && prov.holds("35") && !prov.holds("36.01"));
        for bad in ["", "3", "35.2", "35.29.01", "ab.cd", "355"] {
            assert_eq!(Scope::parse(bad), None, "{bad}");
        }
    }
}
