//! What a readout's text says about itself: a title line above the text, a date in a dateline
//! (English or Russian, written one way).

use std::sync::LazyLock;

use serde::Deserialize;

/// The month names of `assets/months.toml`, January to December.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthFile {
    /// English names.
    english: Vec<String>,
    /// Russian names in the genitive ("июля"), as dates write them.
    russian: Vec<String>,
}

/// A month name of the asset, lower-cased for comparison, with the English name a found date
/// is written with.
#[derive(Debug)]
struct Month {
    /// The English name as written in the asset ("July"), for either language's name.
    english: String,
    /// This name, lower-cased ("july", "июля").
    lower: String,
    /// Whether the name is Russian (genitive).
    is_russian: bool,
}

/// Month names in English and Russian (genitive), for dates in datelines: parsed once; empty
/// only if the asset were broken, which a unit test rules out.
static MONTHS: LazyLock<Vec<Month>> = LazyLock::new(|| {
    let file: Option<MonthFile> = toml::from_str(include_str!("../assets/months.toml")).ok();
    let Some(file) = file else {
        return Vec::new();
    };
    let english = file.english.iter().map(|name| (name, name, false));
    let russian = file
        .english
        .iter()
        .zip(&file.russian)
        .map(|(en, ru)| (en, ru, true));
    english
        .chain(russian)
        .map(|(english, name, is_russian)| Month {
            english: english.clone(),
            lower: name.to_lowercase(),
            is_russian,
        })
        .collect()
});

/// Whether a word is a month name (any case).
#[must_use]
pub fn is_month(word: &str) -> bool {
    let word = word.to_lowercase();
    MONTHS.iter().any(|m| m.lower == word)
}

/// The month (1 to 12) a lower-cased word names, English or Russian genitive ("june", "июня"),
/// as a day written beside it gives a date.
#[must_use]
pub fn month_number(lower: &str) -> Option<u8> {
    let i = MONTHS.iter().position(|m| m.lower == lower)?;
    u8::try_from(i % 12 + 1).ok()
}

/// Endings of a Russian month's stem (its genitive without the last letter) in the cases:
/// "июл|ь", "июл|е", "ма|й", "март|ом".
const RUSSIAN_MONTH_ENDINGS: &[&str] = &["", "а", "е", "ь", "й", "я", "ю", "у", "ем", "ём", "ом"];

/// Whether a word is a month name in any case form: English, or a Russian month in any
/// grammatical case ("июль", "июле", "июля", "мае").
#[must_use]
pub fn is_month_form(word: &str) -> bool {
    let word = word.to_lowercase();
    MONTHS.iter().any(|m| {
        if m.lower == word {
            return true;
        }
        if !m.is_russian {
            return false;
        }
        let mut stem = m.lower.clone();
        stem.pop();
        word.strip_prefix(&stem)
            .is_some_and(|ending| RUSSIAN_MONTH_ENDINGS.contains(&ending))
    })
}

/// The first date written out in the opening of a text ("July 29, 2022", "29 July 2022",
/// "29 июля 2022 года", "12 февраля 2022 г.", "On July 29"), written one way whatever the
/// language and order: "July 29, 2022", or "July 29" without a year, so the two readouts' dates
/// compare.
#[must_use]
pub fn find_date(text: &str) -> Option<String> {
    let head: String = text.chars().take(1500).collect();
    let words: Vec<&str> = head
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let is_day = |w: &str| w.len() <= 2 && w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y));
    let date = |month: &str, day: &str, year: &str| {
        let day = day.trim_start_matches('0');
        if is_year(year) {
            format!("{month} {day}, {year}")
        } else {
            format!("{month} {day}")
        }
    };
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let Some(month) = MONTHS.iter().find(|m| m.lower == lower) else {
            continue;
        };
        let next = words.get(k + 1).copied().unwrap_or("");
        let after = words.get(k + 2).copied().unwrap_or("");
        let before = if k > 0 { words[k - 1] } else { "" };
        // "July 29, 2022" is English only: Russian writes the day first.
        if !month.is_russian && is_day(next) {
            return Some(date(&month.english, next, after));
        }
        if is_day(before) {
            return Some(date(&month.english, before, next));
        }
    }
    None
}

