//! The whole pipeline: two readouts in, one immutable [`Comparison`] out.

use rayon::prelude::*;
use std::sync::Arc;

use crate::align::{self, AlignOptions, ClaimFeatures, FEATURE_NAMES};
use crate::error::{Error, Result};
use crate::framing::FramingLexicon;
use crate::lexicon::{Lexicon, tokenize};
use crate::model::{
    Anchor, Claim, Comparison, DiffSpan, Match, Origin, Readout, Side, SideData, TopicId, TopicRow,
};
use crate::pair_model::PairModel;
use crate::party::{self, Parties};
use crate::roles::{self, Role, RoleInput};
use crate::segment::segment;
use crate::topics::{self, FALLBACK_COLOR, FALLBACK_ID, FALLBACK_LABEL, Taxonomy};

/// Id of the taxonomy topic for the call or meeting itself, which gets the opening sentence.
pub const CALL_ID: &str = "call";

/// Id of the taxonomy topic for sentences that only list the matters discussed.
pub const AGENDA_ID: &str = "agenda";

/// The taxonomy's topic for channels of contact and dialogue: the only matter a claim that closes
/// the call ([`roles::is_closing`]) may name and still be shown with the call.
const CHANNELS_ID: &str = "communication-channels";

/// The id of the relationship as a whole, which a remark on the call's tone often names.
const RELATIONS_ID: &str = "bilateral-relations";

/// The knowledge the pipeline uses, loaded once and reused for every comparison.
#[derive(Debug, Clone)]
pub struct Engine {
    taxonomy: Taxonomy,
    lexicon: std::sync::Arc<Lexicon>,
    parties: Parties,
    model: Arc<PairModel>,
    embeddings: Arc<crate::embed::Embeddings>,
    framing: Arc<FramingLexicon>,
    /// Alignment tuning.
    pub align: AlignOptions,
    /// Run the translation check on every pair, not only on two language versions of one
    /// readout (`--translation`).
    pub translation: bool,
}

impl Engine {
    /// An engine with the built-in taxonomy, synonyms, parties and pair model, and the default
    /// [`AlignOptions`]. Reads no environment.
    ///
    /// # Errors
    /// Never with the shipped assets (tests load them); a damaged asset is named.
    pub fn builtin() -> Result<Self> {
        Self::with_options(AlignOptions::default())
    }

    /// An engine with the built-in assets and the given alignment tuning (the CLI and the app
    /// parse it from `PARALLAX_ALIGN` with [`AlignOptions::parse`]).
    ///
    /// # Errors
    /// Never with the shipped assets (tests load them); a damaged asset is named.
    pub fn with_options(align: AlignOptions) -> Result<Self> {
        Self::with_model_from(align, || PairModel::builtin(FEATURE_NAMES))
    }

    /// An engine with the built-in assets and the given alignment tuning, scoring pairs with
    /// `model` (one trained by `examples/train.rs`, loaded with [`PairModel::from_path`]); the
    /// built-in pair model is not read.
    ///
    /// # Errors
    /// Never with the shipped assets (tests load them); a damaged asset is named.
    pub fn with_options_and_model(align: AlignOptions, model: PairModel) -> Result<Self> {
        Self::with_model_from(align, || Ok(model))
    }

    /// An engine for training a pair model (`examples/train.rs`): as [`Engine::with_options`],
    /// but when the shipped model does not load — the feature list changed since it was
    /// trained — it starts from [`PairModel::untrained`], since training reads only the
    /// candidates' features. Its model always has cross-language stages (its own stages again
    /// where the shipped one has none), so the gloss vectors those stages read are made
    /// whatever the shipped model is: a retrained model does not depend on the one it replaces.
    ///
    /// # Errors
    /// A damaged asset other than the pair model.
    pub fn for_training(align: AlignOptions) -> Result<Self> {
        Self::with_model_from(align, || {
            let model = PairModel::builtin(FEATURE_NAMES).unwrap_or_else(|e| {
                log::warn!("{e}; training starts from an untrained model");
                PairModel::untrained(FEATURE_NAMES)
            });
            Ok(with_cross_stages(model))
        })
    }

    /// The built-in assets, the pair model from `model`.
    fn with_model_from(
        align: AlignOptions,
        model: impl FnOnce() -> Result<PairModel> + Send,
    ) -> Result<Self> {
        // The assets are parsed on all cores: a short comparison spends most of its time here.
        let ((parties_lexicon, taxonomy), ((embeddings, framing), model)) = rayon::join(
            || {
                rayon::join(
                    || {
                        let parties = Parties::builtin()?;
                        let lexicon = Lexicon::builtin()?.with_names(parties.principal_names());
                        Ok::<_, Error>((parties, lexicon))
                    },
                    Taxonomy::builtin,
                )
            },
            || {
                rayon::join(
                    || rayon::join(crate::embed::Embeddings::builtin, FramingLexicon::builtin),
                    model,
                )
            },
        );
        let (parties, lexicon) = parties_lexicon?;
        Ok(Engine {
            taxonomy: taxonomy?,
            lexicon: Arc::new(lexicon),
            parties,
            model: Arc::new(model?),
            embeddings: Arc::new(embeddings?),
            framing: Arc::new(framing?),
            align,
            translation: false,
        })
    }

    /// Replaces the pair model (one trained by `examples/train.rs`, loaded with
    /// [`PairModel::from_path`]).
    #[must_use]
    pub fn with_model(mut self, model: PairModel) -> Self {
        self.model = Arc::new(model);
        self
    }

