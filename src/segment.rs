//! Readout text to claims: one per sentence, with byte spans; titles and datelines are skipped.
//!
//! Readouts are short, formal texts, so a rule-based splitter does well: it knows the
//! abbreviations they use (U.S., Mr., Gen., a.m., Jr.; г., т.е., и др., млн), initials glued or
//! spaced ("С.В.Лавров", "Joseph R. Biden"), quotations with inner punctuation (“…” and «…»,
//! „…“) and Russian direct speech, list items, Markdown headings and hard-wrapped paragraphs.

#[cfg(test)]
mod reference;
mod russian;

/// A span of text that is one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 0-based index of the paragraph (or list item) it stands in.
    pub paragraph: usize,
}

/// Abbreviations after which a period never ends a sentence (titles, months, "No." before a number
/// is handled apart). Compared case-sensitively after the first letter is matched as written.
const NEVER_END: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Adm",
    "Cmdr", "Gov", "Sen", "Sens", "Rep", "Reps", "Amb", "Prof", "Rev", "Hon", "St", "Ft", "Mt",
    "Pres", "Sec", "Dep", "Gens", "Brig", "Cpl", "Pvt", "vs", "v", "cf", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Fig", "Para", "Vol",
    "Art", "Corp", "Dept", "Gos",
];

/// Abbreviations that may also end a sentence: a boundary only before a typical sentence opener.
const MAY_END: &[&str] = &["Jr", "Sr", "Inc", "Ltd", "Co", "etc", "No"];

/// All-capital words that open a paragraph without being a dateline's place ("МИД России — …").
const ACRONYMS: &[&str] = &[
    "МИД",
    "США",
    "ООН",
    "НАТО",
    "ОБСЕ",
    "КНР",
    "ВСУ",
    "СНВ",
    "ОДКБ",
    "ШОС",
    "БРИКС",
    "АСЕАН",
    "МАГАТЭ",
    "ДНР",
    "ЛНР",
    "NATO",
    "USA",
    "OSCE",
    "IAEA",
    "ASEAN",
    "BRICS",
    "NSC",
];

/// Words that typically open a sentence; used to decide after an ambiguous abbreviation.
const OPENERS: &[&str] = &[
    "The",
    "This",
    "These",
    "That",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "Both",
    "According",
    "Also",
    "However",
    "But",
    "And",
    "As",
    "During",
    "Mr",
    "Ms",
    "There",
    "Their",
    "His",
    "Her",
    "Its",
    "Our",
    "A",
    "An",
    "For",
    "With",
];

/// Verbs of speaking that may follow a closing quotation within the same sentence.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "noted",
    "stressed",
    "continued",
    "told",
    "asked",
    "stated",
    "replied",
    "emphasized",
    "emphasised",
    "underlined",
    "remarked",
    "declared",
    "wrote",
    "warned",
    "сказал",
    "сказала",
    "заявил",
    "заявила",
    "отметил",
    "отметила",
    "подчеркнул",
    "подчеркнула",
    "добавил",
    "добавила",
    "указал",
    "указала",
    "пояснил",
    "ответил",
    "констатировал",
    "напомнил",
];

/// Splits a readout into claims.
///
/// A text in which no paragraph reads as prose is read again with a final stop taken as given,
/// so that a readout of one sentence without its final period still has a claim; a title alone
/// still has none.
#[must_use]
pub fn segment(text: &str) -> Vec<Segment> {
    let units = units(text);
    let claims = claims_in(text, &units, Ending::Required);
    if claims.is_empty() {
        claims_in(text, &units, Ending::Optional)
    } else {
        claims
    }
}

/// Whether a paragraph must end with a stop (or be long) to read as prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Short paragraphs without a final stop are titles, bylines or datelines.
    Required,
    /// A paragraph without a final stop is prose unless it is set like a title.
    Optional,
}

