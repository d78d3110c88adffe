//! Claims of `a` and `b` to matches: idf-weighted overlap of stemmed terms, synonyms and topic
//! concepts, entity and number boosts, topic agreement, and an opening-sentence prior.
//!
//! Scoring every pair is quadratic, so candidates come from an inverted index over terms that are
//! rare enough to be informative; only candidates are scored exactly.

use std::collections::HashMap;

use crate::lexicon::{Term, TermKind};

/// One claim as alignment sees it.
#[derive(Debug, Clone)]
pub struct ClaimFeatures {
    /// Content terms, synonyms folded.
    pub terms: Vec<Term>,
    /// Keyword evidence per topic index (`Taxonomy::score`).
    pub topic_scores: Vec<(usize, f32)>,
    /// The primary topic index, if any.
    pub topic: Option<usize>,
    /// Whether the claim reports the call or meeting itself ("X spoke with Y").
    pub is_event: bool,
}

/// Tuning of the aligner. The defaults are the calibrated ones.
#[derive(Debug, Clone, Copy)]
pub struct AlignOptions {
    /// Raw similarity at and above which two claims may match.
    pub threshold: f32,
    /// A pair must score at least this share of the best pair of one of its claims.
    pub relative: f32,
    /// Added to the similarity of two claims with the same primary topic.
    pub topic_bonus: f32,
    /// Weight of a topic-concept term relative to a word.
    pub concept_weight: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.14,
            relative: 0.7,
            topic_bonus: 0.02,
            concept_weight: 0.7,
        }
    }
}

impl AlignOptions {
    /// The defaults, overridden by `PARALLAX_ALIGN="threshold=0.3,relative=0.7,topic_bonus=0.1,concept_weight=0.7"`
    /// (a tuning aid; unknown or malformed entries are ignored).
    #[must_use]
    pub fn from_env() -> Self {
        let mut opts = Self::default();
        let Ok(spec) = std::env::var("PARALLAX_ALIGN") else {
            return opts;
        };
        for item in spec.split(',') {
            let Some((key, value)) = item.split_once('=') else {
                continue;
            };
            let Ok(value) = value.trim().parse::<f32>() else {
                continue;
            };
            match key.trim() {
                "threshold" => opts.threshold = value,
                "relative" => opts.relative = value,
                "topic_bonus" => opts.topic_bonus = value,
                "concept_weight" => opts.concept_weight = value,
                _ => {}
            }
        }
        opts
    }
}

/// A proposed link with its raw similarity and evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Claim index on side `a`.
    pub a: usize,
    /// Claim index on side `b`.
    pub b: usize,
    /// Calibrated confidence in 0..=1 (0.5 at the threshold).
    pub score: f32,
    /// Shared words and names, strongest first, then the shared topic if any.
    pub evidence: Vec<String>,
}

/// A claim's weighted term vector, sorted by term id, with its squared norm.
struct Vector {
    entries: Vec<(u32, f32)>,
    norm2: f32,
}

