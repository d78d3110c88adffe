//! A Markdown summary: counts, then per topic the matched pairs and the one-sided claims.

use std::fmt::Write as _;

use super::Summary;
use crate::model::{Comparison, Side};

/// Escapes text so Markdown shows it literally and no HTML passes through.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the comparison as Markdown.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let [la, lb] = [&cmp.sides[0].readout.label, &cmp.sides[1].readout.label].map(|l| escape(l));
    let s = Summary::of(cmp);
    let mut out = String::new();
    let _ = writeln!(out, "# Parallax comparison: {la} and {lb}\n");
    let _ = writeln!(out, "| | {la} | {lb} |\n|---|---:|---:|");
    let _ = writeln!(
        out,
        "| Source | {} | {} |",
        escape(&cmp.sides[0].readout.source),
        escape(&cmp.sides[1].readout.source)
    );
    let _ = writeln!(out, "| Claims | {} | {} |", s.claims[0], s.claims[1]);
    let _ = writeln!(
        out,
        "| One-sided claims | {} | {} |",
        s.one_sided[0], s.one_sided[1]
    );
    let _ = writeln!(
        out,
        "| Topics only here | {} | {} |",
        s.one_sided_topics[0], s.one_sided_topics[1]
    );
    let _ = writeln!(out, "\nMatches: {}\n", s.matches);
    for topic in &cmp.topics {
        let _ = writeln!(out, "## {}", escape(&topic.label));
        if let Some(side) = topic.one_sided() {
            let _ = writeln!(
                out,
                "\n*Only {} covers this topic.*",
                escape(&cmp.side(side).readout.label)
            );
        }
        out.push('\n');
        for &i in &topic.a {
            let text = escape(cmp.sides[0].claim_text(i));
            let partners: Vec<_> = cmp.matches_of(Side::A, i).collect();
            if partners.is_empty() {
                let _ = writeln!(
                    out,
                    "- **only in {la}** ({}): {text}",
                    cmp.sides[0].claims[i].id
                );
                continue;
            }
            let _ = writeln!(out, "- **{la}** ({}): {text}", cmp.sides[0].claims[i].id);
            for m in partners {
                let _ = writeln!(
                    out,
                    "  - **{lb}** ({}, score {:.2}): {}",
                    cmp.sides[1].claims[m.b].id,
                    m.score,
                    escape(cmp.sides[1].claim_text(m.b))
                );
            }
        }
        for &i in &topic.b {
            let text = escape(cmp.sides[1].claim_text(i));
            if cmp.is_one_sided(Side::B, i) {
                let _ = writeln!(
                    out,
                    "- **only in {lb}** ({}): {text}",
                    cmp.sides[1].claims[i].id
                );
            } else if !cmp.matches_of(Side::B, i).any(|m| topic.a.contains(&m.a)) {
                let _ = writeln!(
                    out,
                    "- **{lb}** ({}, matched in another topic): {text}",
                    cmp.sides[1].claims[i].id
                );
            }
        }
        out.push('\n');
    }
    out
}
