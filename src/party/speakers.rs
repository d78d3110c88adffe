//! Who speaks in a claim: the principal named as its subject, else what its opening says ("He",
//! "the Secretary", "the Chinese side", "Российская сторона", "Стороны").

use super::{Mention, Parties, Words};

/// What a claim that names no principal (in the nominative) says of who speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// "He", "She", "Он": the previous claim's speaker goes on.
    Pronoun,
    /// "The two sides", "Both sides", "Стороны", "Министры": both principals.
    BothSides,
    /// "The Chinese side", "Российская сторона", "глава российского МИД": that party (by its
    /// index), its last principal named.
    Side(usize),
    /// "The Secretary", "The President", "The Minister", "The Foreign Minister".
    Role(Role),
}

/// The titles a readout uses for a principal it named before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The US Secretary of State: the last principal of the United States named.
    Secretary,
    /// A minister: the last principal named who is not of the United States, whose cabinet has
    /// secretaries.
    Minister,
    /// A president: the last principal introduced with that title ("President Xi").
    President,
}

/// The opening words that name no principal, case-sensitive as written at a sentence start and
/// matched as whole words ("Министр" is not "Министры").
const OPENINGS: &[(&str, Opening)] = &[
    ("He", Opening::Pronoun),
    ("She", Opening::Pronoun),
    ("Он", Opening::Pronoun),
    ("Она", Opening::Pronoun),
    ("The two sides", Opening::BothSides),
    ("Both sides", Opening::BothSides),
    ("The sides", Opening::BothSides),
    ("Стороны", Opening::BothSides),
    ("Обе стороны", Opening::BothSides),
    ("Министры", Opening::BothSides),
    ("Президенты", Opening::BothSides),
    ("Лидеры", Opening::BothSides),
    ("Договорились", Opening::BothSides),
    ("Условились", Opening::BothSides),
    ("The Secretary", Opening::Role(Role::Secretary)),
    ("The President", Opening::Role(Role::President)),
    ("The Foreign Minister", Opening::Role(Role::Minister)),
    ("The Minister", Opening::Role(Role::Minister)),
    ("Министр", Opening::Role(Role::Minister)),
    ("Госсекретарь", Opening::Role(Role::Secretary)),
    ("Государственный секретарь", Opening::Role(Role::Secretary)),
    ("Президент", Opening::Role(Role::President)),
];

/// Words before "стороны" that make it one side in the genitive ("американской стороны", "со
/// стороны"), not the two sides as a subject.
const NOT_BOTH_SIDES: &[&str] = &[
    "с",
    "со",
    "от",
    "у",
    "для",
    "до",
    "без",
    "из",
    "по",
    "против",
    "одной",
    "другой",
];

/// How a claim opens, or what it says of who speaks, when it names no principal: the phrases of
/// [`OPENINGS`] at its start (a title with a party word, "Президент России", is that party's);
/// else, in Russian, the first of "X-ая сторона", a title with a party word (that party) and
/// "стороны" as a subject (both).
fn opening(parties: &Parties, text: &str) -> Option<Opening> {
    let whole_word = |p: &str| {
        text.strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    };
    // Read only where it is needed.
    let russian = || russian_subject(parties, text);
    if let Some(&(_, kind)) = OPENINGS.iter().find(|(p, _)| whole_word(p)) {
        // "Президент России …", "Министр иностранных дел России …": the party's, not the last
        // president or minister named.
        if !matches!(kind, Opening::Role(_)) {
            return Some(kind);
        }
        return Some(match (kind, russian()) {
            (Opening::Role(_), Some((0, side @ Opening::Side(_)))) => side,
            _ => kind,
        });
    }
    // "The Chinese side …", "The US side …": the word before "side".
    if let Some(rest) = text.strip_prefix("The ")
        && let Some((adjective, after)) = rest.split_once(' ')
        && (after.starts_with("side ") || after.starts_with("side,"))
    {
        return parties.party_of_word(adjective).map(Opening::Side);
    }
    russian().map(|(_, kind)| kind)
}