/// The claims of the paragraphs and list items that read as prose.
fn claims_in(text: &str, units: &[Unit], ending: Ending) -> Vec<Segment> {
    let mut out = Vec::new();
    for (paragraph, unit) in units.iter().enumerate() {
        let body = &text[unit.start..unit.end];
        if !unit.is_list_item && !looks_like_prose(body, ending) {
            continue;
        }
        let offset = unit.start + dateline_prefix_len(body);
        for (s, e) in sentences(&text[offset..unit.end]) {
            let sentence = &text[offset + s..offset + e];
            if sentence.chars().any(char::is_alphabetic) {
                out.push(Segment {
                    start: offset + s,
                    end: offset + e,
                    paragraph,
                });
            }
        }
    }
    out
}

/// A paragraph or list item: a byte range of the text.
#[derive(Debug)]
struct Unit {
    start: usize,
    end: usize,
    is_list_item: bool,
}

/// Groups lines into paragraphs and list items, dropping Markdown headings and rules.
fn units(text: &str) -> Vec<Unit> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push((pos, content));
        pos += line.len();
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut open = false;
    for (i, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_markdown_heading_or_rule(trimmed) {
            open = false;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let marker = list_marker_len(trimmed);
        let content_start = start + indent + marker;
        let content_end = start + line.trim_end().len();
        if content_start >= content_end {
            open = false;
            continue;
        }
        if open && marker == 0 {
            if let Some(last) = units.last_mut() {
                last.end = content_end;
            }
        } else {
            units.push(Unit {
                start: content_start,
                end: content_end,
                is_list_item: marker > 0,
            });
        }
        // A line ending a sentence, followed by a line that starts like a new sentence, ends the
        // paragraph (files with one paragraph per line and no blank lines between).
        let next_starts_fresh = lines.get(i + 1).is_none_or(|(_, next)| {
            next.trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_open_quote(c))
        });
        let ends_sentence = ends_with_terminal(trimmed);
        // Counted only for a line that does not end a sentence (most lines do).
        let title_like = !ends_sentence && {
            let words = word_count(trimmed, 30);
            (words < 15 && is_title_case(trimmed)) || (words < 30 && russian::is_heading(trimmed))
        };
        open = !((ends_sentence || title_like) && next_starts_fresh);
    }
    units
}

fn is_markdown_heading_or_rule(line: &str) -> bool {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        return true;
    }
    line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
}

/// Length in bytes of a leading list marker with its following space ("- ", "1. ", "(a) "), or 0.
fn list_marker_len(line: &str) -> usize {
    for bullet in ["- ", "* ", "+ ", "• ", "– ", "· ", "▪ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return bullet.len() + (rest.len() - rest.trim_start().len());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let marker = if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") "))
    {
        digits + 2
    } else if let Some(inner) = line.strip_prefix('(') {
        let n = inner
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .count();
        if (1..=2).contains(&n) && inner[n..].starts_with(") ") {
            n + 3
        } else {
            0
        }
    } else {
        0
    };
    if marker == 0 {
        return 0;
    }
    marker + (line[marker..].len() - line[marker..].trim_start().len())
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '„' | '\'' | '(' | '[')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '’' | '“' | '\'' | '»' | ')' | ']' | '*' | '_'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn ends_with_terminal(line: &str) -> bool {
    let core = line.trim_end_matches(is_closing);
    core.ends_with(|c: char| is_terminal(c) || c == ':' || c == ';')
}

/// The number of words of `s`, counted up to `cap` (every caller only compares it with a
/// smaller bound, and long paragraphs need not be counted through).
fn word_count(s: &str, cap: usize) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(crate::lexicon::is_word_char))
        .take(cap)
        .count()
}

/// Whether most words of a short line start with a capital, as titles do.
fn is_title_case(line: &str) -> bool {
    let words = initial_words(line);
    is_mostly_capitalised(&words) || words.len() <= 8
}

/// The words of a line that start with a letter.
fn initial_words(line: &str) -> Vec<&str> {
    line.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect()
}

/// Whether most of the longer words (over three letters) start with a capital, or there are
/// none: "Readout of the Call", not "The ministers discussed grain".
fn is_mostly_capitalised(words: &[&str]) -> bool {
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    if long.is_empty() {
        return true;
    }
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitalised * 2 > long.len()
}

