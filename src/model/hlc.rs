//! Hybrid logical clock: every change gets a stamp (wall time in ms, a counter, the device id)
//! that orders changes across devices even when their clocks disagree a little, and never goes
//! backwards on one device. The merge (sharing issue) decides per field by these stamps.
//!
//! A stamp from elsewhere is taken in only if it is at most [`MAX_AHEAD_MS`] ahead of this
//! device's own time (hybrid logical clocks call it the maximum clock offset): otherwise one file
//! stamped in the year 2999, or one phone whose date is set years ahead, would carry every later
//! edit on every device that received it past every other officer's real edits. Files holding such
//! stamps are refused (`bundle`), so a clock only ever jumps a bounded time ahead. Stamps already
//! on the device are taken in whatever their time (they were accepted, or made here): a clock
//! never goes back behind its own stamps, and [`Clock::ahead_of`] tells the officer when the
//! device's date looks wrong.

use crate::model::Name;
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
    pub device: Name,
}

impl Stamp {
    /// Whether both stamps are of one device. Device ids are shared (`model::shared`), so this is
    /// mostly a comparison of addresses; `Name`'s own `==` always compares the text.
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

/// How far ahead of a device's own time a received stamp may be: 2 hours. Enough for clocks set
/// by hand a little off; a phone whose date or time zone is wrong by more is named when its file
/// is refused, so its officer can correct it.
pub const MAX_AHEAD_MS: u64 = 2 * 60 * 60 * 1000;

/// Whether a stamp received at the device's time `now_ms` is too far ahead to be taken in.
pub fn too_far_ahead(wall: u64, now_ms: u64) -> bool {
    wall > now_ms.saturating_add(MAX_AHEAD_MS)
}

/// One device's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub device: Name,
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

    /// Takes in a stamp already accepted (a stored record, or a received one within
    /// [`MAX_AHEAD_MS`] of now, which the bundle reader has checked) so later local stamps order
    /// after it.
    pub fn observe(&mut self, seen: &Stamp) {
        if seen.wall > self.wall {
            self.wall = seen.wall;
            self.counter = seen.counter;
        } else if seen.wall == self.wall {
            self.counter = self.counter.max(seen.counter);
        }
    }
}

impl Clock {
    /// How far this clock runs ahead of the device's time `now_ms` beyond [`MAX_AHEAD_MS`]
    /// (`None`: within it). Received stamps never take it there, so stamps made here did: the
    /// device's date was later before than it is now, and one of the two is wrong.
    pub fn ahead_of(&self, now_ms: u64) -> Option<u64> {
        too_far_ahead(self.wall, now_ms).then(|| self.wall - now_ms)
    }

    /// The latest wall time this clock has made or seen.
    pub fn wall(&self) -> u64 {
        self.wall
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::shared;

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
            device: shared("c"),
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
    fn a_clock_says_when_its_own_stamps_run_ahead_of_the_device_time() {
        let mut c = Clock::new("a");
        c.tick(10_000_000);
        assert_eq!(c.ahead_of(10_000_000), None);
        assert_eq!(
            c.ahead_of(10_000_000 - MAX_AHEAD_MS),
            None,
            "within the bound"
        );
        // The phone's date was set back by a day after these stamps were made.
        c.tick(90_000_000_000);
        assert_eq!(c.ahead_of(90_000_000_000 - 86_400_000), Some(86_400_000));
        assert!(too_far_ahead(MAX_AHEAD_MS + 1, 0) && !too_far_ahead(MAX_AHEAD_MS, 0));
        assert!(!too_far_ahead(u64::MAX, u64::MAX), "no overflow");
    }

    #[test]
    fn ties_are_broken_by_device() {
        let x = Stamp {
            wall: 7,
            counter: 0,
            device: shared("a"),
        };
        let y = Stamp {
            wall: 7,
            counter: 0,
            device: shared("b"),
        };
        assert!(x < y);
        assert!(
            Stamp {
                wall: 7,
                counter: 1,
                device: shared("a")
            } > y
        );
    }
}
