//! Three witnesses in the app (issue 13, item 4): the start-screen link, three columns, the
//! details of a claim of `c`, the three-text document view, editing refused with the reason,
//! a pair opened as two readouts, and the unsaved-work question before three witnesses open.

use parallax::report::Format;
use parallax::witness_rows::{self, Item};
use parallax::witnesses::Witnesses;

use super::*;

const THREE_LINK: &str = "Three witnesses of the same call: the US readout, the Ministry's Russian original and its English version";

/// The sample's three texts, as the repository holds them.
fn sample_paths() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    parallax::sample::THREE_WITNESSES
        .iter()
        .map(|(path, _)| root.join(path))
        .collect()
}

fn open_three() -> Harness<'static, ParallaxApp> {
    let mut h = app();
    h.run_steps(2);
    h.get_by_label(THREE_LINK).click();
    h.step();
    settle(&mut h);
    assert!(h.state().shows_three(), "three witnesses opened");
    h
}

/// Three witnesses opened from the sample's files in a window of `size`, in `view`.
fn three_in(
    size: [f32; 2],
    view: Option<parallax::gui::ViewMode>,
) -> Harness<'static, ParallaxApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(0.25)
        .build_eframe(move |cc| ParallaxApp::new(cc, engine(), sample_paths(), view));
    h.run_steps(2);
    settle(&mut h);
    h
}

fn witnesses(h: &Harness<'static, ParallaxApp>) -> Witnesses {
    h.state().witnesses().unwrap().clone()
}

/// The text of claim `i` of witness `k`.
fn text(w: &Witnesses, k: usize, i: usize) -> String {
    let (cmp, side) = witness_rows::home(w, k);
    cmp.side(side).claim_text(i).to_string()
}

/// The text of witness `k`'s first paragraph, as the document view lays it out.
fn first_paragraph(w: &Witnesses, k: usize) -> String {
    let (cmp, side) = witness_rows::home(w, k);
    super::first_paragraph(cmp.side(side))
}

#[test]
fn the_start_screen_link_opens_three_columns_with_all_three_labels() {
    let h = open_three();
    let w = witnesses(&h);
    let labels = witness_rows::labels(&w);
    assert_eq!(labels[0], "United States");
    assert!(labels[1].contains("Russian") && labels[2].contains("English"));
    for (k, label) in labels.iter().enumerate() {
        let head = format!("{} · {label}", ["a", "b", "c"][k]);
        assert!(h.query_all_by_label(&head).count() >= 1, "{head}");
    }
    assert!(h.state().window_title().contains(&labels[2]));
    // Every row of the topic view is there: a heading per topic.
    let headings = witness_rows::group(&w)
        .into_iter()
        .filter(|i| matches!(i, Item::Header { .. }))
        .count();
    assert!(headings >= 3);
    h.get_by_label_contains("Three witnesses, a reading view");
}

#[test]
fn a_claim_only_in_c_is_badged_as_one_sided() {
    // The English version with one sentence of its own, which neither other witness makes.
    let dir = tempfile::tempdir().unwrap();
    let paths = sample_paths();
    let extra = "The Minister also remarked that the autumn light over the river in Tula was unusually beautiful.";
    let english = std::fs::read_to_string(&paths[2]).unwrap();
    let c = dir.path().join("mid-en.txt");
    std::fs::write(&c, format!("{}\n\n{extra}\n", english.trim_end())).unwrap();
    let files = vec![paths[0].clone(), paths[1].clone(), c];
    let mut h = Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(move |cc| ParallaxApp::new(cc, engine(), files, None));
    h.run_steps(2);
    settle(&mut h);
    assert!(h.state().shows_three(), "three paths open three witnesses");
    let w = witnesses(&h);
    let only = w.only_in(2);
    assert!(
        only.iter().any(|&i| text(&w, 2, i) == extra),
        "the extra sentence is only in c"
    );
    let label = &witness_rows::labels(&w)[2];
    let badges = h.query_all_by_label(&format!("only in {label}")).count();
    assert_eq!(badges, only.len());
    h.get_by_label(extra);
}

