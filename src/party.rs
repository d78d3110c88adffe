//! Who wrote a readout and who speaks in a claim, from the principals it names.

use std::collections::HashMap;

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
    /// Nationality words that mark a mention as the other side's view of this party.
    #[serde(default)]
    pub adjectives: Vec<String>,
}

/// The known parties.
#[derive(Debug, Clone)]
pub struct Parties {
    parties: Vec<Party>,
    /// First word of a name → names starting with it, longest first.
    index: HashMap<String, Vec<NameEntry>>,
}

/// Words of a text (runs of letters and digits) with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A name to look for: its words, party, and whether it is an institution.
#[derive(Debug, Clone)]
struct NameEntry {
    words: Vec<String>,
    party: usize,
    institution: bool,
    name: String,
}

/// One mention of a party's name in a text.
#[derive(Debug, Clone, Copy)]
struct Mention<'a> {
    pos: usize,
    party: usize,
    institution: bool,
    name: &'a str,
}

impl Parties {
    /// The table compiled in from `assets/parties.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset (a test checks it).
    pub fn builtin() -> Result<Self> {
        let file: PartyFile =
            toml::from_str(include_str!("../assets/parties.toml")).map_err(|e| {
                Error::Taxonomy {
                    source_name: "built-in parties".to_string(),
                    message: e.message().to_string(),
                }
            })?;
        let mut index: HashMap<String, Vec<NameEntry>> = HashMap::new();
        for (p, party) in file.party.iter().enumerate() {
            let names = party.names.iter().map(|n| (n, false));
            for (name, institution) in names.chain(party.institutions.iter().map(|n| (n, true))) {
                let ws: Vec<String> = words(name)
                    .into_iter()
                    .map(|(_, w)| w.to_string())
                    .collect();
                let Some(first) = ws.first() else { continue };
                index.entry(first.clone()).or_default().push(NameEntry {
                    words: ws,
                    party: p,
                    institution,
                    name: name.clone(),
                });
            }
        }
        for list in index.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        Ok(Parties {
            parties: file.party,
            index,
        })
    }

    /// Every principal's name, for the lexicon to weigh down.
    pub fn principal_names(&self) -> impl Iterator<Item = &str> {
        self.parties
            .iter()
            .flat_map(|p| p.names.iter().map(String::as_str))
    }

    /// Every mention of a known name in `text`, in text order (longest name at a position).
    fn mentions<'a>(&'a self, text: &str) -> Vec<Mention<'a>> {
        let ws = words(text);
        let mut out = Vec::new();
        for (i, &(pos, word)) in ws.iter().enumerate() {
            let Some(entries) = self.index.get(word) else {
                continue;
            };
            let found = entries.iter().find(|e| {
                e.words.len() <= ws.len() - i
                    && e.words.iter().zip(&ws[i..]).all(|(n, (_, w))| n == w)
            });
            if let Some(e) = found {
                out.push(Mention {
                    pos,
                    party: e.party,
                    institution: e.institution,
                    name: &e.name,
                });
            }
        }
        out
    }

    /// The first principal (or, with `institutions`, institution) named in `text`, with its
    /// party index.
    #[must_use]
    pub fn first_named<'a>(&'a self, text: &str, institutions: bool) -> Option<(usize, &'a str)> {
        self.mentions(text)
            .into_iter()
            .find(|m| institutions || !m.institution)
            .map(|m| (m.party, m.name))
    }

    /// How strongly a text reads as written by each party: plain mentions of its principals,
    /// less where a nationality qualifies them, a bonus for the first one named.
    fn authorship(&self, text: &str) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.parties.len()];
        let mentions = self.mentions(text);
        for m in &mentions {
            let base = if m.institution { 0.5 } else { 1.0 };
            let window_start = text[..m.pos]
                .char_indices()
                .rev()
                .nth(45)
                .map_or(0, |(i, _)| i);
            let window = &text[window_start..m.pos];
            let window = window.rsplit(['.', ';']).next().unwrap_or(window);
            let qualified = self.parties[m.party]
                .adjectives
                .iter()
                .any(|adj| window.contains(adj.as_str()));
            scores[m.party] += if qualified { 0.3 * base } else { base };
        }
        if let Some(first) = mentions.first() {
            scores[first.party] += 1.0;
        }
        scores
    }

    /// Party labels for two readouts: the two different parties that best explain who wrote
    /// each text (relative authorship scores), or `None` where the text names nobody known.
    #[must_use]
    pub fn detect_pair(&self, a: &str, b: &str) -> [Option<String>; 2] {
        let rel = |text: &str| -> Vec<f32> {
            let s = self.authorship(text);
            let total: f32 = s.iter().sum();
            if total > 0.0 {
                s.iter().map(|x| x / total).collect()
            } else {
                s
            }
        };
        let (ra, rb) = (rel(a), rel(b));
        let n = self.parties.len();
        let mut best: Option<(f32, Option<usize>, Option<usize>)> = None;
        for pa in (0..n).map(Some).chain([None]) {
            for pb in (0..n).map(Some).chain([None]) {
                if pa.is_some() && pa == pb {
                    continue;
                }
                let score = pa.map_or(0.0, |p| ra[p]) + pb.map_or(0.0, |p| rb[p]);
                let valid = pa.is_none_or(|p| ra[p] > 0.0) && pb.is_none_or(|p| rb[p] > 0.0);
                if valid && best.is_none_or(|(bs, _, _)| score > bs) {
                    best = Some((score, pa, pb));
                }
            }
        }
        let (_, pa, pb) = best.unwrap_or((0.0, None, None));
        [pa, pb].map(|p| p.map(|p| self.parties[p].label.clone()))
    }
}

