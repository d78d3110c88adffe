//! Framing at a glance: the words each readout chooses for the same thing ("special military
//! operation" where the other says "war"), the tone it gives the call and who it says asked
//! for it, found with a lexicon (`assets/framing.toml`, replaceable) by stems and whole
//! phrases, English and Russian. [`summarize`] sums a comparison's framing up and finds its
//! contrasts.

mod summary;

use foldhash::{HashMap, HashMapExt as _, HashSet};
use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use smol_str::SmolStr;

use crate::error::{Error, Result};
use crate::lexicon::{Token, tokenize};
use crate::model::{Comparison, FramingKind, FramingTerm, Side};

pub use summary::{coverage, cuts, is_counterpart, note, said, summarize};

/// Most words a `*` of a form stands for.
const GAP_MAX: usize = 5;
/// How many words from a term a word of its context may stand.
const CONTEXT_WINDOW: usize = 12;
/// Most words after an initiative phrase read as who asked.
const BY_MAX: usize = 4;
/// Words of this many characters or fewer match only as written.
const SHORT_WORD: usize = 3;
/// A stem shorter than this says too little ("киев" stems to "ки"): such a word matches by its
/// written form, or a text word whose stem is that form ("киева" → "киев").
const MIN_STEM: usize = 4;
/// Context lists whose starts [`WordEntry::starts`] marks by word (bits `0..LIST_BITS`); any
/// further list may start at every word.
const LIST_BITS: usize = 63;
/// The bit of [`WordEntry::starts`] for exceptions.
const EXCEPT_BIT: u64 = 1 << LIST_BITS;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    context: HashMap<String, Vec<String>>,
    #[serde(default)]
    initiative: InitiativeFile,
    term: Vec<TermEntry>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InitiativeFile {
    #[serde(default)]
    stop: Vec<String>,
    #[serde(default)]
    latter: Vec<String>,
    #[serde(default)]
    party: Vec<PartyEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyEntry {
    label: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    term: String,
    kind: FramingKind,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    counterparts: Vec<String>,
    needs: Option<String>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    exact: bool,
    mark: Option<String>,
}

/// One word of a form, and how a text word matches it.
#[derive(Debug, Clone)]
struct WordPart {
    /// Folded as the tokenizer folds (lowercase, `ё` → `е`).
    norm: String,
    /// Its stem, when stems are compared and it is long enough to say something.
    stem: Option<String>,
    /// Written in capitals ("СВО"): matches only so.
    capitals: Option<String>,
    /// Matches only as written (case folded).
    exact: bool,
}

impl WordPart {
    fn matches(&self, tok: &Tok<'_>) -> bool {
        if let Some(raw) = &self.capitals {
            return tok.raw == raw;
        }
        if tok.word.norm.as_str() == self.norm {
            return true;
        }
        let stem = tok.word.stem.as_str();
        !self.exact && (self.stem.as_deref() == Some(stem) || stem == self.norm)
    }
}

/// A piece of a form: a word, or `*` (one to [`GAP_MAX`] words).
#[derive(Debug, Clone)]
enum Part {
    Word(WordPart),
    Gap,
}

/// A form compiled: its parts, and before each part the characters the form itself has there
/// besides spaces, hyphens and apostrophes (a comma in "порядок, основанный на правилах").
#[derive(Debug, Clone)]
struct Pattern {
    parts: Vec<Part>,
    seps: Vec<String>,
}

impl Pattern {
    /// The most words a match can span: one per word, [`GAP_MAX`] per `*`.
    fn max_len(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Word(_) => 1,
                Part::Gap => GAP_MAX,
            })
            .sum()
    }
}

/// A lexicon entry without its forms.
#[derive(Debug, Clone)]
struct Entry {
    term: String,
    kind: FramingKind,
    counterparts: std::sync::Arc<[String]>,
    /// Index into the contexts.
    needs: Option<usize>,
    except: Vec<Pattern>,
    /// The one word of a phrase its span marks ("initiative" of "at the initiative of").
    mark: Option<WordPart>,
}

/// A word of a text, with what matching needs of it.
#[derive(Debug)]
struct Tok<'t> {
    start: usize,
    end: usize,
    raw: &'t str,
    /// Its folded form, stem and what may start at it, kept once per distinct word.
    word: &'t WordEntry,
}

