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
