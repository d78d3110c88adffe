//! What a readout's text says about itself: a title line above the text, a date in a dateline.

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

/// A month name as written in the asset, and lower-cased for comparison.
#[derive(Debug)]
struct Month {
    /// As written ("July"): how a found date shows it.
    name: String,
    /// Lower-cased.
    lower: String,
}

/// Month names in English and Russian (genitive), for dates in datelines: parsed once; empty
/// only if the asset were broken, which a unit test rules out.
static MONTHS: LazyLock<Vec<Month>> = LazyLock::new(|| {
    let file: Option<MonthFile> = toml::from_str(include_str!("../assets/months.toml")).ok();
    file.into_iter()
        .flat_map(|file| file.english.into_iter().chain(file.russian))
        .map(|name| Month {
            lower: name.to_lowercase(),
            name,
        })
        .collect()
});

/// Whether a word is a month name (any case).
#[must_use]
pub fn is_month(word: &str) -> bool {
    let word = word.to_lowercase();
    MONTHS.iter().any(|m| m.lower == word)
}

/// The first date written out in the opening of a text ("July 29, 2022", "29 July 2022",
/// "29 июля 2022 года", "On July 29"), as written.
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
    for (k, w) in words.iter().enumerate() {
        let month = MONTHS
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(w) || m.lower == w.to_lowercase());
        let Some(Month { name: month, .. }) = month else {
            continue;
        };
        let next = words.get(k + 1).copied().unwrap_or("");
        let after = words.get(k + 2).copied().unwrap_or("");
        let before = if k > 0 { words[k - 1] } else { "" };
        if is_day(next) {
            return Some(if is_year(after) {
                format!("{month} {next}, {after}")
            } else {
                format!("{month} {next}")
            });
        }
        if is_day(before) {
            return Some(if is_year(next) {
                format!("{before} {month} {next}")
            } else {
                format!("{before} {month}")
            });
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

    #[test]
    fn dates_in_datelines_in_both_languages() {
        assert_eq!(
            find_date("WASHINGTON, July 29, 2022 — The Secretary spoke."),
            Some("July 29, 2022".to_string())
        );
        assert_eq!(
            find_date("On 29 July 2022, the ministers met."),
            Some("29 July 2022".to_string())
        );
        assert_eq!(
            find_date("On May 13, Secretary Austin spoke."),
            Some("May 13".to_string())
        );
        assert_eq!(
            find_date("29 июля 2022 года состоялся разговор."),
            Some("29 июля 2022".to_string())
        );
        assert_eq!(find_date("The leaders may meet in March."), None);
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
