//! Who wrote a readout and who speaks in a claim, from the principals it names (in Russian, in
//! any grammatical case: "Лаврова", "Блинкену").

use foldhash::{HashMap, HashMapExt as _};

use serde::Deserialize;

use crate::error::{Error, Result};

mod speakers;
pub use speakers::speakers;

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
    /// Its country and capital, which name it in a phrase ("по просьбе Вашингтона") but do not
    /// weigh a mention down.
    #[serde(default)]
    pub places: Vec<String>,
}

/// The known parties.
#[expect(
    clippy::struct_field_names,
    reason = "`parties` is the table itself, the other fields index it"
)]
#[derive(Debug, Clone)]
pub struct Parties {
    parties: Vec<Party>,
    /// First word of a name → names starting with it, longest first.
    /// Every name starts with a capital letter (a test checks the asset), and only a word that
    /// starts with a name's first character is looked up: few words of a text.
    index: HashMap<String, Vec<NameEntry>>,
    /// Whether a byte is the first byte of the first character of a key of `index`: where a
    /// name may start.
    first_bytes: [bool; 256],
    /// The first characters of the keys of `index` outside ASCII, sorted.
    first_chars: Vec<char>,
}

/// Words of a text (runs of letters and digits) with their byte offsets. Walks bytes: an ASCII
/// byte is answered at once, another character is decoded (as `char_indices` would, which a test
/// checks).
fn words(text: &str) -> Vec<(usize, &str)> {
    // About one word in six bytes of prose.
    let mut out = Vec::with_capacity(text.len() / 6);
    out.extend(Words { text, pos: 0 });
    out
}

/// Whether the character at byte `i` of `text` (a character boundary) is a word character, and
/// its length in bytes.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        (crate::lexicon::is_word_char(c), c.len_utf8())
    }
}

/// The byte offset where the word that starts at byte `i` of `text` ends.
#[inline]
fn word_end(text: &str, mut i: usize) -> usize {
    while i < text.len() {
        let (word_char, len) = word_char_at(text, i);
        if !word_char {
            break;
        }
        i += len;
    }
    i
}

/// The words of a text from a byte offset (a character boundary) on, one at a time: what
/// [`words`] collects.
#[derive(Clone)]
struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let text = self.text;
        let mut i = self.pos;
        loop {
            if i >= text.len() {
                self.pos = i;
                return None;
            }
            let (word_char, len) = word_char_at(text, i);
            if word_char {
                break;
            }
            i += len;
        }
        let start = i;
        let end = word_end(text, i);
        self.pos = end;
        Some((start, &text[start..end]))
    }
}

/// Whether a word starts with a capital letter (ASCII answered without Unicode's tables).
#[cfg(test)]
fn starts_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// A name to look for: its words, party, and whether it is an institution.
#[derive(Debug, Clone)]
struct NameEntry {
    words: Vec<String>,
    /// For each word, the forms it takes: itself, and for a Russian word its other cases.
    forms: Vec<Vec<String>>,
    party: usize,
    institution: bool,
    name: String,
}