    /// The pair model in use.
    #[must_use]
    pub fn model(&self) -> &PairModel {
        &self.model
    }

    /// Replaces the topic taxonomy.
    #[must_use]
    pub fn with_taxonomy(mut self, taxonomy: Taxonomy) -> Self {
        self.taxonomy = taxonomy;
        self
    }

    /// The topic taxonomy in use.
    #[must_use]
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Replaces the framing lexicon (one read with [`FramingLexicon::from_path`]).
    #[must_use]
    pub fn with_framing(mut self, framing: FramingLexicon) -> Self {
        self.framing = Arc::new(framing);
        self
    }

    /// The framing lexicon in use.
    #[must_use]
    pub fn framing(&self) -> &FramingLexicon {
        &self.framing
    }

    /// Lays an analyst's decisions over a comparison this engine made (see [`crate::curation`]).
    #[must_use]
    pub fn curate(
        &self,
        base: &Comparison,
        decisions: &crate::curation::Decisions,
    ) -> crate::curation::Curated {
        crate::curation::curate(base, decisions, &self.taxonomy)
    }

    /// Compares two readouts. Empty labels are filled from the party each text names first, else
    /// from the source's file stem; each readout's initiative is read from its text.
    ///
    /// # Errors
    /// A readout in which no sentence is found.
    pub fn compare(&self, a: Readout, b: Readout) -> Result<Comparison> {
        // Labels and who asked for the call are read again from each text (in `analyse_both`)
        // every time.
        let started = std::time::Instant::now();
        let mut sides = self.analyse_both(a, b, true)?;
        log::debug!(
            "analysed both readouts in {:.3} s",
            started.elapsed().as_secs_f64()
        );
        // The framing of each claim needs only the texts, the claims and the labels: it is
        // found on a thread of its own while the claims are aligned, which keeps the cores busy
        // through the steps that run on one.
        let texts = sides.each_ref().map(|s| s.readout.text.clone());
        let spans = sides.each_ref().map(|s| {
            s.segments
                .iter()
                .map(|g| (g.start, g.end))
                .collect::<Vec<_>>()
        });
        let labels = sides.each_ref().map(|s| s.readout.label.clone());
        let [tokens_a, tokens_b] = sides.each_mut().map(|s| std::mem::take(&mut s.tokens));
        // Who asked for the call is named by a principal ("at President Putin's request") or
        // by the lexicon's party words ("at the Russian side's initiative").
        let principal = |words: &str| self.parties.detect_pair(words, "")[0].clone();
        let (mut cmp, framing) = std::thread::scope(|scope| {
            let framing = scope.spawn(|| {
                [(0, tokens_a), (1, tokens_b)].map(|(k, tokens)| {
                    self.framing.find_claims_tokenized(
                        &texts[k],
                        &spans[k],
                        Some(tokens),
                        &labels,
                        &principal,
                    )
                })
            });
            // Copies of one sentence on both sides are linked whatever the model says; finding
            // them needs only the texts too.
            let copies = scope.spawn(|| {
                let [a, b] = [0, 1].map(|k| {
                    spans[k]
                        .iter()
                        .map(|&(start, end)| texts[k].get(start..end).unwrap_or_default())
                        .collect::<Vec<&str>>()
                });
                align::identical_pairs(&a, &b)
            });
            let copies = || {
                copies
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
            };
            let cmp = self.align_and_assemble(sides, copies, started);
            (cmp, framing.join())
        });
        let framing = framing.unwrap_or_else(|e| std::panic::resume_unwind(e));
        if self.translation || crate::translation::languages_differ(&cmp) {
            let check = crate::translation::check(&self.lexicon, &cmp);
            if self.translation || check.linked_share() >= crate::translation::VERSIONS_SHARE {
                cmp.translation = Some(check);
            }
        }
        FramingLexicon::annotate_found(&mut cmp, framing);
        log::debug!("framing done in {:.3} s", started.elapsed().as_secs_f64());
        Ok(cmp)
    }

    /// Aligns two analysed readouts and assembles their comparison (topics, matches with their
    /// diffs and anchors).
    fn align_and_assemble(
        &self,
        mut sides: [Analysed; 2],
        copies: impl FnOnce() -> Vec<(usize, usize)>,
        started: std::time::Instant,
    ) -> Comparison {
        join_names(&mut sides);
        let (ids, labels) = self.topic_names();
        let topics = align::TopicNames {
            ids: &ids,
            labels: &labels,
            event: self.topic_index(CALL_ID),
        };
        let links = align::align(
            &sides[0].features,
            &claim_texts(&sides[0].readout.text, &sides[0].segments),
            &sides[1].features,
            &topics,
            &self.model,
            &self.align,
        );
        let links = align::merge_identical(links, &copies());
        log::debug!("aligned in {:.3} s", started.elapsed().as_secs_f64());
        for side in &mut sides {
            for (f, &placed) in side.features.iter_mut().zip(&side.placed) {
                f.topic = placed;
            }
        }
        harmonise_topics(&links, &mut sides, &self.taxonomy);
        self.follow_paragraph_matters(&mut sides);
        let cmp = self.assemble(sides, links);
        log::debug!(
            "assembled (diffs, anchors) in {:.3} s",
            started.elapsed().as_secs_f64()
        );
        cmp
    }