#[test]
fn selecting_a_claim_of_c_shows_its_matches_on_both_other_sides() {
    let mut h = open_three();
    let w = witnesses(&h);
    let i = (0..w.ac.sides[1].claims.len())
        .find(|&i| {
            !witness_rows::matches_with(&w, 2, i, 0).is_empty()
                && !witness_rows::matches_with(&w, 2, i, 1).is_empty()
        })
        .expect("a claim of c matched in a and b");
    h.get_by_label(&text(&w, 2, i)).click();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((2, i)));
    let labels = witness_rows::labels(&w);
    h.get_by_label_contains(&format!("Matches in {}", labels[0]));
    h.get_by_label_contains(&format!("Matches in {}", labels[1]));
    assert!(h.query_all_by_label_contains("Evidence:").count() >= 2);
    // The details link to a match on another side selects it there.
    let (_, j) = witness_rows::matches_with(&w, 2, i, 1)[0];
    h.get_by_label(&format!("claim {}", witness_rows::claim_name(1, j)))
        .click();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((1, j)));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().three_selection(), None);
}

#[test]
fn the_document_view_shows_the_three_texts_and_selects_in_any() {
    let mut h = open_three();
    h.get_by_label("Document").click();
    h.run_steps(5);
    let w = witnesses(&h);
    for k in 0..3 {
        h.get_by_label(&first_paragraph(&w, k));
    }
    h.get_by_label(&first_paragraph(&w, 2)).click();
    h.run_steps(3);
    let (k, _) = h
        .state()
        .three_selection()
        .expect("a claim of c is selected");
    assert_eq!(k, 2);
    h.get_by_label_contains("c · Russia (English) · claim");
}

#[test]
fn editing_is_refused_with_the_reason_and_a_pair_opens_as_two_readouts() {
    let mut h = open_three();
    let ctx = h.ctx.clone();
    let reason = "Three witnesses are a reading view";
    let shown = h.query_all_by_label_contains(reason).count();
    h.state_mut().apply(
        AppCommand::Edit(Action::SetAside(ClaimId::new(Side::B, 0))),
        &ctx,
    );
    h.run_steps(2);
    assert_eq!(
        h.query_all_by_label_contains(reason).count(),
        shown + 1,
        "the refusal says why"
    );
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().decisions(), &Decisions::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(h.state().session_path().is_none(), "no session is written");
    // Exports: JSON with witness c; CSV says why not.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("three.json");
    h.state_mut()
        .apply(AppCommand::Export(Format::Json, json.clone()), &ctx);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(doc["third"].is_object());
    let csv = dir.path().join("three.csv");
    h.state_mut()
        .apply(AppCommand::Export(Format::Csv, csv.clone()), &ctx);
    assert!(!csv.exists());
    let banner = h.state().banner().unwrap();
    assert!(banner.is_error && banner.text.contains("CSV"), "{banner:?}");
    // A pair opens as the ordinary comparison, where editing works.
    h.get_all_by_label("a–c").next().unwrap().click();
    h.run_steps(3);
    assert!(!h.state().shows_three());
    let cmp = h.state().comparison().unwrap();
    assert_eq!(cmp.sides[0].readout.label, "United States");
    assert!(
        cmp.sides[1]
            .readout
            .source
            .ends_with("2022-07-29-blinken-lavrov/ru.txt")
    );
    set_aside_first_b(&mut h);
    assert!(h.state().is_dirty());
}

