//! Claims to topics: a keyword taxonomy (`assets/topics.toml`, replaceable), paragraph context.

use foldhash::{HashMap, HashMapExt as _};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lexicon::Token;

/// Id of the topic given to claims that no keyword and no neighbour places.
pub const FALLBACK_ID: &str = "other";
/// Heading of the fallback topic.
pub const FALLBACK_LABEL: &str = "Other";
/// Colour of the fallback topic.
pub const FALLBACK_COLOR: &str = "#8a8a8a";

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicDef {
    /// Stable id (`"prisoners"`).
    pub id: String,
    /// Section heading.
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
    /// Keywords as token-prefix sequences.
    keywords: Vec<Vec<Part>>,
    /// Weight of each keyword: 1, or [`WEAK_WEIGHT`] for one written with a leading `~`.
    weights: Vec<f32>,
    /// The issue of one country or region (North Korea, Taiwan, Syria…): a claim that names it
    /// and a cross-cutting topic (sanctions, the UN, global security) is placed under it
    /// ([`REGION_WEIGHT`]).
    pub region: bool,
    /// A broad area or the relationship itself (relations, channels, courtesies, visits, world
    /// order), not one matter of a call: an opening that names only such topics reports the call,
    /// nothing more.
    pub broad: bool,
}

#[derive(Deserialize)]
struct TopicFile {
    topic: Vec<TopicEntry>,
}

#[derive(Deserialize)]
struct TopicEntry {
    id: String,
    label: String,
    color: String,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    ru: Vec<String>,
    #[serde(default)]
    region: bool,
    #[serde(default)]
    broad: bool,
}

/// The topic taxonomy with an index from keyword heads to keywords.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<TopicDef>,
    /// First three characters of a keyword's first part → (topic, keyword) indices.
    index: HashMap<String, Vec<(usize, usize)>>,
}

/// The keywords each word of one text can start (their first part matches it), in index order:
/// [`Taxonomy::score_cached`].
#[derive(Debug, Default)]
pub struct KeywordCache(HashMap<smol_str::SmolStr, Vec<(usize, usize)>>);

/// Weight of a weak keyword (`~ukrain`): a word that names a broad area, so a claim that names a
/// specific matter in the same area goes to that matter.
pub const WEAK_WEIGHT: f32 = 0.3;

/// Key of the keyword index: the first three characters (or the whole of a shorter part).
fn head(part: &str) -> &str {
    let end = part.char_indices().nth(3).map_or(part.len(), |(i, _)| i);
    &part[..end]
}

/// Noun endings a short Russian keyword may take ("газ": "газа", "газу", "газом").
const RUSSIAN_ENDINGS: &[&str] = &[
    "а", "у", "е", "ы", "и", "ом", "ем", "ой", "ей", "ов", "ев", "ам", "ям", "ах", "ях", "ами",
    "ями",
];

/// One word of a keyword, with what [`part_matches`] needs to know of it worked out once.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    text: String,
    /// Three characters or fewer: matched as a whole word.
    short: bool,
    /// Written in Cyrillic.
    russian: bool,
    /// Of a keyword written `=…` (an acronym: "=сво"): a short part takes no ending.
    exact: bool,
}

impl Part {
    fn new(text: String, exact: bool) -> Self {
        Part {
            short: text.chars().nth(3).is_none(),
            russian: text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            exact,
            text,
        }
    }
}

/// Whether a token matches a keyword part: prefix match, whole-word for parts of ≤ 3 characters
/// (a Russian one with any noun ending, since Russian declines, unless its keyword is written
/// `=…`: "СВО" does not decline, and "сво" with endings is "свои", "своей").
fn part_matches(part: &Part, token: &str) -> bool {
    if part.short {
        token == part.text
            || (part.russian
                && !part.exact
                && token
                    .strip_prefix(part.text.as_str())
                    .is_some_and(|ending| RUSSIAN_ENDINGS.contains(&ending)))
    } else {
        token.starts_with(part.text.as_str())
    }
}

