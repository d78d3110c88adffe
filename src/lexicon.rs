//! Words of a claim as the topic and alignment stages see them: tokens, synonyms, stems, weights.

use foldhash::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use smol_str::SmolStr;

use crate::error::{Error, Result};

/// A word of the text with its byte span and lowercase, folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Lowercase, `ё` folded to `е`, acronym dots kept inside (`"u.s"`). Held inline: a
    /// readout's words are short, and a long comparison cuts a million of them.
    pub norm: SmolStr,
}

/// `c.is_alphanumeric()`, answered without Unicode's tables for ASCII, the Russian alphabet and
/// general punctuation (dashes, curly quotes), which are nearly all the characters of a readout.
#[must_use]
#[inline]
pub fn is_word_char(c: char) -> bool {
    answered(c, char::is_ascii_alphanumeric, char::is_alphanumeric)
}

/// `c.is_alphabetic()`, with the fast paths of [`is_word_char`].
#[must_use]
#[inline]
pub fn is_letter(c: char) -> bool {
    answered(c, char::is_ascii_alphabetic, char::is_alphabetic)
}

/// `general(c)`, answered by `ascii` for ASCII, `true` for the Russian alphabet and `false` for
/// general punctuation, where it gives those answers.
#[inline]
fn answered(c: char, ascii: fn(&char) -> bool, general: fn(char) -> bool) -> bool {
    match c {
        _ if c.is_ascii() => ascii(&c),
        'А'..='я' | 'Ё' | 'ё' => true,
        '\u{2000}'..='\u{206F}' => false,
        _ => general(c),
    }
}

/// Splits text into word tokens: runs of letters and digits; "U.S." and "U.N." stay one token
/// (`u.s`), hyphens and apostrophes split.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    LOWERED.with_borrow_mut(|lowered| tokenize_with(text, lowered))
}

thread_local! {
    /// Where [`tokenize`] lowers a word that has capitals, kept for the thread's next word (an
    /// owned string, so lowering needs no check that the bytes are still UTF-8).
    static LOWERED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// What [`tokenize`] reads a byte as ([`BYTE_CLASS`]): part of an ASCII word…
const WORD_BYTE: u8 = 1;
/// …an ASCII capital…
const CAPITAL_BYTE: u8 = 2;
/// …or a byte of a character outside ASCII (0 for the rest of ASCII, which words do not hold).
const WIDE_BYTE: u8 = 4;

/// Each byte's class ([`WORD_BYTE`], [`CAPITAL_BYTE`], [`WIDE_BYTE`]).
static BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        #[expect(clippy::cast_possible_truncation, reason = "b < 256")]
        let byte = b as u8;
        class[b] = if !byte.is_ascii() {
            WIDE_BYTE
        } else if byte.is_ascii_uppercase() {
            WORD_BYTE | CAPITAL_BYTE
        } else if byte.is_ascii_alphanumeric() {
            WORD_BYTE
        } else {
            0
        };
        b += 1;
    }
    class
};

/// [`tokenize`], lowering words in `lowered`.
fn tokenize_with(text: &str, lowered: &mut String) -> Vec<Token> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    // About one word in six bytes of prose.
    let mut out = Vec::with_capacity(len / 6);
    let mut i = 0;
    while i < len {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class == 0 {
            i += 1;
            continue;
        }
        let start = i;
        // A run of ASCII letters and digits ends most words: at a byte no word holds other than
        // the dot of an acronym.
        let mut seen = 0;
        if class & WORD_BYTE != 0 {
            while let Some(&b) = bytes.get(i) {
                let class = BYTE_CLASS[usize::from(b)];
                if class & WORD_BYTE == 0 {
                    break;
                }
                seen |= class;
                i += 1;
            }
        }
        let ascii_word = i > start
            && bytes
                .get(i)
                .is_none_or(|&b| match BYTE_CLASS[usize::from(b)] {
                    0 => b != b'.' || i - start > 1,
                    _ => !is_word_char(char_at(text, i).0),
                });
        let norm = if ascii_word {
            let raw = &text[start..i];
            if seen & CAPITAL_BYTE == 0 {
                inline_or_new(raw)
            } else {
                lowered.clear();
                lowered.push_str(raw);
                lowered.make_ascii_lowercase();
                inline_or_new(lowered)
            }
        } else {
            let (next, end) = word_at(text, start);
            i = next;
            if end == start {
                continue;
            }
            let raw = &text[start..end];
            let norm = if raw.is_ascii() {
                ascii_lowercase(raw)
            } else {
                fold_word(raw, lowered)
            };
            out.push(Token { start, end, norm });
            continue;
        };
        out.push(Token {
            start,
            end: i,
            norm,
        });
    }
    out
}

