//! A comparison as a flat list of rows grouped by topic — what the app's topic view and the
//! reports' topic tables show — built for a filter and a search. Pure data: the app virtualises
//! it, reports print it, tests check it without a window.

use serde::{Deserialize, Serialize};

use crate::model::{Claim, Comparison, Side};

/// Which claims to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Filter {
    /// Everything.
    #[default]
    All,
    /// Only claims with no match.
    OneSided,
    /// Only matched claims.
    Matched,
    /// Only claims that use a framing term (a matched pair shows when either claim does).
    Framing,
}

/// One row of a topic table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A topic's heading (index into `Comparison::topics`).
    Header(usize),
    /// A match: claim `a` and claim `b` side by side (index into `Comparison::matches`).
    Pair {
        /// Match index.
        m: usize,
        /// Whether this is the first row of claim `a` (later rows repeat it faintly).
        first: bool,
    },
    /// A claim whose point is only in its own readout.
    OneSided(Side, usize),
    /// A `b` claim listed under this topic whose match sits under another topic.
    Elsewhere(usize),
}

/// Lookups over one comparison, built once when it arrives.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    /// Match indices per claim of `a`, and of `b`.
    pub matches_of: [Vec<Vec<usize>>; 2],
    /// Lowercased claim texts per side, for search.
    pub lower: [Vec<String>; 2],
}

impl ClaimIndex {
    /// Builds the lookups.
    #[must_use]
    pub fn new(cmp: &Comparison) -> Self {
        let mut matches_of = [
            vec![Vec::new(); cmp.sides[0].claims.len()],
            vec![Vec::new(); cmp.sides[1].claims.len()],
        ];
        for (k, m) in cmp.matches.iter().enumerate() {
            matches_of[0][m.a].push(k);
            matches_of[1][m.b].push(k);
        }
        let lower = [0, 1].map(|s| {
            let side = &cmp.sides[s];
            (0..side.claims.len())
                .map(|i| side.claim_text(i).to_lowercase())
                .collect()
        });
        ClaimIndex { matches_of, lower }
    }

    /// Whether claim `i` of `side` contains the (lowercased) query.
    #[must_use]
    pub fn contains(&self, side: Side, i: usize, query: &str) -> bool {
        query.is_empty() || self.lower[side.index()][i].contains(query)
    }
}

/// The rows of the topic view for a filter and a search text.
#[must_use]
pub fn build_rows(cmp: &Comparison, index: &ClaimIndex, filter: Filter, search: &str) -> Vec<Row> {
    let query = search.trim().to_lowercase();
    let framed = |side: Side, i: usize| !cmp.side(side).claims[i].framing.is_empty();
    let mut rows = Vec::with_capacity(
        cmp.sides[0].claims.len() + cmp.sides[1].claims.len() + cmp.topics.len(),
    );
    for (t, topic) in cmp.topics.iter().enumerate() {
        let header_at = rows.len();
        rows.push(Row::Header(t));
        for &i in &topic.a {
            let ms = &index.matches_of[0][i];
            if ms.is_empty() {
                if filter != Filter::Matched
                    && (filter != Filter::Framing || framed(Side::A, i))
                    && index.contains(Side::A, i, &query)
                {
                    rows.push(Row::OneSided(Side::A, i));
                }
                continue;
            }
            if filter == Filter::OneSided {
                continue;
            }
            let mut first = true;
            for &m in ms {
                let b = cmp.matches[m].b;
                if filter == Filter::Framing && !framed(Side::A, i) && !framed(Side::B, b) {
                    continue;
                }
                if index.contains(Side::A, i, &query) || index.contains(Side::B, b, &query) {
                    rows.push(Row::Pair { m, first });
                    first = false;
                }
            }
        }
        for &j in &topic.b {
            let ms = &index.matches_of[1][j];
            if ms.is_empty() {
                if filter != Filter::Matched
                    && (filter != Filter::Framing || framed(Side::B, j))
                    && index.contains(Side::B, j, &query)
                {
                    rows.push(Row::OneSided(Side::B, j));
                }
            } else if filter == Filter::All
                && !ms
                    .iter()
                    .any(|&m| topic.a.binary_search(&cmp.matches[m].a).is_ok())
                && index.contains(Side::B, j, &query)
            {
                rows.push(Row::Elsewhere(j));
            }
        }
        if rows.len() == header_at + 1 {
            rows.pop();
        }
    }
    rows
}

/// The row showing a claim (its first row), if the rows show it.
#[must_use]
pub fn row_of_claim(cmp: &Comparison, rows: &[Row], side: Side, claim: usize) -> Option<usize> {
    rows.iter().position(|r| match *r {
        Row::Pair { m, .. } => {
            let mm = &cmp.matches[m];
            (side == Side::A && mm.a == claim) || (side == Side::B && mm.b == claim)
        }
        Row::OneSided(s, c) => s == side && c == claim,
        Row::Elsewhere(j) => side == Side::B && j == claim,
        Row::Header(_) => false,
    })
}