#[test]
fn sides_leads_to_the_start_screen_and_back_or_on_to_two_readouts() {
    let mut h = open_three();
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    assert!(
        h.query_by_label(SAMPLE_BUTTON).is_some(),
        "the start screen shows"
    );
    assert!(
        h.query_by_label_contains("Three witnesses, a reading view")
            .is_none()
    );
    // Esc comes back to the three witnesses, as "◀ Back to the comparison" does.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().shows_three());
    h.get_by_label_contains("Three witnesses, a reading view");
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    h.get_by_label("◀ Back to the comparison").click();
    h.run_steps(2);
    h.get_by_label_contains("Three witnesses, a reading view");
    // Opening two readouts from there leaves the three witnesses.
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    assert!(!h.state().shows_three());
    assert!(h.state().comparison().is_some());
    assert!(
        h.query_by_label(SAMPLE_BUTTON).is_none(),
        "the comparison shows"
    );
}

#[test]
fn adding_a_third_readout_to_unsaved_work_asks_first() {
    let mut h = open_sample();
    set_aside_first_b(&mut h);
    let ctx = h.ctx.clone();
    let third = sample_paths()[1].clone();
    h.state_mut().apply(AppCommand::AddThird(third), &ctx);
    h.run_steps(2);
    h.get_by_label("Save your changes?");
    assert!(!h.state().shows_three(), "nothing replaced the work yet");
    h.get_by_label("Don't save").click();
    h.step();
    settle(&mut h);
    assert!(h.state().shows_three());
    assert!(!h.state().is_dirty(), "the discarded work is gone");
    let w = witnesses(&h);
    assert_eq!(w.ab.sides[0].readout.label, "United States");
    assert!(w.ac.sides[1].readout.source.ends_with("ru.txt"));
}

#[test]
fn the_three_texts_scroll_as_a_chain_and_each_alone_when_unlocked() {
    use eframe::egui::{Event, MouseWheelSource, MouseWheelUnit, TouchPhase, vec2};
    let mut h = three_in([1024.0, 520.0], Some(parallax::gui::ViewMode::Document));
    h.run_steps(6);
    let first = |h: &Harness<'static, ParallaxApp>, k: usize| {
        h.state().three_document_claims(k).first().copied()
    };
    let start = [0, 1, 2].map(|k| first(&h, k));
    assert_eq!(
        start,
        [Some(0), Some(0), Some(0)],
        "all three start at the top"
    );
    let wheel = |h: &mut Harness<'static, ParallaxApp>, x: f32, down: f32| {
        h.hover_at(eframe::egui::pos2(x, 250.0));
        h.step();
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -down),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(40);
    };
    // The wheel over the first text (right of the navigator, which takes the first quarter):
    // the middle one follows it, and the last the middle one. (How far each follower goes
    // depends on where the links anchor the texts, so the wheel goes far enough that every
    // column's first paragraph leaves the view.)
    wheel(&mut h, 380.0, 600.0);
    let moved = [0, 1, 2].map(|k| first(&h, k));
    assert!(moved[0] > start[0], "{moved:?}");
    assert!(moved[1] > start[1] && moved[2] > start[2], "{moved:?}");
    // Unlocked, the last text scrolls alone.
    h.get_by_label("Scroll together").click();
    h.run_steps(2);
    wheel(&mut h, 900.0, -1000.0);
    let alone = [0, 1, 2].map(|k| first(&h, k));
    assert_eq!(alone[0], moved[0], "{alone:?}");
    assert_eq!(alone[2], Some(0), "{alone:?}");
}

/// The claims only one witness makes, (witness, claim), in the topic view's order.
fn one_sided_order(w: &Witnesses) -> Vec<(usize, usize)> {
    witness_rows::group(w)
        .into_iter()
        .filter_map(|item| match item {
            Item::Row(row) => row.only().map(|k| (k, row)),
            Item::Header { .. } => None,
        })
        .flat_map(|(k, row)| row.cells[k].clone().into_iter().map(move |i| (k, i)))
        .collect()
}

/// The three-witness search box.
fn search_box(n: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    n.role() == eframe::egui::accesskit::Role::TextInput
        && n.placeholder() == Some("Search the three texts (Ctrl+F)")
}

