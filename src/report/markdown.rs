//! The report as GitHub-flavoured Markdown, for notes and articles: the same content as the
//! HTML report (title, sources, summary, coverage, per-topic tables, full texts).

use std::fmt::Write as _;

use super::{Summary, anchor, event_date, opening_claim};
use crate::model::{Comparison, DiffSpan, DiffTag, Side};
use crate::rows::{ClaimIndex, Filter, Row, build_rows};

/// Escapes text so Markdown shows it literally, no HTML passes through, and a table cell stays
/// one cell on one line.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' | '+' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the comparison as Markdown.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let labels = [&cmp.sides[0].readout.label, &cmp.sides[1].readout.label].map(|l| escape(l));
    let s = Summary::of(cmp);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Readouts compared: {} and {}\n",
        labels[0], labels[1]
    );
    if let Some(date) = event_date(cmp) {
        let _ = writeln!(out, "**Date:** {}  ", escape(&date));
    }
    if let Some(opening) = opening_claim(cmp) {
        let _ = writeln!(out, "**The call:** {}\n", escape(opening));
    }

    out.push_str("## Sources\n\n| Side | Party | Readout | Date | File | SHA-256 |\n|---|---|---|---|---|---|\n");
    for (k, side) in cmp.sides.iter().enumerate() {
        let r = &side.readout;
        let mut readout = r.title.as_deref().map_or_else(String::new, escape);
        if let Some(url) = &r.url {
            let _ = write!(readout, " {}", escape(url));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ({}, {}) | `{}` |",
            side.side.key(),
            labels[k],
            readout.trim(),
            r.date.as_deref().map_or_else(String::new, escape),
            escape(&r.source),
            escape(&r.format),
            escape(&r.encoding),
            r.sha256
                .chars()
                .filter(char::is_ascii_hexdigit)
                .collect::<String>()
        );
    }

    let _ = write!(
        out,
        "\n## Summary\n\n| | {a} | {b} |\n|---|---:|---:|\n| Claims | {} | {} |\n| One-sided claims | {} | {} |\n\
         | Topics covered only here | {} | {} |\n\n{} matches link the two readouts' accounts of the same points, across {} topics.\n",
        s.claims[0],
        s.claims[1],
        s.one_sided[0],
        s.one_sided[1],
        s.one_sided_topics[0],
        s.one_sided_topics[1],
        s.matches,
        cmp.topics.len(),
        a = labels[0],
        b = labels[1],
    );

    let _ = write!(
        out,
        "\n## Topic coverage\n\n| Topic | {a} | {b} | |\n|---|---:|---:|---|\n",
        a = labels[0],
        b = labels[1]
    );
    for topic in &cmp.topics {
        let bar = format!(
            "{}{}",
            "◧".repeat(topic.a.len().min(30)),
            "◨".repeat(topic.b.len().min(30))
        );
        let _ = writeln!(
            out,
            "| [{}](#topic-{}) | {} | {} | {bar} |",
            escape(&topic.label),
            anchor(&topic.id),
            topic.a.len(),
            topic.b.len()
        );
    }

    out.push_str("\n## Topics\n");
    let index = ClaimIndex::new(cmp);
    for row in build_rows(cmp, &index, Filter::All, "") {
        match row {
            Row::Header(t) => {
                let topic = &cmp.topics[t];
                let _ = writeln!(
                    out,
                    "\n<a id=\"topic-{}\"></a>\n\n### {}\n",
                    anchor(&topic.id),
                    escape(&topic.label)
                );
                if let Some(side) = topic.one_sided() {
                    let _ = writeln!(out, "*Only {} covers this topic.*\n", labels[side.index()]);
                }
                let _ = writeln!(out, "| {} | {} |\n|---|---|", labels[0], labels[1]);
            }
            Row::Pair { m, first } => {
                let mm = &cmp.matches[m];
                let left = if first {
                    format!(
                        "{} {}",
                        claim_ref(cmp, Side::A, mm.a),
                        diff_md(&mm.diff, Side::A)
                    )
                } else {
                    format!(
                        "{} *(the same claim, also matched here)*",
                        claim_ref(cmp, Side::A, mm.a)
                    )
                };
                let _ = writeln!(
                    out,
                    "| {left} | {} {} *(score {:.2})* |",
                    claim_ref(cmp, Side::B, mm.b),
                    diff_md(&mm.diff, Side::B),
                    mm.score
                );
            }
            Row::OneSided(side, i) => {
                let cell = format!(
                    "**only in {}:** {} {}",
                    labels[side.index()],
                    claim_ref(cmp, side, i),
                    escape(cmp.side(side).claim_text(i))
                );
                if side == Side::A {
                    let _ = writeln!(out, "| {cell} | |");
                } else {
                    let _ = writeln!(out, "| | {cell} |");
                }
            }
            Row::Elsewhere(j) => {
                let _ = writeln!(
                    out,
                    "| *matched under another topic* | {} {} |",
                    claim_ref(cmp, Side::B, j),
                    escape(cmp.sides[1].claim_text(j))
                );
            }
        }
    }

    out.push_str("\n## Appendix: the full texts\n");
    for (k, side) in cmp.sides.iter().enumerate() {
        let _ = writeln!(out, "\n### {}\n", labels[k]);
        let mut paragraph = None;
        for (i, claim) in side.claims.iter().enumerate() {
            if paragraph != Some(claim.paragraph) {
                if paragraph.is_some() {
                    out.push_str("\n\n");
                }
                paragraph = Some(claim.paragraph);
            } else {
                out.push(' ');
            }
            let _ = write!(
                out,
                "<a id=\"claim-{}\"></a>**{}** {}",
                anchor(&claim.id),
                escape(&claim.id),
                escape(side.claim_text(i))
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\n---\n*Made with Parallax {}.*",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn claim_ref(cmp: &Comparison, side: Side, i: usize) -> String {
    let id = &cmp.side(side).claims[i].id;
    format!("[{}](#claim-{})", escape(id), anchor(id))
}

/// Deleted words as ~~strikethrough~~ on the `a` side, inserted words in **bold** on the `b` side.
fn diff_md(diff: &[DiffSpan], side: Side) -> String {
    let mut out = String::new();
    for span in diff {
        let keep = matches!(
            (span.tag, side),
            (DiffTag::Equal, _) | (DiffTag::Delete, Side::A) | (DiffTag::Insert, Side::B)
        );
        if !keep {
            continue;
        }
        let text = span.text.as_str();
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[lead.len() + core.len()..];
        let core = escape(core);
        out.push_str(&escape(lead));
        match span.tag {
            DiffTag::Equal => out.push_str(&core),
            DiffTag::Delete if !core.is_empty() => {
                let _ = write!(out, "~~{core}~~");
            }
            DiffTag::Insert if !core.is_empty() => {
                let _ = write!(out, "**{core}**");
            }
            _ => {}
        }
        out.push_str(&escape(trail));
    }
    out
}
