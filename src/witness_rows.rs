//! The view model of three witnesses: their claims grouped into rows through the pairwise
//! matches (a claim and its matches on the other two sides share a row; a claim no other side
//! matches stands alone), the rows grouped by topic. The app's three-column views read it.

use crate::model::{Comparison, Readout, Side, TopicId};
use crate::witnesses::Witnesses;

/// The witnesses by number: `0` is `a`, `1` is `b`, `2` is `c`.
pub const WITNESSES: [usize; 3] = [0, 1, 2];

/// Where witness `w`'s claims live: the pair comparison that holds them (`ab` for `a` and `b`,
/// `ac` for `c`) and their side in it. Claim numbers are the same in every pair that holds the
/// witness (one readout, one segmentation).
#[must_use]
pub fn home(w: &Witnesses, witness: usize) -> (&Comparison, Side) {
    match witness {
        0 => (&w.ab, Side::A),
        1 => (&w.ab, Side::B),
        _ => (&w.ac, Side::B),
    }
}

/// The comparison of witnesses `x` and `y` (different), with the side of each in it.
#[must_use]
pub fn pair(w: &Witnesses, x: usize, y: usize) -> (&Comparison, Side, Side) {
    match (x, y) {
        (0, 1) => (&w.ab, Side::A, Side::B),
        (1, 0) => (&w.ab, Side::B, Side::A),
        (0, _) => (&w.ac, Side::A, Side::B),
        (_, 0) => (&w.ac, Side::B, Side::A),
        (1, _) => (&w.bc, Side::A, Side::B),
        _ => (&w.bc, Side::B, Side::A),
    }
}

/// The matches of claim `i` of witness `x` with witness `y`: (match number in [`pair`]'s
/// comparison, `y`'s claim), in `y`'s text order.
#[must_use]
pub fn matches_with(w: &Witnesses, x: usize, i: usize, y: usize) -> Vec<(usize, usize)> {
    let (cmp, sx, _) = pair(w, x, y);
    let mut out: Vec<(usize, usize)> = cmp
        .matches
        .iter()
        .enumerate()
        .filter_map(|(m, mm)| match sx {
            Side::A => (mm.a == i).then_some((m, mm.b)),
            Side::B => (mm.b == i).then_some((m, mm.a)),
        })
        .collect();
    out.sort_by_key(|&(m, other)| (other, m));
    out
}

/// Claim `i` of witness `w` named as the JSON names claims, by its witness: `c5` is the fifth
/// claim of `c` (in the pair comparisons it is named by its side there, `b5` in `ac`).
#[must_use]
pub fn claim_name(witness: usize, i: usize) -> String {
    format!("{}{}", crate::witnesses::KEYS[witness.min(2)], i + 1)
}

/// The three readouts.
#[must_use]
pub fn readouts(w: &Witnesses) -> [&Readout; 3] {
    WITNESSES.map(|k| {
        let (cmp, side) = home(w, k);
        &cmp.side(side).readout
    })
}

/// The witnesses' names for column heads: each readout's label, with its language added where
/// two witnesses share a label ("Russia (Russian)", "Russia (English)"), else its file name.
#[must_use]
pub fn labels(w: &Witnesses) -> [String; 3] {
    let readouts = readouts(w);
    WITNESSES.map(|k| {
        let r = readouts[k];
        let shared = WITNESSES
            .iter()
            .any(|&o| o != k && readouts[o].label == r.label);
        if !shared {
            return r.label.clone();
        }
        let language = r
            .language
            .as_deref()
            .and_then(crate::language::by_code)
            .map(|l| l.name);
        let differs = WITNESSES
            .iter()
            .filter(|&&o| o != k && readouts[o].label == r.label)
            .all(|&o| readouts[o].language != r.language);
        match language {
            Some(name) if differs => format!("{} ({name})", r.label),
            _ => {
                let file = r.source.rsplit(['/', '\\']).next().unwrap_or(&r.source);
                format!("{} ({file})", r.label)
            }
        }
    })
}

/// One row: a claim and its matches, per witness (claim numbers in text order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeRow {
    /// Per witness, its claims on this row.
    pub cells: [Vec<usize>; 3],
}