/// Whether a paragraph reads as prose rather than a title, byline or dateline.
fn looks_like_prose(body: &str, ending: Ending) -> bool {
    let words = word_count(body, 20);
    if !ends_with_terminal(body) {
        if words >= 20 {
            return true;
        }
        // Without its final stop, a short paragraph is prose only in a second reading, and only
        // when it is not set like a title.
        if ending == Ending::Required || words < 3 || is_mostly_capitalised(&initial_words(body)) {
            return false;
        }
    }
    if words <= 6 {
        let lower = body.to_lowercase();
        let has_month = lower
            .split(|c: char| !c.is_alphanumeric())
            .any(crate::metadata::is_month);
        let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        if has_month || all_caps {
            return false;
        }
    }
    true
}

/// Length of a leading dateline such as "WASHINGTON, July 29 — " or "MOSCOW — ", or 0.
fn dateline_prefix_len(body: &str) -> usize {
    let first = body.split([' ', ',']).next().unwrap_or("");
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3
        || ACRONYMS.contains(&first.trim_matches(|c: char| !c.is_alphabetic()))
        || !first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return 0;
    }
    let window = body
        .char_indices()
        .take(60)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    for dash in [" — ", " – ", " - ", "—"] {
        if let Some(i) = body[..window].find(dash) {
            let prefix = &body[..i];
            if word_count(prefix, 7) <= 6 {
                let after = i + dash.len();
                return after + (body[after..].len() - body[after..].trim_start().len());
            }
        }
    }
    0
}

/// Sentence spans (start, end) within one paragraph, trimmed of surrounding whitespace.
///
/// Scans the bytes for the next terminal mark, so that the runs of text between marks are not
/// decoded; [`reference::sentences`] is the same loop over a vector of chars.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let quoted = russian::quoted_spans(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(pos) = next_terminal(bytes, from) {
        let mark = char_at(text, pos).unwrap_or('.');
        let after = pos + mark.len_utf8();
        // The closing run after the mark ends at `run_end`; its last char starts at `last`.
        let mut last = pos;
        let mut run_end = after;
        while let Some(c) = char_at(text, run_end).filter(|&c| is_terminal(c) || is_closing(c)) {
            last = run_end;
            run_end += c.len_utf8();
        }
        let mut next_start = run_end;
        while let Some(c) = char_at(text, next_start).filter(|c| c.is_whitespace()) {
            next_start += c.len_utf8();
        }
        from = next_start;
        if run_end < text.len() && next_start == run_end {
            continue; // no space after: "U.S.-Russia", "3.5", "e.g.,", "С.В.Лавров"
        }
        // «Россия готова к диалогу. Мы ждём ответа», — a sentence inside Russian quotation marks
        // goes on to the closing mark.
        if russian::in_spans(&quoted, last) {
            continue;
        }
        let at = Position {
            text,
            start,
            pos,
            mark,
            run_end,
            next_start,
        };
        if next_start >= text.len() || is_boundary(&at) {
            push_trimmed(text, start, run_end, &mut out);
            start = next_start;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The byte offset of the first terminal mark ('.', '!', '?', '…') at or after `from`.
fn next_terminal(bytes: &[u8], from: usize) -> Option<usize> {
    let tail = bytes.get(from..)?;
    tail.iter()
        .enumerate()
        .position(|(n, &b)| {
            matches!(b, b'.' | b'!' | b'?')
                || (b == 0xE2 && tail[n + 1..].starts_with(&[0x80, 0xA6])) // '…'
        })
        .map(|n| from + n)
}

/// The char that starts at byte `pos`, if any.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|tail| tail.chars().next())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// A terminal mark being decided: the paragraph's text, where the current sentence starts, the
/// mark (`mark` at byte `pos`), the end of the closing run after it and the start of the next
/// word (all bytes).
struct Position<'a> {
    text: &'a str,
    start: usize,
    pos: usize,
    mark: char,
    run_end: usize,
    next_start: usize,
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// Decides whether a terminal mark ends a sentence.
fn is_boundary(at: &Position<'_>) -> bool {
    let Position {
        text,
        start,
        pos,
        mark,
        run_end,
        next_start,
    } = *at;
    let rest = &text[next_start..];
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || is_open_quote(next) || is_dash(next)) {
        return false;
    }
    if is_dash(next) {
        // «Мы готовы!» — заявил Министр: the author's words after a dash go on the sentence.
        let after = rest.trim_start_matches(|c: char| is_dash(c) || c.is_whitespace());
        if after.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
    }
    let closed_quote = text[pos + mark.len_utf8()..run_end]
        .chars()
        .any(|c| matches!(c, '"' | '”' | '’' | '»' | '“' | '\''));
    if closed_quote {
        // “…annexations.” Blinken said. — the attribution belongs to the quoted sentence.
        let attribution = rest
            .split_whitespace()
            .take(4)
            .any(|w| SPEECH_VERBS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())));
        return !attribution;
    }
    if mark != '.' || run_end != pos + 1 {
        return true;
    }
    let before = surname_after_initials(word_before(text, pos));
    if before.is_empty() {
        return true;
    }
    if before.chars().any(is_cyrillic) {
        return russian::is_boundary(text, start, pos, before, next);
    }
    latin_full_stop(before, next, OPENERS.contains(&word_at(text, next_start)))
}

