//! Reports of three witnesses: the two-sided report of `a` and `b`, unchanged, with witness `c`
//! added — in JSON a `third` object (its side, its links to `a` and to `b`, its claims no other
//! side makes, the translation checks of its pairs), in Markdown and HTML a section.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Format, html, json as json_report, markdown};
use crate::model::{Comparison, Side};
use crate::witnesses::Witnesses;

/// Renders three witnesses; CSV, one row per claim of two sides, has no place for a third.
///
/// # Errors
/// CSV, named in one line.
pub fn render(w: &Witnesses, format: Format) -> Result<String, String> {
    match format {
        Format::Json => Ok(render_json(w)),
        Format::Md => Ok(format!("{}{}", markdown::render(&w.ab), third_markdown(w))),
        Format::Html => {
            let page = html::render(&w.ab);
            let section = third_html(w);
            Ok(match page.rfind("<footer>") {
                Some(at) => format!("{}{section}{}", &page[..at], &page[at..]),
                None => page + &section,
            })
        }
        Format::Csv => Err(
            "three readouts do not fit the CSV's two sides; use --format json, md or html"
                .to_string(),
        ),
    }
}

/// A claim id of a pair's comparison (`a3`, `b7`) as the witness it belongs to (`b3`, `c7`).
fn witness_id(id: &str, keys: [&str; 2]) -> String {
    match id.split_at_checked(1) {
        Some(("a", rest)) => format!("{}{rest}", keys[0]),
        Some(("b", rest)) => format!("{}{rest}", keys[1]),
        _ => id.to_string(),
    }
}

fn renamed(ids: &Value, keys: [&str; 2]) -> Value {
    match ids {
        Value::String(id) => Value::String(witness_id(id, keys)),
        Value::Array(list) => Value::Array(list.iter().map(|v| renamed(v, keys)).collect()),
        other => other.clone(),
    }
}

