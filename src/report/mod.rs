//! Comparison to reports: one module per format, each only reads the [`Comparison`].

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;

use crate::model::{Comparison, Side};

/// An output format of `parallax compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The JSON contract of DESIGN.md.
    Json,
    /// GitHub-flavoured Markdown.
    #[value(alias = "markdown")]
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
/// the first date written in the opening claims ("July 29, 2022", "29 July 2022", "July 29").
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
