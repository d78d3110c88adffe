//! Who wrote a readout and who speaks in a claim, from the principals it names.

use serde::Deserialize;

use crate::error::{Error, Result};

#[derive(Deserialize)]
struct PartyFile {
    party: Vec<Party>,
}

/// A party and the names that speak for it.
#[derive(Debug, Clone, Deserialize)]
pub struct Party {
    /// Shown as the side's label ("United States").
    pub label: String,
    /// Principals, matched as whole words.
    pub names: Vec<String>,
    /// Institutions that speak for the party (count for the label, never as a speaker).
    #[serde(default)]
    pub institutions: Vec<String>,
}

/// The known parties.
#[derive(Debug, Clone)]
pub struct Parties {
    parties: Vec<Party>,
}

/// Byte positions where `name` occurs in `text` as a whole word.
fn find_word(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(name).map(|i| i + from) {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(i);
        }
        from = i + name.len();
    }
    None
}

impl Parties {
    /// The table compiled in from `assets/parties.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset (a test checks it).
    pub fn builtin() -> Result<Self> {
        let file: PartyFile = toml::from_str(include_str!("../assets/parties.toml")).map_err(|e| {
            Error::Taxonomy { source_name: "built-in parties".to_string(), message: e.message().to_string() }
        })?;
        Ok(Parties { parties: file.party })
    }

    /// The first principal (or, with `institutions`, institution) named in `text`, with its
    /// party index.
    #[must_use]
    pub fn first_named<'a>(&'a self, text: &str, institutions: bool) -> Option<(usize, &'a str)> {
        let mut best: Option<(usize, usize, &str)> = None;
        for (p, party) in self.parties.iter().enumerate() {
            let extra = if institutions { party.institutions.as_slice() } else { &[] };
            for name in party.names.iter().chain(extra) {
                if let Some(pos) = find_word(text, name) {
                    if best.is_none_or(|(bp, _, bn)| pos < bp || (pos == bp && name.len() > bn.len())) {
                        best = Some((pos, p, name));
                    }
                }
            }
        }
        best.map(|(_, p, name)| (p, name))
    }

    /// Party labels for two readouts: each side's first-named principal; where that fails or both
    /// name the same party first, a party named in the text other than the other side's.
    #[must_use]
    pub fn detect_pair(&self, a: &str, b: &str) -> [Option<String>; 2] {
        let first = [self.first_named(a, true).map(|x| x.0), self.first_named(b, true).map(|x| x.0)];
        let texts = [a, b];
        let mut out: [Option<usize>; 2] = first;
        if out[0].is_some() && out[0] == out[1] {
            out = [None, None];
        }
        for side in 0..2 {
            if out[side].is_none() {
                let other = first[1 - side];
                out[side] = self
                    .parties
                    .iter()
                    .enumerate()
                    .filter(|(p, _)| Some(*p) != other)
                    .filter_map(|(p, party)| {
                        party.names.iter().chain(&party.institutions).filter_map(|n| find_word(texts[side], n)).min().map(|pos| (pos, p))
                    })
                    .min()
                    .map(|(_, p)| p);
            }
        }
        if out[0].is_some() && out[0] == out[1] {
            return [None, None];
        }
        out.map(|p| p.map(|p| self.parties[p].label.clone()))
    }
}

/// Who a claim reports: the first principal it names ("Lavrov", "Wang Yi"); a sentence opening
/// with "He", "She" or "The Secretary/President/Minister" continues the previous speaker.
#[must_use]
pub fn speakers(parties: &Parties, claims: &[&str]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::with_capacity(claims.len());
    for text in claims {
        let named = parties.first_named(text, false).map(|(_, n)| n.to_string());
        let continues = ["He ", "She ", "The Secretary", "The President", "The Minister", "Он ", "Она "]
            .iter()
            .any(|p| text.starts_with(p));
        let inherited = if continues { out.last().cloned().flatten() } else { None };
        out.push(named.or(inherited));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_principal_named_first() {
        let p = Parties::builtin().unwrap();
        let got = p.detect_pair(
            "Secretary Blinken spoke with Foreign Minister Lavrov.",
            "Sergey Lavrov had a telephone conversation with Antony Blinken at the US side's request.",
        );
        assert_eq!(got, [Some("United States".to_string()), Some("Russia".to_string())]);
        let got = p.detect_pair("The Secretary raised the balloon. President Biden agrees.", "Wang Yi met Blinken.");
        assert_eq!(got, [Some("United States".to_string()), Some("China".to_string())]);
        assert_eq!(p.detect_pair("No names here.", "None either."), [None, None]);
    }

    #[test]
    fn speakers_carry_over_pronouns() {
        let p = Parties::builtin().unwrap();
        let got = speakers(&p, &["Lavrov stressed the point.", "He added more.", "Grain was discussed."]);
        assert_eq!(got, [Some("Lavrov".to_string()), Some("Lavrov".to_string()), None]);
    }
}
