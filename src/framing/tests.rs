//! The framing lexicon's matching (per kind, English and Russian, inflections, phrase
//! boundaries), its summary and contrasts, and its selectivity on the bundled samples.

use super::*;
use crate::model::{ContrastBasis, FramingRef};

fn lexicon() -> FramingLexicon {
    FramingLexicon::builtin().unwrap()
}

/// The terms found in a sentence: (headword, kind, text as written).
fn found(sentence: &str) -> Vec<(String, FramingKind, String)> {
    lexicon()
        .find(sentence, 0)
        .into_iter()
        .map(|t| (t.term, t.kind, sentence[t.start..t.end].to_string()))
        .collect()
}

/// The headwords found in a sentence.
fn terms(sentence: &str) -> Vec<String> {
    found(sentence).into_iter().map(|(t, _, _)| t).collect()
}

#[test]
fn the_builtin_lexicon_loads_and_a_broken_one_is_refused_with_a_reason() {
    assert!(lexicon().len() >= 100, "{} entries", lexicon().len());
    let err = FramingLexicon::from_toml("term = 3", "x.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("framing lexicon x.toml:"), "{err}");
    let gap = "[[term]]\nterm = \"* request\"\nkind = \"initiative\"\n";
    let err = FramingLexicon::from_toml(gap, "g").unwrap_err().to_string();
    assert!(err.contains("begins or ends with *"), "{err}");
    let needs = "[[term]]\nterm = \"frank\"\nkind = \"tone\"\nneeds = \"nowhere\"\n";
    let err = FramingLexicon::from_toml(needs, "n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("needs \"nowhere\""), "{err}");
    let kind = "[[term]]\nterm = \"x\"\nkind = \"mood\"\n";
    assert!(FramingLexicon::from_toml(kind, "k").is_err());
}

#[test]
fn naming_conventions_in_english_and_russian() {
    let hits = found("The Secretary will travel to Kyiv; Moscow still writes Kiev’s name its way.");
    assert_eq!(
        hits,
        vec![
            ("Kyiv".into(), FramingKind::Naming, "Kyiv".into()),
            ("Kiev".into(), FramingKind::Naming, "Kiev".into()),
        ]
    );
    assert_eq!(
        terms("Fighting in the Donbas and in Donbass."),
        ["Donbas", "Donbass"]
    );
    assert_eq!(terms("Troops moved to Belarus."), ["Belarus"]);
    // Russian: case endings and the preposition of the convention.
    assert_eq!(
        terms("Учения в Белоруссии и поставки оружия на Украину."),
        ["Белоруссия", "на Украине"]
    );
    assert_eq!(terms("поощряют Киев к отказу"), ["Киев"]);
    assert_eq!(
        terms("The Taiwan authorities and the Taiwan region."),
        ["Taiwan authorities", "Taiwan region"]
    );
    // Not a name: a different word that starts the same.
    assert!(terms("Kievan Rus was a medieval state.").is_empty());
    assert!(terms("на украинской территории").is_empty());
}

#[test]
fn euphemisms_and_counter_terms_in_english_and_russian_with_inflections() {
    let hits = found(
        "The goals of the special military operation will be achieved in the liberated territories.",
    );
    assert_eq!(
        hits.iter().map(|h| (h.0.as_str(), h.1)).collect::<Vec<_>>(),
        [
            ("special military operation", FramingKind::Euphemism),
            ("liberated territories", FramingKind::Euphemism)
        ]
    );
    assert_eq!(
        terms("Цели специальной военной операции будут достигнуты, сказал он о СВО."),
        [
            "специальная военная операция",
            "специальная военная операция"
        ]
    );
    assert_eq!(
        terms("На освобождённых территориях восстанавливается мирная жизнь."),
        ["освобожденные территории"]
    );
    assert_eq!(
        terms("после воссоединения Крыма с Россией"),
        ["воссоединение"]
    );
    assert_eq!(
        terms(
            "Russia launched its full-scale invasion; the world will not recognize the annexations of occupied areas."
        ),
        ["full-scale invasion", "annexation", "occupied areas"]
    );
    assert_eq!(terms("if Russia further invades Ukraine"), ["invasion"]);
    // "своей" is not the capitals "СВО"; "aggressive" is not "aggression".
    assert!(terms("по своей воле").is_empty());
    assert!(terms("increasingly aggressive actions").is_empty());
}

