//! Claims of `a` and `b` to matches. Each candidate pair gets interpretable features (idf-weighted
//! overlap and cosine of stemmed terms, synonyms and topic concepts, shared names and numbers,
//! topic agreement, the claims' roles and positions, each pair's rank among both claims'
//! candidates); a trained logistic regression ([`PairModel`]) turns them into the probability that
//! an analyst would link the two, and the model's decision rule keeps the links.
//!
//! Short readouts score every pair. Long ones take candidates from an inverted index over terms
//! rare enough to be informative, best few per claim, so the work stays about linear.

use foldhash::{HashMap, HashMapExt as _};
use rayon::prelude::*;

use crate::error::Error;
use crate::lexicon::{KeyProbe, Term, TermKind};
use crate::pair_model::PairModel;
use crate::roles::Role;

/// One claim as alignment sees it.
#[derive(Debug, Clone, Default)]
pub struct ClaimFeatures {
    /// Content terms, synonyms folded.
    pub terms: Vec<Term>,
    /// Keyword evidence per topic index (`Taxonomy::score`).
    pub topic_scores: Vec<(usize, f32)>,
    /// Keyword evidence of the claim and its paragraph neighbours (what placed it in a topic).
    pub context_scores: Vec<(usize, f32)>,
    /// The primary topic index, if any.
    pub topic: Option<usize>,
    /// What the claim does in its readout.
    pub role: Role,
    /// An opening that also names a matter of the call, not only broad areas ("spoke today …
    /// to underscore that the United States will never recognize …"): readouts of real calls
    /// often put their main point there, and analysts link it to the other side's account.
    pub opening_names_matter: bool,
    /// Position in the readout, 0 for the first claim and 1 for the last.
    pub position: f32,
    /// Whether the claim is written in Cyrillic.
    pub cyrillic: bool,
    /// 0-based paragraph of the claim in its readout.
    pub paragraph: usize,
    /// The claim's static sentence vector (`embed.rs`), where it has one.
    pub embedding: Option<crate::embed::SentenceVector>,
    /// A Russian claim's sentence vector of its English gloss (the bilingual lexicon's words for
    /// its words), where the lexicon knows some of them: what a model's cross-language stages
    /// read instead of [`ClaimFeatures::embedding`] ([`Candidate::cross_features`]).
    pub gloss_embedding: Option<crate::embed::SentenceVector>,
}

/// Tuning of the aligner that is not learned. Sessions record it, so a reopened session aligns
/// as it did when saved.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AlignOptions {
    /// Replaces the model's probability threshold (a research aid; `None` keeps the trained one).
    pub threshold: Option<f32>,
    /// Weight of a topic-concept term relative to a word.
    pub concept_weight: f32,
    /// Gives a Russian claim the sentence vector of its English gloss (the bilingual lexicon's
    /// words for its words) instead of its own text's: an experiment for matching across
    /// languages (README, Quality), off by default.
    pub gloss_embedding: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: None,
            concept_weight: 0.7,
            gloss_embedding: false,
        }
    }
}

impl AlignOptions {
    /// Parses a comma-separated spec such as `threshold=0.6,concept_weight=0.7` (a tuning aid;
    /// the CLI and the app read it from `PARALLAX_ALIGN`). Keys not given keep their defaults;
    /// empty entries are skipped.
    ///
    /// # Errors
    /// An entry without `=`, an unknown key, or a value that is not a finite number (a
    /// threshold must also lie in 0–1, a concept weight must not be negative, `gloss_embedding`
    /// is 0 or 1).
    pub fn parse(spec: &str) -> Result<Self, Error> {
        let mut opts = Self::default();
        for item in spec
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
        {
            let bad = |message: String| Error::AlignOptions {
                spec: spec.to_string(),
                message,
            };
            let Some((key, value)) = item.split_once('=') else {
                return Err(bad(format!("'{item}' is not key=value")));
            };
            let (key, value) = (key.trim(), value.trim());
            let number = value
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| bad(format!("{key}: '{value}' is not a number")))?;
            match key {
                "threshold" if (0.0..=1.0).contains(&number) => opts.threshold = Some(number),
                "threshold" => {
                    return Err(bad(format!(
                        "threshold: {number} is not a probability (0–1)"
                    )));
                }
                "concept_weight" if number >= 0.0 => opts.concept_weight = number,
                "concept_weight" => {
                    return Err(bad(format!("concept_weight: {number} is negative")));
                }
                "gloss_embedding" => {
                    opts.gloss_embedding = match value {
                        "0" => false,
                        "1" => true,
                        _ => {
                            return Err(bad(format!("gloss_embedding: {value} is not 0 or 1")));
                        }
                    };
                }
                _ => {
                    return Err(bad(format!(
                        "unknown key '{key}' (known: threshold, concept_weight, gloss_embedding)"
                    )));
                }
            }
        }
        Ok(opts)
    }
}

/// A proposed link with the model's probability and its evidence in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Claim index on side `a`.
    pub a: usize,
    /// Claim index on side `b`.
    pub b: usize,
    /// The probability that an analyst would link the two.
    pub score: f32,
    /// The probability from the pair's own features, before its neighbours' links are read
    /// (the model's first stage); what decides whether the link joins the claims' topics.
    pub own_score: f32,
    /// What decided it, strongest first.
    pub evidence: Vec<String>,
}

/// The names of the pair features, in the order of [`Candidate::features`]. A model file lists
/// the same names; a model trained for another list is refused.
pub const FEATURE_NAMES: &[&str] = &[
    "similarity",
    "cosine",
    "overlap",
    "shared_names",
    "shared_numbers",
    "shared_words",
    "topic_cosine",
    "context_cosine",
    "same_topic",
    "both_opening",
    "one_opening",
    "both_agenda",
    "one_agenda",
    "both_tone",
    "one_tone",
    "position_gap",
    "rank_a",
    "rank_b",
    "mutual_best",
    "share_of_best_a",
    "share_of_best_b",
    "min_length",
    "cross_language",
    "similarity_cross_language",
    "paragraph_cosine",
    "paragraph_cosine_cross_language",
    "embedding_cosine",
    "opening_names_matter",
];

/// Number of pair features.
pub const FEATURE_COUNT: usize = 28;

/// Index of `cross_language` in [`FEATURE_NAMES`]: 1 when the two claims are in two languages.
pub const CROSS_LANGUAGE: usize = 22;

/// Index of `embedding_cosine` in [`FEATURE_NAMES`].
pub const EMBEDDING_COSINE: usize = 26;

/// One candidate pair with its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Claim index on side `a`.
    pub a: usize,
    /// Claim index on side `b`.
    pub b: usize,
    /// Feature values, named by [`FEATURE_NAMES`].
    pub features: [f32; FEATURE_COUNT],
    /// The sentence vectors' cosine with each Russian claim's English gloss in place of its own
    /// text ([`ClaimFeatures::gloss_embedding`]): `embedding_cosine` for a model's
    /// cross-language stages.
    pub gloss_cosine: f32,
}

/// Whether a comparison is across languages: most of its candidate pairs are (the model's
/// decision rule for it, [`PairModel::rule`]).
#[must_use]
pub fn across_languages(scored: &[Candidate]) -> bool {
    scored.iter().filter(|c| c.is_cross_language()).count() * 2 > scored.len()
}

