//! Comparison to reports: one module per format, each only reads the [`Comparison`].

pub mod csv;
pub mod framing;
pub mod html;
pub mod json;
pub mod json_layout;
pub mod markdown;
pub mod witnesses;

use crate::model::{Comparison, Match, Side};

/// An output format of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The JSON contract of DESIGN.md.
    Json,
    /// GitHub-flavoured Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// One row per claim.
    Csv,
}

impl Format {
    /// The usual file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }
}

/// Renders a comparison in a format.
#[must_use]
pub fn render(cmp: &Comparison, format: Format) -> String {
    match format {
        Format::Json => json::render(cmp),
        Format::Md => markdown::render(cmp),
        Format::Html => html::render(cmp),
        Format::Csv => csv::render(cmp),
    }
}

/// The date of the call: what either input gives (front matter, page metadata, a dateline), else
/// the first date written in the opening claims, in English or Russian, as "July 29, 2022" or
/// "July 29".
#[must_use]
pub fn event_date(cmp: &Comparison) -> Option<String> {
    cmp.sides
        .iter()
        .find_map(|s| s.readout.date.clone())
        .or_else(|| {
            cmp.sides.iter().find_map(|side| {
                let opening: Vec<&str> = (0..side.claims.len().min(3))
                    .map(|i| side.claim_text(i))
                    .collect();
                crate::metadata::find_date(&opening.join(" "))
            })
        })
}

/// A claim or topic id made safe for an `id` attribute or a link target.
#[must_use]
pub fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The claim that reports the call itself: the first claim of side `a` in the call topic, else
/// its first claim.
#[must_use]
pub fn opening_claim(cmp: &Comparison) -> Option<&str> {
    let side = &cmp.sides[0];
    let i = side
        .claims
        .iter()
        .position(|c| c.topic == crate::pipeline::CALL_ID)
        .unwrap_or(0);
    (i < side.claims.len()).then(|| side.claim_text(i))
}

/// Counts shown in every summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Claims per side.
    pub claims: [usize; 2],
    /// Number of matches.
    pub matches: usize,
    /// One-sided claims per side.
    pub one_sided: [usize; 2],
    /// Topics covered by one side only, per side.
    pub one_sided_topics: [usize; 2],
}

impl Summary {
    /// Counts of a comparison.
    #[must_use]
    pub fn of(cmp: &Comparison) -> Self {
        let count_topics = |side: Side| {
            cmp.topics
                .iter()
                .filter(|t| t.one_sided() == Some(side))
                .count()
        };
        Summary {
            claims: [cmp.sides[0].claims.len(), cmp.sides[1].claims.len()],
            matches: cmp.matches.len(),
            one_sided: [cmp.one_sided[0].len(), cmp.one_sided[1].len()],
            one_sided_topics: [count_topics(Side::A), count_topics(Side::B)],
        }
    }
}

/// What decided an automatic match, in words, for a report line ("same matter: …; shared: …"),
/// leaving out the probability (reports show the score beside it); empty for an analyst's link.
#[must_use]
pub fn evidence_words(m: &Match) -> String {
    m.origin
        .evidence()
        .iter()
        .filter(|e| !e.starts_with("probability "))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether the analyst alone made a link (the machine did not): its score is not a measure.
#[must_use]
pub fn analyst_made(m: &Match) -> bool {
    m.origin.is_analyst_made()
}

/// The kinds of marks reports put on the analyst's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A link the analyst made or confirmed.
    ManualLink,
    /// A claim the analyst moved to its topic.
    Moved,
    /// A topic the analyst created.
    AnalystTopic,
}

/// The machine links of claim `i` of `side` that the analyst rejected: the other claim's id and
/// the aligner's probability.
#[must_use]
pub fn rejected_links(cmp: &Comparison, side: Side, i: usize) -> Vec<(&str, f32)> {
    cmp.rejected
        .iter()
        .filter_map(|r| {
            let (this, other) = match side {
                Side::A => (r.a, r.b),
                Side::B => (r.b, r.a),
            };
            (this == i).then(|| {
                let id = cmp.side(side.other()).claims[other].id.as_str();
                (id, r.score)
            })
        })
        .collect()
}

/// `n thing` or `n things`.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The phrases of a "Corrected by an analyst" line: manual links, moved claims, new topics,
/// notes and set-aside sentences, counted. `mark` writes how the format marks a kind (appended
/// to its phrase); `aside` wraps the set-aside count (a link to that section).
#[must_use]
pub fn curation_phrases(
    cmp: &Comparison,
    mark: impl Fn(Mark) -> String,
    aside: impl Fn(String) -> String,
) -> Vec<String> {
    let manual = cmp.matches.iter().filter(|m| m.is_manual()).count();
    let made = cmp.matches.iter().filter(|m| analyst_made(m)).count();
    let all_claims = || {
        cmp.sides
            .iter()
            .flat_map(|s| &s.claims)
            .chain(cmp.set_aside.iter().flatten())
    };
    let moved = all_claims().filter(|c| c.topic_manual).count();
    let notes = all_claims().filter(|c| c.note.is_some()).count()
        + cmp.topics.iter().filter(|t| t.note.is_some()).count();
    let custom = cmp.topics.iter().filter(|t| t.custom).count();
    let set_aside = cmp.set_aside[0].len() + cmp.set_aside[1].len();
    let mut parts = Vec::new();
    if manual > 0 {
        parts.push(format!(
            "{} ({made} made, {} confirmed){}",
            count(manual, "manual link", "manual links"),
            manual - made,
            mark(Mark::ManualLink)
        ));
    }
    if !cmp.rejected.is_empty() {
        parts.push(count(
            cmp.rejected.len(),
            "machine link rejected",
            "machine links rejected",
        ));
    }
    if moved > 0 {
        parts.push(format!(
            "{}{}",
            count(
                moved,
                "claim moved to another topic",
                "claims moved to other topics"
            ),
            mark(Mark::Moved)
        ));
    }
    if custom > 0 {
        parts.push(format!(
            "{}{}",
            count(custom, "new topic", "new topics"),
            mark(Mark::AnalystTopic)
        ));
    }
    if notes > 0 {
        parts.push(count(notes, "note", "notes"));
    }
    if set_aside > 0 {
        parts.push(aside(count(
            set_aside,
            "sentence set aside",
            "sentences set aside",
        )));
    }
    parts
}

/// One line of a translation check as reports print it: what happened, the original's
/// sentences and the version's, joined.
pub struct TranslationRow {
    /// "dropped", "added", "merged" or "split".
    pub kind: &'static str,
    /// The original's sentences (empty for an added one).
    pub original: String,
    /// The version's sentences (empty for a dropped one).
    pub version: String,
}

/// The translation check's news: every bead but the sentences kept one for one; with the
/// count of those kept.
#[must_use]
pub fn translation_rows(cmp: &Comparison) -> Option<(usize, Vec<TranslationRow>)> {
    let t = cmp.translation.as_ref()?;
    let text = |side: Side, list: &[usize]| {
        list.iter()
            .map(|&i| cmp.side(side).claim_text(i))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let kept = t.of_kind(crate::model::BeadKind::Kept).count();
    let rows = t
        .beads
        .iter()
        .filter(|b| b.kind != crate::model::BeadKind::Kept)
        .map(|b| TranslationRow {
            kind: b.kind.name(),
            original: text(t.original, &b.original),
            version: text(t.original.other(), &b.version),
        })
        .collect();
    Some((kept, rows))
}
