//! What a claim does in its readout: reports the call itself, characterises its tone, lists the
//! matters discussed, or gives an account of one matter. The annotation rules follow from roles
//! (openings link to openings, tone to tone, an agenda sentence to the other side's agenda only),
//! so the aligner uses them as features and the topic stage files openings and tone under the
//! call.

use serde::{Deserialize, Serialize};

use crate::lexicon::Token;

/// The part a claim plays in its readout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reports the call or meeting itself ("X spoke today with Y").
    Opening,
    /// Characterises the conversation ("frank", "constructive", "businesslike").
    Tone,
    /// Lists several matters, or says that matters "were discussed", without an account of any.
    Agenda,
    /// An account of one matter: a proposal, demand, warning, dispute, event or fact.
    #[default]
    Substantive,
}

impl Role {
    /// The lowercase name used in JSON and the app.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Role::Opening => "opening",
            Role::Tone => "tone",
            Role::Agenda => "agenda",
            Role::Substantive => "substantive",
        }
    }
}

/// What the role classifier needs to know about one claim.
#[derive(Debug, Clone, Copy)]
pub struct RoleInput<'a> {
    /// The claim's tokens (`lexicon::tokenize`).
    pub tokens: &'a [Token],
    /// Whether the claim names the call's format ("spoke with", "telephone conversation").
    pub names_the_call: bool,
    /// How many different matters (topics other than the call) its keywords name.
    pub matters_named: usize,
    /// How many of those are specific issues, not the relationship itself or the channels of
    /// contact, which a remark on the tone names ("enhanced mutual understanding", "agreed to
    /// maintain communication").
    pub issues_named: usize,
}

/// Words that characterise a conversation's tone (prefixes of folded tokens).
const TONE_WORDS: &[&str] = &[
    "frank",
    "candid",
    "constructiv",
    "businesslike",
    "substantiv",
    "productiv",
    "cordial",
    "friendly",
    "pragmatic",
    "respectful",
    "in-depth",
    "thorough",
    "detailed",
    "useful",
    "positive",
    "tough",
    "timely",
    "beneficial",
    "principled",
    "difficult",
    "sincere",
    "откровенн",
    "конструктивн",
    "деловом",
    "деловой",
    "содержательн",
    "обстоятельн",
    "прагматичн",
    "доверительн",
    "дружеск",
    "полезн",
    "подробн",
];

/// Nouns for the conversation itself, which a tone claim characterises.
const CONVERSATION_WORDS: &[&str] = &[
    "conversation",
    "call",
    "talks",
    "discussion",
    "exchange",
    "meeting",
    "dialogue",
    "communication",
    "tone",
    "atmosphere",
    "разговор",
    "беседа",
    "беседы",
    "переговоры",
    "обмен",
    "встреча",
    "диалог",
    "характер",
    "атмосфер",
];

/// Words that report a conversation taking place (prefixes of folded tokens): with a name of the
/// call's format, they mark the opening among a readout's first sentences.
const CALL_WORDS: &[&str] = &[
    "spoke",
    "speak",
    "talked",
    "met",
    "meet",
    "call",
    "conversation",
    "telephone",
    "phone",
    "video",
    "virtual",
    "talks",
    "held",
    "разговор",
    "бесед",
    "переговор",
    "встреч",
    "состоял",
    "провел",
    "созвон",
];

/// The call words that report it taking place, by its means or its verb: "call" and
/// "conversation" are left out, since a remark on the tone names them too.
const TOOK_PLACE_WORDS: &[&str] = &[
    "spoke",
    "speak",
    "talked",
    "met",
    "meet",
    "telephone",
    "phone",
    "video",
    "virtual",
    "held",
    "состоял",
    "провел",
    "созвон",
    "телефон",
];

/// Verbs of listing what was discussed.
const AGENDA_VERBS: &[&str] = &[
    "discuss",
    "raise",
    "review",
    "touched",
    "covered",
    "обсужд",
    "обсуди",
    "затронут",
    "затрон",
    "рассмотр",
];