/// Computes matches between the claims of `a` and `b`.
///
/// `topic_ids` names the taxonomy's topics by index; `event_topic` is the index of the topic for
/// the call itself, whose vocabulary (format, tone) every readout shares and so earns no concept
/// term or topic bonus.
#[must_use]
pub fn align(
    a: &[ClaimFeatures],
    b: &[ClaimFeatures],
    topic_ids: &[String],
    event_topic: Option<usize>,
    opts: &AlignOptions,
) -> Vec<Link> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut surfaces: Vec<String> = Vec::new();
    let bags_a: Vec<Vec<(u32, f32)>> = a
        .iter()
        .map(|c| bag(c, topic_ids, event_topic, opts, &mut vocab, &mut surfaces))
        .collect();
    let bags_b: Vec<Vec<(u32, f32)>> = b
        .iter()
        .map(|c| bag(c, topic_ids, event_topic, opts, &mut vocab, &mut surfaces))
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
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (1.0 + n / d.max(1) as f32).ln())
        .collect();
    let vecs_a: Vec<Vector> = bags_a.iter().map(|bag| vectorise(bag, &idf)).collect();
    let vecs_b: Vec<Vector> = bags_b.iter().map(|bag| vectorise(bag, &idf)).collect();

    // Inverted index over b, skipping terms too common to tell claims apart: a pair that shares
    // only such terms cannot reach the threshold, and indexing them would make the work quadratic.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small positive"
    )]
    let max_df = (2.0 * n.sqrt()).clamp(40.0, 200.0) as u32;
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
    for (j, v) in vecs_b.iter().enumerate() {
        for &(t, _) in &v.entries {
            if df[t as usize] <= max_df {
                #[expect(clippy::cast_possible_truncation, reason = "claim counts fit in u32")]
                postings[t as usize].push(j as u32);
            }
        }
    }

    let mut raw: Vec<(usize, usize, f32)> = Vec::new();
    let mut seen = vec![u32::MAX; b.len()];
    let mut cands: Vec<usize> = Vec::new();
    for (i, va) in vecs_a.iter().enumerate() {
        cands.clear();
        for &(t, _) in &va.entries {
            for &j in &postings[t as usize] {
                #[expect(clippy::cast_possible_truncation, reason = "claim counts fit in u32")]
                if seen[j as usize] != i as u32 {
                    seen[j as usize] = i as u32;
                    cands.push(j as usize);
                }
            }
        }
        for &j in &cands {
            let mut s = similarity(va, &vecs_b[j]);
            if a[i].topic.is_some() && a[i].topic == b[j].topic && a[i].topic != event_topic {
                s += opts.topic_bonus;
            }
            if s >= opts.threshold * opts.relative {
                raw.push((i, j, s));
            }
        }
    }
    add_opening_link(a, b, &mut raw, opts);
    if std::env::var_os("PARALLAX_DEBUG_ALIGN").is_some() {
        for &(i, j, s) in &raw {
            eprintln!("raw a{} b{} {s:.3}", i + 1, j + 1);
        }
    }

    // Keep pairs above the threshold that come close to the best of either claim.
    let mut best_a = vec![0.0f32; a.len()];
    let mut best_b = vec![0.0f32; b.len()];
    for &(i, j, s) in &raw {
        best_a[i] = best_a[i].max(s);
        best_b[j] = best_b[j].max(s);
    }
    raw.retain(|&(i, j, s)| {
        s >= opts.threshold && s >= opts.relative * best_a[i] && s >= opts.relative * best_b[j]
    });
    keep_top_per_claim(&mut raw, a.len(), b.len());
    let mut links: Vec<Link> = raw
        .iter()
        .map(|&(i, j, s)| Link {
            a: i,
            b: j,
            score: calibrate(s, opts.threshold),
            evidence: evidence(
                &vecs_a[i],
                &vecs_b[j],
                &surfaces,
                a[i].topic == b[j].topic,
                a[i].topic,
                topic_ids,
            ),
        })
        .collect();
    links.sort_by_key(|l| (l.a, l.b));
    links.dedup_by_key(|l| (l.a, l.b));
    links
}

/// Most links one claim keeps: a sentence gives an account of at most a few points.
const MAX_LINKS_PER_CLAIM: usize = 3;

/// Keeps each pair only if it is among the best [`MAX_LINKS_PER_CLAIM`] of both its claims, so a
/// text full of near-repeats cannot produce a quadratic number of links.
fn keep_top_per_claim(raw: &mut Vec<(usize, usize, f32)>, na: usize, nb: usize) {
    raw.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    let (mut count_a, mut count_b) = (vec![0usize; na], vec![0usize; nb]);
    raw.retain(|&(i, j, _)| {
        let keep = count_a[i] < MAX_LINKS_PER_CLAIM && count_b[j] < MAX_LINKS_PER_CLAIM;
        if keep {
            count_a[i] += 1;
            count_b[j] += 1;
        }
        keep
    });
}