    /// The candidate pairs of two readouts with their features, and each side's claims (for the
    /// training script, which labels the pairs from annotated spans).
    ///
    /// # Errors
    /// A readout in which no sentence is found.
    pub fn candidates(
        &self,
        a: Readout,
        b: Readout,
    ) -> Result<(Vec<align::Candidate>, [Vec<crate::segment::Segment>; 2])> {
        let mut sides = self.analyse_both(a, b, false)?;
        join_names(&mut sides);
        let [sa, sb] = sides;
        let (ids, _) = self.topic_names();
        let cands = align::candidates(
            &sa.features,
            &sb.features,
            &ids,
            self.topic_index(CALL_ID),
            &self.align,
        );
        Ok((cands, [sa.segments, sb.segments]))
    }

    fn topic_names(&self) -> (Vec<String>, Vec<String>) {
        self.taxonomy
            .topics()
            .iter()
            .map(|t| (t.id.clone(), t.label.clone()))
            .unzip()
    }

    /// A claim's sentence vector: of its text, or with the `gloss_embedding` option, of a Russian
    /// claim's English gloss where the lexicon knows some of its words.
    fn claim_embedding(
        &self,
        text: &str,
        tokens: &[crate::lexicon::Token],
        stems: &mut crate::lexicon::StemCache,
        pieces: &mut crate::embed::PieceCache,
    ) -> Option<crate::embed::SentenceVector> {
        if self.align.gloss_embedding
            && let Some(vector) = self.gloss_embedding(tokens, stems, pieces)
        {
            return Some(vector);
        }
        self.embeddings.sentence_cached(text, pieces)
    }

    /// The sentence vector of a claim's English gloss (the bilingual lexicon's words for its
    /// words); `None` where the lexicon knows none of them.
    fn gloss_embedding(
        &self,
        tokens: &[crate::lexicon::Token],
        stems: &mut crate::lexicon::StemCache,
        pieces: &mut crate::embed::PieceCache,
    ) -> Option<crate::embed::SentenceVector> {
        let gloss = self.lexicon.english_gloss(tokens, stems);
        if gloss.is_empty() {
            return None;
        }
        let words: Vec<&str> = gloss.iter().map(|t| t.norm.as_str()).collect();
        self.embeddings.sentence_cached(&words.join(" "), pieces)
    }

    fn topic_index(&self, id: &str) -> Option<usize> {
        self.taxonomy.topics().iter().position(|t| t.id == id)
    }

    /// Analyses the two readouts at once, side `b` on a second thread (long readouts take most of
    /// a comparison's time here). With `label`, an empty label is filled from the party each
    /// text reads as written by (each thread scores its own text), else from the source's file
    /// stem. Each readout's initiative is then read from its own text, with its label first.
    fn analyse_both(&self, a: Readout, b: Readout, label: bool) -> Result<[Analysed; 2]> {
        let analyse = |readout: Readout| {
            let shares = label.then(|| self.parties.authorship_shares(&readout.text));
            (self.analyse(readout), shares)
        };
        let ((sa, shares_a), (sb, shares_b)) = std::thread::scope(|scope| {
            let worker = scope.spawn(move || analyse(b));
            let sa = analyse(a);
            // A panic on the worker is a bug; report it rather than take the process down.
            let sb = worker.join().unwrap_or_else(|_| {
                let failed = Error::Unreadable {
                    source_name: "side b".to_string(),
                    reason: "analysis failed (a bug in Parallax; please report it)".to_string(),
                };
                (Err(failed), None)
            });
            (sa, sb)
        });
        let mut sides = [sa?, sb?];
        if let (Some(ra), Some(rb)) = (shares_a, shares_b) {
            let detected = self.parties.best_pair(&ra, &rb);
            for (side, found) in sides.iter_mut().zip(detected) {
                let readout = &mut side.readout;
                if readout.label.trim().is_empty() {
                    readout.label = found.unwrap_or_else(|| file_stem(&readout.source));
                }
            }
        }
        let labels = [0, 1].map(|k| sides[k].readout.label.clone());
        for (k, side) in sides.iter_mut().enumerate() {
            let readout = &mut side.readout;
            readout.initiative =
                crate::initiative::find(&self.parties, &readout.text, [&labels[k], &labels[1 - k]]);
        }
        self.place_topics(&mut sides);
        Ok(sides)
    }

