//! The languages Parallax reads, in one registry: how a readout's language is told (`whatlang`,
//! trigram statistics, limited to the registry), and what each language needs (its stemmer).
//! A language is added here, with its stop words in `assets/stopwords.toml` and its words in
//! the lexicons; a readout in a language not listed is still compared, word by word.

use rust_stemmers::Algorithm;

/// One language Parallax knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code, as written in the JSON (`"en"`).
    pub code: &'static str,
    /// The name shown to users.
    pub name: &'static str,
    /// The detector's identifier.
    detect_as: whatlang::Lang,
    /// The Snowball stemmer for its words, if it has one.
    pub stemmer: Option<Algorithm>,
}

/// Every language Parallax reads. Chinese is detected and named, but has no stemmer or lexicon
/// yet: its readouts are compared by their words as written.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        name: "English",
        detect_as: whatlang::Lang::Eng,
        stemmer: Some(Algorithm::English),
    },
    Language {
        code: "ru",
        name: "Russian",
        detect_as: whatlang::Lang::Rus,
        stemmer: Some(Algorithm::Russian),
    },
    Language {
        code: "zh",
        name: "Chinese",
        detect_as: whatlang::Lang::Cmn,
        stemmer: None,
    },
];

/// At most this much of a text is read to tell its language (a readout's opening paragraphs
/// are enough, and a long text would only cost time).
const SAMPLE_BYTES: usize = 20_000;

/// The language of a text, among [`LANGUAGES`], or `None` when the text is too short or in
/// another language.
#[must_use]
pub fn detect(text: &str) -> Option<&'static Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let allow = LANGUAGES.iter().map(|l| l.detect_as).collect();
    let info = whatlang::Detector::with_allowlist(allow).detect(&text[..end])?;
    // Among allowed languages the detector always picks one; a text mostly in another script
    // (Arabic, say) is not one of ours.
    let script_fits = match info.lang() {
        whatlang::Lang::Rus => info.script() == whatlang::Script::Cyrillic,
        whatlang::Lang::Eng => info.script() == whatlang::Script::Latin,
        whatlang::Lang::Cmn => info.script() == whatlang::Script::Mandarin,
        _ => false,
    };
    if !script_fits {
        return None;
    }
    LANGUAGES.iter().find(|l| l.detect_as == info.lang())
}

/// The registered language with this code.
#[must_use]
pub fn by_code(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_russian_and_chinese_readouts_are_told_apart() {
        let en = "The Secretary spoke with the Foreign Minister about grain exports and the \
                  release of two detained citizens.";
        let ru = "Министр иностранных дел провел телефонный разговор с государственным \
                  секретарем. Обсуждались вопросы экспорта зерна.";
        let zh = "双方就中美关系和共同关心的国际和地区问题深入交换了意见。";
        assert_eq!(detect(en).map(|l| l.code), Some("en"));
        assert_eq!(detect(ru).map(|l| l.code), Some("ru"));
        assert_eq!(detect(zh).map(|l| l.code), Some("zh"));
    }

    #[test]
    fn other_scripts_and_empty_text_have_no_language() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("مرحبا بكم في الاجتماع الدبلوماسي اليوم"), None);
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let long = "Переговоры продолжились. ".repeat(2_000);
        assert_eq!(detect(&long).map(|l| l.name), Some("Russian"));
        assert_eq!(
            by_code("ru").and_then(|l| l.stemmer),
            Some(Algorithm::Russian)
        );
        assert!(by_code("xx").is_none());
    }
}
