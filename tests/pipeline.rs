//! The library pipeline end to end: determinism, labels, languages, taxonomy, the generator.
#![expect(
    clippy::cast_precision_loss,
    reason = "shares of a few thousand claims"
)]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions may unwrap"
)]

use parallax::model::Side;
use parallax::{Engine, ingest, topics::Taxonomy};

fn readout(text: &str, source: &str) -> parallax::model::Readout {
    ingest::read_bytes(text.as_bytes(), source).unwrap()
}

#[test]
fn same_input_same_comparison() {
    let engine = Engine::builtin().unwrap();
    let (a, b) = parallax::sample::blinken_lavrov();
    let first = engine.compare(a.clone(), b.clone()).unwrap();
    let second = engine.compare(a, b).unwrap();
    assert_eq!(first, second);
    assert_eq!(
        parallax::report::json::render(&first),
        parallax::report::json::render(&second)
    );
}

#[test]
fn written_json_is_the_rendered_json() {
    // `write` renders the matches on all cores and splices them in; `render` does not.
    let engine = Engine::builtin().unwrap();
    let (a, b) = parallax::sample::blinken_lavrov();
    let cmp = engine.compare(a, b).unwrap();
    assert!(cmp.matches.len() > 1);
    let mut written = Vec::new();
    parallax::report::json::write(&cmp, &mut written).unwrap();
    assert_eq!(
        String::from_utf8(written).unwrap(),
        parallax::report::json::render(&cmp)
    );
}

#[test]
fn labels_fall_back_to_the_file_stem() {
    let engine = Engine::builtin().unwrap();
    let cmp = engine
        .compare(
            readout("The delegations discussed grain exports.", "dir/first.txt"),
            readout(
                "Grain exports were discussed by the delegations.",
                "second.md",
            ),
        )
        .unwrap();
    assert_eq!(cmp.sides[0].readout.label, "first");
    assert_eq!(cmp.sides[1].readout.label, "second");
    assert_eq!(cmp.matches.len(), 1);
    assert_eq!(cmp.sides[0].claims[0].topic, "food-grain");
}

#[test]
fn russian_language_readouts_align() {
    let engine = Engine::builtin().unwrap();
    let a = readout(
        "С.В. Лавров провёл телефонный разговор с А. Блинкеном. Обсуждались поставки зерна на мировые рынки. \
         Российская сторона подчеркнула недопустимость санкций.",
        "a.txt",
    );
    let b = readout(
        "Э. Блинкен и С.В. Лавров провели телефонный разговор. Стороны затронули вопрос поставок зерна. \
         Блинкен призвал освободить задержанных граждан США.",
        "b.txt",
    );
    let cmp = engine.compare(a, b).unwrap();
    assert_eq!(cmp.sides[0].claims.len(), 3);
    assert!(
        cmp.matches.iter().any(|m| m.a == 1 && m.b == 1),
        "grain: {:?}",
        cmp.matches
    );
    assert!(cmp.is_one_sided(Side::A, 2) && cmp.is_one_sided(Side::B, 2));
    assert_eq!(cmp.sides[0].claims[1].topic, "food-grain");
    assert_eq!(cmp.sides[1].claims[2].topic, "prisoners");
}

#[test]
fn paraphrased_cyber_claims_match_through_synonyms_and_topics() {
    let engine = Engine::builtin().unwrap();
    let cmp = engine
        .compare(
            readout(
                "The President raised the ransomware attacks by criminal groups based in Russia. \
                 He also welcomed the renewal of aid deliveries to Syria.",
                "us.txt",
            ),
            readout(
                "Attention was drawn to cyberattacks allegedly carried out by criminals from Russian territory. \
                 The leaders exchanged holiday greetings.",
                "ru.txt",
            ),
        )
        .unwrap();
    let links: Vec<(usize, usize)> = cmp.matches.iter().map(|m| (m.a, m.b)).collect();
    assert_eq!(links, [(0, 0)]);
    assert!(
        cmp.matches[0]
            .origin
            .evidence()
            .iter()
            .any(|e| e.contains("ransomware")),
        "{:?}",
        cmp.matches[0].origin
    );
    assert_eq!(
        cmp.topic("cyber").map(|t| (t.a.len(), t.b.len())),
        Some((1, 1))
    );
    assert_eq!(
        cmp.topic("syria")
            .and_then(parallax::model::TopicRow::one_sided),
        Some(Side::A)
    );
    // A paraphrase keeps no word diff; its anchors show what the two claims share.
    assert!(cmp.matches[0].diff.is_empty());
    assert!(!cmp.matches[0].anchors.is_empty());
}

