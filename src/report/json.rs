//! The JSON contract of DESIGN.md (`"format": "parallax-comparison"`, version 1), with each
//! side's `initiative` (who asked for the call, when its readout says) and the analyst's work as
//! extra fields: `curated`, `set_aside`, and per match, claim and topic the
//! `manual`, `topic_manual`, `custom` flags and `note`s (always written, `false`/`null` when the
//! comparison is automatic); per side, `fetched` for a readout opened from its link; the
//! framing of each claim and, at the top, the framing summed up (terms per side, contrasts,
//! tone, initiative).

use std::io::Write as _;

use serde::Serialize;

use crate::curation::MANUAL_EVIDENCE;
use crate::model::{
    Anchor, Claim, Comparison, DiffSpan, DiffTag, Fetched, FramingRef, FramingTerm, Initiative,
    Origin, Side, TranslationCheck,
};

/// Format name written in every document.
pub const FORMAT: &str = "parallax-comparison";
/// Contract version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    format: &'static str,
    version: u32,
    generator: String,
    curated: bool,
    sides: Vec<SideOut<'a>>,
    topics: Vec<TopicOut<'a>>,
    matches: Vec<MatchOut<'a>>,
    one_sided: OneSided<'a>,
    set_aside: SetAside<'a>,
    /// Machine links the analyst removed; left out when there are none, so automatic output
    /// stays as it was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rejected: Vec<RejectedOut<'a>>,
    /// The translation check of two language versions of one readout; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<TranslationOut<'a>>,
    framing: FramingOut<'a>,
}

#[derive(Serialize)]
struct TranslationOut<'a> {
    original: &'static str,
    linked_share: f32,
    beads: Vec<BeadOut<'a>>,
}

#[derive(Serialize)]
struct BeadOut<'a> {
    kind: &'static str,
    original: Vec<&'a str>,
    version: Vec<&'a str>,
    score: f32,
}

/// A framing term as the JSON writes it, in a claim or the summary.
#[derive(Serialize)]
struct TermOut<'a> {
    /// The claim it stands in (only in the summary: a claim's own terms need no id).
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    term: &'a str,
    kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    counterparts: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phrase: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    initiator: Option<&'static str>,
}

#[derive(Serialize)]
struct FramingOut<'a> {
    terms: PerSide<Vec<TermCountOut<'a>>>,
    contrasts: Vec<ContrastOut<'a>>,
    tone: PerSide<Vec<TermOut<'a>>>,
    initiative: PerSide<Vec<TermOut<'a>>>,
}

#[derive(Serialize)]
struct PerSide<T> {
    a: T,
    b: T,
}

#[derive(Serialize)]
struct TermCountOut<'a> {
    term: &'a str,
    kind: &'static str,
    count: usize,
    claims: Vec<&'a str>,
}

#[derive(Serialize)]
struct ContrastOut<'a> {
    a: TermOut<'a>,
    b: TermOut<'a>,
    basis: &'static str,
    topic: Option<&'a str>,
}

#[derive(Serialize)]
struct RejectedOut<'a> {
    a: &'a str,
    b: &'a str,
    score: f32,
}

#[derive(Serialize)]
struct SideOut<'a> {
    key: &'static str,
    label: &'a str,
    source: &'a str,
    sha256: &'a str,
    encoding: &'a str,
    input_format: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    /// Where and when a readout opened from its link was downloaded; absent for files.
    #[serde(skip_serializing_if = "Option::is_none")]
    fetched: Option<&'a Fetched>,
    /// The readout's language (ISO 639-1), when detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    /// Who asked for the call, as the readout says; left out when it does not say, so earlier
    /// output stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    initiative: Option<&'a Initiative>,
    warnings: &'a [String],
    text: &'a str,
    claims: Vec<ClaimOut<'a>>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    topic: &'a str,
    speaker: Option<&'a str>,
    role: &'static str,
    paragraph: usize,
    topic_scores: Vec<(&'a str, f32)>,
    topic_manual: bool,
    note: Option<&'a str>,
    framing: Vec<TermOut<'a>>,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    label: &'a str,
    color: &'a str,
    a: Vec<&'a str>,
    b: Vec<&'a str>,
    one_sided: Option<&'static str>,
    custom: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct MatchOut<'a> {
    a: &'a str,
    b: &'a str,
    score: f32,
    evidence: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[DiffSpan]>::is_empty")]
    diff: &'a [DiffSpan],
    #[serde(skip_serializing_if = "<[Anchor]>::is_empty")]
    anchors: &'a [Anchor],
    manual: bool,
    origin: &'static str,
}

