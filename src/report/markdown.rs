//! The report as GitHub-flavoured Markdown, for notes and articles: the same content as the
//! HTML report (title, sources, summary, coverage, framing, per-topic tables, full texts), with
//! the analyst's work where there is any: marks on manual links, moved claims and the analyst's
//! topics, notes as `> **Note:**` quotes, and the sentences set aside as not claims. A claim
//! that uses framing terms is followed in the tables by `*(framing: “…”)*` (Markdown has no
//! mark of its own left for them: bold, strike-through and italics show anchors and diffs).

use std::fmt::Write as _;

use super::framing::{FramingView, NO_INITIATIVE, NO_TONE, Use, asker};
use super::{Mark, Summary, analyst_made, anchor, event_date, opening_claim};
use crate::anchors::{self, Tint};
use crate::model::{Claim, Comparison, Match, Side, SideData};
use crate::rows::{ClaimIndex, Filter, Row, Sentence, build_rows, text_order};

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
#[expect(
    clippy::too_many_lines,
    reason = "the report top to bottom, section by section, as it reads"
)]
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
        if let Some(initiative) = &r.initiative {
            let _ = write!(readout, " · Initiative: {}", escape(&initiative.summary()));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ({}, {}){} | `{}` |",
            side.side.key(),
            labels[k],
            readout.trim(),
            r.date.as_deref().map_or_else(String::new, escape),
            escape(&r.source),
            escape(&r.format),
            escape(&r.encoding),
            r.fetched_summary()
                .map_or_else(String::new, |f| format!("; {}", escape(&f))),
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
    if cmp.is_curated() {
        curation_summary(&mut out, cmp);
    }
    translation(&mut out, cmp);

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

    framing(&mut out, cmp, &labels);

    out.push_str("\n## Topics\n");
    out.push_str(
        "\nIn a matched pair, **bold** words are what both claims name (the same name, number or \
         word, synonyms and word forms folded). Where the two sentences are near-identical, the \
         words that differ are shown instead: ~~only on the left~~, _only on the right_.\n",
    );
    let index = ClaimIndex::new(cmp);
    // Claims with a note shown in the current topic's table; their notes follow the table.
    let mut noted: Vec<(Side, usize)> = Vec::new();
    for row in build_rows(cmp, &index, Filter::All, "") {
        match row {
            Row::Header(t) => {
                claim_notes(&mut out, cmp, &mut noted);
                let topic = &cmp.topics[t];
                let _ = writeln!(
                    out,
                    "\n<a id=\"topic-{}\"></a>\n\n### {}{}\n",
                    anchor(&topic.id),
                    escape(&topic.label),
                    if topic.custom {
                        " *(analyst's topic)*"
                    } else {
                        ""
                    }
                );
                if let Some(note) = &topic.note {
                    let _ = writeln!(out, "> **Note:** {}\n", escape(note));
                }
                if let Some(side) = topic.one_sided() {
                    let _ = writeln!(out, "*Only {} covers this topic.*\n", labels[side.index()]);
                }
                let _ = writeln!(out, "| {} | {} |\n|---|---|", labels[0], labels[1]);
            }
            Row::Pair { m, first } => {
                let mm = &cmp.matches[m];
                let left = if first {
                    format!(
                        "{}{} {}{}{}",
                        claim_ref(cmp, Side::A, mm.a),
                        moved_mark(cmp, Side::A, mm.a),
                        match_md(cmp, mm, Side::A),
                        framing_mark(cmp, Side::A, mm.a),
                        note_mark(cmp, &mut noted, Side::A, mm.a)
                    )
                } else {
                    format!(
                        "{} *(the same claim, also matched here)*",
                        claim_ref(cmp, Side::A, mm.a)
                    )
                };
                let mark = if analyst_made(mm) {
                    " **(manual link)**".to_string()
                } else if mm.is_manual() {
                    format!(" *(score {:.2})* **(manual link)**", mm.score())
                } else {
                    let why = super::evidence_words(mm);
                    if why.is_empty() {
                        format!(" *(score {:.2})*", mm.score())
                    } else {
                        format!(" *(score {:.2}: {})*", mm.score(), escape(&why))
                    }
                };
                let _ = writeln!(
                    out,
                    "| {left} | {}{} {}{}{mark}{} |",
                    claim_ref(cmp, Side::B, mm.b),
                    moved_mark(cmp, Side::B, mm.b),
                    match_md(cmp, mm, Side::B),
                    framing_mark(cmp, Side::B, mm.b),
                    note_mark(cmp, &mut noted, Side::B, mm.b)
                );
            }
            Row::OneSided(side, i) => {
                let cell = format!(
                    "**only in {}:** {}{} {}{}{}",
                    labels[side.index()],
                    claim_ref(cmp, side, i),
                    moved_mark(cmp, side, i),
                    escape(cmp.side(side).claim_text(i)),
                    framing_mark(cmp, side, i),
                    note_mark(cmp, &mut noted, side, i)
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
                    "| *matched under another topic* | {}{} {}{}{} |",
                    claim_ref(cmp, Side::B, j),
                    moved_mark(cmp, Side::B, j),
                    escape(cmp.sides[1].claim_text(j)),
                    framing_mark(cmp, Side::B, j),
                    note_mark(cmp, &mut noted, Side::B, j)
                );
            }
        }
    }
    claim_notes(&mut out, cmp, &mut noted);
    set_aside(&mut out, cmp, &labels);

    out.push_str("\n## Appendix: the full texts\n");
    for (k, side) in cmp.sides.iter().enumerate() {
        let _ = writeln!(out, "\n### {}\n", labels[k]);
        let mut paragraph = None;
        for Sentence { claim, index } in text_order(cmp, side.side) {
            let aside = index.is_none();
            if paragraph == Some(claim.paragraph) {
                out.push(' ');
            } else {
                if paragraph.is_some() {
                    out.push_str("\n\n");
                }
                paragraph = Some(claim.paragraph);
            }
            let _ = write!(
                out,
                "<a id=\"claim-{}\"></a>**{}** {}{}",
                anchor(&claim.id),
                escape(&claim.id),
                if aside { "*(set aside)* " } else { "" },
                escape(text_of(side, claim))
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

/// ` *(framing: “special military operation”, “Kiev regime”)*` after a claim that uses
/// framing terms; nothing after one that uses none.
fn framing_mark(cmp: &Comparison, side: Side, i: usize) -> String {
    let data = cmp.side(side);
    let words: Vec<String> = data.claims[i]
        .framing
        .iter()
        .map(|t| {
            let text = data.readout.text.get(t.start..t.end).unwrap_or_default();
            format!("“{}”", escape(text))
        })
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!(" *(framing: {})*", words.join(", "))
    }
}

/// Claim `i` of `side`, escaped, the framing term that starts at byte `focus` in **bold**.
fn claim_focus_md(cmp: &Comparison, side: Side, i: usize, focus: usize) -> String {
    let claim = &cmp.side(side).claims[i];
    let text = cmp.side(side).claim_text(i);
    let mut out = String::new();
    for (part, term) in crate::framing::cuts(text, claim.start, &claim.framing) {
        if term.is_some_and(|t| t.start == focus) {
            let _ = write!(out, "**{}**", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The Framing section: tone and who asked, per side; the contrasts with their two sentences
/// side by side; each side's terms with their counts and claims.
fn framing(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    let view = FramingView::of(cmp);
    out.push_str("\n## Framing\n\n");
    if view.is_empty() {
        out.push_str("Neither readout uses a term of the framing lexicon.\n");
        return;
    }
    out.push_str(
        "Word choices from Parallax's framing lexicon: naming conventions, euphemisms and the \
         other side's counter-terms, loaded labels, the tone each readout gives the call and who \
         it says asked for it. In the topic tables each claim that uses them is followed by \
         *(framing: …)*.\n\n",
    );
    let cell = |uses: &[Use<'_>], none: &str, initiative: bool| -> String {
        if uses.is_empty() {
            return format!("*{none}*");
        }
        uses.iter()
            .map(|u| {
                let asked = match asker(cmp, u) {
                    Some(who) if initiative => format!(": {} asked", escape(who)),
                    _ => String::new(),
                };
                format!(
                    "“{}”{asked} ({})",
                    escape(&u.said),
                    claim_ref(cmp, u.side, u.claim)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(
        out,
        "| | {} | {} |\n|---|---|---|\n| Tone of the call | {} | {} |\n| Who asked for the call | {} | {} |",
        labels[0],
        labels[1],
        cell(&view.tone[0], NO_TONE, false),
        cell(&view.tone[1], NO_TONE, false),
        cell(&view.initiative[0], NO_INITIATIVE, true),
        cell(&view.initiative[1], NO_INITIATIVE, true),
    );
    out.push_str("\n### Contrasts\n\n");
    if view.contrasts.is_empty() {
        out.push_str("*Neither side uses a counterpart of the other's terms.*\n");
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | Where |\n|---|---|---|",
            labels[0], labels[1]
        );
        for c in &view.contrasts {
            let _ = writeln!(
                out,
                "| {} {} | {} {} | “{}” ↔ “{}”, {} |",
                claim_ref(cmp, Side::A, c.a.claim),
                claim_focus_md(cmp, Side::A, c.a.claim, c.a.term.start),
                claim_ref(cmp, Side::B, c.b.claim),
                claim_focus_md(cmp, Side::B, c.b.claim, c.b.term.start),
                escape(&c.a.said),
                escape(&c.b.said),
                escape(&c.place),
            );
        }
    }
    for side in Side::BOTH {
        let _ = writeln!(out, "\n### Terms {} uses\n", labels[side.index()]);
        let terms = &view.terms[side.index()];
        if terms.is_empty() {
            out.push_str("*none*\n");
        }
        for t in terms {
            let links: Vec<String> = t
                .claims
                .iter()
                .map(|id| format!("[{}](#claim-{})", escape(id), anchor(id)))
                .collect();
            let count = if t.count > 1 {
                format!(" ×{}", t.count)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "- **{}**{count} ({}) — {}",
                escape(t.term),
                links.join(", "),
                escape(&t.note)
            );
        }
    }
}

/// What the analyst changed, counted, with the marks the tables use.
fn curation_summary(out: &mut String, cmp: &Comparison) {
    let parts = super::curation_phrases(
        cmp,
        |k| {
            let label = match k {
                Mark::ManualLink => "**(manual link)**",
                Mark::Moved => "*(moved by the analyst)*",
                Mark::AnalystTopic => "*(analyst's topic)*",
            };
            format!(", marked {label}")
        },
        |n| format!("[{n}](#set-aside)"),
    );
    let _ = writeln!(out, "\n**Corrected by an analyst:** {}.", parts.join("; "));
}

/// ` *(moved by the analyst)*` for a claim the analyst moved to its topic, and
/// ` *(✎ link to b4 rejected by the analyst)*` for each machine link of it the analyst removed.
fn moved_mark(cmp: &Comparison, side: Side, i: usize) -> String {
    let mut out = String::new();
    if cmp.side(side).claims[i].topic_manual {
        out.push_str(" *(moved by the analyst)*");
    }
    for (other, _) in super::rejected_links(cmp, side, i) {
        let _ = write!(
            out,
            " *(✎ link to {} rejected by the analyst)*",
            escape(other)
        );
    }
    out
}

/// ` *(note below)*` for a claim with a note, which is then listed after the table.
fn note_mark(
    cmp: &Comparison,
    noted: &mut Vec<(Side, usize)>,
    side: Side,
    i: usize,
) -> &'static str {
    if cmp.side(side).claims[i].note.is_none() {
        return "";
    }
    if !noted.contains(&(side, i)) {
        noted.push((side, i));
    }
    " *(note below)*"
}

/// The notes of the claims the table just shown holds, as quotes after it; empties `noted`.
fn claim_notes(out: &mut String, cmp: &Comparison, noted: &mut Vec<(Side, usize)>) {
    for (side, i) in noted.drain(..) {
        if let Some(note) = &cmp.side(side).claims[i].note {
            let _ = writeln!(
                out,
                "\n> **Note on {}:** {}",
                claim_ref(cmp, side, i),
                escape(note)
            );
        }
    }
}

/// The sentences the analyst set aside as not claims, per side; nothing when there are none.
fn set_aside(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    if cmp.set_aside.iter().all(Vec::is_empty) {
        return;
    }
    out.push_str(
        "\n<a id=\"set-aside\"></a>\n\n## Set aside as not claims\n\n\
         *The analyst set these sentences aside as boilerplate: they are in no topic, match or \
         count above.*\n",
    );
    for side in Side::BOTH {
        let sentences = &cmp.set_aside[side.index()];
        if sentences.is_empty() {
            continue;
        }
        let data = cmp.side(side);
        let _ = writeln!(out, "\n### {}\n", labels[side.index()]);
        for claim in sentences {
            let _ = writeln!(
                out,
                "- [{}](#claim-{}) {}",
                escape(&claim.id),
                anchor(&claim.id),
                escape(text_of(data, claim))
            );
            if let Some(note) = &claim.note {
                let _ = writeln!(out, "\n  > **Note:** {}\n", escape(note));
            }
        }
    }
}

/// The text of a claim or set-aside sentence.
fn text_of<'a>(data: &'a SideData, claim: &Claim) -> &'a str {
    data.readout
        .text
        .get(claim.start..claim.end)
        .unwrap_or_default()
}

fn claim_ref(cmp: &Comparison, side: Side, i: usize) -> String {
    let id = &cmp.side(side).claims[i].id;
    format!("[{}](#claim-{})", escape(id), anchor(id))
}

/// One side of a match: its anchors (what both claims name) in **bold**; for a near-identical
/// pair, the words only side `a` has ~~struck~~ and the words only side `b` has in _italics_.
fn match_md(cmp: &Comparison, mm: &Match, side: Side) -> String {
    let index = match side {
        Side::A => mm.a,
        Side::B => mm.b,
    };
    let mut out = String::new();
    for (mark, piece) in anchors::marks(mm, side, cmp.side(side).claim_text(index)) {
        let core = piece.trim();
        let lead = &piece[..piece.len() - piece.trim_start().len()];
        let trail = &piece[lead.len() + core.len()..];
        let core = escape(core);
        out.push_str(&escape(lead));
        match (mark, side) {
            _ if core.is_empty() => {}
            (Tint::Plain, _) => out.push_str(&core),
            (Tint::Changed, Side::A) => {
                let _ = write!(out, "~~{core}~~");
            }
            (Tint::Changed, Side::B) => {
                let _ = write!(out, "_{core}_");
            }
            (Tint::Anchor(..), _) => {
                let _ = write!(out, "**{core}**");
            }
        }
        out.push_str(&escape(trail));
    }
    out
}

/// The translation check, when the two readouts are two versions of one.
fn translation(out: &mut String, cmp: &Comparison) {
    let (Some(t), Some((kept, rows))) = (&cmp.translation, super::translation_rows(cmp)) else {
        return;
    };
    let labels = |side: Side| escape(&cmp.side(side).readout.label);
    let _ = writeln!(
        out,
        "\n## Translation check\n\nSide {o} ({ol}) reads as the original and side {v} ({vl}) as its \
         version: the version renders {share:.0}% of the original's sentences; {kept} are kept one \
         for one.\n",
        o = t.original.key(),
        ol = labels(t.original),
        v = t.original.other().key(),
        vl = labels(t.original.other()),
        share = t.linked_share() * 100.0,
    );
    if rows.is_empty() {
        out.push_str("Nothing is dropped, added, merged or split.\n");
        return;
    }
    out.push_str("| | Original | Version |\n|---|---|---|\n");
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            row.kind,
            escape(&row.original),
            escape(&row.version)
        );
    }
}