impl Candidate {
    /// Whether the two claims are in two languages (the model scores such pairs with its
    /// cross-language stages, where it has them).
    #[must_use]
    pub fn is_cross_language(&self) -> bool {
        self.features[CROSS_LANGUAGE] > 0.5
    }

    /// The features a model's cross-language stages read: these, with the gloss cosine as
    /// `embedding_cosine`.
    #[must_use]
    pub fn cross_features(&self) -> [f32; FEATURE_COUNT] {
        let mut x = self.features;
        x[EMBEDDING_COSINE] = self.gloss_cosine;
        x
    }

    /// The features `model` reads for this pair: [`Candidate::cross_features`] where its
    /// cross-language stages score the pair, else [`Candidate::features`].
    #[must_use]
    pub fn features_for(&self, model: &PairModel) -> [f32; FEATURE_COUNT] {
        if self.is_cross_language() && model.cross_language.is_some() {
            self.cross_features()
        } else {
            self.features
        }
    }
}

/// Readouts with at most this many claim pairs score every pair; longer ones use the index.
const ALL_PAIRS_LIMIT: usize = 40_000;

/// Candidates kept per claim of `a` on long readouts (best partial similarity first).
const CANDIDATES_PER_CLAIM: usize = 12;

/// Computes matches between the claims of `a` and `b`.
///
/// `texts_a` gives the text of each claim of `a` (a link's evidence quotes the words the two
/// claims share as `a` writes them). `topic_ids` names the taxonomy's topics by index;
/// `event_topic` is the index of the topic for the call itself, whose vocabulary (format, tone)
/// every readout shares and so earns no concept term or topic agreement.
#[must_use]
pub fn align(
    a: &[ClaimFeatures],
    texts_a: &[&str],
    b: &[ClaimFeatures],
    topics: &TopicNames<'_>,
    model: &PairModel,
    opts: &AlignOptions,
) -> Vec<Link> {
    let scored = candidates(a, b, topics.ids, topics.event, opts);
    let (threshold, max_links) = model.rule(across_languages(&scored));
    let threshold = opts.threshold.unwrap_or(threshold);
    let paragraphs = |claims: &[ClaimFeatures]| claims.iter().map(|c| c.paragraph).collect();
    let (para_a, para_b): (Vec<usize>, Vec<usize>) = (paragraphs(a), paragraphs(b));
    let (own, probs) = staged_probabilities(&scored, model, &para_a, &para_b);
    let kept = decide(&scored, &probs, threshold, max_links, a.len(), b.len());
    let mut links: Vec<Link> = kept
        .into_par_iter()
        .map(|k| {
            let c = &scored[k];
            Link {
                a: c.a,
                b: c.b,
                score: (probs[k] * 1000.0).round() / 1000.0,
                own_score: (own[k] * 1000.0).round() / 1000.0,
                evidence: evidence(&a[c.a], texts_a[c.a], &b[c.b], c, probs[k], topics),
            }
        })
        .collect();
    links.sort_by_key(|l| (l.a, l.b));
    links
}

/// The model's probability for each candidate: the first stage's, or where the model has a second
/// stage, that stage's over the pair features and the first stage's [`neighbour_support`].
/// `para_a` and `para_b` give each claim's paragraph.
#[must_use]
pub fn probabilities(
    scored: &[Candidate],
    model: &PairModel,
    para_a: &[usize],
    para_b: &[usize],
) -> Vec<f32> {
    staged_probabilities(scored, model, para_a, para_b).1
}

/// The first stage's probabilities and the model's ([`probabilities`]).
fn staged_probabilities(
    scored: &[Candidate],
    model: &PairModel,
    para_a: &[usize],
    para_b: &[usize],
) -> (Vec<f32>, Vec<f32>) {
    let first: Vec<f32> = scored
        .par_iter()
        .map(|c| model.first_stage(&c.features_for(model), c.is_cross_language()))
        .collect();
    if model.context.is_none() && model.cross_language.is_none() {
        return (first.clone(), first);
    }
    let support = neighbour_support(scored, &first, para_a, para_b);
    let last = scored
        .par_iter()
        .zip(&support)
        .zip(&first)
        .map(
            |((c, &s), &p)| match model.context_stage(c.is_cross_language()) {
                Some(stage) => stage.probability(&c.features_for(model), &[s]),
                None => p,
            },
        )
        .collect();
    (first, last)
}

/// Claims at most this far apart in one paragraph are each other's paragraph mates.
const MATE_WINDOW: usize = 2;

/// For each candidate, the best probability (`probs`) of a pair that one of its claims makes with
/// a paragraph mate of the other: a sentence whose neighbour gives an account of a matter often
/// gives part of it. `para_a` and `para_b` give each claim's paragraph.
#[must_use]
pub fn neighbour_support(
    scored: &[Candidate],
    probs: &[f32],
    para_a: &[usize],
    para_b: &[usize],
) -> Vec<f32> {
    // Candidates come ordered by their claims (`candidates`), so a pair is found by bisection.
    debug_assert!(
        scored
            .windows(2)
            .all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b))
    );
    let of = |a: usize, b: usize| {
        scored
            .binary_search_by_key(&(a, b), |c| (c.a, c.b))
            .ok()
            .map(|k| probs[k])
    };
    scored
        .par_iter()
        .map(|c| {
            let via_a = mates(c.a, para_a).filter_map(|k| of(k, c.b));
            let via_b = mates(c.b, para_b).filter_map(|k| of(c.a, k));
            via_a.chain(via_b).fold(0.0, f32::max)
        })
        .collect()
}

/// The claims at most [`MATE_WINDOW`] from claim `i` in its paragraph (`para`: each claim's).
fn mates(i: usize, para: &[usize]) -> impl Iterator<Item = usize> + '_ {
    (i.saturating_sub(MATE_WINDOW)..(i + MATE_WINDOW + 1).min(para.len()))
        .filter(move |&k| k != i && para[k] == para[i])
}

/// Evidence of a link between two copies of one sentence.
pub const SAME_SENTENCE: &str = "the same sentence on both sides";

/// Fewest words a sentence needs for its copies to be linked whatever the model says: shorter
/// ones ("Thank you.") say too little to be one point.
const IDENTICAL_MIN_WORDS: usize = 3;

/// A sentence folded for comparing copies: lower case, words only, single spaces.
fn folded(text: &str) -> String {
    if text.is_ascii() {
        folded_ascii(text)
    } else {
        folded_any(text)
    }
}

/// [`folded`] of any text, a character at a time.
fn folded_any(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if crate::lexicon::is_word_char(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

/// [`folded`] of ASCII text, a byte at a time.
fn folded_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    }
    out
}

/// Links copies of one sentence (identical once case, punctuation and spacing are folded) on the
/// two sides, whatever the model said: the first copy on side `a` with the first on side `b`,
/// the second with the second, and so on. A link the model already made gets probability 1 and
/// this evidence first. Returns the links ordered by (a, b).
#[must_use]
pub fn link_identical(links: Vec<Link>, a: &[&str], b: &[&str]) -> Vec<Link> {
    merge_identical(links, &identical_pairs(a, b))
}