/// The word at byte `start` of `text`, as characters: where reading goes on, and the end of
/// the word (`start` if no word starts there).
fn word_at(text: &str, start: usize) -> (usize, usize) {
    let len = text.len();
    let (c, width) = char_at(text, start);
    let mut i = start + width;
    if !is_word_char(c) {
        return (i, start);
    }
    let mut end = i;
    let single_letters = is_letter(c);
    let mut run_len = 1;
    while i < len {
        let (d, width) = char_at(text, i);
        if is_word_char(d) {
            run_len += 1;
            i += width;
            end = i;
        } else if d == '.' && single_letters && run_len == 1 {
            // Acronym: a single letter, a dot, then another single letter and a dot.
            let mut rc = text[i + 1..].chars();
            let (Some(l), next) = (rc.next(), rc.next()) else {
                break;
            };
            if is_letter(l) && next.is_none_or(|n| !is_word_char(n)) {
                i += 1;
                run_len = 0;
                end = i;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let raw = text[start..end].trim_end_matches('.');
    (i, start + raw.len())
}

/// `word.to_ascii_lowercase()` of an ASCII word.
fn ascii_lowercase(word: &str) -> SmolStr {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        SmolStr::from(word.to_ascii_lowercase())
    } else {
        inline_or_new(word)
    }
}

/// `SmolStr::new(word)`, built in place when the word fits inline (as nearly all words do).
#[inline]
fn inline_or_new(word: &str) -> SmolStr {
    if word.len() <= 23 {
        SmolStr::new_inline(word)
    } else {
        SmolStr::new(word)
    }
}

/// The character at byte `i` of `text` (a character boundary) and its width in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// A word lowercased, `ё` folded to `е`: ASCII and the Russian alphabet lowered into `buf`,
/// other words through Unicode's tables.
fn fold_word(raw: &str, buf: &mut String) -> SmolStr {
    buf.clear();
    for c in raw.chars() {
        buf.push(match c {
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            'Ё' | 'ё' => 'е',
            'А'..='Я' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
            'а'..='я' => c,
            _ => return fold_general(raw),
        });
    }
    inline_or_new(buf)
}

/// [`fold_word`] through Unicode's tables.
fn fold_general(raw: &str) -> SmolStr {
    raw.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
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

/// The words of several lists as one set of string slices.
fn word_set<'a>(lists: &[&'a [String]]) -> foldhash::HashSet<&'a str> {
    lists
        .iter()
        .copied()
        .flatten()
        .map(String::as_str)
        .collect()
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

/// One content term of a claim. The word as written is not kept: it is the claim's text at
/// `start..end` ([`Term::surface`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The folded, stemmed key two claims must share (inline for short keys, as are most).
    pub key: SmolStr,
    /// Byte offset of the term in its sentence.
    pub start: usize,
    /// Byte offset one past the term's end.
    pub end: usize,
    /// Name, number or word.
    pub kind: TermKind,
    /// Prior weight (reporting verbs count less).
    pub weight: f32,
}

/// A term key's first eight bytes and length, compared before the key itself: two keys with
/// equal probes are equal when they are at most eight bytes long, and most unequal keys differ
/// in one or the other (comparing the whole key takes a call per pair).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyProbe(u64, usize);

impl KeyProbe {
    /// The probe of `key`.
    #[must_use]
    pub fn of(key: &str) -> Self {
        let bytes = key.as_bytes();
        let mut head = [0u8; 8];
        let n = bytes.len().min(8);
        head[..n].copy_from_slice(&bytes[..n]);
        KeyProbe(u64::from_le_bytes(head), bytes.len())
    }

    /// Each term's key with its probe, for comparing one claim's keys with another's.
    #[must_use]
    pub fn keys(terms: &[Term]) -> Vec<(&str, KeyProbe)> {
        terms
            .iter()
            .map(|t| (t.key.as_str(), KeyProbe::of(&t.key)))
            .collect()
    }

    /// Whether `key`, whose probe this is, equals `other`, whose probe is `probe`.
    #[must_use]
    #[inline]
    pub fn same(self, key: &str, probe: KeyProbe, other: &str) -> bool {
        self == probe && (self.1 <= 8 || key == other)
    }
}

impl Term {
    /// The word (or phrase) as written, for evidence: `sentence` at the term's offsets, where
    /// `sentence` is the text the term was found in (empty if the offsets do not fit it).
    #[must_use]
    pub fn surface<'s>(&self, sentence: &'s str) -> &'s str {
        sentence.get(self.start..self.end).unwrap_or_default()
    }

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

/// What a synonym or lexicon entry stands for.
#[derive(Debug, Clone)]
enum Target {
    /// A synonym group: the key of its term (`=` and its canonical form) and the term's weight.
    Group(SmolStr, f32),
    /// The terms of an English word or phrase (a Russian entry of the bilingual lexicon), and
    /// the phrase's folded words (its gloss).
    English(Vec<TargetTerm>, Vec<SmolStr>),
    /// A Russian set phrase whose words mean something else alone ("в связи с", in connection
    /// with, not communication): its words give no terms.
    Nothing,
}

/// One term an English lexicon entry gives.
#[derive(Debug, Clone)]
struct TargetTerm {
    key: SmolStr,
    kind: TermKind,
    weight: f32,
}

/// The target of a synonym group whose canonical form is `canonical`.
fn group_target(canonical: &str) -> Target {
    let weight = if EVENT_WORDS.contains(&canonical) {
        WEAK_WEIGHT
    } else if PARTY_WORDS.contains(&canonical) {
        0.4
    } else {
        1.0
    };
    Target::Group(smol_str::format_smolstr!("={canonical}"), weight)
}

/// The terms of a matched synonym or lexicon phrase, written at `start..end` of its sentence.
fn phrase_terms(target: &Target, start: usize, end: usize, out: &mut Vec<Term>) {
    match target {
        Target::Group(key, weight) => out.push(Term {
            key: key.clone(),
            start,
            end,
            kind: TermKind::Word,
            weight: *weight,
        }),
        Target::English(terms, _) => out.extend(terms.iter().map(|t| Term {
            key: t.key.clone(),
            start,
            end,
            kind: t.kind,
            weight: t.weight,
        })),
        Target::Nothing => {}
    }
}

/// Whether a word is written in Cyrillic: has a character of U+0400..=U+04FF, the characters
/// whose UTF-8 starts with a byte 0xD0..=0xD3 (no other byte of UTF-8 is one of those).
fn is_cyrillic(word: &str) -> bool {
    word.bytes().any(|b| (0xD0..=0xD3).contains(&b))
}

