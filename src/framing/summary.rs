//! A comparison's framing summed up from its claims' framing: each side's terms with their
//! uses, the contrasts between the two sides' words, the tone each gives the call and who it
//! says asked for it. It needs no lexicon, so curation derives it again after every edit.

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use std::fmt::Write as _;

use crate::lexicon::tokenize;
use crate::model::{
    Comparison, Contrast, ContrastBasis, FramingKind, FramingRef, FramingSummary, FramingTerm,
    Side, TermUses,
};

use super::Stemmers;

/// Sums up the framing of a comparison's claims (set-aside sentences do not count).
#[must_use]
pub fn summarize(cmp: &Comparison) -> FramingSummary {
    let mut summary = FramingSummary::default();
    for side in Side::BOTH {
        let k = side.index();
        let mut terms: Vec<TermUses> = Vec::new();
        for (claim, c) in cmp.side(side).claims.iter().enumerate() {
            for (item, term) in c.framing.iter().enumerate() {
                let r = FramingRef { claim, item };
                match term.kind {
                    FramingKind::Tone => summary.tone[k].push(r),
                    FramingKind::Initiative => summary.initiative[k].push(r),
                    _ => {}
                }
                match terms
                    .iter_mut()
                    .find(|u| u.term == term.term && u.kind == term.kind)
                {
                    Some(uses) => uses.uses.push(r),
                    None => terms.push(TermUses {
                        term: term.term.clone(),
                        kind: term.kind,
                        uses: vec![r],
                    }),
                }
            }
        }
        // Most used first; ties in the order the readout first uses them (the sort is stable).
        terms.sort_by_key(|u| std::cmp::Reverse(u.uses.len()));
        summary.terms[k] = terms;
    }
    summary.contrasts = contrasts(cmp, &summary);
    summary
}

/// Keys of phrases as the contrasts compare them: words folded and stemmed.
struct Keys {
    stemmers: Stemmers,
    cache: HashMap<String, String>,
}

/// A framing term's keys: its headword's, its words', its counterparts'.
struct Keyed {
    term: String,
    text: String,
    counterparts: Vec<String>,
    /// Whether it can face a term of the other side (tone and initiative words do not).
    faces: bool,
}

impl Keys {
    fn new() -> Self {
        Keys {
            stemmers: Stemmers::new(),
            cache: HashMap::new(),
        }
    }

    fn key(&mut self, phrase: &str) -> String {
        if let Some(key) = self.cache.get(phrase) {
            return key.clone();
        }
        let key = tokenize(phrase)
            .iter()
            .map(|t| self.stemmers.stem(&t.norm))
            .collect::<Vec<_>>()
            .join(" ");
        self.cache.insert(phrase.to_string(), key.clone());
        key
    }

    /// The keys of `term`, written `text`.
    fn keyed(&mut self, term: &FramingTerm, text: &str) -> Keyed {
        Keyed {
            term: self.key(&term.term),
            text: self.key(text),
            counterparts: term.counterparts.iter().map(|c| self.key(c)).collect(),
            faces: !matches!(term.kind, FramingKind::Tone | FramingKind::Initiative),
        }
    }
}

impl Keyed {
    /// Whether the two terms, of different sides, name each other as counterparts.
    fn faces(&self, other: &Keyed) -> bool {
        let names =
            |x: &Keyed, y: &Keyed| x.counterparts.iter().any(|c| *c == y.term || *c == y.text);
        self.faces
            && other.faces
            && self.term != other.term
            && (names(self, other) || names(other, self))
    }
}

/// Whether two terms, of different sides, name each other as counterparts: one side's word
/// for what the other calls otherwise ("occupied areas" and "liberated territories"). Tone and
/// initiative words do not face each other: "frank" and "откровенный" agree.
#[must_use]
pub fn is_counterpart(a: &FramingTerm, a_text: &str, b: &FramingTerm, b_text: &str) -> bool {
    let mut keys = Keys::new();
    keys.keyed(a, a_text).faces(&keys.keyed(b, b_text))
}