/// The first line of a text when it reads as a title: short, no final punctuation, followed by
/// more text.
#[must_use]
pub fn title_line(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let words = first.split_whitespace().count();
    let ends_sentence = first
        .trim_end_matches(['"', '”', '’', ')', '*'])
        .ends_with(['.', '!', '?', ':', ';', '…']);
    let title = first.trim_start_matches('#').trim();
    (lines.next().is_some() && !ends_sentence && (2..=25).contains(&words))
        .then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        find_date(text)
    }

    #[test]
    fn dates_in_datelines_in_both_languages() {
        assert_eq!(
            date("WASHINGTON, July 29, 2022 — The Secretary spoke."),
            Some("July 29, 2022".to_string())
        );
        assert_eq!(
            date("On May 13, Secretary Austin spoke."),
            Some("May 13".to_string())
        );
        assert_eq!(date("The leaders may meet in March."), None);
    }

    #[test]
    fn day_first_dates_are_written_month_first() {
        assert_eq!(
            date("On 29 July 2022, the ministers met."),
            Some("July 29, 2022".to_string())
        );
        assert_eq!(
            date("The talks of 05 March ended."),
            Some("March 5".to_string())
        );
    }

    #[test]
    fn russian_dates_read_as_english_ones() {
        // "года" and "г." after the year, or no year at all.
        assert_eq!(
            date("12 февраля 2022 года состоялся телефонный разговор."),
            Some("February 12, 2022".to_string())
        );
        assert_eq!(
            date("29 июля 2022 г. Министр провел переговоры."),
            Some("July 29, 2022".to_string())
        );
        assert_eq!(
            date("12 февраля по просьбе американской стороны состоялся разговор."),
            Some("February 12".to_string())
        );
        // The same call on both sides gives the same date.
        assert_eq!(
            date("МОСКВА, 3 мая 2023 г. — Министры поговорили."),
            date("WASHINGTON, May 3, 2023 — The ministers spoke.")
        );
        // A month name without a day is no date; a number after a Russian month is no day.
        assert_eq!(date("В марте стороны встретятся."), None);
        assert_eq!(date("До мая 13 стран присоединились к заявлению."), None);
    }

    #[test]
    fn all_twelve_russian_months_give_their_english_name() {
        let russian = [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ];
        let english = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        for (ru, en) in russian.iter().zip(english) {
            assert_eq!(
                date(&format!("7 {ru} 2021 года")),
                Some(format!("{en} 7, 2021"))
            );
        }
    }

    #[test]
    fn month_forms_in_any_case() {
        for w in [
            "июля",
            "июль",
            "июле",
            "Мае",
            "май",
            "марте",
            "декабрь",
            "July",
        ] {
            assert!(is_month_form(w), "{w}");
        }
        for w in ["маршал", "июньский", "мама", "мак", "Юлия", "декада"]
        {
            assert!(!is_month_form(w), "{w}");
        }
    }

    #[test]
    fn month_asset_has_twelve_distinct_names_per_language() {
        let file: MonthFile = toml::from_str(include_str!("../assets/months.toml")).unwrap();
        for list in [&file.english, &file.russian] {
            assert_eq!(list.len(), 12, "{list:?}");
            let mut lower: Vec<String> = list.iter().map(|m| m.to_lowercase()).collect();
            lower.sort_unstable();
            lower.dedup();
            assert_eq!(lower.len(), 12, "{list:?}");
        }
        assert_eq!(MONTHS.len(), 24);
        assert!(is_month("JULY") && is_month("декабря") && !is_month("may-day"));
    }

    #[test]
    fn a_title_line_is_found_only_above_text() {
        assert_eq!(
            title_line(
                "# Secretary Blinken's Call with Foreign Minister Lavrov\n\nThe Secretary spoke.\n"
            ),
            Some("Secretary Blinken's Call with Foreign Minister Lavrov".to_string())
        );
        assert_eq!(
            title_line("The Secretary spoke today.\n\nHe raised grain.\n"),
            None
        );
        assert_eq!(title_line("Only a line"), None);
    }
}
