//! The Russian rules of the splitter: abbreviations ("г.", "т.е.", "и др.", "млн"), initials,
//! a year closing or opening a sentence, «…» and „…“ quotations, and ministry titles.

use super::{is_cyrillic, is_dash, is_initial};

/// Russian abbreviations after which a period never ends a sentence ("им. Баумана", "ул. Мира",
/// "т.е.", "т.к.", "и.о. министра"), spaced forms written glued ("т. е." as "т.е"). Any single
/// lower-case letter ("д. 5", "п. 3") counts too: a Russian sentence never ends on one. "г." and
/// "гг." are decided apart (a year, or a city).
const RU_NEVER_END: &[&str] = &[
    "им", "ул", "стр", "св", "тов", "ст", "см", "т", "др", "пр", "т.е", "т.к", "т.н", "т.ч", "и.о",
    "напр", "проф", "акад", "пер",
];

/// Russian abbreviations that may also end a sentence ("и т.д.", "и др.", "млн руб."): a boundary
/// only before a capitalised word. Russian capitalises little inside a sentence, so a capital
/// after them opens the next one.
const RU_MAY_END: &[&str] = &[
    "т.д", "т.п", "и др", "и пр", "млн", "млрд", "трлн", "тыс", "руб", "долл",
];

/// Words of a date that opens a sentence ("В начале 2022 г.", "25 июня 2024 г.", "ещё в 2019
/// г."), besides numbers and month names: a capitalised word after such a date is the sentence's subject.
const RU_DATE_WORDS: &[&str] = &[
    "в",
    "во",
    "с",
    "со",
    "до",
    "по",
    "к",
    "ко",
    "на",
    "от",
    "около",
    "начале",
    "конце",
    "середине",
    "течение",
    "году",
    "еще",
    "ещё",
    "уже",
    "лишь",
    "только",
];

/// Conjunctions that open a clause ("…подчеркнул, что в 2021 г. Москва…").
const CONJUNCTIONS: &[&str] = &[
    "что",
    "и",
    "а",
    "но",
    "как",
    "когда",
    "где",
    "поскольку",
    "хотя",
    "если",
    "чтобы",
    "однако",
];

/// Whether a line opens as Russian ministries title their readouts: "О телефонном разговоре …",
/// "Об итогах …" (a preposition "about" and a lower-case word).
pub(super) fn is_heading(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(words.next(), Some("О" | "Об" | "Обо"))
        && words
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(|c| is_cyrillic(c) && c.is_lowercase())
}