fn render_json(w: &Witnesses) -> String {
    let parse = |cmp: &Comparison| -> Value {
        serde_json::from_str(&json_report::render(cmp)).unwrap_or(Value::Null)
    };
    let (mut doc, ac, bc) = (parse(&w.ab), parse(&w.ac), parse(&w.bc));
    let mut side = ac["sides"][1].clone();
    side["key"] = json!("c");
    if let Some(claims) = side["claims"].as_array_mut() {
        for claim in claims {
            claim["id"] = renamed(&claim["id"], ["a", "c"]);
        }
    }
    let mut matches = Vec::new();
    for (with, keys, pair) in [("a", ["a", "c"], &ac), ("b", ["b", "c"], &bc)] {
        for m in pair["matches"].as_array().into_iter().flatten() {
            let mut out = serde_json::Map::new();
            out.insert("with".into(), json!(with));
            out.insert(with.into(), renamed(&m["a"], keys));
            out.insert("c".into(), renamed(&m["b"], keys));
            for field in ["score", "evidence", "origin", "anchors"] {
                if let Some(value) = m.get(field) {
                    out.insert(field.into(), value.clone());
                }
            }
            matches.push(Value::Object(out));
        }
    }
    let mut translations = Vec::new();
    for (keys, pair) in [(["a", "c"], &ac), (["b", "c"], &bc)] {
        let t = &pair["translation"];
        if t.is_null() {
            continue;
        }
        let original = match t["original"].as_str() {
            Some("b") => keys[1],
            _ => keys[0],
        };
        let beads: Vec<Value> = t["beads"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| {
                json!({
                    "kind": b["kind"],
                    "original": renamed(&b["original"], keys),
                    "version": renamed(&b["version"], keys),
                    "score": b["score"],
                })
            })
            .collect();
        translations.push(json!({
            "between": keys,
            "original": original,
            "linked_share": t["linked_share"],
            "beads": beads,
        }));
    }
    let only: Vec<String> = w
        .only_in(2)
        .into_iter()
        .map(|i| format!("c{}", i + 1))
        .collect();
    doc["third"] = json!({
        "side": side,
        "matches": matches,
        "one_sided": only,
        "translations": translations,
    });
    let mut out =
        super::json_layout::to_string(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// For each claim of witness `c`: the claims of `a` and of `b` it is linked to.
struct ThirdRow {
    id: String,
    text: String,
    in_a: Vec<String>,
    in_b: Vec<String>,
}

fn third_rows(w: &Witnesses) -> Vec<ThirdRow> {
    let c = &w.ac.sides[1];
    (0..c.claims.len())
        .map(|i| {
            let linked = |cmp: &Comparison, key: &str| -> Vec<String> {
                cmp.matches
                    .iter()
                    .filter(|m| m.b == i)
                    .map(|m| format!("{key}{}", m.a + 1))
                    .collect()
            };
            ThirdRow {
                id: format!("c{}", i + 1),
                text: c.claim_text(i).to_string(),
                in_a: linked(&w.ac, "a"),
                in_b: linked(&w.bc, "b"),
            }
        })
        .collect()
}

/// The version's news of each pair of witnesses that are two versions of one readout.
fn translation_lines(w: &Witnesses) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (keys, cmp) in w.pairs() {
        let Some(t) = &cmp.translation else { continue };
        let key = |side: Side| keys[side.index()];
        let label = |side: Side| cmp.side(side).readout.label.clone();
        let head = format!(
            "{} ({}) reads as the original of {} ({}): {:.0}% of its sentences are rendered",
            key(t.original),
            label(t.original),
            key(t.original.other()),
            label(t.original.other()),
            t.linked_share() * 100.0
        );
        let mut lines = Vec::new();
        if let Some((_, rows)) = super::translation_rows(cmp) {
            for row in rows {
                lines.push(format!("{}: {} | {}", row.kind, row.original, row.version));
            }
        }
        out.push((head, lines.join("\n")));
    }
    out
}

fn third_markdown(w: &Witnesses) -> String {
    let e = markdown::escape;
    let label = e(&w.ac.sides[1].readout.label);
    let mut out = format!(
        "\n## Third witness: c ({label})\n\n{} claims; {} in neither a nor b.\n\n| c | Claim | In a | In b |\n|---|---|---|---|\n",
        w.ac.sides[1].claims.len(),
        w.only_in(2).len()
    );
    for row in third_rows(w) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            row.id,
            e(&row.text),
            if row.in_a.is_empty() {
                "—".to_string()
            } else {
                row.in_a.join(", ")
            },
            if row.in_b.is_empty() {
                "—".to_string()
            } else {
                row.in_b.join(", ")
            },
        );
    }
    for (head, lines) in translation_lines(w) {
        let _ = writeln!(out, "\n### Translation check\n\n{}.\n", e(&head));
        for line in lines.lines() {
            let _ = writeln!(out, "- {}", e(line));
        }
    }
    out
}

fn third_html(w: &Witnesses) -> String {
    let e = html::escape;
    let label = e(&w.ac.sides[1].readout.label);
    let mut out = format!(
        "<section id=\"third\">\n<h2>Third witness: c ({label})</h2>\n<p>{} claims; {} in neither a nor b.</p>\n\
         <table class=\"claims\">\n<thead><tr><th>c</th><th>Claim</th><th>In a</th><th>In b</th></tr></thead>\n<tbody>\n",
        w.ac.sides[1].claims.len(),
        w.only_in(2).len()
    );
    for row in third_rows(w) {
        let one_sided = row.in_a.is_empty() && row.in_b.is_empty();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td></tr>",
            row.id,
            if one_sided { " class=\"one-b\"" } else { "" },
            e(&row.text),
            row.in_a.join(", "),
            row.in_b.join(", "),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for (head, lines) in translation_lines(w) {
        let _ = writeln!(
            out,
            "<h3>Translation check</h3>\n<p>{}.</p>\n<ul>",
            e(&head)
        );
        for line in lines.lines() {
            let _ = writeln!(out, "<li>{}</li>", e(line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}