impl MatchOut<'_> {
    /// Writes the match as an element of an array `depth` containers deep, the bytes the
    /// layout writes for it through `serde` (a test compares the two): the matches are most of
    /// a long comparison's JSON, and most of their values are small (an anchor's spans, a diff
    /// step), where `serde`'s work per value outweighs the value.
    #[expect(
        clippy::unnecessary_wraps,
        reason = "a json_layout::WriteElement, which may fail for other elements"
    )]
    fn write_element(&self, out: &mut Vec<u8>, depth: usize, first: bool) -> std::io::Result<()> {
        use super::json_layout::{
            container_end, element_start, key_start, push_bool, push_f32, push_str, push_str_array,
            push_usize,
        };
        let inner = depth + 1;
        element_start(out, depth, first);
        out.push(b'{');
        key_start(out, inner, "a", true);
        push_str(out, self.a);
        key_start(out, inner, "b", false);
        push_str(out, self.b);
        key_start(out, inner, "score", false);
        push_f32(out, self.score);
        key_start(out, inner, "evidence", false);
        push_str_array(out, self.evidence.iter().copied());
        if !self.diff.is_empty() {
            key_start(out, inner, "diff", false);
            out.push(b'[');
            for (i, step) in self.diff.iter().enumerate() {
                element_start(out, inner + 1, i == 0);
                out.extend_from_slice(b"{\"tag\": ");
                push_str(out, diff_tag_name(step.tag));
                out.extend_from_slice(b", \"text\": ");
                push_str(out, &step.text);
                out.push(b'}');
            }
            container_end(out, inner + 1, b']');
        }
        if !self.anchors.is_empty() {
            key_start(out, inner, "anchors", false);
            out.push(b'[');
            for (i, anchor) in self.anchors.iter().enumerate() {
                element_start(out, inner + 1, i == 0);
                out.extend_from_slice(b"{\"kind\": ");
                push_str(out, anchor.kind.name());
                for (key, spans) in [(&b", \"a\": "[..], &anchor.a), (b", \"b\": ", &anchor.b)] {
                    out.extend_from_slice(key);
                    out.push(b'[');
                    for (k, [start, end]) in spans.iter().enumerate() {
                        out.extend_from_slice(if k == 0 { b"[" } else { b", [" });
                        push_usize(out, *start);
                        out.extend_from_slice(b", ");
                        push_usize(out, *end);
                        out.push(b']');
                    }
                    out.push(b']');
                }
                out.push(b'}');
            }
            container_end(out, inner + 1, b']');
        }
        key_start(out, inner, "manual", false);
        push_bool(out, self.manual);
        key_start(out, inner, "origin", false);
        push_str(out, self.origin);
        container_end(out, inner, b'}');
        Ok(())
    }
}

impl ClaimOut<'_> {
    /// Writes the claim as an element of an array `depth` containers deep, the bytes the
    /// layout writes for it through `serde` (a test compares the two), as
    /// [`MatchOut::write_element`] does; its framing terms, few, go through `serde`.
    fn write_element(&self, out: &mut Vec<u8>, depth: usize, first: bool) -> std::io::Result<()> {
        use super::json_layout::{
            container_end, element_start, key_start, push_bool, push_f32, push_opt_str,
            push_serde_element, push_str, push_usize,
        };
        let inner = depth + 1;
        element_start(out, depth, first);
        out.push(b'{');
        key_start(out, inner, "id", true);
        push_str(out, self.id);
        key_start(out, inner, "start", false);
        push_usize(out, self.start);
        key_start(out, inner, "end", false);
        push_usize(out, self.end);
        key_start(out, inner, "text", false);
        push_str(out, self.text);
        key_start(out, inner, "topic", false);
        push_str(out, self.topic);
        key_start(out, inner, "speaker", false);
        push_opt_str(out, self.speaker);
        key_start(out, inner, "role", false);
        push_str(out, self.role);
        key_start(out, inner, "paragraph", false);
        push_usize(out, self.paragraph);
        key_start(out, inner, "topic_scores", false);
        out.push(b'[');
        if self.topic_scores.is_empty() {
            out.push(b']');
        } else {
            for (i, (topic, score)) in self.topic_scores.iter().enumerate() {
                element_start(out, inner + 1, i == 0);
                out.push(b'[');
                push_str(out, topic);
                out.extend_from_slice(b", ");
                push_f32(out, *score);
                out.push(b']');
            }
            container_end(out, inner + 1, b']');
        }
        key_start(out, inner, "topic_manual", false);
        push_bool(out, self.topic_manual);
        key_start(out, inner, "note", false);
        push_opt_str(out, self.note);
        key_start(out, inner, "framing", false);
        out.push(b'[');
        if self.framing.is_empty() {
            out.push(b']');
        } else {
            for (i, term) in self.framing.iter().enumerate() {
                push_serde_element(out, term, inner + 1, i == 0)?;
            }
            container_end(out, inner + 1, b']');
        }
        container_end(out, inner, b'}');
        Ok(())
    }
}