/// The copies [`link_identical`] links, `(a, b)` ordered by `a`: they depend on the texts
/// alone, so a long comparison finds them while its claims are aligned.
#[must_use]
pub fn identical_pairs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    // Folding is most of the work on long readouts: both sides are folded at once.
    let (keys_a, keys_b): (Vec<String>, Vec<String>) = rayon::join(
        || a.par_iter().map(|t| folded(t)).collect(),
        || b.par_iter().map(|t| folded(t)).collect(),
    );
    let mut copies_b: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (j, key) in keys_b.into_iter().enumerate() {
        if key.split(' ').count() >= IDENTICAL_MIN_WORDS {
            copies_b.entry(key).or_default().push_back(j);
        }
    }
    if copies_b.is_empty() {
        return Vec::new();
    }
    keys_a
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            copies_b
                .get_mut(key)
                .and_then(std::collections::VecDeque::pop_front)
                .map(|j| (i, j))
        })
        .collect()
}

/// [`link_identical`] of copies found already ([`identical_pairs`]).
#[must_use]
pub fn merge_identical(mut links: Vec<Link>, copies: &[(usize, usize)]) -> Vec<Link> {
    if copies.is_empty() {
        return links;
    }
    let mut known: HashMap<(usize, usize), usize> = links
        .iter()
        .enumerate()
        .map(|(k, l)| ((l.a, l.b), k))
        .collect();
    for &(i, j) in copies {
        match known.get(&(i, j)) {
            Some(&k) => {
                let link = &mut links[k];
                link.score = 1.0;
                link.own_score = 1.0;
                link.evidence.retain(|e| !e.starts_with("probability "));
                link.evidence.insert(0, SAME_SENTENCE.to_string());
            }
            None => {
                known.insert((i, j), links.len());
                links.push(Link {
                    a: i,
                    b: j,
                    score: 1.0,
                    own_score: 1.0,
                    evidence: vec![SAME_SENTENCE.to_string()],
                });
            }
        }
    }
    links.sort_by_key(|l| (l.a, l.b));
    links
}

/// What the aligner needs to know of the taxonomy: topic ids and labels by index, and which one
/// is the call itself.
#[derive(Debug, Clone, Copy)]
pub struct TopicNames<'a> {
    /// Topic ids by index.
    pub ids: &'a [String],
    /// Topic labels by index.
    pub labels: &'a [String],
    /// The topic of the call itself.
    pub event: Option<usize>,
}

/// Probability from which a link stands although one of its claims reads as a list of matters:
/// two sentences that alike are both lists, one of them missed by the role rules.
const AGENDA_OVERRIDE: f32 = 0.9;

/// Index of the `one_agenda` feature: one claim of the pair only lists matters.
const ONE_AGENDA: usize = 12;

/// Keeps the candidates (indices into `scored`) whose probability reaches `threshold` and that
/// are among the best `max_links` of both their claims. A sentence that only lists the matters
/// discussed is never linked to the other side's account of one of them (the annotation rule):
/// it links to the other side's list, if any.
#[must_use]
pub fn decide(
    scored: &[Candidate],
    probs: &[f32],
    threshold: f32,
    max_links: usize,
    na: usize,
    nb: usize,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scored.len())
        .into_par_iter()
        .filter(|&k| {
            probs[k] >= threshold
                && (scored[k].features[ONE_AGENDA] < 0.5 || probs[k] >= AGENDA_OVERRIDE)
        })
        .collect();
    // A total order (no two candidates share their claims), so sorting on all cores gives the
    // same list.
    order.par_sort_by(|&x, &y| {
        probs[y]
            .total_cmp(&probs[x])
            .then(scored[x].a.cmp(&scored[y].a))
            .then(scored[x].b.cmp(&scored[y].b))
    });
    let (mut count_a, mut count_b) = (vec![0usize; na], vec![0usize; nb]);
    order.retain(|&k| {
        let (i, j) = (scored[k].a, scored[k].b);
        let keep = count_a[i] < max_links && count_b[j] < max_links;
        if keep {
            count_a[i] += 1;
            count_b[j] += 1;
        }
        keep
    });
    order.sort_unstable();
    order
}

