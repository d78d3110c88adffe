//! Words of a claim as the topic and alignment stages see them: tokens, synonyms, stems, weights.

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use crate::error::{Error, Result};

/// A word of the text with its byte span and lowercase, folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Lowercase, `ё` folded to `е`, acronym dots kept inside (`"u.s"`).
    pub norm: String,
}

/// Splits text into word tokens: runs of letters and digits; "U.S." and "U.N." stay one token
/// (`u.s`), hyphens and apostrophes split.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut single_letters = c.is_alphabetic();
        let mut run_len = 1;
        while let Some(&(i, d)) = iter.peek() {
            if d.is_alphanumeric() {
                run_len += 1;
                end = i + d.len_utf8();
                iter.next();
            } else if d == '.' && single_letters && run_len == 1 {
                // Acronym: a single letter, a dot, then another single letter and a dot.
                let rest = &text[i + 1..];
                let mut rc = rest.chars();
                let (Some(l), next) = (rc.next(), rc.next()) else {
                    break;
                };
                if l.is_alphabetic() && next.is_none_or(|n| !n.is_alphanumeric()) {
                    iter.next();
                    run_len = 0;
                    end = i + 1;
                } else {
                    break;
                }
            } else {
                if run_len > 1 {
                    single_letters = false;
                }
                break;
            }
        }
        let raw = text[start..end].trim_end_matches('.');
        let norm: String = raw
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect();
        out.push(Token {
            start,
            end: start + raw.len(),
            norm,
        });
    }
    out
}

/// The word lists of `assets/stopwords.toml`: stop words of both languages and weak words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    /// English words dropped from a claim's terms.
    english: Vec<String>,
    /// Russian words dropped from a claim's terms.
    russian: Vec<String>,
    /// Reporting words every readout uses: kept, but worth little as evidence of a shared point.
    weak: Vec<String>,
}

/// The built-in word lists, parsed once, or the parser's message.
static WORD_LISTS: LazyLock<std::result::Result<WordLists, String>> = LazyLock::new(|| {
    toml::from_str(include_str!("../assets/stopwords.toml")).map_err(|e| e.message().to_string())
});

/// The built-in word lists.
///
/// # Errors
/// Never for the shipped asset (a unit test parses it).
fn word_lists() -> Result<&'static WordLists> {
    WORD_LISTS.as_ref().map_err(|message| Error::Taxonomy {
        source_name: "built-in stop words (assets/stopwords.toml)".to_string(),
        message: message.clone(),
    })
}

/// Words as string slices, sorted and deduplicated for binary search.
fn sorted_words<'a>(lists: &[&'a [String]]) -> Vec<&'a str> {
    let mut words: Vec<&str> = lists
        .iter()
        .copied()
        .flatten()
        .map(String::as_str)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Prior weight of reporting verbs, event words and the like: counted, but weak evidence.
pub const WEAK_WEIGHT: f32 = 0.25;

/// Synonym groups naming the call or meeting itself: every readout has them, so they say little
/// about which point two claims share (the opening sentences are linked by their own rule).
pub const EVENT_WORDS: &[&str] = &["call", "meeting"];

/// Synonym groups naming the parties themselves: like principals' names, they say who, not what.
pub const PARTY_WORDS: &[&str] = &["us", "russia", "china"];

/// How a term entered a claim's bag of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// An ordinary content word (stemmed).
    Word,
    /// A capitalised name or acronym not at the start of the sentence.
    Entity,
    /// A number.
    Number,
}

/// One content term of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The folded, stemmed key two claims must share.
    pub key: String,
    /// The word as written, for evidence.
    pub surface: String,
    /// Byte offset of the term in its sentence.
    pub start: usize,
    /// Byte offset one past the term's end.
    pub end: usize,
    /// Name, number or word.
    pub kind: TermKind,
    /// Prior weight (reporting verbs count less).
    pub weight: f32,
}

impl Term {
    /// A reporting verb, an event word or the like: counted by the aligner, but not something
    /// two claims meaningfully share.
    #[must_use]
    pub fn is_weak(&self) -> bool {
        (self.weight - WEAK_WEIGHT).abs() < f32::EPSILON
    }
}