impl Taxonomy {
    /// The taxonomy compiled in from `assets/topics.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset (a test checks it).
    pub fn builtin() -> Result<Self> {
        Self::from_toml(include_str!("../assets/topics.toml"), "built-in")
    }

    /// Reads a taxonomy file in the format of `assets/topics.toml`.
    ///
    /// # Errors
    /// A named pipe or other special file, an unreadable file, invalid TOML, or an invalid
    /// taxonomy.
    pub fn from_path(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        if let Err(error @ Error::NotRegularFile { .. }) =
            crate::ingest::regular_file_metadata(path)
        {
            return Err(error);
        }
        let source = std::fs::read_to_string(path).map_err(|e| Error::Taxonomy {
            source_name: name.clone(),
            message: e.to_string(),
        })?;
        Self::from_toml(&source, &name)
    }

    /// Parses a taxonomy.
    ///
    /// # Errors
    /// Invalid TOML, no topics, duplicate ids, a bad colour or a topic without keywords.
    pub fn from_toml(source: &str, name: &str) -> Result<Self> {
        let bad = |message: String| Error::Taxonomy {
            source_name: name.to_string(),
            message,
        };
        let file: TopicFile =
            toml::from_str(source).map_err(|e| bad(e.message().trim().to_string()))?;
        if file.topic.is_empty() {
            return Err(bad("no [[topic]] entries".to_string()));
        }
        let mut topics = Vec::with_capacity(file.topic.len());
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (t, entry) in file.topic.into_iter().enumerate() {
            if entry.id.trim().is_empty() || entry.id == FALLBACK_ID {
                return Err(bad(format!(
                    "topic {}: id must be non-empty and not '{FALLBACK_ID}'",
                    t + 1
                )));
            }
            if topics.iter().any(|d: &TopicDef| d.id == entry.id) {
                return Err(bad(format!("duplicate topic id '{}'", entry.id)));
            }
            if !is_hex_colour(&entry.color) {
                return Err(bad(format!(
                    "topic '{}': colour '{}' is not #rrggbb",
                    entry.id, entry.color
                )));
            }
            let (keywords, weights): (Vec<Vec<Part>>, Vec<f32>) = entry
                .en
                .iter()
                .chain(&entry.ru)
                .map(|k| {
                    let (k, weight) = match k.strip_prefix('~') {
                        Some(rest) => (rest, WEAK_WEIGHT),
                        None => (k.as_str(), 1.0),
                    };
                    let (k, exact) = match k.strip_prefix('=') {
                        Some(rest) => (rest, true),
                        None => (k, false),
                    };
                    let parts = crate::lexicon::tokenize(k)
                        .into_iter()
                        .map(|t| Part::new(t.norm.into(), exact))
                        .collect::<Vec<_>>();
                    (parts, weight)
                })
                .filter(|(parts, _)| !parts.is_empty())
                .unzip();
            if keywords.is_empty() {
                return Err(bad(format!("topic '{}' has no keywords", entry.id)));
            }
            for (k, parts) in keywords.iter().enumerate() {
                index
                    .entry(head(&parts[0].text).to_string())
                    .or_default()
                    .push((t, k));
            }
            topics.push(TopicDef {
                id: entry.id,
                label: entry.label,
                color: entry.color,
                keywords,
                weights,
                region: entry.region,
                broad: entry.broad,
            });
        }
        Ok(Taxonomy { topics, index })
    }

    /// The topics in file order.
    #[must_use]
    pub fn topics(&self) -> &[TopicDef] {
        &self.topics
    }

    /// Keyword evidence per topic for one claim's tokens: (topic index, score), topic order.
    #[must_use]
    pub fn score(&self, tokens: &[Token]) -> Vec<(usize, f32)> {
        self.score_cached(tokens, &mut KeywordCache::default())
    }

