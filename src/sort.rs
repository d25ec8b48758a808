//! Sorting through one shared routine. Every `sort_by` call site with a closure of its own makes
//! the compiler build the standard library's whole sort again for it (about ten functions each):
//! before this, 244 copies of sort code made 121 KB of the app's wasm (twiggy), in a first visit
//! whose budget is 700 KB (issue 15). Here the standard sort is built once, over the positions
//! of the items, with the comparison called through a pointer; the items are then put in that
//! order. Stable, like `sort_by`. The lists the app sorts this way are at most tens of
//! thousands long, where the indirect call costs little; the merge's field sort, run for every
//! record, keeps its own.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal items in their order.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    positions(&mut order, &mut |a, b| cmp(&v[a as usize], &v[b as usize]));
    permute(v, &order);
}

/// Sorts `v` by a key of each item.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by a key computed once per item (for keys that cost, such as folded names).
pub fn by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    positions(&mut order, &mut |a, b| {
        keys[a as usize].cmp(&keys[b as usize])
    });
    permute(v, &order);
}

/// Sorts `v` in its own order.
pub fn plain<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The one sort the app builds: positions, compared through a pointer.
#[inline(never)]
fn positions(order: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts `v` in `order`: afterwards `v[i]` is what was at `order[i]`. Follows each cycle of the
/// permutation with swaps, so nothing is copied.
fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &std, "stable: equal keys keep their order");
            let mut cached = v.clone();
            by_cached_key(&mut cached, |x| x.0);
            prop_assert_eq!(&cached, &std);
            let mut whole = v.clone();
            plain(&mut whole);
            let mut std_whole = v;
            std_whole.sort();
            prop_assert_eq!(whole, std_whole);
        }
    }
}
