//! Who asked for the call, as each readout tells it: "at the request of the Russian side", "at
//! Russia's request", "по инициативе американской стороны", "по американской инициативе".

use std::ops::Range;

use crate::model::{Initiative, Initiator};
use crate::party::Parties;

/// Words that introduce who asked, who follows them ("at the request of the Russian side", "по
/// просьбе Э.Блинкена"), lower-case.
const ASKER_FOLLOWS: &[&[&str]] = &[
    &["at", "the", "request", "of"],
    &["at", "the", "initiative", "of"],
    &["on", "the", "initiative", "of"],
    &["at", "the", "behest", "of"],
    &["requested", "by"],
    &["initiated", "by"],
    &["по", "инициативе"],
    &["по", "просьбе"],
];

/// The nouns of a request that follow who asked ("at Russia's request", "at the American side's
/// initiative", "по американской инициативе"), after "at" or "по" and at most
/// [`MAX_ASKER_WORDS`] words.
const ASKER_BEFORE: &[(&str, &[&str])] = &[
    ("at", &["request", "initiative", "behest"]),
    ("по", &["инициативе", "просьбе"]),
];

/// How many words may name who asked.
const MAX_ASKER_WORDS: usize = 5;

/// Words that say who asked relative to the readout, when it names no party.
const THIS_SIDE_WORDS: &[&str] = &["our", "нашей", "нашему", "нашего", "наш"];

/// Words that say the other side asked.
const OTHER_SIDE_WORDS: &[&str] = &["other", "другой", "противоположной", "собеседника"];

/// Nouns that complete a reference to a party ("the Russian side", "американской стороны").
const SIDE_NOUNS: &[&str] = &[
    "side",
    "sides",
    "government",
    "administration",
    "leadership",
    "стороны",
    "правительства",
    "руководства",
    "администрации",
];

/// A word of a text: its byte range and its lower-case form without a possessive "'s".
struct Word {
    span: Range<usize>,
    lower: String,
}

/// The words of a text: runs of letters and digits, with inner dots, apostrophes and hyphens
/// ("U.S", "Russia's", "side’s").
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut n = 0;
    while n < chars.len() {
        if !chars[n].1.is_alphanumeric() {
            n += 1;
            continue;
        }
        let start = n;
        while n < chars.len()
            && (chars[n].1.is_alphanumeric()
                || (matches!(chars[n].1, '.' | '\'' | '’' | '-')
                    && chars.get(n + 1).is_some_and(|c| c.1.is_alphanumeric())))
        {
            n += 1;
        }
        let end = chars.get(n).map_or(text.len(), |c| c.0);
        let word = &text[chars[start].0..end];
        let lower = word.to_lowercase();
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(&lower)
            .to_string();
        out.push(Word {
            span: chars[start].0..end,
            lower,
        });
    }
    out
}

/// Whether the text between two words breaks a phrase (a comma, a stop, a dash, a bracket); the
/// period of an abbreviation or an initial ("U.S.", "Э.") does not.
fn breaks(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.span.end..b.span.start];
    let word = &text[a.span.clone()];
    let abbreviation =
        word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
    let gap = if abbreviation {
        gap.strip_prefix('.').unwrap_or(gap)
    } else {
        gap
    };
    gap.contains([',', ';', '.', ':', '—', '–', '(', ')'])
}

/// Who asked for the call, as `text` says: the first phrase of asking in it, the party it names
/// (with `labels`, the readout's own and the other side's, whether that is this side or the
/// other), or "our"/"the other side" words. `None` where the readout does not say.
///
/// A phrase never runs across a paragraph break, so the text is read a paragraph at a time and
/// reading stops at the first phrase: readouts say it in their opening, and a long readout is
/// not read to its end for nothing.
#[must_use]
pub fn find(parties: &Parties, text: &str, labels: [&str; 2]) -> Option<Initiative> {
    text.split("\n\n").find_map(|paragraph| {
        let ws = words(paragraph);
        (0..ws.len())
            .find_map(|i| {
                asker_follows(paragraph, &ws, i).or_else(|| asker_before(paragraph, &ws, i))
            })
            .map(|found| resolve(parties, paragraph, &ws, &found, labels))
    })
}

/// A phrase of asking found: where it starts, and the words that name who asked.
struct Found {
    /// The index of its first word.
    phrase: usize,
    /// The words naming who asked.
    asker: Range<usize>,
    /// Whether a noun of asking follows them ("at Russia's request"), ending the phrase.
    noun_after: bool,
}