/// The byte ranges of a paragraph that stand inside a pair of Russian quotation marks («…» or
/// „…“) that closes in the same paragraph, from just after the opening mark to the closing mark;
/// an unclosed mark quotes nothing. The ranges are sorted and disjoint (nested pairs are merged
/// into the outer one), for [`in_spans`].
pub(super) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if !text.contains(['«', '„']) {
        return spans;
    }
    let mut open: Vec<(usize, char)> = Vec::new();
    for (n, c) in text.char_indices() {
        match c {
            '«' | '„' => open.push((n + c.len_utf8(), c)),
            '»' | '“' => {
                let opener = if c == '»' { '«' } else { '„' };
                if let Some(depth) = open.iter().rposition(|&(_, o)| o == opener) {
                    let (from, _) = open[depth];
                    open.truncate(depth);
                    // Pairs close inside out, so a pair closing now holds every earlier one that
                    // starts after its opening mark, and no other.
                    while spans.last().is_some_and(|&(s, _)| s >= from) {
                        spans.pop();
                    }
                    if from < n {
                        spans.push((from, n));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// Whether byte `pos` lies in one of the sorted, disjoint `spans`.
pub(super) fn in_spans(spans: &[(usize, usize)], pos: usize) -> bool {
    let n = spans.partition_point(|&(_, end)| end <= pos);
    spans.get(n).is_some_and(|&(start, _)| start <= pos)
}

/// For each char, whether it stands inside a pair of Russian quotation marks («…» or „…“) that
/// closes in the same paragraph; an unclosed mark quotes nothing. (The char-indexed reference of
/// [`quoted_spans`].)
#[cfg(test)]
pub(super) fn quoted(chars: &[(usize, char)]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let mut open: Vec<(usize, char)> = Vec::new();
    for (n, &(_, c)) in chars.iter().enumerate() {
        match c {
            '«' | '„' => open.push((n, c)),
            '»' | '“' => {
                let opener = if c == '»' { '«' } else { '„' };
                if let Some(depth) = open.iter().rposition(|&(_, o)| o == opener) {
                    let (from, _) = open[depth];
                    open.truncate(depth);
                    inside[from + 1..n].iter_mut().for_each(|x| *x = true);
                }
            }
            _ => {}
        }
    }
    inside
}

/// Decides after a Russian word and a period, with a space and `next` (an upper-case letter, a
/// digit, a quotation mark or a dash) after it.
///
/// An initial never ends a sentence; nor do the abbreviations of [`RU_NEVER_END`]. Those of
/// [`RU_MAY_END`] end one before a capitalised word. "г."/"гг." after a year end one before a
/// capitalised word ("…в 2022 г. Министр подчеркнул…") unless the sentence or clause so far is
/// only that date ("В 2022 г. Министр посетил…", "25 июня 2024 г. Министр…", "…подчеркнул, что в
/// 2021 г. Москва…"): a date opening a clause is followed by its subject. After anything else
/// "г." is "город" ("в г. Женеве") and goes on.
/// `text` is the paragraph, `start` the byte where the current sentence starts and `pos` the
/// byte of the period.
pub(super) fn is_boundary(text: &str, start: usize, pos: usize, before: &str, next: char) -> bool {
    let word_start = pos - before.len();
    if before.split('.').all(is_initial) {
        return false; // initials: "С. В. Лавров", "С.В. Лавров", "Дж. Байден"
    }
    let letters = before.chars().count();
    let key = abbreviation_key(text, word_start, before);
    let capital = next.is_uppercase();
    if key == "г" || key == "гг" {
        let (year_start, year) = word_ending_at(text, word_start);
        let is_year = year.len() >= 4
            && year
                .chars()
                .all(|c| c.is_ascii_digit() || is_dash(c) || c == '-')
            && year.chars().rev().take(4).all(|c| c.is_ascii_digit());
        if !is_year || !capital {
            return false;
        }
        let opening = text.get(start..year_start).unwrap_or_default();
        return !opens_with_date(opening);
    }
    if RU_MAY_END.contains(&key.as_str()) {
        return capital;
    }
    if RU_NEVER_END.contains(&key.as_str()) {
        return false;
    }
    !(letters == 1 && before.chars().all(char::is_lowercase))
}

/// The abbreviation ending at `word` (which starts at byte `word_start`), spaced forms written
/// glued ("т. д" → "т.д") and "и" joined to "др"/"пр" ("и др").
fn abbreviation_key(text: &str, word_start: usize, word: &str) -> String {
    let head = text[..word_start].trim_end();
    let (_, prev) = word_ending_at(text, head.len());
    if word.chars().count() == 1
        && head.ends_with('.')
        && let (_, letter) = word_ending_at(text, head.len() - 1)
        && letter.chars().count() == 1
        && letter.chars().all(char::is_lowercase)
    {
        return format!("{letter}.{word}");
    }
    if (word == "др" || word == "пр") && (prev == "и" || prev == "И") {
        return format!("и {word}");
    }
    word.to_string()
}

/// The word (letters, digits, dashes) ending at byte `end`, after skipping spaces, with its
/// start.
fn word_ending_at(text: &str, end: usize) -> (usize, &str) {
    let head = text[..end].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || is_dash(c))
        .last()
        .map_or(head.len(), |(n, _)| n);
    (start, &head[start..])
}

/// Whether the clause that holds a year opens with its date: the words since the sentence's
/// start, or since the last clause break before the year (a comma, colon, dash or a conjunction
/// such as "что"), are only numbers, months and prepositions ("В начале", "25 июня", "…, что в").
fn opens_with_date(before_year: &str) -> bool {
    let clause = before_year
        .rsplit([',', ';', ':', '—', '–', '('])
        .next()
        .unwrap_or(before_year);
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let from = words
        .iter()
        .rposition(|w| CONJUNCTIONS.contains(&w.as_str()))
        .map_or(0, |n| n + 1);
    words[from..].iter().all(|w| {
        w.is_empty()
            || w.chars().all(|c| c.is_ascii_digit())
            || RU_DATE_WORDS.contains(&w.as_str())
            || crate::metadata::is_month_form(w)
    })
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;

    fn claims(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn russian_initials_glued_or_spaced_never_end_a_sentence() {
        let text = "С.В.Лавров принял посла. С. В. Лавров передал послание для Э.Блинкена. \
                    В.В.Путин и Дж. Байден поговорили. С.В. Лавров ответил Э. Блинкену.";
        assert_eq!(
            claims(text),
            [
                "С.В.Лавров принял посла.",
                "С. В. Лавров передал послание для Э.Блинкена.",
                "В.В.Путин и Дж. Байден поговорили.",
                "С.В. Лавров ответил Э. Блинкену."
            ]
        );
        // A sentence ends after a name written with glued initials.
        assert_eq!(
            claims("Министр провел разговор с Э.Блинкеном. Стороны обсудили Украину."),
            [
                "Министр провел разговор с Э.Блинкеном.",
                "Стороны обсудили Украину."
            ]
        );
    }

    #[test]
    fn russian_abbreviations_go_on_before_lower_case_words_and_numbers() {
        let text = "Обсуждены санкции, т.е. ограничительные меры, т. к. они затрагивают \
                    экспорт зерна, удобрений и т.д. и т. п. вопросы. Заседание прошло в \
                    МГИМО им. Горчакова на ул. Остоженка, стр. 2, в г. Москве. Ущерб составил \
                    10 млн. руб. в 2021 г. и 20 млрд. рублей в 2020–2022 гг. соответственно. \
                    Участвовали посол, его заместитель и др. сотрудники. Министр иностранных \
                    дел РФ прибыл в МИД Франции. Встреча прошла в св. Петра соборе, д. 5.";
        assert_eq!(
            claims(text),
            [
                "Обсуждены санкции, т.е. ограничительные меры, т. к. они затрагивают экспорт \
                 зерна, удобрений и т.д. и т. п. вопросы.",
                "Заседание прошло в МГИМО им. Горчакова на ул. Остоженка, стр. 2, в г. Москве.",
                "Ущерб составил 10 млн. руб. в 2021 г. и 20 млрд. рублей в 2020–2022 гг. \
                 соответственно.",
                "Участвовали посол, его заместитель и др. сотрудники.",
                "Министр иностранных дел РФ прибыл в МИД Франции.",
                "Встреча прошла в св. Петра соборе, д. 5."
            ]
        );
    }

    #[test]
    fn russian_abbreviations_that_may_end_a_sentence_end_it_before_a_capital() {
        let text = "Обсуждались Сирия, Ливия, Иран и т.д. Министр подчеркнул важность диалога. \
                    Затронуты Сирия, Ливия и др. Стороны договорились о встрече. Выделено \
                    5 млрд. Кроме того, обсуждались поставки и т. п. С.В.Лавров ответил. \
                    Совещание прошло в Министерстве обороны РФ. МИД России выступил с заявлением.";
        assert_eq!(
            claims(text),
            [
                "Обсуждались Сирия, Ливия, Иран и т.д.",
                "Министр подчеркнул важность диалога.",
                "Затронуты Сирия, Ливия и др.",
                "Стороны договорились о встрече.",
                "Выделено 5 млрд.",
                "Кроме того, обсуждались поставки и т. п.",
                "С.В.Лавров ответил.",
                "Совещание прошло в Министерстве обороны РФ.",
                "МИД России выступил с заявлением."
            ]
        );
        // But "г." before a capital is a city, and "им." never ends one.
        assert_eq!(
            claims("Переговоры прошли в г. Женеве. Лекцию читали в МГТУ им. Баумана."),
            [
                "Переговоры прошли в г. Женеве.",
                "Лекцию читали в МГТУ им. Баумана."
            ]
        );
    }

    #[test]
    fn a_year_ends_a_sentence_unless_the_sentence_opens_with_it() {
        // "…в 2022 г." closing a sentence, then a capitalised sentence: a boundary.
        let text = "Договор был подписан в 2022 г. Министр напомнил об этом. Консультации \
                    прошли в 2021–2022 гг. Стороны их высоко оценили.";
        assert_eq!(
            claims(text),
            [
                "Договор был подписан в 2022 г.",
                "Министр напомнил об этом.",
                "Консультации прошли в 2021–2022 гг.",
                "Стороны их высоко оценили."
            ]
        );
        // A date opening a sentence is followed by its subject, capitalised or not.
        let text = "В 2022 г. Министр посетил Вашингтон. 25 июня 2024 г. Министр обороны \
                    провел телефонный разговор. В начале 2023 г. Стороны встретились. С 1 \
                    января 2023 г. МИД России ввел новые правила. В мае 2021 г. С.В.Лавров \
                    был в Женеве.";
        assert_eq!(
            claims(text),
            [
                "В 2022 г. Министр посетил Вашингтон.",
                "25 июня 2024 г. Министр обороны провел телефонный разговор.",
                "В начале 2023 г. Стороны встретились.",
                "С 1 января 2023 г. МИД России ввел новые правила.",
                "В мае 2021 г. С.В.Лавров был в Женеве."
            ]
        );
        // So does a date opening a clause inside the sentence.
        let text = "Министр напомнил, что в 2021 г. Москва передала проекты договоров. Глава \
                    МИД отметил, что еще в 2019 г. Вашингтон вышел из договора, а в 2020 г. \
                    США покинули и другой. Стороны встретились в мае 2021 г. и в 2022 г. \
                    Министр вновь поднял этот вопрос.";
        assert_eq!(
            claims(text),
            [
                "Министр напомнил, что в 2021 г. Москва передала проекты договоров.",
                "Глава МИД отметил, что еще в 2019 г. Вашингтон вышел из договора, а в 2020 г. \
                 США покинули и другой.",
                "Стороны встретились в мае 2021 г. и в 2022 г. Министр вновь поднял этот вопрос."
            ]
        );
    }

    #[test]
    fn russian_quotation_marks_and_direct_speech() {
        // A sentence ending inside closing «ёлочки» or „лапки“, then a new sentence.
        let text = "Министр назвал эти действия «неприемлемыми». Стороны продолжат контакты. \
                    Он сказал: «Мы готовы к диалогу.» Американская сторона ответила „Посмотрим.“ \
                    Переговоры продолжатся.";
        assert_eq!(
            claims(text),
            [
                "Министр назвал эти действия «неприемлемыми».",
                "Стороны продолжат контакты.",
                "Он сказал: «Мы готовы к диалогу.»",
                "Американская сторона ответила „Посмотрим.“",
                "Переговоры продолжатся."
            ]
        );
        // Direct speech: the author's words after a dash stay with the quotation; sentences
        // inside one pair of quotation marks are one quotation.
        let text = "«Россия открыта к диалогу!» — подчеркнул Министр. «Готовы ли вы?» – спросил \
                    он собеседника. С.В.Лавров заявил: «Мы ждём ответа. Время уходит». Стороны \
                    договорились. «Нет, — ответил Министр. — Это невозможно.» Разговор окончен.";
        assert_eq!(
            claims(text),
            [
                "«Россия открыта к диалогу!» — подчеркнул Министр.",
                "«Готовы ли вы?» – спросил он собеседника.",
                "С.В.Лавров заявил: «Мы ждём ответа. Время уходит».",
                "Стороны договорились.",
                "«Нет, — ответил Министр. — Это невозможно.»",
                "Разговор окончен."
            ]
        );
        // An unclosed quotation mark quotes nothing: the sentences still split.
        assert_eq!(
            claims("Министр сказал: «Мы готовы. Стороны договорились.").len(),
            2
        );
    }

    #[test]
    fn russian_dashes_are_inside_sentences() {
        let text = "Отношения между Россией и США — на низшей точке. Переговоры Москва – \
                    Вашингтон — единственный канал. МИД России — о телефонном разговоре \
                    министров. Россия — член СБ ООН – заявил Министр.";
        assert_eq!(
            claims(text),
            [
                "Отношения между Россией и США — на низшей точке.",
                "Переговоры Москва – Вашингтон — единственный канал.",
                "МИД России — о телефонном разговоре министров.",
                "Россия — член СБ ООН – заявил Министр."
            ]
        );
    }

    #[test]
    fn a_russian_title_directly_above_the_text_is_skipped() {
        let text = "О телефонном разговоре Министра иностранных дел Российской Федерации \
                    С.В.Лаврова с Государственным секретарём США Э.Блинкеном\n\
                    Состоялся телефонный разговор министров. Стороны обсудили Украину.\n";
        assert_eq!(
            claims(text),
            [
                "Состоялся телефонный разговор министров.",
                "Стороны обсудили Украину."
            ]
        );
    }
}