    /// Places each claim of both readouts in the topic row it is shown in (`Analysed::placed`):
    /// the role's topic ([`role_topic`]), else the topic with most keyword evidence, its
    /// paragraph neighbours' counting [`topics::PLACE_NEIGHBOUR_WEIGHT`], a region's issue
    /// [`topics::REGION_WEIGHT`] and matters the other readout also names
    /// [`topics::OTHER_SIDE_BONUS`] more. The aligner keeps its own
    /// reading of each readout alone (`ClaimFeatures::topic`): its "same topic" feature was
    /// trained on that, and a placement pulled towards the other side's matters tells less about
    /// which two claims give one account (measured: feeding the placement to the aligner cost
    /// dev match and one-sided F1 in cross-validation).
    fn place_topics(&self, sides: &mut [Analysed; 2]) {
        let call = self.topic_index(CALL_ID);
        let agenda = self.topic_index(AGENDA_ID);
        let len = self.taxonomy.topics().len();
        let named = [0, 1].map(|k| {
            topics::named(
                sides[k].features.iter().map(|f| f.topic_scores.as_slice()),
                len,
            )
        });
        // The two sides at once.
        sides.par_iter_mut().enumerate().for_each(|(k, side)| {
            let features = &side.features;
            let scores: Vec<Vec<(usize, f32)>> = features
                .iter()
                .map(|f| {
                    let scores = self.taxonomy.favour_regions(&f.topic_scores);
                    topics::favour_shared(&scores, &named[1 - k], call)
                })
                .collect();
            let paragraphs: Vec<usize> = features.iter().map(|f| f.paragraph).collect();
            let context = topics::context(&scores, &paragraphs, topics::PLACE_NEIGHBOUR_WEIGHT);
            let assigned = topics::assign(&context, &paragraphs, call);
            let first = paragraphs.first().copied();
            side.placed = features
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    role_topic(f.role, Some(f.paragraph) == first, call, agenda)
                        .or(if side.closing[i] { call } else { assigned[i] })
                })
                .collect();
        });
    }

    /// Moves claims shown in a row only their own readout has to the shared matter of their
    /// paragraph ([`topics::follow_paragraph_matter`]), once the rows are final (placed and
    /// harmonised across links). Openings, tone and lists of matters keep their role's row, and
    /// only an account of a matter lends its row; a claim that names a region's issue itself
    /// (a keyword of full weight) keeps it, since analysts head a section by the issue
    /// ([`topics::REGION_WEIGHT`]).
    fn follow_paragraph_matters(&self, sides: &mut [Analysed; 2]) {
        let defs = self.taxonomy.topics();
        let [call, agenda] = [CALL_ID, AGENDA_ID].map(|id| self.topic_index(id));
        // Per side, the rows it shows claims in (the last slot: no topic).
        let shown = sides.each_ref().map(|side| {
            let mut shown = vec![false; defs.len() + 1];
            for f in &side.features {
                shown[f.topic.unwrap_or(defs.len())] = true;
            }
            shown
        });
        for (k, side) in sides.iter_mut().enumerate() {
            let features = &side.features;
            let topics: Vec<Option<usize>> = features.iter().map(|f| f.topic).collect();
            let paragraphs: Vec<usize> = features.iter().map(|f| f.paragraph).collect();
            let matter: Vec<bool> = features
                .iter()
                .map(|f| f.role == Role::Substantive && f.topic != call && f.topic != agenda)
                .collect();
            let movable: Vec<bool> = features
                .iter()
                .zip(&side.closing)
                .map(|(f, &closing)| {
                    let names_region = f.topic.is_some_and(|t| {
                        defs.get(t).is_some_and(|d| d.region)
                            && f.topic_scores.iter().any(|&(u, s)| u == t && s >= 1.0)
                    });
                    f.role == Role::Substantive && !closing && !names_region
                })
                .collect();
            let moved = topics::follow_paragraph_matter(
                &topics,
                &paragraphs,
                &movable,
                &matter,
                &shown[1 - k],
            );
            for (f, t) in side.features.iter_mut().zip(moved) {
                f.topic = t;
            }
        }
    }

    /// Which claims close the readout ([`Analysed::closing`]): among its last two, an agreement
    /// to keep talking ([`roles::is_closing`]) whose keywords name no topic but `call_topics`
    /// (the call, the agenda and the channels of contact).
    fn closing_claims(
        tokens: &[Vec<crate::lexicon::Token>],
        scores: &[Vec<(usize, f32)>],
        roles: &[Role],
        call_topics: [Option<usize>; 3],
    ) -> Vec<bool> {
        let count = tokens.len();
        tokens
            .iter()
            .zip(scores)
            .enumerate()
            .map(|(i, (tokens, scores))| {
                i + 2 >= count
                    && roles[i] == Role::Substantive
                    && roles::is_closing(tokens)
                    && scores.iter().all(|&(t, _)| call_topics.contains(&Some(t)))
            })
            .collect()
    }

    fn analyse(&self, readout: Readout) -> Result<Analysed> {
        let segments = segment(&readout.text);
        if segments.is_empty() {
            return Err(Error::NoClaims(readout.source.clone()));
        }
        let [call, agenda, channels, relations] =
            [CALL_ID, AGENDA_ID, CHANNELS_ID, RELATIONS_ID].map(|id| self.topic_index(id));
        let texts = claim_texts(&readout.text, &segments);
        let tokens: Vec<_> = texts.iter().map(|t| tokenize(t)).collect();
        // A Russian claim is read by the Russian keywords and, through the bilingual lexicon's
        // English words, by the English ones: the stronger evidence for each topic counts.
        let mut stems = crate::lexicon::StemCache::default();
        let mut keywords = topics::KeywordCache::default();
        let scores: Vec<Vec<(usize, f32)>> = tokens
            .iter()
            .map(|t| {
                let own = self.taxonomy.score_cached(t, &mut keywords);
                let gloss = self.lexicon.english_gloss(t, &mut stems);
                if gloss.is_empty() {
                    own
                } else {
                    topics::merge_max(own, &self.taxonomy.score_cached(&gloss, &mut keywords))
                }
            })
            .collect();
        let inputs: Vec<RoleInput<'_>> = tokens
            .iter()
            .zip(&scores)
            .map(|(tokens, scores)| RoleInput {
                tokens,
                // A sentence that names the call's format ("spoke with", "telephone", "met with").
                names_the_call: scores.iter().any(|&(t, _)| Some(t) == call),
                matters_named: scores
                    .iter()
                    .filter(|&&(t, _)| Some(t) != call && Some(t) != agenda)
                    .count(),
                issues_named: scores
                    .iter()
                    .filter(|&&(t, _)| ![call, agenda, channels, relations].contains(&Some(t)))
                    .count(),
            })
            .collect();
        let roles = roles::classify(&inputs);
        drop(inputs);
        let closing = Self::closing_claims(&tokens, &scores, &roles, [call, agenda, channels]);
        let paragraphs: Vec<usize> = segments.iter().map(|s| s.paragraph).collect();
        let context = topics::context(&scores, &paragraphs, topics::FEATURE_NEIGHBOUR_WEIGHT);
        let assigned = topics::assign_nearest(&context);
        #[expect(
            clippy::cast_precision_loss,
            reason = "claim counts are far below 2^24"
        )]
        let last = (segments.len().max(2) - 1) as f32;
        let mut pieces = crate::embed::PieceCache::default();
        // Each claim's tokens are kept for its framing, which is found from the same tokens on a
        // thread of its own while the claims are aligned (`Engine::compare`).
        let features = tokens
            .iter()
            .enumerate()
            .map(|(i, tokens)| {
                let cyrillic = texts[i]
                    .chars()
                    .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
                // The aligner's reading of the claim's topic, from this readout alone; the row it
                // is shown in is placed once both readouts are read (`place_topics`).
                let topic = role_topic(roles[i], paragraphs[i] == paragraphs[0], call, agenda)
                    .or(assigned[i]);
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "claim counts are far below 2^24"
                )]
                let position = i as f32 / last;
                ClaimFeatures {
                    terms: self.lexicon.terms_of_tokens(texts[i], tokens, &mut stems),
                    topic_scores: scores[i].clone(),
                    context_scores: context[i].clone(),
                    topic,
                    role: roles[i],
                    opening_names_matter: roles[i] == Role::Opening
                        && scores[i].iter().any(|&(t, _)| {
                            Some(t) != call && Some(t) != agenda && !self.taxonomy.topics()[t].broad
                        }),
                    position,
                    paragraph: paragraphs[i],
                    embedding: self.claim_embedding(texts[i], tokens, &mut stems, &mut pieces),
                    // Read only by a model's cross-language stages.
                    gloss_embedding: if cyrillic && self.model.cross_language.is_some() {
                        self.gloss_embedding(tokens, &mut stems, &mut pieces)
                    } else {
                        None
                    },
                    cyrillic,
                }
            })
            .collect();
        let speakers = party::speakers(&self.parties, &texts);
        Ok(Analysed {
            placed: Vec::new(),
            closing,
            speakers,
            readout,
            segments,
            features,
            tokens,
        })
    }

    #[expect(
        clippy::too_many_lines,
        reason = "builds the comparison field by field in one place"
    )]
    fn assemble(&self, sides: [Analysed; 2], links: Vec<align::Link>) -> Comparison {
        let defs = self.taxonomy.topics();
        let mut rows: Vec<TopicRow> = defs
            .iter()
            .map(|d| TopicRow {
                id: d.id.as_str().into(),
                label: d.label.clone(),
                color: d.color.clone(),
                a: vec![],
                b: vec![],
                custom: false,
                note: None,
            })
            .collect();
        rows.push(TopicRow {
            id: FALLBACK_ID.into(),
            label: FALLBACK_LABEL.to_string(),
            color: FALLBACK_COLOR.to_string(),
            a: vec![],
            b: vec![],
            custom: false,
            note: None,
        });
        let fallback = rows.len() - 1;
        let [mut side_a, mut side_b] = sides;
        // Each claim's terms, kept for the anchors of its matches.
        let terms = [&mut side_a, &mut side_b].map(|s| {
            s.features
                .iter_mut()
                .map(|f| std::mem::take(&mut f.terms))
                .collect::<Vec<_>>()
        });
        let [sa, sb] = [(Side::A, side_a), (Side::B, side_b)].map(|(side, s)| {
            let mut claims = Vec::with_capacity(s.segments.len());
            for (i, ((g, f), speaker)) in s
                .segments
                .iter()
                .zip(&s.features)
                .zip(s.speakers)
                .enumerate()
            {
                let row = f.topic.unwrap_or(fallback);
                match side {
                    Side::A => rows[row].a.push(i),
                    Side::B => rows[row].b.push(i),
                }
                let mut topic_scores: Vec<(TopicId, f32)> = f
                    .topic_scores
                    .iter()
                    .map(|&(t, s)| (rows[t].id.clone(), s))
                    .collect();
                topic_scores.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                claims.push(Claim {
                    id: format!("{}{}", side.key(), i + 1),
                    start: g.start,
                    end: g.end,
                    paragraph: g.paragraph,
                    topic: rows[row].id.clone(),
                    topic_scores,
                    speaker,
                    role: f.role,
                    topic_manual: false,
                    note: None,
                    framing: Vec::new(),
                });
            }
            drop_later(s.features);
            SideData {
                side,
                readout: s.readout,
                claims,
            }
        });
        rows.retain(|r| !(r.a.is_empty() && r.b.is_empty()));
        // Word diffs and anchors are most of the work on long readouts. The links are shared
        // among the cores, a claim of side `a` with all its links (they are ordered by `a`),
        // and each linked claim is cut into tokens once.
        let linked_b = linked_texts(&sb, links.iter().map(|l| l.b));
        let (tokens_b, numbering) = crate::diff::tokenize_side(&linked_b);
        // Likewise each linked claim's terms are ordered by key once, for all its anchors.
        let keyed_b: Vec<Option<crate::anchors::KeyedTerms>> = linked_b
            .par_iter()
            .zip(&terms[1])
            .map(|(text, terms)| text.map(|text| crate::anchors::KeyedTerms::new(text, terms)))
            .collect();
        let (tokens_b, keyed_b, terms_a) = (&tokens_b, &keyed_b, &terms[0]);
        let shown: Vec<(Vec<DiffSpan>, Vec<Anchor>)> = links
            .par_chunk_by(|x, y| x.a == y.a)
            .flat_map_iter(|group| {
                let text_a = sa.claim_text(group[0].a);
                let a = crate::diff::Tokenized::against(text_a, &numbering);
                let keyed_a = crate::anchors::KeyedTerms::new(text_a, &terms_a[group[0].a]);
                group.iter().map(move |l| {
                    let diff = tokens_b[l.b]
                        .as_ref()
                        .map(|b| crate::diff::shown_diff_of(&a, b))
                        .unwrap_or_default();
                    let anchors = keyed_b[l.b]
                        .as_ref()
                        .map(|b| crate::anchors::between(&keyed_a, b))
                        .unwrap_or_default();
                    (diff, anchors)
                })
            })
            .collect();
        let mut all_shown = shown.into_iter();
        let matches: Vec<Match> = links
            .into_iter()
            .map(|l| {
                let (diff, anchors) = all_shown.next().unwrap_or_default();
                Match {
                    a: l.a,
                    b: l.b,
                    origin: Origin::Auto {
                        score: l.score,
                        evidence: l.evidence,
                    },
                    diff,
                    anchors,
                }
            })
            .collect();
        // Half a million terms on long readouts: freed on the pool rather than here, where
        // nothing else would run meanwhile.
        drop_later(terms);
        let one_sided = Comparison::unmatched([sa.claims.len(), sb.claims.len()], &matches);
        Comparison {
            sides: [sa, sb],
            topics: rows,
            matches,
            one_sided,
            set_aside: [Vec::new(), Vec::new()],
            rejected: Vec::new(),
            translation: None,
            framing: crate::model::FramingSummary::default(),
        }
    }
}

