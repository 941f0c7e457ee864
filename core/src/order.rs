//! Sorting through one instantiation of the standard library's sort (issue 19).
//!
//! `slice::sort_by` and its kin are generic over the element and the comparator, so every
//! call site compiles its own copy of the whole sort algorithm (driftsort or ipnsort, several
//! kilobytes each). With about forty call sites that was about 8% of the shipped wasm. Here
//! every sort computes a permutation of positions with one non-generic function, whose
//! comparator is a trait object, and then moves the elements into that order: the generic
//! part left per call site is a few dozen instructions.
//!
//! Every sort here is stable. Callers that sorted with `sort_unstable` on keys that are all
//! distinct (positions, ids) get the same order.
//!
//! The app and core call these instead of the slice methods; clippy.toml forbids the slice
//! methods in both crates so that a new call site can't bring a copy back.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them, stably. The one place that
/// instantiates the standard library's sort for the whole program.
#[inline(never)]
#[allow(clippy::disallowed_methods)]
pub fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|a, b| cmp(*a, *b));
    positions
}

/// Puts `items` in the order of `positions` (a permutation of `0..items.len()`: the element
/// at `positions[i]` goes to `i`), in place, following each cycle once.
fn apply<T>(items: &mut [T], mut positions: Vec<usize>) {
    for start in 0..positions.len() {
        let mut at = start;
        while let Some(from) = positions.get_mut(at).map(|p| std::mem::replace(p, at)) {
            if from == start || from == at || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` stably by `cmp`.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let positions = {
        let all: &[T] = items;
        permutation(all.len(), &mut |a, b| match (all.get(a), all.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    apply(items, positions);
}

/// Sorts `items` stably by their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` stably by `key`, which is computed once per element (so it may allocate,
/// as a lowercased name does).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    if items.len() < 2 {
        return;
    }
    let keys: Vec<K> = items.iter().map(key).collect();
    let positions = permutation(keys.len(), &mut |a, b| match (keys.get(a), keys.get(b)) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => Ordering::Equal,
    });
    apply(items, positions);
}

/// A `BTreeMap` from `pairs`, inserted one by one; a later pair with an equal key replaces an
/// earlier one, as with `collect`. `collect::<BTreeMap<_, _>>()` sorts its input first, with a
/// copy of the stable sort for every key and value type; this doesn't.
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> std::collections::BTreeMap<K, V> {
    let mut map = std::collections::BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// A `BTreeSet` from `items`, inserted one by one (see [`btree_map`]).
pub fn btree_set<T: Ord>(items: impl IntoIterator<Item = T>) -> std::collections::BTreeSet<T> {
    let mut set = std::collections::BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_by_key(input: &[(u8, u32)], expected: &[(u8, u32)]) {
        let mut v = input.to_vec();
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected, "sort_by_key of {input:?}");
    }

    #[test]
    fn sorts_by_key_stably() {
        check_by_key(&[], &[]);
        check_by_key(&[(1, 0)], &[(1, 0)]);
        check_by_key(&[(2, 0), (1, 1), (2, 2), (1, 3)], &[(1, 1), (1, 3), (2, 0), (2, 2)]);
    }

    #[test]
    fn builds_maps_and_sets_as_collect_does() {
        let pairs = [(2, "b"), (1, "a"), (2, "c")];
        assert_eq!(btree_map(pairs), pairs.into_iter().collect());
        assert_eq!(btree_set([3, 1, 3, 2]), [3, 1, 3, 2].into_iter().collect());
    }

    #[test]
    fn sorts_by_a_comparator_in_reverse() {
        let mut v = vec!["b".to_string(), "c".to_string(), "a".to_string()];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a"]);
    }

    proptest! {
        #[test]
        fn matches_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u32>()), 0..200)) {
            let mut ours = v.clone();
            let mut std_sorted = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            #[allow(clippy::disallowed_methods)]
            std_sorted.sort_by(|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&ours, &std_sorted);
            let mut keyed = v.clone();
            sort_by_key(&mut keyed, |p| p.0);
            prop_assert_eq!(&keyed, &std_sorted);
            let mut natural = v.clone();
            sort(&mut natural);
            let mut std_natural = v;
            #[allow(clippy::disallowed_methods)]
            std_natural.sort();
            prop_assert_eq!(natural, std_natural);
        }
    }
}