#[test]
fn a_replacement_taxonomy_is_used() {
    let tax = Taxonomy::from_toml(
        "[[topic]]\nid = \"grain\"\nlabel = \"Grain\"\ncolor = \"#aabbcc\"\nen = [\"grain\"]\n",
        "t.toml",
    )
    .unwrap();
    let engine = Engine::builtin().unwrap().with_taxonomy(tax);
    let (a, b) = parallax::sample::blinken_lavrov();
    let cmp = engine.compare(a, b).unwrap();
    assert!(
        cmp.topics
            .iter()
            .all(|t| t.id == "grain" || t.id == "other")
    );
}

#[test]
fn generated_pairs_have_planted_matches_and_one_sided_claims() {
    let engine = Engine::builtin().unwrap();
    let (a, b) = parallax::synth::pair(300, 3);
    let cmp = engine
        .compare(readout(&a, "a.txt"), readout(&b, "b.txt"))
        .unwrap();
    let n = cmp.sides[0].claims.len() as f64;
    // About 60% of b is planted from a, so at least that much of a is matched; recombined
    // sentences share halves, so more may match, but some claims on each side stay one-sided.
    let matched_a = n - cmp.one_sided[0].len() as f64;
    assert!(matched_a / n >= 0.55, "{matched_a} of {n} matched");
    assert!(!cmp.one_sided[0].is_empty() && !cmp.one_sided[1].is_empty());
    let model = parallax::pair_model::PairModel::builtin(parallax::align::FEATURE_NAMES).unwrap();
    assert!(
        cmp.matches.len() <= model.max_links * cmp.sides[0].claims.len(),
        "links per claim are bounded by the model's rule ({} per claim)",
        model.max_links
    );
}

#[test]
fn a_text_repeated_on_both_sides_links_every_copy_in_order() {
    // Issue 12: 50 copies of one paragraph on both sides, with one extra sentence on side b.
    let paragraph = "The Secretary raised the detention of two American citizens. \
                     The Minister said the exchange should be discussed quietly. \
                     Both agreed to keep channels of communication open.\n\n";
    let a = paragraph.repeat(50);
    let b = format!(
        "{}The Minister also spoke about grain exports.\n",
        paragraph.repeat(50)
    );
    let engine = parallax::Engine::builtin().unwrap();
    let read = |t: &str, n: &str| parallax::ingest::read_bytes(t.as_bytes(), n).unwrap();
    let cmp = engine
        .compare(read(&a, "a.txt"), read(&b, "b.txt"))
        .unwrap();
    assert_eq!(cmp.sides[0].claims.len(), 150);
    for i in 0..150 {
        assert!(
            cmp.matches.iter().any(|m| m.a == i && m.b == i),
            "copy {i} is linked to its counterpart"
        );
    }
    assert!(cmp.one_sided[0].is_empty());
    assert_eq!(
        cmp.one_sided[1],
        [150],
        "only the extra sentence is one-sided"
    );
}

/// Issue 13: the Foreign Ministry's English and Russian texts of one call are two versions of
/// one readout; the US readout and the Ministry's Russian one are not.
#[test]
fn two_language_versions_of_one_readout_get_a_translation_check() {
    use parallax::model::BeadKind;
    let engine = Engine::builtin().unwrap();
    let english = include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt");
    let russian = include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt");
    let cmp = engine
        .compare(
            readout(english, "mid-en.txt"),
            readout(russian, "mid-ru.txt"),
        )
        .unwrap();
    let check = cmp.translation.as_ref().expect("a translation check");
    assert_eq!(check.original, Side::B, "the Russian text is the original");
    assert!(check.linked_share() >= 0.8, "{:?}", check.beads);
    assert_eq!(
        check.of_kind(BeadKind::Dropped).count(),
        0,
        "{:?}",
        check.beads
    );

    // The English version without its sentence on sanctions: the Russian one is listed.
    let shorter: String = english
        .split_inclusive(". ")
        .filter(|s| !s.contains("US sanctions"))
        .collect();
    let cmp = engine
        .compare(
            readout(&shorter, "mid-en.txt"),
            readout(russian, "mid-ru.txt"),
        )
        .unwrap();
    let check = cmp.translation.as_ref().expect("a translation check");
    let dropped: Vec<&str> = check
        .of_kind(BeadKind::Dropped)
        .flat_map(|b| b.original.iter().map(|&i| cmp.sides[1].claim_text(i)))
        .collect();
    assert_eq!(dropped.len(), 1, "{:?}", check.beads);
    assert!(dropped[0].contains("санкциями"), "{dropped:?}");

    // Two governments' readouts of the call are not versions of one text.
    let us = include_str!("../samples/2022-07-29-blinken-lavrov-ru/us.txt");
    let cmp = engine
        .compare(readout(us, "us.txt"), readout(russian, "mid-ru.txt"))
        .unwrap();
    assert!(cmp.translation.is_none());
}