/// Inflections a Russian word's ending can show, as bits: what the stemmer took off a word
/// tells a noun's case ending from a verb's ("договора" a treaty's, "договорились" agreed, one
/// stem `договор`), so a lexicon entry takes only the forms of its own word.
mod inflection {
    /// A noun's ending (and the bare stem).
    pub const NOUN: u8 = 1;
    /// An adjective's ending.
    pub const ADJECTIVE: u8 = 2;
    /// An adjective's ending after a doubled "н" the stemmer made single ("вооруженные",
    /// armed, against "вооружения", armaments).
    pub const ADJECTIVE_NN: u8 = 4;
    /// A verb's ending (finite, past, infinitive, gerund, reflexive).
    pub const VERB: u8 = 8;
    /// Any word: an English one, or a Russian ending not told apart.
    pub const ANY: u8 = 15;
}

/// Endings the Russian Snowball stemmer removes, by kind (its lists).
const NOUN_ENDINGS: &[&str] = &[
    "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой",
    "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию",
    "ью", "ю", "ия", "ья", "я",
];
const ADJECTIVE_ENDINGS: &[&str] = &[
    "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его",
    "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
];
const PARTICIPLE_SUFFIXES: &[&str] = &["ивш", "ывш", "ующ", "ем", "нн", "вш", "ющ", "щ"];
const VERB_ENDINGS: &[&str] = &[
    "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь",
    "нно", "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им",
    "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь",
    "ую", "ю", "в", "вши", "ив", "ивши", "ыв", "ывши",
];

/// The inflections (bits of [`inflection`]) the ending `ending` can be: what the stemmer took
/// off a Russian word. An ending of none of the stemmer's kinds is read as any.
fn ending_kinds(ending: &str) -> u8 {
    use inflection::{ADJECTIVE, ADJECTIVE_NN, ANY, NOUN, VERB};
    let (ending, reflexive) = match ending
        .strip_suffix("ся")
        .or_else(|| ending.strip_suffix("сь"))
    {
        Some(rest) => (rest, true),
        None => (ending, false),
    };
    let base = |e: &str| {
        let mut kinds = 0;
        if e.is_empty() || NOUN_ENDINGS.contains(&e) {
            kinds |= NOUN;
        }
        // "подробно", "российско-": a short adjective or an adverb.
        if e == "о" || ADJECTIVE_ENDINGS.contains(&e) {
            kinds |= ADJECTIVE;
        }
        if VERB_ENDINGS.contains(&e) {
            kinds |= VERB;
        }
        if PARTICIPLE_SUFFIXES.iter().any(|p| {
            e.strip_prefix(p)
                .is_some_and(|rest| ADJECTIVE_ENDINGS.contains(&rest))
        }) {
            kinds |= ADJECTIVE | VERB;
        }
        kinds
    };
    let mut kinds = base(ending);
    if let Some(rest) = ending.strip_prefix('н')
        && (rest == "о" || ADJECTIVE_ENDINGS.contains(&rest))
    {
        kinds |= ADJECTIVE_NN;
    }
    if ending.starts_with("ост") {
        kinds |= NOUN;
    }
    if ending.starts_with("ейш") {
        kinds |= ADJECTIVE;
    }
    if kinds == 0
        && let Some(rest) = ending.strip_prefix('и')
    {
        kinds = base(rest);
    }
    if reflexive {
        kinds = VERB | (kinds & ADJECTIVE);
    }
    if kinds == 0 { ANY } else { kinds }
}

/// The inflections a folded word can be, from its stem: [`ending_kinds`] of what the stemmer
/// took off a Russian word, any for other words.
fn word_kinds(norm: &str, stem: &str) -> u8 {
    if !is_cyrillic(norm) {
        return inflection::ANY;
    }
    norm.strip_prefix(stem)
        .map_or(inflection::ANY, ending_kinds)
}

/// One word of a synonym or lexicon phrase, as a token must be to match it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PhraseWord {
    /// What the token's key must be: a Russian word's stem, an English word as is.
    key: String,
    /// The inflections the token may show ([`inflection`] bits): those of the entry's own word.
    kinds: u8,
    /// A Russian entry written `=форма`: the token must be this form (the stemmer joins words
    /// no ending tells apart: "грузия", Georgia, and "груз", cargo).
    exact: Option<SmolStr>,
}

/// The words of a synonym or lexicon entry as tokens must be to match them: a Russian word by
/// its stem and the kind of its ending, or as written when the entry starts with `=`; an English
/// word as is.
fn phrase_words(russian: &Stemmer, entry: &str) -> Vec<PhraseWord> {
    let exact = entry.trim_start().starts_with('=');
    tokenize(entry)
        .into_iter()
        .map(|t| {
            if is_cyrillic(&t.norm) {
                let stem = russian.stem(&t.norm).into_owned();
                PhraseWord {
                    kinds: word_kinds(&t.norm, &stem),
                    key: stem,
                    exact: exact.then(|| t.norm.clone()),
                }
            } else {
                PhraseWord {
                    key: t.norm.into(),
                    kinds: inflection::ANY,
                    exact: None,
                }
            }
        })
        .collect()
}

/// Puts a list of phrases in the order they are tried: longest first, then those written as
/// exact forms (first come first otherwise).
fn order_phrases(list: &mut [(Vec<PhraseWord>, Target)]) {
    list.sort_by_key(|(words, _)| {
        (
            std::cmp::Reverse(words.len()),
            std::cmp::Reverse(words.iter().filter(|w| w.exact.is_some()).count()),
        )
    });
}

/// Stems a folded word with the stemmer of its script.
fn stem_with(english: &Stemmer, russian: &Stemmer, word: &str) -> String {
    if is_cyrillic(word) {
        russian.stem(word).into_owned()
    } else {
        english.stem(word).into_owned()
    }
}

/// The phrases of a synonym or lexicon table, found by their first word's key.
#[derive(Default)]
struct PhraseTable {
    /// Key of a phrase's first word → index into `lists`.
    index: HashMap<String, u32>,
    /// (phrase words, what it stands for), one list per first key, in the order
    /// [`order_phrases`] gives.
    lists: Vec<Vec<(Vec<PhraseWord>, Target)>>,
}