#[derive(Deserialize)]
struct SynonymFile {
    groups: Vec<Vec<String>>,
}

/// Stems already computed for one text: folded word → stem.
#[derive(Debug, Default)]
pub struct StemCache(HashMap<String, String>);

/// Synonym table, stop words and stemmers.
pub struct Lexicon {
    /// English and Russian stop words, sorted for binary search.
    stop: Vec<&'static str>,
    /// Weak words (reporting verbs and the like), sorted for binary search.
    weak: Vec<&'static str>,
    /// First token of a phrase → (phrase tokens, canonical), longest phrase first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Folded words of principals' names: who speaks is not what a claim is about.
    names: std::collections::HashSet<String>,
    english: Stemmer,
    russian: Stemmer,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("phrases", &self.phrases.len())
            .finish_non_exhaustive()
    }
}

impl Lexicon {
    /// The synonym table compiled in from `assets/synonyms.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset; the error path exists for user-supplied tables.
    pub fn builtin() -> Result<Self> {
        Self::from_toml(include_str!("../assets/synonyms.toml"), "built-in synonyms")
    }

    /// Parses a synonym table.
    ///
    /// # Errors
    /// Invalid TOML or an empty group.
    pub fn from_toml(source: &str, name: &str) -> Result<Self> {
        let file: SynonymFile = toml::from_str(source).map_err(|e| Error::Taxonomy {
            source_name: name.to_string(),
            message: e.message().to_string(),
        })?;
        let mut phrases: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for group in &file.groups {
            let Some(canonical) = group.first() else {
                return Err(Error::Taxonomy {
                    source_name: name.to_string(),
                    message: "an empty synonym group".to_string(),
                });
            };
            for entry in group {
                let words: Vec<String> = tokenize(entry).into_iter().map(|t| t.norm).collect();
                let Some(first) = words.first() else { continue };
                phrases
                    .entry(first.clone())
                    .or_default()
                    .push((words, canonical.clone()));
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let lists = word_lists()?;
        Ok(Lexicon {
            stop: sorted_words(&[&lists.english, &lists.russian]),
            weak: sorted_words(&[&lists.weak]),
            phrases,
            names: std::collections::HashSet::new(),
            english: Stemmer::create(Algorithm::English),
            russian: Stemmer::create(Algorithm::Russian),
        })
    }

    /// Marks the words of principals' names ("Putin", "Wang Yi") as weak evidence; the capitalised
    /// words just before them ("Vladimir", "Joseph R.") count as part of the name.
    #[must_use]
    pub fn with_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        for name in names {
            self.names
                .extend(tokenize(name).into_iter().map(|t| t.norm));
        }
        self
    }

    /// Stems a folded word with the stemmer of its script.
    #[must_use]
    pub fn stem(&self, word: &str) -> String {
        if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            self.russian.stem(word).into_owned()
        } else {
            self.english.stem(word).into_owned()
        }
    }

    /// The content terms of a sentence: synonyms folded, stop words dropped, words stemmed.
    #[must_use]
    pub fn terms(&self, sentence: &str) -> Vec<Term> {
        self.terms_cached(sentence, &mut StemCache::default())
    }