/// One mention of a party's name in a text.
#[derive(Debug, Clone, Copy)]
struct Mention<'a> {
    pos: usize,
    /// Byte offset one past the name's last word.
    end: usize,
    party: usize,
    institution: bool,
    name: &'a str,
    /// Whether a word of the name stands in another case than the one listed ("Лаврову"): in
    /// Russian, not the sentence's subject.
    inflected: bool,
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// A Russian name's forms in the other grammatical cases, after the word itself: surnames in a
/// consonant ("Лавров": "Лаврова", "Лаврову", "Лавровым" …), in "-а"/"-я" ("Кулеба",
/// "Захарова"), in "-ий"/"-ой" ("Зеленский") and "-ь" ("Кремль"). A word in Latin letters, or
/// ending in another vowel ("Шойгу", "Рубио"), has only itself.
fn case_forms(word: &str) -> Vec<String> {
    const VOWELS: &str = "аеёиоуыэюяАЕЁИОУЫЭЮЯ";
    let mut forms = vec![word.to_string()];
    let Some(last) = word.chars().last() else {
        return forms;
    };
    if !word.chars().all(|c| is_cyrillic(c) || c == '-') {
        return forms;
    }
    let (stem, endings): (&str, &[&str]) =
        if let Some(stem) = word.strip_suffix("ий").or_else(|| word.strip_suffix("ой")) {
            (stem, &["ого", "ому", "им", "ом"])
        } else if let Some(stem) = word.strip_suffix(['а', 'я']) {
            (stem, &["ы", "и", "е", "у", "ю", "ой", "ей", "ою"])
        } else if let Some(stem) = word.strip_suffix('ь') {
            (stem, &["я", "ю", "ём", "ем", "е"])
        } else if VOWELS.contains(last) || last == 'й' {
            return forms;
        } else {
            (word, &["а", "у", "ом", "ым", "е"])
        };
    forms.extend(endings.iter().map(|e| format!("{stem}{e}")));
    forms
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
                let forms: Vec<Vec<String>> = ws.iter().map(|w| case_forms(w)).collect();
                let Some(first_forms) = forms.first().cloned() else {
                    continue;
                };
                let entry = NameEntry {
                    words: ws,
                    forms,
                    party: p,
                    institution,
                    name: name.clone(),
                };
                for form in first_forms {
                    index.entry(form).or_default().push(entry.clone());
                }
            }
        }
        for list in index.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        let mut first_bytes = [false; 256];
        let mut first_chars = Vec::new();
        for key in index.keys() {
            if let Some(c) = key.chars().next() {
                let mut buf = [0; 4];
                first_bytes[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
                if !c.is_ascii() {
                    first_chars.push(c);
                }
            }
        }
        first_chars.sort_unstable();
        first_chars.dedup();
        Ok(Parties {
            parties: file.party,
            index,
            first_bytes,
            first_chars,
        })
    }

    /// Every principal's name, for the lexicon to weigh down.
    pub fn principal_names(&self) -> impl Iterator<Item = &str> {
        self.parties
            .iter()
            .flat_map(|p| p.names.iter().map(String::as_str))
    }

    /// Every mention of a known name in `text`, in text order (longest name at a position).
    ///
    /// Looks up only the words that start with the first character of a name: found by their
    /// first byte, without cutting the text into words (the following words are cut only where
    /// a name starts).
    fn mentions<'a>(&'a self, text: &str) -> Vec<Mention<'a>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(at) = bytes[i..]
            .iter()
            .position(|&b| self.first_bytes[usize::from(b)])
        {
            // A byte that starts a character: ASCII or a leading byte.
            let pos = i + at;
            i = pos + 1;
            if !bytes[pos].is_ascii() {
                let c = text[pos..].chars().next().unwrap_or_default();
                if self.first_chars.binary_search(&c).is_err() {
                    continue;
                }
            }
            // A word starts here only after a character that is not a word's.
            if text[..pos]
                .chars()
                .next_back()
                .is_some_and(crate::lexicon::is_word_char)
            {
                continue;
            }
            let end = word_end(text, pos);
            i = end;
            let Some(entries) = self.index.get(&text[pos..end]) else {
                continue;
            };
            let following = Words { text, pos };
            let found = entries.iter().find_map(|e| {
                let mut last = None;
                let mut matched = 0;
                for (forms, word) in e.forms.iter().zip(following.clone()) {
                    if !forms.iter().any(|f| f == word.1) {
                        return None;
                    }
                    last = Some(word);
                    matched += 1;
                }
                (matched == e.words.len()).then_some((e, last))
            });
            if let Some((e, Some((last, last_word)))) = found {
                out.push(Mention {
                    pos,
                    end: last + last_word.len(),
                    party: e.party,
                    institution: e.institution,
                    name: &e.name,
                    inflected: e.words.iter().zip(following).any(|(n, (_, w))| n != w),
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
    /// less where a nationality qualifies them, a bonus for the first one named (in Russian, the
    /// first one named as a subject).
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
            let window = without_initials(&text[window_start..m.pos]);
            let window = window.rsplit(['.', ';']).next().unwrap_or(window);
            let qualified = self.parties[m.party]
                .adjectives
                .iter()
                .any(|adj| window.contains(adj.as_str()));
            scores[m.party] += if qualified { 0.3 * base } else { base };
        }
        // The first one named as a subject, if any ("С.В.Лавров", not "по просьбе Э.Блинкена").
        if let Some(first) = mentions.iter().find(|m| !m.inflected).or(mentions.first()) {
            scores[first.party] += 1.0;
        }
        scores
    }

    /// Party labels for two readouts: the two different parties that best explain who wrote
    /// each text (relative authorship scores), or `None` where the text names nobody known.
    #[must_use]
    pub fn detect_pair(&self, a: &str, b: &str) -> [Option<String>; 2] {
        self.best_pair(&self.authorship_shares(a), &self.authorship_shares(b))
    }

    /// How strongly a text reads as written by each party ([`Parties::authorship`]), as shares
    /// of the whole (all zero when it names nobody known): one text's half of
    /// [`Parties::detect_pair`], which [`Parties::best_pair`] completes.
    #[must_use]
    pub fn authorship_shares(&self, text: &str) -> Vec<f32> {
        let s = self.authorship(text);
        let total: f32 = s.iter().sum();
        if total > 0.0 {
            s.iter().map(|x| x / total).collect()
        } else {
            s
        }
    }

    /// [`Parties::detect_pair`] from the two texts' [`Parties::authorship_shares`].
    #[must_use]
    pub fn best_pair(&self, ra: &[f32], rb: &[f32]) -> [Option<String>; 2] {
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

/// A text without the initials that end it ("… секретарём США Э." → "… секретарём США"), so
/// that the nationality before a name written "Э.Блинкен" still qualifies it.
fn without_initials(window: &str) -> &str {
    let mut rest = window.trim_end();
    while let Some(head) = rest.strip_suffix('.') {
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(head.len(), |(i, _)| i);
        let letters = &head[start..];
        // One capital, or "Дж" (J in Russian).
        let is_initial = letters.chars().count() == 1 && letters.chars().all(char::is_uppercase);
        if !(is_initial || letters == "Дж") {
            break;
        }
        rest = head[..start].trim_end();
    }
    rest
}

impl Parties {
    /// The label of party `party` (an index from this table).
    #[must_use]
    pub fn label(&self, party: usize) -> &str {
        &self.parties[party].label
    }

    /// The index of the party with this label.
    #[must_use]
    pub fn find_label(&self, label: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.label == label)
    }

    /// The party a word names by its nationality or a place: an English adjective or place as
    /// listed ("Chinese", "Washington"), or a Russian word that starts with one of the party's
    /// Russian adjectives or places, any case ("американской", "России", "Вашингтона").
    #[must_use]
    pub fn party_of_word(&self, word: &str) -> Option<usize> {
        let lower = word.to_lowercase();
        self.parties.iter().position(|p| {
            p.label == word
                || p.adjectives.iter().chain(&p.places).any(|a| {
                    if a.chars().any(is_cyrillic) {
                        lower.starts_with(&a.to_lowercase())
                    } else {
                        a == word
                    }
                })
        })
    }

    /// The first party a phrase refers to, with the byte range of the reference: a principal or
    /// institution (any case), a nationality or a place ("the American side", "Russia's",
    /// "американской стороны", "Вашингтона").
    #[must_use]
    pub fn first_party_in(&self, phrase: &str) -> Option<(usize, std::ops::Range<usize>)> {
        let by_name = self
            .mentions(phrase)
            .first()
            .map(|m| (m.party, m.pos..m.end));
        // Russian words by their start, any case; English ones, which may hold dots and spaces
        // ("U.S.", "United States"), as whole words.
        let by_russian_word = words(phrase).into_iter().find_map(|(pos, w)| {
            let lower = w.to_lowercase();
            self.parties
                .iter()
                .position(|p| {
                    p.adjectives
                        .iter()
                        .chain(&p.places)
                        .any(|a| a.chars().any(is_cyrillic) && lower.starts_with(&a.to_lowercase()))
                })
                .map(|p| (p, pos..pos + w.len()))
        });
        let by_english_word = self
            .parties
            .iter()
            .enumerate()
            .flat_map(|(p, party)| {
                party
                    .adjectives
                    .iter()
                    .chain(&party.places)
                    .chain([&party.label])
                    .filter(|a| !a.chars().any(is_cyrillic))
                    .filter_map(move |a| find_whole(phrase, a).map(|at| (p, at..at + a.len())))
            })
            .min_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
        [by_name, by_russian_word, by_english_word]
            .into_iter()
            .flatten()
            .min_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)))
    }
}