impl PhraseTable {
    /// The list of phrases whose first word's key is `key`, made empty if there is none.
    fn list_mut(&mut self, key: &str) -> &mut Vec<(Vec<PhraseWord>, Target)> {
        let id = match self.index.get(key) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
                self.index.insert(key.to_string(), id);
                self.lists.push(Vec::new());
                id
            }
        };
        &mut self.lists[id as usize]
    }

    /// The index of the list of phrases starting with a word of key `key`, if any does.
    fn find(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }
}

/// What [`Lexicon::terms_of_tokens`] makes of a word outside a phrase.
#[derive(Debug)]
enum WordClass {
    /// A stop word: no term.
    Stop,
    /// Digits only: a number term, keyed as written (`#16`) unless it is a day beside a month
    /// ([`number_key`]).
    Number(SmolStr),
    /// One character: no term.
    Short,
    /// A reporting verb or the like ([`WEAK_WEIGHT`]).
    Weak,
    /// Any other word.
    Content,
}

/// What the lexicon makes of one folded word, worked out once per text ([`StemCache`]).
#[derive(Debug)]
struct WordFacts {
    /// The stem (the key of the word's term).
    stem: SmolStr,
    /// The inflections the word's ending can be ([`word_kinds`]).
    kinds: u8,
    /// Written in Cyrillic: phrases match it by its stem, other words as written.
    cyrillic: bool,
    /// A word of a principal's name ([`Lexicon::with_names`]).
    name: bool,
    /// What it gives outside a phrase.
    class: WordClass,
    /// The phrases that can start with it (an index into the lexicon's phrase lists).
    phrases: Option<u32>,
}

impl WordFacts {
    /// What synonym phrases match the word on, where `token` is the word: its stem if it is
    /// Russian, else the word as is.
    fn phrase_key<'a>(&'a self, token: &'a Token) -> &'a str {
        if self.cyrillic {
            &self.stem
        } else {
            &token.norm
        }
    }
}

/// What the lexicon makes of each word of one text (stems, stop words, names, the phrases a
/// word can start), so each distinct word is looked up in the lexicon once. A cache serves
/// one lexicon.
#[derive(Debug, Default)]
pub struct StemCache {
    /// Each folded word's index into `words`, by its [`WordKey`] (words of at most 23 bytes).
    index: HashMap<WordKey, u32>,
    /// The index of each longer word.
    long: HashMap<SmolStr, u32>,
    words: Vec<WordFacts>,
}

/// A word of at most 23 bytes as three numbers: its bytes, zeros, and its length in the last
/// byte (hashed and compared without a pass over the bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct WordKey(u64, u64, u64);

impl WordKey {
    /// The key of `word`, or `None` if it is longer than 23 bytes.
    #[inline]
    fn of(word: &str) -> Option<Self> {
        let bytes = word.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|&n| n <= 23)?;
        let mut buf = [0u8; 24];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[23] = len;
        let part = |at: usize| {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(&buf[at..at + 8]);
            u64::from_le_bytes(eight)
        };
        Some(WordKey(part(0), part(8), part(16)))
    }
}

/// Synonym table, stop words and stemmers.
pub struct Lexicon {
    /// English and Russian stop words.
    stop: foldhash::HashSet<&'static str>,
    /// Weak words (reporting verbs and the like).
    weak: foldhash::HashSet<&'static str>,
    /// Synonym and lexicon phrases by their first word.
    phrases: PhraseTable,
    /// Folded words of principals' names: who speaks is not what a claim is about.
    names: foldhash::HashSet<String>,
    english: Stemmer,
    russian: Stemmer,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("phrases", &self.phrases.lists.len())
            .finish_non_exhaustive()
    }
}

impl Lexicon {
    /// The synonym table compiled in from `assets/synonyms.toml`.
    ///
    /// # Errors
    /// Never for the shipped asset; the error path exists for user-supplied tables.
    pub fn builtin() -> Result<Self> {
        Self::from_toml(include_str!("../assets/synonyms.toml"), "built-in synonyms")?
            .with_translations(
                include_str!("../assets/lexicon-ru-en.toml"),
                "built-in Russian–English lexicon",
            )
    }

    /// Adds a bilingual table (`[terms]`: English = [Russian, …]): each Russian word or phrase
    /// gets the terms its English counterpart gets here (synonyms folded, stemmed), so the two
    /// languages share keys. Entries already in the synonym table keep their group.
    ///
    /// # Errors
    /// Invalid TOML, or an English entry with no content word.
    pub fn with_translations(mut self, source: &str, name: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct TranslationFile {
            /// Russian set phrases read as no term at all.
            #[serde(default)]
            idioms: Vec<String>,
            terms: std::collections::BTreeMap<String, Vec<String>>,
        }
        let invalid = |message: String| Error::Taxonomy {
            source_name: name.to_string(),
            message,
        };
        let file: TranslationFile =
            toml::from_str(source).map_err(|e| invalid(e.message().to_string()))?;
        for (english, russian) in &file.terms {
            let target: Vec<TargetTerm> = self
                .terms(english)
                .into_iter()
                .map(|t| TargetTerm {
                    key: t.key,
                    kind: t.kind,
                    weight: t.weight,
                })
                .collect();
            if target.is_empty() {
                return Err(invalid(format!("\"{english}\" has no content word")));
            }
            let gloss: Vec<SmolStr> = tokenize(english).into_iter().map(|t| t.norm).collect();
            for entry in russian {
                self.add_phrase(entry, Target::English(target.clone(), gloss.clone()));
            }
        }
        for idiom in &file.idioms {
            self.add_phrase(idiom, Target::Nothing);
        }
        Ok(self)
    }