/// "exchanged views", "обменялись мнениями": a verb of exchange followed by one of these.
const EXCHANGE_OBJECTS: &[&str] = &["views", "opinions", "assessments", "мнени", "оценк"];

/// Words of a catch-all list ("other issues", "a range of", "matters of mutual interest").
const AGENDA_NOUNS: &[&str] = &[
    "issues",
    "matters",
    "topics",
    "questions",
    "range",
    "number",
    "agenda",
    "вопрос",
    "тем",
    "проблематик",
    "повестк",
    "ряд",
    "круг",
];

/// Qualifiers of a catch-all list.
const AGENDA_QUALIFIERS: &[&str] = &[
    "other",
    "several",
    "various",
    "regional",
    "international",
    "global",
    "bilateral",
    "mutual",
    "common",
    "topical",
    "wide",
    "broad",
    "other",
    "друг",
    "региональн",
    "международн",
    "двусторонн",
    "взаимн",
    "актуальн",
    "широк",
];

/// Verbs that say the sides held the conversation ("held frank talks", "had a candid exchange").
const HELD_WORDS: &[&str] = &["held", "had", "conducted", "провел", "провели"];

/// Tokens a verb of [`HELD_WORDS`] may stand before the conversation it qualifies.
const HELD_WINDOW: usize = 8;

/// A tone word and a word for the conversation, in a short claim; or, in a claim of any length,
/// a conversation the sides held with a tone word before it ("held in-depth, candid and
/// pragmatic exchanges on the world economy…"), which describes the call before it lists what
/// it covered.
fn is_tone(tokens: &[Token]) -> bool {
    short_tone(tokens) || held_with_tone(tokens)
}

/// Words of a wish or a norm (prefixes of folded tokens): a conversation a side is "willing to
/// have" or says "should" be frank is a position on the relationship, not the call's tone.
const WISH_WORDS: &[&str] = &[
    "willing",
    "ready",
    "hope",
    "should",
    "importance",
    "value",
    "готов",
    "надеж",
    "должн",
    "важност",
];

/// A tone word and a word for the conversation in a short claim that wishes for nothing.
fn short_tone(tokens: &[Token]) -> bool {
    has_prefix(tokens, TONE_WORDS)
        && has_prefix(tokens, CONVERSATION_WORDS)
        && tokens.len() <= 30
        && !has_prefix(tokens, WISH_WORDS)
}

/// A verb of [`HELD_WORDS`] followed within [`HELD_WINDOW`] tokens by a word for the
/// conversation, with a tone word between the two.
fn held_with_tone(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        HELD_WORDS.contains(&t.norm.as_str()) && {
            let after = &tokens[i + 1..tokens.len().min(i + 1 + HELD_WINDOW)];
            after
                .iter()
                .position(|t| is_one_of(t, CONVERSATION_WORDS))
                .is_some_and(|end| has_prefix(&after[..end], TONE_WORDS))
        }
    })
}

fn has_prefix(tokens: &[Token], words: &[&str]) -> bool {
    tokens.iter().any(|t| is_one_of(t, words))
}

fn is_one_of(token: &Token, words: &[&str]) -> bool {
    let norm = token.norm.as_str();
    words.iter().any(|w| norm.starts_with(w))
}

/// A catch-all qualifier followed within three words by a catch-all noun ("other issues",
/// "regional and international matters", "ряд актуальных вопросов").
fn catch_all(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        is_one_of(t, AGENDA_QUALIFIERS)
            && tokens[i + 1..]
                .iter()
                .take(3)
                .any(|u| is_one_of(u, AGENDA_NOUNS))
    })
}