/// What the main clause says of who speaks when a clause comes first: "Turning to Ukraine, the
/// Minister noted …", "When the talk turned to grain, the Russian side set out …", "Regarding
/// the exchange, he urged …" — the words after the first comma, read as an opening.
fn after_fronted_clause(parties: &Parties, text: &str) -> Option<Opening> {
    let (_, rest) = text.split_once(", ")?;
    let mut chars = rest.chars();
    let first = chars.next()?;
    if !first.is_lowercase() {
        return None;
    }
    let mut main = String::with_capacity(rest.len() + 4);
    main.extend(first.to_uppercase());
    main.push_str(chars.as_str());
    opening(parties, &main)
}

/// Russian titles of a principal, in the nominative, that a party word qualifies: "глава
/// российского МИД", "Президент России", "Министр иностранных дел Российской Федерации",
/// "российский лидер".
const TITLES: &[&str] = &[
    "глава",
    "президент",
    "министр",
    "госсекретарь",
    "лидер",
    "премьер",
];

/// Words of an office between a title and its country ("Министр иностранных дел России", "глава
/// МИД РФ", "глава внешнеполитического ведомства США").
const OFFICE_WORDS: &[&str] = &[
    "иностранных",
    "дел",
    "обороны",
    "мид",
    "министерства",
    "внешнеполитического",
    "оборонного",
    "ведомства",
    "правительства",
    "государства",
    "администрации",
    "госдепартамента",
    "минобороны",
];

