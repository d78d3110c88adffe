//! The JSON contract of DESIGN.md (`"format": "parallax-comparison"`, version 1), with each
//! side's `initiative` (who asked for the call, when its readout says) and the analyst's work as
//! extra fields: `curated`, `set_aside`, and per match, claim and topic the
//! `manual`, `topic_manual`, `custom` flags and `note`s (always written, `false`/`null` when the
//! comparison is automatic); per side, `fetched` for a readout opened from its link.

use serde::Serialize;

use crate::curation::MANUAL_EVIDENCE;
use crate::model::{
    Anchor, Claim, Comparison, DiffSpan, Fetched, Initiative, Origin, Side, TranslationCheck,
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
    diff: &'a [DiffSpan],
    #[serde(skip_serializing_if = "<[Anchor]>::is_empty")]
    anchors: &'a [Anchor],
    manual: bool,
    origin: &'static str,
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
    }
}

/// Renders the comparison as pretty-printed JSON with a trailing newline.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let id = |side: Side, i: usize| cmp.side(side).claims[i].id.as_str();
    let set_aside = |side: Side| {
        cmp.set_aside[side.index()]
            .iter()
            .map(|c| claim_out(&cmp.side(side).readout.text, c))
            .collect()
    };
    let doc = Doc {
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
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
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
