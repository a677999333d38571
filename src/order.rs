//! Sorting, shared by every detector.
//!
//! Each `sort_by_key` with its own closure compiles the standard library's whole sort once more
//! (3–5 KB of wasm each): thirty call sites had made sorting 110 KB of the page's 530 KB of code.
//! Here a sort computes each element's key once — a position or a pair of them — sorts
//! `(key, index)` pairs with the one instantiation of the standard sort, and then moves the elements
//! into place. The page's wasm got 30 KB (gzipped) smaller; at opt-level 2 each further key type
//! (a triple, a quadruple) had cost 2–3 KB more.

use std::cmp::Ordering;

/// What a sort is by: a position, or a pair (compared first by first). Both sort as a pair.
pub(crate) trait Key {
    fn pair(self) -> (usize, usize);
}

impl Key for usize {
    fn pair(self) -> (usize, usize) {
        (self, 0)
    }
}

impl Key for (usize, usize) {
    fn pair(self) -> (usize, usize) {
        self
    }
}

/// Sorts `v` by `key`, stably (equal keys keep their order).
pub(crate) fn by_key<T, K: Key>(v: &mut [T], key: impl Fn(&T) -> K) {
    let key = |x: &T| key(x).pair();
    if v.len() <= SMALL {
        insertion(v, |a, b| key(a) > key(b));
        return;
    }
    let mut keyed: Vec<((usize, usize), usize)> = v.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    // Many sorts here put together what mostly comes in order already: a pass finds out, and spares
    // the sort and the moves.
    if in_order(&keyed) {
        return;
    }
    // The standard stable sort finds runs already in order, and most sorts here put together lists
    // that are each in text order: the unstable sort took 2.5x the instructions over an analysis.
    keyed.sort();
    permute(v, keyed.into_iter().map(|(_, i)| i).collect());
}

/// Sorts `v` by `cmp`, stably: for the few sorts whose order is no integer key (words by length,
/// then alphabetically; floats; findings by span, then rule id). Each comparison is a call through
/// a pointer, which the sorts that run on every analysis (the findings, a handful of floats) can
/// afford.
pub(crate) fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() <= SMALL {
        insertion(v, |a, b| cmp(a, b) == Ordering::Greater);
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Items in groups, laid out group after group in one vector rather than a vector per group.
pub(crate) struct Grouped {
    /// Item indices, group after group, each group in item order.
    pub items: Vec<usize>,
    /// Where each group ends in `items`.
    pub ends: Vec<usize>,
}

impl Grouped {
    /// The items of each group, group by group.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.items[a..b])
    }
}

/// Groups items by their group numbers (each below `groups`): a counting sort, stable and linear.
pub(crate) fn grouped(groups: usize, group_of: &[usize]) -> Grouped {
    let mut next = vec![0; groups];
    for &g in group_of {
        next[g] += 1;
    }
    let mut total = 0;
    for n in &mut next {
        (*n, total) = (total, total + *n);
    }
    let mut items = vec![0; group_of.len()];
    for (i, &g) in group_of.iter().enumerate() {
        items[next[g]] = i;
        next[g] += 1;
    }
    // Each group's next free place is now its end.
    Grouped { items, ends: next }
}

/// Not generic, so compiled once for every sort.
#[inline(never)]
fn in_order(keyed: &[((usize, usize), usize)]) -> bool {
    keyed.windows(2).all(|w| w[0].0 <= w[1].0)
}

/// Lists of positions, each sorted (a list that is not gets sorted first), merged into one sorted
/// list: linear, where sorting them all together is not — the sections' start and end points, for
/// one, come as a few such lists.
pub(crate) fn merged(mut lists: Vec<Vec<usize>>) -> Vec<usize> {
    for l in &mut lists {
        by_key(l, |&p| p);
    }
    let mut out: Vec<usize> = Vec::new();
    for l in lists {
        if out.is_empty() {
            out = l;
            continue;
        }
        let mut both = Vec::with_capacity(out.len() + l.len());
        let (mut i, mut j) = (0, 0);
        while i < out.len() && j < l.len() {
            if l[j] < out[i] {
                both.push(l[j]);
                j += 1;
            } else {
                both.push(out[i]);
                i += 1;
            }
        }
        both.extend_from_slice(&out[i..]);
        both.extend_from_slice(&l[j..]);
        out = both;
    }
    out
}

