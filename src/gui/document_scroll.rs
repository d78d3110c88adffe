//! Scrolling the document view's two texts together, as Meld does: pure arithmetic, no egui.
//!
//! Matched claims are anchors. A point of one text maps to the other by interpolating between
//! the neighbouring anchor pairs; stretches without anchors (and the text before the first and
//! after the last) scroll proportionally. The point kept level is the middle of the view, moving
//! to its top in the first half screen and to its bottom in the last, so that both texts reach
//! their top and their end together.

use crate::model::Side;

/// Anchors closer than this (in points along the leading text) count as one: the first is kept,
/// so the mapping never jumps.
const TIE: f32 = 0.5;

/// One text's scroll geometry, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Height of the whole text.
    pub content: f32,
    /// Height of its visible part.
    pub viewport: f32,
}

impl Extent {
    /// The largest scroll offset (zero when the text fits).
    #[must_use]
    pub fn max_offset(self) -> f32 {
        (self.content - self.viewport).max(0.0)
    }
}

/// Matched pairs `(a, b, weight)` reduced to a chain that keeps the text order on both sides
/// (both claim indices strictly increase) and weighs the most (the links' scores: sure links
/// outweigh doubtful ones that cross them; among equal weights, the longest). Links that cross
/// the chain, and second links of a claim, are left out. Sorted.
#[must_use]
pub fn ordered_pairs(pairs: impl IntoIterator<Item = (usize, usize, f32)>) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize, f32)> = pairs
        .into_iter()
        .map(|(a, b, w)| (a, b, w.max(0.0)))
        .collect();
    // By `a`, and by `b` falling within one `a`: a chain, whose `b` strictly rises, then takes
    // at most one pair per `a`.
    // A pair given twice keeps its heavier weight.
    pairs.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(y.2.total_cmp(&x.2)));
    pairs.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    // The heaviest chain ending at each pair, found with a Fenwick tree of the best chain ending
    // at each `b` so far (weight, then length).
    let mut bs: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    bs.sort_unstable();
    bs.dedup();
    let mut tree: Vec<Option<(Best, usize)>> = vec![None; bs.len() + 1];
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut best: Option<(Best, usize)> = None;
    for (i, &(_, b, weight)) in pairs.iter().enumerate() {
        let rank = bs.partition_point(|&x| x < b);
        // The best chain over `b`s below this one: tree positions 1..=rank.
        let mut prior: Option<(Best, usize)> = None;
        let mut at = rank;
        while at > 0 {
            prior = better(prior, tree[at]);
            at &= at - 1;
        }
        before[i] = prior.map(|(_, j)| j);
        let (weight_before, length_before) = prior.map_or((0.0, 0), |(p, _)| (p.weight, p.length));
        let here = Some((
            Best {
                weight: weight_before + weight,
                length: length_before + 1,
            },
            i,
        ));
        best = better(best, here);
        let mut at = rank + 1;
        while at < tree.len() {
            tree[at] = better(tree[at], here);
            at += at & at.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut at = best.map(|(_, i)| i);
    while let Some(i) = at {
        chain.push((pairs[i].0, pairs[i].1));
        at = before[i];
    }
    chain.reverse();
    chain
}

/// How good a chain of anchors is.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Best {
    weight: f32,
    length: usize,
}

/// The better of two chains (each with the pair it ends at): heavier, then longer, then the
/// first found.
fn better(x: Option<(Best, usize)>, y: Option<(Best, usize)>) -> Option<(Best, usize)> {
    match (x, y) {
        (Some(p), Some(q)) => {
            let q_wins = q.0.weight > p.0.weight + 1e-6
                || ((q.0.weight - p.0.weight).abs() <= 1e-6 && q.0.length > p.0.length);
            Some(if q_wins { q } else { p })
        }
        (p, None) => p,
        (None, q) => q,
    }
}

/// Where in the view (0 its top, 1 its bottom) the two texts are kept level at scroll `offset`:
/// the middle, moving linearly to the top over the first half screen and to the bottom over the
/// last; for a text shorter than two screens, top to bottom over the whole range.
#[must_use]
pub fn sync_point(offset: f32, extent: Extent) -> f32 {
    let max = extent.max_offset();
    if max <= 0.0 {
        return 0.0;
    }
    let offset = offset.clamp(0.0, max);
    let half = extent.viewport / 2.0;
    let point = if max <= extent.viewport {
        offset / max
    } else if offset < half {
        0.5 * offset / half
    } else if offset > max - half {
        0.5 + 0.5 * (offset - (max - half)) / half
    } else {
        0.5
    };
    point.clamp(0.0, 1.0)
}