/// What a claim that names no principal opens with, and so who it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening<'a> {
    /// "He", "She", "Он": the previous claim's speaker goes on.
    Pronoun,
    /// "The two sides", "Both sides", "Стороны": both principals.
    BothSides,
    /// "The Chinese side", "The Russian side": that party (by one of its adjectives).
    Side(&'a str),
    /// "The Secretary", "The President", "The Minister", "The Foreign Minister".
    Role(Role),
}

/// The titles a readout uses for a principal it named before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The US Secretary of State: the last principal of the United States named.
    Secretary,
    /// A minister: the last principal named who is not of the United States, whose cabinet has
    /// secretaries.
    Minister,
    /// A president: the last principal introduced with that title ("President Xi").
    President,
}

/// The opening phrases that name no principal, case-sensitive as written at a sentence start.
const OPENINGS: &[(&str, Opening<'static>)] = &[
    ("He ", Opening::Pronoun),
    ("She ", Opening::Pronoun),
    ("Он ", Opening::Pronoun),
    ("Она ", Opening::Pronoun),
    ("The two sides", Opening::BothSides),
    ("Both sides", Opening::BothSides),
    ("The sides", Opening::BothSides),
    ("Стороны", Opening::BothSides),
    ("The Secretary", Opening::Role(Role::Secretary)),
    ("The President", Opening::Role(Role::President)),
    ("The Foreign Minister", Opening::Role(Role::Minister)),
    ("The Minister", Opening::Role(Role::Minister)),
    ("Министр", Opening::Role(Role::Minister)),
    ("Президент", Opening::Role(Role::President)),
];

/// How a claim opens, when it names no principal.
fn opening(text: &str) -> Option<Opening<'_>> {
    if let Some(&(_, kind)) = OPENINGS.iter().find(|(p, _)| text.starts_with(p)) {
        return Some(kind);
    }
    // "The Chinese side …", "The US side …": the word before "side".
    let rest = text.strip_prefix("The ")?;
    let (adjective, after) = rest.split_once(' ')?;
    (after.starts_with("side ") || after.starts_with("side,")).then_some(Opening::Side(adjective))
}