/// The byte offset of the first occurrence of `needle` in `hay` as a whole word.
fn find_whole(hay: &str, needle: &str) -> Option<usize> {
    hay.match_indices(needle)
        .find(|&(at, _)| {
            let before = hay[..at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {

    /// `words` as written before it walked bytes: the reference it is checked against.
    fn words_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (crate::lexicon::is_word_char(c), start) {
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

    #[test]
    fn words_are_cut_as_by_characters() {
        // Every string of up to five characters over ASCII letters, digits, space, punctuation,
        // Cyrillic, a Latin letter with a diacritic, a CJK letter, a curly quote and a dash.
        let alphabet = ['a', 'Z', '7', ' ', '.', '-', 'Л', 'ё', 'é', '中', '’', '—'];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 250_000);
        for s in &strings {
            assert_eq!(words(s), words_by_chars(s), "{s:?}");
        }
        let prose = "Сергей Лавров и Antony Blinken — «переговоры» 29 июля, U.S.–Russia.";
        assert_eq!(words(prose), words_by_chars(prose));
    }

    /// `Parties::mentions` as written before it looked for names' first bytes: every word cut,
    /// every capitalised one looked up. The reference it is checked against.
    fn mentions_by_words(
        parties: &Parties,
        text: &str,
    ) -> Vec<(usize, usize, usize, bool, String, bool)> {
        let ws = words_by_chars(text);
        let mut out = Vec::new();
        for (i, &(pos, word)) in ws.iter().enumerate() {
            if !starts_capitalised(word) {
                continue;
            }
            let Some(entries) = parties.index.get(word) else {
                continue;
            };
            let found = entries.iter().find(|e| {
                e.words.len() <= ws.len() - i
                    && e.forms
                        .iter()
                        .zip(&ws[i..])
                        .all(|(forms, (_, w))| forms.iter().any(|f| f == w))
            });
            if let Some(e) = found {
                let (last, last_word) = ws[i + e.words.len() - 1];
                out.push((
                    pos,
                    last + last_word.len(),
                    e.party,
                    e.institution,
                    e.name.clone(),
                    e.words.iter().zip(&ws[i..]).any(|(n, (_, w))| n != w),
                ));
            }
        }
        out
    }

    #[test]
    fn mentions_are_found_as_by_all_words() {
        let parties = Parties::builtin().unwrap();
        let fast = |text: &str| -> Vec<(usize, usize, usize, bool, String, bool)> {
            parties
                .mentions(text)
                .iter()
                .map(|m| {
                    let name = m.name.to_string();
                    (m.pos, m.end, m.party, m.institution, name, m.inflected)
                })
                .collect()
        };
        // Every sequence of up to four pieces: names' words in their cases, initials, words
        // glued to a name, punctuation, Cyrillic, a diacritic and a dash.
        let pieces = [
            "Wang",
            "Yi",
            "Xi",
            "Лавров",
            "Лаврову",
            "С",
            ".",
            " ",
            "Élysée",
            "White",
            "House",
            "Department",
            "of",
            "State",
            "Кремлём",
            "x",
            "é",
            "Ж",
            "—",
            "7",
            "Ван",
            "И",
        ];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        assert!(strings.len() > 200_000);
        let mut found = 0;
        for s in &strings {
            let got = fast(s);
            found += got.len();
            assert_eq!(got, mentions_by_words(&parties, s), "{s:?}");
        }
        assert!(found > 0);
        let prose = "Министр иностранных дел Российской Федерации С.В.Лавров провел телефонный \
                     разговор с Государственным секретарем США Э.Блинкеном. Secretary Blinken, \
                     the White House and the Department of State; Wang Yi, Xi Jinping, Си \
                     Цзиньпин, Ван И, «Лаврову», Élysée.";
        assert_eq!(fast(prose), mentions_by_words(&parties, prose));
        assert!(fast(prose).len() >= 10);
    }

    #[test]
    fn every_name_starts_with_a_capital_as_the_lookup_assumes() {
        let parties = Parties::builtin().unwrap();
        assert!(parties.index.keys().all(|k| starts_capitalised(k)));
        assert!(starts_capitalised("Лаврову") && starts_capitalised("Biden"));
        assert!(!starts_capitalised("лавров") && !starts_capitalised("talks"));
        assert!(!starts_capitalised(""));
    }
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
    fn case_forms_of_russian_names() {
        for (name, forms) in [
            ("Лавров", &["Лаврова", "Лаврову", "Лавровым", "Лаврове"][..]),
            ("Блинкен", &["Блинкена", "Блинкену", "Блинкеном"]),
            ("Зеленский", &["Зеленского", "Зеленскому", "Зеленским"]),
            ("Захарова", &["Захаровой", "Захарову"]),
            ("Кремль", &["Кремля", "Кремлём"]),
        ] {
            let got = case_forms(name);
            assert_eq!(got[0], name);
            for form in forms {
                assert!(got.iter().any(|f| f == form), "{name}: {form} in {got:?}");
            }
        }
        // Names that do not decline, and names in Latin letters, have only themselves.
        assert_eq!(case_forms("Шойгу"), ["Шойгу"]);
        assert_eq!(case_forms("Lavrov"), ["Lavrov"]);
    }

    #[test]
    fn the_party_of_a_russian_readout_is_read_from_its_text() {
        let p = Parties::builtin().unwrap();
        let ru = "Министр иностранных дел Российской Федерации С.В.Лавров провел телефонный \
                  разговор с Государственным секретарем США Э.Блинкеном. С.В.Лавров подчеркнул \
                  позицию России. Э.Блинкен изложил позицию Вашингтона.";
        let us = "Secretary Blinken spoke today with Russian Foreign Minister Sergey Lavrov.";
        let both = [
            Some("United States".to_string()),
            Some("Russia".to_string()),
        ];
        assert_eq!(p.detect_pair(us, ru), both);
        // Where the readout names the other side's principal first, but not as its subject.
        let ru = "По просьбе Э.Блинкена состоялся телефонный разговор Министра иностранных дел \
                  Российской Федерации С.В.Лаврова с Государственным секретарём США.";
        assert_eq!(p.detect_pair(us, ru), both);
        assert_eq!(p.detect_pair(ru, us), [both[1].clone(), both[0].clone()]);
        // "США" before initials still marks the name as the other side's.
        let opening =
            "Министр С.В.Лавров провел разговор с Государственным секретарем США Э.Блинкеном.";
        assert!((p.authorship(opening)[0] - 0.3).abs() < 1e-6);
    }

    #[test]
    fn a_phrase_names_a_party_by_adjective_place_or_principal() {
        let p = Parties::builtin().unwrap();
        let party = |s: &str| {
            p.first_party_in(s)
                .map(|(party, _)| p.label(party).to_string())
        };
        assert_eq!(
            party("американской стороны").as_deref(),
            Some("United States")
        );
        assert_eq!(party("Вашингтона").as_deref(), Some("United States"));
        assert_eq!(party("the Russian side").as_deref(), Some("Russia"));
        assert_eq!(party("Moscow").as_deref(), Some("Russia"));
        assert_eq!(party("Э.Блинкена").as_deref(), Some("United States"));
        assert_eq!(party("President Xi").as_deref(), Some("China"));
        assert_eq!(party("the other side"), None);
    }
}