/// The point of the other text level with point `y` of the `lead` text. `anchors` are the
/// positions of matched pairs on each side (`[a, b]`), in text order as [`ordered_pairs`] gives
/// them; `content` the two texts' heights. Anchors that go back on either side are skipped.
#[must_use]
pub fn map_point(anchors: &[[f32; 2]], lead: Side, y: f32, content: [f32; 2]) -> f32 {
    let (l, f) = (lead.index(), lead.other().index());
    let end = [content[l].max(0.0), content[f].max(0.0)];
    let y = y.clamp(0.0, end[0]);
    let mut previous = [0.0f32, 0.0f32];
    for anchor in anchors {
        let point = [anchor[l], anchor[f]];
        if point[0] < previous[0] + TIE || point[1] < previous[1] || point[0] > end[0] {
            continue;
        }
        if point[0] > y {
            return interpolate(previous, point, y);
        }
        previous = point;
    }
    interpolate(previous, [end[0], end[1].max(previous[1])], y)
}

/// The value at `y` on the line from `from` to `to` (`from` itself when they share a `y`).
fn interpolate(from: [f32; 2], to: [f32; 2], y: f32) -> f32 {
    let run = to[0] - from[0];
    if run <= f32::EPSILON {
        return from[1];
    }
    from[1] + (to[1] - from[1]) * ((y - from[0]) / run).clamp(0.0, 1.0)
}