/// Readouts open by saying who spoke with whom: the first such sentences of the two sides match
/// each other, and link elsewhere only on strong evidence (they name everybody and everything).
fn add_opening_link(
    a: &[ClaimFeatures],
    b: &[ClaimFeatures],
    raw: &mut Vec<(usize, usize, f32)>,
    opts: &AlignOptions,
) {
    let first_event = |side: &[ClaimFeatures]| side.iter().take(2).position(|c| c.is_event);
    let (oa, ob) = (first_event(a), first_event(b));
    for entry in raw.iter_mut() {
        if (Some(entry.0) == oa) != (Some(entry.1) == ob) {
            entry.2 -= OPENING_PENALTY;
        }
    }
    let (Some(i), Some(j)) = (oa, ob) else { return };
    let floor = opts.threshold + 0.05;
    match raw.iter_mut().find(|(x, y, _)| *x == i && *y == j) {
        Some(entry) => entry.2 = entry.2.max(floor),
        None => raw.push((i, j, floor)),
    }
}

/// Taken off the similarity of an opening sentence to anything but the other opening sentence.
const OPENING_PENALTY: f32 = 0.15;

/// Maps a raw similarity to 0..=1 with 0.5 at the threshold.
fn calibrate(s: f32, threshold: f32) -> f32 {
    let p = 1.0 / (1.0 + (-(s - threshold) * 12.0).exp());
    (p * 1000.0).round() / 1000.0
}

