//! The reports' Framing section as plain rows (the tone and the initiative each side gives,
//! the contrasts with their two claims, each side's terms with their counts), so the HTML and
//! the Markdown print the same thing.

use crate::model::{Comparison, ContrastBasis, FramingKind, FramingRef, FramingTerm, Side};

/// One use of a framing term, ready to print.
#[derive(Debug, Clone)]
pub struct Use<'a> {
    /// The claim's side.
    pub side: Side,
    /// The claim's index on its side.
    pub claim: usize,
    /// The claim's id (`"a7"`).
    pub id: &'a str,
    /// The words as the readout writes them.
    pub words: &'a str,
    /// What the readout says with them, for lists ([`crate::framing::said`]: the whole
    /// phrase where the words are its key word).
    pub said: String,
    /// The framing term.
    pub term: &'a FramingTerm,
}

impl<'a> Use<'a> {
    /// The use a reference names on `side`, if it is there.
    #[must_use]
    pub fn of(cmp: &'a Comparison, side: Side, r: FramingRef) -> Option<Self> {
        let data = cmp.side(side);
        let claim = data.claims.get(r.claim)?;
        let term = claim.framing.get(r.item)?;
        let words = data.readout.text.get(term.start..term.end)?;
        Some(Use {
            side,
            claim: r.claim,
            id: &claim.id,
            words,
            said: crate::framing::said(words, term),
            term,
        })
    }
}

/// A contrast: the two uses and where they face each other.
#[derive(Debug, Clone)]
pub struct ContrastRow<'a> {
    /// Side `a`'s use.
    pub a: Use<'a>,
    /// Side `b`'s use.
    pub b: Use<'a>,
    /// Where they were found to face each other, in words, with the topic both claims are in
    /// ("in a matched pair · Annexation of Ukrainian territory").
    pub place: String,
}

/// A term one side uses, with its count and claims.
#[derive(Debug, Clone)]
pub struct TermRow<'a> {
    /// The lexicon's headword.
    pub term: &'a str,
    /// Its kind.
    pub kind: FramingKind,
    /// How many times the side uses it.
    pub count: usize,
    /// The claims that use it, in text order, by id.
    pub claims: Vec<&'a str>,
    /// Its kind and counterparts in a line ([`crate::framing::note`] of its first use).
    pub note: String,
}

/// The Framing section of a comparison.
#[derive(Debug, Clone)]
pub struct FramingView<'a> {
    /// Per side, the words it gives the call's tone in.
    pub tone: [Vec<Use<'a>>; 2],
    /// Per side, what it says of who asked for the call.
    pub initiative: [Vec<Use<'a>>; 2],
    /// The contrasts, matched pairs first.
    pub contrasts: Vec<ContrastRow<'a>>,
    /// Per side, its terms, most used first.
    pub terms: [Vec<TermRow<'a>>; 2],
}

impl<'a> FramingView<'a> {
    /// The section of a comparison.
    #[must_use]
    pub fn of(cmp: &'a Comparison) -> Self {
        let f = &cmp.framing;
        let uses = |lists: &[Vec<FramingRef>; 2]| {
            Side::BOTH.map(|side| {
                lists[side.index()]
                    .iter()
                    .filter_map(|&r| Use::of(cmp, side, r))
                    .collect::<Vec<_>>()
            })
        };
        let contrasts = f
            .contrasts
            .iter()
            .filter_map(|c| {
                let (a, b) = (Use::of(cmp, Side::A, c.a)?, Use::of(cmp, Side::B, c.b)?);
                let topics = [
                    &cmp.sides[0].claims[a.claim].topic,
                    &cmp.sides[1].claims[b.claim].topic,
                ];
                let mut place = c.basis.name().to_string();
                if topics[0] == topics[1] && c.basis != ContrastBasis::Readout {
                    let label = cmp
                        .topic(topics[0])
                        .map_or(topics[0].as_str(), |t| &t.label);
                    place.push_str(" · ");
                    place.push_str(label);
                }
                Some(ContrastRow { a, b, place })
            })
            .collect();
        let terms = Side::BOTH.map(|side| {
            let claims = &cmp.side(side).claims;
            f.terms[side.index()]
                .iter()
                .filter_map(|u| {
                    let first = Use::of(cmp, side, *u.uses.first()?)?;
                    let ids = u.claim_ids(claims);
                    Some(TermRow {
                        term: &u.term,
                        kind: u.kind,
                        count: u.uses.len(),
                        claims: ids,
                        note: crate::framing::note(cmp, first.term),
                    })
                })
                .collect()
        });
        FramingView {
            tone: uses(&f.tone),
            initiative: uses(&f.initiative),
            contrasts,
            terms,
        }
    }

    /// Whether there is nothing to show.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(Vec::is_empty)
    }
}

/// What a side's column says when it gives no tone.
pub const NO_TONE: &str = "says nothing of the tone";
/// What a side's column says when it does not say who asked.
pub const NO_INITIATIVE: &str = "does not say who asked";

/// Who a use of an initiative says asked, by the side's label ("Russia"), if it names a side.
#[must_use]
pub fn asker<'a>(cmp: &'a Comparison, u: &Use<'_>) -> Option<&'a str> {
    u.term.initiator.map(|s| cmp.side(s).readout.label.as_str())
}
