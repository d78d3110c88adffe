//! One row per claim (RFC 4180 quoting, UTF-8, `\r\n` line ends), with its readout's party,
//! source and SHA-256 so each row carries its provenance.

use std::fmt::Write as _;

use crate::model::{Comparison, Side};

/// Quotes a field when it holds a comma, quote or line break.
#[must_use]
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Renders the comparison as CSV.
#[must_use]
pub fn render(cmp: &Comparison) -> String {
    let mut out =
        String::from("side,claim,topic,state,matched,best_score,text,party,source,sha256\r\n");
    for side in Side::BOTH {
        let data = cmp.side(side);
        for (i, claim) in data.claims.iter().enumerate() {
            let partners: Vec<(&str, f32)> = cmp
                .matches_of(side, i)
                .map(|m| {
                    let other = if side == Side::A { m.b } else { m.a };
                    (cmp.side(side.other()).claims[other].id.as_str(), m.score)
                })
                .collect();
            let state = if partners.is_empty() {
                "one-sided"
            } else {
                "matched"
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
                "{},{},{},{},{},{},{},{},{},{}\r\n",
                side.key(),
                field(&claim.id),
                field(&claim.topic),
                state,
                field(&ids.join(" ")),
                best.map_or(String::new(), |b| format!("{b:.3}")),
                field(data.claim_text(i)),
                field(&data.readout.label),
                field(&data.readout.source),
                data.readout.sha256,
            );
        }
    }
    out
}