/// A form found in a sentence: tokens `from..to`, and the tokens `*` stood for.
#[derive(Debug, Clone, Copy)]
struct Hit {
    pattern: usize,
    from: usize,
    to: usize,
    gap: Option<(usize, usize)>,
}

/// The two stemmers.
struct Stemmers {
    english: Stemmer,
    russian: Stemmer,
}

impl Stemmers {
    fn new() -> Self {
        Stemmers {
            english: Stemmer::create(Algorithm::English),
            russian: Stemmer::create(Algorithm::Russian),
        }
    }

    /// Stems a folded word with the stemmer of its script.
    fn stem(&self, norm: &str) -> String {
        if is_cyrillic(norm) {
            self.russian.stem(norm).into_owned()
        } else {
            self.english.stem(norm).into_owned()
        }
    }
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Whether a word is written in capitals (two letters or more, none lowercase).
fn in_capitals(raw: &str) -> bool {
    raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && raw.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Whether the text between two words of a phrase joins them: only spaces, hyphens and
/// apostrophes, or characters the form has there.
fn joins(between: &str, extra: &str) -> bool {
    between.chars().all(|c| {
        c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | 'ʼ') || extra.contains(c)
    })
}

/// The framing lexicon, compiled for matching.
pub struct FramingLexicon {
    entries: Vec<Entry>,
    /// Every form: its entry and pattern.
    patterns: Vec<(usize, Pattern)>,
    /// First word (folded, and stemmed) → what starts with it.
    index: HashMap<String, IndexEntry>,
    /// The starts ([`WordEntry::starts`]) every word has: context lists past the mask's bits and
    /// those with a form whose first word is in capitals (matched by how it is written), and
    /// exceptions likewise.
    starts_always: u64,
    /// The context lists, by index.
    contexts: Vec<Vec<Pattern>>,
    /// Words that end who asked.
    stop: HashSet<String>,
    /// Words that say who asked is the party named last before ("the latter's").
    latter: HashSet<String>,
    /// Parties by the words that name them.
    parties: Vec<(String, Vec<Pattern>)>,
    stemmers: Stemmers,
}

impl std::fmt::Debug for FramingLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FramingLexicon")
            .field("entries", &self.entries.len())
            .field("forms", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

impl FramingLexicon {
    /// The lexicon compiled in from `assets/framing.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset (a test checks it).
    pub fn builtin() -> Result<Self> {
        Self::from_toml(include_str!("../../assets/framing.toml"), "built-in")
    }

    /// Reads a lexicon file in the format of `assets/framing.toml`.
    ///
    /// # Errors
    /// A special file, an unreadable file, invalid TOML or an invalid lexicon.
    pub fn from_path(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        if let Err(error @ Error::NotRegularFile { .. }) =
            crate::ingest::regular_file_metadata(path)
        {
            return Err(error);
        }
        let source = std::fs::read_to_string(path).map_err(|e| Error::Framing {
            source_name: name.clone(),
            message: e.to_string(),
        })?;
        Self::from_toml(&source, &name)
    }

    /// Parses a lexicon.
    ///
    /// # Errors
    /// Invalid TOML, no terms, an empty term or form, a form that begins or ends with `*`, or
    /// a `needs` that names no context list.
    pub fn from_toml(source: &str, name: &str) -> Result<Self> {
        let bad = |message: String| Error::Framing {
            source_name: name.to_string(),
            message,
        };
        let file: LexiconFile =
            toml::from_str(source).map_err(|e| bad(e.message().trim().to_string()))?;
        if file.term.is_empty() {
            return Err(bad("no [[term]] entries".to_string()));
        }
        let stemmers = Stemmers::new();
        let mut context_names: Vec<&String> = file.context.keys().collect();
        context_names.sort();
        let mut contexts = Vec::with_capacity(context_names.len());
        for list in &context_names {
            let mut patterns = Vec::new();
            for word in &file.context[*list] {
                let exact = !is_cyrillic(word);
                patterns.push(
                    compile(word, exact, &stemmers)
                        .map_err(|m| bad(format!("context {list}: {m}")))?,
                );
            }
            contexts.push(patterns);
        }
        let mut lexicon = FramingLexicon {
            entries: Vec::with_capacity(file.term.len()),
            patterns: Vec::new(),
            index: HashMap::new(),
            starts_always: 0,
            contexts,
            stop: folded(&file.initiative.stop),
            latter: folded(&file.initiative.latter),
            parties: Vec::new(),
            stemmers,
        };
        for party in &file.initiative.party {
            let mut patterns = Vec::new();
            for word in &party.words {
                patterns.push(
                    compile(word, false, &lexicon.stemmers)
                        .map_err(|m| bad(format!("party {}: {m}", party.label)))?,
                );
            }
            lexicon.parties.push((party.label.clone(), patterns));
        }
        for entry in file.term {
            let what = |m: String| bad(format!("term \"{}\": {m}", entry.term));
            let needs = match &entry.needs {
                Some(list) => Some(
                    context_names
                        .iter()
                        .position(|n| *n == list)
                        .ok_or_else(|| what(format!("needs \"{list}\", which [context] lacks")))?,
                ),
                None => None,
            };
            let mut except = Vec::new();
            for phrase in &entry.except {
                except.push(compile(phrase, entry.exact, &lexicon.stemmers).map_err(&what)?);
            }
            let mark = match &entry.mark {
                Some(word) => match compile(word, entry.exact, &lexicon.stemmers)
                    .map_err(&what)?
                    .parts
                    .as_slice()
                {
                    [Part::Word(w)] => Some(w.clone()),
                    _ => return Err(what(format!("mark \"{word}\" is not one word"))),
                },
                None => None,
            };
            let e = lexicon.entries.len();
            for form in std::iter::once(&entry.term).chain(&entry.forms) {
                let pattern = compile(form, entry.exact, &lexicon.stemmers).map_err(&what)?;
                let p = lexicon.patterns.len();
                if let Some(Part::Word(first)) = pattern.parts.first() {
                    let keys = std::iter::once(&first.norm).chain(first.stem.as_ref());
                    for key in keys.collect::<HashSet<_>>() {
                        lexicon
                            .index
                            .entry(key.clone())
                            .or_default()
                            .patterns
                            .push(p);
                    }
                }
                lexicon.patterns.push((e, pattern));
            }
            lexicon.entries.push(Entry {
                term: entry.term,
                kind: entry.kind,
                counterparts: entry.counterparts.into(),
                needs,
                except,
                mark,
            });
        }
        lexicon.index_starts();
        Ok(lexicon)
    }

    /// Marks in the index the words that may start a form of each context list, or of any
    /// exception ([`WordEntry::starts`]).
    fn index_starts(&mut self) {
        let lists = self
            .contexts
            .iter()
            .enumerate()
            .filter(|(c, _)| *c < LIST_BITS)
            .flat_map(|(c, list)| list.iter().map(move |p| (1_u64 << c, p)));
        let excepts = self
            .entries
            .iter()
            .flat_map(|e| &e.except)
            .map(|p| (EXCEPT_BIT, p));
        let mut keys = Vec::new();
        let mut always = 0;
        for (bit, pattern) in lists.chain(excepts) {
            let Some(Part::Word(first)) = pattern.parts.first() else {
                always |= bit;
                continue;
            };
            if first.capitals.is_some() {
                always |= bit;
            }
            keys.push((first.norm.clone(), bit));
            if let Some(stem) = &first.stem {
                keys.push((stem.clone(), bit));
            }
        }
        for (key, bit) in keys {
            self.index.entry(key).or_default().starts |= bit;
        }
        self.starts_always = always;
    }

    /// How many entries the lexicon has.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no entries (never: parsing refuses one).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The framing terms of one sentence, in text order, with byte spans offset by `offset`
    /// (the sentence's start in its readout). Who asked for the call is left to
    /// [`FramingLexicon::annotate`], which knows the two sides.
    #[must_use]
    pub fn find(&self, sentence: &str, offset: usize) -> Vec<FramingTerm> {
        self.find_cached(sentence, &tokenize(sentence), offset, &mut Words::default())
    }

    /// [`FramingLexicon::find`] with a cache of each word's stem and patterns for the
    /// sentences of one text.
    fn find_cached(
        &self,
        sentence: &str,
        tokens: &[Token],
        offset: usize,
        words: &mut Words,
    ) -> Vec<FramingTerm> {
        if !self.word_ids(tokens, words) {
            return Vec::new();
        }
        let toks = toks(sentence, tokens, words);
        let mut hits = Vec::new();
        for i in 0..toks.len() {
            for &p in &toks[i].word.patterns {
                if let Some((to, gap)) = walk(&self.patterns[p].1, 0, &toks, i, sentence) {
                    hits.push(Hit {
                        pattern: p,
                        from: i,
                        to,
                        gap,
                    });
                }
            }
        }
        hits.retain(|h| self.stands(h, &toks, sentence));
        // Earliest first; at one place the longest phrase, then the lexicon's order.
        hits.sort_by_key(|h| {
            (
                toks[h.from].start,
                std::cmp::Reverse(toks[h.to - 1].end),
                h.pattern,
            )
        });
        let mut out: Vec<FramingTerm> = Vec::new();
        let mut taken_to = 0;
        for h in hits {
            let (start, end) = (toks[h.from].start, toks[h.to - 1].end);
            if start < taken_to {
                continue;
            }
            taken_to = end;
            let entry = &self.entries[self.patterns[h.pattern].0];
            let by = match (entry.kind, h.gap) {
                (FramingKind::Initiative, Some((s, e))) => Some((s, e)),
                (FramingKind::Initiative, None) => self.named_after(&toks, h.to, sentence),
                _ => None,
            };
            // An initiative keeps its phrase with who asked; a term whose span marks one word
            // keeps its whole phrase.
            let whole = &sentence[start..by.map_or(end, |(_, e)| e.max(end))];
            let in_gap = |j: usize| {
                h.gap
                    .is_some_and(|(s, e)| toks[j].start >= s && toks[j].end <= e)
            };
            let marked = entry
                .mark
                .as_ref()
                .and_then(|w| (h.from..h.to).find(|&j| !in_gap(j) && w.matches(&toks[j])))
                .map(|j| (toks[j].start, toks[j].end));
            let phrase = (entry.kind == FramingKind::Initiative
                || marked.is_some_and(|m| m != (start, end)))
            .then(|| whole.to_string());
            let (start, end) = marked.unwrap_or((start, end));
            out.push(FramingTerm {
                term: entry.term.clone(),
                kind: entry.kind,
                start: offset + start,
                end: offset + end,
                counterparts: entry.counterparts.clone(),
                by: by.map(|(s, e)| sentence[s..e].to_string()),
                phrase,
                initiator: None,
            });
        }
        out
    }

    /// Whether a hit stands: not inside one of its entry's exceptions, and near a word of the
    /// context it needs.
    fn stands(&self, h: &Hit, toks: &[Tok<'_>], text: &str) -> bool {
        let entry = &self.entries[self.patterns[h.pattern].0];
        // Only an exception that starts close enough to reach past the hit can cover it (trying
        // every start made one very long sentence take seconds).
        let inside_exception = entry.except.iter().any(|pattern| {
            (h.to.saturating_sub(pattern.max_len())..=h.from).any(|s| {
                toks[s].word.starts & EXCEPT_BIT != 0
                    && walk(pattern, 0, toks, s, text).is_some_and(|(e, _)| e >= h.to)
            })
        });
        if inside_exception {
            return false;
        }
        let Some(context) = entry.needs else {
            return true;
        };
        let lo = h.from.saturating_sub(CONTEXT_WINDOW);
        let hi = (h.to + CONTEXT_WINDOW).min(toks.len());
        // Where a form of the list may start, any form that matches there.
        (lo..hi).any(|s| {
            (s < h.from || s >= h.to)
                && toks[s].word.may_start(context)
                && self.contexts[context]
                    .iter()
                    .any(|pattern| walk(pattern, 0, toks, s, text).is_some())
        })
    }

    /// Who asked, from the words after an initiative phrase: up to [`BY_MAX`] words joined by
    /// spaces, stopping at punctuation or a stop word; their byte span in the sentence.
    fn named_after(&self, toks: &[Tok<'_>], from: usize, text: &str) -> Option<(usize, usize)> {
        let mut last = None;
        for j in from..toks.len().min(from + BY_MAX) {
            let between = &text[toks[j - 1].end..toks[j].start];
            if !joins(between, "") || self.stop.contains(toks[j].word.norm.as_str()) {
                break;
            }
            last = Some(j);
        }
        last.map(|j| (toks[from].start, toks[j].end))
    }

    /// The party the lexicon's words name in `words` ("the Russian side’s" → "Russia").
    #[must_use]
    pub fn party_named(&self, words: &str) -> Option<&str> {
        let mut cache = Words::default();
        let toks = self.tokens(words, &tokenize(words), &mut cache);
        self.parties
            .iter()
            .find(|(_, patterns)| {
                patterns
                    .iter()
                    .any(|p| (0..toks.len()).any(|s| walk(p, 0, &toks, s, words).is_some()))
            })
            .map(|(label, _)| label.as_str())
    }

    /// Finds the framing of every claim and set-aside sentence of both sides, says which side
    /// asked for the call where a readout names who did (`names` gives the party of a
    /// principal's name, as [`crate::party::Parties`] knows them; the lexicon's party words
    /// are tried next), and sums the framing up in [`Comparison::framing`].
    pub fn annotate(&self, cmp: &mut Comparison, names: &(dyn Fn(&str) -> Option<String> + Sync)) {
        let labels = [0, 1].map(|k| cmp.sides[k].readout.label.clone());
        let spans = [0, 1].map(|k| {
            cmp.sides[k]
                .claims
                .iter()
                .chain(&cmp.set_aside[k])
                .map(|c| (c.start, c.end))
                .collect::<Vec<_>>()
        });
        // The two sides at once (long readouts spend a noticeable part of a comparison here).
        let found = std::thread::scope(|scope| {
            let b = scope
                .spawn(|| self.find_claims(&cmp.sides[1].readout.text, &spans[1], &labels, names));
            let a = self.find_claims(&cmp.sides[0].readout.text, &spans[0], &labels, names);
            [a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e))]
        });
        Self::annotate_found(cmp, found);
    }

    /// Lays framing found by [`FramingLexicon::find_claims`] on a comparison's claims (each
    /// side's claims, then its set-aside sentences, in order) and sums it up in
    /// [`Comparison::framing`]. A comparison still being made can have its framing found on
    /// another thread while the rest of the work goes on.
    pub fn annotate_found(cmp: &mut Comparison, found: [Vec<Vec<FramingTerm>>; 2]) {
        for (k, terms) in found.into_iter().enumerate() {
            let side = &mut cmp.sides[k];
            for (claim, terms) in side
                .claims
                .iter_mut()
                .chain(cmp.set_aside[k].iter_mut())
                .zip(terms)
            {
                claim.framing = terms;
            }
        }
        cmp.framing = summarize(cmp);
    }

    /// The framing of the claims of one readout `text` (`spans` are their byte ranges), with
    /// who asked for the call resolved to one of the sides labelled `labels` (see
    /// [`FramingLexicon::annotate`] for `names`).
    pub fn find_claims(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        labels: &[String; 2],
        names: &(dyn Fn(&str) -> Option<String> + Sync),
    ) -> Vec<Vec<FramingTerm>> {
        self.find_claims_tokenized(text, spans, None, labels, names)
    }

    /// [`FramingLexicon::find_claims`] with each claim's tokens already cut
    /// (`lexicon::tokenize` of the claim's text, one list per span, as the analysis cut them);
    /// `None`, or a list of another length, cuts them here. Each list is freed once read.
    pub fn find_claims_tokenized(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        tokens: Option<Vec<Vec<Token>>>,
        labels: &[String; 2],
        names: &(dyn Fn(&str) -> Option<String> + Sync),
    ) -> Vec<Vec<FramingTerm>> {
        let mut tokens = tokens
            .filter(|t| t.len() == spans.len())
            .map(Vec::into_iter);
        // The side whose label is (or names) a party.
        let side_of = |party: &str| {
            Side::BOTH.into_iter().find(|s| {
                let label = &labels[s.index()];
                label.eq_ignore_ascii_case(party)
                    || self.party_named(label) == Some(party)
                    || names(label).as_deref() == Some(party)
            })
        };
        let mut words = Words::default();
        let mut out = Vec::with_capacity(spans.len());
        for &(start, end) in spans {
            let claim_text = text.get(start..end).unwrap_or_default();
            let claim_tokens = tokens
                .as_mut()
                .and_then(Iterator::next)
                .unwrap_or_else(|| tokenize(claim_text));
            let mut framing = self.find_cached(claim_text, &claim_tokens, start, &mut words);
            for term in &mut framing {
                let Some(by) = term.by.as_deref() else {
                    continue;
                };
                let party = |words: &str| {
                    names(words).or_else(|| self.party_named(words).map(String::from))
                };
                let asked = if tokenize(by)
                    .iter()
                    .any(|t| self.latter.contains(t.norm.as_str()))
                {
                    let before = claim_text.get(..term.start - start).unwrap_or_default();
                    last_named(before, &party)
                } else {
                    party(by)
                };
                term.initiator = asked.and_then(|p| side_of(&p));
            }
            out.push(framing);
        }
        out
    }

    /// Puts in `words.ids` the id in `words` of each word of a text, each distinct word looked
    /// up once per text; whether a pattern may start at any of them.
    fn word_ids(&self, tokens: &[Token], words: &mut Words) -> bool {
        let mut any = false;
        let mut ids = std::mem::take(&mut words.ids);
        ids.clear();
        ids.extend(tokens.iter().map(|t| {
            let id = words.id(&t.norm, |norm| self.word_entry(norm));
            any |= words.entries[id as usize].has_patterns;
            id
        }));
        words.ids = ids;
        any
    }

    /// The words of a text with their folded forms, stems and the patterns that may start at
    /// them, each word's looked up once per text in `words`.
    fn tokens<'t>(&self, text: &'t str, tokens: &[Token], words: &'t mut Words) -> Vec<Tok<'t>> {
        self.word_ids(tokens, words);
        toks(text, tokens, words)
    }

    /// A word's stem, and the patterns whose first word is the word or its stem (those of the
    /// word first, each once, in the index's order).
    fn word_entry(&self, norm: &SmolStr) -> WordEntry {
        let stem = SmolStr::from(self.stemmers.stem(norm));
        let mut patterns: Vec<usize> = Vec::new();
        let mut starts = self.starts_always;
        for key in [norm.as_str(), stem.as_str()] {
            let Some(entry) = self.index.get(key) else {
                continue;
            };
            starts |= entry.starts;
            for &p in &entry.patterns {
                if !patterns.contains(&p) {
                    patterns.push(p);
                }
            }
        }
        WordEntry {
            norm: norm.clone(),
            stem,
            has_patterns: !patterns.is_empty(),
            patterns: patterns.into(),
            starts,
        }
    }
}

/// What [`FramingLexicon::tokens`] keeps of each word of a text.
#[derive(Debug)]
struct WordEntry {
    /// The word folded as the tokenizer folds it.
    norm: SmolStr,
    stem: SmolStr,
    /// Whether `patterns` has any.
    has_patterns: bool,
    /// The patterns that may start at the word.
    patterns: Box<[usize]>,
    /// Bit `c` (below [`LIST_BITS`]): a form of context list `c` may start at the word;
    /// [`EXCEPT_BIT`]: an exception may. Unset, none can (its first word cannot match).
    starts: u64,
}

impl WordEntry {
    /// Whether a form of context list `c` may start at the word.
    fn may_start(&self, c: usize) -> bool {
        c >= LIST_BITS || self.starts & (1 << c) != 0
    }
}

/// The patterns and starts under one key of the index.
#[derive(Debug, Default)]
struct IndexEntry {
    patterns: Vec<usize>,
    starts: u64,
}

/// Each distinct word of the texts read so far, looked up once: ids by folded form.
#[derive(Debug, Default)]
struct Words {
    /// Ids of words of up to 16 bytes, by [`short_key`].
    short: HashMap<u128, u32>,
    /// Ids of the longer words.
    long: HashMap<SmolStr, u32>,
    entries: Vec<WordEntry>,
    /// The ids of the last text's words ([`FramingLexicon::word_ids`]).
    ids: Vec<u32>,
}

impl Words {
    /// The id of a folded word, its entry made by `entry` the first time.
    #[inline]
    fn id(&mut self, norm: &SmolStr, entry: impl FnOnce(&SmolStr) -> WordEntry) -> u32 {
        let next = u32::try_from(self.entries.len()).expect("fewer than 2^32 words");
        let id = match short_key(norm) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.long.entry(norm.clone()).or_insert(next),
        };
        if id == next {
            self.entries.push(entry(norm));
        }
        id
    }
}

/// A word of up to 16 bytes, not ending in a NUL, as its bytes padded with NULs: distinct words
/// have distinct keys.
#[inline]
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 || bytes.last() == Some(&0) {
        return None;
    }
    let mut buf = [0_u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_le_bytes(buf))
}

