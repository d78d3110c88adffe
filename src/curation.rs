//! The analyst's corrections — links, unlinks, topic moves, sentences set aside, notes — kept as
//! data beside the automatic comparison and laid over it by [`curate`], so they survive
//! recomputation and reopening. Every decision names its claims by span and text, never by
//! position, so a decision whose claim is gone is kept (reported as stale), not misapplied.

use serde::{Deserialize, Serialize};

use crate::model::{
    Claim, ClaimId, Comparison, Match, Origin, Rejected, Side, SideData, TopicId, TopicRow,
};
use crate::topics::{FALLBACK_COLOR, FALLBACK_ID, FALLBACK_LABEL, Taxonomy};

/// Evidence shown for a link an analyst made.
pub const MANUAL_EVIDENCE: &str = "linked by the analyst";

/// Colour of topics an analyst creates.
const CUSTOM_COLOR: &str = "#6a5acd";

/// Prefix of the ids of topics an analyst creates.
const CUSTOM_PREFIX: &str = "custom-";

/// A claim named by its side, span and text, so a decision finds it again after recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClaimRef {
    /// The claim's side.
    pub side: Side,
    /// UTF-8 byte offset of its first byte in the readout's text.
    pub start: usize,
    /// UTF-8 byte offset one past its last byte.
    pub end: usize,
    /// Its text, to check the span and to find the claim if segmentation moved it.
    pub text: String,
}

impl ClaimRef {
    /// Names claim `index` of `side` (claims and set-aside sentences keep their spans, so a
    /// reference made on a curated comparison resolves on the automatic one).
    #[must_use]
    pub fn of(cmp: &Comparison, side: Side, index: usize) -> Option<Self> {
        let data = cmp.side(side);
        let claim = data.claims.get(index)?;
        Some(Self::of_claim(data, claim))
    }

    /// Names a claim of a side (also a set-aside one).
    #[must_use]
    pub fn of_claim(data: &SideData, claim: &Claim) -> Self {
        ClaimRef {
            side: data.side,
            start: claim.start,
            end: claim.end,
            text: data
                .readout
                .text
                .get(claim.start..claim.end)
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// The index of the claim in `data`: the one with this span and text, else the one with this
    /// text nearest the span (segmentation changed elsewhere), else none.
    #[must_use]
    pub fn resolve(&self, data: &SideData) -> Option<usize> {
        if data.side != self.side {
            return None;
        }
        let text_of = |c: &Claim| data.readout.text.get(c.start..c.end);
        if let Ok(i) = data.claims.binary_search_by_key(&self.start, |c| c.start)
            && data.claims[i].end == self.end
            && text_of(&data.claims[i]) == Some(self.text.as_str())
        {
            return Some(i);
        }
        data.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| text_of(c) == Some(self.text.as_str()))
            .min_by_key(|(_, c)| c.start.abs_diff(self.start))
            .map(|(i, _)| i)
    }

    /// The first words of the claim, for messages.
    #[must_use]
    pub fn excerpt(&self) -> String {
        excerpt(&self.text)
    }
}

/// A link between a claim of `a` and a claim of `b`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pair {
    /// The claim of side `a`.
    pub a: ClaimRef,
    /// The claim of side `b`.
    pub b: ClaimRef,
}

/// A claim put under a topic by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The claim.
    pub claim: ClaimRef,
    /// The topic id (of the taxonomy or an analyst's topic).
    pub topic: TopicId,
}

/// A topic an analyst created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTopic {
    /// Its id (`custom-…`).
    pub id: TopicId,
    /// Its heading.
    pub label: String,
}

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum NoteTarget {
    /// A claim.
    Claim {
        /// The claim.
        claim: ClaimRef,
    },
    /// A topic, by id.
    Topic {
        /// The topic id.
        topic: TopicId,
    },
}

/// An analyst's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// What it is about.
    pub target: NoteTarget,
    /// The note.
    pub text: String,
}

/// Everything an analyst decided about one comparison. Plain data: saved in sessions, cloned for
/// undo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Decisions {
    /// Links made (or confirmed) by hand.
    pub links: Vec<Pair>,
    /// Automatic links removed by hand.
    pub unlinks: Vec<Pair>,
    /// Claims moved to another topic.
    pub moves: Vec<Move>,
    /// Topics the analyst created.
    pub topics: Vec<NewTopic>,
    /// Sentences set aside as not claims (boilerplate).
    pub set_aside: Vec<ClaimRef>,
    /// Notes on claims and topics.
    pub notes: Vec<Note>,
}

