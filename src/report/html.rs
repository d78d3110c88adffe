//! A self-contained HTML summary: counts, then one two-column table per topic.

use std::fmt::Write as _;

use super::Summary;
use crate::model::{Comparison, DiffTag, Side};

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

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccd;padding:.4rem .6rem;vertical-align:top;width:50%}\
th{background:#f0f0f5;text-align:left}.one-a{background:#e3efff}.one-b{background:#fff0dd}.badge{font-size:.75rem;font-weight:600;padding:0 .3rem;border-radius:.2rem;background:#444;color:#fff;margin-right:.3rem}\
del{background:#ffd7d5;text-decoration:line-through}ins{background:#d4f5d4;text-decoration:none}.id{color:#667;font-size:.8rem}\
h2{border-left:.4rem solid var(--c);padding-left:.5rem}.note{color:#555;font-style:italic}\
@media print{tr{break-inside:avoid}}";

/// Renders the comparison as one HTML page.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let [la, lb] = [&cmp.sides[0].readout.label, &cmp.sides[1].readout.label].map(|l| escape(l));
    let s = Summary::of(cmp);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Parallax: {la} and {lb}</title><style>{STYLE}</style></head><body>\n"
    );
    let _ = writeln!(out, "<h1>{la} and {lb}: readouts compared</h1>");
    let _ = writeln!(
        out,
        "<table class=\"summary\"><tr><th></th><th>{la}</th><th>{lb}</th></tr>\
         <tr><td>Source</td><td>{}</td><td>{}</td></tr>\
         <tr><td>Claims</td><td>{}</td><td>{}</td></tr>\
         <tr><td>One-sided claims</td><td>{}</td><td>{}</td></tr>\
         <tr><td>Topics only here</td><td>{}</td><td>{}</td></tr></table>\n<p>Matches: {}</p>",
        escape(&cmp.sides[0].readout.source),
        escape(&cmp.sides[1].readout.source),
        s.claims[0],
        s.claims[1],
        s.one_sided[0],
        s.one_sided[1],
        s.one_sided_topics[0],
        s.one_sided_topics[1],
        s.matches
    );
    for topic in &cmp.topics {
        let _ = writeln!(
            out,
            "<section class=\"topic\" id=\"topic-{}\"><h2 style=\"--c:{}\">{}</h2>",
            escape(&topic.id),
            escape(&topic.color),
            escape(&topic.label)
        );
        if let Some(side) = topic.one_sided() {
            let _ = writeln!(
                out,
                "<p class=\"note\">Only {} covers this topic.</p>",
                escape(&cmp.side(side).readout.label)
            );
        }
        let _ = writeln!(out, "<table><tr><th>{la}</th><th>{lb}</th></tr>");
        for &i in &topic.a {
            let partners: Vec<_> = cmp.matches_of(Side::A, i).collect();
            if partners.is_empty() {
                let _ = writeln!(
                    out,
                    "<tr class=\"one-sided\"><td class=\"one-a\"><span class=\"badge\">only in {la}</span>{}</td><td></td></tr>",
                    claim_cell(cmp, Side::A, i)
                );
            }
            for m in partners {
                let (old, new) = diff_cells(&m.diff);
                let _ = writeln!(
                    out,
                    "<tr class=\"matched\"><td><span class=\"id\">{}</span> {old}</td><td><span class=\"id\">{} · score {:.2}</span> {new}</td></tr>",
                    escape(&cmp.sides[0].claims[i].id),
                    escape(&cmp.sides[1].claims[m.b].id),
                    m.score
                );
            }
        }
        for &i in &topic.b {
            if cmp.is_one_sided(Side::B, i) {
                let _ = writeln!(
                    out,
                    "<tr class=\"one-sided\"><td></td><td class=\"one-b\"><span class=\"badge\">only in {lb}</span>{}</td></tr>",
                    claim_cell(cmp, Side::B, i)
                );
            } else if !cmp.matches_of(Side::B, i).any(|m| topic.a.contains(&m.a)) {
                let _ = writeln!(
                    out,
                    "<tr class=\"matched-elsewhere\"><td class=\"note\">matched in another topic</td><td>{}</td></tr>",
                    claim_cell(cmp, Side::B, i)
                );
            }
        }
        out.push_str("</table></section>\n");
    }
    let _ = writeln!(
        out,
        "<footer>Made with Parallax {}</footer></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn claim_cell(cmp: &Comparison, side: Side, i: usize) -> String {
    let data = cmp.side(side);
    format!(
        "<span class=\"id\">{}</span> {}",
        escape(&data.claims[i].id),
        escape(data.claim_text(i))
    )
}

/// The `a` text with deletions marked and the `b` text with insertions marked.
fn diff_cells(diff: &[crate::model::DiffSpan]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for span in diff {
        let text = escape(&span.text);
        match span.tag {
            DiffTag::Equal => {
                old.push_str(&text);
                new.push_str(&text);
            }
            DiffTag::Delete => {
                let _ = write!(old, "<del>{text}</del>");
            }
            DiffTag::Insert => {
                let _ = write!(new, "<ins>{text}</ins>");
            }
        }
    }
    (old, new)
}
