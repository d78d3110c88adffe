//! Names across scripts: Russian Cyrillic written in Latin letters (BGN/PCGN, simplified), a
//! spelling skeleton both scripts reduce to, and a fuzzy comparison that reads "Блинкену" as
//! "Blinken" and "Уилана" as "Whelan", so a name the bilingual lexicon does not list still links
//! a Russian claim to an English one.
//!
//! Russian names decline ("Лавров", "Лаврова", "Лаврову", "Лавровым"), and Russian renders
//! foreign names by sound ("Whelan" is "Уилан", "Austin" is "Остин"), so two spellings of one
//! name rarely agree letter for letter. Both are reduced to a skeleton (digraphs folded, `y` as
//! `i`, doubled letters single, `w` as `u`), a Russian word is tried with and without its case
//! ending, and the two skeletons are compared by an edit distance in which vowels — the part
//! transliteration disagrees on — cost half.

use crate::lexicon::Term;

/// Similarity from which a Russian and a Latin word are read as one name. Measured on the
/// capitalised Russian words the lexicon leaves in Russian in the eleven Russian-language pairs
/// (dev set, training, held-out, samples), each against the most similar capitalised word of the
/// English readout: the true pairs scored 0.88 or more ("Федеральному"/"Federal" 0.88,
/// "Ангелой"/"Angela" 0.92, most 1.0) except "Реджепом"/"Recep" (0.80, a Turkish `c`), the
/// unrelated ones 0.65 or less; of the unit tests' names, "Уилан"/"Whelan" scores 0.90, the
/// closest unrelated pair "Гринер"/"Greene" 0.83. The cut sits between.
pub const SAME_NAME: f32 = 0.85;

/// Shortest skeleton (in letters) compared at all: shorter words match too easily.
const MIN_LETTERS: usize = 3;

/// Russian case endings a name may carry, longest first ("Лавровым" → "Лавров").
const CASE_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ами", "ями", "ыми", "ими", "ом", "ем", "ой", "ей", "ым", "им",
    "ах", "ях", "ую", "а", "я", "у", "ю", "е", "ы", "и",
];

/// A lowercase Cyrillic word in Latin letters (BGN/PCGN without its positional rules: `е` is
/// always `e`, `ь` and `ъ` are dropped). Characters that are not Cyrillic letters pass through.
#[must_use]
pub fn to_latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(latin);
    }
    out
}

/// A Latin letter with its accent removed (the accented letters of European names), or `None`
/// for anything that is not a letter.
fn fold_accent(c: char) -> Option<char> {
    let folded = match c {
        'a'..='z' => c,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ş' | 'ś' | 'š' => 's',
        'ğ' => 'g',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        _ => return None,
    };
    Some(folded)
}

/// The spelling skeleton of a Latin word: lowercase letters with accents removed, the digraphs
/// the two scripts write differently folded to one symbol each (`sh`, `ch`, `kh`/`h`, `zh`/`j`,
/// `ts`/`tz`/`ц`, `ph`/`f`, `th`/`t`, `ck`/`k`), `c` as `s` or `k` by the letter after it, `w` as
/// `u`, `x` as `ks`, `au` as `o`, `y` and `ee` as `i`, doubled letters single.
#[must_use]
pub fn skeleton(latin: &str) -> Vec<char> {
    let letters: Vec<char> = latin
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold_accent)
        .collect();
    let mut out: Vec<char> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let rest = &letters[i..];
        let starts = |s: &str| {
            let mut letters = rest.iter();
            s.chars().all(|c| letters.next() == Some(&c))
        };
        // Longest digraphs first; upper-case letters stand for the folded sounds.
        let (symbols, used): (&[char], usize) = if starts("shch") {
            (&['S'], 4)
        } else if starts("dzh") {
            (&['J'], 3)
        } else if starts("sch") {
            (&['S'], 3)
        } else if starts("tch") {
            (&['C'], 3)
        } else if starts("sh") {
            (&['S'], 2)
        } else if starts("ch") {
            (&['C'], 2)
        } else if starts("zh") {
            (&['J'], 2)
        } else if starts("kh") {
            (&['h'], 2)
        } else if starts("ts") || starts("tz") {
            (&['Z'], 2)
        } else if starts("ph") {
            (&['f'], 2)
        } else if starts("th") {
            (&['t'], 2)
        } else if starts("wh") {
            (&['u'], 2)
        } else if starts("ck") {
            (&['k'], 2)
        } else if starts("au") {
            (&['o'], 2)
        } else if starts("ee") {
            (&['i'], 2)
        } else {
            let symbols: &[char] = match rest[0] {
                'c' if rest.get(1).is_some_and(|n| matches!(n, 'e' | 'i' | 'y')) => &['s'],
                'c' | 'q' => &['k'],
                'w' => &['u'],
                'x' => &['k', 's'],
                'y' => &['i'],
                'j' => &['J'],
                _ => std::slice::from_ref(&rest[0]),
            };
            (symbols, 1)
        };
        for &s in symbols {
            if out.last() != Some(&s) {
                out.push(s);
            }
        }
        i += used;
    }
    out
}