#[test]
fn f7_selects_a_claim_only_one_witness_makes_and_steps_on_wrapping() {
    let mut h = open_three();
    let w = witnesses(&h);
    let order = one_sided_order(&w);
    assert!(
        order.len() >= 2,
        "the sample has one-sided claims: {order:?}"
    );
    h.key_press(Key::F7);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(order[0]));
    h.key_press(Key::F7);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(order[1]));
    // The selected claim's row is in view, besides the details.
    let (k, i) = order[1];
    assert_eq!(h.query_all_by_label(&text(&w, k, i)).count(), 2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(order[0]));
    // Back from the first wraps to the last; n and p step too.
    h.key_press(Key::P);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), order.last().copied());
    h.key_press(Key::N);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(order[0]));
    // With only matched rows shown there is nothing to step to, and the app says so.
    h.get_by_label("Only matched").click();
    h.run_steps(3);
    h.key_press(Key::F7);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(order[0]));
    h.get_by_label_contains("No claim only one witness makes is shown");
}

#[test]
fn the_filter_only_one_sided_hides_matched_rows() {
    let mut h = open_three();
    let w = witnesses(&h);
    let items = witness_rows::group(&w);
    let matched = items
        .iter()
        .find_map(|item| match item {
            Item::Row(row) if row.only().is_none() && !row.cells[0].is_empty() => {
                Some(text(&w, 0, row.cells[0][0]))
            }
            _ => None,
        })
        .expect("a matched row");
    h.get_by_label(&matched);
    h.get_by_label("Only one-sided").click();
    h.run_steps(4);
    assert!(
        h.query_by_label(&matched).is_none(),
        "the matched row is hidden"
    );
    let (k, i) = one_sided_order(&w)[0];
    h.get_by_label(&text(&w, k, i));
    h.get_by_label("All").click();
    h.run_steps(4);
    h.get_by_label(&matched);
}

#[test]
fn a_search_hides_rows_without_the_word_in_any_text() {
    let mut h = open_three();
    let w = witnesses(&h);
    let first = text(&w, 0, 0);
    h.get_by_label(&first);
    // A word of a later claim of a that the first claim lacks.
    let word = (1..w.ab.sides[0].claims.len())
        .flat_map(|i| {
            text(&w, 0, i)
                .split(|c: char| !c.is_alphabetic())
                .filter(|s| s.chars().count() >= 7)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .find(|s| !first.to_lowercase().contains(&s.to_lowercase()))
        .expect("a long word");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    assert!(
        h.get_by(search_box).is_focused(),
        "Ctrl+F focuses the search"
    );
    h.get_by(search_box).type_text(&word.to_uppercase());
    h.run_steps(4);
    assert!(h.query_by_label(&first).is_none(), "{word}");
    let hit = (0..w.ab.sides[0].claims.len())
        .map(|i| text(&w, 0, i))
        .find(|t| t.to_lowercase().contains(&word.to_lowercase()))
        .unwrap();
    h.get_by_label(&hit);
    assert!(
        h.query_all_by_label_contains(" rows")
            .any(|n| n.value().is_some_and(|v| v.contains(" of "))),
        "the bar says how many rows show"
    );
}

#[test]
fn esc_clears_the_selection_and_leaves_the_search() {
    let mut h = open_three();
    let w = witnesses(&h);
    h.get_by_label(&text(&w, 0, 0)).click();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((0, 0)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    assert!(h.get_by(search_box).is_focused());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), None);
    assert!(!h.get_by(search_box).is_focused(), "Esc leaves the search");
    // Keys are shortcuts again, not typing.
    h.key_press(Key::N);
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some(one_sided_order(&w)[0]));
    assert_eq!(h.get_by(search_box).value().as_deref(), Some(""));
}