/// Frees `value` on the thread pool, leaving the caller to go on (a long comparison's leftovers
/// take milliseconds to free one allocation at a time).
fn drop_later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// The text of each claim of `side` that `linked` names, `None` for the others.
fn linked_texts(side: &SideData, linked: impl Iterator<Item = usize>) -> Vec<Option<&str>> {
    let mut wanted = vec![None; side.claims.len()];
    for i in linked {
        wanted[i] = Some(side.claim_text(i));
    }
    wanted
}

/// Gives the Russian names of one side the keys of their English spellings on the other
/// ([`crate::translit::join_names`]); nothing to do, and nothing done, when neither side has a
/// claim in Cyrillic.
fn join_names(sides: &mut [Analysed; 2]) {
    let [sa, sb] = sides;
    if !sa.features.iter().chain(&sb.features).any(|f| f.cyrillic) {
        return;
    }
    let texts_a = claim_texts(&sa.readout.text, &sa.segments);
    let texts_b = claim_texts(&sb.readout.text, &sb.segments);
    let mut ta: Vec<&mut Vec<crate::lexicon::Term>> =
        sa.features.iter_mut().map(|f| &mut f.terms).collect();
    let mut tb: Vec<&mut Vec<crate::lexicon::Term>> =
        sb.features.iter_mut().map(|f| &mut f.terms).collect();
    crate::translit::join_names(&mut ta, &texts_a, &mut tb, &texts_b);
}