/// A diff step's tag as JSON names it.
fn diff_tag_name(tag: DiffTag) -> &'static str {
    match tag {
        DiffTag::Equal => "equal",
        DiffTag::Delete => "delete",
        DiffTag::Insert => "insert",
    }
}

#[derive(Serialize)]
struct OneSided<'a> {
    a: Vec<&'a str>,
    b: Vec<&'a str>,
}

#[derive(Serialize)]
struct SetAside<'a> {
    a: Vec<ClaimOut<'a>>,
    b: Vec<ClaimOut<'a>>,
}

fn claim_out<'a>(text: &'a str, c: &'a Claim) -> ClaimOut<'a> {
    ClaimOut {
        id: &c.id,
        start: c.start,
        end: c.end,
        text: text.get(c.start..c.end).unwrap_or_default(),
        topic: &c.topic,
        speaker: c.speaker.as_deref(),
        role: c.role.name(),
        paragraph: c.paragraph,
        topic_scores: c
            .topic_scores
            .iter()
            .map(|(t, s)| (t.as_str(), *s))
            .collect(),
        topic_manual: c.topic_manual,
        note: c.note.as_deref(),
        framing: c.framing.iter().map(|t| term_out(text, None, t)).collect(),
    }
}

fn term_out<'a>(text: &'a str, claim: Option<&'a str>, t: &'a FramingTerm) -> TermOut<'a> {
    TermOut {
        claim,
        term: &t.term,
        kind: t.kind.key(),
        start: t.start,
        end: t.end,
        text: text.get(t.start..t.end).unwrap_or_default(),
        counterparts: &t.counterparts,
        by: t.by.as_deref(),
        phrase: t.phrase.as_deref(),
        initiator: t.initiator.map(Side::key),
    }
}

/// The framing summed up, with claims named by id and each use's term and text.
fn framing_out(cmp: &Comparison) -> FramingOut<'_> {
    let f = &cmp.framing;
    let used = |side: Side, r: FramingRef| -> Option<TermOut<'_>> {
        let data = cmp.side(side);
        let claim = data.claims.get(r.claim)?;
        let term = claim.framing.get(r.item)?;
        Some(term_out(&data.readout.text, Some(&claim.id), term))
    };
    let per_side = |lists: &'_ [Vec<FramingRef>; 2]| PerSide {
        a: lists[0].iter().filter_map(|&r| used(Side::A, r)).collect(),
        b: lists[1].iter().filter_map(|&r| used(Side::B, r)).collect(),
    };
    let counts = |side: Side| -> Vec<TermCountOut<'_>> {
        let claims = &cmp.side(side).claims;
        f.terms[side.index()]
            .iter()
            .map(|u| {
                let ids = u.claim_ids(claims);
                TermCountOut {
                    term: &u.term,
                    kind: u.kind.key(),
                    count: u.uses.len(),
                    claims: ids,
                }
            })
            .collect()
    };
    FramingOut {
        terms: PerSide {
            a: counts(Side::A),
            b: counts(Side::B),
        },
        contrasts: f
            .contrasts
            .iter()
            .filter_map(|c| {
                let topic_a = &cmp.sides[0].claims.get(c.a.claim)?.topic;
                let topic_b = &cmp.sides[1].claims.get(c.b.claim)?.topic;
                Some(ContrastOut {
                    a: used(Side::A, c.a)?,
                    b: used(Side::B, c.b)?,
                    basis: c.basis.key(),
                    topic: (topic_a == topic_b).then_some(topic_a.as_str()),
                })
            })
            .collect(),
        tone: per_side(&f.tone),
        initiative: per_side(&f.initiative),
    }
}