#[test]
fn loaded_labels_keep_to_whole_words_and_phrases() {
    assert_eq!(
        terms("the Kiev regime and that regime"),
        ["Kiev regime", "regime"]
    );
    // A whole word only: a regimen is not a regime; nor is a sanctions regime.
    assert!(terms("a strict regimen of exercise").is_empty());
    assert!(terms("the sanctions regime against Iran").is_empty());
    assert_eq!(
        terms("поставки оружия киевскому режиму продлевают агонию киевского режима"),
        ["киевский режим", "киевский режим"]
    );
    assert!(terms("переговоры в режиме видеоконференции").is_empty());
    assert!(terms("несоблюдение режима ограничения полётов").is_empty());
    assert_eq!(
        terms(
            "«Недопустимо, что „коллективный Запад“ использует эту проблему», — сказал он о коллективного Запада."
        ),
        ["коллективный Запад", "коллективный Запад"]
    );
    assert_eq!(
        terms("It is unacceptable that the ‘collective West’ uses this problem."),
        ["collective West"]
    );
    assert_eq!(
        terms("Russia's unprovoked and brutal war; so-called referendums; neo-Nazis."),
        ["unprovoked", "brutal", "so-called", "neo-Nazi"]
    );
    // Words of a phrase must stand together: a comma breaks "collective West".
    assert!(terms("a collective, West-leaning effort").is_empty());
    assert_eq!(
        terms("о якобы готовящемся «вторжении»"),
        ["так называемый", "вторжение"]
    );
    assert_eq!(terms("He denounced the provocations."), ["provocation"]);
}

#[test]
fn tone_counts_only_where_the_sentence_speaks_of_the_conversation() {
    assert_eq!(
        found("The Secretary called it “a frank and direct conversation” and said so directly."),
        vec![(
            "frank and direct".into(),
            FramingKind::Tone,
            "frank and direct".into()
        )]
    );
    assert_eq!(
        terms("The talks were frank and in-depth, and both sides regarded them as constructive."),
        ["frank", "in-depth", "constructive"]
    );
    assert_eq!(
        terms("Разговор носил откровенный и деловой характер."),
        ["откровенный", "деловой"]
    );
    assert_eq!(
        terms("Беседа прошла в конструктивном ключе."),
        ["конструктивный"]
    );
    // Open channels, an open order, a candidate: not the tone of the call.
    assert!(terms("Diplomacy and open channels of communication are essential.").is_empty());
    assert!(
        terms("a free, open and rules-based international order")
            .iter()
            .all(|t| t != "open")
    );
    assert!(terms("The candidate spoke at the meeting.").is_empty());
    assert!(terms("Встреча представителей деловых кругов.").is_empty());
}

#[test]
fn initiative_says_who_asked_in_english_and_russian() {
    let lex = lexicon();
    let by = |sentence: &str| -> Vec<(String, Option<String>)> {
        lex.find(sentence, 0)
            .into_iter()
            .filter(|t| t.kind == FramingKind::Initiative)
            .map(|t| (t.term, t.by))
            .collect()
    };
    assert_eq!(
        by(
            "President Biden spoke with President Putin on December 30, at President Putin’s request."
        ),
        [(
            "at the request of".to_string(),
            Some("President Putin’s".to_string())
        )]
    );
    assert_eq!(
        by("On December 30, at the Russian side’s initiative, Vladimir Putin spoke by telephone."),
        [(
            "at the initiative of".to_string(),
            Some("the Russian side’s".to_string())
        )]
    );
    assert_eq!(
        by("18 января по инициативе американской стороны состоялся телефонный разговор."),
        [(
            "по инициативе".to_string(),
            Some("американской стороны".to_string())
        )]
    );
    assert_eq!(
        by("The call took place at the request of the American side."),
        [(
            "at the request of".to_string(),
            Some("the American side".to_string())
        )]
    );
    assert_eq!(
        lex.party_named("американской стороны"),
        Some("United States")
    );
    assert_eq!(lex.party_named("the Russian side’s"), Some("Russia"));
    assert_eq!(lex.party_named("the other side"), None);
}