    /// [`Lexicon::terms`] with a cache of stems, for many sentences of one text (long texts
    /// repeat their words, and stemming is most of the work).
    #[must_use]
    pub fn terms_cached(&self, sentence: &str, cache: &mut StemCache) -> Vec<Term> {
        let tokens = tokenize(sentence);
        let capitalised = |t: &Token| {
            sentence[t.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let mut is_name = vec![false; tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            if self.names.contains(&t.norm) {
                is_name[i] = true;
                for j in (i.saturating_sub(2)..i).rev() {
                    if !capitalised(&tokens[j]) {
                        break;
                    }
                    is_name[j] = true;
                }
            }
        }
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            if let Some((len, canonical)) = self.phrase_at(&tokens, i) {
                let surface = sentence[token.start..tokens[i + len - 1].end].to_string();
                let weight = if EVENT_WORDS.contains(&canonical) {
                    WEAK_WEIGHT
                } else if PARTY_WORDS.contains(&canonical) {
                    0.4
                } else {
                    1.0
                };
                out.push(Term {
                    key: format!("={canonical}"),
                    surface,
                    start: token.start,
                    end: tokens[i + len - 1].end,
                    kind: TermKind::Word,
                    weight,
                });
                i += len;
                continue;
            }
            i += 1;
            let norm = token.norm.as_str();
            if self.stop.binary_search(&norm).is_ok() {
                continue;
            }
            let surface = &sentence[token.start..token.end];
            if norm.chars().all(|c| c.is_ascii_digit()) {
                out.push(Term {
                    key: format!("#{norm}"),
                    surface: surface.to_string(),
                    start: token.start,
                    end: token.end,
                    kind: TermKind::Number,
                    weight: 1.3,
                });
                continue;
            }
            if norm.chars().count() < 2 {
                continue;
            }
            let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
            let kind = if capitalised && i > 1 {
                TermKind::Entity
            } else {
                TermKind::Word
            };
            let weight = if is_name[i - 1] {
                0.15
            } else if self.weak.binary_search(&norm).is_ok() {
                WEAK_WEIGHT
            } else if kind == TermKind::Entity {
                1.2
            } else {
                1.0
            };
            out.push(Term {
                key: match cache.0.get(norm) {
                    Some(stem) => stem.clone(),
                    None => {
                        let stem = self.stem(norm);
                        cache.0.insert(norm.to_string(), stem.clone());
                        stem
                    }
                },
                surface: surface.to_string(),
                start: token.start,
                end: token.end,
                kind,
                weight,
            });
        }
        out
    }

    /// A synonym phrase starting at token `i`: its length in tokens and canonical form.
    fn phrase_at(&self, tokens: &[Token], i: usize) -> Option<(usize, &str)> {
        let candidates = self.phrases.get(&tokens[i].norm)?;
        candidates.iter().find_map(|(words, canonical)| {
            let fits = words.len() <= tokens.len() - i
                && words.iter().zip(&tokens[i..]).all(|(w, t)| *w == t.norm);
            fits.then_some((words.len(), canonical.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_stay_whole_and_hyphens_split() {
        let norms: Vec<String> = tokenize("The U.S.-Russia talks, Лавров’s plan; Ёлка.")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(
            norms,
            [
                "the",
                "u.s",
                "russia",
                "talks",
                "лавров",
                "s",
                "plan",
                "елка"
            ]
        );
    }

    #[test]
    fn synonyms_fold_across_wording() {
        let lex = Lexicon::builtin().unwrap();
        let keys = |s: &str| -> Vec<String> { lex.terms(s).into_iter().map(|t| t.key).collect() };
        let a = keys("ransomware attacks by criminals based in Russia");
        let b = keys("cyberattacks ostensibly made from Russian territory");
        assert!(a.contains(&"=cyber".to_string()) && b.contains(&"=cyber".to_string()));
        assert!(a.contains(&"=russia".to_string()) && b.contains(&"=russia".to_string()));
    }

    #[test]
    fn word_list_asset_parses_sorted_and_without_duplicates() {
        let lists = word_lists().unwrap();
        for (name, list) in [
            ("english", &lists.english),
            ("russian", &lists.russian),
            ("weak", &lists.weak),
        ] {
            assert!(list.len() > 50, "{name}: {} words", list.len());
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {pair:?} out of order or repeated"
                );
            }
            for word in list {
                let folded: String = tokenize(word).into_iter().map(|t| t.norm).collect();
                assert_eq!(
                    &folded, word,
                    "{name}: {word:?} is not as tokenize folds it"
                );
            }
        }
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.stop.binary_search(&"the").is_ok() && lex.stop.binary_search(&"также").is_ok());
        assert!(lex.weak.binary_search(&"said").is_ok());
        assert!(lex.stop.binary_search(&"grain").is_err());
    }

    #[test]
    fn stems_by_script() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(lex.stem("negotiations"), lex.stem("negotiation"));
        assert_eq!(lex.stem("переговорах"), lex.stem("переговоры"));
    }
}