/// The candidate pairs of two readouts with their features, ordered by (a, b).
#[must_use]
#[expect(
    clippy::too_many_lines,
    reason = "one pass per stage of candidate search, each named by a comment"
)]
pub fn candidates(
    a: &[ClaimFeatures],
    b: &[ClaimFeatures],
    topic_ids: &[String],
    event_topic: Option<usize>,
    opts: &AlignOptions,
) -> Vec<Candidate> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut kinds: Vec<(TermKind, bool)> = Vec::new();
    let concepts: Vec<String> = topic_ids.iter().map(|id| format!("@{id}")).collect();
    let bags_a: Vec<Vec<(u32, f32)>> = a
        .iter()
        .map(|c| bag(c, &concepts, event_topic, opts, &mut vocab, &mut kinds))
        .collect();
    let bags_b: Vec<Vec<(u32, f32)>> = b
        .iter()
        .map(|c| bag(c, &concepts, event_topic, opts, &mut vocab, &mut kinds))
        .collect();

    // Document frequency over both readouts; a term's idf rewards what few claims share.
    let mut df = vec![0u32; vocab.len()];
    for bag in bags_a.iter().chain(&bags_b) {
        for &(t, _) in bag {
            df[t as usize] += 1;
        }
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "claim counts are far below 2^24"
    )]
    let n = (bags_a.len() + bags_b.len()).max(1) as f32;
    #[expect(
        clippy::cast_precision_loss,
        reason = "document frequencies are claim counts, far below 2^24"
    )]
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (1.0 + n / d.max(1) as f32).ln())
        .collect();
    let vecs_a: Vec<Vector> = bags_a.iter().map(|bag| vectorise(bag, &idf)).collect();
    let vecs_b: Vec<Vector> = bags_b.iter().map(|bag| vectorise(bag, &idf)).collect();
    // A readout gives one matter a paragraph; the paragraphs' terms say what the matter is when a
    // sentence alone ("This must be done through…") does not.
    let (para_a, para_of_a) = paragraph_vectors(a, &vecs_a, vocab.len());
    let (para_b, para_of_b) = paragraph_vectors(b, &vecs_b, vocab.len());

    let pairs: Vec<(usize, usize)> = if a.len() * b.len() <= ALL_PAIRS_LIMIT {
        (0..a.len())
            .flat_map(|i| (0..b.len()).map(move |j| (i, j)))
            .collect()
    } else {
        indexed_pairs(&vecs_a, &vecs_b, &df, n)
    };
    let sims: Vec<Similarity> = pairs
        .par_iter()
        .map_init(
            || Scattered::new(df.len()),
            |scattered, &(i, j)| similarity(scattered.shared(i, &vecs_a[i], &vecs_b[j]), &kinds),
        )
        .collect();

    // Each pair's rank among its claims' candidates, and the best similarity of each claim.
    let (rank_a, rank_b) = rayon::join(
        || ranks(&pairs, &sims, |p| p.0, a.len()),
        || ranks(&pairs, &sims, |p| p.1, b.len()),
    );
    let mut best_a = vec![0.0f32; a.len()];
    let mut best_b = vec![0.0f32; b.len()];
    for (&(i, j), s) in pairs.iter().zip(&sims) {
        best_a[i] = best_a[i].max(s.combined);
        best_b[j] = best_b[j].max(s.combined);
    }
    let terms = df.len();
    // Each claim's squared norms of topic and context scores, taken by all its pairs.
    let topic_norms = |claims: &[ClaimFeatures]| -> Vec<(f32, f32)> {
        claims
            .iter()
            .map(|c| {
                (
                    topic_norm2(&c.topic_scores, event_topic),
                    topic_norm2(&c.context_scores, event_topic),
                )
            })
            .collect()
    };
    let (topic_norms_a, topic_norms_b) = (topic_norms(a), topic_norms(b));
    pairs
        .par_iter()
        .zip(&sims)
        .enumerate()
        .map_init(
            || Scattered::new(terms),
            |scattered, (k, (&(i, j), s))| {
                let (x, y) = (&a[i], &b[j]);
                let role_pair = |role: Role| {
                    let (p, q) = (x.role == role, y.role == role);
                    (f32::from(u8::from(p && q)), f32::from(u8::from(p != q)))
                };
                let (both_opening, one_opening) = role_pair(Role::Opening);
                let (both_agenda, one_agenda) = role_pair(Role::Agenda);
                let (both_tone, one_tone) = role_pair(Role::Tone);
                let same_topic = x.topic.is_some() && x.topic == y.topic && x.topic != event_topic;
                let cross = f32::from(u8::from(x.cyrillic != y.cyrillic));
                let (pa, pb) = (&para_a[para_of_a[i]], &para_b[para_of_b[j]]);
                let para_cos = if pa.norm2 > 0.0 && pb.norm2 > 0.0 {
                    scattered.dot(para_of_a[i], pa, pb) / (pa.norm2 * pb.norm2).sqrt()
                } else {
                    0.0
                };
                #[expect(clippy::cast_precision_loss, reason = "small counts")]
                let features = [
                    s.combined,
                    s.cosine,
                    s.overlap,
                    s.names.min(3.0),
                    s.numbers.min(3.0),
                    s.words.min(6.0),
                    topic_cosine(
                        (&x.topic_scores, topic_norms_a[i].0),
                        (&y.topic_scores, topic_norms_b[j].0),
                        event_topic,
                    ),
                    topic_cosine(
                        (&x.context_scores, topic_norms_a[i].1),
                        (&y.context_scores, topic_norms_b[j].1),
                        event_topic,
                    ),
                    f32::from(u8::from(same_topic)),
                    both_opening,
                    one_opening,
                    both_agenda,
                    one_agenda,
                    both_tone,
                    one_tone,
                    (x.position - y.position).abs(),
                    1.0 / rank_a[k] as f32,
                    1.0 / rank_b[k] as f32,
                    f32::from(u8::from(
                        rank_a[k] == 1 && rank_b[k] == 1 && s.combined > 0.0,
                    )),
                    share(s.combined, best_a[i]),
                    share(s.combined, best_b[j]),
                    (1.0 + x.terms.len().min(y.terms.len()) as f32).ln(),
                    cross,
                    s.combined * cross,
                    para_cos,
                    para_cos * cross,
                    crate::embed::cosine(x.embedding.as_ref(), y.embedding.as_ref()),
                    f32::from(u8::from(
                        one_opening > 0.5 && (x.opening_names_matter || y.opening_names_matter),
                    )),
                ];
                Candidate {
                    a: i,
                    b: j,
                    // Without a gloss vector on either side (every claim, for a model without
                    // cross-language stages) it is the text's cosine, already computed.
                    gloss_cosine: if x.gloss_embedding.is_some() || y.gloss_embedding.is_some() {
                        crate::embed::cosine(
                            x.gloss_embedding.as_ref().or(x.embedding.as_ref()),
                            y.gloss_embedding.as_ref().or(y.embedding.as_ref()),
                        )
                    } else {
                        features[EMBEDDING_COSINE]
                    },
                    features,
                }
            },
        )
        .collect()
}

/// One vector laid out by term ([`Scattered::dot`]): the candidates of one claim, ordered by
/// claim, take its paragraph's vector against many others, and a lookup per term of the other
/// beats walking both sorted lists (paragraph vectors are long).
struct Scattered {
    weights: Vec<f32>,
    /// Which vector each weight is of (its key plus one), so nothing needs clearing.
    owner: Vec<usize>,
    current: usize,
}

impl Scattered {
    fn new(terms: usize) -> Self {
        Scattered {
            weights: vec![0.0; terms],
            owner: vec![0; terms],
            current: 0,
        }
    }

    /// The dot product of `x` (known by `key`) and `y`: the products of their shared terms
    /// summed in term order, in term order.
    fn dot(&mut self, key: usize, x: &Vector, y: &Vector) -> f32 {
        self.shared(key, x, y).2.map(|(_, p, q)| p * q).sum()
    }

    /// The terms `x` (known by `key`) and `y` share, in term order, with the two
    /// vectors.
    fn shared<'v>(
        &'v mut self,
        key: usize,
        x: &'v Vector,
        y: &'v Vector,
    ) -> (
        &'v Vector,
        &'v Vector,
        impl Iterator<Item = (u32, f32, f32)> + 'v,
    ) {
        if self.current != key + 1 {
            self.current = key + 1;
            for &(t, w) in &x.entries {
                self.weights[t as usize] = w;
                self.owner[t as usize] = self.current;
            }
        }
        let this = &*self;
        let terms = y
            .entries
            .iter()
            .filter(move |&&(t, _)| this.owner[t as usize] == this.current)
            .map(move |&(t, w)| (t, this.weights[t as usize], w));
        (x, y, terms)
    }
}

/// The summed term vector of each paragraph, and each claim's index into them (`terms`: the
/// size of the vocabulary).
fn paragraph_vectors(
    claims: &[ClaimFeatures],
    vecs: &[Vector],
    terms: usize,
) -> (Vec<Vector>, Vec<usize>) {
    let mut out: Vec<Vector> = Vec::new();
    let mut index = Vec::with_capacity(claims.len());
    let mut current: Option<usize> = None;
    // The paragraph's sums laid out by term, and the terms it has, in the order first met.
    let mut acc = vec![0.0f32; terms];
    let mut present = vec![false; terms];
    let mut touched: Vec<u32> = Vec::new();
    let flush =
        |acc: &mut [f32], present: &mut [bool], touched: &mut Vec<u32>, out: &mut Vec<Vector>| {
            touched.sort_unstable();
            let entries: Vec<(u32, f32)> = touched
                .iter()
                .map(|&t| (t, std::mem::take(&mut acc[t as usize])))
                .collect();
            for &t in touched.iter() {
                present[t as usize] = false;
            }
            touched.clear();
            let norm2 = entries.iter().map(|&(_, w)| w * w).sum();
            out.push(Vector { entries, norm2 });
        };
    for (c, v) in claims.iter().zip(vecs) {
        if current.is_some_and(|p| p != c.paragraph) {
            flush(&mut acc, &mut present, &mut touched, &mut out);
        }
        current = Some(c.paragraph);
        index.push(out.len());
        for &(t, w) in &v.entries {
            if !present[t as usize] {
                present[t as usize] = true;
                touched.push(t);
            }
            acc[t as usize] += w;
        }
    }
    if current.is_some() {
        flush(&mut acc, &mut present, &mut touched, &mut out);
    }
    (out, index)
}