#[test]
fn spans_are_byte_offsets_into_the_readout() {
    let text = "Он сказал: «киевского режима». Then the Kiev regime.";
    let terms = lexicon().find(&text[4..], 4);
    assert_eq!(terms.len(), 2);
    for t in &terms {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    assert_eq!(&text[terms[0].start..terms[0].end], "киевского режима");
    assert_eq!(&text[terms[1].start..terms[1].end], "Kiev regime");
}

fn sample() -> (crate::Engine, Comparison) {
    let engine = crate::Engine::builtin().unwrap();
    let (a, b) = crate::sample::blinken_lavrov();
    let cmp = engine.compare(a, b).unwrap();
    (engine, cmp)
}

/// The text of a framing reference.
fn text_of(cmp: &Comparison, side: Side, r: FramingRef) -> &str {
    let t = cmp.framing_term(side, r).unwrap();
    &cmp.side(side).readout.text[t.start..t.end]
}

#[test]
fn the_seed_pair_comes_out_as_an_analyst_would_list_it() {
    let (_, cmp) = sample();
    let f = &cmp.framing;
    let used = |side: Side| -> Vec<&str> {
        f.terms[side.index()]
            .iter()
            .map(|u| u.term.as_str())
            .collect()
    };
    let russian = used(Side::B);
    for term in [
        "special military operation",
        "Kiev regime",
        "liberated territories",
        "collective West",
    ] {
        assert!(russian.contains(&term), "{term} in {russian:?}");
    }
    let us = used(Side::A);
    for term in [
        "occupied areas",
        "annexation",
        "full-scale war",
        "frank and direct",
    ] {
        assert!(us.contains(&term), "{term} in {us:?}");
    }
    // The tone: the US readout calls the call frank and direct; the Russian one says nothing.
    let tone: Vec<&str> = f.tone[0]
        .iter()
        .map(|&r| text_of(&cmp, Side::A, r))
        .collect();
    assert_eq!(tone, ["frank and direct"]);
    assert!(f.tone[1].is_empty());
    assert!(f.initiative.iter().all(Vec::is_empty));
    // The annexation matter: "occupied areas" faces "liberated territories" in a matched pair.
    let contrast = f
        .contrasts
        .iter()
        .find(|c| text_of(&cmp, Side::A, c.a) == "occupied areas")
        .expect("a contrast on the occupied areas");
    assert_eq!(text_of(&cmp, Side::B, contrast.b), "liberated territories");
    assert_eq!(contrast.basis, ContrastBasis::Match);
    assert_eq!(
        cmp.sides[0].claims[contrast.a.claim].topic,
        "ukraine-territory"
    );
    // The war's name faces the operation's somewhere in the two readouts.
    assert!(f.contrasts.iter().any(|c| {
        text_of(&cmp, Side::A, c.a) == "full-scale war"
            && text_of(&cmp, Side::B, c.b) == "special military operation"
    }));
}

#[test]
fn contrasts_follow_curation() {
    let (engine, cmp) = sample();
    let contrast = cmp
        .framing
        .contrasts
        .iter()
        .find(|c| c.basis == ContrastBasis::Match)
        .copied()
        .unwrap();
    // Unlinked, the pair still shares its topic; its contrast stays, on the topic.
    let mut decisions = crate::curation::Decisions::default();
    let unlink = crate::curation::Action::Unlink(
        crate::model::ClaimId::new(Side::A, contrast.a.claim),
        crate::model::ClaimId::new(Side::B, contrast.b.claim),
    );
    decisions.apply(unlink.resolve(&cmp).unwrap());
    let shown = engine.curate(&cmp, &decisions).comparison;
    let again = shown
        .framing
        .contrasts
        .iter()
        .find(|c| c.a == contrast.a && c.b == contrast.b)
        .unwrap();
    assert_eq!(again.basis, ContrastBasis::Topic);
    // A claim set aside leaves the summary, and the references after it are renumbered.
    let mut decisions = crate::curation::Decisions::default();
    let aside = crate::curation::Action::SetAside(crate::model::ClaimId::new(Side::B, 0));
    decisions.apply(aside.resolve(&cmp).unwrap());
    let shown = engine.curate(&cmp, &decisions).comparison;
    for c in &shown.framing.contrasts {
        let before = |side: Side, r: FramingRef| text_of(&cmp, side, r).to_string();
        assert!(shown.framing_term(Side::B, c.b).is_some());
        assert_eq!(text_of(&shown, Side::A, c.a), before(Side::A, c.a));
    }
    let b_uses: usize = shown.framing.terms[1].iter().map(|u| u.uses.len()).sum();
    let b_before: usize = cmp.framing.terms[1].iter().map(|u| u.uses.len()).sum();
    assert_eq!(b_uses, b_before, "the first Russian claim has no framing");
}

#[test]
fn a_comparison_saved_without_framing_still_reads() {
    let (_, cmp) = sample();
    let mut value = serde_json::to_value(&cmp).unwrap();
    value.as_object_mut().unwrap().remove("framing");
    for side in value["sides"].as_array_mut().unwrap() {
        for claim in side["claims"].as_array_mut().unwrap() {
            claim.as_object_mut().unwrap().remove("framing");
        }
    }
    let old: Comparison = serde_json::from_value(value).unwrap();
    assert!(old.framing.is_empty());
    assert!(old.sides[1].claims.iter().all(|c| c.framing.is_empty()));
}

#[test]
fn flags_cover_at_most_a_tenth_of_the_words_of_every_sample_readout() {
    let engine = crate::Engine::builtin().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        // A pair's folder holds its two texts (the three-witness folder only names others').
        .filter(|p| p.join("us.txt").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "{dirs:?}");
    let mut flagged = 0;
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort_by_key(|p| p.file_name().map(|n| n != "us.txt"));
        let [a, b] = [&files[0], &files[1]].map(|p| crate::ingest::read_path(p).unwrap());
        let cmp = engine.compare(a, b).unwrap();
        for data in &cmp.sides {
            let all = data.claims.iter().flat_map(|c| &c.framing);
            let share = coverage(&data.readout.text, all);
            assert!(
                share <= 0.10,
                "{}: {:.1}%",
                data.readout.source,
                share * 100.0
            );
            flagged += data.claims.iter().map(|c| c.framing.len()).sum::<usize>();
        }
    }
    assert!(flagged >= 20, "the lens sees something: {flagged} flags");
}