/// One change an analyst makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Link two claims.
    Link(Pair),
    /// Remove a link.
    Unlink(Pair),
    /// Put a claim under an existing topic.
    Move(ClaimRef, TopicId),
    /// Put a claim under a new topic with this heading (an existing analyst topic of the same
    /// heading is reused).
    MoveToNewTopic(ClaimRef, String),
    /// Set a sentence aside as not a claim.
    SetAside(ClaimRef),
    /// Bring a set-aside sentence back as a claim.
    Restore(ClaimRef),
    /// Set the note of a claim or topic; empty text removes it.
    Note(NoteTarget, String),
}

/// What a note is asked for on, naming the claim by its id in the comparison on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOn {
    /// A claim.
    Claim(ClaimId),
    /// A topic.
    Topic(TopicId),
}

impl NoteOn {
    /// The target recorded in the decisions (a claim by span and text).
    #[must_use]
    pub fn resolve(&self, cmp: &Comparison) -> Option<NoteTarget> {
        match self {
            NoteOn::Claim(id) => Some(NoteTarget::Claim {
                claim: ClaimRef::of(cmp, id.side, id.index)?,
            }),
            NoteOn::Topic(topic) => Some(NoteTarget::Topic {
                topic: topic.clone(),
            }),
        }
    }
}

/// What an analyst asks for, naming claims by their [`ClaimId`] in the comparison on screen.
/// [`Action::resolve`] turns it into the [`Edit`] that is recorded, which names claims by span
/// and text so that it survives recomputation and reopening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Link two claims of different sides, in either order.
    Link(ClaimId, ClaimId),
    /// Remove the link between two claims, in either order.
    Unlink(ClaimId, ClaimId),
    /// Put a claim under an existing topic.
    Move(ClaimId, TopicId),
    /// Put a claim under a new topic with this heading.
    MoveToNewTopic(ClaimId, String),
    /// Set a sentence aside as not a claim.
    SetAside(ClaimId),
    /// Bring back the sentence set aside at this position of a side's set-aside list.
    Restore(Side, usize),
    /// Set the note of a claim or topic; empty text removes it.
    Note(NoteOn, String),
}

impl Action {
    /// The edit to record, or none when a claim is not in `cmp` or a link does not join the two
    /// sides.
    #[must_use]
    pub fn resolve(self, cmp: &Comparison) -> Option<Edit> {
        let claim = |id: ClaimId| ClaimRef::of(cmp, id.side, id.index);
        let pair = |x: ClaimId, y: ClaimId| {
            let (a, b) = match (x.side, y.side) {
                (Side::A, Side::B) => (x, y),
                (Side::B, Side::A) => (y, x),
                _ => return None,
            };
            Some(Pair {
                a: claim(a)?,
                b: claim(b)?,
            })
        };
        Some(match self {
            Action::Link(x, y) => Edit::Link(pair(x, y)?),
            Action::Unlink(x, y) => Edit::Unlink(pair(x, y)?),
            Action::Move(id, topic) => Edit::Move(claim(id)?, topic),
            Action::MoveToNewTopic(id, label) => Edit::MoveToNewTopic(claim(id)?, label),
            Action::SetAside(id) => Edit::SetAside(claim(id)?),
            Action::Restore(side, n) => {
                let aside = cmp.set_aside[side.index()].get(n)?;
                Edit::Restore(ClaimRef::of_claim(cmp.side(side), aside))
            }
            Action::Note(on, text) => Edit::Note(on.resolve(cmp)?, text),
        })
    }
}