/// The text of each claim of a readout whose text is `text`, cut at its `segments`.
fn claim_texts<'t>(text: &'t str, segments: &[crate::segment::Segment]) -> Vec<&'t str> {
    segments
        .iter()
        .map(|seg| &text[seg.start..seg.end])
        .collect()
}

/// One readout after segmentation and feature extraction.
struct Analysed {
    /// The topic each claim is shown in ([`Engine::place_topics`]); it replaces the aligner's
    /// reading (`ClaimFeatures::topic`) once the claims are aligned.
    placed: Vec<Option<usize>>,
    /// Which claims only say that the sides agreed to keep talking ([`roles::is_closing`],
    /// among the readout's last two claims, naming no matter but the channels of contact): they
    /// are shown with the call.
    closing: Vec<bool>,
    speakers: Vec<Option<String>>,
    readout: Readout,
    segments: Vec<crate::segment::Segment>,
    features: Vec<ClaimFeatures>,
    /// Each claim's tokens (`lexicon::tokenize`), handed to the framing, which frees them.
    tokens: Vec<Vec<crate::lexicon::Token>>,
}

/// Links at least this likely on their own features (`Link::own_score`, the model's first stage:
/// a link its neighbours carried says the two are one matter, not that they name one topic) join
/// their claims' topics: more likely than not. A weaker link
/// still shows, but pulling claims into one topic on it scattered whole matters (measured: dev
/// topic F1 0.653 → 0.742 in cross-validation, training pairs 0.589 → 0.603).
const HARMONISE_MIN_PROBABILITY: f32 = 0.5;

/// `model`, with its own first stage again as cross-language stages where it has none
/// ([`Engine::for_training`]: the features a model with such stages reads are then made).
fn with_cross_stages(mut model: PairModel) -> PairModel {
    if model.cross_language.is_none() {
        model.cross_language = Some(crate::pair_model::CrossLanguageStages {
            mean: model.mean.clone(),
            scale: model.scale.clone(),
            weights: model.weights.clone(),
            bias: model.bias,
            context: None,
            rule: None,
        });
    }
    model
}

