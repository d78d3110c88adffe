//! The whole pipeline: two readouts in, one immutable [`Comparison`] out.

use crate::align::{self, AlignOptions, ClaimFeatures};
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, tokenize};
use crate::model::{Claim, Comparison, Match, Readout, Side, SideData, TopicRow};
use crate::party::{self, Parties};
use crate::segment::segment;
use crate::topics::{self, FALLBACK_ID, Taxonomy};

/// Id of the taxonomy topic for the call or meeting itself, which gets the opening sentence.
pub const CALL_ID: &str = "call";

/// Colour of the fallback topic.
const FALLBACK_COLOR: &str = "#8a8a8a";

/// The knowledge the pipeline uses, loaded once and reused for every comparison.
#[derive(Debug, Clone)]
pub struct Engine {
    taxonomy: Taxonomy,
    lexicon: std::sync::Arc<Lexicon>,
    parties: Parties,
    /// Alignment tuning.
    pub align: AlignOptions,
}

impl Engine {
    /// An engine with the built-in taxonomy, synonyms and parties.
    ///
    /// # Errors
    /// Never with the shipped assets (tests load them).
    pub fn builtin() -> Result<Self> {
        let parties = Parties::builtin()?;
        let lexicon = Lexicon::builtin()?.with_names(parties.principal_names());
        Ok(Engine {
            taxonomy: Taxonomy::builtin()?,
            lexicon: std::sync::Arc::new(lexicon),
            parties,
            align: AlignOptions::from_env(),
        })
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
    /// from the source's file stem.
    ///
    /// # Errors
    /// A readout in which no sentence is found.
    pub fn compare(&self, mut a: Readout, mut b: Readout) -> Result<Comparison> {
        let detected = self.parties.detect_pair(&a.text, &b.text);
        for (readout, label) in [(&mut a, &detected[0]), (&mut b, &detected[1])] {
            if readout.label.trim().is_empty() {
                readout.label = label.clone().unwrap_or_else(|| file_stem(&readout.source));
            }
        }
        let mut sides = [self.analyse(a)?, self.analyse(b)?];
        let topic_ids: Vec<String> = self
            .taxonomy
            .topics()
            .iter()
            .map(|t| t.id.clone())
            .collect();
        let call = self.taxonomy.topics().iter().position(|t| t.id == CALL_ID);
        let links = align::align(
            &sides[0].features,
            &sides[1].features,
            &topic_ids,
            call,
            &self.align,
        );
        harmonise_topics(&links, &mut sides);
        Ok(self.assemble(sides, links))
    }

    fn analyse(&self, readout: Readout) -> Result<Analysed> {
        let segments = segment(&readout.text);
        if segments.is_empty() {
            return Err(Error::NoClaims(readout.source.clone()));
        }
        let call = self.taxonomy.topics().iter().position(|t| t.id == CALL_ID);
        let mut features = Vec::with_capacity(segments.len());
        for seg in &segments {
            let text = &readout.text[seg.start..seg.end];
            let topic_scores = self.taxonomy.score(&tokenize(text));
            let terms = self.lexicon.terms(text);
            // A sentence that names the call's format ("spoke with", "telephone", "met with").
            let is_event = topic_scores.iter().any(|&(t, _)| Some(t) == call);
            features.push(ClaimFeatures {
                terms,
                topic_scores,
                topic: None,
                is_event,
            });
        }
        // Readouts open by announcing the call; that sentence belongs to the taxonomy's `call` topic.
        if let (Some(call), Some(first)) = (call, features.iter_mut().take(2).find(|f| f.is_event))
        {
            match first.topic_scores.iter_mut().find(|(t, _)| *t == call) {
                Some(entry) => entry.1 += 2.0,
                None => first.topic_scores.push((call, 2.0)),
            }
            first.topic_scores.sort_by_key(|&(t, _)| t);
        }
        let scores: Vec<Vec<(usize, f32)>> =
            features.iter().map(|f| f.topic_scores.clone()).collect();
        let paragraphs: Vec<usize> = segments.iter().map(|s| s.paragraph).collect();
        for (f, t) in features
            .iter_mut()
            .zip(topics::assign(&scores, &paragraphs))
        {
            f.topic = t;
        }
        Ok(Analysed {
            readout,
            segments,
            features,
        })
    }

    fn assemble(&self, sides: [Analysed; 2], links: Vec<align::Link>) -> Comparison {
        let defs = self.taxonomy.topics();
        let mut rows: Vec<TopicRow> = defs
            .iter()
            .map(|d| TopicRow {
                id: d.id.clone(),
                label: d.label.clone(),
                color: d.color.clone(),
                a: vec![],
                b: vec![],
                custom: false,
                note: None,
            })
            .collect();
        rows.push(TopicRow {
            id: FALLBACK_ID.to_string(),
            label: "Other".to_string(),
            color: FALLBACK_COLOR.to_string(),
            a: vec![],
            b: vec![],
            custom: false,
            note: None,
        });
        let fallback = rows.len() - 1;
        let [side_a, side_b] = sides;
        let [sa, sb] = [(Side::A, side_a), (Side::B, side_b)].map(|(side, s)| {
            let texts: Vec<&str> = s
                .segments
                .iter()
                .map(|g| &s.readout.text[g.start..g.end])
                .collect();
            let speakers = party::speakers(&self.parties, &texts);
            let mut claims = Vec::with_capacity(s.segments.len());
            for (i, ((g, f), speaker)) in
                s.segments.iter().zip(&s.features).zip(speakers).enumerate()
            {
                let row = f.topic.unwrap_or(fallback);
                match side {
                    Side::A => rows[row].a.push(i),
                    Side::B => rows[row].b.push(i),
                }
                let mut topic_scores: Vec<(String, f32)> = f
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
                    topic_manual: false,
                    note: None,
                });
            }
            SideData {
                side,
                readout: s.readout.clone(),
                claims,
            }
        });
        rows.retain(|r| !(r.a.is_empty() && r.b.is_empty()));
        let matches: Vec<Match> = links
            .into_iter()
            .map(|l| {
                let diff = crate::diff::word_diff(sa.claim_text(l.a), sb.claim_text(l.b));
                Match {
                    a: l.a,
                    b: l.b,
                    score: l.score,
                    evidence: l.evidence,
                    diff,
                    manual: false,
                }
            })
            .collect();
        let mut matched = [vec![false; sa.claims.len()], vec![false; sb.claims.len()]];
        for m in &matches {
            matched[0][m.a] = true;
            matched[1][m.b] = true;
        }
        let one_sided = matched.map(|flags| {
            flags
                .iter()
                .enumerate()
                .filter(|(_, m)| !**m)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        });
        Comparison {
            sides: [sa, sb],
            topics: rows,
            matches,
            one_sided,
            set_aside: [Vec::new(), Vec::new()],
        }
    }
}