fn share(s: f32, best: f32) -> f32 {
    if best > 0.0 { s / best } else { 0.0 }
}

/// 1-based rank of each pair among the pairs of the same claim (`key` picks the claim), by
/// similarity, ties by position.
fn ranks(
    pairs: &[(usize, usize)],
    sims: &[Similarity],
    key: impl Fn(&(usize, usize)) -> usize + Sync,
    n: usize,
) -> Vec<usize> {
    // The pairs grouped by claim in one array (`starts[c]..starts[c + 1]` holds claim `c`'s),
    // each group in pair order.
    let mut starts = vec![0usize; n + 1];
    for p in pairs {
        starts[key(p) + 1] += 1;
    }
    for c in 0..n {
        starts[c + 1] += starts[c];
    }
    // Each entry carries its score, so sorting compares without looking back into `sims`.
    let mut next = starts.clone();
    let mut grouped = vec![(0.0f32, 0usize); pairs.len()];
    for (k, p) in pairs.iter().enumerate() {
        let c = key(p);
        grouped[next[c]] = (sims[k].combined, k);
        next[c] += 1;
    }
    let mut rank = vec![0usize; pairs.len()];
    for c in 0..n {
        let list = &mut grouped[starts[c]..starts[c + 1]];
        list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (r, &(_, k)) in list.iter().enumerate() {
            rank[k] = r + 1;
        }
    }
    rank
}

/// Candidate pairs from an inverted index over `b`, skipping terms too common to tell claims
/// apart (indexing them would make the work quadratic): the best few of each claim of `a` by
/// the dot product over indexed terms, ordered by (a, b).
fn indexed_pairs(vecs_a: &[Vector], vecs_b: &[Vector], df: &[u32], n: f32) -> Vec<(usize, usize)> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small positive"
    )]
    let max_df = (2.0 * n.sqrt()).clamp(40.0, 200.0) as u32;
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); df.len()];
    for (j, v) in vecs_b.iter().enumerate() {
        for &(t, w) in &v.entries {
            if df[t as usize] <= max_df {
                #[expect(clippy::cast_possible_truncation, reason = "claim counts fit in u32")]
                postings[t as usize].push((j as u32, w));
            }
        }
    }
    // Each claim of side `a` on its own; the cores share them, each with its accumulator.
    let best_of =
        |(acc, touched_kept): &mut (Vec<f32>, Vec<u32>), i: usize| -> Vec<(usize, usize)> {
            // The accumulator as a plain slice and the touched list as a local: behind `&mut` the
            // inner loop would reload the slice's length and store the list's on every push.
            let acc = acc.as_mut_slice();
            let mut touched = std::mem::take(touched_kept);
            for &(t, w) in &vecs_a[i].entries {
                for &(j, wb) in &postings[t as usize] {
                    let sum = &mut acc[j as usize];
                    if *sum == 0.0 {
                        touched.push(j);
                    }
                    *sum += w * wb;
                }
            }
            let best = best_few(touched.iter().map(|&j| (acc[j as usize], j as usize)));
            for &j in &touched {
                acc[j as usize] = 0.0;
            }
            touched.clear();
            *touched_kept = touched;
            // Ordered by claim, so the claims' lists together are ordered by pair.
            let mut pairs: Vec<(usize, usize)> = best.iter().map(|&(_, j)| (i, j)).collect();
            pairs.sort_unstable();
            pairs.dedup();
            pairs
        };
    (0..vecs_a.len())
        .into_par_iter()
        .map_init(|| (vec![0.0f32; vecs_b.len()], Vec::new()), best_of)
        .flatten_iter()
        .collect()
}

/// The best [`CANDIDATES_PER_CLAIM`] of `(score, claim)` entries, best first (highest score by
/// `f32::total_cmp`, then lowest claim): what sorting them all and keeping the head gives.
/// (An entry listed twice may take two places, as it would in the sorted list.)
fn best_few(scored: impl Iterator<Item = (f32, usize)>) -> Vec<(f32, usize)> {
    let best_first = |x: &(f32, usize), y: &(f32, usize)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
    let mut best: Vec<(f32, usize)> = Vec::with_capacity(CANDIDATES_PER_CLAIM + 1);
    // Once the list is full, most entries fall below its last score at one comparison (a score
    // below it by `<` is below it by `total_cmp` too).
    let mut floor = f32::NEG_INFINITY;
    for entry in scored {
        if entry.0 < floor {
            continue;
        }
        if best.len() == CANDIDATES_PER_CLAIM {
            if best_first(&entry, &best[CANDIDATES_PER_CLAIM - 1]).is_ge() {
                continue;
            }
            best.pop();
        }
        let at = best.partition_point(|kept| best_first(kept, &entry).is_lt());
        best.insert(at, entry);
        if best.len() == CANDIDATES_PER_CLAIM {
            floor = best[CANDIDATES_PER_CLAIM - 1].0;
        }
    }
    best
}

/// A claim's weighted term vector, sorted by term id, with its squared norm.
struct Vector {
    entries: Vec<(u32, f32)>,
    norm2: f32,
}

/// How two claims' terms compare.
#[derive(Debug, Clone, Copy, Default)]
struct Similarity {
    /// The mean of cosine and (floored) overlap coefficient.
    combined: f32,
    cosine: f32,
    overlap: f32,
    /// Shared names (prior weight ≥ 0.5, so not the principals' own names).
    names: f32,
    /// Shared numbers.
    numbers: f32,
    /// Shared ordinary words (prior weight ≥ 0.5).
    words: f32,
}

/// A claim's terms with their prior weights, plus one concept term per topic it names (`concepts`:
/// each topic's key, `@` and its id); records
/// each new term's kind (and whether it is a topic concept) in `kinds`.
fn bag(
    claim: &ClaimFeatures,
    concepts: &[String],
    event_topic: Option<usize>,
    opts: &AlignOptions,
    vocab: &mut HashMap<String, u32>,
    kinds: &mut Vec<(TermKind, bool)>,
) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(claim.terms.len() + 2);
    let mut intern = |key: &str, kind: TermKind, concept: bool| -> u32 {
        if let Some(&id) = vocab.get(key) {
            return id;
        }
        #[expect(clippy::cast_possible_truncation, reason = "vocabulary fits in u32")]
        let id = vocab.len() as u32;
        vocab.insert(key.to_string(), id);
        kinds.push((kind, concept));
        id
    };
    for term in &claim.terms {
        let boost = match term.kind {
            TermKind::Word => 1.0,
            TermKind::Entity => 1.2,
            TermKind::Number => 1.3,
        };
        out.push((intern(&term.key, term.kind, false), term.weight * boost));
    }
    for &(t, s) in claim
        .topic_scores
        .iter()
        .filter(|&&(t, _)| Some(t) != event_topic)
    {
        out.push((
            intern(&concepts[t], TermKind::Word, true),
            opts.concept_weight * s.min(2.0),
        ));
    }
    out.sort_by_key(|&(t, _)| t);
    // Merge repeats: the first mention counts fully, repeats add a little.
    let mut merged: Vec<(u32, f32)> = Vec::with_capacity(out.len());
    for (t, w) in out {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.1 = last.1.max(w) + 0.2 * w.min(last.1),
            _ => merged.push((t, w)),
        }
    }
    merged
}