/// Who a claim reports: the first principal it names ("Lavrov", "Wang Yi"). A claim that names
/// none is read from how it opens: "He"/"She" continue the previous speaker; "the Secretary",
/// "the Minister" and "the President" are the last principal named who holds that title;
/// "the Chinese side" is that party's last principal named (else the party); "the two sides"
/// are both.
#[must_use]
pub fn speakers(parties: &Parties, claims: &[&str]) -> Vec<Option<String>> {
    let us = parties
        .parties
        .iter()
        .position(|p| p.label == "United States");
    // The principals named so far, latest last: (party, name, introduced as president).
    let mut named: Vec<(usize, &str, bool)> = Vec::new();
    let mut out: Vec<Option<String>> = Vec::with_capacity(claims.len());
    for text in claims {
        let first = parties.first_named(text, false).map(|(_, n)| n.to_string());
        let speaker = first.or_else(|| match opening(text)? {
            Opening::Pronoun => out.last().cloned().flatten(),
            Opening::BothSides => Some("both sides".to_string()),
            Opening::Side(adjective) => {
                let party = parties.parties.iter().position(|p| {
                    p.adjectives.iter().any(|a| a == adjective) || p.label == adjective
                })?;
                Some(
                    named
                        .iter()
                        .rev()
                        .find(|(p, _, _)| *p == party)
                        .map_or_else(
                            || parties.parties[party].label.clone(),
                            |(_, n, _)| (*n).to_string(),
                        ),
                )
            }
            Opening::Role(role) => named
                .iter()
                .rev()
                .find(|(p, _, president)| match role {
                    Role::Secretary => Some(*p) == us,
                    Role::Minister => Some(*p) != us,
                    Role::President => *president,
                })
                .map(|(_, n, _)| (*n).to_string()),
        });
        named.extend(
            parties
                .mentions(text)
                .into_iter()
                .filter(|m| !m.institution)
                .map(|m| {
                    let before = text[..m.pos].trim_end();
                    let president = ["President", "president", "Президент", "президент"]
                        .iter()
                        .any(|t| before.ends_with(t));
                    (m.party, m.name, president)
                }),
        );
        out.push(speaker);
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
        assert_eq!(
            got,
            [
                Some("United States".to_string()),
                Some("Russia".to_string())
            ]
        );
        let got = p.detect_pair(
            "The Secretary raised the balloon. President Biden agrees.",
            "Wang Yi met Blinken.",
        );
        assert_eq!(
            got,
            [Some("United States".to_string()), Some("China".to_string())]
        );
        assert_eq!(
            p.detect_pair("No names here.", "None either."),
            [None, None]
        );
    }

    #[test]
    fn speakers_carry_over_pronouns() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Lavrov stressed the point.",
                "He added more.",
                "Grain was discussed.",
            ],
        );
        assert_eq!(
            got,
            [Some("Lavrov".to_string()), Some("Lavrov".to_string()), None]
        );
    }

    #[test]
    fn role_nouns_name_the_principal_who_holds_the_title() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Secretary Blinken spoke with Foreign Minister Lavrov.",
                "Lavrov said the talks should continue.",
                "The Secretary also raised the issue of grain exports.",
                "The Minister replied that sanctions were to blame.",
                "The two sides agreed to stay in touch.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Blinken".to_string()),
                Some("Lavrov".to_string()),
                Some("Blinken".to_string()),
                Some("Lavrov".to_string()),
                Some("both sides".to_string()),
            ]
        );
    }

    #[test]
    fn a_side_named_by_its_nationality_is_its_principal_or_the_party() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Wang Yi held talks with Antony Blinken.",
                "The Chinese side stressed that Taiwan is part of China.",
                "The American side noted its concerns.",
                "The German side was not mentioned.",
                "The President welcomed the call.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Wang Yi".to_string()),
                Some("Wang Yi".to_string()),
                Some("Blinken".to_string()),
                Some("Germany".to_string()),
                None,
            ],
            "no one was introduced as president, so no one is guessed"
        );
        let got = speakers(
            &p,
            &[
                "President Biden spoke with President Xi Jinping.",
                "The President raised Taiwan.",
            ],
        );
        assert_eq!(
            got[1].as_deref(),
            Some("Xi"),
            "the last one introduced as president"
        );
    }

    #[test]
    fn a_russian_minister_is_the_russian_principal() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Сергей Лавров провел телефонный разговор с Энтони Блинкеном.",
                "Министр подчеркнул необходимость диалога.",
                "Стороны договорились продолжить контакты.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Лавров".to_string()),
                Some("Лавров".to_string()),
                Some("both sides".to_string()),
            ]
        );
    }
}