/// One readout after segmentation and feature extraction.
struct Analysed {
    readout: Readout,
    segments: Vec<crate::segment::Segment>,
    features: Vec<ClaimFeatures>,
}

/// Gives all claims joined by matches one topic: the one with the most keyword evidence across
/// them, so the two sides' accounts of one point land in the same topic row.
fn harmonise_topics(links: &[align::Link], sides: &mut [Analysed; 2]) {
    let na = sides[0].features.len();
    let mut parent: Vec<usize> = (0..na + sides[1].features.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for l in links {
        let (x, y) = (find(&mut parent, l.a), find(&mut parent, na + l.b));
        if x != y {
            parent[x] = y;
        }
    }
    let mut groups: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
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
        let feature = |node: usize| -> &ClaimFeatures {
            if node < na {
                &sides[0].features[node]
            } else {
                &sides[1].features[node - na]
            }
        };
        let mut totals: Vec<(usize, f32)> = Vec::new();
        for &node in members {
            let f = feature(node);
            // The primary topic counts even where it came from context, not keywords.
            let own = f.topic.map(|t| (t, 0.5));
            for (t, s) in f.topic_scores.iter().copied().chain(own) {
                match totals.iter_mut().find(|(tt, _)| *tt == t) {
                    Some(e) => e.1 += s,
                    None => totals.push((t, s)),
                }
            }
        }
        let Some((best, _)) = totals
            .iter()
            .copied()
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        else {
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

/// The file stem of a source name ("us" for "samples/x/us.txt").
fn file_stem(source: &str) -> String {
    std::path::Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned())
}
