//! A self-contained HTML report (inline CSS; no scripts, fonts or images) that reads well on
//! screen and prints well to PDF: title, sources with SHA-256, summary, a topic coverage chart
//! (inline SVG), one two-column table per topic, and an appendix with both full texts in which
//! every claim is anchored and linked from the tables. A Framing section lists the tone and
//! initiative each side gives, the contrasts between their words with the two sentences side by
//! side, and each side's framing terms; the terms are underlined wherever a claim is printed,
//! their kind and counterparts in the title. The analyst's work shows where there is any: marks
//! on manual links, moved claims and the analyst's topics, notes under their claim or topic
//! heading, and a section listing the sentences set aside as not claims.

use std::fmt::Write as _;

use super::framing::{FramingView, NO_INITIATIVE, NO_TONE, Use, asker};
use super::{Mark, Summary, analyst_made, anchor, event_date, opening_claim};
use crate::anchors::{self, Tint};
use crate::model::{Claim, Comparison, FramingTerm, Match, Side, SideData};
use crate::rows::{ClaimIndex, Filter, Row, Sentence, build_rows, text_order};

/// Escapes text for HTML element content and attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r"
*{box-sizing:border-box}
body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1b1d21;max-width:74rem;margin:2rem auto;padding:0 1.2rem}
h1,h2,h3{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.25}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem;padding-left:.5rem;border-left:.35rem solid var(--c,#888)}
.sub{color:#555;margin:.2rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid var(--line);padding:.4rem .55rem;vertical-align:top;text-align:left}
th{background:#f1f3f6;font-family:system-ui,sans-serif;font-size:.85rem}
table.claims td{width:50%}
table.facts td.num{text-align:right;font-variant-numeric:tabular-nums}
td.one-a{background:var(--a-tint)}td.one-b{background:var(--b-tint)}
.badge{display:inline-block;font:600 .72rem system-ui,sans-serif;padding:.05rem .35rem;border-radius:.25rem;color:#fff;margin-right:.35rem}
.badge.a{background:var(--a)}.badge.b{background:var(--b)}
del{background:var(--del);text-decoration:none}
ins{background:var(--ins);text-decoration:none}
a.cid{font:.75rem system-ui,sans-serif;color:#667;text-decoration:none;margin-right:.3rem}
.score{font:.75rem system-ui,sans-serif;color:#667}
.note{font-style:italic;color:#555}
mark{color:inherit;border-radius:.15rem;padding:0 .05rem}
.legend{font:.85rem system-ui,sans-serif;color:#445}
code.hash{font-size:.72rem;word-break:break-all}
svg text{font:12px system-ui,sans-serif}
.fulltext p{margin:.5rem 0}
.fulltext .claim.one-sided-a{background:var(--a-tint)}.fulltext .claim.one-sided-b{background:var(--b-tint)}
.fulltext .claim:target{outline:2px solid #d4a800}
.framing{text-decoration:underline 2px var(--framing);text-underline-offset:.2em;text-decoration-skip-ink:none}
.framing.focus{font-weight:700}
.kind{font:.75rem system-ui,sans-serif;color:#667}
td.none{color:#777;font-style:italic}
table.contrasts td{width:50%}
table.contrasts tr.terms th{background:#f8eef3;font-weight:600}
table.contrasts tr.terms th .kind{font-weight:400;margin-left:.5rem}
.framing-terms{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}
.framing-terms h3{border-left-color:var(--a)}.framing-terms div+div h3{border-left-color:var(--b)}
.framing-terms ul{margin:.2rem 0 1rem;padding-left:1.1rem}
.framing-terms li{margin:.15rem 0}
footer{margin-top:3rem;border-top:1px solid var(--line);padding-top:.5rem;color:#666;font:.8rem system-ui,sans-serif}
@media print{
 body{max-width:none;margin:0;font-size:10.5pt}
 a{color:inherit;text-decoration:none}
 h2,h3{break-after:avoid}
 tr,td,th{break-inside:avoid}
 thead{display:table-header-group}
 section.topic{break-inside:avoid-page}
 section#appendix{break-before:page}
 td.one-a,td.one-b,del,ins,.badge,.fulltext .claim,.framing{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 section#framing{break-inside:auto}
}
";

/// Styles of the analyst's marks, notes and set-aside sentences: only in curated reports, so an
/// automatic report stays as it was.
const CURATION_STYLE: &str = r"
.mark{display:inline-block;font:600 .72rem system-ui,sans-serif;padding:0 .35rem;border:1px solid #8b7fd6;border-radius:.25rem;color:#463a9a;background:#f0eefb;margin:0 .35rem;white-space:nowrap;vertical-align:.05rem}
h3 .mark{font-size:.7rem}
aside.analyst-note{margin:.35rem 0 .15rem;padding:.25rem .55rem;border-left:.25rem solid #d4a800;background:#fff7d6;font:.85rem/1.4 system-ui,sans-serif;color:#3b3100}
aside.analyst-note .label{font-weight:700;margin-right:.35rem}
aside.analyst-note .text{white-space:pre-line}
h3+aside.analyst-note{margin:-.1rem 0 .5rem}
p.curation{background:#f0eefb;border-left:.25rem solid #8b7fd6;padding:.35rem .6rem}
p.curation .mark{margin:0 0 0 .3rem}
#set-aside ul{margin:.3rem 0 1rem;padding-left:1.2rem}
#set-aside li{margin:.25rem 0;color:#444}
.fulltext .claim.set-aside{color:#888;text-decoration:line-through;text-decoration-color:#bbb}
@media print{
 .mark,aside.analyst-note,p.curation{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 aside.analyst-note,#set-aside li{break-inside:avoid}
 .mark{border-color:#463a9a}
}
";

/// Renders the comparison as one HTML page.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let labels = [&cmp.sides[0].readout.label, &cmp.sides[1].readout.label].map(|l| escape(l));
    let mut out = String::with_capacity(
        4096 + 4 * (cmp.sides[0].readout.text.len() + cmp.sides[1].readout.text.len()),
    );
    let title = format!("Readouts compared: {} and {}", labels[0], labels[1]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Parallax {v}\">\n<title>{title}</title>\n<style>\n{palette}{STYLE}{curation}</style>\n</head>\n<body>\n",
        v = env!("CARGO_PKG_VERSION"),
        palette = crate::palette::css_variables(),
        curation = if cmp.is_curated() {
            CURATION_STYLE.trim_start()
        } else {
            ""
        },
    );
    header(&mut out, cmp, &title);
    sources(&mut out, cmp, &labels);
    summary(&mut out, cmp, &labels);
    translation(&mut out, cmp);
    coverage(&mut out, cmp, &labels);
    framing(&mut out, cmp, &labels);
    topics(&mut out, cmp, &labels);
    set_aside(&mut out, cmp, &labels);
    appendix(&mut out, cmp, &labels);
    let _ = write!(
        out,
        "<footer>Made with Parallax {}.</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn header(out: &mut String, cmp: &Comparison, title: &str) {
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    let mut sub = Vec::new();
    if let Some(date) = event_date(cmp) {
        sub.push(escape(&date));
    }
    if let Some(opening) = opening_claim(cmp) {
        sub.push(format!("The call: {}", escape(opening)));
    }
    if !sub.is_empty() {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", sub.join(" · "));
    }
    out.push_str("</header>\n");
}

fn sources(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    out.push_str(
        "<section id=\"sources\">\n<h2>Sources</h2>\n<table class=\"sources\">\n<thead><tr><th>Side</th><th>Party</th>\
         <th>Readout</th><th>Date</th><th>File</th><th>SHA-256</th></tr></thead>\n<tbody>\n",
    );
    for (k, side) in cmp.sides.iter().enumerate() {
        let r = &side.readout;
        let title = r.title.as_deref().map_or_else(String::new, escape);
        // Only web addresses become links; anything else (javascript:, data:) stays text.
        let url = match r.url.as_deref() {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                format!("<br><a href=\"{0}\">{0}</a>", escape(u))
            }
            Some(u) => format!("<br>{}", escape(u)),
            None => String::new(),
        };
        let initiative = r.initiative.as_ref().map_or_else(String::new, |i| {
            format!("<br>Initiative: {}", escape(&i.summary()))
        });
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{title}{url}{initiative}</td><td>{}</td><td>{} ({}, {}){}</td><td><code class=\"hash\">{}</code></td></tr>",
            side.side.key(),
            labels[k],
            r.date.as_deref().map_or_else(String::new, escape),
            escape(&r.source),
            escape(&r.format),
            escape(&r.encoding),
            r.fetched_summary()
                .map_or_else(String::new, |f| format!("<br>{}", escape(&f))),
            escape(&r.sha256)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn summary(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    let s = Summary::of(cmp);
    let _ = write!(
        out,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"facts\">\n\
         <thead><tr><th></th><th>{a}</th><th>{b}</th></tr></thead>\n<tbody>\n\
         <tr><td>Claims</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n\
         <tr><td>One-sided claims</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n\
         <tr><td>Topics covered only here</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n\
         </tbody>\n</table>\n<p>{} matches link the two readouts' accounts of the same points, across {} topics.</p>\n",
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
        curation_summary(out, cmp);
    }
    out.push_str("</section>\n");
}

/// What the analyst changed, counted, with the marks the tables use.
fn curation_summary(out: &mut String, cmp: &Comparison) {
    let parts = super::curation_phrases(
        cmp,
        |k| {
            let label = match k {
                Mark::ManualLink => "✎ manual link",
                Mark::Moved => "moved by the analyst",
                Mark::AnalystTopic => "analyst's topic",
            };
            format!(" marked <span class=\"mark\">{label}</span>")
        },
        |n| format!("<a href=\"#set-aside\">{n}</a>"),
    );
    let _ = writeln!(
        out,
        "<p class=\"curation\"><strong>Corrected by an analyst:</strong> {}.</p>",
        parts.join("; ")
    );
}

/// The mark on a manual link.
fn link_mark(m: &Match) -> &'static str {
    if analyst_made(m) {
        "<span class=\"mark manual-link\" title=\"The analyst linked these claims; the automatic comparison did not\">✎ manual link</span>"
    } else {
        "<span class=\"mark manual-link\" title=\"The analyst confirmed this link, which the automatic comparison also made\">✎ manual link</span>"
    }
}

/// The marks on a claim the analyst moved to its topic, and on each machine link of it the
/// analyst rejected; nothing when there are none.
fn moved_mark(cmp: &Comparison, side: Side, i: usize) -> String {
    let claim = &cmp.side(side).claims[i];
    let mut rejected = String::new();
    for (other, score) in super::rejected_links(cmp, side, i) {
        let _ = write!(
            rejected,
            "<span class=\"mark rejected\" title=\"The analyst removed this link, which the aligner made with probability {score:.2}\">✎ link to {} rejected</span>",
            escape(other)
        );
    }
    if !claim.topic_manual {
        return rejected;
    }
    let topic = cmp
        .topic(&claim.topic)
        .map_or(claim.topic.as_str(), |t| t.label.as_str());
    format!(
        "<span class=\"mark moved\" title=\"The analyst moved this claim to the topic {}\">moved by the analyst</span>{rejected}",
        escape(&format!("“{topic}”"))
    )
}

/// An analyst's note as a labelled aside, or nothing.
fn note_html(note: Option<&str>) -> String {
    note.map_or_else(String::new, |n| {
        format!(
            "<aside class=\"analyst-note\"><span class=\"label\">Note</span><span class=\"text\">{}</span></aside>",
            escape(n)
        )
    })
}

/// The note of a claim the first time its topic's table shows the claim, else nothing.
fn note_once(cmp: &Comparison, noted: &mut Vec<(Side, usize)>, side: Side, i: usize) -> String {
    let note = cmp.side(side).claims[i].note.as_deref();
    if note.is_none() || noted.contains(&(side, i)) {
        return String::new();
    }
    noted.push((side, i));
    note_html(note)
}

/// The text of a claim or set-aside sentence.
fn text_of<'a>(data: &'a SideData, claim: &Claim) -> &'a str {
    data.readout
        .text
        .get(claim.start..claim.end)
        .unwrap_or_default()
}

/// Claims per topic per side as a horizontal bar chart in inline SVG.
fn coverage(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    const LABEL_W: usize = 420;
    const BAR_W: usize = 330;
    const ROW_H: usize = 24;
    let max = cmp
        .topics
        .iter()
        .map(|t| t.a.len().max(t.b.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let height = ROW_H * (cmp.topics.len() + 1) + 8;
    let width = LABEL_W + 2 * BAR_W + 40;
    let _ = write!(
        out,
        "<section id=\"coverage\">\n<h2>Topic coverage</h2>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         aria-label=\"Claims per topic: {a} to the left, {b} to the right\">\n\
         <text x=\"{ax}\" y=\"16\" text-anchor=\"end\" fill=\"#2f6fd0\">{a} ◀</text>\
         <text x=\"{bx}\" y=\"16\" fill=\"#c8601a\">▶ {b}</text>\n",
        a = labels[0],
        b = labels[1],
        ax = LABEL_W + BAR_W - 4,
        bx = LABEL_W + BAR_W + 24,
    );
    let mid = LABEL_W + BAR_W + 10;
    for (i, topic) in cmp.topics.iter().enumerate() {
        let y = ROW_H * (i + 1) + 4;
        let wa = topic.a.len() * (BAR_W - 30) / max;
        let wb = topic.b.len() * (BAR_W - 30) / max;
        let _ = writeln!(
            out,
            "<g><title>{label}: {na} / {nb}</title><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{xa}\" y=\"{y}\" width=\"{wa}\" height=\"16\" fill=\"#2f6fd0\"/>\
             <rect x=\"{mid}\" y=\"{y}\" width=\"{wb}\" height=\"16\" fill=\"#c8601a\"/>\
             <text x=\"{tax}\" y=\"{ty}\" text-anchor=\"end\">{na}</text><text x=\"{tbx}\" y=\"{ty}\">{nb}</text></g>",
            label = escape(&topic.label),
            na = topic.a.len(),
            nb = topic.b.len(),
            lx = LABEL_W - 8,
            ty = y + 12,
            xa = mid - wa,
            tax = mid - wa - 4,
            tbx = mid + wb + 4,
        );
    }
    out.push_str("</svg>\n</section>\n");
}

/// A piece of claim text that starts at byte `at` of its readout, escaped, its framing terms
/// wrapped in `<span class="framing">` with their kind and counterparts as the title; `focus`
/// (a term's start) is marked `focus` as well.
fn framed(
    cmp: &Comparison,
    piece: &str,
    at: usize,
    terms: &[FramingTerm],
    focus: Option<usize>,
) -> String {
    let mut out = String::new();
    for (part, term) in crate::framing::cuts(piece, at, terms) {
        match term {
            Some(t) => {
                let class = if focus == Some(t.start) {
                    "framing focus"
                } else {
                    "framing"
                };
                let _ = write!(
                    out,
                    "<span class=\"{class}\" title=\"{}\">{}</span>",
                    escape(&crate::framing::note(cmp, t)),
                    escape(part)
                );
            }
            None => out.push_str(&escape(part)),
        }
    }
    out
}

/// Claim `i` of `side`, escaped, its framing terms marked (see [`framed`]).
fn claim_html(cmp: &Comparison, side: Side, i: usize, focus: Option<usize>) -> String {
    let claim = &cmp.side(side).claims[i];
    framed(
        cmp,
        cmp.side(side).claim_text(i),
        claim.start,
        &claim.framing,
        focus,
    )
}

/// The Framing section: the tone and who asked, per side; the contrasts with their two
/// sentences side by side; each side's terms with their counts and claims.
fn framing(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    let view = FramingView::of(cmp);
    out.push_str("<section id=\"framing\">\n<h2>Framing</h2>\n");
    if view.is_empty() {
        out.push_str("<p>Neither readout uses a term of the framing lexicon.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"legend\">Word choices from Parallax's framing lexicon: naming conventions, \
         euphemisms and the other side's counter-terms, loaded labels, the tone each readout gives \
         the call and who it says asked for it. They are <span class=\"framing\">underlined</span> \
         wherever a claim is printed; hover over one for its kind and how the other side would say \
         it.</p>\n",
    );
    let cell = |uses: &[Use<'_>], none: &str, initiative: bool| -> String {
        if uses.is_empty() {
            return format!("<td class=\"none\">{none}</td>");
        }
        let items: Vec<String> = uses
            .iter()
            .map(|u| {
                let asked = match asker(cmp, u) {
                    Some(who) if initiative => format!(": {} asked", escape(who)),
                    _ => String::new(),
                };
                format!(
                    "“{}”{asked} {}",
                    escape(&u.said),
                    claim_link(cmp, u.side, u.claim)
                )
            })
            .collect();
        format!("<td>{}</td>", items.join("; "))
    };
    let _ = writeln!(
        out,
        "<table class=\"facts framing-facts\">\n<thead><tr><th></th><th>{a}</th><th>{b}</th></tr></thead>\n<tbody>\n\
         <tr><td>Tone of the call</td>{}{}</tr>\n<tr><td>Who asked for the call</td>{}{}</tr>\n</tbody>\n</table>",
        cell(&view.tone[0], NO_TONE, false),
        cell(&view.tone[1], NO_TONE, false),
        cell(&view.initiative[0], NO_INITIATIVE, true),
        cell(&view.initiative[1], NO_INITIATIVE, true),
        a = labels[0],
        b = labels[1],
    );
    out.push_str("<h3 id=\"contrasts\">Contrasts</h3>\n");
    if view.contrasts.is_empty() {
        out.push_str(
            "<p class=\"note\">Neither side uses a counterpart of the other's terms.</p>\n",
        );
    } else {
        let _ = writeln!(
            out,
            "<table class=\"contrasts\">\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            labels[0], labels[1]
        );
        for c in &view.contrasts {
            let _ = writeln!(
                out,
                "<tr class=\"terms\"><th colspan=\"2\">“{}” ↔ “{}”<span class=\"kind\">{}</span></th></tr>\n\
                 <tr class=\"sentences\"><td>{}{}</td><td>{}{}</td></tr>",
                escape(&c.a.said),
                escape(&c.b.said),
                escape(&c.place),
                claim_link(cmp, Side::A, c.a.claim),
                claim_html(cmp, Side::A, c.a.claim, Some(c.a.term.start)),
                claim_link(cmp, Side::B, c.b.claim),
                claim_html(cmp, Side::B, c.b.claim, Some(c.b.term.start)),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    framing_terms(out, &view, labels);
    out.push_str("</section>\n");
}

/// Each side's framing terms with their counts, kinds and claims, side by side.
fn framing_terms(out: &mut String, view: &FramingView<'_>, labels: &[String; 2]) {
    out.push_str("<div class=\"framing-terms\">\n");
    for side in Side::BOTH {
        let _ = writeln!(
            out,
            "<div>\n<h3>Terms {} uses</h3>\n<ul>",
            labels[side.index()]
        );
        if view.terms[side.index()].is_empty() {
            out.push_str("<li class=\"note\">none</li>\n");
        }
        for t in &view.terms[side.index()] {
            let links: Vec<String> = t
                .claims
                .iter()
                .map(|id| {
                    let id = escape(id);
                    format!("<a class=\"cid\" href=\"#claim-{id}\">{id}</a>")
                })
                .collect();
            let count = if t.count > 1 {
                format!(" ×{}", t.count)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<li><span class=\"framing\" title=\"{}\">{}</span>{count} <span class=\"kind\">{}</span> {}</li>",
                escape(&t.note),
                escape(t.term),
                t.kind.name(),
                links.join(" ")
            );
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str("</div>\n");
}

fn claim_link(cmp: &Comparison, side: Side, i: usize) -> String {
    let id = escape(&cmp.side(side).claims[i].id);
    format!("<a class=\"cid\" href=\"#claim-{id}\">{id}</a>")
}

/// One side of a match with its anchors marked, one colour per anchor on both sides, or, for a
/// near-identical pair, its changed words (`<del>` on side `a`, `<ins>` on side `b`).
fn match_html(cmp: &Comparison, mm: &Match, side: Side) -> String {
    let index = match side {
        Side::A => mm.a,
        Side::B => mm.b,
    };
    let claim = &cmp.side(side).claims[index];
    let mut at = claim.start;
    let mut out = String::new();
    for (mark, piece) in anchors::marks(mm, side, cmp.side(side).claim_text(index)) {
        let text = framed(cmp, piece, at, &claim.framing, None);
        at += piece.len();
        match (mark, side) {
            (Tint::Plain, _) => out.push_str(&text),
            (Tint::Changed, Side::A) => {
                let _ = write!(out, "<del>{text}</del>");
            }
            (Tint::Changed, Side::B) => {
                let _ = write!(out, "<ins>{text}</ins>");
            }
            (Tint::Anchor(k, kind), _) => {
                let _ = write!(
                    out,
                    "<mark class=\"k{}\" title=\"shared {}\">{text}</mark>",
                    k % crate::palette::ANCHORS.len(),
                    kind.name()
                );
            }
        }
    }
    out
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per kind of row, each a table row as printed"
)]
fn topics(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    let index = ClaimIndex::new(cmp);
    let rows = build_rows(cmp, &index, Filter::All, "");
    out.push_str("<section id=\"topics\">\n<h2>Topics</h2>\n");
    out.push_str(
        "<p class=\"legend\">In a matched pair, <mark class=\"k0\">tinted</mark> \
         <mark class=\"k1\">words</mark> are what both claims name: the same colour marks the \
         same name, number or word (synonyms and word forms folded) on both sides. Where the two \
         sentences are near-identical, the words that differ are shown instead: \
         <del>only on the left</del>, <ins>only on the right</ins>.</p>\n",
    );
    let mut open = false;
    // Claims whose note this topic's table already shows (a claim can fill several rows).
    let mut noted: Vec<(Side, usize)> = Vec::new();
    for row in rows {
        match row {
            Row::Header(t) => {
                if open {
                    out.push_str("</tbody>\n</table>\n</section>\n");
                }
                open = true;
                noted.clear();
                let topic = &cmp.topics[t];
                let custom = if topic.custom {
                    "<span class=\"mark custom-topic\" title=\"A topic the analyst created; it is not in the taxonomy\">analyst's topic</span>"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<section class=\"topic\" id=\"topic-{}\">\n<h3 style=\"--c:{}\">{}{custom}</h3>{}",
                    anchor(&topic.id),
                    escape(&topic.color),
                    escape(&topic.label),
                    note_html(topic.note.as_deref()),
                );
                if let Some(side) = topic.one_sided() {
                    let _ = writeln!(
                        out,
                        "<p class=\"note one-sided-topic\">Only {} covers this topic.</p>",
                        labels[side.index()]
                    );
                }
                let _ = writeln!(
                    out,
                    "<table class=\"claims\">\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                    labels[0], labels[1]
                );
            }
            Row::Pair { m, first } => {
                let mm = &cmp.matches[m];
                let left = if first {
                    format!(
                        "{}{}{}{}",
                        claim_link(cmp, Side::A, mm.a),
                        moved_mark(cmp, Side::A, mm.a),
                        match_html(cmp, mm, Side::A),
                        note_once(cmp, &mut noted, Side::A, mm.a)
                    )
                } else {
                    format!(
                        "{}<span class=\"note\">(the same claim, also matched here)</span>",
                        claim_link(cmp, Side::A, mm.a)
                    )
                };
                let score = if analyst_made(mm) {
                    String::new()
                } else {
                    let why = super::evidence_words(mm);
                    let why = if why.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", escape(&why))
                    };
                    format!(" <span class=\"score\">score {:.2}{why}</span>", mm.score())
                };
                let _ = writeln!(
                    out,
                    "<tr class=\"match{}\"><td>{left}</td><td>{}{}{}{score}{}{}</td></tr>",
                    if mm.is_manual() { " manual" } else { "" },
                    claim_link(cmp, Side::B, mm.b),
                    moved_mark(cmp, Side::B, mm.b),
                    match_html(cmp, mm, Side::B),
                    if mm.is_manual() { link_mark(mm) } else { "" },
                    note_once(cmp, &mut noted, Side::B, mm.b)
                );
            }
            Row::OneSided(side, i) => {
                let cell = format!(
                    "<td class=\"one-{k}\"><span class=\"badge {k}\">only in {label}</span>{link}{moved}{text}{note}</td>",
                    k = side.key(),
                    label = labels[side.index()],
                    link = claim_link(cmp, side, i),
                    moved = moved_mark(cmp, side, i),
                    text = claim_html(cmp, side, i, None),
                    note = note_once(cmp, &mut noted, side, i),
                );
                let (l, r) = if side == Side::A {
                    (cell, "<td></td>".to_string())
                } else {
                    ("<td></td>".to_string(), cell)
                };
                let _ = writeln!(
                    out,
                    "<tr class=\"one-sided\" data-side=\"{}\">{l}{r}</tr>",
                    side.key()
                );
            }
            Row::Elsewhere(j) => {
                let _ = writeln!(
                    out,
                    "<tr class=\"elsewhere\"><td class=\"note\">matched under another topic</td><td>{}{}{}{}</td></tr>",
                    claim_link(cmp, Side::B, j),
                    moved_mark(cmp, Side::B, j),
                    claim_html(cmp, Side::B, j, None),
                    note_once(cmp, &mut noted, Side::B, j)
                );
            }
        }
    }
    if open {
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("</section>\n");
}

/// The sentences the analyst set aside as not claims, per side; nothing when there are none.
fn set_aside(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    if cmp.set_aside.iter().all(Vec::is_empty) {
        return;
    }
    out.push_str(
        "<section id=\"set-aside\">\n<h2>Set aside as not claims</h2>\n\
         <p class=\"note\">The analyst set these sentences aside as boilerplate: they are in no topic, \
         match or count above.</p>\n",
    );
    for side in Side::BOTH {
        let sentences = &cmp.set_aside[side.index()];
        if sentences.is_empty() {
            continue;
        }
        let data = cmp.side(side);
        let _ = writeln!(
            out,
            "<div id=\"set-aside-{k}\">\n<h3>{label}</h3>\n<ul>",
            k = side.key(),
            label = labels[side.index()]
        );
        for claim in sentences {
            let id = escape(&claim.id);
            let _ = writeln!(
                out,
                "<li><a class=\"cid\" href=\"#claim-{id}\">{id}</a>{}{}</li>",
                escape(text_of(data, claim)),
                note_html(claim.note.as_deref())
            );
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str("</section>\n");
}

/// Both readouts as read, one paragraph per paragraph, every claim anchored; sentences set aside
/// stand in their place, struck through and linked to their list.
fn appendix(out: &mut String, cmp: &Comparison, labels: &[String; 2]) {
    out.push_str("<section id=\"appendix\">\n<h2>Appendix: the full texts</h2>\n");
    for (k, side) in cmp.sides.iter().enumerate() {
        let _ = writeln!(
            out,
            "<div class=\"fulltext\" id=\"text-{}\">\n<h3>{}</h3>",
            side.side.key(),
            labels[k]
        );
        let mut paragraph = None;
        for Sentence { claim, index } in text_order(cmp, side.side) {
            if paragraph == Some(claim.paragraph) {
                out.push(' ');
            } else {
                if paragraph.is_some() {
                    out.push_str("</p>\n");
                }
                out.push_str("<p>");
                paragraph = Some(claim.paragraph);
            }
            let id = escape(&claim.id);
            let Some(i) = index else {
                let text = escape(text_of(side, claim));
                let _ = write!(
                    out,
                    "<span class=\"claim set-aside\" id=\"claim-{id}\" title=\"Set aside by the analyst as not a claim\">\
                     <a class=\"cid\" href=\"#set-aside-{k}\">{id}</a>{text}</span>",
                    k = side.side.key(),
                );
                continue;
            };
            let text = claim_html(cmp, side.side, i, None);
            let state = if cmp.is_one_sided(side.side, i) {
                format!("one-sided-{}", side.side.key())
            } else {
                "matched".to_string()
            };
            let _ = write!(
                out,
                "<span class=\"claim {state}\" id=\"claim-{id}\"><a class=\"cid\" href=\"#topic-{topic}\">{id}</a>{text}</span>",
                topic = anchor(&claim.topic),
            );
        }
        if paragraph.is_some() {
            out.push_str("</p>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// The translation check, when the two readouts are two versions of one.
fn translation(out: &mut String, cmp: &Comparison) {
    let (Some(t), Some((kept, rows))) = (&cmp.translation, super::translation_rows(cmp)) else {
        return;
    };
    let labels = |side: Side| escape(&cmp.side(side).readout.label);
    let _ = writeln!(
        out,
        "<section id=\"translation\">\n<h2>Translation check</h2>\n<p>Side {o} ({ol}) reads as \
         the original and side {v} ({vl}) as its version: the version renders {share:.0}% of the \
         original's sentences; {kept} are kept one for one.</p>",
        o = t.original.key(),
        ol = labels(t.original),
        v = t.original.other().key(),
        vl = labels(t.original.other()),
        share = t.linked_share() * 100.0,
    );
    if rows.is_empty() {
        out.push_str("<p>Nothing is dropped, added, merged or split.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"claims\">\n<thead><tr><th></th><th>Original</th><th>Version</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            row.kind,
            escape(&row.original),
            escape(&row.version)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