/// The scroll offset of the other text when the `lead` text is at `offset`: the two points at
/// the [`sync_point`] are level. Clamped to the other text's range.
#[must_use]
pub fn follow(anchors: &[[f32; 2]], lead: Side, offset: f32, extents: [Extent; 2]) -> f32 {
    let (l, f) = (extents[lead.index()], extents[lead.other().index()]);
    let offset = offset.clamp(0.0, l.max_offset());
    let point = sync_point(offset, l);
    let mut content = [0.0; 2];
    content[lead.index()] = l.content;
    content[lead.other().index()] = f.content;
    let level = map_point(anchors, lead, offset + point * l.viewport, content);
    (level - point * f.viewport).clamp(0.0, f.max_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: Extent = Extent {
        content: 10_000.0,
        viewport: 600.0,
    };

    fn close(x: f32, y: f32) -> bool {
        (x - y).abs() < 0.01
    }

    #[test]
    fn with_no_matches_the_texts_scroll_in_proportion() {
        let extents = [
            SCREEN,
            Extent {
                content: 5_000.0,
                viewport: 600.0,
            },
        ];
        assert!(close(follow(&[], Side::A, 0.0, extents), 0.0));
        assert!(close(
            follow(&[], Side::A, SCREEN.max_offset(), extents),
            4_400.0
        ));
        // Mid-way the middles are level: 5,000 + 300 on a maps to 2,650 on b.
        assert!(close(follow(&[], Side::A, 5_000.0, extents), 2_350.0));
        // And back.
        assert!(close(follow(&[], Side::B, 2_350.0, extents), 5_000.0));
    }

    #[test]
    fn one_match_is_level_in_the_middle_of_the_view() {
        let anchors = [[4_000.0, 1_000.0]];
        let extents = [SCREEN, SCREEN];
        let b = follow(&anchors, Side::A, 4_000.0 - 300.0, extents);
        assert!(close(b, 1_000.0 - 300.0), "{b}");
        let a = follow(&anchors, Side::B, 700.0, extents);
        assert!(close(a, 3_700.0), "{a}");
        // Between the top and the match, and between the match and the end, in proportion.
        assert!(close(
            map_point(&anchors, Side::A, 2_000.0, [10_000.0; 2]),
            500.0
        ));
        assert!(close(
            map_point(&anchors, Side::A, 7_000.0, [10_000.0; 2]),
            5_500.0
        ));
    }

    #[test]
    fn crossing_links_are_left_out_of_the_anchors() {
        let sure = |a, b| (a, b, 1.0);
        // b's claim 1 is linked to a's claim 8: it crosses the others and is dropped.
        let pairs = [sure(0, 0), sure(2, 3), sure(8, 1), sure(4, 5), sure(6, 7)];
        assert_eq!(ordered_pairs(pairs), vec![(0, 0), (2, 3), (4, 5), (6, 7)]);
        // A claim linked twice anchors once; of equal weights, the longest chain.
        assert_eq!(
            ordered_pairs([sure(1, 1), sure(1, 2), sure(2, 3), sure(5, 0)]).len(),
            2
        );
        // A sure link outweighs two doubtful ones that cross it, and two fair ones outweigh a
        // doubtful one.
        assert_eq!(
            ordered_pairs([(1, 3, 1.0), (2, 1, 0.3), (3, 2, 0.3)]),
            vec![(1, 3)]
        );
        assert_eq!(
            ordered_pairs([(1, 3, 0.5), (2, 1, 0.3), (3, 2, 0.3)]),
            vec![(2, 1), (3, 2)]
        );
        assert_eq!(ordered_pairs([]), Vec::<(usize, usize)>::new());
    }

    #[test]
    fn the_chain_is_as_heavy_as_any_on_random_links() {
        // Against the quadratic reckoning of the heaviest chain, on small random link sets.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from((seed >> 33) % n).unwrap()
        };
        for _ in 0..200 {
            let pairs: Vec<(usize, usize, f32)> = (0..next(12))
                .map(|_| (next(8), next(8), [0.25, 0.5, 1.0][next(3)]))
                .collect();
            let chain = ordered_pairs(pairs.iter().copied());
            assert!(chain.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
            let weight_of = |(a, b): (usize, usize)| {
                pairs
                    .iter()
                    .filter(|p| p.0 == a && p.1 == b)
                    .map(|p| p.2)
                    .fold(0.0f32, f32::max)
            };
            let got: f32 = chain.iter().map(|&p| weight_of(p)).sum();
            let mut sorted = pairs.clone();
            sorted.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
            let mut best = vec![0.0f32; sorted.len()];
            for i in 0..sorted.len() {
                best[i] = sorted[i].2
                    + (0..i)
                        .filter(|&j| sorted[j].0 < sorted[i].0 && sorted[j].1 < sorted[i].1)
                        .map(|j| best[j])
                        .fold(0.0, f32::max);
            }
            let want = best.iter().copied().fold(0.0, f32::max);
            assert!((got - want).abs() < 1e-4, "{pairs:?}: {got} < {want}");
        }
    }

    #[test]
    fn anchors_that_go_back_are_skipped_and_the_mapping_only_rises() {
        let anchors = [[1_000.0, 1_000.0], [2_000.0, 500.0], [3_000.0, 3_000.0]];
        let content = [10_000.0; 2];
        let mut last = 0.0;
        for step in 0..=1_000 {
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let y = step as f32 * 10.0;
            let mapped = map_point(&anchors, Side::A, y, content);
            assert!(mapped >= last, "{y}: {mapped} < {last}");
            assert!(mapped - last < 11.0, "{y}: jumped from {last} to {mapped}");
            last = mapped;
        }
    }

    #[test]
    fn anchors_on_one_line_do_not_make_the_other_side_jump() {
        // Two claims of a on one line, matched to claims of b 400 points apart.
        let anchors = [[1_000.0, 1_000.0], [1_000.2, 1_400.0], [2_000.0, 2_400.0]];
        let content = [10_000.0; 2];
        let below = map_point(&anchors, Side::A, 999.9, content);
        let above = map_point(&anchors, Side::A, 1_000.3, content);
        assert!((above - below).abs() < 2.0, "{below} → {above}");
    }

    #[test]
    fn scrolling_past_either_end_stays_in_range() {
        let anchors = [[4_000.0, 1_000.0]];
        let extents = [
            SCREEN,
            Extent {
                content: 3_000.0,
                viewport: 600.0,
            },
        ];
        assert!(close(follow(&anchors, Side::A, 1e6, extents), 2_400.0));
        assert!(close(follow(&anchors, Side::A, -50.0, extents), 0.0));
        assert!(close(
            map_point(&anchors, Side::A, 20_000.0, [10_000.0, 3_000.0]),
            3_000.0
        ));
        // A short text that cannot scroll keeps the other at the top.
        let short = Extent {
            content: 300.0,
            viewport: 600.0,
        };
        assert!(close(follow(&[], Side::B, 500.0, [SCREEN, short]), 0.0));
    }

    #[test]
    fn the_level_point_moves_from_the_top_through_the_middle_to_the_bottom() {
        assert!(close(sync_point(0.0, SCREEN), 0.0));
        assert!(close(sync_point(150.0, SCREEN), 0.25));
        assert!(close(sync_point(5_000.0, SCREEN), 0.5));
        assert!(close(sync_point(SCREEN.max_offset(), SCREEN), 1.0));
        let short = Extent {
            content: 1_000.0,
            viewport: 600.0,
        };
        assert!(close(sync_point(200.0, short), 0.5));
    }
}