/// A claim's terms with their prior weights, plus one concept term per topic it names.
fn bag(
    claim: &ClaimFeatures,
    topic_ids: &[String],
    event_topic: Option<usize>,
    opts: &AlignOptions,
    vocab: &mut HashMap<String, u32>,
    surfaces: &mut Vec<String>,
) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(claim.terms.len() + 2);
    let mut intern = |key: &str, surface: &str| -> u32 {
        if let Some(&id) = vocab.get(key) {
            return id;
        }
        #[expect(clippy::cast_possible_truncation, reason = "vocabulary fits in u32")]
        let id = vocab.len() as u32;
        vocab.insert(key.to_string(), id);
        surfaces.push(surface.to_string());
        id
    };
    for term in &claim.terms {
        let boost = match term.kind {
            TermKind::Word => 1.0,
            TermKind::Entity => 1.2,
            TermKind::Number => 1.3,
        };
        out.push((intern(&term.key, &term.surface), term.weight * boost));
    }
    for &(t, s) in claim
        .topic_scores
        .iter()
        .filter(|&&(t, _)| Some(t) != event_topic)
    {
        let id = &topic_ids[t];
        out.push((
            intern(&format!("@{id}"), &format!("topic {id}")),
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

/// Similarity of two claims: the mean of cosine and overlap coefficient, so a short claim whose
/// point is contained in a long one (as one side often packs several points into a sentence)
/// still scores well.
fn similarity(x: &Vector, y: &Vector) -> f32 {
    let d = dot(x, y);
    if d <= 0.0 {
        return 0.0;
    }
    let cosine = d / (x.norm2 * y.norm2).sqrt();
    // A claim with almost no content (names and reporting verbs only) would be "contained" in
    // anything; the floor keeps it from overlapping by default.
    let overlap = d / x.norm2.min(y.norm2).max(OVERLAP_FLOOR);
    0.5 * (cosine + overlap.min(1.0))
}

fn dot(x: &Vector, y: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < x.entries.len() && j < y.entries.len() {
        match x.entries[i].0.cmp(&y.entries[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += x.entries[i].1 * y.entries[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Shared terms, strongest contribution first (at most six), then the shared topic.
fn evidence(
    x: &Vector,
    y: &Vector,
    surfaces: &[String],
    same_topic: bool,
    topic: Option<usize>,
    topic_ids: &[String],
) -> Vec<String> {
    let mut shared: Vec<(f32, u32)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < x.entries.len() && j < y.entries.len() {
        match x.entries[i].0.cmp(&y.entries[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.push((x.entries[i].1 * y.entries[j].1, x.entries[i].0));
                i += 1;
                j += 1;
            }
        }
    }
    shared.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, t) in shared {
        let surface = &surfaces[t as usize];
        if surface.starts_with("topic ") || out.iter().any(|o| o.eq_ignore_ascii_case(surface)) {
            continue;
        }
        out.push(surface.clone());
        if out.len() == 6 {
            break;
        }
    }
    if let (true, Some(t)) = (same_topic, topic) {
        out.push(format!("topic: {}", topic_ids[t]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn features(lex: &Lexicon, texts: &[&str], events: &[usize]) -> Vec<ClaimFeatures> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| ClaimFeatures {
                terms: lex.terms(t),
                topic_scores: Vec::new(),
                topic: None,
                is_event: events.contains(&i),
            })
            .collect()
    }

    fn pairs(links: &[Link]) -> Vec<(usize, usize)> {
        links.iter().map(|l| (l.a, l.b)).collect()
    }

    #[test]
    fn reordered_paraphrases_link_and_unrelated_claims_do_not() {
        let lex = Lexicon::builtin().unwrap();
        let a = features(
            &lex,
            &[
                "The Secretary urged the release of the detained journalist Evan Gershkovich.",
                "He raised grain exports through the Black Sea.",
                "He warned of additional costs.",
            ],
            &[],
        );
        let b = features(
            &lex,
            &[
                "Grain shipments from Black Sea ports were discussed.",
                "The minister said the case of Gershkovich, who was detained for espionage, is for the courts.",
                "Relations must be normalized.",
            ],
            &[],
        );
        let links = align(&a, &b, &[], None, &AlignOptions::default());
        assert_eq!(pairs(&links), [(0, 1), (1, 0)]);
        assert!(links.iter().all(|l| l.score > 0.5 && l.score <= 1.0));
        assert!(
            links[0].evidence.iter().any(|e| e == "Gershkovich"),
            "{:?}",
            links[0].evidence
        );
    }

    #[test]
    fn opening_sentences_link_to_each_other_only() {
        let lex = Lexicon::builtin().unwrap();
        let a = features(
            &lex,
            &[
                "Blinken spoke with Lavrov about Ukraine.",
                "Ukraine must be free.",
            ],
            &[0],
        );
        let b = features(
            &lex,
            &[
                "Lavrov had a phone call with Blinken.",
                "Ukraine was discussed at length.",
            ],
            &[0],
        );
        let links = align(&a, &b, &[], None, &AlignOptions::default());
        assert_eq!(pairs(&links), [(0, 0), (1, 1)]);
    }

    #[test]
    fn links_per_claim_are_bounded() {
        let lex = Lexicon::builtin().unwrap();
        let text = "The sides discussed grain exports from Odesa.";
        let a = features(&lex, &[text; 10], &[]);
        let b = features(&lex, &[text; 10], &[]);
        let links = align(&a, &b, &[], None, &AlignOptions::default());
        for i in 0..10 {
            assert!(links.iter().filter(|l| l.a == i).count() <= MAX_LINKS_PER_CLAIM);
            assert!(links.iter().filter(|l| l.b == i).count() <= MAX_LINKS_PER_CLAIM);
        }
        assert!(!links.is_empty());
    }

    #[test]
    fn calibration_is_one_half_at_the_threshold_and_monotonic() {
        assert!((calibrate(0.14, 0.14) - 0.5).abs() < 1e-6);
        assert!(calibrate(0.3, 0.14) > calibrate(0.2, 0.14));
        assert!(calibrate(5.0, 0.14) <= 1.0 && calibrate(-5.0, 0.14) >= 0.0);
    }
}