/// Up to this length a sort is an insertion sort in place: most sorts in an analysis are of a few
/// elements (the items of one list, the formulations of one sentence), where allocating the keys
/// and the order would cost more than the sort.
const SMALL: usize = 16;

/// Stable: an element moves left only past greater ones.
fn insertion<T>(v: &mut [T], greater: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && greater(&v[j - 1], &v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Not generic: the one stable sort in the program.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that position `i` holds what was at `order[i]` (a permutation of `0..len`),
/// following each cycle of the permutation once with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut j = start;
        loop {
            let k = order[j];
            // Marks position j done (a done position is its own source).
            order[j] = j;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Both sorts give exactly what the standard library's stable sort gives.
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0usize..6, any::<u16>()), 0..100)) {
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            let mut got = v.clone();
            by_key(&mut got, |p| p.0);
            prop_assert_eq!(&got, &want);
            let mut want2 = v.clone();
            want2.sort_by_key(|p| (p.0 % 2, p.1));
            let mut got = v.clone();
            by_key(&mut got, |p| (p.0 % 2, p.1 as usize));
            prop_assert_eq!(&got, &want2);
            let mut got = v.clone();
            by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
        }
    }

    proptest! {
        /// Input already in order (the shortcut) comes out as it went in, as the standard sort
        /// leaves it; so does input in order but for one element moved.
        #[test]
        fn input_in_order_is_left_as_it_is(v in proptest::collection::vec((0usize..40, any::<u16>()), 17..200), from in 0usize..200, to in 0usize..200) {
            let mut sorted = v.clone();
            sorted.sort_by_key(|p| p.0);
            let mut got = sorted.clone();
            by_key(&mut got, |p| p.0);
            prop_assert_eq!(&got, &sorted);
            let mut moved = sorted.clone();
            let x = moved.remove(from % moved.len());
            moved.insert(to % (moved.len() + 1), x);
            let mut want = moved.clone();
            want.sort_by_key(|p| p.0);
            by_key(&mut moved, |p| p.0);
            prop_assert_eq!(&moved, &want);
        }

        /// Merging gives what sorting everything together gives, whether or not each list came in
        /// order.
        #[test]
        fn merged_is_everything_sorted(lists in proptest::collection::vec(proptest::collection::vec(0usize..50, 0..40), 0..6), sort_first in any::<bool>()) {
            let mut lists = lists;
            if sort_first {
                lists.iter_mut().for_each(|l| l.sort());
            }
            let mut want: Vec<usize> = lists.concat();
            want.sort();
            prop_assert_eq!(merged(lists), want);
        }
    }

    #[test]
    fn sorts_stably_by_key_and_by_comparison() {
        let mut v = vec![(3usize, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'b'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w = vec!["bb", "a", "ccc", "b"];
        by(&mut w, |a, b| a.len().cmp(&b.len()));
        assert_eq!(w, ["a", "b", "bb", "ccc"]);
    }

    #[test]
    fn groups_keep_item_order() {
        let g = grouped(3, &[2, 0, 2, 1, 0]);
        assert_eq!(g.iter().collect::<Vec<_>>(), [&[1, 4][..], &[3], &[0, 2]]);
        assert_eq!(grouped(2, &[]).iter().map(<[usize]>::len).collect::<Vec<_>>(), [0, 0]);
    }

    #[test]
    fn permute_moves_every_element_once() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut v, vec![4, 0, 3, 2, 1]);
        assert_eq!(v, ['e', 'a', 'd', 'c', 'b']);
        let mut owned: Vec<String> = ["x", "y", "z"].iter().map(|s| s.to_string()).collect();
        permute(&mut owned, vec![2, 1, 0]);
        assert_eq!(owned, ["z", "y", "x"]);
    }
}