impl ThreeRow {
    /// The witness that alone makes this point, if only one does.
    #[must_use]
    pub fn only(&self) -> Option<usize> {
        let present: Vec<usize> = WITNESSES
            .into_iter()
            .filter(|&k| !self.cells[k].is_empty())
            .collect();
        match present.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// What the three-column topic view lists, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A topic's heading: its id, heading, colour, and each witness's claims under it.
    Header {
        /// The topic.
        topic: TopicId,
        /// Its heading.
        label: String,
        /// Its colour, `#rrggbb`.
        color: String,
        /// Per witness, how many of its claims are under this topic.
        counts: [usize; 3],
    },
    /// A row of claims.
    Row(ThreeRow),
}

/// The rows under the heading at `items[heading]`, up to the next heading.
pub fn rows_under(items: &[Item], heading: usize) -> impl Iterator<Item = &ThreeRow> {
    items
        .get(heading + 1..)
        .unwrap_or_default()
        .iter()
        .map_while(|item| match item {
            Item::Row(row) => Some(row),
            Item::Header { .. } => None,
        })
}

/// The rows of three witnesses grouped by topic: topics in the order the pair comparisons list
/// them (`ab`'s, then any only `ac` or `bc` has), rows in the order of their first claim (`a`'s
/// text first, then `b`'s, then `c`'s). A row holds every claim its matches join, so a claim of
/// `c` that matches a claim of `a` stands on `a`'s row; a row's topic is that of its first claim.
#[must_use]
pub fn group(w: &Witnesses) -> Vec<Item> {
    let counts = WITNESSES.map(|k| {
        let (cmp, side) = home(w, k);
        cmp.side(side).claims.len()
    });
    let links = [(0, 1), (0, 2), (1, 2)].map(|(x, y)| {
        let (cmp, _, _) = pair(w, x, y);
        cmp.matches.iter().map(|m| (m.a, m.b)).collect::<Vec<_>>()
    });
    let rows: Vec<(TopicId, ThreeRow)> = rows_of(counts, &links)
        .into_iter()
        .map(|row| {
            let k = WITNESSES
                .into_iter()
                .find(|&k| !row.cells[k].is_empty())
                .unwrap_or(0);
            let (cmp, side) = home(w, k);
            let topic = row.cells[k]
                .first()
                .and_then(|&i| cmp.side(side).claims.get(i))
                .map(|c| c.topic.clone())
                .unwrap_or_default();
            (topic, row)
        })
        .collect();
    let mut items = Vec::new();
    for topic in topic_order(w) {
        let under: Vec<&ThreeRow> = rows
            .iter()
            .filter(|(id, _)| *id == topic.id)
            .map(|(_, row)| row)
            .collect();
        if under.is_empty() {
            continue;
        }
        let counts = WITNESSES.map(|k| under.iter().map(|r| r.cells[k].len()).sum());
        items.push(Item::Header {
            topic: topic.id.clone(),
            label: topic.label.clone(),
            color: topic.color.clone(),
            counts,
        });
        items.extend(under.into_iter().cloned().map(Item::Row));
    }
    items
}

/// The rows of three witnesses of `counts` claims joined by `links` (the matched claim pairs of
/// a–b, a–c and b–c): one row per group of claims the links join, in the order of each row's
/// first claim (`a`'s claims first, then `b`'s, then `c`'s).
#[must_use]
pub fn rows_of(counts: [usize; 3], links: &[Vec<(usize, usize)>; 3]) -> Vec<ThreeRow> {
    let offset = [0, counts[0], counts[0] + counts[1]];
    let mut sets = Sets::new(offset[2] + counts[2]);
    for ((x, y), pairs) in [(0, 1), (0, 2), (1, 2)].into_iter().zip(links) {
        for &(i, j) in pairs {
            if i < counts[x] && j < counts[y] {
                sets.join(offset[x] + i, offset[y] + j);
            }
        }
    }
    let mut row_of = vec![usize::MAX; sets.len()];
    let mut rows: Vec<ThreeRow> = Vec::new();
    for k in WITNESSES {
        for i in 0..counts[k] {
            let root = sets.root(offset[k] + i);
            if row_of[root] == usize::MAX {
                row_of[root] = rows.len();
                rows.push(ThreeRow {
                    cells: [Vec::new(), Vec::new(), Vec::new()],
                });
            }
            rows[row_of[root]].cells[k].push(i);
        }
    }
    rows
}

/// Topics of the three pairs, each once, `ab`'s order first.
fn topic_order(w: &Witnesses) -> Vec<&crate::model::TopicRow> {
    let mut out: Vec<&crate::model::TopicRow> = Vec::new();
    for cmp in [&w.ab, &w.ac, &w.bc] {
        for topic in &cmp.topics {
            if !out.iter().any(|t| t.id == topic.id) {
                out.push(topic);
            }
        }
    }
    out
}

/// Disjoint sets (union–find with path halving).
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn join(&mut self, x: usize, y: usize) {
        let (rx, ry) = (self.root(x), self.root(y));
        // The smaller root stays, so a row's root is its earliest claim.
        let (keep, child) = if rx < ry { (rx, ry) } else { (ry, rx) };
        self.parent[child] = keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn rows(items: &[Item]) -> Vec<&ThreeRow> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Row(r) => Some(r),
                Item::Header { .. } => None,
            })
            .collect()
    }

    #[test]
    fn every_claim_of_every_witness_is_on_exactly_one_row() {
        let [a, b, c] = crate::sample::blinken_lavrov_three();
        let w = Engine::builtin().unwrap().compare_three(a, b, c).unwrap();
        let items = group(&w);
        for k in WITNESSES {
            let (cmp, side) = home(&w, k);
            let mut seen: Vec<usize> = rows(&items)
                .iter()
                .flat_map(|r| r.cells[k].iter().copied())
                .collect();
            seen.sort_unstable();
            let all: Vec<usize> = (0..cmp.side(side).claims.len()).collect();
            assert_eq!(seen, all, "witness {k}");
        }
        // Every match of every pair joins claims on one row.
        for (x, y) in [(0, 1), (0, 2), (1, 2)] {
            let (cmp, _, _) = pair(&w, x, y);
            for m in &cmp.matches {
                assert!(
                    rows(&items)
                        .iter()
                        .any(|r| r.cells[x].contains(&m.a) && r.cells[y].contains(&m.b)),
                    "{x}{y}: {} – {}",
                    m.a,
                    m.b
                );
            }
        }
        // The two Ministry texts share a label; their columns are told apart by language.
        let labels = labels(&w);
        assert_ne!(labels[1], labels[2], "{labels:?}");
        assert!(labels[1].contains("Russian") && labels[2].contains("English"));
    }

    #[test]
    fn a_claim_of_c_matching_a_stands_on_as_row_and_one_only_in_c_alone() {
        // a: 3 claims, b: 2, c: 4. a0–b0, a1–c2, b1–c1 (a claim of b with one of c, not in a);
        // a2 alone; c0 and c3 alone (only in c); c2 also matches b0 (so a0, b0, a1, c2 join).
        let links = [vec![(0, 0)], vec![(1, 2)], vec![(1, 1), (0, 2)]];
        let rows = rows_of([3, 2, 4], &links);
        let cells: Vec<[Vec<usize>; 3]> = rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            vec![
                [vec![0, 1], vec![0], vec![2]],
                [vec![2], vec![], vec![]],
                [vec![], vec![1], vec![1]],
                [vec![], vec![], vec![0]],
                [vec![], vec![], vec![3]],
            ]
        );
        // c's claim 2, matching a's claim 1, stands on a's row.
        assert!(rows[0].cells[0].contains(&1) && rows[0].cells[2].contains(&2));
        assert_eq!(rows[0].only(), None);
        assert_eq!(rows[1].only(), Some(0));
        assert_eq!(rows[2].only(), None, "in b and c, not in a");
        assert_eq!(rows[3].only(), Some(2), "only in c");
        assert_eq!(rows[4].only(), Some(2));
    }

    #[test]
    fn links_out_of_range_are_ignored() {
        let rows = rows_of([1, 1, 0], &[vec![(0, 0), (5, 0)], vec![(0, 0)], vec![]]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells, [vec![0], vec![0], vec![]]);
    }

    #[test]
    fn sets_keep_the_earliest_claim_as_root() {
        let mut sets = Sets::new(5);
        sets.join(4, 2);
        sets.join(2, 1);
        assert_eq!(sets.root(4), 1);
        assert_eq!(sets.root(3), 3);
        assert_eq!(sets.len(), 5);
    }

    #[test]
    fn pair_names_each_witness_side() {
        let [a, b, c] = crate::sample::blinken_lavrov_three();
        let w = Engine::builtin().unwrap().compare_three(a, b, c).unwrap();
        let (cmp, sx, sy) = pair(&w, 2, 1);
        assert!(std::ptr::eq(cmp, &raw const w.bc));
        assert_eq!((sx, sy), (Side::B, Side::A));
        for (m, other) in matches_with(&w, 2, 0, 1) {
            assert_eq!(w.bc.matches[m].b, 0);
            assert_eq!(w.bc.matches[m].a, other);
        }
        assert_eq!(
            home(&w, 1).0.sides[1].claims.len(),
            w.bc.sides[0].claims.len()
        );
    }
}