/// Whether a full stop after the Latin word `before` ends a sentence, given the next character
/// and whether the next word is one that opens sentences.
fn latin_full_stop(before: &str, next: char, is_opener: bool) -> bool {
    if before.contains('.') {
        return is_opener; // U.S., U.N., a.m., e.g.
    }
    let letters = before.chars().count();
    if letters == 1 && before.chars().all(char::is_uppercase) {
        return false; // an initial: Joseph R. Biden
    }
    if NEVER_END.contains(&before) {
        return false;
    }
    if before == "No" {
        return !next.is_ascii_digit() && is_opener;
    }
    if MAY_END.contains(&before) {
        return is_opener;
    }
    true
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The surname of a name written with glued initials ("Блинкеном" of "Э.Блинкеном"), else the
/// word as it is ("U.S.", "т.д").
fn surname_after_initials(word: &str) -> &str {
    match word.rsplit_once('.') {
        Some((initials, surname))
            if surname.chars().count() > 1 && initials.split('.').all(is_initial) =>
        {
            surname
        }
        _ => word,
    }
}

/// Whether a word is an initial: one capital letter, or "Дж" (J in Russian).
fn is_initial(word: &str) -> bool {
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) || word == "Дж"
}

/// The run of letters, digits and inner dots that ends right before byte `pos`.
fn word_before(text: &str, pos: usize) -> &str {
    let head = &text[..pos];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(pos, |(i, _)| i);
    head[start..].trim_start_matches('.')
}

