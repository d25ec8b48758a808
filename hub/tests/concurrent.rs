//! Two hub instances (two routers, two pools) on one database, the same records pushed to both at
//! once: no update is lost. On PostgreSQL this is two hub processes behind a load balancer.

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
            let r = &c.records[id];
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