/// The first Russian phrase in a claim that says who speaks without naming a principal, with the
/// index of its first word: "российская сторона", a title with a party word ("глава МИД
/// России", "российский лидер": that party), "стороны" as a subject (both).
fn russian_subject(parties: &Parties, text: &str) -> Option<(usize, Opening)> {
    // Every word looked for is Russian: a text without Cyrillic (U+0400..U+04FF, whose UTF-8
    // leading bytes are 0xD0..0xD3) has none of them.
    if !text.bytes().any(|b| (0xD0..=0xD3).contains(&b)) {
        return None;
    }
    // Words are lowercased only next to a word looked for, which is found without lowercasing.
    let mut prev: Option<&str> = None;
    let mut ws = Words { text, pos: 0 };
    let mut i = 0;
    while let Some((_, w)) = ws.next() {
        let prev_lower = || prev.map(str::to_lowercase);
        // A nominative adjective of a party before the noun: "российская сторона", "российский
        // лидер".
        let adjective = |endings: &[&str]| {
            prev_lower()
                .filter(|p| endings.iter().any(|e| p.ends_with(e)))
                .and_then(|p| parties.party_of_word(&p))
                .map(|party| (i - 1, Opening::Side(party)))
        };
        // Every word looked for starts with one of these letters, in either case.
        let first = w.chars().next().map(lower_russian);
        let found = if !matches!(first, Some('с' | 'г' | 'п' | 'м' | 'л')) {
            None
        } else if lower_is(w, "сторона") {
            adjective(&["ая"])
        } else if lower_is(w, "стороны") {
            let genitive = prev_lower().is_some_and(|p| {
                NOT_BOTH_SIDES.contains(&p.as_str()) || p.ends_with("ой") || p.ends_with("ей")
            });
            (!genitive).then_some((i, Opening::BothSides))
        } else if TITLES.iter().any(|t| lower_is(w, t)) {
            // "Министр иностранных дел России", "глава российского МИД": a party word after
            // the words of the office.
            adjective(&["ий", "ый"]).or_else(|| {
                ws.clone()
                    .take(4)
                    .map(|(_, w)| w.to_lowercase())
                    .map(|w| {
                        let party = parties.party_of_word(&w);
                        (w, party)
                    })
                    .take_while(|(w, party)| party.is_some() || OFFICE_WORDS.contains(&w.as_str()))
                    .find_map(|(_, party)| party)
                    .map(|party| (i, Opening::Side(party)))
            })
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
        prev = Some(w);
        i += 1;
    }
    None
}

/// A Russian capital lowercased at once, another character as it is (the first of its lowercase
/// form).
fn lower_russian(c: char) -> char {
    match c {
        'А'..='Я' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
        'Ё' => 'ё',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        'а'..='я' | 'ё' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether `word.to_lowercase()` is `lower` (a lowercase Russian word), without building it:
/// compared character by character, the Russian alphabet lowercased at once.
fn lower_is(word: &str, lower: &str) -> bool {
    let mut expected = lower.chars();
    for c in word.chars() {
        let matched = match c {
            'А'..='Я' => char::from_u32(u32::from(c) + 32) == expected.next(),
            'Ё' => expected.next() == Some('ё'),
            'а'..='я' | 'ё' => expected.next() == Some(c),
            _ => c.to_lowercase().all(|l| expected.next() == Some(l)),
        };
        if !matched {
            return false;
        }
    }
    expected.next().is_none()
}

/// Who a claim reports: the first principal it names as its subject ("Lavrov", "Wang Yi",
/// "С.В.Лавров"). A claim that names none is read from how it opens: "He"/"She" continue the
/// previous speaker; "the Secretary", "the Minister" and "the President" are the last principal
/// named who holds that title; "the Chinese side", "российская сторона", "глава российского МИД"
/// are that party's last principal named (else the party); "the two sides", "Стороны",
/// "Министры" are both. A Russian claim that names principals only in other cases than the
/// subject's ("по просьбе Э.Блинкена") and opens with none of these reports the first of them.
#[must_use]
pub fn speakers(parties: &Parties, claims: &[&str]) -> Vec<Option<String>> {
    let us = parties.find_label("United States");
    // The principals named so far, latest last: (party, name, introduced as president).
    let mut named: Vec<(usize, &str, bool)> = Vec::new();
    let mut out: Vec<Option<String>> = Vec::with_capacity(claims.len());
    for text in claims {
        let mentions: Vec<Mention<'_>> = parties
            .mentions(text)
            .into_iter()
            .filter(|m| !m.institution)
            .collect();
        let subject = mentions.iter().find(|m| !m.inflected);
        let speaker = subject
            .map(|m| m.name.to_string())
            .or_else(|| {
                match opening(parties, text).or_else(|| after_fronted_clause(parties, text))? {
                    Opening::Pronoun => out.last().cloned().flatten(),
                    Opening::BothSides => Some("both sides".to_string()),
                    Opening::Side(party) => Some(
                        named
                            .iter()
                            .rev()
                            .find(|(p, _, _)| *p == party)
                            .map_or_else(
                                || parties.parties[party].label.clone(),
                                |(_, n, _)| (*n).to_string(),
                            ),
                    ),
                    Opening::Role(role) => named
                        .iter()
                        .rev()
                        .find(|(p, _, president)| match role {
                            Role::Secretary => Some(*p) == us,
                            Role::Minister => Some(*p) != us,
                            Role::President => *president,
                        })
                        .map(|(_, n, _)| (*n).to_string()),
                }
            })
            .or_else(|| mentions.first().map(|m| m.name.to_string()));
        named.extend(mentions.iter().map(|m| {
            let before = text[..m.pos].trim_end();
            let president = ["President", "president", "Президент", "президент"]
                .iter()
                .any(|t| before.ends_with(t));
            (m.party, m.name, president)
        }));
        out.push(speaker);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_or_side_after_a_fronted_clause_speaks() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Foreign Minister Lavrov spoke with Secretary Blinken.",
                "Turning to the situation in the region, the Minister noted that talks go on.",
                "When the discussion turned to trade, the Russian side set out its view.",
                "Regarding the detained citizens, the Secretary urged their release.",
                "On the question of grain, he was brief.",
                "In Geneva, talks will resume.",
            ],
        );
        let names: Vec<Option<&str>> = got.iter().map(Option::as_deref).collect();
        assert_eq!(
            names,
            [
                Some("Lavrov"),
                Some("Lavrov"),
                Some("Lavrov"),
                Some("Blinken"),
                Some("Blinken"),
                None
            ]
        );
    }

    #[test]
    fn speakers_carry_over_pronouns() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Lavrov stressed the point.",
                "He added more.",
                "Grain was discussed.",
            ],
        );
        assert_eq!(
            got,
            [Some("Lavrov".to_string()), Some("Lavrov".to_string()), None]
        );
    }

    #[test]
    fn role_nouns_name_the_principal_who_holds_the_title() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Secretary Blinken spoke with Foreign Minister Lavrov.",
                "Lavrov said the talks should continue.",
                "The Secretary also raised the issue of grain exports.",
                "The Minister replied that sanctions were to blame.",
                "The two sides agreed to stay in touch.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Blinken".to_string()),
                Some("Lavrov".to_string()),
                Some("Blinken".to_string()),
                Some("Lavrov".to_string()),
                Some("both sides".to_string()),
            ]
        );
    }

    #[test]
    fn a_side_named_by_its_nationality_is_its_principal_or_the_party() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Wang Yi held talks with Antony Blinken.",
                "The Chinese side stressed that Taiwan is part of China.",
                "The American side noted its concerns.",
                "The German side was not mentioned.",
                "The President welcomed the call.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Wang Yi".to_string()),
                Some("Wang Yi".to_string()),
                Some("Blinken".to_string()),
                Some("Germany".to_string()),
                None,
            ],
            "no one was introduced as president, so no one is guessed"
        );
        let got = speakers(
            &p,
            &[
                "President Biden spoke with President Xi Jinping.",
                "The President raised Taiwan.",
            ],
        );
        assert_eq!(
            got[1].as_deref(),
            Some("Xi"),
            "the last one introduced as president"
        );
    }

    #[test]
    fn a_russian_minister_is_the_russian_principal() {
        let p = Parties::builtin().unwrap();
        let got = speakers(
            &p,
            &[
                "Сергей Лавров провел телефонный разговор с Энтони Блинкеном.",
                "Министр подчеркнул необходимость диалога.",
                "Стороны договорились продолжить контакты.",
            ],
        );
        assert_eq!(
            got,
            [
                Some("Лавров".to_string()),
                Some("Лавров".to_string()),
                Some("both sides".to_string()),
            ]
        );
    }

    /// `russian_subject` as written before it lowercased only the words next to a word looked
    /// for: the reference it is checked against.
    fn russian_subject_by_lowercase(parties: &Parties, text: &str) -> Option<(usize, Opening)> {
        if !text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            return None;
        }
        let ws: Vec<String> = super::super::words(text)
            .into_iter()
            .map(|(_, w)| w.to_lowercase())
            .collect();
        ws.iter().enumerate().find_map(|(i, w)| {
            let prev = i.checked_sub(1).map(|p| ws[p].as_str());
            let adjective = |endings: &[&str]| {
                prev.filter(|p| endings.iter().any(|e| p.ends_with(e)))
                    .and_then(|p| parties.party_of_word(p))
                    .map(|party| (i - 1, Opening::Side(party)))
            };
            match w.as_str() {
                "сторона" => adjective(&["ая"]),
                "стороны" => {
                    let genitive = prev.is_some_and(|p| {
                        NOT_BOTH_SIDES.contains(&p) || p.ends_with("ой") || p.ends_with("ей")
                    });
                    (!genitive).then_some((i, Opening::BothSides))
                }
                title if TITLES.contains(&title) => adjective(&["ий", "ый"]).or_else(|| {
                    ws[i + 1..]
                        .iter()
                        .take(4)
                        .map(|w| (w, parties.party_of_word(w)))
                        .take_while(|(w, party)| {
                            party.is_some() || OFFICE_WORDS.contains(&w.as_str())
                        })
                        .find_map(|(_, party)| party)
                        .map(|party| (i, Opening::Side(party)))
                }),
                _ => None,
            }
        })
    }

    #[test]
    fn russian_subjects_are_found_as_by_lowercasing_every_word() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(Some(lower_russian(c)), c.to_lowercase().next(), "{c:?}");
        }
        let targets = ["сторона", "стороны"].iter().chain(TITLES);
        for w in [
            "СТОРОНА",
            "Сторона",
            "стороны",
            "сторонa",
            "Глава",
            "ГЛАВА",
            "главА",
            "глав",
            "главаа",
            "Президент",
            "МИНИСТР",
            "Лидер",
            "Премьер",
            "Госсекретарь",
            "ΣΤ",
            "İ",
            "K",
            "",
            "ЁЖ",
            "лидерΣ",
        ] {
            for t in targets.clone() {
                assert_eq!(lower_is(w, t), w.to_lowercase() == *t, "{w:?} {t:?}");
            }
        }
        let p = Parties::builtin().unwrap();
        let pieces = [
            "Российская",
            "сторона",
            "стороны",
            "со",
            "Глава",
            "российского",
            "МИД",
            "России",
            "иностранных",
            "дел",
            "американской",
            "Министр",
            "ЛИДЕР",
            "российский",
            "the",
            " ",
            ", ",
            ".",
        ];
        let mut last = vec![String::new()];
        let mut checked = 0;
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s} {p}")))
                .collect();
            for s in &last {
                let got = russian_subject(&p, s);
                assert_eq!(got, russian_subject_by_lowercase(&p, s), "{s:?}");
                checked += usize::from(got.is_some());
            }
        }
        assert!(checked > 10_000);
    }

    fn speakers_of(texts: &[&str]) -> Vec<Option<String>> {
        speakers(&Parties::builtin().unwrap(), texts)
    }

    fn some(names: &[&str]) -> Vec<Option<String>> {
        names
            .iter()
            .map(|n| (!n.is_empty()).then(|| (*n).to_string()))
            .collect()
    }

    #[test]
    fn russian_names_in_any_case_and_with_initials() {
        let got = speakers_of(&[
            "Министр иностранных дел Российской Федерации С.В.Лавров провел телефонный разговор \
             с Государственным секретарем США Э.Блинкеном.",
            "Сергей Лавров подчеркнул важность диалога.",
            "С. В. Лавров напомнил о российских предложениях.",
            "Э.Блинкену было указано на недопустимость вмешательства.",
            "По просьбе Э.Блинкена С.В.Лавров разъяснил позицию Москвы.",
            "Позиция В.В.Путина хорошо известна.",
            "Э.Блинкен обещал ответить письменно.",
        ]);
        assert_eq!(
            got,
            some(&[
                "Лавров",
                "Лавров",
                "Лавров",
                "Блинкен",
                "Лавров",
                "Путин",
                "Блинкен",
            ]),
            "the name as the subject first; else the first one named in any case"
        );
    }

    #[test]
    fn russian_sides_and_the_head_of_the_ministry() {
        let got = speakers_of(&[
            "Состоялся телефонный разговор Министра иностранных дел России С.В.Лаврова \
             с Государственным секретарём США Э.Блинкеном.",
            "Российская сторона подчеркнула неприемлемость расширения НАТО.",
            "В ответ американская сторона сослалась на принцип открытых дверей.",
            "Глава российского МИД напомнил о договорённостях.",
            "Также глава МИД России указал на поставки оружия.",
            "Китайская сторона в разговоре не упоминалась.",
            "В ходе разговора стороны обменялись мнениями.",
            "Министры условились продолжить контакты.",
            "По инициативе американской стороны обсуждался обмен заключёнными.",
            "С одной стороны, диалог полезен.",
            "Министра проинформировали о ходе переговоров.",
            "Российский лидер напомнил о предложениях.",
            "Президент США ответил, что изучит их.",
            "Министр иностранных дел России подчеркнул, что американская сторона медлит.",
            "Лидеры договорились о новых контактах.",
            "Министр подчеркнул, что американская сторона медлит.",
        ]);
        assert_eq!(
            got,
            some(&[
                "Лавров",
                "Лавров",
                "Блинкен",
                "Лавров",
                "Лавров",
                "China",
                "both sides",
                "both sides",
                "",
                "",
                "",
                "Лавров",
                "Блинкен",
                "Лавров",
                "both sides",
                "Лавров",
            ])
        );
    }
}
