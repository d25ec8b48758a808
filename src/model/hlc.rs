//! Hybrid logical clock: every change gets a stamp (wall time in ms, a counter, the device id)
//! that orders changes across devices even when their clocks disagree a little, and never goes
//! backwards on one device. The merge (sharing issue) decides per field by these stamps.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

#[derive(Clone, Debug, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Milliseconds since the Unix epoch (at least; may run ahead of a slow clock).
    pub wall: u64,
    pub counter: u32,
    /// Shared, not copied: 50,000 records hold hundreds of thousands of stamps naming a handful
    /// of devices.
    pub device: Arc<str>,
}

impl Stamp {
    /// Whether both stamps are of one device. Device ids are shared (`model::shared`), so this is
    /// mostly a comparison of addresses; `Arc<str>`'s own `==` always compares the text.
    pub fn same_device(&self, other: &Stamp) -> bool {
        Arc::ptr_eq(&self.device, &other.device) || self.device == other.device
    }
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Self) -> bool {
        self.wall == other.wall && self.counter == other.counter && self.same_device(other)
    }
}

/// By the device's text, as `==` compares it.
impl Hash for Stamp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.wall, self.counter, &*self.device).hash(state);
    }
}

impl Ord for Stamp {
    /// Later wall time wins, then the higher counter, then the device id (a deterministic tie-break).
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall, self.counter, &self.device).cmp(&(other.wall, other.counter, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One device's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub device: Arc<str>,
    wall: u64,
    counter: u32,
}

impl Clock {
    pub fn new(device: impl Into<String>) -> Self {
        Clock {
            device: super::shared(&device.into()),
            wall: 0,
            counter: 0,
        }
    }

    /// A stamp for a local change at physical time `now_ms`: after every stamp this clock has
    /// made or seen.
    pub fn tick(&mut self, now_ms: u64) -> Stamp {
        if now_ms > self.wall {
            self.wall = now_ms;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        Stamp {
            wall: self.wall,
            counter: self.counter,
            device: self.device.clone(),
        }
    }

    /// Takes in a stamp from elsewhere (a loaded record, an imported bundle) so later local
    /// stamps order after it.
    pub fn observe(&mut self, seen: &Stamp) {
        if seen.wall > self.wall {
            self.wall = seen.wall;
            self.counter = seen.counter;
        } else if seen.wall == self.wall {
            self.counter = self.counter.max(seen.counter);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_never_go_backwards_even_when_the_clock_does() {
        let mut c = Clock::new("a");
        let s1 = c.tick(1_000);
        let s2 = c.tick(1_000);
        let s3 = c.tick(900); // the phone's clock was set back
        let s4 = c.tick(2_000);
        assert!(s1 < s2 && s2 < s3 && s3 < s4, "{s1:?} {s2:?} {s3:?} {s4:?}");
        assert_eq!((s3.wall, s3.counter), (1_000, 2));
        assert_eq!((s4.wall, s4.counter), (2_000, 0));
    }

    #[test]
    fn observing_a_later_stamp_orders_local_changes_after_it() {
        let mut a = Clock::new("a");
        let mut b = Clock::new("b");
        let from_b = b.tick(5_000); // b's clock runs ahead
        a.observe(&from_b);
        let next = a.tick(4_000);
        assert!(next > from_b);
        assert_eq!((next.wall, next.counter), (5_000, 1));
        // Seeing an older stamp changes nothing.
        let before = a.clone();
        a.observe(&Stamp {
            wall: 10,
            counter: 9,
            device: "c".into(),
        });
        assert_eq!(a, before);
    }

    #[test]
    fn stamps_of_one_device_are_equal_whether_or_not_its_id_is_shared() {
        let shared = Clock::new("dev-a").tick(5);
        let apart = Stamp {
            wall: 5,
            counter: 0,
            device: Arc::from(String::from("dev-a")),
        };
        assert!(!Arc::ptr_eq(&shared.device, &apart.device));
        assert_eq!(shared, apart);
        assert!(shared.same_device(&apart));
        let hash = |s: &Stamp| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            s.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&shared), hash(&apart));
        assert_ne!(
            shared,
            Stamp {
                counter: 1,
                ..apart
            }
        );
    }

    #[test]
    fn ties_are_broken_by_device() {
        let x = Stamp {
            wall: 7,
            counter: 0,
            device: "a".into(),
        };
        let y = Stamp {
            wall: 7,
            counter: 0,
            device: "b".into(),
        };
        assert!(x < y);
        assert!(
            Stamp {
                wall: 7,
                counter: 1,
                device: "a".into()
            } > y
        );
    }
}