/// The word that starts at byte `pos` (letters only).
fn word_at(text: &str, pos: usize) -> &str {
    let tail = &text[pos..];
    let tail = tail.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = tail
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(tail.len());
    &tail[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let text = "The U.S. and the U.N. agreed at 10 a.m. on the plan. Mr. Smith, Gen. Lee and \
                    Lt. Col. Ray met at St. Petersburg. Resolution No. 2231 stands.";
        assert_eq!(
            claims(text),
            [
                "The U.S. and the U.N. agreed at 10 a.m. on the plan.",
                "Mr. Smith, Gen. Lee and Lt. Col. Ray met at St. Petersburg.",
                "Resolution No. 2231 stands."
            ]
        );
    }

    #[test]
    fn initials_and_jr_stay_in_the_sentence() {
        let text = "President Joseph R. Biden, Jr. spoke today with President Xi. They talked.";
        assert_eq!(
            claims(text),
            [
                "President Joseph R. Biden, Jr. spoke today with President Xi.",
                "They talked."
            ]
        );
    }

    #[test]
    fn abbreviation_at_the_end_of_a_sentence_splits_before_an_opener() {
        let text = "He met officials of the U.S. The talks were long.";
        assert_eq!(
            claims(text),
            ["He met officials of the U.S.", "The talks were long."]
        );
    }

    #[test]
    fn quotations_keep_their_attribution() {
        let text = "“I raised with him what I said I would raise,” Blinken said. \
                    “The world will not recognize it.” Blinken added. \"Next?\" he asked. Done.";
        assert_eq!(
            claims(text),
            [
                "“I raised with him what I said I would raise,” Blinken said.",
                "“The world will not recognize it.” Blinken added.",
                "\"Next?\" he asked.",
                "Done."
            ]
        );
    }

    #[test]
    fn quoted_sentence_ending_inside_quotes_splits() {
        let text = "Lavrov called it “unacceptable.” The Secretary disagreed.";
        assert_eq!(
            claims(text),
            [
                "Lavrov called it “unacceptable.”",
                "The Secretary disagreed."
            ]
        );
    }

    #[test]
    fn em_dashes_do_not_split() {
        let text = "The program — which has intruded into 40 countries — was exposed. It ended.";
        assert_eq!(claims(text).len(), 2);
    }

    #[test]
    fn titles_datelines_and_headings_are_not_claims() {
        let text = "Secretary Blinken’s Call with Russian Foreign Minister Lavrov\n\n\
                    July 29, 2022\n\nWASHINGTON — Secretary Blinken spoke with Lavrov. They met.\n\n\
                    # Heading\n\nLast one.\n";
        assert_eq!(
            claims(text),
            [
                "Secretary Blinken spoke with Lavrov.",
                "They met.",
                "Last one."
            ]
        );
    }

    #[test]
    fn one_sentence_without_a_final_period_is_a_claim_issue_11() {
        let text = "Secretary Blinken spoke today with Foreign Minister Lavrov about grain\n";
        assert_eq!(claims(text), [text.trim_end()]);
        assert_eq!(
            claims("Лавров и Блинкен обсудили вопросы безопасности"),
            ["Лавров и Блинкен обсудили вопросы безопасности"]
        );
        // A title or a date alone is still no readout; nor is a title above it.
        assert!(claims("Readout of the Call\n").is_empty());
        assert!(claims("29 июля 2022 года").is_empty());
        assert_eq!(
            claims("Readout of the Call\n\nThe ministers discussed grain exports"),
            ["The ministers discussed grain exports"]
        );
        // Only a text with no sentence at all is read again: elsewhere a short line without a
        // final stop stays out, as before.
        assert_eq!(
            claims("The ministers discussed grain exports\n\nThey met in Geneva.\n"),
            ["They met in Geneva."]
        );
    }

    #[test]
    fn title_directly_above_the_text_is_skipped() {
        let text = "Readout of the Call With Foreign Minister Lavrov\nThe Secretary spoke today.\n";
        assert_eq!(claims(text), ["The Secretary spoke today."]);
    }

    #[test]
    fn lists_give_one_claim_per_item() {
        let text = "The sides discussed:\n- grain exports from Ukraine\n- the prisoner exchange\n\
                    1. Sanctions relief was raised.\n2) Nothing else.\n";
        assert_eq!(
            claims(text),
            [
                "The sides discussed:",
                "grain exports from Ukraine",
                "the prisoner exchange",
                "Sanctions relief was raised.",
                "Nothing else."
            ]
        );
        let segs = segment(text);
        assert!(segs.windows(2).all(|w| w[0].paragraph < w[1].paragraph));
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "Secretary Blinken spoke with Foreign Minister Lavrov about the\nrelease of \
                    detained citizens. He urged Russia to\naccept the proposal.\n";
        let got = claims(text);
        assert_eq!(got.len(), 2);
        assert!(got[0].ends_with("citizens."));
    }

    #[test]
    fn cyrillic_sentences_split() {
        let text = "С.В. Лавров провёл телефонный разговор с Э. Блинкеном. Обсуждались вопросы \
                    обмена заключёнными. В 2022 г. стороны договорились!";
        assert_eq!(claims(text).len(), 3);
    }

    #[test]
    fn spans_index_the_text() {
        let text = "  First one.  Second “quoted” one!\n\nThird?";
        for s in segment(text) {
            let piece = &text[s.start..s.end];
            assert_eq!(piece, piece.trim());
        }
        assert_eq!(
            claims(text),
            ["First one.", "Second “quoted” one!", "Third?"]
        );
    }
}
