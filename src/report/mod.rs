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
