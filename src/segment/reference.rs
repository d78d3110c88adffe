//! The splitter's sentence loop as it was written first, over a vector of chars: the reference
//! that the byte scan of [`super::sentences`] is tested against.

use super::{
    OPENERS, SPEECH_VERBS, is_closing, is_cyrillic, is_dash, is_open_quote, is_terminal,
    push_trimmed, russian, surname_after_initials, word_at, word_before,
};

/// Sentence spans (start, end) within one paragraph, trimmed of surrounding whitespace.
pub(super) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quoted = russian::quoted(&chars);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if j < chars.len() && k == j {
            i = j; // no space after: "U.S.-Russia", "3.5", "e.g.,", "С.В.Лавров"
            continue;
        }
        // «Россия готова к диалогу. Мы ждём ответа», — a sentence inside Russian quotation marks
        // goes on to the closing mark.
        if quoted[j - 1] {
            i = k.max(i + 1);
            continue;
        }
        let at = Position {
            text,
            chars: &chars,
            start,
            pos,
            i,
            j,
            k,
        };
        let boundary = k >= chars.len() || is_boundary(&at);
        if boundary {
            push_trimmed(text, start, end, &mut out);
            start = chars.get(k).map_or(text.len(), |&(p, _)| p);
        }
        i = k.max(i + 1);
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// A terminal mark being decided: the paragraph's text and chars, where the current sentence
/// starts (byte), the mark (byte `pos`, char `i`), the end of the closing run after it (char
/// `j`) and the next word (char `k`).
struct Position<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
    start: usize,
    pos: usize,
    i: usize,
    j: usize,
    k: usize,
}

/// Decides whether a terminal mark ends a sentence.
fn is_boundary(at: &Position<'_>) -> bool {
    let Position {
        text,
        chars,
        pos,
        i,
        j,
        k,
        ..
    } = *at;
    let next = chars[k].1;
    if !(next.is_uppercase() || next.is_ascii_digit() || is_open_quote(next) || is_dash(next)) {
        return false;
    }
    let rest = &text[chars[k].0..];
    if is_dash(next) {
        // «Мы готовы!» — заявил Министр: the author's words after a dash go on the sentence.
        let after = rest.trim_start_matches(|c: char| is_dash(c) || c.is_whitespace());
        if after.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
    }
    let next_word = word_at(text, chars[k].0);
    let closed_quote = (i + 1..j).any(|n| matches!(chars[n].1, '"' | '”' | '’' | '»' | '“' | '\''));
    if closed_quote {
        // “…annexations.” Blinken said. — the attribution belongs to the quoted sentence.
        let attribution = rest
            .split_whitespace()
            .take(4)
            .any(|w| SPEECH_VERBS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())));
        return !attribution;
    }
    if chars[i].1 != '.' || j != i + 1 {
        return true;
    }
    let before = surname_after_initials(word_before(text, pos));
    if before.is_empty() {
        return true;
    }
    if before.chars().any(is_cyrillic) {
        return russian::is_boundary(at.text, at.start, at.pos, before, next);
    }
    super::latin_full_stop(before, next, OPENERS.contains(&next_word))
}

#[cfg(test)]
mod tests {
    use super::super::{russian, sentences};

    /// Pieces that the generated paragraphs are made of: words, abbreviations, initials, numbers,
    /// quotation marks, dashes, terminal marks and spaces of several kinds.
    const PIECES: &[&str] = &[
        "The",
        "talks",
        "he",
        "said",
        "Blinken",
        "U.S.",
        "U.N.",
        "a.m.",
        "e.g.,",
        "Mr.",
        "Gen.",
        "Jr.",
        "Inc.",
        "No.",
        "No",
        "etc.",
        "R.",
        "St.",
        "In",
        "And",
        "3.5",
        "2022",
        "2022 г.",
        "2021–2022 гг.",
        "г.",
        "им.",
        "т.е.",
        "т. е.",
        "т.д.",
        "и др.",
        "млн.",
        "Дж.",
        "С.В.Лавров",
        "С. В. Лавров",
        "Э.Блинкеном",
        "Министр",
        "заявил",
        "что",
        "в",
        "В",
        "мае",
        "июня",
        "Москва",
        "Стороны",
        "«",
        "»",
        "„",
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "(",
        ")",
        "[",
        "]",
        "*",
        "_",
        "—",
        "–",
        "-",
        ".",
        ".",
        ".",
        "!",
        "?",
        "…",
        ",",
        ":",
        ";",
        " ",
        " ",
        " ",
        " ",
        " ",
        "  ",
        "\u{a0}",
        "\u{2009}",
        "\t",
        "\n",
        "x",
        "Ы",
        "é",
        "1",
        "U.S.-Russia",
    ];

    /// The pieces drawn by a small linear congruential generator.
    fn paragraph(seed: &mut u64, len: usize) -> String {
        let mut out = String::new();
        for _ in 0..len {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let n = usize::try_from(*seed >> 33).unwrap_or(0) % PIECES.len();
            out.push_str(PIECES[n]);
        }
        out
    }

    #[test]
    fn byte_scan_splits_as_the_char_loop() {
        let mut seed = 7;
        for round in 0..20_000 {
            let text = paragraph(&mut seed, 1 + round % 60);
            assert_eq!(
                sentences(&text),
                super::sentences(&text),
                "sentences of {text:?}"
            );
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let quoted = russian::quoted(&chars);
            let spans = russian::quoted_spans(&text);
            for (n, &(pos, _)) in chars.iter().enumerate() {
                assert_eq!(
                    russian::in_spans(&spans, pos),
                    quoted[n],
                    "quoted at {pos} of {text:?}"
                );
            }
        }
    }
}