/// Modal and future auxiliaries (whole folded words): a verb of discussing right after one tells
/// what may or will be discussed ("could be reviewed only after", "может быть рассмотрен"), not
/// what the call covered.
const MODALS: &[&str] = &[
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "will",
    "would",
    "будет",
    "будут",
    "должен",
    "должна",
    "должно",
    "должны",
    "мог",
    "могла",
    "могли",
    "могло",
    "может",
    "можно",
    "могут",
    "следует",
];

/// Whether one of the two words before token `i` is a modal or future auxiliary.
fn after_modal(tokens: &[Token], i: usize) -> bool {
    tokens[i.saturating_sub(2)..i]
        .iter()
        .any(|t| MODALS.contains(&t.norm.as_str()))
}

/// A verb of discussing (not after a modal), or "exchanged views".
fn discusses(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        (is_one_of(t, AGENDA_VERBS) && !after_modal(tokens, i))
            || ((t.norm.starts_with("exchang") || t.norm.starts_with("обмен"))
                && tokens[i + 1..]
                    .iter()
                    .take(2)
                    .any(|u| is_one_of(u, EXCHANGE_OBJECTS)))
    })
}

/// Verbs of agreeing ("agreed", "договорились", "условились").
const AGREE_WORDS: &[&str] = &["agree", "concur", "договорил", "условил", "согласил"];

/// Verbs of going on ("continue", "remain", "продолжить", "поддерживать").
const CONTINUE_WORDS: &[&str] = &[
    "continu",
    "maintain",
    "remain",
    "keep",
    "stay",
    "продолж",
    "поддерж",
    "остават",
];

/// Words for staying in touch ("contacts", "dialogue", "связь", "контакты").
const CONTACT_WORDS: &[&str] = &[
    "contact",
    "touch",
    "dialogue",
    "conversation",
    "discussion",
    "talk",
    "контакт",
    "связ",
    "диалог",
    "разговор",
    "общени",
    "бесед",
];

/// Whether a short claim only says that the two sides agreed to keep talking ("The leaders agreed
/// to remain in contact", "Договорились продолжить контакты") or will speak again: a sequel of
/// the call, which analysts file with the call itself (`ANNOTATION.md`: the call, who, when, its
/// tone) rather than as a matter. Its role stays substantive (the JSON's roles are a contract),
/// and whether it names a matter as well is for the caller to check against the topics.
#[must_use]
pub fn is_closing(tokens: &[Token]) -> bool {
    let agreed_to_continue = has_prefix(tokens, AGREE_WORDS)
        && has_prefix(tokens, CONTINUE_WORDS)
        && has_prefix(tokens, CONTACT_WORDS);
    let speak_again = tokens.windows(2).any(|w| {
        (w[0].norm.starts_with("speak") || w[0].norm.starts_with("talk")) && w[1].norm == "again"
    });
    tokens.len() <= 25 && (agreed_to_continue || speak_again)
}