    /// Adds a Russian entry of the bilingual lexicon, unless an entry of the same words is in.
    fn add_phrase(&mut self, entry: &str, target: Target) {
        let words = phrase_words(&self.russian, entry);
        let Some(first) = words.first() else { return };
        let list = self.phrases.list_mut(&first.key);
        if !list.iter().any(|(w, _)| *w == words) {
            list.push((words, target));
            order_phrases(list);
        }
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
        let russian = Stemmer::create(Algorithm::Russian);
        let mut phrases = PhraseTable::default();
        for group in &file.groups {
            let Some(canonical) = group.first() else {
                return Err(Error::Taxonomy {
                    source_name: name.to_string(),
                    message: "an empty synonym group".to_string(),
                });
            };
            for entry in group {
                // Russian entries match by stem, so "зерно" finds "зерна" and "зерном" (Russian
                // inflects far more than English; English entries stay exact, which measured
                // better on the dev set than matching them by stem too).
                let words = phrase_words(&russian, entry);
                let Some(first) = words.first() else { continue };
                let list = phrases.list_mut(&first.key);
                if !list.iter().any(|(w, _)| *w == words) {
                    list.push((words, group_target(canonical)));
                }
            }
        }
        for list in &mut phrases.lists {
            order_phrases(list);
        }
        let lists = word_lists()?;
        Ok(Lexicon {
            stop: word_set(&[&lists.english, &lists.russian]),
            weak: word_set(&[&lists.weak]),
            phrases,
            names: foldhash::HashSet::default(),
            english: Stemmer::create(Algorithm::English),
            russian,
        })
    }