/// The words of a text, their entries in `words` by `words.ids`.
fn toks<'t>(text: &'t str, tokens: &[Token], words: &'t Words) -> Vec<Tok<'t>> {
    tokens
        .iter()
        .zip(&words.ids)
        .map(|(t, &id)| Tok {
            start: t.start,
            end: t.end,
            raw: &text[t.start..t.end],
            word: &words.entries[id as usize],
        })
        .collect()
}

/// The words of a list folded as the tokenizer folds them.
fn folded(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .flat_map(|w| tokenize(w))
        .map(|t| t.norm.into())
        .collect()
}

/// The party named last in `text`: the party of its shortest tail that names one.
fn last_named(text: &str, party: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    tokenize(text)
        .iter()
        .rev()
        .find_map(|t| party(&text[t.start..]))
}

/// Compiles one form: its words and `*`s, and the separators the form has between them.
fn compile(form: &str, exact: bool, stemmers: &Stemmers) -> std::result::Result<Pattern, String> {
    let tokens = tokenize(form);
    let mut parts = Vec::new();
    let mut seps = Vec::new();
    let mut at = 0;
    for t in &tokens {
        let extra = between_words(&form[at..t.start], &mut parts, &mut seps);
        let raw = &form[t.start..t.end];
        let short = t.norm.chars().count() <= SHORT_WORD || t.norm.contains('.');
        let stem = stemmers.stem(&t.norm);
        let exact = exact || short;
        parts.push(Part::Word(WordPart {
            capitals: in_capitals(raw).then(|| raw.to_string()),
            stem: (!exact && stem.chars().count() >= MIN_STEM).then_some(stem),
            norm: t.norm.to_string(),
            exact,
        }));
        seps.push(extra);
        at = t.end;
    }
    between_words(&form[at..], &mut parts, &mut seps);
    match (parts.first(), parts.last()) {
        (None, _) => Err(format!("\"{form}\" has no words")),
        (Some(Part::Gap), _) | (_, Some(Part::Gap)) => {
            Err(format!("\"{form}\" begins or ends with *"))
        }
        _ => Ok(Pattern { parts, seps }),
    }
}