    /// [`Taxonomy::score`] with a cache of the keywords each word can start, for the claims of
    /// one text (a long text repeats its words, and a word's first three letters start dozens
    /// of keywords it does not).
    #[must_use]
    pub fn score_cached(&self, tokens: &[Token], cache: &mut KeywordCache) -> Vec<(usize, f32)> {
        let mut scores: Vec<(usize, f32)> = Vec::new();
        let mut used = vec![false; tokens.len()];
        for i in 0..tokens.len() {
            let norm = &tokens[i].norm;
            let cands = match cache.0.get(norm.as_str()) {
                Some(cands) => cands,
                None => cache.0.entry(norm.clone()).or_insert_with(|| {
                    self.index
                        .get(head(norm))
                        .into_iter()
                        .flatten()
                        .copied()
                        .filter(|&(t, k)| {
                            self.topics[t].keywords[k]
                                .first()
                                .is_some_and(|p| part_matches(p, norm))
                        })
                        .collect()
                }),
            };
            // Longest keyword first, so "arms control" wins over "arms".
            let mut best: Option<(usize, usize)> = None;
            for &(t, k) in cands {
                let parts = &self.topics[t].keywords[k];
                // The first part matches (the cache holds only such keywords).
                let fits = parts.len() <= tokens.len() - i
                    && parts
                        .iter()
                        .zip(&tokens[i..])
                        .skip(1)
                        .all(|(p, tok)| part_matches(p, &tok.norm));
                if fits
                    && best.is_none_or(|(bt, bk)| self.topics[bt].keywords[bk].len() < parts.len())
                {
                    best = Some((t, k));
                }
            }
            let Some((t, k)) = best else { continue };
            let len = self.topics[t].keywords[k].len();
            if used[i..i + len].iter().any(|&u| u) {
                continue;
            }
            used[i..i + len].iter_mut().for_each(|u| *u = true);
            #[expect(clippy::cast_precision_loss, reason = "phrase lengths are tiny")]
            let weight = self.topics[t].weights[k] * (1.0 + 0.5 * (len - 1) as f32);
            match scores.iter_mut().find(|(st, _)| *st == t) {
                Some(entry) => entry.1 += weight,
                None => scores.push((t, weight)),
            }
        }
        scores.sort_by_key(|&(t, _)| t);
        scores
    }
}