/// Renders the comparison as JSON (laid out by [`super::json_layout`]) with a trailing newline.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let mut out = super::json_layout::to_string(&doc(cmp))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Writes the JSON of [`render`] to `out` as it is made, without holding the whole text (on
/// long readouts the text is tens of megabytes).
///
/// # Errors
/// Writing to `out` fails.
pub fn write(cmp: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    // The matches and each side's claims are most of the text on long readouts: they are
    // rendered on all cores, a batch at a time (rendering a whole side aside would hold
    // megabytes while the other is written).
    let mut doc = doc(cmp);
    let matches = std::mem::take(&mut doc.matches);
    let claims: Vec<Vec<ClaimOut<'_>>> = doc
        .sides
        .iter_mut()
        .map(|s| std::mem::take(&mut s.claims))
        .collect();
    // A side's claims are under "claims" in the side's object, three containers deep.
    let mut splices: Vec<_> = claims
        .iter()
        .map(|c| super::json_layout::spliced_direct(3, "claims", c, ClaimOut::write_element))
        .collect();
    splices.push(super::json_layout::spliced_direct(
        1,
        "matches",
        &matches,
        MatchOut::write_element,
    ));
    super::json_layout::to_writer_spliced(&mut out, &doc, splices)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The JSON document of a comparison, borrowing from it.
fn doc(cmp: &Comparison) -> Doc<'_> {
    let id = |side: Side, i: usize| cmp.side(side).claims[i].id.as_str();
    let set_aside = |side: Side| {
        cmp.set_aside[side.index()]
            .iter()
            .map(|c| claim_out(&cmp.side(side).readout.text, c))
            .collect()
    };
    Doc {
        format: FORMAT,
        version: VERSION,
        generator: format!("parallax {}", env!("CARGO_PKG_VERSION")),
        curated: cmp.is_curated(),
        sides: cmp
            .sides
            .iter()
            .map(|s| SideOut {
                key: s.side.key(),
                label: &s.readout.label,
                source: &s.readout.source,
                sha256: &s.readout.sha256,
                encoding: &s.readout.encoding,
                input_format: &s.readout.format,
                title: s.readout.title.as_deref(),
                date: s.readout.date.as_deref(),
                url: s.readout.url.as_deref(),
                fetched: s.readout.fetched.as_ref(),
                language: s.readout.language.as_deref(),
                initiative: s.readout.initiative.as_ref(),
                warnings: &s.readout.warnings,
                text: &s.readout.text,
                claims: s
                    .claims
                    .iter()
                    .map(|c| claim_out(&s.readout.text, c))
                    .collect(),
            })
            .collect(),
        topics: cmp
            .topics
            .iter()
            .map(|t| TopicOut {
                id: &t.id,
                label: &t.label,
                color: &t.color,
                a: t.a.iter().map(|&i| id(Side::A, i)).collect(),
                b: t.b.iter().map(|&i| id(Side::B, i)).collect(),
                one_sided: t.one_sided().map(Side::key),
                custom: t.custom,
                note: t.note.as_deref(),
            })
            .collect(),
        matches: cmp
            .matches
            .iter()
            .map(|m| MatchOut {
                a: id(Side::A, m.a),
                b: id(Side::B, m.b),
                score: m.score(),
                evidence: match &m.origin {
                    Origin::Manual => vec![MANUAL_EVIDENCE],
                    origin => origin.evidence().iter().map(String::as_str).collect(),
                },
                diff: &m.diff,
                anchors: &m.anchors,
                manual: m.is_manual(),
                origin: m.origin.key(),
            })
            .collect(),
        one_sided: OneSided {
            a: cmp.one_sided[0].iter().map(|&i| id(Side::A, i)).collect(),
            b: cmp.one_sided[1].iter().map(|&i| id(Side::B, i)).collect(),
        },
        set_aside: SetAside {
            a: set_aside(Side::A),
            b: set_aside(Side::B),
        },
        rejected: cmp
            .rejected
            .iter()
            .map(|r| RejectedOut {
                a: id(Side::A, r.a),
                b: id(Side::B, r.b),
                score: r.score,
            })
            .collect(),
        translation: cmp.translation.as_ref().map(|t| translation_out(cmp, t)),
        framing: framing_out(cmp),
    }
}

