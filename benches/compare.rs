//! `cargo bench`: the whole pipeline (decode, segment, topics, align, diff, JSON) on generated
//! readout pairs of 100 to 10,000 claims per side. End-to-end time and peak memory of the binary
//! (read → JSON written) are measured by `scripts/bench-e2e.sh`.

use parallax::{Engine, ingest, report};

fn main() {
    divan::main();
}

#[divan::bench(args = [100, 1_000, 5_000, 10_000], sample_count = 5, sample_size = 1)]
fn compare_to_json(bencher: divan::Bencher, claims: usize) {
    let (a, b) = parallax::synth::pair(claims, 1);
    let engine = Engine::builtin().expect("built-in assets load");
    bencher.bench(|| {
        let ra = ingest::read_bytes(a.as_bytes(), "a.txt").expect("generated text is valid");
        let rb = ingest::read_bytes(b.as_bytes(), "b.txt").expect("generated text is valid");
        let cmp = engine.compare(ra, rb).expect("generated text has claims");
        report::json::render(&cmp)
    });
}

/// What the app recomputes after every edit, undo or redo: the decisions (here twenty of each
/// kind) laid over the automatic comparison.
#[divan::bench(args = [1_000, 10_000], sample_count = 10, sample_size = 1)]
fn curate_after_an_edit(bencher: divan::Bencher, claims: usize) {
    use parallax::curation::{ClaimRef, Decisions, Edit, NoteTarget, Pair};
    use parallax::model::Side;
    let (a, b) = parallax::synth::pair(claims, 1);
    let engine = Engine::builtin().expect("built-in assets load");
    let ra = ingest::read_bytes(a.as_bytes(), "a.txt").expect("generated text is valid");
    let rb = ingest::read_bytes(b.as_bytes(), "b.txt").expect("generated text is valid");
    let base = engine.compare(ra, rb).expect("generated text has claims");
    let r = |side, i| ClaimRef::of(&base, side, i).expect("claim exists");
    let mut decisions = Decisions::default();
    for k in 0..20 {
        let (i, j) = (k * 7 % claims, k * 11 % claims);
        decisions.apply(Edit::Link(Pair {
            a: r(Side::A, i),
            b: r(Side::B, j),
        }));
        decisions.apply(Edit::MoveToNewTopic(
            r(Side::A, j),
            format!("Topic {}", k % 3),
        ));
        decisions.apply(Edit::SetAside(r(Side::B, (i + 5) % claims)));
        decisions.apply(Edit::Note(
            NoteTarget::Claim {
                claim: r(Side::A, i),
            },
            "a note".to_string(),
        ));
    }
    bencher.bench(|| engine.curate(&base, &decisions));
}

/// One sentence of 100,000 words (a page that lost its full stops) against the sample's Russian
/// readout: nothing in the pipeline may be quadratic in a sentence's length (framing's exception
/// check once took seconds on such a sentence; now the whole comparison takes about 0.1 s).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn one_very_long_sentence(bencher: divan::Bencher) {
    let (a, _) = parallax::synth::pair(6_000, 1);
    let words: Vec<&str> = a
        .split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .take(100_000)
        .collect();
    let long = format!("{}.\n", words.join(" "));
    let other = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/2022-07-29-blinken-lavrov/ru.txt"
    ))
    .expect("the sample is in the repository");
    let engine = Engine::builtin().expect("built-in assets load");
    bencher.bench(|| {
        let ra = ingest::read_bytes(long.as_bytes(), "long.txt").expect("generated text is valid");
        let rb = ingest::read_bytes(&other, "ru.txt").expect("the sample is valid");
        let cmp = engine.compare(ra, rb).expect("both have claims");
        report::json::render(&cmp)
    });
}