/// What stands between two words of a form: each `*` becomes a gap part (with the separators
/// before it); returns the separators, besides spaces, hyphens and apostrophes, left before the
/// next word.
fn between_words(between: &str, parts: &mut Vec<Part>, seps: &mut Vec<String>) -> String {
    let mut extra = String::new();
    for c in between.chars() {
        if c == '*' {
            parts.push(Part::Gap);
            seps.push(std::mem::take(&mut extra));
        } else if !joins(c.encode_utf8(&mut [0; 4]), "") {
            extra.push(c);
        }
    }
    extra
}

/// Matches parts `k..` of a pattern from token `j`: the token after the match, and the span of
/// the words `*` stood for.
fn walk(
    pattern: &Pattern,
    k: usize,
    toks: &[Tok<'_>],
    j: usize,
    text: &str,
) -> Option<(usize, Option<(usize, usize)>)> {
    let Some(part) = pattern.parts.get(k) else {
        return Some((j, None));
    };
    let joined =
        |j: usize, extra: &str| j == 0 || joins(&text[toks[j - 1].end..toks[j].start], extra);
    match part {
        Part::Word(word) => {
            let tok = toks.get(j)?;
            if (k > 0 && !joined(j, &pattern.seps[k])) || !word.matches(tok) {
                return None;
            }
            walk(pattern, k + 1, toks, j + 1, text)
        }
        Part::Gap => {
            for n in 1..=GAP_MAX {
                let last = j + n - 1;
                if last >= toks.len() {
                    return None;
                }
                let extra = if n == 1 { pattern.seps[k].as_str() } else { "" };
                if !joined(last, extra) {
                    return None;
                }
                if let Some((to, _)) = walk(pattern, k + 1, toks, j + n, text) {
                    return Some((to, Some((toks[j].start, toks[last].end))));
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests;