    /// Marks the words of principals' names ("Putin", "Wang Yi") as weak evidence; the capitalised
    /// words just before them ("Vladimir", "Joseph R.") count as part of the name.
    #[must_use]
    pub fn with_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        for name in names {
            self.names
                .extend(tokenize(name).into_iter().map(|t| t.norm.into()));
        }
        self
    }

    /// Stems a folded word with the stemmer of its script.
    #[must_use]
    pub fn stem(&self, word: &str) -> String {
        stem_with(&self.english, &self.russian, word)
    }

    /// The content terms of a sentence: synonyms folded, stop words dropped, words stemmed.
    #[must_use]
    pub fn terms(&self, sentence: &str) -> Vec<Term> {
        self.terms_cached(sentence, &mut StemCache::default())
    }

    /// The English words the lexicon gives a Russian sentence's words and phrases, as tokens
    /// spanning the Russian words they stand for ("поставки газа" gives `gas`, "Северный поток"
    /// `nord stream`), so English keywords can read a Russian claim. Words the lexicon does not
    /// know give nothing; a sentence with no Cyrillic gives nothing.
    #[must_use]
    pub fn english_gloss(&self, tokens: &[Token], cache: &mut StemCache) -> Vec<Token> {
        if !tokens.iter().any(|t| is_cyrillic(&t.norm)) {
            return Vec::new();
        }
        let ids = self.word_ids(tokens, cache);
        let words = &cache.words;
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some((len, target)) = self.phrase_at(tokens, &ids, words, i) else {
                i += 1;
                continue;
            };
            // Synonym groups are left out: their Russian entries match by stem, which joins
            // words the English keywords tell apart ("заключенных" prisoners, "заключения"
            // the conclusion of a contract).
            let gloss: &[SmolStr] = match target {
                Target::English(_, gloss) => gloss,
                Target::Group(..) | Target::Nothing => &[],
            };
            let (start, end) = (tokens[i].start, tokens[i + len - 1].end);
            if words[ids[i] as usize].cyrillic {
                out.extend(gloss.iter().map(|norm| Token {
                    start,
                    end,
                    norm: norm.clone(),
                }));
            }
            i += len;
        }
        out
    }

    /// [`Lexicon::terms`] with a cache of stems, for many sentences of one text (long texts
    /// repeat their words, and stemming is most of the work).
    #[must_use]
    pub fn terms_cached(&self, sentence: &str, cache: &mut StemCache) -> Vec<Term> {
        self.terms_of_tokens(sentence, &tokenize(sentence), cache)
    }

    /// [`Lexicon::terms_cached`] of a sentence already cut into `tokens` by [`tokenize`] (the
    /// pipeline has them from topic scoring).
    #[must_use]
    pub fn terms_of_tokens(
        &self,
        sentence: &str,
        tokens: &[Token],
        cache: &mut StemCache,
    ) -> Vec<Term> {
        let ids = self.word_ids(tokens, cache);
        let words = &cache.words;
        let facts = |i: usize| &words[ids[i] as usize];
        let capitalised = |t: &Token| {
            sentence[t.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        // Made only for a sentence that names a principal (most do not).
        let mut is_name = Vec::new();
        for i in 0..tokens.len() {
            if facts(i).name {
                if is_name.is_empty() {
                    is_name = vec![false; tokens.len()];
                }
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
            if let Some((len, target)) = self.phrase_at(tokens, &ids, words, i) {
                let (start, end) = (token.start, tokens[i + len - 1].end);
                phrase_terms(target, start, end, &mut out);
                i += len;
                continue;
            }
            i += 1;
            let word = facts(i - 1);
            let weak = match &word.class {
                WordClass::Stop | WordClass::Short => continue,
                WordClass::Number(written) => {
                    out.push(Term {
                        key: number_key(sentence, tokens, i - 1, written),
                        start: token.start,
                        end: token.end,
                        kind: TermKind::Number,
                        weight: 1.3,
                    });
                    continue;
                }
                WordClass::Weak => true,
                WordClass::Content => false,
            };
            let kind = if capitalised(token) && i > 1 {
                TermKind::Entity
            } else {
                TermKind::Word
            };
            let weight = if is_name.get(i - 1).copied().unwrap_or(false) {
                0.15
            } else if weak {
                WEAK_WEIGHT
            } else if kind == TermKind::Entity {
                1.2
            } else {
                1.0
            };
            out.push(Term {
                key: word.stem.clone(),
                start: token.start,
                end: token.end,
                kind,
                weight,
            });
        }
        out
    }

    /// Each token's index into the cache's [`WordFacts`], the facts of words not yet seen
    /// worked out and kept.
    fn word_ids(&self, tokens: &[Token], cache: &mut StemCache) -> Vec<u32> {
        let mut ids = Vec::with_capacity(tokens.len());
        for t in tokens {
            let key = WordKey::of(&t.norm);
            let found = match key {
                Some(key) => cache.index.get(&key),
                None => cache.long.get(t.norm.as_str()),
            };
            let id = match found {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(cache.words.len()).unwrap_or(u32::MAX);
                    cache.words.push(self.facts(&t.norm));
                    match key {
                        Some(key) => cache.index.insert(key, id),
                        None => cache.long.insert(t.norm.clone(), id),
                    };
                    id
                }
            };
            ids.push(id);
        }
        ids
    }

    /// What the lexicon makes of the folded word `norm`.
    fn facts(&self, norm: &str) -> WordFacts {
        let stem = self.stem(norm);
        let cyrillic = is_cyrillic(norm);
        let class = if self.stop.contains(norm) {
            WordClass::Stop
        } else if norm.chars().all(|c| c.is_ascii_digit()) {
            WordClass::Number(smol_str::format_smolstr!("#{norm}"))
        } else if norm.chars().count() < 2 {
            WordClass::Short
        } else if self.weak.contains(norm) {
            WordClass::Weak
        } else {
            WordClass::Content
        };
        WordFacts {
            kinds: word_kinds(norm, &stem),
            phrases: self.phrases.find(if cyrillic { &stem } else { norm }),
            stem: stem.into(),
            cyrillic,
            name: self.names.contains(norm),
            class,
        }
    }

    /// A synonym phrase starting at token `i` (`ids` given by [`Lexicon::word_ids`] into
    /// `words`): its length in tokens and what it stands for.
    #[inline]
    fn phrase_at(
        &self,
        tokens: &[Token],
        ids: &[u32],
        words: &[WordFacts],
        i: usize,
    ) -> Option<(usize, &Target)> {
        let list = words[ids[i] as usize].phrases?;
        self.phrase_in(tokens, ids, words, i, list)
    }

    /// [`Lexicon::phrase_at`] of a word that can start the phrases of list `list`.
    fn phrase_in(
        &self,
        tokens: &[Token],
        ids: &[u32],
        words: &[WordFacts],
        i: usize,
        list: u32,
    ) -> Option<(usize, &Target)> {
        let candidates = &self.phrases.lists[list as usize];
        candidates.iter().find_map(|(phrase, target)| {
            let fits = phrase.len() <= tokens.len() - i
                && phrase
                    .iter()
                    .zip(&tokens[i..])
                    .zip(&ids[i..])
                    .all(|((w, token), &id)| {
                        let word = &words[id as usize];
                        w.key == word.phrase_key(token)
                            && w.kinds & word.kinds != 0
                            && w.exact.as_ref().is_none_or(|e| *e == token.norm)
                    });
            fits.then_some((phrase.len(), target))
        })
    }
}

/// The key of the number token `i`, written `written` (`#16`): a day beside a month name
/// ("June 16", "16 июня") is keyed as that date, the same in both languages, so it neither
/// matches a count of the same value ("16 sectors") nor misses the other language's date; any
/// other number is keyed as written.
fn number_key(sentence: &str, tokens: &[Token], i: usize, written: &SmolStr) -> SmolStr {
    let norm = tokens[i].norm.as_str();
    let day = norm
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=31).contains(d) && norm.len() <= 2);
    // "may" is a month only when written "May".
    let month_at = |j: usize| {
        let token = tokens.get(j)?;
        let capital = sentence[token.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        (token.norm != "may" || capital)
            .then(|| crate::metadata::month_number(&token.norm))
            .flatten()
    };
    let month = day.and_then(|_| month_at(i + 1).or_else(|| i.checked_sub(1).and_then(month_at)));
    match (day, month) {
        (Some(day), Some(month)) => smol_str::format_smolstr!("#{month}-{day}"),
        _ => written.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written, over `char_indices`: [`tokenize`] must cut and fold as
    /// it does.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let single_letters = is_letter(c);
            let mut run_len = 1;
            while let Some(&(i, d)) = iter.peek() {
                if is_word_char(d) {
                    run_len += 1;
                    end = i + d.len_utf8();
                    iter.next();
                } else if d == '.' && single_letters && run_len == 1 {
                    let mut rc = text[i + 1..].chars();
                    let (Some(l), next) = (rc.next(), rc.next()) else {
                        break;
                    };
                    if is_letter(l) && next.is_none_or(|n| !is_word_char(n)) {
                        iter.next();
                        run_len = 0;
                        end = i + 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let raw = text[start..end].trim_end_matches('.');
            out.push(Token {
                start,
                end: start + raw.len(),
                norm: raw
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .collect(),
            });
        }
        out
    }

    #[test]
    fn tokens_are_cut_and_folded_as_by_characters() {
        let alphabet = [
            'a', 'Q', '7', '.', ' ', '-', 'Я', 'ё', 'Ё', 'й', 'É', 'İ', '’',
        ];
        let mut text = String::new();
        let mut digits = Vec::new();
        let mut checked = 0;
        for len in 1..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                digits.clear();
                for _ in 0..len {
                    digits.push(n % alphabet.len());
                    n /= alphabet.len();
                }
                text.clear();
                text.extend(digits.iter().map(|&d| alphabet[d]));
                assert_eq!(tokenize(&text), tokenize_by_chars(&text), "{text:?}");
                checked += 1;
            }
        }
        assert!(checked > 400_000);
        // Words too long to fold on the stack, and capitals whose lowercase is longer.
        for text in [
            "ПРЕДСТАВИТЕЛЬСТВОВАНИЯ and ПРЕДСТАВИТЕЛЬ",
            "İSTANBUL Ǆemal Straße U.S.A. С.В.Лавров ЁЛКА",
        ] {
            assert_eq!(tokenize(text), tokenize_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn key_probes_decide_equality_as_the_keys_do() {
        let keys = [
            "",
            "a",
            "ab",
            "ba",
            "minister",
            "ministerial",
            "ministerium",
            "министр",
            "министра",
            "#2022",
            "=grain",
            "=grains",
            "12345678",
            "123456789",
        ];
        for x in keys {
            for y in keys {
                let same = KeyProbe::of(x).same(x, KeyProbe::of(y), y);
                assert_eq!(same, x == y, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn word_and_letter_tests_agree_with_unicode_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn acronyms_stay_whole_and_hyphens_split() {
        let norms: Vec<String> = tokenize("The U.S.-Russia talks, Лавров’s plan; Ёлка.")
            .into_iter()
            .map(|t| t.norm.to_string())
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
    fn a_day_beside_a_month_is_keyed_as_the_date_in_either_language() {
        let lex = Lexicon::builtin().unwrap();
        let numbers = |s: &str| -> Vec<String> {
            lex.terms(s)
                .into_iter()
                .filter(|t| t.kind == TermKind::Number)
                .map(|t| t.key.to_string())
                .collect()
        };
        assert_eq!(numbers("On June 16, 2021, they met."), ["#6-16", "#2021"]);
        assert_eq!(
            numbers("16 июня 2021 года они встретились."),
            ["#6-16", "#2021"]
        );
        assert_eq!(numbers("He named 16 sectors."), ["#16"]);
        // "may" is a month only when written "May".
        assert_eq!(numbers("They may 5 times"), ["#5"]);
        assert_eq!(numbers("Since May 5 the talks"), ["#5-5"]);
        // A day is at most 31; a bigger number beside a month stays a number.
        assert_eq!(numbers("In March 300 people"), ["#300"]);
    }

    #[test]
    fn russian_words_meet_their_english_counterparts_in_any_case() {
        let lex = Lexicon::builtin().unwrap();
        let keys = |s: &str| -> Vec<String> {
            lex.terms(s)
                .into_iter()
                .map(|t| t.key.to_string())
                .collect()
        };
        let en =
            keys("The grain corridor agreed in Istanbul, the Foreign Ministry said on October 29.");
        let ru = keys("МИД заявил, что зерна из стамбульских договоренностей, 29 октября.");
        for shared in ["grain", "istanbul", "#10-29", "octob"] {
            assert!(en.iter().any(|k| k.contains(shared)), "{shared} in {en:?}");
            assert!(
                ru.iter().any(|k| en.contains(k) && k.contains(shared)),
                "{shared}: {ru:?} vs {en:?}"
            );
        }
        // Inflected synonym entries fold too: "украинского" is "украинский".
        assert!(keys("экспорт украинского зерна").contains(&"=ukraine".to_string()));
    }

    #[test]
    fn the_bilingual_lexicon_is_lowercase_russian_with_english_content_words() {
        #[derive(Deserialize)]
        struct File {
            terms: std::collections::BTreeMap<String, Vec<String>>,
        }
        let file: File = toml::from_str(include_str!("../assets/lexicon-ru-en.toml")).unwrap();
        let lex = Lexicon::builtin().unwrap();
        assert!(file.terms.len() > 150, "{} entries", file.terms.len());
        for (english, russian) in &file.terms {
            assert!(!lex.terms(english).is_empty(), "{english}: no content word");
            for entry in russian {
                assert!(
                    entry
                        .chars()
                        .all(|c| !c.is_alphabetic()
                            || (is_cyrillic(&c.to_string()) && c.is_lowercase())),
                    "{english}: {entry:?} is not lowercase Russian"
                );
                assert!(!entry.contains('ё'), "{english}: {entry:?} has ё (write е)");
            }
        }
    }

    #[test]
    fn synonyms_fold_across_wording() {
        let lex = Lexicon::builtin().unwrap();
        let keys = |s: &str| -> Vec<String> {
            lex.terms(s)
                .into_iter()
                .map(|t| t.key.to_string())
                .collect()
        };
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
                let folded: String = tokenize(word)
                    .into_iter()
                    .map(|t| t.norm.to_string())
                    .collect();
                assert_eq!(
                    &folded, word,
                    "{name}: {word:?} is not as tokenize folds it"
                );
            }
        }
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.stop.contains("the") && lex.stop.contains("также"));
        assert!(lex.weak.contains("said"));
        assert!(!lex.stop.contains("grain"));
    }

    #[test]
    fn a_russian_sentence_is_glossed_with_the_lexicon_english_words() {
        let lex = Lexicon::builtin().unwrap();
        let gloss = |s: &str| -> Vec<String> {
            lex.english_gloss(&tokenize(s), &mut StemCache::default())
                .into_iter()
                .map(|t| t.norm.to_string())
                .collect()
        };
        assert!(gloss("транзит газа через Украину").contains(&"gas".to_string()));
        // Synonym groups give no gloss; English gives none.
        assert!(!gloss("заключения контрактов").contains(&"prisoner".to_string()));
        assert!(gloss("Gas transit through Ukraine").is_empty());
    }

    /// The keys of a sentence's terms.
    fn keys_of(lex: &Lexicon, sentence: &str) -> Vec<String> {
        lex.terms(sentence)
            .into_iter()
            .map(|t| t.key.to_string())
            .collect()
    }

    #[test]
    fn endings_tell_nouns_adjectives_and_verbs_apart() {
        use inflection::{ADJECTIVE, ADJECTIVE_NN, ANY, NOUN, VERB};
        let lex = Lexicon::builtin().unwrap();
        let kinds = |word: &str| word_kinds(word, &lex.stem(word));
        assert_eq!(kinds("договор"), NOUN);
        assert_eq!(kinds("договора"), NOUN);
        assert_eq!(kinds("договорились"), VERB);
        assert_eq!(kinds("условия"), NOUN);
        assert_eq!(kinds("условились"), VERB);
        assert_eq!(kinds("визы"), NOUN);
        assert_eq!(kinds("визит"), VERB, "the stemmer reads -ит as a verb's");
        assert_eq!(kinds("вооружения"), NOUN);
        assert_eq!(kinds("вооруженные"), ADJECTIVE_NN);
        assert_eq!(kinds("задержанными"), ADJECTIVE | VERB);
        assert_ne!(kinds("подробно") & kinds("подробный"), 0);
        assert_ne!(kinds("договоренностей") & NOUN, 0);
        assert_eq!(kinds("Geneva"), ANY);
    }

    #[test]
    fn a_treaty_and_conditions_are_not_agreed() {
        let lex = Lexicon::builtin().unwrap();
        let agreed = keys_of(&lex, "agreed");
        let treaty = keys_of(&lex, "treaty");
        assert_ne!(agreed, treaty);
        for verb in [
            "Стороны договорились",
            "договорились",
            "условились",
            "согласились",
        ] {
            assert_eq!(keys_of(&lex, verb).last(), agreed.last(), "{verb}");
        }
        for noun in ["договор", "договора", "договору", "договором"]
        {
            let keys = keys_of(&lex, noun);
            assert_eq!(keys, treaty, "{noun}");
        }
        for noun in ["условия", "условиях", "условий"] {
            let keys = keys_of(&lex, noun);
            assert!(!keys.contains(&agreed[0]), "{noun}: {keys:?}");
        }
        assert_eq!(keys_of(&lex, "условия"), keys_of(&lex, "conditions"));
    }

    #[test]
    fn a_visit_is_not_visas() {
        let lex = Lexicon::builtin().unwrap();
        let visit = keys_of(&lex, "visit");
        let visas = keys_of(&lex, "visas");
        assert_ne!(visit, visas);
        for word in ["визит", "визита", "визиту", "визитом", "визиты"]
        {
            assert_eq!(keys_of(&lex, word), visit, "{word}");
        }
        for word in ["визы", "виз", "визами"] {
            assert_eq!(keys_of(&lex, word), visas, "{word}");
        }
    }

    #[test]
    fn georgia_is_not_cargo_and_ships_are_not_a_court() {
        let lex = Lexicon::builtin().unwrap();
        let georgia = keys_of(&lex, "Georgia");
        for word in ["Грузия", "Грузии", "Грузию", "грузинской"] {
            assert_eq!(keys_of(&lex, word), georgia, "{word}");
        }
        for word in ["груз", "груза", "грузов"] {
            assert_ne!(keys_of(&lex, word), georgia, "{word}");
        }
        let ships = keys_of(&lex, "ships");
        for word in ["суда", "судов", "судно", "судна"] {
            assert_eq!(keys_of(&lex, word), ships, "{word}");
        }
        for word in ["суд", "суды", "суде"] {
            assert_ne!(keys_of(&lex, word), ships, "{word}");
        }
        assert_ne!(keys_of(&lex, "суда"), keys_of(&lex, "суд"));
        // Elections are not a choice; an ambassador's oblique forms are not "после" (after).
        let elections = keys_of(&lex, "elections");
        assert_eq!(keys_of(&lex, "выборах"), elections);
        assert_ne!(keys_of(&lex, "выбор"), elections);
        assert_ne!(keys_of(&lex, "выбора"), elections);
        let ambassador = keys_of(&lex, "ambassador");
        assert_eq!(keys_of(&lex, "посла"), ambassador);
        assert_ne!(keys_of(&lex, "после"), ambassador);
        assert_eq!(keys_of(&lex, "в Газе"), keys_of(&lex, "Gaza"));
        assert_eq!(keys_of(&lex, "Киева"), ["=ukraine"]);
    }

    #[test]
    fn set_phrases_give_no_term_of_their_words() {
        let lex = Lexicon::builtin().unwrap();
        let communication = "=communication".to_string();
        assert!(keys_of(&lex, "поддерживать связь").contains(&communication));
        let keys = keys_of(&lex, "в связи с обострением ситуации");
        assert!(!keys.contains(&communication), "{keys:?}");
        let measures = keys_of(&lex, "меры")[0].clone();
        assert!(!keys_of(&lex, "по крайней мере").contains(&measures));
        let relations = "=relations".to_string();
        assert!(!keys_of(&lex, "в отношении Украины").contains(&relations));
        assert!(keys_of(&lex, "в отношениях двух стран").contains(&relations));
        // Armed forces are not arms.
        let weapon = "=weapon".to_string();
        assert!(keys_of(&lex, "поставки вооружений").contains(&weapon));
        assert!(!keys_of(&lex, "вооруженного конфликта").contains(&weapon));
        let gloss: Vec<String> = lex
            .english_gloss(&tokenize("в связи с визитом"), &mut StemCache::default())
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect();
        assert_eq!(gloss, ["visit"]);
    }

    #[test]
    fn stems_by_script() {
        let lex = Lexicon::builtin().unwrap();
        assert_eq!(lex.stem("negotiations"), lex.stem("negotiation"));
        assert_eq!(lex.stem("переговорах"), lex.stem("переговоры"));
    }
}
