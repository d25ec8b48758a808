//! The bundle writer in steps: [`write`](super::write)'s text, a hundred records at a time, then
//! the checksum a megabyte at a time, so the page can breathe between steps (writing 50,000 Usaha
//! in one go held Chromium for 2.6 s).
//!
//! The canonical form is the content as JSON with every object's keys in order and no spaces;
//! each record's canonical text is the same whether written alone or inside the whole, so the
//! records are written one by one and the parts around them last (the device and officer lists
//! come before `records` and are complete only then; `around_records` writes those parts as the
//! stepped reader hashes them). The checksum's key sorts first, so the bundle's text is
//! `{"checksum":"…",` followed by the canonical text without its `{`.

use super::{
    around_records, checksum_text, content_of, to_json, wire, wire_record, Header, Names, Record,
};
use sha2::{Digest, Sha256};

const RECORDS_PER_STEP: usize = 100;
const BYTES_PER_STEP: usize = 1 << 20;

/// Where [`Writer::step`] is.
enum Stage {
    /// Writing records; the next one's position.
    Records(usize),
    /// Hashing the canonical text: the parts around the records, and how much of them is hashed.
    Checksum {
        before: String,
        after: String,
        hasher: Sha256,
        hashed: usize,
    },
}

pub struct Writer {
    header: Header,
    records: Vec<Record>,
    devices: Names,
    officers: Names,
    /// The records' canonical texts, comma-separated.
    body: String,
    stage: Stage,
}

impl Writer {
    pub fn new(header: Header, mut records: Vec<Record>) -> Self {
        crate::sort::by(&mut records, |a, b| a.id.cmp(&b.id));
        Writer {
            header,
            records,
            devices: Names::default(),
            officers: Names::default(),
            body: String::new(),
            stage: Stage::Records(0),
        }
    }

    /// Does the next step; the bundle's text once done.
    pub fn step(&mut self) -> Option<String> {
        match &mut self.stage {
            Stage::Records(next) if *next < self.records.len() => {
                let end = (*next + RECORDS_PER_STEP).min(self.records.len());
                for r in &self.records[*next..end] {
                    if !self.body.is_empty() {
                        self.body.push(',');
                    }
                    let w = wire_record(r, &mut self.devices, &mut self.officers);
                    let value = serde_json::to_value(&w).expect("serialisable");
                    self.body.push_str(&value.to_string());
                }
                *next = end;
                None
            }
            Stage::Records(_) => {
                let wire = wire(
                    &self.header,
                    std::mem::take(&mut self.devices),
                    std::mem::take(&mut self.officers),
                    Vec::new(),
                );
                let (before, after) = around_records(&content_of(&wire));
                let mut hasher = Sha256::new();
                hasher.update(before.as_bytes());
                self.stage = Stage::Checksum {
                    before,
                    after,
                    hasher,
                    hashed: 0,
                };
                None
            }
            Stage::Checksum {
                before,
                after,
                hasher,
                hashed,
            } => {
                if *hashed < self.body.len() {
                    let end = (*hashed + BYTES_PER_STEP).min(self.body.len());
                    hasher.update(&self.body.as_bytes()[*hashed..end]);
                    *hashed = end;
                    return None;
                }
                hasher.update(after.as_bytes());
                let checksum = to_json(&checksum_text(hasher.clone()));
                let mut text = String::with_capacity(
                    before.len() + self.body.len() + after.len() + checksum.len() + 16,
                );
                text.push_str("{\"checksum\":");
                text.push_str(&checksum);
                text.push(',');
                text.push_str(&before[1..]);
                text.push_str(&self.body);
                text.push_str(after);
                Some(text)
            }
        }
    }

    /// How far it is, 0 to 1 (records are most of the work).
    pub fn progress(&self) -> f64 {
        match &self.stage {
            Stage::Records(next) => *next as f64 / self.records.len().max(1) as f64 * 0.8,
            Stage::Checksum { hashed, .. } => {
                0.8 + 0.2 * *hashed as f64 / self.body.len().max(1) as f64
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read, write, Scope};
    use super::*;
    use crate::model::hlc::Clock;
    use crate::model::rules::Today;
    use crate::model::{Editor, Kind};
    use serde_json::json;

    fn header(officer: &str) -> Header {
        Header {
            created_ms: 1_795_400_000_000,
            device: "dev-a".into(),
            officer: officer.into(),
            kabupaten: Some("35.29".into()),
            scope: Scope::All,
        }
    }

    fn records(n: usize) -> Vec<Record> {
        let mut a = Clock::new("device-a");
        let mut b = Clock::new("device-b");
        (0..n)
            .map(|i| {
                let mut ed = Editor {
                    clock: if i % 3 == 0 { &mut b } else { &mut a },
                    officer: if i % 2 == 0 {
                        "Petugas \"Satu\""
                    } else {
                        "Petugas Dua"
                    },
                    now_ms: 1_795_000_000_000 + i as u64,
                };
                let kind = if i % 5 == 0 { Kind::Mitra } else { Kind::Usaha };
                let mut r = Record::new(kind, &mut ed);
                r.set(
                    "nama",
                    json!(format!("Usaha {i} \"records\":[] é")),
                    &mut ed,
                );
                r.set("tenaga_kerja", json!(i % 40), &mut ed);
                r.set("lat", json!(-7.0123 - i as f64 / 1000.0), &mut ed);
                if i % 7 == 0 {
                    r.set_deleted(true, &mut ed);
                }
                r
            })
            .collect()
    }

    fn stepped(header: Header, records: Vec<Record>) -> String {
        let mut w = Writer::new(header, records);
        let mut last = -1.0;
        loop {
            assert!(
                w.progress() >= last,
                "progress only goes forward: {last} -> {}",
                w.progress()
            );
            last = w.progress();
            if let Some(text) = w.step() {
                return text;
            }
        }
    }

    #[test]
    fn in_steps_the_same_text_as_in_one_go() {
        for n in [0, 1, 2, 99, 100, 101, 1_234] {
            let rs = records(n);
            let h = header("Petugas \"records\":[] Uji");
            let whole = write(&h, &rs);
            assert_eq!(stepped(h, rs), whole, "{n} records");
        }
    }

    #[test]
    fn what_it_writes_reads_back() {
        let mut clock = Clock::new("device-a");
        let mut ed = Editor {
            clock: &mut clock,
            officer: "Petugas Uji",
            now_ms: 1_795_000_000_000,
        };
        let mitra: Vec<Record> = (0..250)
            .map(|i| {
                let mut r = Record::new(Kind::Mitra, &mut ed);
                r.set("nama", json!(format!("Koperasi {i}")), &mut ed);
                r.set("jenis", json!("investor"), &mut ed);
                r
            })
            .collect();
        let text = stepped(header("Petugas Uji"), mitra.clone());
        let today = Today {
            year: 2027,
            iso: "2027-01-01".into(),
            clock_ms: 1_798_761_600_000, // 2027-01-01T00:00Z
        };
        let b = read(text.as_bytes(), &today).expect("a valid bundle");
        assert_eq!(b.records, {
            let mut sorted = mitra;
            crate::sort::by(&mut sorted, |a, b| a.id.cmp(&b.id));
            sorted
        });
    }
}