/// The one-sided claims in the order the rows show them.
#[must_use]
pub fn one_sided_in_order(rows: &[Row]) -> Vec<(Side, usize)> {
    rows.iter()
        .filter_map(|r| match *r {
            Row::OneSided(s, c) => Some((s, c)),
            _ => None,
        })
        .collect()
}

/// One sentence of a readout in text order: a claim, or a sentence the analyst set aside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sentence<'a> {
    /// The sentence (set-aside sentences keep their claim record).
    pub claim: &'a Claim,
    /// Its index among the side's claims; none for a sentence set aside.
    pub index: Option<usize>,
}

/// Every sentence of a side in text order: its claims and the sentences set aside, merged by
/// position. The reports' appendices, the CSV and the document view all walk this.
#[must_use]
pub fn text_order(cmp: &Comparison, side: Side) -> Vec<Sentence<'_>> {
    let mut sentences: Vec<Sentence<'_>> = cmp
        .side(side)
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| Sentence {
            claim,
            index: Some(i),
        })
        .chain(
            cmp.set_aside[side.index()]
                .iter()
                .map(|claim| Sentence { claim, index: None }),
        )
        .collect();
    sentences.sort_by_key(|s| (s.claim.start, s.claim.end));
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn sample() -> Comparison {
        let (a, b) = crate::sample::blinken_lavrov();
        Engine::builtin().unwrap().compare(a, b).unwrap()
    }

    #[test]
    fn all_rows_show_every_claim_once_as_first_row() {
        let cmp = sample();
        let index = ClaimIndex::new(&cmp);
        let rows = build_rows(&cmp, &index, Filter::All, "");
        for side in Side::BOTH {
            for i in 0..cmp.side(side).claims.len() {
                assert!(row_of_claim(&cmp, &rows, side, i).is_some(), "{side:?} {i}");
            }
        }
        let headers = rows.iter().filter(|r| matches!(r, Row::Header(_))).count();
        assert_eq!(headers, cmp.topics.len());
    }

    #[test]
    fn filters_and_search_narrow_the_rows() {
        let cmp = sample();
        let index = ClaimIndex::new(&cmp);
        let one = build_rows(&cmp, &index, Filter::OneSided, "");
        assert!(
            one.iter()
                .all(|r| matches!(r, Row::Header(_) | Row::OneSided(..)))
        );
        assert_eq!(
            one_sided_in_order(&one).len(),
            cmp.one_sided[0].len() + cmp.one_sided[1].len()
        );
        let matched = build_rows(&cmp, &index, Filter::Matched, "");
        assert!(
            matched
                .iter()
                .all(|r| matches!(r, Row::Header(_) | Row::Pair { .. }))
        );
        let framed = build_rows(&cmp, &index, Filter::Framing, "");
        let shown = |side: Side, i: usize| row_of_claim(&cmp, &framed, side, i).is_some();
        for side in Side::BOTH {
            for (i, claim) in cmp.side(side).claims.iter().enumerate() {
                if !claim.framing.is_empty() {
                    assert!(shown(side, i), "{side:?} {i} has framing");
                } else if cmp.is_one_sided(side, i) {
                    assert!(!shown(side, i), "{side:?} {i} has none");
                }
            }
        }
        assert!(framed.len() < build_rows(&cmp, &index, Filter::All, "").len());
        let found = build_rows(&cmp, &index, Filter::All, "AGONY");
        assert_eq!(found.len(), 2, "a header and the one claim: {found:?}");
        assert!(build_rows(&cmp, &index, Filter::All, "no such words anywhere").is_empty());
    }

    #[test]
    fn text_order_merges_set_aside_sentences_by_position() {
        let engine = Engine::builtin().unwrap();
        let cmp = sample();
        let mut decisions = crate::curation::Decisions::default();
        let aside = crate::model::ClaimId::new(Side::A, 1);
        decisions.apply(
            crate::curation::Action::SetAside(aside)
                .resolve(&cmp)
                .unwrap(),
        );
        let shown = engine.curate(&cmp, &decisions).comparison;
        let order = text_order(&shown, Side::A);
        assert_eq!(order.len(), cmp.sides[0].claims.len());
        assert!(
            order
                .windows(2)
                .all(|w| w[0].claim.start < w[1].claim.start)
        );
        assert_eq!(
            order[1].index, None,
            "the set-aside sentence keeps its place"
        );
        assert_eq!(order[1].claim.id, cmp.sides[0].claims[1].id);
        assert_eq!(order[2].index, Some(1), "later claims are renumbered");
    }
}