fn vectorise(bag: &[(u32, f32)], idf: &[f32]) -> Vector {
    let entries: Vec<(u32, f32)> = bag.iter().map(|&(t, w)| (t, w * idf[t as usize])).collect();
    let norm2 = entries.iter().map(|&(_, w)| w * w).sum::<f32>();
    Vector { entries, norm2 }
}

/// Smallest squared norm the overlap coefficient divides by: about two informative words.
const OVERLAP_FLOOR: f32 = 6.0;

/// Similarity of two claims. The combined figure is the mean of cosine and overlap coefficient, so
/// a short claim whose point is contained in a long one (as one side often packs several points
/// into a sentence) still scores well.
fn similarity(
    (x, y, shared): (&Vector, &Vector, impl Iterator<Item = (u32, f32, f32)>),
    kinds: &[(TermKind, bool)],
) -> Similarity {
    let mut out = Similarity::default();
    let mut d = 0.0f32;
    for (t, wx, wy) in shared {
        d += wx * wy;
        let (kind, concept) = kinds[t as usize];
        // Prior weights below 0.5 mark principals' names, party names and reporting verbs; after
        // idf they stay small, so a plain cut on the raw product is enough.
        if concept || wx.min(wy) < 0.5 {
            continue;
        }
        match kind {
            TermKind::Entity => out.names += 1.0,
            TermKind::Number => out.numbers += 1.0,
            TermKind::Word => out.words += 1.0,
        }
    }
    if d <= 0.0 {
        return out;
    }
    out.cosine = d / (x.norm2 * y.norm2).sqrt();
    // A claim with almost no content (names and reporting verbs only) would be "contained" in
    // anything; the floor keeps it from overlapping by default.
    out.overlap = (d / x.norm2.min(y.norm2).max(OVERLAP_FLOOR)).min(1.0);
    out.combined = 0.5 * (out.cosine + out.overlap);
    out
}

/// The squared norm of a sparse topic-score vector, leaving out the call's own topic.
fn topic_norm2(x: &[(usize, f32)], event_topic: Option<usize>) -> f32 {
    x.iter()
        .filter(|&&(t, _)| Some(t) != event_topic)
        .map(|&(_, s)| s * s)
        .sum()
}

/// Cosine of two sparse topic-score vectors, leaving out the call's own topic; `nx` and `ny`
/// are their [`topic_norm2`].
fn topic_cosine(
    (x, nx): (&[(usize, f32)], f32),
    (y, ny): (&[(usize, f32)], f32),
    event_topic: Option<usize>,
) -> f32 {
    let keep = |&&(t, _): &&(usize, f32)| Some(t) != event_topic;
    if nx <= 0.0 || ny <= 0.0 {
        return 0.0;
    }
    let mut d = 0.0;
    for &(t, s) in x.iter().filter(keep) {
        if let Some(&(_, r)) = y.iter().find(|&&(u, _)| u == t) {
            d += s * r;
        }
    }
    d / (nx * ny).sqrt()
}

/// What decided a link, in words, strongest first: the roles that pair the two claims, the
/// matter they share, the names, numbers and words they share, and the model's probability.
/// `text_x` is the text of claim `x`.
fn evidence(
    x: &ClaimFeatures,
    text_x: &str,
    y: &ClaimFeatures,
    c: &Candidate,
    probability: f32,
    topics: &TopicNames<'_>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    match (x.role, y.role) {
        (Role::Opening, Role::Opening) => out.push("both report the call itself".to_string()),
        (Role::Tone, Role::Tone) => out.push("both give the tone of the call".to_string()),
        (Role::Agenda, Role::Agenda) => {
            out.push("both list the matters discussed".to_string());
        }
        _ => {}
    }
    if let Some(t) = x
        .topic
        .filter(|&t| Some(t) != topics.event && x.topic == y.topic)
    {
        out.push(format!("same matter: {}", topics.labels[t]));
    }
    let shared_terms = shared_surfaces(x, text_x, y);
    if !shared_terms.is_empty() {
        out.push(format!("shared: {}", shared_terms.join(", ")));
    }
    let topic_cos = c.features[6].max(c.features[7]);
    if shared_terms.is_empty() && topic_cos > 0.5 && x.topic != y.topic {
        out.push("related topic words".to_string());
    }
    out.push(format!("probability {probability:.2}"));
    out
}