/// Classifies the claims of one readout, in text order.
///
/// The opening is the first claim among the first two that names the call; tone claims pair a
/// tone word with a word for the conversation and name no issue (talks held in a tone may);
/// agenda claims pair a verb of discussing with a catch-all list or with several matters named
/// in one breath.
#[must_use]
pub fn classify(claims: &[RoleInput<'_>]) -> Vec<Role> {
    // A remark on the tone ("called it a frank and direct conversation") is the opening only if
    // it also reports the call taking place ("held a frank conversation").
    let opening = claims.iter().take(2).position(|c| {
        (c.names_the_call || has_prefix(c.tokens, CALL_WORDS))
            && (!is_tone(c.tokens) || has_prefix(c.tokens, TOOK_PLACE_WORDS))
    });
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if Some(i) == opening {
                return Role::Opening;
            }
            let held = held_with_tone(c.tokens);
            let tone = held || short_tone(c.tokens);
            if tone && c.matters_named == 0 {
                return Role::Tone;
            }
            if discusses(c.tokens) && (c.matters_named >= 3 || catch_all(c.tokens)) {
                return Role::Agenda;
            }
            // A short remark that names an issue ("a detailed exchange of views on Afghanistan")
            // is an account of it; talks held in a tone stay tone ("held candid exchanges on
            // the world economy").
            if held || (tone && c.issues_named == 0) {
                return Role::Tone;
            }
            Role::Substantive
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tokenize;

    /// Roles of claims given as (text, names the call, matters named); every matter an issue.
    fn roles(texts: &[(&str, bool, usize)]) -> Vec<Role> {
        let texts: Vec<_> = texts.iter().map(|&(t, c, m)| (t, c, m, m)).collect();
        roles_with_issues(&texts)
    }

    /// Roles of claims given as (text, names the call, matters named, issues among them).
    fn roles_with_issues(texts: &[(&str, bool, usize, usize)]) -> Vec<Role> {
        let tokens: Vec<Vec<Token>> = texts.iter().map(|(t, ..)| tokenize(t)).collect();
        let inputs: Vec<RoleInput<'_>> = texts
            .iter()
            .zip(&tokens)
            .map(|(&(_, call, matters, issues), tokens)| RoleInput {
                tokens,
                names_the_call: call,
                matters_named: matters,
                issues_named: issues,
            })
            .collect();
        classify(&inputs)
    }

    #[test]
    fn opening_tone_agenda_and_substance() {
        let got = roles(&[
            (
                "The President spoke by telephone with the Chancellor.",
                true,
                0,
            ),
            ("The conversation was frank and businesslike.", true, 0),
            (
                "The leaders also discussed Iran, the Korean Peninsula and climate change.",
                false,
                3,
            ),
            (
                "They exchanged views on other regional and international issues.",
                false,
                0,
            ),
            ("He urged the release of the detained journalist.", false, 1),
            ("Обсуждались также другие актуальные вопросы.", false, 0),
            ("Разговор носил деловой и откровенный характер.", true, 0),
        ]);
        assert_eq!(
            got,
            [
                Role::Opening,
                Role::Tone,
                Role::Agenda,
                Role::Agenda,
                Role::Substantive,
                Role::Agenda,
                Role::Tone,
            ]
        );
    }

    #[test]
    fn a_remark_on_the_tone_is_the_opening_only_if_it_reports_the_call() {
        // A readout that starts with the tone, its account of the call left out.
        let got = roles(&[
            (
                "The Secretary called it a frank and direct conversation.",
                true,
                0,
            ),
            ("He urged Russia to accept the proposal.", false, 1),
        ]);
        assert_eq!(got, [Role::Tone, Role::Substantive]);
        let got = roles(&[(
            "The two presidents held a candid and constructive telephone conversation.",
            true,
            0,
        )]);
        assert_eq!(got, [Role::Opening]);
        let got = roles(&[(
            "Состоялся откровенный и деловой телефонный разговор.",
            true,
            0,
        )]);
        assert_eq!(got, [Role::Opening]);
    }

    #[test]
    fn talks_held_in_a_tone_are_tone_whatever_their_length() {
        let tone = |text: &str| is_tone(&tokenize(text));
        assert!(tone("The talks were tough and direct, as expected."));
        assert!(tone("The exchange was timely and beneficial."));
        assert!(tone("The call was very positive."));
        // Long, but the sides held the conversation in that tone before the matters it covered.
        let held = [
            "The ministers held frank, detailed and businesslike talks on the energy market, the \
             debts of poorer countries, the security of shipping lanes, the safety of nuclear \
             plants and the preparation of the autumn summit.",
            "The leaders had a long, candid and constructive exchange of views on arms control, \
             on the crisis in the region and on the state of the relationship between their two \
             countries since the spring.",
        ];
        for text in held {
            assert!(tokenize(text).len() > 30, "{text}");
            assert!(tone(text), "{text}");
        }
        // A tone word that qualifies something else, or a dialogue only called for.
        let not_held = [
            "The minister underlined the value of substantive dialogue on cutting risks at sea \
             and in the air and on setting up a hotline between the two navies, as the leaders \
             had agreed last month.",
            "The President said his country wants the remaining disputes between the two allies \
             settled through sincere dialogue and a constructive approach from both capitals \
             and from their partners in the region.",
            "They held talks on the grain corridor, which both sides called a constructive step \
             that had kept food moving from the ports to the poorer markets that need it most, \
             this year as in the last.",
        ];
        for text in not_held {
            assert!(tokenize(text).len() > 30, "{text}");
            assert!(!tone(text), "{text}");
        }
    }

    #[test]
    fn a_tone_word_on_an_issue_or_a_wish_is_not_the_call_s_tone() {
        let got = roles_with_issues(&[
            (
                "The President spoke by telephone with the Chancellor.",
                true,
                0,
                0,
            ),
            // A detailed exchange on one issue is an account of that issue.
            (
                "A detailed exchange of views on the situation in Afghanistan took place.",
                false,
                1,
                1,
            ),
            // Naming the channels of contact or the relationship keeps a remark on the tone.
            (
                "Both sides agreed that the talks were constructive and agreed to maintain \
                 communication.",
                false,
                1,
                0,
            ),
            // A frank dialogue a side is willing to have is a position, not the call's tone.
            (
                "The U.S. side is willing to have candid and constructive dialogue in a spirit \
                 of mutual respect.",
                false,
                1,
                0,
            ),
            // Talks held in a tone stay tone whatever they covered.
            (
                "The two sides held in-depth and pragmatic talks on the world economy.",
                false,
                1,
                1,
            ),
        ]);
        assert_eq!(
            got,
            [
                Role::Opening,
                Role::Substantive,
                Role::Tone,
                Role::Substantive,
                Role::Tone
            ]
        );
    }

    #[test]
    fn an_agreement_to_keep_talking_closes_the_call() {
        let closing = |text: &str| is_closing(&tokenize(text));
        assert!(closing("The leaders agreed to remain in contact."));
        assert!(closing(
            "It was agreed to continue contacts at various levels."
        ));
        assert!(closing("The two presidents will speak again later today."));
        assert!(closing("Договорились продолжить контакты."));
        assert!(closing("Условились поддерживать связь."));
        // An agreement on a matter, or talks still to be set up, is not a closing.
        assert!(!closing(
            "The ministers agreed to hold talks on strategic stability."
        ));
        assert!(!closing("They agreed to extend the treaty for five years."));
        assert!(!closing("Contacts between the agencies will continue."));
        assert!(!closing(
            "The sides agreed to continue contacts on the grain corridor, the exchange of \
             prisoners, the safety of the nuclear plant, the return of deported children and the \
             restoration of the ammonia pipeline through the region."
        ));
    }

    #[test]
    fn a_discussion_to_come_is_not_an_agenda() {
        // What may or will be discussed, with several matters named, is an account of a
        // condition, not a list of what the call covered.
        let got = roles(&[
            (
                "The resumption of grain exports could be reviewed only after the sanctions, \
                 the blockade and the shelling stop.",
                false,
                3,
            ),
            (
                "Вопрос о поставках может быть рассмотрен только после снятия санкций и \
                 прекращения обстрелов.",
                false,
                3,
            ),
            (
                "Рассмотрены вопросы поставок, санкций и обстрелов.",
                false,
                3,
            ),
        ]);
        assert_eq!(got, [Role::Substantive, Role::Substantive, Role::Agenda]);
    }

    #[test]
    fn a_later_call_mention_is_not_the_opening() {
        let got = roles(&[
            ("Russia must withdraw its forces.", false, 1),
            ("It was agreed to continue the dialogue.", false, 0),
            ("In a call last week, he had said the same.", true, 0),
        ]);
        assert_eq!(got, [Role::Substantive; 3]);
        let got = roles(&[(
            "The Prime Minister spoke to the President earlier today.",
            false,
            0,
        )]);
        assert_eq!(got, [Role::Opening]);
    }
}