/// At word `i`, "at the request of …": the phrase's first word and the asker's words.
fn asker_follows(text: &str, ws: &[Word], i: usize) -> Option<Found> {
    let pattern = ASKER_FOLLOWS.iter().find(|p| {
        ws.len() > i + p.len()
            && p.iter().zip(&ws[i..]).all(|(p, w)| *p == w.lower)
            && !ws[i..i + p.len()]
                .windows(2)
                .any(|pair| breaks(text, &pair[0], &pair[1]))
    })?;
    let first = i + pattern.len();
    if breaks(text, &ws[first - 1], &ws[first]) {
        return None;
    }
    let mut last = first;
    while last + 1 < ws.len()
        && last + 1 < first + MAX_ASKER_WORDS
        && !breaks(text, &ws[last], &ws[last + 1])
    {
        last += 1;
    }
    Some(Found {
        phrase: i,
        asker: first..last + 1,
        noun_after: false,
    })
}

/// At word `i` ("at", "по"), "at Russia's request", "по американской инициативе": the phrase's
/// first word and the asker's words (between the preposition and the noun).
fn asker_before(text: &str, ws: &[Word], i: usize) -> Option<Found> {
    let (_, nouns) = ASKER_BEFORE.iter().find(|(p, _)| *p == ws[i].lower)?;
    let noun = (i + 2..ws.len().min(i + 2 + MAX_ASKER_WORDS))
        .take_while(|&n| !breaks(text, &ws[n - 1], &ws[n]))
        .find(|&n| nouns.contains(&ws[n].lower.as_str()))?;
    // "at the request of …" is the other form; "at the request" alone names no one.
    if ws.get(noun + 1).is_some_and(|next| next.lower == "of") {
        return None;
    }
    let asker = i + 1..noun;
    let only_article = ws[asker.clone()].iter().all(|w| w.lower == "the");
    (!only_article).then_some(Found {
        phrase: i,
        asker,
        noun_after: true,
    })
}