/// Two readings of one claim's keyword evidence (topic order) merged: each topic with the
/// stronger of its two scores.
#[must_use]
pub fn merge_max(mut own: Vec<(usize, f32)>, other: &[(usize, f32)]) -> Vec<(usize, f32)> {
    for &(t, s) in other {
        match own.iter_mut().find(|(u, _)| *u == t) {
            Some(entry) => entry.1 = entry.1.max(s),
            None => own.push((t, s)),
        }
    }
    own.sort_by_key(|&(t, _)| t);
    own
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Weight of a paragraph neighbour's evidence in [`context`] as the aligner's features read it.
pub const FEATURE_NEIGHBOUR_WEIGHT: f32 = 0.35;

/// Weight of a paragraph neighbour's evidence in the topic a claim is placed in: a sentence that
/// names no matter still takes its neighbour's, but one that names its own keeps it more often.
/// Measured with the aligner's links held fixed, leave-one-pair-out topic F1 (dev, training):
/// 0 → 0.737, 0.632; 0.2–0.25 → 0.755, 0.643; 0.35 → 0.750, 0.630.
pub const PLACE_NEIGHBOUR_WEIGHT: f32 = 0.25;

/// How much more a matter counts in a claim when the other readout names it too (with a keyword
/// of full weight somewhere): two accounts of one call cover mostly the same matters, so a
/// sentence torn between two topics is more likely about the one both sides raise. With the
/// other two changes of the placement (0.25 above, [`assign`]'s fill), leave-one-pair-out topic
/// F1: dev 0.750 → 0.763, training pairs 0.630 → 0.664 (0.2–0.4 give the same on dev).
pub const OTHER_SIDE_BONUS: f32 = 0.3;

/// How much more a region's issue ([`TopicDef::region`]) counts in the topic a claim is placed
/// in, and in the one topic of claims joined by links ([`Taxonomy::joint_topic`]): analysts head
/// a section by the issue ("North Korea"), not by the instrument or forum a sentence also names
/// ("the latest sanctions", "the UN Security Council"). Measured with the aligner's links held
/// fixed, leave-one-pair-out topic F1 (dev, training): 1 → 0.763, 0.664; 1.3–1.5 → 0.779,
/// 0.665; 2 → 0.779, 0.671 (placement only). With the paragraph pass and the weight also read
/// when linked claims are joined: 1.5 → 0.813, 0.723; 2 → 0.813, 0.728; 2.5–5 → 0.840, 0.729.
pub const REGION_WEIGHT: f32 = 3.0;

/// In [`Taxonomy::joint_topic`], what a claim's own row counts for beside its keyword evidence:
/// a row its role placed it in (the call, a list of matters) decides unless the keywords of the
/// joined claims outweigh it many times; a row placed from keywords or context counts a little
/// even where the claim itself names nothing.
const JOINT_ROLE_WEIGHT: f32 = 10.0;
const JOINT_OWN_WEIGHT: f32 = 0.5;

/// Each claim's keyword evidence plus `weight` times its paragraph neighbours', so a sentence
/// that continues a point ("This must be done through…") carries the point's topic.
#[must_use]
pub fn context(
    scores: &[Vec<(usize, f32)>],
    paragraphs: &[usize],
    weight: f32,
) -> Vec<Vec<(usize, f32)>> {
    let n = scores.len();
    (0..n)
        .map(|i| {
            let mut total: Vec<(usize, f32)> = scores[i].clone();
            for j in [i.wrapping_sub(1), i + 1] {
                if j < n && paragraphs[j] == paragraphs[i] {
                    for &(t, s) in &scores[j] {
                        match total.iter_mut().find(|(tt, _)| *tt == t) {
                            Some(e) => e.1 += weight * s,
                            None => total.push((t, weight * s)),
                        }
                    }
                }
            }
            total.sort_by_key(|&(t, _)| t);
            total
        })
        .collect()
}

/// The topics a readout names with a keyword of full weight in at least one claim (indices into
/// the taxonomy; `len` is the number of topics).
#[must_use]
pub fn named<'a>(scores: impl IntoIterator<Item = &'a [(usize, f32)]>, len: usize) -> Vec<bool> {
    let mut out = vec![false; len];
    for claim in scores {
        for &(t, s) in claim {
            if s >= 1.0 && t < len {
                out[t] = true;
            }
        }
    }
    out
}

/// One claim's evidence with each topic the other readout names ([`named`]) raised by
/// [`OTHER_SIDE_BONUS`]; `except` (the call itself, which every readout names) is left as it is.
#[must_use]
pub fn favour_shared(
    scores: &[(usize, f32)],
    other: &[bool],
    except: Option<usize>,
) -> Vec<(usize, f32)> {
    scores
        .iter()
        .map(|&(t, s)| {
            if other.get(t).copied().unwrap_or(false) && Some(t) != except {
                (t, s * (1.0 + OTHER_SIDE_BONUS))
            } else {
                (t, s)
            }
        })
        .collect()
}

/// One claim joined to others by links, as [`Taxonomy::joint_topic`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct Joined<'a> {
    /// The claim's keyword evidence (topic index, score).
    pub scores: &'a [(usize, f32)],
    /// The row the claim is in before it is joined.
    pub topic: Option<usize>,
    /// Whether its role (opening, tone, list of matters) placed it there.
    pub by_role: bool,
}