/// Gives all claims joined by confident matches one topic ([`Taxonomy::joint_topic`]: the one with
/// the most keyword evidence across them, a region's issue weighed as in placement), so the two
/// sides' accounts of one point land in the same topic row.
fn harmonise_topics(links: &[align::Link], sides: &mut [Analysed; 2], taxonomy: &Taxonomy) {
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let na = sides[0].features.len();
    let mut parent: Vec<usize> = (0..na + sides[1].features.len()).collect();
    // A tone claim is in the call's row by its role, and tone claims join one another; its link
    // to an account of a matter (it named what the talks covered) joins neither row to the other.
    let tone = |k: usize, i: usize| sides[k].features[i].role == Role::Tone;
    for l in links
        .iter()
        .filter(|l| l.own_score >= HARMONISE_MIN_PROBABILITY && tone(0, l.a) == tone(1, l.b))
    {
        let (x, y) = (find(&mut parent, l.a), find(&mut parent, na + l.b));
        if x != y {
            parent[x] = y;
        }
    }
    let mut groups: foldhash::HashMap<usize, Vec<usize>> = foldhash::HashMap::default();
    for node in 0..parent.len() {
        let root = find(&mut parent, node);
        groups.entry(root).or_default().push(node);
    }
    let mut keys: Vec<usize> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let members = &groups[&key];
        if members.len() < 2 {
            continue;
        }
        let feature = |node: usize| -> (&ClaimFeatures, bool) {
            if node < na {
                (&sides[0].features[node], sides[0].closing[node])
            } else {
                (&sides[1].features[node - na], sides[1].closing[node - na])
            }
        };
        let joined: Vec<topics::Joined<'_>> = members
            .iter()
            .map(|&node| {
                let (f, closing) = feature(node);
                // The primary topic counts even where it came from context, not keywords; where
                // the claim's role placed it (opening, tone, agenda) or it closes the call, that
                // decides.
                topics::Joined {
                    scores: &f.topic_scores,
                    topic: f.topic,
                    by_role: f.role != Role::Substantive || closing,
                }
            })
            .collect();
        let Some(best) = taxonomy.joint_topic(&joined) else {
            continue;
        };
        for &node in members {
            if node < na {
                sides[0].features[node].topic = Some(best);
            } else {
                sides[1].features[node - na].topic = Some(best);
            }
        }
    }
}

/// The topic a claim's role places it in: openings and tone in the call; a list of matters in the
/// call when it is part of the opening paragraph, else in its own row; `None` for an account of
/// a matter (its keywords decide).
fn role_topic(
    role: Role,
    opening_paragraph: bool,
    call: Option<usize>,
    agenda: Option<usize>,
) -> Option<usize> {
    match role {
        Role::Opening | Role::Tone => call,
        Role::Agenda if opening_paragraph => call,
        Role::Agenda => agenda.or(call),
        Role::Substantive => None,
    }
}