#[test]
fn cuts_join_back_into_the_piece_and_name_the_covering_term() {
    let text = "the Kiev regime and «киевского режима»";
    let terms = lexicon().find(text, 100);
    // A piece that starts inside the first term and ends inside the second.
    let piece = &text[6..text.len() - 8];
    let parts = cuts(piece, 106, &terms);
    assert_eq!(parts.iter().map(|(p, _)| *p).collect::<String>(), piece);
    let framed: Vec<(&str, &str)> = parts
        .iter()
        .filter_map(|(p, t)| t.map(|t| (*p, t.term.as_str())))
        .collect();
    assert_eq!(
        framed,
        [
            ("ev regime", "Kiev regime"),
            ("киевского реж", "киевский режим")
        ]
    );
    let (_, cmp) = sample();
    let smo = cmp.sides[1]
        .claims
        .iter()
        .flat_map(|c| &c.framing)
        .find(|t| t.term == "special military operation")
        .unwrap();
    assert!(note(&cmp, smo).starts_with("euphemism · the other side would say: war against"));
}

#[test]
fn both_readouts_of_the_december_2021_call_say_the_russian_side_asked_for_it() {
    let engine = crate::Engine::builtin().unwrap();
    let (dir, fa, ta, fb, tb) = crate::sample::PAIRS[1];
    assert_eq!(dir, "2021-12-30-biden-putin");
    let cmp = engine
        .compare(
            crate::ingest::read_bytes(ta.as_bytes(), fa).unwrap(),
            crate::ingest::read_bytes(tb.as_bytes(), fb).unwrap(),
        )
        .unwrap();
    for side in Side::BOTH {
        let uses = &cmp.framing.initiative[side.index()];
        assert_eq!(uses.len(), 1, "{side:?}");
        let term = cmp.framing_term(side, uses[0]).unwrap();
        assert_eq!(term.initiator, Some(Side::B), "{term:?}");
    }
    // The Russian readout calls the conversation frank and businesslike; the US one says not.
    let tone: Vec<&str> = cmp.framing.tone[1]
        .iter()
        .map(|&r| text_of(&cmp, Side::B, r))
        .collect();
    assert_eq!(tone, ["frank", "businesslike"]);
    assert!(cmp.framing.tone[0].is_empty());
    // A Russian phrase that names who asked after it is listed with those words.
    let lex = lexicon();
    let text = "по инициативе американской стороны состоялся разговор";
    let term = &lex.find(text, 0)[0];
    assert_eq!(
        said(&text[term.start..term.end], term),
        "по инициативе американской стороны"
    );
}

