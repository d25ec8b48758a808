//! What the import's native tests share: the day they run on and a small Sumenep gazetteer
//! (two villages named Poteran in two kecamatan, Kertasada and Aengtongtong as offices misspell
//! them).

use sentra::intake::Cell;
use sentra::model::rules::Today;
use sentra::wilayah::{Gazetteer, KabupatenData};

pub const NOW: u64 = 1_796_083_200_000; // 2026-11-30 00:00 UTC

pub fn today() -> Today {
    Today {
        year: 2026,
        iso: "2026-11-30".into(),
        clock_ms: NOW,
    }
}

pub fn gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new();
    g.add([KabupatenData {
        code: "35.29".into(),
        name: "Kabupaten Sumenep".into(),
        kecamatan: vec![
            ("35.29.02".into(), "Kalianget".into()),
            ("35.29.04".into(), "Talango".into()),
            ("35.29.06".into(), "Saronggi".into()),
            ("35.29.22".into(), "Ra'as".into()),
        ],
        villages: vec![
            ("35.29.02.2004".into(), "Kertasada".into()),
            ("35.29.04.2006".into(), "Poteran".into()),
            ("35.29.22.2006".into(), "Poteran".into()),
            ("35.29.06.2012".into(), "Aengtongtong".into()),
        ],
    }]);
    g
}

pub fn t(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}
