//! `cargo bench --bench ui_frame`: UI frame time with the generated 10,000 × 10,000 pair loaded,
//! measured by timing headless `egui_kittest` steps while scrolling each view with the mouse wheel.
//! `-- N` generates N claims a side instead; `-- A.txt B.txt` reads a pair (for instance the one
//! `synth_pair.py` writes, whose links cross all over).
//! Prints the median and 95th percentile per view, and the same for an analyst's edit (or undo)
//! applied and drawn. (Needs the `gui` feature, on by default.)

#[cfg(feature = "gui")]
#[expect(
    clippy::too_many_lines,
    reason = "the benchmark run step by step, as it prints"
)]
fn main() {
    use std::time::Instant;

    use eframe::egui::{
        self, Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, vec2,
    };
    use egui_kittest::Harness;
    use parallax::gui::{Command, ParallaxApp, ViewMode};

    // Cargo adds `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (a, b) = match args.as_slice() {
        [a, b, ..] => (
            std::fs::read_to_string(a).expect("readable a"),
            std::fs::read_to_string(b).expect("readable b"),
        ),
        [n] => parallax::synth::pair(n.parse().expect("a number of claims"), 1),
        [] => parallax::synth::pair(10_000, 1),
    };
    let engine = parallax::Engine::builtin().expect("assets load");
    let read =
        |t: &str, n: &str| parallax::ingest::read_bytes(t.as_bytes(), n).expect("valid text");
    let started = Instant::now();
    let cmp = engine
        .compare(read(&a, "a.txt"), read(&b, "b.txt"))
        .expect("claims");
    println!("compared in {:.1} s", started.elapsed().as_secs_f32());
    println!(
        "pair: {} × {} claims, {} matches",
        cmp.sides[0].claims.len(),
        cmp.sides[1].claims.len(),
        cmp.matches.len()
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            let mut app = ParallaxApp::new(
                cc,
                parallax::Engine::builtin().expect("assets load"),
                Vec::new(),
                Some(ViewMode::Topics),
            );
            app.set_comparison(cmp);
            app
        });
    h.run_steps(5);
    let first_topic = h
        .state()
        .comparison()
        .map(|c| c.topics[0].label.clone())
        .unwrap_or_default();
    let visible = |h: &Harness<'_, ParallaxApp>| {
        use egui_kittest::kittest::Queryable;
        h.query_all_by_label(&first_topic).count()
    };
    println!(
        "before scrolling, nodes labelled {first_topic:?}: {}",
        visible(&h)
    );
    for (view, name) in [
        (ViewMode::Topics, "topic view"),
        (ViewMode::Document, "document view"),
    ] {
        let ctx = h.ctx.clone();
        h.state_mut().apply(Command::SetView(view), &ctx);
        h.run_steps(5);
        h.hover_at(egui::pos2(700.0, 450.0));
        let mut times = Vec::new();
        for step in 0..300 {
            let delta = if step % 100 < 80 { -240.0 } else { 2_000.0 };
            h.event(Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, delta),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Wheel,
                modifiers: Modifiers::NONE,
            });
            let started = Instant::now();
            h.step();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            if step == 79 && view == ViewMode::Topics {
                println!(
                    "after scrolling down, nodes labelled {first_topic:?}: {}",
                    visible(&h)
                );
            }
        }
        println!("{name}: {} frames", spread(&mut times));
    }
    // An edit (set a sentence aside) and its undo, each applied and drawn: what the analyst waits
    // for after a click or Ctrl+Z.
    let mut times = Vec::new();
    for k in 0..40 {
        let ctx = h.ctx.clone();
        let command = if k % 2 == 0 {
            let claim = parallax::model::ClaimId::new(parallax::model::Side::A, k * 13);
            if h.state()
                .comparison()
                .and_then(|c| c.claim(claim))
                .is_none()
            {
                break;
            }
            Command::Edit(parallax::curation::Action::SetAside(claim))
        } else {
            Command::Undo
        };
        let started = Instant::now();
        h.state_mut().apply(command, &ctx);
        h.step();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!("edit or undo, then a frame: {} edits", spread(&mut times));
}

/// "median …, p95 …, max … ms over N" of timings in milliseconds.
#[cfg(feature = "gui")]
fn spread(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "an index from a quantile of a short list"
    )]
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    format!(
        "median {:.2} ms, p95 {:.2} ms, max {:.2} ms over {}",
        pick(0.5),
        pick(0.95),
        pick(1.0),
        times.len()
    )
}

#[cfg(not(feature = "gui"))]
fn main() {
    println!("ui_frame needs the gui feature");
}