fn translation_out<'a>(cmp: &'a Comparison, t: &'a TranslationCheck) -> TranslationOut<'a> {
    let ids = |side: Side, list: &[usize]| {
        list.iter()
            .map(|&i| cmp.side(side).claims[i].id.as_str())
            .collect()
    };
    TranslationOut {
        original: t.original.key(),
        linked_share: (t.linked_share() * 1000.0).round() / 1000.0,
        beads: t
            .beads
            .iter()
            .map(|b| BeadOut {
                kind: b.kind.name(),
                original: ids(t.original, &b.original),
                version: ids(t.original.other(), &b.version),
                score: (b.score * 1000.0).round() / 1000.0,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnchorKind;

    #[test]
    fn matches_written_directly_are_the_serde_layout() {
        let diff = [
            DiffSpan {
                tag: DiffTag::Equal,
                text: "the \"quoted\"\tword\\ and \u{1} «ёлочки» ".to_string(),
            },
            DiffSpan {
                tag: DiffTag::Delete,
                text: "old\n".to_string(),
            },
            DiffSpan {
                tag: DiffTag::Insert,
                text: "new".to_string(),
            },
        ];
        let anchors = [
            Anchor {
                kind: AnchorKind::Name,
                a: vec![[0, 5], [12, 20]],
                b: vec![[3, 8]],
            },
            Anchor {
                kind: AnchorKind::Translation,
                a: vec![],
                b: vec![[usize::MAX - 1, usize::MAX]],
            },
        ];
        let one = |score: f32, evidence: Vec<&'static str>, with: bool, manual: bool| MatchOut {
            a: "a1",
            b: "b\"2",
            score,
            evidence,
            diff: if with { &diff } else { &[] },
            anchors: if with { &anchors } else { &[] },
            manual,
            origin: if manual { "manual" } else { "auto" },
        };
        let lists = [
            vec![one(
                0.473,
                vec!["shared: Kyiv", "probability 0.47"],
                true,
                false,
            )],
            vec![
                one(1.0, vec![], false, true),
                one(f32::NAN, vec!["x"], true, false),
                one(0.1, vec!["a\u{7f}b"], false, false),
            ],
        ];
        for items in &lists {
            assert_direct_is_serde(items, MatchOut::write_element);
        }
    }

    #[test]
    fn claims_written_directly_are_the_serde_layout() {
        let counterparts = ["Kyiv regime".to_string()];
        let term = |claim: Option<&'static str>, by: Option<&'static str>| TermOut {
            claim,
            term: "so-called",
            kind: "label",
            start: 4,
            end: 13,
            text: "so-called \"republics\"",
            counterparts: &counterparts,
            by,
            phrase: None,
            initiator: Some("b"),
        };
        let claim = |speaker, note, scores: Vec<(&'static str, f32)>, framing| ClaimOut {
            id: "a7",
            start: 10,
            end: 222,
            text: "He said: \"no\".\n«Нет»",
            topic: "ukraine-war",
            speaker,
            role: "substantive",
            paragraph: 3,
            topic_scores: scores,
            topic_manual: false,
            note,
            framing,
        };
        let lists = [
            vec![claim(None, None, vec![], vec![])],
            vec![
                claim(
                    Some("Lavrov"),
                    Some("a note\t"),
                    vec![("call", 1.5)],
                    vec![term(None, None)],
                ),
                claim(
                    None,
                    None,
                    vec![("grain", 0.3), ("x", f32::INFINITY)],
                    vec![term(Some("a7"), Some("Lavrov")), term(None, None)],
                ),
            ],
        ];
        for items in &lists {
            assert_direct_is_serde(items, ClaimOut::write_element);
        }
    }

    /// Writes `items` as the spliced array of a small document, by `write` and by `serde`,
    /// at the depths the comparison uses, and checks the two texts are the same.
    fn assert_direct_is_serde<E: Serialize + Sync>(
        items: &[E],
        write: super::super::json_layout::WriteElement<E>,
    ) {
        use super::super::json_layout::{spliced_at, spliced_direct, to_writer_spliced};
        let docs = [
            (
                1,
                serde_json::json!({"before": 1, "list": [], "after": [2]}),
            ),
            (
                3,
                serde_json::json!({"sides": [{"k": "a", "list": []}, {"k": "b", "list": [1]}]}),
            ),
        ];
        for (depth, empty) in docs {
            let mut by_serde = Vec::new();
            to_writer_spliced(
                &mut by_serde,
                &empty,
                vec![spliced_at(depth, "list", items)],
            )
            .unwrap();
            let mut direct = Vec::new();
            to_writer_spliced(
                &mut direct,
                &empty,
                vec![spliced_direct(depth, "list", items, write)],
            )
            .unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(by_serde).unwrap()
            );
        }
    }
}
