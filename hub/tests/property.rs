//! Several devices with random edits syncing through the hub in random orders end with the same
//! records as merging all their changes directly, and as exchanging files.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sentra::bundle;
use sentra::model::merge::merge_into;
use sentra::model::{Id, Record, DELETED};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const DEVICES: usize = 3;
const FIELDS: [&str; 4] = ["nama", "status", "catatan", DELETED];
/// Cases per engine: each is a few dozen HTTP requests.
const CASES: u32 = 200;

#[derive(Clone, Debug)]
enum Op {
    /// A device makes a new Usaha.
    New(usize),
    /// A device edits one of the records it holds (by position), one field, one of a few values.
    Edit {
        dev: usize,
        record: usize,
        field: usize,
        value: u8,
    },
    Push(usize),
    /// A device pulls from its cursor, in pages of `page` records.
    Pull {
        dev: usize,
        page: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..DEVICES).prop_map(Op::New),
        4 => (0..DEVICES, 0..8usize, 0..FIELDS.len(), 0u8..4)
            .prop_map(|(dev, record, field, value)| Op::Edit { dev, record, field, value }),
        2 => (0..DEVICES).prop_map(Op::Push),
        2 => (0..DEVICES, 1..4i64).prop_map(|(dev, page)| Op::Pull { dev, page }),
    ]
}

fn value(field: &str, v: u8) -> Value {
    match field {
        "nama" => json!(format!("Usaha {v}")),
        "status" => json!(["aktif", "tidak_aktif", "tutup"][v as usize % 3]),
        DELETED => json!(v.is_multiple_of(2)),
        _ => json!(format!("catatan {v}")),
    }
}

/// Every copy of every record, merged: what syncing everything must give.
fn merged_all<'a>(copies: impl IntoIterator<Item = &'a Record>) -> BTreeMap<Id, Record> {
    let mut out: BTreeMap<Id, Record> = BTreeMap::new();
    for r in copies {
        match out.get_mut(&r.id) {
            Some(m) => {
                merge_into(m, r);
            }
            None => {
                out.insert(r.id.clone(), r.clone());
            }
        }
    }
    out
}

fn states(records: &BTreeMap<Id, Record>) -> Vec<(Id, impl PartialEq + std::fmt::Debug)> {
    records
        .iter()
        .map(|(id, r)| (id.clone(), state(r)))
        .collect()
}

/// One case: its own kabupaten, so cases on one hub never see each other's records.
fn play(hub: &Hub, case: usize, ops: &[Op]) -> Result<(), TestCaseError> {
    let kabupaten = format!("{:02}.{:02}", 11 + case / 99, 1 + case % 99);
    let desa = format!("{kabupaten}.01.2001");
    let mut devices: Vec<Device> = (0..DEVICES)
        .map(|d| {
            hub.device(
                &format!("c{case}-d{d}"),
                &format!("Petugas {d}"),
                &kabupaten,
            )
        })
        .collect();
    for (n, op) in ops.iter().enumerate() {
        match *op {
            Op::New(d) => {
                devices[d].new_usaha(&format!("Usaha {case}-{n}"), &desa);
            }
            Op::Edit {
                dev,
                record,
                field,
                value: v,
            } => {
                let device = &mut devices[dev];
                if let Some(id) = device
                    .records
                    .keys()
                    .nth(record % device.records.len().max(1))
                {
                    let id = id.clone();
                    device.edit(&id, FIELDS[field], value(FIELDS[field], v));
                }
            }
            Op::Push(d) => {
                if !devices[d].records.is_empty() {
                    let (status, body) =
                        hub.push_bytes(&devices[d].token, &devices[d].bundle_all());
                    prop_assert_eq!(status, 200, "{}", body);
                }
            }
            Op::Pull { dev, page } => devices[dev].pull_all(hub, Some(page)),
        }
    }
    let want = merged_all(devices.iter().flat_map(|d| d.records.values()));
    // The same as exchanging files: every device's bundle read back and merged.
    let by_files = merged_all(
        devices
            .iter()
            .flat_map(|d| bundle::read(&d.bundle_all(), &today()).unwrap().records)
            .collect::<Vec<_>>()
            .iter(),
    );
    prop_assert_eq!(states(&by_files), states(&want));
    for d in &devices {
        if !d.records.is_empty() {
            let (status, body) = hub.push_bytes(&d.token, &d.bundle_all());
            prop_assert_eq!(status, 200, "{}", body);
        }
    }
    for d in devices.iter_mut() {
        d.pull_all(hub, Some(3));
        prop_assert_eq!(states(&d.records), states(&want), "device {}", d.id);
    }
    Ok(())
}

#[test]
fn devices_syncing_through_the_hub_end_as_merging_all_their_changes() {
    for backend in backends() {
        let hub = Hub::start(&backend, None);
        let started = std::time::Instant::now();
        let case = std::cell::Cell::new(0);
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&proptest::collection::vec(op(), 1..24), |ops| {
            case.set(case.get() + 1);
            play(&hub, case.get(), &ops)
        });
        eprintln!(
            "{}: {} cases (with shrinking) in {:.1} s",
            backend.label(),
            case.get(),
            started.elapsed().as_secs_f64()
        );
        drop(hub);
        drop_backend(&backend);
        result.unwrap();
    }
}