/// The initiative a phrase gives: the party or side it names, and its words up to that
/// reference (with a noun such as "side" after it), or up to its last word when it names none.
fn resolve(
    parties: &Parties,
    text: &str,
    ws: &[Word],
    found: &Found,
    labels: [&str; 2],
) -> Initiative {
    let Found { phrase, .. } = *found;
    let asker = found.asker.clone();
    // With the period of a final abbreviation ("U.S.").
    let mut asker_end = ws[asker.end - 1].span.end;
    if text[asker_end..].starts_with('.') {
        asker_end += 1;
    }
    let asker_text = &text[ws[asker.start].span.start..asker_end];
    let offset = ws[asker.start].span.start;
    let by_party = parties.first_party_in(asker_text).map(|(party, at)| {
        let end = offset + at.end;
        (
            party,
            ws[asker.clone()].iter().position(|w| w.span.end >= end),
        )
    });
    let relative = ws[asker.clone()].iter().position(|w| {
        THIS_SIDE_WORDS.contains(&w.lower.as_str()) || OTHER_SIDE_WORDS.contains(&w.lower.as_str())
    });
    // The last word of the reference, then a side noun after it.
    let reference_end = match (by_party, relative) {
        (Some((_, Some(k))), _) | (None, Some(k)) => Some(asker.start + k),
        _ => None,
    };
    let mut last = reference_end.unwrap_or(asker.end - 1);
    if reference_end.is_some()
        && ws
            .get(last + 1)
            .is_some_and(|w| asker.contains(&(last + 1)) && SIDE_NOUNS.contains(&w.lower.as_str()))
    {
        last += 1;
    }
    // "at Russia's request", "по американской инициативе": the phrase runs to the noun.
    if found.noun_after {
        last = asker.end;
    }
    let party = by_party.map(|(p, _)| parties.label(p).to_string());
    let side = match &party {
        Some(label) if label == labels[0] => Some(Initiator::ThisSide),
        Some(label) if label == labels[1] => Some(Initiator::OtherSide),
        Some(_) => None,
        None => relative.map(|k| {
            if THIS_SIDE_WORDS.contains(&ws[asker.start + k].lower.as_str()) {
                Initiator::ThisSide
            } else {
                Initiator::OtherSide
            }
        }),
    };
    Initiative {
        party,
        side,
        phrase: text[ws[phrase].span.start..ws[last].span.end].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The initiative in a readout of Russia (this side) and the United States (the other).
    fn of(text: &str) -> Option<Initiative> {
        find(
            &Parties::builtin().unwrap(),
            text,
            ["Russia", "United States"],
        )
    }

    #[expect(
        clippy::unnecessary_wraps,
        reason = "compared with find's result as it is"
    )]
    fn initiative(
        party: Option<&str>,
        side: Option<Initiator>,
        phrase: &str,
    ) -> Option<Initiative> {
        Some(Initiative {
            party: party.map(str::to_string),
            side,
            phrase: phrase.to_string(),
        })
    }

    const US: Option<&str> = Some("United States");
    const RU: Option<&str> = Some("Russia");
    const OTHER: Option<Initiator> = Some(Initiator::OtherSide);
    const THIS: Option<Initiator> = Some(Initiator::ThisSide);

    #[test]
    fn reads_paragraph_by_paragraph() {
        let later = "The ministers spoke today.\n\nThe call took place at the request of the \
                     American side.";
        assert_eq!(
            of(later).map(|i| i.phrase),
            Some("at the request of the American side".to_string())
        );
        // A paragraph break ends a phrase as a stop does.
        assert_eq!(
            of("The call took place at the request of\n\nthe other side."),
            None
        );
    }

    #[test]
    fn russian_by_the_initiative_or_request_of_a_side() {
        assert_eq!(
            of("3 мая по инициативе американской стороны состоялся телефонный разговор министров."),
            initiative(US, OTHER, "по инициативе американской стороны")
        );
        assert_eq!(
            of("По просьбе российской стороны Министр провел переговоры."),
            initiative(RU, THIS, "По просьбе российской стороны")
        );
        assert_eq!(
            of("Разговор состоялся по просьбе Э.Блинкена."),
            initiative(US, OTHER, "по просьбе Э.Блинкена")
        );
        assert_eq!(
            of("Разговор состоялся по просьбе Вашингтона."),
            initiative(US, OTHER, "по просьбе Вашингтона")
        );
    }

    #[test]
    fn russian_adjective_before_the_noun() {
        assert_eq!(
            of("По американской инициативе состоялся телефонный разговор."),
            initiative(US, OTHER, "По американской инициативе")
        );
        assert_eq!(
            of("Разговор прошёл по нашей просьбе."),
            initiative(None, THIS, "по нашей просьбе")
        );
    }

    #[test]
    fn english_at_the_request_or_initiative_of() {
        assert_eq!(
            of(
                "Secretary Blinken spoke with Foreign Minister Lavrov at the request of the Russian side."
            ),
            initiative(RU, THIS, "at the request of the Russian side")
        );
        assert_eq!(
            of("The call took place at the initiative of the United States, the ministry said."),
            initiative(US, OTHER, "at the initiative of the United States")
        );
        assert_eq!(
            of("The call, requested by Moscow, lasted an hour."),
            initiative(RU, THIS, "requested by Moscow")
        );
        assert_eq!(
            of("They spoke at the request of the other side."),
            initiative(None, OTHER, "at the request of the other side")
        );
    }

    #[test]
    fn english_possessive_before_the_noun() {
        assert_eq!(
            of("The ministers spoke at the American side's initiative."),
            initiative(US, OTHER, "at the American side's initiative")
        );
        assert_eq!(
            of("Secretary Austin spoke with Minister Belousov at Russia’s request."),
            initiative(RU, THIS, "at Russia’s request")
        );
        assert_eq!(
            of("The call was held at the U.S. request."),
            initiative(US, OTHER, "at the U.S. request")
        );
    }

    #[test]
    fn a_party_parallax_does_not_know_keeps_the_words() {
        assert_eq!(
            of("The call took place at the request of the Kazakh side."),
            initiative(None, None, "at the request of the Kazakh side")
        );
        // A third party known to Parallax is named, but it is neither side.
        assert_eq!(
            of("They met at the initiative of France."),
            initiative(Some("France"), None, "at the initiative of France")
        );
    }

    #[test]
    fn no_initiative_where_none_is_said() {
        assert_eq!(
            of("Secretary Blinken spoke today with Foreign Minister Lavrov."),
            None
        );
        assert_eq!(of("Стороны обсудили инициативы по Украине."), None);
        assert_eq!(of("He declined the request."), None);
        assert_eq!(of("They spoke at the request."), None);
        assert_eq!(of("at the request of"), None);
        assert_eq!(of("По просьбе, переданной ранее, обсуждены вопросы."), None);
    }

    #[test]
    fn the_summary_says_who_and_quotes_the_words() {
        let shown = |i: Option<Initiative>| i.map(|i| i.summary());
        assert_eq!(
            shown(of("По инициативе американской стороны состоялся разговор.")),
            Some(
                "United States (the other side): “По инициативе американской стороны”".to_string()
            )
        );
        assert_eq!(
            shown(of("at the request of the Kazakh side")),
            Some("“at the request of the Kazakh side”".to_string())
        );
    }
}