#[test]
fn common_phrases_of_readouts_are_flagged_and_near_misses_are_not() {
    assert_eq!(
        terms("Russia's unprovoked and unjustified war against Ukraine continues."),
        ["unprovoked", "unjustified", "war against Ukraine"]
    );
    let war = &found("amid Russia’s ongoing war against Ukraine")[0];
    assert_eq!(
        (war.0.as_str(), war.2.as_str()),
        ("war against Ukraine", "war")
    );
    assert_eq!(
        terms("the people of temporarily occupied Crimea"),
        ["occupied territories"]
    );
    assert_eq!(
        terms("The two presidents had a candid and in-depth communication."),
        ["candid", "in-depth"]
    );
    assert_eq!(
        terms("Both sides rejected the small yard, high fence approach and hegemonism."),
        ["Cold War mentality", "hegemonism"]
    );
    assert_eq!(
        terms("Переговоры прошли в деловой и доверительной атмосфере."),
        ["деловой", "доверительный"]
    );
    for miss in [
        "Lavrov held talks with Frank-Walter Steinmeier.",
        "They agreed to keep lines of communication open.",
        "The open-ended working group met for talks.",
        "A strict regimen, a candidate, a liberal democracy.",
        "Kievan Rus and the Kievskaya metro station.",
    ] {
        assert!(terms(miss).is_empty(), "{miss}: {:?}", terms(miss));
    }
}

#[test]
fn communication_is_the_call_only_where_the_sides_had_it() {
    assert!(
        terms("They agreed to maintain communication and deepen constructive efforts.").is_empty()
    );
    assert_eq!(
        terms("The two presidents held candid and in-depth strategic communication."),
        ["candid", "in-depth"]
    );
}

#[test]
fn the_latter_who_asked_is_the_party_named_last_before_the_phrase() {
    let engine = crate::Engine::builtin().unwrap();
    let read = |text: &str, name: &str| crate::ingest::read_bytes(text.as_bytes(), name).unwrap();
    let a = read(
        "President Biden spoke with President Xi Jinping. They discussed Taiwan.",
        "us.txt",
    );
    let b = read(
        "President Xi Jinping had a phone call with U.S. President Joe Biden at the latter’s \
         request. They discussed the Taiwan question.",
        "cn.txt",
    );
    let cmp = engine.compare(a, b).unwrap();
    assert_eq!(cmp.sides[1].readout.label, "China");
    let uses = &cmp.framing.initiative[1];
    assert_eq!(uses.len(), 1);
    let term = cmp.framing_term(Side::B, uses[0]).unwrap();
    assert_eq!(term.by.as_deref(), Some("the latter’s"));
    assert_eq!(term.initiator, Some(Side::A), "Biden, named last, asked");
}

#[test]
fn a_translation_is_the_same_framing_not_a_contrast() {
    let engine = crate::Engine::builtin().unwrap();
    let [_, original, english] = crate::sample::blinken_lavrov_three();
    let cmp = engine.compare(original, english).unwrap();
    // Both versions use the Ministry's labels ("коллективный Запад", "collective West")...
    for side in Side::BOTH {
        assert!(
            !cmp.framing.terms[side.index()].is_empty(),
            "{side:?} uses no framing term"
        );
    }
    // ...and a term never faces its own rendering in the other language.
    let contrasts: Vec<(&str, &str)> = cmp
        .framing
        .contrasts
        .iter()
        .map(|c| (text_of(&cmp, Side::A, c.a), text_of(&cmp, Side::B, c.b)))
        .collect();
    assert!(contrasts.is_empty(), "{contrasts:?}");
}

#[test]
fn short_keys_tell_words_apart() {
    let words = [
        "",
        "a",
        "b",
        "ab",
        "ba",
        "aa",
        "aaa",
        "the",
        "russia",
        "россия",
        "россии",
        "u.s",
        "abcdefghijklmnop",
        "abcdefghijklmno",
        "abcdefghijklmnopq",
        "a\0",
        "киевскийрежим",
        "1",
        "01",
        "10",
    ];
    let mut seen = std::collections::HashMap::new();
    for w in words {
        match short_key(w) {
            Some(key) => {
                assert!(w.len() <= 16 && !w.ends_with('\0'), "{w:?}");
                if let Some(other) = seen.insert(key, w) {
                    panic!("{w:?} and {other:?} share a key");
                }
            }
            None => assert!(w.len() > 16 || w.ends_with('\0'), "{w:?}"),
        }
    }
    let lex = FramingLexicon::builtin().unwrap();
    let mut cache = Words::default();
    let ids: Vec<u32> = words
        .iter()
        .map(|w| cache.id(&SmolStr::from(*w), |n| lex.word_entry(n)))
        .collect();
    for (i, w) in words.iter().enumerate() {
        assert_eq!(cache.entries[ids[i] as usize].norm, *w);
        assert_eq!(cache.id(&SmolStr::from(*w), |_| unreachable!()), ids[i]);
    }
}
