//! Two hub instances (two routers, two pools) on one database, the same records pushed to both at
//! once: no update is lost. On PostgreSQL this is two hub processes behind a load balancer.
//! And many devices pushing to one hub at once, their pushes written in groups (`push.rs`):
//! each answered as if it had been alone.

mod common;

use common::*;
use serde_json::json;
use std::sync::Barrier;

const ROUNDS: usize = 12;
const PER_ROUND: usize = 40;

#[test]
fn two_hubs_on_one_database_pushing_the_same_records_at_once_lose_no_update() {
    for backend in backends() {
        let one = Hub::start(&backend, None);
        let two = Hub::start(&backend, None);
        let mut a = one.device("perangkat-a", "Ani", "35.29");
        let mut b = two.device("perangkat-b", "Budi", "35.29");
        let ids: Vec<String> = (0..ROUNDS * PER_ROUND)
            .map(|i| a.new_usaha(&format!("Usaha {i}"), "35.29.02.2004"))
            .collect();
        assert_eq!(one.push_bytes(&a.token, &a.bundle_all()).0, 200);
        b.pull_all(&two, None);
        assert_eq!(b.records.len(), ids.len());

        // Each round: fresh records, A edits one field through hub one while B edits another
        // through hub two, both pushed at the same moment. Without the write lock, both hubs
        // read the old copy and the second commit drops the first one's field.
        for (round, chunk) in ids.chunks(PER_ROUND).enumerate() {
            let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
            for id in &chunk {
                a.edit(id, "catatan", json!(format!("A{round}")));
                b.edit(id, "produk", json!(format!("B{round}")));
            }
            let (from_a, from_b) = (a.bundle_of(&chunk), b.bundle_of(&chunk));
            let start = Barrier::new(2);
            let (sa, sb) = std::thread::scope(|s| {
                let ta = s.spawn(|| {
                    start.wait();
                    one.push_bytes(&a.token, &from_a)
                });
                let tb = s.spawn(|| {
                    start.wait();
                    two.push_bytes(&b.token, &from_b)
                });
                (ta.join().unwrap(), tb.join().unwrap())
            });
            assert_eq!((sa.0, sb.0), (200, 200), "{} / {}", sa.1, sb.1);
        }

        let mut c = one.device("perangkat-c", "Citra", "35.29");
        c.pull_all(&one, None);
        for (i, id) in ids.iter().enumerate() {
            let r = &c.records[id.as_str()];
            let round = i / PER_ROUND;
            assert_eq!(
                (r.text("catatan"), r.text("produk")),
                (format!("A{round}").as_str(), format!("B{round}").as_str()),
                "{}: record {id} lost an update",
                backend.label()
            );
        }
        // Every change got a number of its own: each record was new once, then changed by A's
        // push and by B's (whichever came second merged into the first's result).
        let (count, seq) = one.stored();
        assert_eq!(count as usize, ids.len());
        assert_eq!(seq as usize, 3 * ids.len());
        drop((one, two));
        drop_backend(&backend);
    }
}

#[test]
fn many_devices_pushing_at_once_are_each_answered_as_if_alone() {
    const DEVICES: usize = 12;
    on_each_backend(|hub| {
        let mut devices: Vec<Device> = (0..DEVICES)
            .map(|i| hub.device(&format!("perangkat-{i}"), &format!("Petugas {i}"), "35.29"))
            .collect();
        let shared = devices[0].new_usaha("Usaha bersama", "35.29.02.2004");
        assert_eq!(
            hub.push_bytes(&devices[0].token, &devices[0].bundle_all())
                .0,
            200
        );
        for d in &mut devices[1..] {
            d.pull_all(hub, None);
        }
        let mut outsider = hub.device("perangkat-luar", "Luar", "35.01");
        let mut accepted = 0;
        for round in 0..3 {
            // Each device edits the shared record (the same field: one wins, as by stamps) and
            // adds one of its own; one device of another kabupaten pushes a record of this one.
            let bundles: Vec<Vec<u8>> = devices
                .iter_mut()
                .enumerate()
                .map(|(i, d)| {
                    d.edit(&shared, "catatan", json!(format!("{i}/{round}")));
                    let own = d.new_usaha(&format!("Usaha {i}/{round}"), "35.29.01.2001");
                    d.bundle_of(&[&shared, &own])
                })
                .collect();
            let stray = outsider.new_usaha(&format!("Salah tempat {round}"), "35.29.01.2001");
            let stray = outsider.bundle_of(&[&stray]);
            let start = Barrier::new(DEVICES + 1);
            let (answers, refused) = std::thread::scope(|s| {
                let threads: Vec<_> = devices
                    .iter()
                    .zip(&bundles)
                    .map(|(d, bytes)| {
                        let start = &start;
                        s.spawn(move || {
                            start.wait();
                            hub.push_bytes(&d.token, bytes)
                        })
                    })
                    .collect();
                let refused = s.spawn(|| {
                    start.wait();
                    hub.push_bytes(&outsider.token, &stray)
                });
                let answers: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
                (answers, refused.join().unwrap())
            });
            assert_eq!(refused.0, 403, "{}", refused.1);
            let mut cursors = Vec::new();
            for (status, answer) in &answers {
                assert_eq!(*status, 200, "{answer}");
                assert_eq!(answer["counts"]["usaha"]["new"], 1, "{answer}");
                cursors.push(answer["cursor"].as_i64().unwrap());
            }
            accepted += answers.len();
            cursors.sort_unstable();
            cursors.dedup();
            assert_eq!(cursors.len(), DEVICES, "each push has a cursor of its own");
        }

        // A new device gets what merging every device's records directly gives.
        let mut expected = Device::new("oracle", "Oracle", "");
        for d in &devices {
            for r in d.records.values() {
                expected.receive(r);
            }
        }
        let mut fresh = hub.device("perangkat-baru", "Baru", "35.29");
        fresh.pull_all(hub, None);
        let states = |d: &Device| d.records.values().map(state).collect::<Vec<_>>();
        assert_eq!(fresh.records.len(), 1 + 3 * DEVICES);
        assert_eq!(states(&fresh), states(&expected));
        // One audit row per accepted push (and the first), none for the refused ones.
        let audits: i64 = hub.rt.block_on(async {
            sqlx::query_scalar("SELECT COUNT(*) FROM audit")
                .fetch_one(&hub.db.pool)
                .await
                .unwrap()
        });
        assert_eq!(audits as usize, accepted + 1);
    });
}