impl Decisions {
    /// Records an edit.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Link(pair) => {
                self.unlinks.retain(|p| *p != pair);
                if !self.links.contains(&pair) {
                    self.links.push(pair);
                }
            }
            Edit::Unlink(pair) => {
                self.links.retain(|p| *p != pair);
                if !self.unlinks.contains(&pair) {
                    self.unlinks.push(pair);
                }
            }
            Edit::Move(claim, topic) => {
                self.moves.retain(|m| m.claim != claim);
                self.moves.push(Move { claim, topic });
            }
            Edit::MoveToNewTopic(claim, label) => {
                let label = label.trim().to_string();
                let id = match self
                    .topics
                    .iter()
                    .find(|t| t.label.to_lowercase() == label.to_lowercase())
                {
                    Some(t) => t.id.clone(),
                    None => {
                        let id = self.fresh_topic_id(&label);
                        self.topics.push(NewTopic {
                            id: id.clone(),
                            label,
                        });
                        id
                    }
                };
                self.apply(Edit::Move(claim, id));
            }
            Edit::SetAside(claim) => {
                if !self.set_aside.contains(&claim) {
                    self.set_aside.push(claim);
                }
            }
            Edit::Restore(claim) => self
                .set_aside
                .retain(|c| !(c.side == claim.side && c.text == claim.text)),
            Edit::Note(target, text) => {
                let text = text.trim().to_string();
                match self.notes.iter_mut().find(|n| n.target == target) {
                    Some(_) if text.is_empty() => self.notes.retain(|n| n.target != target),
                    Some(note) => note.text = text,
                    None if text.is_empty() => {}
                    None => self.notes.push(Note { target, text }),
                }
            }
        }
    }

    /// The number of decisions recorded.
    #[must_use]
    pub fn len(&self) -> usize {
        self.links.len()
            + self.unlinks.len()
            + self.moves.len()
            + self.set_aside.len()
            + self.notes.len()
    }

    /// Whether nothing was decided.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0 && self.topics.is_empty()
    }

    /// The note on a target, if any.
    #[must_use]
    pub fn note(&self, target: &NoteTarget) -> Option<&str> {
        self.notes
            .iter()
            .find(|n| n.target == *target)
            .map(|n| n.text.as_str())
    }

    fn fresh_topic_id(&self, label: &str) -> TopicId {
        let slug: String = label
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        let base = format!(
            "{CUSTOM_PREFIX}{}",
            if slug.is_empty() { "topic" } else { &slug }
        );
        let mut id = base.clone();
        let mut n = 2;
        while self.topics.iter().any(|t| t.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id.into()
    }
}

/// A curated comparison and the decisions that no longer find their claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Curated {
    /// The automatic comparison with the decisions laid over it.
    pub comparison: Comparison,
    /// One line per decision that could not be applied (its claim or topic is gone); the
    /// decisions themselves stay recorded.
    pub stale: Vec<String>,
}