/// Names, numbers and content words both claims use (by folded key), names and numbers first,
/// at most six, as the `a` claim `x`, whose text is `text_x`, writes them.
fn shared_surfaces(x: &ClaimFeatures, text_x: &str, y: &ClaimFeatures) -> Vec<String> {
    let rank = |t: &Term| match t.kind {
        TermKind::Number => 0,
        TermKind::Entity => 1,
        TermKind::Word => 2,
    };
    let keys_y = KeyProbe::keys(&y.terms);
    let shared = |t: &Term| {
        let probe = KeyProbe::of(&t.key);
        keys_y.iter().any(|&(k, p)| probe.same(&t.key, p, k))
    };
    let mut found: Vec<&Term> = x
        .terms
        .iter()
        .filter(|t| t.weight >= 0.5 && shared(t))
        .collect();
    found.sort_by_key(|t| rank(t));
    let mut out: Vec<String> = Vec::new();
    for t in found {
        let surface = t.surface(text_x);
        if out.iter().any(|o| o.eq_ignore_ascii_case(surface)) {
            continue;
        }
        out.push(surface.to_string());
        if out.len() == 6 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms two vectors share, with both weights.
    fn shared<'v>(x: &'v Vector, y: &'v Vector) -> impl Iterator<Item = (u32, f32, f32)> + 'v {
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < x.entries.len() && j < y.entries.len() {
                let (tx, wx) = x.entries[i];
                let (ty, wy) = y.entries[j];
                match tx.cmp(&ty) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some((tx, wx, wy));
                    }
                }
            }
            None
        })
    }

    #[test]
    fn scattered_vectors_share_terms_as_the_sorted_lists_do() {
        // Vectors with overlapping terms, some long; each vector of `a` taken against several of
        // `b`, and vectors taken again after others (the scattered one is laid out again).
        let vector = |seed: u32, len: u32| {
            let entries: Vec<(u32, f32)> = (0..len)
                .map(|k| {
                    (
                        (seed * 7 + k * (seed % 5 + 1)) % 97,
                        0.1 + 0.3 * [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0][(k % 7) as usize],
                    )
                })
                .collect::<std::collections::BTreeMap<u32, f32>>()
                .into_iter()
                .collect();
            let norm2 = entries.iter().map(|&(_, w)| w * w).sum();
            Vector { entries, norm2 }
        };
        let a: Vec<Vector> = (0..6).map(|s| vector(s, 3 + s * 9)).collect();
        let b: Vec<Vector> = (10..18).map(|s| vector(s, 2 + (s % 4) * 15)).collect();
        let mut scattered = Scattered::new(97);
        for i in [0, 0, 1, 2, 2, 5, 0, 3, 4, 4, 1] {
            for y in &b {
                let (_, _, got) = scattered.shared(i, &a[i], y);
                let got: Vec<(u32, f32, f32)> = got.collect();
                let want: Vec<(u32, f32, f32)> = shared(&a[i], y).collect();
                assert_eq!(got, want, "vector {i}");
                let dot = scattered.dot(i, &a[i], y);
                assert_eq!(
                    dot.to_bits(),
                    want.iter().map(|&(_, p, q)| p * q).sum::<f32>().to_bits()
                );
            }
        }
    }

    #[test]
    fn the_best_few_are_the_head_of_the_sorted_list() {
        // Scores with ties, signed zeros and a claim listed twice, in several orders and lengths.
        let scores = [
            0.5, 0.25, 0.5, 0.0, -0.0, 1.0, 0.75, 0.25, 0.125, 0.5, 2.0, 0.0, 0.75,
        ];
        for len in [0, 3, 12, 13, 40, 200] {
            for stride in [1, 7, 11] {
                let entries: Vec<(f32, usize)> = (0..len)
                    .map(|k| (scores[(k * stride) % scores.len()], (k * 31) % 17))
                    .collect();
                let mut sorted = entries.clone();
                sorted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                sorted.truncate(CANDIDATES_PER_CLAIM);
                let got = best_few(entries.iter().copied());
                let bits = |v: &[(f32, usize)]| -> Vec<(u32, usize)> {
                    v.iter().map(|&(s, j)| (s.to_bits(), j)).collect()
                };
                assert_eq!(bits(&got), bits(&sorted), "{len} entries, stride {stride}");
            }
        }
    }

    #[test]
    fn ascii_folding_is_the_general_folding() {
        for text in [
            "The U.S. and Russia's   ministers -- met (again) on July 29, 2022.",
            "  leading, trailing;  ",
            "",
            "!!!",
            "a",
            "Mixed CASE words_with_underscores and tabs\tand\nlines",
        ] {
            assert_eq!(folded_ascii(text), folded_any(text), "{text:?}");
        }
        assert_eq!(folded("Лавров’s TALK"), "лавров s talk");
        // Words of any script, split at anything else, lower-cased, joined by single spaces.
        for text in [
            "  «Лавров» — Blinken;  ИСТАНБУЛ-2 ",
            "ǅemal İstanbul ΣΟΦΊΑ",
            "—",
        ] {
            let words: Vec<String> = text
                .split(|c: char| !crate::lexicon::is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            assert_eq!(folded_any(text), words.join(" "), "{text:?}");
        }
    }
    use crate::lexicon::Lexicon;

    #[test]
    fn align_options_parse_known_keys_and_keep_defaults_for_the_rest() {
        let opts = AlignOptions::parse(" threshold = 0.6 , concept_weight=0.9,").unwrap();
        assert_eq!(opts.threshold, Some(0.6));
        assert!((opts.concept_weight - 0.9).abs() < 1e-6);
        let only = AlignOptions::parse("threshold=0.25").unwrap();
        assert_eq!(only.threshold, Some(0.25));
        assert!((only.concept_weight - AlignOptions::default().concept_weight).abs() < 1e-6);
        let empty = AlignOptions::parse("").unwrap();
        assert_eq!(empty.threshold, None);
        assert!(!empty.gloss_embedding);
        assert!(
            AlignOptions::parse("gloss_embedding=1")
                .unwrap()
                .gloss_embedding
        );
        assert!(
            !AlignOptions::parse("gloss_embedding=0")
                .unwrap()
                .gloss_embedding
        );
    }

    #[test]
    fn align_options_refuse_unknown_keys_and_malformed_values() {
        for (spec, want) in [
            ("treshold=0.6", "unknown key 'treshold'"),
            ("threshold", "'threshold' is not key=value"),
            ("threshold=high", "threshold: 'high' is not a number"),
            ("gloss_embedding=2", "gloss_embedding: 2 is not 0 or 1"),
            (
                "concept_weight=NaN",
                "concept_weight: 'NaN' is not a number",
            ),
            ("threshold=1.5", "not a probability"),
            ("concept_weight=-1", "negative"),
        ] {
            let err = AlignOptions::parse(spec).unwrap_err().to_string();
            assert!(err.contains(want), "{spec}: {err}");
            assert!(err.contains(spec), "the message quotes the spec: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }

    fn features(lex: &Lexicon, texts: &[&str], roles: &[(usize, Role)]) -> Vec<ClaimFeatures> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| ClaimFeatures {
                terms: lex.terms(t),
                role: roles
                    .iter()
                    .find(|(k, _)| *k == i)
                    .map_or(Role::Substantive, |r| r.1),
                ..ClaimFeatures::default()
            })
            .collect()
    }

    fn pairs(links: &[Link]) -> Vec<(usize, usize)> {
        links.iter().map(|l| (l.a, l.b)).collect()
    }

    fn run(a: &[ClaimFeatures], texts_a: &[&str], b: &[ClaimFeatures]) -> Vec<Link> {
        let model = PairModel::builtin(FEATURE_NAMES).unwrap();
        let topics = TopicNames {
            ids: &[],
            labels: &[],
            event: None,
        };
        align(a, texts_a, b, &topics, &model, &AlignOptions::default())
    }

    #[test]
    fn the_shipped_model_loads_and_was_trained() {
        let model = PairModel::builtin(FEATURE_NAMES).unwrap();
        assert!(model.trained_on["pairs"].as_u64().unwrap_or(0) >= 30);
        let mut strong = [0.0f32; FEATURE_COUNT];
        strong[..3].copy_from_slice(&[0.8, 0.8, 0.8]);
        strong[5..9].copy_from_slice(&[3.0, 1.0, 1.0, 1.0]);
        strong[16..22].copy_from_slice(&[1.0, 1.0, 1.0, 1.0, 1.0, 2.3]);
        strong[24] = 0.8;
        let weak = [0.0f32; FEATURE_COUNT];
        assert!(model.probability(&strong) > model.threshold);
        assert!(model.probability(&weak) < model.threshold);
    }

    #[test]
    fn a_comparison_is_across_languages_when_most_of_its_pairs_are() {
        let pair = |cross: f32| {
            let mut features = [0.0; FEATURE_COUNT];
            features[CROSS_LANGUAGE] = cross;
            Candidate {
                a: 0,
                b: 0,
                features,
                gloss_cosine: 0.0,
            }
        };
        assert!(pair(1.0).is_cross_language() && !pair(0.0).is_cross_language());
        assert!(across_languages(&[pair(1.0), pair(1.0), pair(0.0)]));
        assert!(!across_languages(&[pair(1.0), pair(0.0)]));
        assert!(!across_languages(&[]));
    }

    #[test]
    fn feature_names_and_count_agree() {
        assert_eq!(FEATURE_NAMES.len(), FEATURE_COUNT);
        assert_eq!(FEATURE_NAMES[CROSS_LANGUAGE], "cross_language");
        assert_eq!(FEATURE_NAMES[ONE_AGENDA], "one_agenda");
    }

    #[test]
    fn reordered_paraphrases_outscore_unrelated_claims_and_the_clear_one_links() {
        let lex = Lexicon::builtin().unwrap();
        let texts_a = [
            "The Secretary urged the release of the detained journalist Evan Gershkovich.",
            "He raised grain exports through the Black Sea.",
            "He warned of additional costs.",
        ];
        let a = features(&lex, &texts_a, &[]);
        let b = features(
            &lex,
            &[
                "Grain shipments from Black Sea ports were discussed.",
                "The minister said the case of Gershkovich, who was detained for espionage, is for the courts.",
                "Relations must be normalized.",
            ],
            &[],
        );
        // Every candidate with its probability (threshold near zero): each true pair is its
        // claims' best candidate by a wide margin, whatever the trained threshold.
        let model = PairModel::builtin(FEATURE_NAMES).unwrap();
        let topics = TopicNames {
            ids: &[],
            labels: &[],
            event: None,
        };
        let everything = AlignOptions {
            threshold: Some(0.001),
            ..AlignOptions::default()
        };
        let all = align(&a, &texts_a, &b, &topics, &model, &everything);
        let score = |x: usize, y: usize| {
            all.iter()
                .find(|l| (l.a, l.b) == (x, y))
                .map_or(0.0, |l| l.score)
        };
        for (x, y) in [(0, 1), (1, 0)] {
            for other in all.iter().filter(|l| (l.a == x) != (l.b == y)) {
                assert!(
                    score(x, y) > 3.0 * other.score,
                    "{x}-{y} at {} against {}-{} at {}",
                    score(x, y),
                    other.a,
                    other.b,
                    other.score
                );
            }
        }
        assert!(
            all.iter()
                .find(|l| (l.a, l.b) == (0, 1))
                .is_some_and(|l| l.evidence.iter().any(|e| e.contains("Gershkovich"))),
            "{all:?}"
        );
        // At the trained threshold, the grain pair (shared words and a place) links and no
        // unrelated pair does.
        let links = run(&a, &texts_a, &b);
        assert!(pairs(&links).contains(&(1, 0)), "{links:?}");
        assert!(
            pairs(&links).iter().all(|p| [(0, 1), (1, 0)].contains(p)),
            "{links:?}"
        );
        assert!(links.iter().all(|l| l.score >= 0.0 && l.score <= 1.0));
    }

    #[test]
    fn opening_sentences_link_to_each_other_only() {
        let lex = Lexicon::builtin().unwrap();
        let texts_a = [
            "Blinken spoke with Lavrov about Ukraine.",
            "Ukraine must be free and its borders respected.",
        ];
        let a = features(&lex, &texts_a, &[(0, Role::Opening)]);
        let b = features(
            &lex,
            &[
                "Lavrov had a phone call with Blinken.",
                "Ukraine was the main subject, and its borders were discussed at length.",
            ],
            &[(0, Role::Opening)],
        );
        let links = run(&a, &texts_a, &b);
        assert_eq!(pairs(&links), [(0, 0), (1, 1)]);
        assert_eq!(links[0].evidence[0], "both report the call itself");
    }

    #[test]
    fn copies_of_a_sentence_link_in_order_whatever_the_model_said() {
        let a = [
            "The ministers discussed grain exports.",
            "Thank you.",
            "THE MINISTERS  discussed grain exports",
            "Something else was said here.",
        ];
        let b = [
            "The ministers discussed grain exports!",
            "Thank you.",
            "The ministers discussed grain exports.",
            "Only on side b, this one.",
        ];
        let model_link = Link {
            a: 3,
            b: 3,
            score: 0.4,
            own_score: 0.4,
            evidence: vec!["probability 0.40".to_string()],
        };
        let already = Link {
            a: 0,
            b: 0,
            score: 0.7,
            own_score: 0.7,
            evidence: vec!["shared: grain".to_string(), "probability 0.70".to_string()],
        };
        let links = link_identical(vec![model_link.clone(), already], &a, &b);
        let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.a, l.b)).collect();
        assert_eq!(
            pairs,
            [(0, 0), (2, 2), (3, 3)],
            "copies in order; short ones not"
        );
        assert!((links[0].score - 1.0).abs() < f32::EPSILON);
        assert_eq!(links[0].evidence, [SAME_SENTENCE, "shared: grain"]);
        assert_eq!(links[1].evidence, [SAME_SENTENCE]);
        assert_eq!(
            links[2], model_link,
            "other links stay as the model made them"
        );
    }

    #[test]
    fn links_per_claim_are_bounded() {
        let lex = Lexicon::builtin().unwrap();
        let text = "The sides discussed grain exports from Odesa.";
        let a = features(&lex, &[text; 10], &[]);
        let b = features(&lex, &[text; 10], &[]);
        let links = run(&a, &[text; 10], &b);
        let max = PairModel::builtin(FEATURE_NAMES).unwrap().max_links;
        for i in 0..10 {
            assert!(links.iter().filter(|l| l.a == i).count() <= max);
            assert!(links.iter().filter(|l| l.b == i).count() <= max);
        }
        assert!(!links.is_empty());
    }

    #[test]
    fn long_readouts_take_candidates_from_the_index() {
        let lex = Lexicon::builtin().unwrap();
        let texts: Vec<String> = (0..300)
            .map(|i| format!("Point {i} concerns the village of Name{i} and its mayor."))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let a = features(&lex, &refs, &[]);
        let b = features(&lex, &refs, &[]);
        let got = candidates(&a, &b, &[], None, &AlignOptions::default());
        assert!(got.len() <= 300 * CANDIDATES_PER_CLAIM, "{}", got.len());
        for i in 0..300 {
            assert!(got.iter().any(|c| c.a == i && c.b == i), "claim {i}");
        }
    }

    #[test]
    fn only_a_model_s_cross_language_stages_read_the_gloss_cosine() {
        let mut features = [0.0; FEATURE_COUNT];
        features[EMBEDDING_COSINE] = 0.1;
        let mut pair = Candidate {
            a: 0,
            b: 0,
            features,
            gloss_cosine: 0.7,
        };
        assert_eq!(FEATURE_NAMES[EMBEDDING_COSINE], "embedding_cosine");
        assert!((pair.cross_features()[EMBEDDING_COSINE] - 0.7).abs() < 1e-6);
        let model = PairModel::untrained(FEATURE_NAMES);
        let read = |pair: &Candidate, model: &PairModel| pair.features_for(model)[EMBEDDING_COSINE];
        // Without cross-language stages every pair is read as it is.
        pair.features[CROSS_LANGUAGE] = 1.0;
        assert!((read(&pair, &model) - 0.1).abs() < 1e-6);
        let model = model.with_own_stages_across_languages();
        assert!((read(&pair, &model) - 0.7).abs() < 1e-6);
        // A pair in one language is still read by the model's own stages.
        pair.features[CROSS_LANGUAGE] = 0.0;
        assert!((read(&pair, &model) - 0.1).abs() < 1e-6);
    }

    #[test]
    fn decide_keeps_the_best_links_above_the_threshold() {
        let cand = |a, b| Candidate {
            a,
            b,
            features: [0.0; FEATURE_COUNT],
            gloss_cosine: 0.0,
        };
        let scored = [cand(0, 0), cand(0, 1), cand(1, 1), cand(1, 0)];
        let probs = [0.9, 0.6, 0.8, 0.3];
        assert_eq!(decide(&scored, &probs, 0.5, 1, 2, 2), [0, 2]);
        assert_eq!(decide(&scored, &probs, 0.5, 2, 2, 2), [0, 1, 2]);
        assert!(decide(&scored, &probs, 0.95, 2, 2, 2).is_empty());
    }
}