/// The contrasts: in matched pairs first, then in claims of one topic no match links, then
/// (for pairs of terms not met yet) the first use of each anywhere in the two readouts.
fn contrasts(cmp: &Comparison, summary: &FramingSummary) -> Vec<Contrast> {
    let mut keys = Keys::new();
    // Each term's keys, per side, claim and item.
    let keyed: [Vec<Vec<Keyed>>; 2] = Side::BOTH.map(|side| {
        let data = cmp.side(side);
        data.claims
            .iter()
            .map(|c| {
                c.framing
                    .iter()
                    .map(|t| {
                        keys.keyed(t, data.readout.text.get(t.start..t.end).unwrap_or_default())
                    })
                    .collect()
            })
            .collect()
    });
    let mut out = Vec::new();
    let mut pairs_seen: HashSet<(FramingRef, FramingRef)> = HashSet::new();
    let mut terms_seen: HashSet<(&str, &str)> = HashSet::new();
    let mut consider = |ra: FramingRef, rb: FramingRef, basis: ContrastBasis, new_terms: bool| {
        let (Some(ta), Some(tb)) = (cmp.framing_term(Side::A, ra), cmp.framing_term(Side::B, rb))
        else {
            return;
        };
        if pairs_seen.contains(&(ra, rb))
            || (new_terms && terms_seen.contains(&(ta.term.as_str(), tb.term.as_str())))
        {
            return;
        }
        let (ka, kb) = (&keyed[0][ra.claim][ra.item], &keyed[1][rb.claim][rb.item]);
        if ka.faces(kb) {
            pairs_seen.insert((ra, rb));
            terms_seen.insert((ta.term.as_str(), tb.term.as_str()));
            out.push(Contrast {
                a: ra,
                b: rb,
                basis,
            });
        }
    };
    let refs = |side: Side, claim: usize| {
        let n = keyed[side.index()].get(claim).map_or(0, Vec::len);
        (0..n).map(move |item| FramingRef { claim, item })
    };
    for m in &cmp.matches {
        for ra in refs(Side::A, m.a) {
            for rb in refs(Side::B, m.b) {
                consider(ra, rb, ContrastBasis::Match, false);
            }
        }
    }
    for topic in &cmp.topics {
        // Within a topic only a new pair of terms counts, so each term's first use on each
        // side stands for all of them (a long readout uses one term in thousands of claims).
        let firsts = |side: Side| -> Vec<FramingRef> {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut out = Vec::new();
            for &c in topic.claims(side) {
                for r in refs(side, c) {
                    if let Some(t) = cmp.framing_term(side, r)
                        && seen.insert(t.term.as_str())
                    {
                        out.push(r);
                    }
                }
            }
            out
        };
        let (on_a, on_b) = (firsts(Side::A), firsts(Side::B));
        for &ra in &on_a {
            for &rb in &on_b {
                consider(ra, rb, ContrastBasis::Topic, true);
            }
        }
    }
    for ua in &summary.terms[0] {
        for ub in &summary.terms[1] {
            consider(ua.uses[0], ub.uses[0], ContrastBasis::Readout, true);
        }
    }
    out
}

/// `piece`, which starts at byte `at` of its readout, cut at the edges of the framing `terms`:
/// each part with the term that covers it, if any. The parts join back into `piece`; the app
/// underlines the covered parts and the reports mark them.
#[must_use]
pub fn cuts<'t, 'f>(
    piece: &'t str,
    at: usize,
    terms: &'f [FramingTerm],
) -> Vec<(&'t str, Option<&'f FramingTerm>)> {
    let end = at + piece.len();
    let mut edges: Vec<usize> = terms
        .iter()
        .flat_map(|t| [t.start, t.end])
        .filter(|&b| b > at && b < end)
        .map(|b| b - at)
        .filter(|&b| piece.is_char_boundary(b))
        .collect();
    edges.push(0);
    edges.push(piece.len());
    edges.sort_unstable();
    edges.dedup();
    edges
        .windows(2)
        .map(|w| {
            let from = at + w[0];
            let term = terms.iter().find(|t| t.start <= from && from < t.end);
            (&piece[w[0]..w[1]], term)
        })
        .collect()
}

/// What a readout says with a framing term, for lists: its words, or for an initiative its
/// whole phrase with who asked ("по инициативе американской стороны").
#[must_use]
pub fn said(words: &str, term: &FramingTerm) -> String {
    term.phrase.clone().unwrap_or_else(|| words.to_string())
}

/// A framing term in a line for people: its kind, then how the other side would say it, or
/// for an initiative who asked (`euphemism · the other side would say: war against Ukraine,
/// full-scale invasion`). `cmp` names the side that asked.
#[must_use]
pub fn note(cmp: &Comparison, term: &FramingTerm) -> String {
    let mut out = term.kind.name().to_string();
    if term.kind == FramingKind::Initiative {
        if let Some(by) = &term.by {
            let who = term.initiator.map_or_else(
                || "neither side named".to_string(),
                |s| cmp.side(s).readout.label.clone(),
            );
            let _ = write!(out, " · who asked: {by} ({who})");
        }
    } else if !term.counterparts.is_empty() {
        out.push_str(" · the other side would say: ");
        out.push_str(&term.counterparts.join(", "));
    }
    out
}

/// The share of a text's words (runs of characters between spaces that hold a letter or digit)
/// that a framing term covers, in 0..=1: how much of a readout the lens marks.
#[must_use]
pub fn coverage<'a>(text: &str, terms: impl IntoIterator<Item = &'a FramingTerm>) -> f64 {
    let spans: Vec<(usize, usize)> = terms.into_iter().map(|t| (t.start, t.end)).collect();
    let mut words = 0u32;
    let mut covered = 0u32;
    let mut at = 0;
    for word in text.split_whitespace() {
        let Some(offset) = text[at..].find(word) else {
            continue;
        };
        let start = at + offset;
        let end = start + word.len();
        at = end;
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        words += 1;
        if spans.iter().any(|&(s, e)| s < end && start < e) {
            covered += 1;
        }
    }
    if words == 0 {
        0.0
    } else {
        f64::from(covered) / f64::from(words)
    }
}