#[test]
fn the_context_menu_offers_no_live_edits_in_either_view() {
    use egui_kittest::kittest::NodeT as _;
    let assert_refused = |h: &Harness<'static, ParallaxApp>| {
        for entry in ["Link with…", "Not a claim", "Note…"] {
            let node = h.get_by_label(entry);
            assert!(node.accesskit_node().is_disabled(), "{entry} is disabled");
        }
    };
    let mut h = open_three();
    let w = witnesses(&h);
    h.get_by_label(&text(&w, 2, 0)).click_secondary();
    h.run_steps(3);
    assert_refused(&h);
    h.get_by_label("Open a–c as two readouts");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label("Document").click();
    h.run_steps(5);
    h.get_by_label(&first_paragraph(&w, 1)).click_secondary();
    h.run_steps(3);
    assert_refused(&h);
    // Nothing was edited.
    assert!(!h.state().is_dirty());
}

#[test]
fn a_right_click_in_a_short_window_opens_the_menu() {
    // Selecting by a click used to scroll the claim's row to the top, which closed the menu
    // the same right-click opened (seen under Xvfb at 1024×700).
    let mut h = three_in([1024.0, 700.0], None);
    let w = witnesses(&h);
    h.get_by_label(&text(&w, 0, 0)).click_secondary();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((0, 0)));
    h.get_by_label("Link with…");
    h.get_by_label("Open a–b as two readouts");
}

#[test]
fn the_status_bar_counts_the_claims_only_each_witness_makes() {
    let h = open_three();
    let w = witnesses(&h);
    let labels = witness_rows::labels(&w);
    // What the topic view badges: per witness, the claims on rows it alone makes.
    let mut badged = [0; 3];
    for (k, _) in one_sided_order(&w) {
        badged[k] += 1;
    }
    assert!(badged.iter().any(|&n| n > 0), "{badged:?}");
    for (k, label) in labels.iter().enumerate() {
        assert_eq!(w.only_in(k).len(), badged[k], "witness {k}");
        let key = ["a", "b", "c"][k];
        h.get_by_label(&format!("only in {key} · {label}: {}", badged[k]));
    }
}

/// The topic view's headings: (item, label).
fn headings(items: &[Item]) -> Vec<(usize, String)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(n, item)| match item {
            Item::Header { label, .. } => Some((n, label.clone())),
            Item::Row(_) => None,
        })
        .collect()
}

#[test]
fn clicking_a_topic_in_the_navigator_brings_its_rows_into_view_and_the_selection_marks_it() {
    let mut h = three_in([1440.0, 700.0], None);
    let w = witnesses(&h);
    let items = witness_rows::group(&w);
    let topics = headings(&items);
    let (at, last) = topics.last().cloned().expect("a topic");
    let Some(Item::Row(row)) = items.get(at + 1) else {
        panic!("the last topic has a row");
    };
    let k = (0..3).find(|&k| !row.cells[k].is_empty()).unwrap();
    let claim = text(&w, k, row.cells[k][0]);
    assert_eq!(
        h.get_all_by_label(&last).count(),
        1,
        "at first only the navigator names the last topic"
    );
    assert!(
        h.query_by_label(&claim).is_none(),
        "its first row is out of view"
    );
    assert!(!is_highlighted(&h, &last));
    h.get_by_label(&last).click();
    h.run_steps(6);
    assert_eq!(
        h.get_all_by_label(&last).count(),
        2,
        "its heading is in view"
    );
    h.get_by_label(&claim).click();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((k, row.cells[k][0])));
    assert!(
        is_highlighted(&h, &last),
        "the selected claim's topic is marked"
    );
    // The first topic is not.
    assert!(!is_highlighted(&h, &topics[0].1));
}

#[test]
fn a_topic_the_filter_hides_is_not_jumped_to_and_the_app_says_why() {
    let mut h = open_three();
    let w = witnesses(&h);
    let items = witness_rows::group(&w);
    // A topic with no row only one witness makes: "Only one-sided" hides it.
    let (_, hidden) = headings(&items)
        .into_iter()
        .find(|&(n, _)| witness_rows::rows_under(&items, n).all(|row| row.only().is_none()))
        .expect("a topic every row of which two witnesses make");
    h.get_by_label("Only one-sided").click();
    h.run_steps(4);
    assert_eq!(h.get_all_by_label(&hidden).count(), 1, "only the navigator");
    h.get_by_label(&hidden).click();
    h.run_steps(4);
    h.get_by_label_contains("The filter and search show no row of that topic");
}

