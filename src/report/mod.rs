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

/// The date of the call as the readouts state it ("July 29, 2022", "29 July 2022", "July 29"),
/// from the first claims of either side; `None` when they state none.
#[must_use]
pub fn event_date(cmp: &Comparison) -> Option<String> {
    if let Some(date) = cmp.sides.iter().find_map(|s| s.readout.date.clone()) {
        return Some(date);
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let is_day = |w: &str| w.len() <= 2 && w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y));
    for side in &cmp.sides {
        for i in 0..side.claims.len().min(3) {
            let words: Vec<&str> = side
                .claim_text(i)
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            for (k, w) in words.iter().enumerate() {
                if !MONTHS.contains(w) {
                    continue;
                }
                let next = words.get(k + 1).copied().unwrap_or("");
                let after = words.get(k + 2).copied().unwrap_or("");
                let before = if k > 0 { words[k - 1] } else { "" };
                if is_day(next) {
                    return Some(if is_year(after) {
                        format!("{w} {next}, {after}")
                    } else {
                        format!("{w} {next}")
                    });
                }
                if is_day(before) {
                    return Some(if is_year(next) {
                        format!("{before} {w} {next}")
                    } else {
                        format!("{before} {w}")
                    });
                }
            }
        }
    }
    None
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
