//! One row per claim (RFC 4180 quoting, UTF-8, `\r\n` line ends), with its readout's party,
//! source and SHA-256 so each row carries its provenance, and the analyst's work: what was done
//! by hand (`manual`), the claim's `note`, and a row in state `set aside` for each sentence set
//! aside as not a claim; `framing` lists the claim's framing terms (`term (kind)`, `; `
//! between).

use std::fmt::Write as _;

use crate::model::{Comparison, Side};
use crate::rows::{Sentence, text_order};

/// The header line (without its line end).
pub const HEADER: &str =
    "side,claim,topic,state,matched,best_score,text,party,source,sha256,manual,note,framing";

/// Quotes a field when it holds a comma, quote or line break. A field a spreadsheet would run
/// as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, as OWASP advises against CSV injection.
#[must_use]
pub fn field(value: &str) -> String {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// What the analyst did to a claim by hand: `link`, `topic`, `unlink`, several (`link;topic`)
/// or nothing.
/// `unlink` is added where the analyst removed a machine link of the claim.
fn manual(link: bool, topic: bool, unlink: bool) -> String {
    [(link, "link"), (topic, "topic"), (unlink, "unlink")]
        .into_iter()
        .filter_map(|(done, name)| done.then_some(name))
        .collect::<Vec<_>>()
        .join(";")
}

/// Renders the comparison as CSV: each side's claims and set-aside sentences in text order.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let mut out = format!("{HEADER}\r\n");
    for side in Side::BOTH {
        let data = cmp.side(side);
        for Sentence { claim, index } in text_order(cmp, side) {
            let partners: Vec<(&str, f32, bool)> = index
                .into_iter()
                .flat_map(|i| cmp.matches_of(side, i))
                .map(|m| {
                    let other = if side == Side::A { m.b } else { m.a };
                    (
                        cmp.side(side.other()).claims[other].id.as_str(),
                        m.score(),
                        m.is_manual(),
                    )
                })
                .collect();
            let state = match index {
                None => "set aside",
                Some(_) if partners.is_empty() => "one-sided",
                Some(_) => "matched",
            };
            let ids: Vec<&str> = partners.iter().map(|p| p.0).collect();
            let best = partners
                .iter()
                .map(|p| p.1)
                .fold(None, |acc: Option<f32>, s| {
                    Some(acc.map_or(s, |a| a.max(s)))
                });
            let _ = write!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                side.key(),
                field(&claim.id),
                field(&claim.topic),
                state,
                field(&ids.join(" ")),
                best.map_or(String::new(), |b| format!("{b:.3}")),
                field(
                    data.readout
                        .text
                        .get(claim.start..claim.end)
                        .unwrap_or_default()
                ),
                field(&data.readout.label),
                field(&data.readout.source),
                data.readout.sha256,
                manual(
                    partners.iter().any(|p| p.2),
                    claim.topic_manual,
                    index.is_some_and(|i| !super::rejected_links(cmp, side, i).is_empty()),
                ),
                field(claim.note.as_deref().unwrap_or_default()),
                field(
                    &claim
                        .framing
                        .iter()
                        .map(|t| format!("{} ({})", t.term, t.kind.key()))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for start in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(field(start), format!("'{start}"), "{start:?}");
        }
        assert_eq!(field("1-2"), "1-2", "only the first character counts");
    }
}