/// Whether a skeleton symbol is a vowel (transliteration disagrees most on these).
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The cost of inserting or dropping a skeleton symbol: 0.5 for a vowel, else 1.
fn indel(c: char) -> f32 {
    if is_vowel(c) { 0.5 } else { 1.0 }
}

/// The cost of writing `y` for `x`: nothing if they are one symbol, 0.5 for one vowel for
/// another, else 1.
fn substitution(x: char, y: char) -> f32 {
    if x == y {
        0.0
    } else if is_vowel(x) && is_vowel(y) {
        0.5
    } else {
        1.0
    }
}

/// Edit distance between two skeletons in which a vowel inserted, dropped or replaced by another
/// vowel costs 0.5 and every other edit 1.
fn weighted_distance(x: &[char], y: &[char]) -> f32 {
    let mut previous: Vec<f32> = std::iter::once(0.0)
        .chain(y.iter().scan(0.0, |acc, &c| {
            *acc += indel(c);
            Some(*acc)
        }))
        .collect();
    let mut current = vec![0.0f32; y.len() + 1];
    for &cx in x {
        current[0] = previous[0] + indel(cx);
        for (j, &cy) in y.iter().enumerate() {
            let substitute = substitution(cx, cy);
            current[j + 1] = (previous[j] + substitute)
                .min(previous[j + 1] + indel(cx))
                .min(current[j] + indel(cy));
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[y.len()]
}

/// Similarity of two skeletons, 0–1: one minus the weighted distance over the longer length.
#[expect(clippy::cast_precision_loss, reason = "words are short")]
fn skeleton_similarity(x: &[char], y: &[char]) -> f32 {
    let longest = x.len().max(y.len());
    if x.len().min(y.len()) < MIN_LETTERS {
        return 0.0;
    }
    1.0 - weighted_distance(x, y) / longest as f32
}

/// Longest target skeleton whose distance table [`similarity_if_same`] keeps on the stack.
const ON_STACK: usize = 32;

/// [`skeleton_similarity`] where it reaches [`SAME_NAME`], and 0 or a lower score otherwise
/// (what [`join_into`] needs): a pair too different in length is settled without the distance,
/// and the distance stops once each way through the table costs too much. Both are exact: every
/// edit costs at least 0.5, and the least cost in a row of the table never falls in the next.
#[expect(clippy::cast_precision_loss, reason = "words are short")]
fn similarity_if_same(x: &[char], y: &[char]) -> f32 {
    let longest = x.len().max(y.len());
    if x.len().min(y.len()) < MIN_LETTERS {
        return 0.0;
    }
    let score = |distance: f32| 1.0 - distance / longest as f32;
    if score(0.5 * x.len().abs_diff(y.len()) as f32) < SAME_NAME {
        return 0.0;
    }
    if y.len() >= ON_STACK {
        return skeleton_similarity(x, y);
    }
    let (mut previous, mut current) = ([0.0f32; ON_STACK], [0.0f32; ON_STACK]);
    for (j, &c) in y.iter().enumerate() {
        previous[j + 1] = previous[j] + indel(c);
    }
    for &cx in x {
        current[0] = previous[0] + indel(cx);
        let mut least = current[0];
        for (j, &cy) in y.iter().enumerate() {
            let substitute = substitution(cx, cy);
            current[j + 1] = (previous[j] + substitute)
                .min(previous[j + 1] + indel(cx))
                .min(current[j] + indel(cy));
            least = least.min(current[j + 1]);
        }
        if score(least) < SAME_NAME {
            return 0.0;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    score(previous[y.len()])
}

/// The skeletons of a Russian word as written and without each case ending it may carry.
#[must_use]
pub fn russian_forms(word: &str) -> Vec<Vec<char>> {
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    let mut forms = vec![skeleton(&to_latin(&lower))];
    for ending in CASE_ENDINGS {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= MIN_LETTERS
        {
            let form = skeleton(&to_latin(stem));
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// How alike a Russian word (Cyrillic, any case ending) and a Latin word are as names, 0–1.
#[must_use]
pub fn similarity(russian: &str, latin: &str) -> f32 {
    let target = skeleton(latin);
    russian_forms(russian)
        .iter()
        .map(|form| skeleton_similarity(form, &target))
        .fold(0.0, f32::max)
}

/// Whether a Russian word and a Latin word are one name ([`SAME_NAME`]).
#[must_use]
pub fn same_name(russian: &str, latin: &str) -> bool {
    similarity(russian, latin) >= SAME_NAME
}

/// Whether a word is written in Cyrillic.
fn is_cyrillic(word: &str) -> bool {
    !word.is_ascii() && word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Whether a word is written with a capital first letter (a name, or a sentence's first word).
fn capitalised(surface: &str) -> bool {
    match surface.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => surface.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Gives each capitalised Russian word on one side that the lexicon left in Russian the key of
/// the Latin word of the other side it transliterates to, where one reaches [`SAME_NAME`] (the
/// most similar one), so "Уилана" and "Whelan" become one term for the aligner and one anchor
/// for the analyst. Both directions: either side may be the Russian one. Costs a scan and nothing
/// more when no term is Cyrillic.
///
/// Each list of terms is one claim's: `texts_a` and `texts_b` give the claim texts the lists of
/// `a` and `b` were found in, in the same order.
pub fn join_names<'t>(
    a: &mut [&'t mut Vec<Term>],
    texts_a: &[&str],
    b: &mut [&'t mut Vec<Term>],
    texts_b: &[&str],
) {
    join_into(a, texts_a, b, texts_b);
    join_into(b, texts_b, a, texts_a);
}

/// [`join_names`] one way: Russian words of `russian` to Latin words of `latin`, whose claim
/// texts are `russian_texts` and `latin_texts`.
fn join_into(
    russian: &mut [&mut Vec<Term>],
    russian_texts: &[&str],
    latin: &[&mut Vec<Term>],
    latin_texts: &[&str],
) {
    let is_name_candidate = |t: &Term, text: &str| {
        let surface = t.surface(text);
        capitalised(surface) && is_cyrillic(&t.key) && surface.chars().count() >= 4
    };
    if !russian
        .iter()
        .zip(russian_texts)
        .any(|(terms, text)| terms.iter().any(|t| is_name_candidate(t, text)))
    {
        return;
    }
    // Distinct Latin names of the other side: (surface, key), first seen first.
    let mut names: Vec<(&str, &str, Vec<char>)> = Vec::new();
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for (terms, text) in latin.iter().zip(latin_texts) {
        for term in terms.iter() {
            let surface = term.surface(text);
            if capitalised(surface)
                && !term.key.starts_with('#')
                && !is_cyrillic(surface)
                && seen.insert(surface)
            {
                names.push((surface, &term.key, skeleton(surface)));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    // Russian surface (any case) → the key it takes, decided once per word.
    let mut decided: std::collections::HashMap<String, Option<smol_str::SmolStr>> =
        std::collections::HashMap::new();
    for (terms, text) in russian.iter_mut().zip(russian_texts) {
        for term in terms.iter_mut() {
            if !is_name_candidate(term, text) {
                continue;
            }
            let surface = term.surface(text);
            let key = decided.entry(surface.to_lowercase()).or_insert_with(|| {
                let forms = russian_forms(surface);
                names
                    .iter()
                    .map(|(_, key, target)| {
                        let score = forms
                            .iter()
                            .map(|form| similarity_if_same(form, target))
                            .fold(0.0, f32::max);
                        (score, *key)
                    })
                    .filter(|&(score, _)| score >= SAME_NAME)
                    .max_by(|x, y| x.0.total_cmp(&y.0))
                    .map(|(_, key)| smol_str::SmolStr::from(key))
            });
            if let Some(key) = key {
                term.key.clone_from(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_is_written_in_latin_letters() {
        assert_eq!(to_latin("Блинкен"), "blinken");
        assert_eq!(to_latin("Щукин"), "shchukin");
        assert_eq!(to_latin("Меркель"), "merkel");
        assert_eq!(to_latin("Шойгу"), "shoygu");
        assert_eq!(to_latin("Юрий"), "yuriy");
        assert_eq!(to_latin("Хабаровск"), "khabarovsk");
    }

    #[test]
    fn spelling_variants_share_a_skeleton() {
        let same = |x: &str, y: &str| assert_eq!(skeleton(x), skeleton(y), "{x} vs {y}");
        same("Donbass", "Donbas");
        same("Shoygu", "Shoigu");
        same("Khan", "Han");
        same("Tsai", "Tzai");
        same("Aleksei", "Alexei");
        same("Sergey", "Sergei");
        same("Ostin", "Austin");
        same("Zelensky", "Zelenskyy");
        same("Mersedes", "Mercedes");
    }

    #[test]
    fn names_match_across_scripts_in_any_case() {
        for (russian, latin) in [
            ("Блинкен", "Blinken"),
            ("Блинкену", "Blinken"),
            ("Лавров", "Lavrov"),
            ("Лаврова", "Lavrov"),
            ("Лаврову", "Lavrov"),
            ("Лавровым", "Lavrov"),
            ("Донбасс", "Donbas"),
            ("Донбассе", "Donbas"),
            ("Уилан", "Whelan"),
            ("Уилана", "Whelan"),
            ("Гринер", "Griner"),
            ("Шойгу", "Shoigu"),
            ("Шойгу", "Shoygu"),
            ("Остин", "Austin"),
            ("Остину", "Austin"),
            ("Меркель", "Merkel"),
            ("Салливан", "Sullivan"),
            ("Захарова", "Zakharova"),
            ("Зеленский", "Zelenskyy"),
            ("Эрдоган", "Erdogan"),
            ("Эрдогану", "Erdoğan"),
            ("Макрон", "Macron"),
            ("Йеллен", "Yellen"),
        ] {
            let score = similarity(russian, latin);
            assert!(same_name(russian, latin), "{russian} ~ {latin}: {score}");
        }
    }

    #[test]
    fn different_names_do_not_match() {
        for (russian, latin) in [
            ("Лавров", "Lavrentiev"),
            ("Путин", "Putnam"),
            ("Иран", "Iraq"),
            ("Остин", "Boston"),
            ("Гринер", "Greene"),
            ("Уилан", "Milan"),
            ("Меркель", "Merkley"),
            ("Блинкен", "Blinder"),
            ("Шойгу", "Shoah"),
            ("Стороны", "Storm"),
            ("Министр", "Minsk"),
            ("Путин", "Pu"),
        ] {
            let score = similarity(russian, latin);
            assert!(!same_name(russian, latin), "{russian} !~ {latin}: {score}");
        }
    }

    #[test]
    fn the_pruned_similarity_agrees_with_the_full_one_at_the_cut() {
        // Skeletons of many lengths, alike and not: every pair of made-up words over a small
        // alphabet (vowels and consonants mixed), plus the names above.
        let letters = ['a', 'e', 'o', 'b', 'k', 'S', 'n'];
        let mut words: Vec<Vec<char>> = Vec::new();
        let mut state = 12_345u32;
        for len in 0..=14 {
            for _ in 0..24 {
                let mut w = Vec::new();
                for _ in 0..len {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    w.push(letters[(state >> 16) as usize % letters.len()]);
                }
                // A near copy too: one letter changed, so that many pairs are alike.
                let mut near = w.clone();
                if let Some(c) = near.get_mut(len / 2) {
                    *c = letters[(state >> 8) as usize % letters.len()];
                }
                words.push(w);
                words.push(near);
            }
        }
        for name in [
            "Blinken",
            "Lavrov",
            "Lavrentiev",
            "Whelan",
            "Zelenskyy",
            "Griner",
        ] {
            words.push(skeleton(name));
        }
        words.extend(russian_forms("Лавровым"));
        words.extend(russian_forms("Блинкену"));
        let long: Vec<char> = "abkenoSabkenoSabkenoSabkenoSabkenoS".chars().collect();
        words.push(long.clone());
        words.push(long[1..].to_vec());
        let mut same = 0;
        for x in &words {
            for y in &words {
                let full = skeleton_similarity(x, y);
                let pruned = similarity_if_same(x, y);
                if full >= SAME_NAME {
                    same += usize::from(x != y);
                    assert_eq!(full.to_bits(), pruned.to_bits(), "{x:?} {y:?}");
                } else {
                    assert!(pruned < SAME_NAME, "{x:?} {y:?}: {full} {pruned}");
                }
            }
        }
        assert!(same > 200, "{same}");
    }

    /// The terms of claim `text`: each `(word, key)` a name at the word's place in the text.
    fn terms(text: &str, words: &[(&str, &str)]) -> Vec<Term> {
        words
            .iter()
            .map(|&(word, key)| {
                let start = text.find(word).unwrap();
                Term {
                    key: key.into(),
                    start,
                    end: start + word.len(),
                    kind: crate::lexicon::TermKind::Entity,
                    weight: 1.2,
                }
            })
            .collect()
    }

    #[test]
    fn russian_names_take_the_key_of_their_english_spelling() {
        let texts_a = ["Whelan, Paul"];
        let texts_b = ["Уилана Пола", "Стороны: Москва"];
        let mut a = [terms(texts_a[0], &[("Whelan", "whelan"), ("Paul", "paul")])];
        let mut b = [
            terms(texts_b[0], &[("Уилана", "уила"), ("Пола", "пол")]),
            terms(texts_b[1], &[("Стороны", "сторон"), ("Москва", "=russia")]),
        ];
        let mut ra: Vec<&mut Vec<Term>> = a.iter_mut().collect();
        let mut rb: Vec<&mut Vec<Term>> = b.iter_mut().collect();
        join_names(&mut ra, &texts_a, &mut rb, &texts_b);
        let keys: Vec<&str> = b.iter().flatten().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["whelan", "paul", "сторон", "=russia"]);
        // Either side may be the Russian one.
        let mut ra: Vec<&mut Vec<Term>> = a.iter_mut().collect();
        let texts_c = ["Уилан"];
        let mut c = [terms(texts_c[0], &[("Уилан", "уила")])];
        let mut rc: Vec<&mut Vec<Term>> = c.iter_mut().collect();
        join_names(&mut rc, &texts_c, &mut ra, &texts_a);
        assert_eq!(c[0][0].key, "whelan");
    }
}