impl Taxonomy {
    /// The one topic of claims joined by links, so both sides' accounts of a matter share a row:
    /// the one with the most keyword evidence across them, a region's issue counting
    /// [`REGION_WEIGHT`] times as in placement, plus each claim's own row
    /// ([`JOINT_ROLE_WEIGHT`] where its role placed it, else [`JOINT_OWN_WEIGHT`]). Ties go to
    /// the earlier topic. `None` when no claim has a row or any evidence.
    #[must_use]
    pub fn joint_topic(&self, members: &[Joined<'_>]) -> Option<usize> {
        let mut totals: Vec<(usize, f32)> = Vec::new();
        for m in members {
            let weight = if m.by_role {
                JOINT_ROLE_WEIGHT
            } else {
                JOINT_OWN_WEIGHT
            };
            let own = m.topic.map(|t| (t, weight));
            for (t, s) in self.favour_regions(m.scores).into_iter().chain(own) {
                match totals.iter_mut().find(|(u, _)| *u == t) {
                    Some(e) => e.1 += s,
                    None => totals.push((t, s)),
                }
            }
        }
        totals
            .into_iter()
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .map(|(t, _)| t)
    }

    /// One claim's evidence with each region's issue ([`TopicDef::region`]) raised by
    /// [`REGION_WEIGHT`], for placing the claim.
    #[must_use]
    pub fn favour_regions(&self, scores: &[(usize, f32)]) -> Vec<(usize, f32)> {
        scores
            .iter()
            .map(|&(t, s)| match self.topics.get(t) {
                Some(d) if d.region => (t, s * REGION_WEIGHT),
                _ => (t, s),
            })
            .collect()
    }
}

/// Assigns each claim a primary topic: the best of its [`context`] evidence. A claim with no
/// evidence at all takes the topic of the nearest earlier claim, else a later one (the aligner's
/// reading of one readout alone; [`assign`] places claims in the rows shown).
///
/// `context[i]` is claim `i`'s evidence with its neighbours'. Returns topic indices, `None` where
/// no claim of the readout has any evidence.
#[must_use]
pub fn assign_nearest(context: &[Vec<(usize, f32)>]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = context.iter().map(|total| best(total)).collect();
    // Fill gaps from the nearest earlier claim, then from the nearest later one.
    let mut last = None;
    for slot in &mut out {
        match slot {
            Some(t) => last = Some(*t),
            None => *slot = last,
        }
    }
    let mut next = None;
    for slot in out.iter_mut().rev() {
        match slot {
            Some(t) => next = Some(*t),
            None => *slot = next,
        }
    }
    out
}

/// The topic with the highest total; ties go to the earlier topic in the taxonomy,
/// deterministically. `None` without positive evidence.
fn best(total: &[(usize, f32)]) -> Option<usize> {
    total
        .iter()
        .copied()
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        .filter(|&(_, s)| s > 0.0)
        .map(|(t, _)| t)
}

/// Assigns each claim a primary topic: the best of its [`context`] evidence. A claim with no
/// evidence at all takes the topic of the nearest claim of its paragraph (an earlier one first),
/// else of the nearest earlier claim whose topic is not `call` (the opening names no matter of
/// the next paragraph), else of the nearest later one, else of any earlier one.
///
/// `context[i]` is claim `i`'s evidence with its neighbours', `paragraphs[i]` its paragraph.
/// Returns topic indices, `None` where no claim of the readout has any evidence.
#[must_use]
pub fn assign(
    context: &[Vec<(usize, f32)>],
    paragraphs: &[usize],
    call: Option<usize>,
) -> Vec<Option<usize>> {
    let own: Vec<Option<usize>> = context.iter().map(|total| best(total)).collect();
    (0..own.len())
        .map(|i| {
            if own[i].is_some() {
                return own[i];
            }
            let same = |j: &usize| paragraphs.get(*j) == paragraphs.get(i);
            let earlier = (0..i).rev().filter(|j| own[*j].is_some());
            let later = (i + 1..own.len()).filter(|j| own[*j].is_some());
            earlier
                .clone()
                .find(same)
                .or_else(|| later.clone().find(same))
                .or_else(|| earlier.clone().find(|&j| own[j] != call))
                .or_else(|| later.clone().next())
                .or_else(|| earlier.clone().next())
                .and_then(|j| own[j])
        })
        .collect()
}

/// Moves each claim shown in a row the other readout has no claim in to the matter its paragraph
/// gives an account of, where the other readout has that matter's row too: the most common such
/// row among the claim's paragraph mates (ties to the nearest mate, then the earlier one).
/// Readouts give one matter a paragraph, and a comparison is headed by the matters both sides
/// raise (the annotation's groups): a sentence whose keywords name something the other readout
/// never raises ("territorial integrity" in a paragraph on Taiwan, "the UN Security Council" in
/// one on North Korea) is part of its paragraph's account of the shared matter.
///
/// Only claims with `movable[i]` move; only claims with `matter[i]` (an account of a matter,
/// not the call or a list of matters) lend their row, and only a row `shown_other` says the
/// other readout shows claims in (indexed by topic, `None` after the last topic). Rows are read
/// as they were before any claim moves. Paragraphs are runs of equal `paragraphs[i]`; a readout
/// written as one paragraph says nothing of where one matter ends, and nothing moves in it.
#[must_use]
pub fn follow_paragraph_matter(
    topics: &[Option<usize>],
    paragraphs: &[usize],
    movable: &[bool],
    matter: &[bool],
    shown_other: &[bool],
) -> Vec<Option<usize>> {
    let shown = |t: Option<usize>| {
        shown_other
            .get(t.unwrap_or(shown_other.len().saturating_sub(1)))
            .copied()
            .unwrap_or(false)
    };
    let mut out = topics.to_vec();
    if paragraphs.windows(2).all(|w| w[0] == w[1]) {
        return out;
    }
    let mut start = 0;
    while start < topics.len() {
        let end = (start..topics.len())
            .find(|&j| paragraphs[j] != paragraphs[start])
            .unwrap_or(topics.len());
        // Each row the other readout shows: its mates that give an account of a matter, in
        // order. A claim that may move is in a row the other readout lacks, so it is never
        // among them, and each row's count is the same for every claim of the paragraph.
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        for j in (start..end).filter(|&j| matter[j] && shown(topics[j])) {
            let Some(t) = topics[j] else { continue };
            match rows.iter_mut().find(|(u, _)| *u == t) {
                Some((_, mates)) => mates.push(j),
                None => rows.push((t, vec![j])),
            }
        }
        let most = rows.iter().map(|(_, mates)| mates.len()).max().unwrap_or(0);
        for i in start..end {
            if !movable[i] || shown(topics[i]) {
                continue;
            }
            // Among the rows with most mates, the one with the nearest mate (the earlier of
            // two as near).
            let best = rows
                .iter()
                .filter(|(_, mates)| mates.len() == most)
                .filter_map(|(t, mates)| {
                    let after = mates.partition_point(|&j| j < i);
                    let before = after.checked_sub(1).map(|k| mates[k]);
                    let nearest = match (before, mates.get(after).copied()) {
                        (Some(b), Some(a)) if a - i < i - b => a,
                        (Some(b), _) => b,
                        (None, Some(a)) => a,
                        (None, None) => return None,
                    };
                    Some((i.abs_diff(nearest), nearest, *t))
                })
                .min();
            if let Some((.., t)) = best {
                out[i] = Some(t);
            }
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tokenize;

    const MINI: &str = r##"
[[topic]]
id = "prisoners"
label = "Prisoners"
color = "#aa3300"
en = ["prisoner", "detained", "wrongfully detained"]
ru = ["заключен"]

[[topic]]
id = "arms-control"
label = "Arms control"
color = "#0033aa"
en = ["arms control", "new start", "arms"]
"##;

    #[test]
    fn builtin_taxonomy_loads_with_enough_topics() {
        let tax = Taxonomy::builtin().unwrap();
        assert!(tax.topics().len() >= 30, "{} topics", tax.topics().len());
    }

    #[test]
    fn keywords_match_prefixes_and_phrases() {
        let tax = Taxonomy::from_toml(MINI, "mini").unwrap();
        let s = tax.score(&tokenize(
            "Two prisoners were wrongfully detained; обмен заключенными.",
        ));
        assert_eq!(s, vec![(0, 3.5)]);
        let s = tax.score(&tokenize(
            "Progress on arms control and the New START treaty.",
        ));
        assert_eq!(s, vec![(1, 3.0)]);
        // A short Russian keyword declines; a short English one stays whole.
        let tax = Taxonomy::from_toml(
            &MINI.replace("ru = [\"заключен\"]", "ru = [\"газ\"]"),
            "mini",
        )
        .unwrap();
        assert_eq!(tax.score(&tokenize("транзит газа")), vec![(0, 1.0)]);
        assert!(tax.score(&tokenize("газета")).is_empty());
        // An acronym written "=…" takes no ending.
        let tax = Taxonomy::from_toml(
            &MINI.replace("ru = [\"заключен\"]", "ru = [\"=сво\", \"=вс украин\"]"),
            "mini",
        )
        .unwrap();
        assert_eq!(tax.score(&tokenize("в ходе СВО")), vec![(0, 1.0)]);
        assert!(
            tax.score(&tokenize("свои интересы, своей позиции"))
                .is_empty()
        );
        assert_eq!(tax.score(&tokenize("ВС Украины")), vec![(0, 1.5)]);
        assert!(tax.score(&tokenize("все украинские")).is_empty());
        assert!(tax.score(&tokenize("newa start")).is_empty());
        assert!(tax.score(&tokenize("The army moved.")).is_empty());
    }

    #[test]
    fn a_matter_the_other_side_names_counts_more() {
        let other = named([&[(2, 1.0), (3, 0.3)][..], &[(0, 2.0)][..]], 5);
        assert_eq!(other, [true, false, true, false, false]);
        let got = favour_shared(&[(0, 1.0), (1, 1.2), (2, 1.0), (3, 1.0)], &other, Some(0));
        let want = [(0, 1.0), (1, 1.2), (2, 1.0 + OTHER_SIDE_BONUS), (3, 1.0)];
        assert_eq!(got.len(), want.len());
        for ((t, s), (u, v)) in got.iter().zip(want) {
            assert_eq!(*t, u);
            assert!((s - v).abs() < 1e-6, "{got:?}");
        }
    }

    /// The mini taxonomy with its first topic marked a region's issue.
    fn mini_with_region() -> Taxonomy {
        Taxonomy::from_toml(
            &MINI.replace(
                "id = \"prisoners\"\n",
                "id = \"prisoners\"\nregion = true\n",
            ),
            "mini",
        )
        .unwrap()
    }

    #[test]
    fn a_region_s_issue_counts_more_when_placing_a_claim() {
        let tax = mini_with_region();
        assert!(tax.topics()[0].region && !tax.topics()[1].region);
        assert_eq!(
            tax.favour_regions(&[(0, 2.0), (1, 2.0)]),
            vec![(0, 2.0 * REGION_WEIGHT), (1, 2.0)]
        );
        let regions = Taxonomy::builtin().unwrap();
        let region = |id: &str| regions.topics().iter().any(|t| t.id == id && t.region);
        assert!(region("north-korea") && region("taiwan") && !region("sanctions"));
        let broad = |id: &str| regions.topics().iter().any(|t| t.id == id && t.broad);
        assert!(broad("bilateral-relations") && broad("communication-channels"));
        assert!(!broad("sanctions") && !broad("prisoners") && !broad("call"));
        assert!(!tax.topics()[0].broad, "not broad unless the file says so");
    }

    #[test]
    fn claims_joined_by_links_take_the_region_s_issue_over_a_forum_they_name_more() {
        fn joined(scores: &[(usize, f32)], topic: usize) -> Joined<'_> {
            Joined {
                scores,
                topic: Some(topic),
                by_role: false,
            }
        }
        // Topic 0 is a region's issue; 1 a forum named more often across the joined claims.
        let tax = mini_with_region();
        let (a, b, c) = ([(0, 1.0), (1, 2.0)], [(0, 1.0)], [(1, 2.0)]);
        let members = [joined(&a, 1), joined(&b, 0), joined(&c, 1)];
        // Read without the weight, the forum would win: 2 × 2.0 + 2 × 0.5 against 2 × 1.0 + 0.5.
        assert_eq!(tax.joint_topic(&members), Some(0));
        // A row a role placed a claim in (the call) still decides.
        let opening = Joined {
            scores: &[],
            topic: Some(1),
            by_role: true,
        };
        assert_eq!(tax.joint_topic(&[joined(&b, 0), opening]), Some(1));
        assert_eq!(tax.joint_topic(&[]), None);
    }

    #[test]
    fn a_claim_in_a_row_the_other_side_lacks_follows_its_paragraph_s_shared_matter() {
        // Rows 0 (call), 1, 2 shown on the other side; 3 and 4 are not.
        let shown = [true, true, true, false, false, false];
        let topics = [
            Some(0),
            Some(1),
            Some(3),
            Some(1),
            Some(2),
            Some(4),
            Some(3),
            Some(4),
        ];
        let paragraphs = [0, 1, 1, 1, 2, 2, 3, 3];
        let matter = [false, true, true, true, true, true, true, true];
        let movable = [false, true, true, true, true, false, true, true];
        let got = follow_paragraph_matter(&topics, &paragraphs, &movable, &matter, &shown);
        // Claim 2 joins its paragraph's row 1; claim 5 may not move; in paragraph 3 no mate
        // is in a row the other side shows.
        assert_eq!(
            got,
            vec![
                Some(0),
                Some(1),
                Some(1),
                Some(1),
                Some(2),
                Some(4),
                Some(3),
                Some(4)
            ]
        );
        // The call's row lends nothing (claim 0 is no matter); a tie at one distance goes to the
        // earlier mate.
        let got = follow_paragraph_matter(
            &[Some(0), Some(3), Some(2), Some(3), Some(1)],
            &[0, 0, 1, 1, 1],
            &[true; 5],
            &[false, true, true, true, true],
            &shown,
        );
        assert_eq!(got, vec![Some(0), Some(3), Some(2), Some(2), Some(1)]);
        // A readout in one paragraph: nothing moves.
        let one =
            follow_paragraph_matter(&[Some(1), Some(3)], &[0, 0], &[true; 2], &[true; 2], &shown);
        assert_eq!(one, vec![Some(1), Some(3)]);
    }

    #[test]
    fn bad_taxonomies_are_rejected_with_a_reason() {
        let dup = format!(
            "{MINI}\n[[topic]]\nid = \"arms-control\"\nlabel = \"x\"\ncolor = \"#000000\"\nen = [\"x\"]\n"
        );
        let err = Taxonomy::from_toml(&dup, "dup.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("duplicate topic id"), "{err}");
        let err = Taxonomy::from_toml("topic = 3", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("topic taxonomy x.toml:"), "{err}");
        let colour = MINI.replace("#aa3300", "red");
        assert!(
            Taxonomy::from_toml(&colour, "c")
                .unwrap_err()
                .to_string()
                .contains("#rrggbb")
        );
    }

    #[test]
    fn neighbours_in_a_paragraph_carry_the_topic() {
        let scores = vec![vec![(3, 2.0)], vec![], vec![(5, 1.0)], vec![]];
        let paragraphs = [0, 0, 1, 2];
        let got = assign(&context(&scores, &paragraphs, 0.35), &paragraphs, None);
        assert_eq!(got, vec![Some(3), Some(3), Some(5), Some(5)]);
        assert_eq!(
            assign(&context(&[vec![], vec![]], &[0, 1], 0.35), &[0, 1], None),
            vec![None, None]
        );
        // A claim that names nothing takes its own paragraph's topic before an earlier one's, and
        // not the call's from the opening paragraph.
        let scores = vec![
            vec![(0, 1.0)],
            vec![],
            vec![(4, 1.0)],
            vec![(6, 1.0)],
            vec![],
        ];
        let paragraphs = [0, 1, 1, 2, 3];
        let got = assign(&context(&scores, &paragraphs, 0.0), &paragraphs, Some(0));
        assert_eq!(got, vec![Some(0), Some(4), Some(4), Some(6), Some(6)]);
        let got = assign(
            &context(&[vec![(0, 1.0)], vec![], vec![(2, 1.0)]], &[0, 1, 2], 0.0),
            &[0, 1, 2],
            Some(0),
        );
        assert_eq!(got, vec![Some(0), Some(2), Some(2)]);
    }
}