/// Lays the analyst's decisions over an automatic comparison: removes set-aside sentences and
/// unlinked matches, adds manual links, moves claims, attaches notes, and recomputes the topic
/// rows and one-sided lists. Manual links and moves are flagged; claim ids stay those of `base`.
#[must_use]
#[expect(
    clippy::too_many_lines,
    reason = "one pass per kind of decision, in the order they must apply; split, the order would hide"
)]
pub fn curate(base: &Comparison, decisions: &Decisions, taxonomy: &Taxonomy) -> Curated {
    let mut cmp = base.clone();
    let mut stale = Vec::new();
    if decisions.is_empty() {
        return Curated {
            comparison: cmp,
            stale,
        };
    }
    let resolve = |r: &ClaimRef| r.resolve(base.side(r.side));
    let counts = [cmp.sides[0].claims.len(), cmp.sides[1].claims.len()];
    let mut aside = counts.map(|n| vec![false; n]);
    for r in &decisions.set_aside {
        match resolve(r) {
            Some(i) => aside[r.side.index()][i] = true,
            None => stale.push(format!("not a claim: \"{}\"", r.excerpt())),
        }
    }
    let resolve_pair = |p: &Pair| match (p.a.side, p.b.side, resolve(&p.a), resolve(&p.b)) {
        (Side::A, Side::B, Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    for p in &decisions.unlinks {
        match resolve_pair(p) {
            Some((a, b)) => {
                if let Some(m) = cmp.matches.iter().find(|m| m.a == a && m.b == b) {
                    cmp.rejected.push(Rejected {
                        a,
                        b,
                        score: m.score(),
                    });
                }
                cmp.matches.retain(|m| !(m.a == a && m.b == b));
            }
            None => stale.push(format!(
                "unlink: \"{}\" – \"{}\"",
                p.a.excerpt(),
                p.b.excerpt()
            )),
        }
    }
    for p in &decisions.links {
        let Some((a, b)) = resolve_pair(p) else {
            stale.push(format!(
                "link: \"{}\" – \"{}\"",
                p.a.excerpt(),
                p.b.excerpt()
            ));
            continue;
        };
        match cmp.matches.iter_mut().find(|m| m.a == a && m.b == b) {
            Some(m) => m.origin = std::mem::replace(&mut m.origin, Origin::Manual).confirmed(),
            None => cmp.matches.push(Match {
                a,
                b,
                origin: Origin::Manual,
                diff: crate::diff::shown_diff(
                    cmp.sides[0].claim_text(a),
                    cmp.sides[1].claim_text(b),
                ),
                anchors: crate::anchors::find_builtin(
                    cmp.sides[0].claim_text(a),
                    cmp.sides[1].claim_text(b),
                ),
            }),
        }
    }
    cmp.matches.sort_by_key(|m| (m.a, m.b));

    let mut defs: Vec<(TopicId, String, String, bool)> = taxonomy
        .topics()
        .iter()
        .map(|d| {
            (
                d.id.as_str().into(),
                d.label.clone(),
                d.color.clone(),
                false,
            )
        })
        .collect();
    defs.extend(decisions.topics.iter().map(|t| {
        (
            t.id.clone(),
            t.label.clone(),
            CUSTOM_COLOR.to_string(),
            true,
        )
    }));
    // Rows of the automatic comparison the taxonomy does not define (the fallback, or rows of a
    // comparison made with another taxonomy) keep their place at the end.
    for row in &base.topics {
        if !defs.iter().any(|d| d.0 == row.id) {
            defs.push((row.id.clone(), row.label.clone(), row.color.clone(), false));
        }
    }
    if let Some(pos) = defs.iter().position(|d| d.0 == FALLBACK_ID) {
        let fallback = defs.remove(pos);
        defs.push(fallback);
    }
    for mv in &decisions.moves {
        let known = defs.iter().any(|d| d.0 == mv.topic) || mv.topic == FALLBACK_ID;
        match resolve(&mv.claim) {
            Some(i) if known => {
                let claim = &mut cmp.sides[mv.claim.side.index()].claims[i];
                if claim.topic != mv.topic {
                    claim.topic.clone_from(&mv.topic);
                    claim.topic_manual = true;
                }
            }
            _ => stale.push(format!("move to {}: \"{}\"", mv.topic, mv.claim.excerpt())),
        }
    }
    if !defs.iter().any(|d| d.0 == FALLBACK_ID) {
        defs.push((
            FALLBACK_ID.into(),
            FALLBACK_LABEL.to_string(),
            FALLBACK_COLOR.to_string(),
            false,
        ));
    }
    let mut topic_notes = Vec::new();
    for note in &decisions.notes {
        match &note.target {
            NoteTarget::Claim { claim } => match resolve(claim) {
                Some(i) => {
                    cmp.sides[claim.side.index()].claims[i].note = Some(note.text.clone());
                }
                None => stale.push(format!("note on \"{}\"", claim.excerpt())),
            },
            NoteTarget::Topic { topic } => topic_notes.push((topic.clone(), note.text.clone())),
        }
    }

    // Take the set-aside sentences out, keeping the others' ids, and renumber indices.
    let mut new_index: [Vec<Option<usize>>; 2] = [Vec::new(), Vec::new()];
    for side in Side::BOTH {
        let k = side.index();
        let claims = std::mem::take(&mut cmp.sides[k].claims);
        for (i, claim) in claims.into_iter().enumerate() {
            if aside[k][i] {
                new_index[k].push(None);
                cmp.set_aside[k].push(claim);
            } else {
                new_index[k].push(Some(cmp.sides[k].claims.len()));
                cmp.sides[k].claims.push(claim);
            }
        }
    }
    cmp.matches = std::mem::take(&mut cmp.matches)
        .into_iter()
        .filter_map(|mut m| {
            m.a = new_index[0][m.a]?;
            m.b = new_index[1][m.b]?;
            Some(m)
        })
        .collect();
    cmp.rejected = std::mem::take(&mut cmp.rejected)
        .into_iter()
        .filter_map(|mut r| {
            r.a = new_index[0][r.a]?;
            r.b = new_index[1][r.b]?;
            Some(r)
        })
        .collect();
    cmp.rejected.sort_by_key(|r| (r.a, r.b));

    let mut rows: Vec<TopicRow> = defs
        .into_iter()
        .map(|(id, label, color, custom)| TopicRow {
            note: topic_notes
                .iter()
                .find(|(t, _)| *t == id)
                .map(|(_, n)| n.clone()),
            id,
            label,
            color,
            a: Vec::new(),
            b: Vec::new(),
            custom,
        })
        .collect();
    for side in Side::BOTH {
        for (i, claim) in cmp.side(side).claims.iter().enumerate() {
            let row = rows
                .iter()
                .position(|r| r.id == claim.topic)
                .unwrap_or(rows.len() - 1);
            match side {
                Side::A => rows[row].a.push(i),
                Side::B => rows[row].b.push(i),
            }
        }
    }
    rows.retain(|r| !(r.a.is_empty() && r.b.is_empty()));
    for (topic, _) in &topic_notes {
        if !rows.iter().any(|r| r.id == *topic) {
            stale.push(format!("note on topic {topic}, which has no claims now"));
        }
    }
    cmp.topics = rows;
    cmp.one_sided = Comparison::unmatched(
        [cmp.sides[0].claims.len(), cmp.sides[1].claims.len()],
        &cmp.matches,
    );
    // Claims were renumbered and matches changed: the framing's references and contrasts follow.
    cmp.framing = crate::framing::summarize(&cmp);
    Curated {
        comparison: cmp,
        stale,
    }
}

/// The first words of a text, for messages.
#[must_use]
pub fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn sample() -> (Engine, Comparison) {
        let engine = Engine::builtin().unwrap();
        let (a, b) = crate::sample::blinken_lavrov();
        let cmp = engine.compare(a, b).unwrap();
        (engine, cmp)
    }

    #[test]
    fn actions_name_claims_by_id_and_links_take_either_order() {
        let (engine, cmp) = sample();
        let (a, b) = (ClaimId::new(Side::A, 2), ClaimId::new(Side::B, 4));
        let forward = Action::Link(a, b).resolve(&cmp).unwrap();
        let backward = Action::Link(b, a).resolve(&cmp).unwrap();
        assert_eq!(forward, backward, "sides are put in order by curation");
        let Edit::Link(pair) = &forward else {
            panic!("a link")
        };
        assert_eq!(pair.a, ClaimRef::of(&cmp, Side::A, 2).unwrap());
        assert_eq!(pair.b.side, Side::B);
        // A link within one side, or to a claim that is not there, records nothing.
        let other_a = ClaimId::new(Side::A, 3);
        assert_eq!(Action::Link(a, other_a).resolve(&cmp), None);
        let missing = ClaimId::new(Side::B, cmp.sides[1].claims.len());
        assert_eq!(Action::SetAside(missing).resolve(&cmp), None);
        // Restore names the sentence by its place in the set-aside list of the shown comparison.
        let mut decisions = Decisions::default();
        decisions.apply(Action::SetAside(a).resolve(&cmp).unwrap());
        let shown = curate(&cmp, &decisions, engine.taxonomy()).comparison;
        let restore = Action::Restore(Side::A, 0).resolve(&shown).unwrap();
        decisions.apply(restore);
        assert!(decisions.set_aside.is_empty());
        assert_eq!(Action::Restore(Side::A, 0).resolve(&cmp), None);
    }

    fn check_invariants(cmp: &Comparison) {
        for side in Side::BOTH {
            let n = cmp.side(side).claims.len();
            let mut seen = vec![0; n];
            for t in &cmp.topics {
                for &i in t.claims(side) {
                    seen[i] += 1;
                }
            }
            assert!(seen.iter().all(|&s| s == 1), "each claim in one topic");
            for i in 0..n {
                let matched = cmp.matches_of(side, i).next().is_some();
                assert_ne!(matched, cmp.is_one_sided(side, i), "{side:?} {i}");
            }
        }
    }

    #[test]
    fn no_decisions_leave_the_comparison_as_it_is() {
        let (engine, cmp) = sample();
        let out = curate(&cmp, &Decisions::default(), engine.taxonomy());
        assert_eq!(out.comparison, cmp);
        assert!(out.stale.is_empty());
    }

    #[test]
    fn link_unlink_move_set_aside_and_notes_apply() {
        let (engine, cmp) = sample();
        let one_a = cmp.one_sided[0][0];
        let one_b = cmp.one_sided[1][0];
        let auto = cmp.matches[0].clone();
        let r = |side, i| ClaimRef::of(&cmp, side, i).unwrap();
        let mut d = Decisions::default();
        d.apply(Edit::Link(Pair {
            a: r(Side::A, one_a),
            b: r(Side::B, one_b),
        }));
        d.apply(Edit::Unlink(Pair {
            a: r(Side::A, auto.a),
            b: r(Side::B, auto.b),
        }));
        d.apply(Edit::MoveToNewTopic(r(Side::A, one_a), "Side deals".into()));
        d.apply(Edit::Note(
            NoteTarget::Claim {
                claim: r(Side::B, one_b),
            },
            "check the Russian wording".into(),
        ));
        d.apply(Edit::Note(
            NoteTarget::Topic {
                topic: "custom-side-deals".into(),
            },
            "not in the taxonomy".into(),
        ));
        let last_a = cmp.sides[0].claims.len() - 1;
        d.apply(Edit::SetAside(r(Side::A, last_a)));
        let out = curate(&cmp, &d, engine.taxonomy());
        assert!(out.stale.is_empty(), "{:?}", out.stale);
        let c = &out.comparison;
        check_invariants(c);
        assert!(c.is_curated());
        let a_id = &cmp.sides[0].claims[one_a].id;
        let b_id = &cmp.sides[1].claims[one_b].id;
        let find = |side: Side, id: &str| c.side(side).claims.iter().position(|x| x.id == id);
        let (ia, ib) = (find(Side::A, a_id).unwrap(), find(Side::B, b_id).unwrap());
        let link = c.matches.iter().find(|m| m.a == ia && m.b == ib).unwrap();
        assert_eq!(link.origin, Origin::Manual);
        let ua = find(Side::A, &cmp.sides[0].claims[auto.a].id).unwrap();
        let ub = find(Side::B, &cmp.sides[1].claims[auto.b].id).unwrap();
        assert!(!c.matches.iter().any(|m| m.a == ua && m.b == ub));
        let moved = &c.sides[0].claims[ia];
        assert_eq!(moved.topic, "custom-side-deals");
        assert!(moved.topic_manual);
        let row = c.topic("custom-side-deals").unwrap();
        assert!(row.custom);
        assert_eq!(row.note.as_deref(), Some("not in the taxonomy"));
        assert_eq!(
            c.sides[1].claims[ib].note.as_deref(),
            Some("check the Russian wording")
        );
        assert_eq!(c.sides[0].claims.len(), cmp.sides[0].claims.len() - 1);
        assert_eq!(c.set_aside[0][0].id, cmp.sides[0].claims[last_a].id);
    }

    #[test]
    fn decisions_whose_claims_are_gone_are_kept_and_reported() {
        let (engine, cmp) = sample();
        let mut d = Decisions::default();
        d.apply(Edit::SetAside(ClaimRef {
            side: Side::A,
            start: 0,
            end: 5,
            text: "no such sentence".into(),
        }));
        let out = curate(&cmp, &d, engine.taxonomy());
        assert_eq!(out.stale.len(), 1);
        assert_eq!(out.comparison.sides, cmp.sides);
        assert_eq!(d.set_aside.len(), 1);
    }

    #[test]
    fn a_reference_finds_its_claim_when_the_span_moved() {
        let (_, cmp) = sample();
        let mut r = ClaimRef::of(&cmp, Side::B, 3).unwrap();
        r.start += 1;
        r.end += 1;
        assert_eq!(r.resolve(cmp.side(Side::B)), Some(3));
        assert_eq!(r.resolve(cmp.side(Side::A)), None);
    }

    #[test]
    fn edits_replace_and_remove() {
        let (_, cmp) = sample();
        let r = ClaimRef::of(&cmp, Side::A, 1).unwrap();
        let mut d = Decisions::default();
        let target = NoteTarget::Claim { claim: r.clone() };
        d.apply(Edit::Note(target.clone(), "first".into()));
        d.apply(Edit::Note(target.clone(), "second".into()));
        assert_eq!(d.note(&target), Some("second"));
        d.apply(Edit::Note(target.clone(), "  ".into()));
        assert!(d.notes.is_empty());
        d.apply(Edit::MoveToNewTopic(r.clone(), "Side deals".into()));
        d.apply(Edit::MoveToNewTopic(r.clone(), "side deals".into()));
        assert_eq!(d.topics.len(), 1);
        assert_eq!(d.moves.len(), 1);
        d.apply(Edit::SetAside(r.clone()));
        d.apply(Edit::Restore(r));
        assert!(d.set_aside.is_empty());
    }
}