#[test]
fn in_the_document_view_a_topic_in_the_navigator_brings_its_first_claim_into_view() {
    let mut h = three_in([1440.0, 400.0], Some(parallax::gui::ViewMode::Document));
    h.run_steps(6);
    let w = witnesses(&h);
    let items = witness_rows::group(&w);
    // The topic whose first claim of a stands latest in a's text.
    let (label, first) = headings(&items)
        .into_iter()
        .filter_map(|(n, label)| {
            let first = witness_rows::rows_under(&items, n)
                .filter_map(|row| row.cells[0].first().copied())
                .min()?;
            Some((label, first))
        })
        .max_by_key(|&(_, first)| first)
        .expect("a topic with a claim of a");
    assert!(
        !h.state().three_document_claims(0).contains(&first),
        "claim {first} of a starts out of view"
    );
    h.get_by_label(&label).click();
    h.run_steps(40);
    assert!(
        h.state().three_document_claims(0).contains(&first),
        "{label}: claim {first} of a in view: {:?}",
        h.state().three_document_claims(0)
    );
}

/// The app as the next run starts it with `prefs` (what eframe's storage kept).
fn restarted_with(prefs: parallax::gui::Prefs) -> Harness<'static, ParallaxApp> {
    let mut h = Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(move |cc| {
            ParallaxApp::with_saved_prefs(cc, engine(), prefs, Vec::new(), None)
        });
    h.run_steps(2);
    h
}

/// A recent comparison's entry on the start screen: its files as "folder/name", joined as the
/// start screen joins three witnesses.
fn recent_entry(files: &[std::path::PathBuf]) -> String {
    files
        .iter()
        .map(|p| {
            let dir = p.parent().and_then(|d| d.file_name()).unwrap();
            format!(
                "{}/{}",
                dir.to_string_lossy(),
                p.file_name().unwrap().to_string_lossy()
            )
        })
        .collect::<Vec<_>>()
        .join("  ·  ")
}

/// The sample's three files by their canonical paths, as the recent lists keep them.
fn canonical_sample_paths() -> Vec<std::path::PathBuf> {
    sample_paths()
        .into_iter()
        .map(|p| std::fs::canonicalize(p).unwrap())
        .collect()
}

#[test]
fn three_readouts_opened_are_a_recent_comparison_and_a_click_reopens_them() {
    let paths = canonical_sample_paths();
    let h = three_in([1440.0, 900.0], None);
    assert!(h.state().shows_three());
    let texts = witness_rows::readouts(&witnesses(&h)).map(|r| r.sha256.clone());
    let prefs = h.state().prefs().clone();
    assert_eq!(
        prefs.recent_triples.first().map(|t| t.to_vec()),
        Some(paths.clone())
    );
    for path in &paths {
        assert!(
            prefs.recent_files.contains(path),
            "{path:?} is a recent file"
        );
    }
    // The next run lists the three under the recent comparisons; a click opens them again.
    let mut h = restarted_with(prefs);
    h.get_by_label("Recent comparisons");
    h.get_by_label(&recent_entry(&paths)).click();
    h.step();
    settle(&mut h);
    assert!(h.state().shows_three(), "the three witnesses opened again");
    let again = witness_rows::readouts(&witnesses(&h)).map(|r| r.sha256.clone());
    assert_eq!(again, texts, "the same three files, in their order");
}