/// The file stem of a source name ("us" for "samples/x/us.txt").
fn file_stem(source: &str) -> String {
    std::path::Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A readout of one English and one Russian claim.
    const ENGLISH_AND_RUSSIAN: &str = "The ministers discussed grain exports.\n\n\
                                       Министры обсудили экспорт зерна и поставки газа.";

    /// A readout of `text`, as if read from a file called `name`.
    fn read(text: &str, name: &str) -> Readout {
        crate::ingest::read_bytes(text.as_bytes(), name).unwrap()
    }

    #[test]
    fn a_training_engine_keeps_the_shipped_model_when_it_fits() {
        let training = Engine::for_training(AlignOptions::default()).unwrap();
        assert_eq!(training.model(), Engine::builtin().unwrap().model());
        assert_ne!(training.model(), &PairModel::untrained(FEATURE_NAMES));
    }

    /// Whether the `opening_names_matter` feature is set for the pair of first claims.
    fn opening_names_matter(engine: &Engine, a: &str, b: &str) -> bool {
        let (cands, _) = engine
            .candidates(read(a, "a.txt"), read(b, "b.txt"))
            .unwrap();
        let k = align::FEATURE_NAMES
            .iter()
            .position(|&n| n == "opening_names_matter")
            .unwrap();
        cands
            .iter()
            .find(|c| (c.a, c.b) == (0, 0))
            .unwrap()
            .features[k]
            > 0.5
    }

    #[test]
    fn the_gloss_embedding_option_changes_only_russian_claims_vectors() {
        let vectors = |engine: &Engine| {
            let analysed = engine.analyse(read(ENGLISH_AND_RUSSIAN, "x.txt")).unwrap();
            analysed
                .features
                .iter()
                .map(|f| f.embedding.clone())
                .collect::<Vec<_>>()
        };
        let plain = vectors(&Engine::builtin().unwrap());
        let glossed = vectors(
            &Engine::with_options(AlignOptions {
                gloss_embedding: true,
                ..AlignOptions::default()
            })
            .unwrap(),
        );
        assert_eq!(plain[0], glossed[0], "an English claim keeps its vector");
        assert_ne!(
            plain[1], glossed[1],
            "a Russian claim is read through its gloss"
        );
    }

    #[test]
    fn training_makes_the_cross_language_features_whatever_the_shipped_model() {
        let untrained = PairModel::untrained(FEATURE_NAMES);
        assert!(untrained.cross_language.is_none());
        let made = with_cross_stages(untrained.clone());
        let cross = made
            .cross_language
            .as_ref()
            .expect("stages to make features for");
        assert_eq!(
            (&cross.weights, cross.bias),
            (&untrained.weights, untrained.bias)
        );
        // A Russian claim gets its gloss vector from a training engine.
        let engine = Engine::builtin().unwrap().with_model(made);
        let analysed = engine.analyse(read(ENGLISH_AND_RUSSIAN, "x.txt")).unwrap();
        assert!(analysed.features[1].gloss_embedding.is_some());
        // A model that has stages keeps them.
        let shipped = Engine::builtin().unwrap().model().clone();
        assert_eq!(with_cross_stages(shipped.clone()), shipped);
    }

    #[test]
    fn a_russian_claim_s_gloss_vector_is_made_for_cross_language_stages_only() {
        let glosses = |engine: &Engine| {
            let analysed = engine.analyse(read(ENGLISH_AND_RUSSIAN, "x.txt")).unwrap();
            analysed
                .features
                .iter()
                .map(|f| f.gloss_embedding.is_some())
                .collect::<Vec<_>>()
        };
        let builtin = Engine::builtin().unwrap();
        assert!(builtin.model().cross_language.is_some());
        assert_eq!(glosses(&builtin), [false, true]);
        let mut model = builtin.model().clone();
        model.cross_language = None;
        assert_eq!(
            glosses(&builtin.with_model(model)),
            [false, false],
            "a model without cross-language stages needs none"
        );
    }

    #[test]
    fn an_opening_that_names_a_matter_is_marked_against_the_other_side_s_account() {
        let engine = Engine::builtin().unwrap();
        // b: the other side's account of the matter first, its opening second.
        let b = "Sanctions imposed on Russian banks were described as illegitimate.\n\n\
                 The ministers spoke by telephone at the American side's request.";
        let with_matter = "The Secretary spoke today with the Minister to warn that new sanctions on \
                           Russian banks would follow.\n\nThey agreed to stay in touch.";
        assert!(opening_names_matter(&engine, with_matter, b));
        // An opening that names only the relationship reports the call, nothing more.
        let broad = "The Secretary spoke today with the Minister about bilateral relations.\n\n\
                     They agreed to stay in touch.";
        assert!(!opening_names_matter(&engine, broad, b));
    }

    #[test]
    fn an_agreement_to_keep_talking_is_shown_with_the_call() {
        let engine = Engine::builtin().unwrap();
        let a = "The Secretary spoke today with the Foreign Minister.\n\n\
                 The Secretary urged the release of the detained journalist.\n\n\
                 They agreed to remain in contact.";
        let b = "The ministers held a telephone conversation.\n\n\
                 The Minister raised the situation around the embassy.\n\n\
                 The ministers agreed to keep in touch through their hotline channel.";
        let cmp = engine.compare(read(a, "a.txt"), read(b, "b.txt")).unwrap();
        let topics = |k: usize| -> Vec<&str> {
            cmp.sides[k]
                .claims
                .iter()
                .map(|c| c.topic.as_str())
                .collect()
        };
        assert_eq!(topics(0)[2], CALL_ID);
        assert_eq!(topics(1)[2], CALL_ID);
        assert_eq!(cmp.sides[0].claims[2].role, Role::Substantive);
        // One that names a matter is an account of that matter.
        let named = "The Secretary spoke today with the Foreign Minister.\n\n\
                     The Secretary urged the release of the detained journalist.\n\n\
                     They agreed to continue contacts on the prisoner exchange.";
        let unmatched = "The ministers held a telephone conversation.\n\n\
                         The Minister described the sanctions as illegitimate.";
        let cmp = engine
            .compare(read(named, "a.txt"), read(unmatched, "b.txt"))
            .unwrap();
        assert_ne!(cmp.sides[0].claims[2].topic.as_str(), CALL_ID);
    }

    #[test]
    fn a_tone_claim_s_link_to_a_matter_leaves_the_matter_in_its_row() {
        let engine = Engine::builtin().unwrap();
        let a = "The Secretary spoke today with the Foreign Minister.\n\n\
                 The talks were frank and constructive.";
        let b = "The ministers held a telephone conversation.\n\n\
                 The Minister said the case of the detained journalist is for the courts.";
        let mut sides = engine
            .analyse_both(read(a, "a.txt"), read(b, "b.txt"), false)
            .unwrap();
        for side in &mut sides {
            for (f, &placed) in side.features.iter_mut().zip(&side.placed) {
                f.topic = placed;
            }
        }
        let call = engine.topic_index(CALL_ID);
        let prisoners = engine.topic_index("prisoners");
        assert_eq!(sides[0].features[1].role, Role::Tone);
        assert_eq!(sides[0].features[1].topic, call);
        assert_eq!(sides[1].features[1].topic, prisoners);
        let link = |a: usize, b: usize| align::Link {
            a,
            b,
            score: 0.9,
            own_score: 0.9,
            evidence: Vec::new(),
        };
        // A confident link from the tone to the matter moves neither.
        harmonise_topics(&[link(1, 1)], &mut sides, &engine.taxonomy);
        assert_eq!(sides[0].features[1].topic, call);
        assert_eq!(sides[1].features[1].topic, prisoners);
        // Two openings still join (a role-placed claim with a claim of its own role).
        harmonise_topics(&[link(0, 0)], &mut sides, &engine.taxonomy);
        assert_eq!(sides[0].features[0].topic, sides[1].features[0].topic);
    }

    #[test]
    fn with_options_uses_the_alignment_options_it_is_given() {
        let builtin = Engine::builtin().unwrap();
        assert_eq!(builtin.align.threshold, None);
        let (a, b) = crate::sample::blinken_lavrov();
        let default = builtin.compare(a, b).unwrap().matches;

        let strict = AlignOptions::parse("threshold=1").unwrap();
        let engine = Engine::with_options(strict).unwrap();
        assert_eq!(engine.align.threshold, Some(1.0));
        let (a, b) = crate::sample::blinken_lavrov();
        let kept = engine.compare(a, b).unwrap().matches;
        assert!(
            kept.len() < default.len(),
            "{} of {}",
            kept.len(),
            default.len()
        );
        assert!(kept.iter().all(|m| m.score() >= 1.0), "{kept:?}");
    }
}