#[test]
fn a_recent_triple_over_unsaved_work_asks_first_and_a_missing_file_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<_> = sample_paths()
        .iter()
        .zip(["us.txt", "mid-ru.txt", "mid-en.txt"])
        .map(|(from, name)| {
            let to = dir.path().join(name);
            std::fs::copy(from, &to).unwrap();
            std::fs::canonicalize(to).unwrap()
        })
        .collect();
    let mut prefs = parallax::gui::Prefs::default();
    prefs.remember_triple(files.clone().try_into().unwrap());
    let mut h = restarted_with(prefs);
    // Unsaved work on two readouts: the question comes before the three open.
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    set_aside_first_b(&mut h);
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    h.get_by_label(&recent_entry(&files)).click();
    // The click's frame asks; the question shows from the frame after next (a new window is
    // laid out unseen first).
    h.run_steps(3);
    h.get_by_label("Save your changes?");
    assert!(!h.state().shows_three(), "nothing replaced the work yet");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().is_dirty(), "the work stays");
    // A file gone since: the same message as for two readouts, naming it.
    let gone = files.pop().unwrap();
    std::fs::remove_file(&gone).unwrap();
    files.push(gone.clone());
    h.get_by_label(&recent_entry(&files)).click();
    h.run_steps(3);
    h.get_by_label("Don't save").click();
    h.step();
    settle(&mut h);
    assert!(!h.state().shows_three());
    assert!(
        h.state().comparison().is_some() && h.state().is_dirty(),
        "a failed load loses nothing"
    );
    let banner = h.state().banner().expect("a message");
    assert!(banner.is_error, "{banner:?}");
    assert!(
        banner
            .text
            .starts_with(&format!("Could not open {}", gone.display())),
        "{banner:?}"
    );
}

/// What a framing term says in its readout, as the Framing section writes it.
fn said(cmp: &parallax::Comparison, side: Side, r: parallax::model::FramingRef) -> String {
    let t = cmp.framing_term(side, r).unwrap();
    parallax::framing::said(&cmp.side(side).readout.text[t.start..t.end], t)
}

#[test]
fn the_navigator_lists_each_pairs_contrasts_and_each_witnesss_terms() {
    let mut h = open_three();
    let w = witnesses(&h);
    let total: usize = w
        .pairs()
        .iter()
        .map(|(_, c)| c.framing.contrasts.len())
        .sum();
    assert!(total > 0, "the sample has contrasts");
    h.get_by_label(&format!("Framing · {total} contrasts"));
    // Every pair's contrasts are listed; a click selects the claim of the pair's first witness.
    for (x, y) in [(0, 1), (0, 2), (1, 2)] {
        let (cmp, _, _) = witness_rows::pair(&w, x, y);
        let Some(c) = cmp.framing.contrasts.first() else {
            continue;
        };
        let label = format!("{} ↔ {}", said(cmp, Side::A, c.a), said(cmp, Side::B, c.b));
        h.get_by_label(&label).click();
        h.run_steps(3);
        assert_eq!(h.state().three_selection(), Some((x, c.a.claim)), "{label}");
    }
    // Witness c's terms, under its name; a click selects its first claim that uses the term.
    let labels = witness_rows::labels(&w);
    h.get_by_label(&format!("Terms c · {} uses", labels[2]));
    let (cmp, side) = witness_rows::home(&w, 2);
    let uses = cmp.framing.terms[side.index()]
        .iter()
        .find(|u| h.query_all_by_label(&u.term).count() == 1)
        .expect("a term of c listed once");
    h.get_by_label(&uses.term).click();
    h.run_steps(3);
    assert_eq!(h.state().three_selection(), Some((2, uses.claims()[0])));
}

#[test]
fn a_third_readout_added_to_two_files_is_remembered_with_them() {
    let paths = canonical_sample_paths();
    let pair = paths[..2].to_vec();
    let mut h = Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(move |cc| ParallaxApp::new(cc, engine(), pair, None));
    h.run_steps(2);
    settle(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::AddThird(paths[2].clone()), &ctx);
    h.step();
    settle(&mut h);
    assert!(h.state().shows_three());
    let prefs = h.state().prefs();
    assert_eq!(
        prefs.recent_triples,
        vec![<[_; 3]>::try_from(paths).unwrap()]
    );
    assert_eq!(prefs.recent_pairs.len(), 1, "the pair stays remembered too");
}
