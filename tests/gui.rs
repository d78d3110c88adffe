//! The desktop app driven headless with `egui_kittest`: open the sample, read the badges, filter,
//! select, step through one-sided claims, export.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use std::time::Duration;

use eframe::egui::{Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use parallax::gui::{ParallaxApp, Row, Selection};
use parallax::model::{ClaimId, Side};

const SAMPLE_BUTTON: &str = "Open the sample: Blinken–Lavrov call, 29 July 2022";

/// The built-in engine, as the app gets it from `gui::run`.
fn engine() -> parallax::Engine {
    parallax::Engine::builtin().unwrap()
}

fn app() -> Harness<'static, ParallaxApp> {
    Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(|cc| ParallaxApp::new(cc, engine(), Vec::new(), None))
}

/// Steps until the worker thread has delivered, then lets the layout settle.
fn settle(h: &mut Harness<'static, ParallaxApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().is_busy() {
            h.run_steps(4);
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the comparison did not finish");
}

/// Whether a text field shows `hint` while empty (its accessible placeholder).
fn has_placeholder(node: &egui_kittest::Node<'_>, hint: &str) -> bool {
    use egui_kittest::kittest::NodeT as _;
    node.accesskit_node().placeholder() == Some(hint)
}

fn open_sample() -> Harness<'static, ParallaxApp> {
    let mut h = app();
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    assert!(h.state().comparison().is_some(), "the sample opened");
    h
}

/// The navigator's entry for a topic: a button named by its labels, the topic's name first.
fn topic_entry<'h>(h: &'h Harness<'static, ParallaxApp>, topic: &'h str) -> egui_kittest::Node<'h> {
    use eframe::egui::accesskit::Role;
    h.get_by(move |n| {
        n.role() == Role::Button
            && n.label().is_some_and(|l| {
                l.strip_prefix(topic)
                    .is_some_and(|rest| rest.starts_with(' '))
            })
    })
}

/// Whether the navigator marks `topic` as the selected claim's.
fn is_highlighted(h: &Harness<'static, ParallaxApp>, topic: &str) -> bool {
    use egui_kittest::kittest::NodeT as _;
    topic_entry(h, topic).accesskit_node().toggled() == Some(eframe::egui::accesskit::Toggled::True)
}

/// A match whose claims have no other match, so each text stands once in the topic view.
fn is_single(cmp: &parallax::Comparison, m: &parallax::model::Match) -> bool {
    cmp.matches
        .iter()
        .filter(|x| x.a == m.a || x.b == m.b)
        .count()
        == 1
}

#[test]
fn the_sample_opens_with_only_in_badges_on_both_sides() {
    let h = open_sample();
    let cmp = h.state().comparison().unwrap();
    assert_eq!(cmp.sides[0].readout.label, "United States");
    let only_us = h.get_all_by_label("only in United States").count();
    let only_ru = h.get_all_by_label("only in Russia").count();
    assert_eq!(only_us, cmp.one_sided[0].len());
    assert_eq!(only_ru, cmp.one_sided[1].len());
    // The status bar counts.
    h.get_by_label(&format!("{} matches", cmp.matches.len()));
}

#[test]
fn only_one_sided_filter_hides_matched_claims() {
    let mut h = open_sample();
    let matched_text = {
        let cmp = h.state().comparison().unwrap();
        let m = &cmp.matches[0];
        cmp.sides[0].claim_text(m.a).to_string()
    };
    assert!(h.query_by_label(&matched_text).is_some());
    h.get_by_label("Only one-sided").click();
    h.run_steps(4);
    assert!(
        h.state()
            .rows()
            .iter()
            .all(|r| matches!(r, Row::Header(_) | Row::OneSided(..)))
    );
    assert!(
        h.query_by_label(&matched_text).is_none(),
        "matched claims are hidden"
    );
    assert!(h.query_all_by_label("only in Russia").count() > 0);
}

#[test]
fn selecting_a_claim_shows_its_match_in_the_details() {
    let mut h = open_sample();
    let (a_text, b_text, label) = {
        let cmp = h.state().comparison().unwrap();
        let single = |m: &&parallax::model::Match| is_single(cmp, m);
        let m = cmp
            .matches
            .iter()
            .filter(single)
            .find(|m| cmp.sides[0].claim_text(m.a).contains("proposal"))
            .unwrap();
        (
            cmp.sides[0].claim_text(m.a).to_string(),
            cmp.sides[1].claim_text(m.b).to_string(),
            cmp.sides[1].readout.label.clone(),
        )
    };
    h.get_by_label(&a_text).click();
    h.run_steps(3);
    assert!(matches!(
        h.state().selection(),
        Some(Selection { side: Side::A, .. })
    ));
    h.get_by_label_contains(&format!("Matches in {label}"));
    // The matched claim now stands in the topic row and in the details.
    assert!(h.query_all_by_label(&b_text).count() >= 2);
    h.get_by_label_contains("Evidence:");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().selection(), None);
}

#[test]
fn f7_moves_the_selection_to_one_sided_claims() {
    let mut h = open_sample();
    h.key_press(Key::F7);
    h.run_steps(3);
    let first = h.state().selection().expect("F7 selects");
    assert!(
        h.state()
            .comparison()
            .unwrap()
            .is_one_sided(first.side, first.index)
    );
    h.key_press(Key::F7);
    h.run_steps(3);
    let second = h.state().selection().unwrap();
    assert_ne!(first, second);
    assert!(
        h.state()
            .comparison()
            .unwrap()
            .is_one_sided(second.side, second.index)
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    h.run_steps(3);
    assert_eq!(h.state().selection(), Some(first), "Shift+F7 goes back");
}

#[test]
fn export_writes_a_report_to_the_chosen_path() {
    let mut h = open_sample();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("JSON").click();
    h.run_steps(2);
    let field = h
        .get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .find(|n| {
            n.value()
                .is_some_and(|v| v.to_lowercase().ends_with(".json"))
        })
        .expect("the export path field");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .find(|n| {
            n.value()
                .is_some_and(|v| v.to_lowercase().ends_with(".json"))
        })
        .unwrap()
        .type_text(&target.display().to_string());
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(3);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(doc["format"], "parallax-comparison");
    let banner = h.state().banner().unwrap();
    assert!(
        !banner.is_error && banner.text.contains(&target.display().to_string()),
        "{banner:?}"
    );
}

#[test]
fn a_file_that_fails_to_load_keeps_the_previous_comparison() {
    let mut h = open_sample();
    let before = h.state().comparison().cloned();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        parallax::gui::Command::OpenReadout(Side::B, bad.clone()),
        &ctx,
    );
    settle(&mut h);
    assert_eq!(
        h.state().comparison().cloned(),
        before,
        "the comparison stays"
    );
    let banner = h.state().banner().unwrap();
    assert!(
        banner.is_error && banner.text.contains("broken.txt") && banner.text.contains("PNG"),
        "{banner:?}"
    );
    h.get_by_label_contains("Could not open");
}

/// A dropped file as the windowing backend would hand it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_right_half_replaces_side_b() {
    let mut h = open_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kremlin.txt");
    std::fs::write(&path, "Vladimir Putin had a telephone conversation with Joseph Biden. Grain exports were discussed.\n").unwrap();
    h.hover_at(eframe::egui::pos2(1400.0, 600.0));
    h.step();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().unwrap();
    assert_eq!(cmp.sides[1].readout.source, "kremlin.txt");
    assert_eq!(cmp.sides[1].claims.len(), 2);
    assert!(
        cmp.sides[0].readout.text.contains("Whelan"),
        "side a kept the sample"
    );
}

/// The text of a side's first paragraph, as the document view lays it out (one label).
fn first_paragraph(side: &parallax::model::SideData) -> String {
    let last = side
        .claims
        .iter()
        .rposition(|c| c.paragraph == side.claims[0].paragraph)
        .unwrap();
    side.readout.text[side.claims[0].start..side.claims[last].end].to_string()
}

#[test]
fn clicking_a_claim_in_the_document_view_selects_it() {
    let mut h = open_sample();
    h.get_by_label("Document").click();
    h.run_steps(4);
    // The document view shows each paragraph as one text; click the first one.
    let first = first_paragraph(&h.state().comparison().unwrap().sides[0]);
    h.get_by_label(&first).click();
    h.run_steps(3);
    let sel = h.state().selection().expect("a claim is selected");
    assert_eq!(sel.side, Side::A);
    h.get_by_label_contains("United States · claim a");
}

#[test]
fn a_side_typed_as_a_path_is_read_in_its_detected_encoding() {
    let mut h = open_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mid-1251.txt");
    let text = "Сергей Лавров провёл телефонный разговор с Энтони Блинкеном. Стороны обсудили экспорт зерна \
                и продовольственную безопасность, а также возможный обмен заключёнными.\n";
    std::fs::write(&path, encoding_rs::WINDOWS_1251.encode(text).0).unwrap();
    h.get_by_label("Sides…").click();
    h.run_steps(3);
    let inputs: Vec<_> = h
        .get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .filter(|n| has_placeholder(n, "or type a path"))
        .collect();
    assert_eq!(inputs.len(), 2, "a path field per side");
    inputs[1].focus();
    inputs[1].type_text(&path.display().to_string());
    h.run_steps(2);
    h.get_all_by_label("Open")
        .nth(1)
        .expect("the right side's Open button")
        .click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().unwrap();
    assert_eq!(cmp.sides[1].readout.encoding, "windows-1251");
    assert!(cmp.sides[1].readout.text.starts_with("Сергей Лавров"));
    // The warning stands in the banner (and in the details' source list).
    assert!(
        h.query_all_by_label_contains("read as windows-1251")
            .count()
            >= 1
    );
}

// ---- Issue 6: the analyst corrects and annotates ----

use parallax::curation::{Action, ClaimRef, Decisions, Edit};
use parallax::gui::Command as AppCommand;
use parallax::session::{Options, Session};

/// The texts of the first one-sided claim of each side that stands once in the topic view.
fn one_sided_texts(h: &Harness<'static, ParallaxApp>) -> (String, String) {
    let cmp = h.state().comparison().unwrap();
    let pick = |side: Side| {
        cmp.one_sided[side.index()]
            .iter()
            .map(|&i| cmp.side(side).claim_text(i).to_string())
            .find(|t| h.query_all_by_label(t).count() == 1)
            .unwrap()
    };
    (pick(Side::A), pick(Side::B))
}

fn manual_count(h: &Harness<'static, ParallaxApp>) -> usize {
    let cmp = h.state().comparison().unwrap();
    cmp.matches.iter().filter(|m| m.is_manual()).count()
}

#[test]
fn link_with_links_two_one_sided_claims_and_undo_redo_it() {
    let mut h = open_sample();
    let (a_text, b_text) = one_sided_texts(&h);
    let one_sided_before = {
        let cmp = h.state().comparison().unwrap();
        cmp.one_sided[0].len() + cmp.one_sided[1].len()
    };
    h.get_by_label(&a_text).click();
    h.run_steps(3);
    h.get_by_label("Link with…").click();
    h.run_steps(3);
    h.get_by_label(&b_text).click();
    h.run_steps(4);
    {
        let cmp = h.state().comparison().unwrap();
        let m = cmp
            .matches
            .iter()
            .find(|m| m.is_manual())
            .expect("a manual link");
        assert_eq!(cmp.sides[0].claim_text(m.a), a_text);
        assert_eq!(cmp.sides[1].claim_text(m.b), b_text);
        assert_eq!(
            cmp.one_sided[0].len() + cmp.one_sided[1].len(),
            one_sided_before - 2
        );
    }
    // The mark shows in the topic view, and the title says there are unsaved changes.
    assert_eq!(
        h.query_all_by_label_contains("linked by you").count(),
        2,
        "under the claim in the topic view and in the details"
    );
    assert!(h.state().window_title().contains('•'));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(manual_count(&h), 0, "undone");
    assert!(!h.state().is_dirty(), "back to the state as opened");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert_eq!(manual_count(&h), 1, "redone");
}

#[test]
fn unlink_removes_an_automatic_match() {
    let mut h = open_sample();
    let (a_text, a_id, b_id) = {
        let cmp = h.state().comparison().unwrap();
        let m = cmp.matches.iter().find(|m| is_single(cmp, m)).unwrap();
        (
            cmp.sides[0].claim_text(m.a).to_string(),
            cmp.sides[0].claims[m.a].id.clone(),
            cmp.sides[1].claims[m.b].id.clone(),
        )
    };
    h.get_by_label(&a_text).click();
    h.run_steps(3);
    h.get_by_label("Unlink").click();
    h.run_steps(4);
    let cmp = h.state().comparison().unwrap();
    let ia = cmp.sides[0]
        .claims
        .iter()
        .position(|c| c.id == a_id)
        .unwrap();
    let ib = cmp.sides[1]
        .claims
        .iter()
        .position(|c| c.id == b_id)
        .unwrap();
    assert!(!cmp.matches.iter().any(|m| m.a == ia && m.b == ib));
    assert!(cmp.is_one_sided(Side::A, ia) && cmp.is_one_sided(Side::B, ib));
    assert_eq!(h.state().decisions().unlinks.len(), 1);
}

#[test]
fn a_note_typed_in_the_editor_is_kept_on_the_claim() {
    let mut h = open_sample();
    let (a_text, _) = one_sided_texts(&h);
    h.get_by_label(&a_text).click();
    h.run_steps(3);
    h.get_by_label("Add note…").click();
    h.run_steps(3);
    h.get_by_role(eframe::egui::accesskit::Role::MultilineTextInput)
        .type_text("Not in the Russian account; ask the embassy.");
    h.run_steps(2);
    h.get_by_label("Save note").click();
    h.run_steps(4);
    let cmp = h.state().comparison().unwrap();
    let claim = cmp.sides[0]
        .claims
        .iter()
        .position(|c| cmp.sides[0].readout.text[c.start..c.end] == a_text)
        .unwrap();
    assert_eq!(
        cmp.sides[0].claims[claim].note.as_deref(),
        Some("Not in the Russian account; ask the embassy.")
    );
    // In the topic view under the claim, and in the details.
    assert_eq!(
        h.query_all_by_label_contains("Note: Not in the Russian account")
            .count(),
        2
    );
}

#[test]
fn saving_writes_the_session_and_clears_the_unsaved_mark() {
    let mut h = open_sample();
    let ctx = h.ctx.clone();
    let edit = Action::SetAside(ClaimId::new(Side::B, 0));
    h.state_mut().apply(AppCommand::Edit(edit), &ctx);
    h.run_steps(2);
    assert!(h.state().is_dirty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine");
    h.state_mut()
        .apply(AppCommand::SaveSessionAs(path.clone()), &ctx);
    h.run_steps(2);
    let saved = dir.path().join("mine.parallax");
    let session = Session::read(&saved).unwrap();
    assert_eq!(session.decisions.set_aside.len(), 1);
    assert!(!h.state().is_dirty());
    assert!(!h.state().window_title().contains('•'));
    assert_eq!(h.state().session_path(), Some(saved.as_path()));
}

#[test]
fn a_corrupt_session_is_refused_and_the_work_stays() {
    let mut h = open_sample();
    let before = h.state().comparison().cloned();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.parallax");
    std::fs::write(
        &bad,
        b"{\"format\": \"parallax-session\", \"version\": 1, \"readouts\": [",
    )
    .unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().apply(AppCommand::OpenSession(bad), &ctx);
    settle(&mut h);
    assert_eq!(h.state().comparison().cloned(), before);
    let banner = h.state().banner().unwrap();
    assert!(
        banner.is_error && banner.text.contains("truncated"),
        "{banner:?}"
    );
}

#[test]
fn unsaved_work_left_by_a_crash_is_offered_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let engine = parallax::Engine::builtin().unwrap();
    let (a, b) = parallax::sample::blinken_lavrov();
    let base = engine.compare(a, b).unwrap();
    let mut decisions = Decisions::default();
    decisions.apply(Edit::SetAside(ClaimRef::of(&base, Side::A, 0).unwrap()));
    // A run that is gone (no such process) left its autosave.
    Session::new(&base, Options::default(), decisions.clone())
        .write(&dir.path().join("autosave-4000000000.parallax"))
        .unwrap();
    let data = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(move |cc| {
            ParallaxApp::new(cc, self::engine(), Vec::new(), None).with_data_dir(data)
        });
    h.run_steps(2);
    h.get_by_label_contains("closed with unsaved work");
    h.get_by_label("Restore").click();
    h.step();
    settle(&mut h);
    assert_eq!(h.state().decisions(), &decisions);
    assert!(h.state().is_dirty(), "restored work is unsaved until saved");
    assert_eq!(h.state().comparison().unwrap().set_aside[0].len(), 1);
    // The file is now this run's autosave, kept until the work is saved or discarded.
    let own = h.state().autosave_path().unwrap();
    assert!(own.exists());
    assert!(!dir.path().join("autosave-4000000000.parallax").exists());
}

fn set_aside_first_b(h: &mut Harness<'static, ParallaxApp>) {
    let ctx = h.ctx.clone();
    let edit = Action::SetAside(ClaimId::new(Side::B, 0));
    h.state_mut().apply(AppCommand::Edit(edit), &ctx);
    h.run_steps(2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = open_sample();
    set_aside_first_b(&mut h);
    let close = |h: &mut Harness<'static, ParallaxApp>| {
        h.input_mut()
            .viewports
            .entry(eframe::egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(eframe::egui::ViewportEvent::Close);
        h.run_steps(3);
    };
    close(&mut h);
    h.get_by_label("Save your changes?");
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.query_by_label("Save your changes?").is_none());
    assert!(h.state().is_dirty(), "nothing was lost");
    close(&mut h);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.query_by_label("Save your changes?").is_none());
}

#[test]
fn a_failed_save_says_so_and_keeps_the_work_unsaved() {
    let mut h = open_sample();
    set_aside_first_b(&mut h);
    let dir = tempfile::tempdir().unwrap();
    // A non-empty folder stands where the file would go, so the rename fails.
    let taken = dir.path().join("taken.parallax");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep"), b"keep").unwrap();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::SaveSessionAs(taken.clone()), &ctx);
    h.run_steps(2);
    let banner = h.state().banner().unwrap();
    assert!(
        banner.is_error && banner.text.contains("Could not save"),
        "{banner:?}"
    );
    assert!(h.state().is_dirty());
    assert_eq!(h.state().session_path(), None);
    assert_eq!(std::fs::read(taken.join("keep")).unwrap(), b"keep");
}

#[test]
fn a_claim_moves_to_a_new_topic_typed_in_the_details() {
    let mut h = open_sample();
    let (a_text, _) = one_sided_texts(&h);
    h.get_by_label(&a_text).click();
    h.run_steps(3);
    let field = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == eframe::egui::accesskit::Role::TextInput
            && n.placeholder().is_some_and(|p| p.contains("new topic"))
    };
    h.get_by(field).focus();
    h.run_steps(1);
    h.get_by(field).type_text("Consular matters");
    h.run_steps(2);
    h.get_by_label("Move to new topic").click();
    h.run_steps(4);
    let cmp = h.state().comparison().unwrap();
    let row = cmp
        .topics
        .iter()
        .find(|t| t.label == "Consular matters")
        .unwrap();
    assert!(row.custom);
    let claim = &cmp.sides[0].claims[row.a[0]];
    assert!(claim.topic_manual);
    assert_eq!(cmp.sides[0].readout.text[claim.start..claim.end], a_text);
    // The new topic's heading in the topic view and in the navigator.
    assert_eq!(h.query_all_by_label("Consular matters").count(), 2);
}

fn sent(h: &Harness<'static, ParallaxApp>, command: &eframe::egui::ViewportCommand) -> bool {
    h.output()
        .viewport_output
        .get(&eframe::egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

#[test]
fn closing_unsaved_work_saves_it_where_asked_and_then_closes() {
    use eframe::egui::ViewportCommand;
    let mut h = open_sample();
    set_aside_first_b(&mut h);
    h.input_mut()
        .viewports
        .entry(eframe::egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(eframe::egui::ViewportEvent::Close);
    h.step();
    assert!(sent(&h, &ViewportCommand::CancelClose), "the close waits");
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(3);
    // Never saved: the "Save session as" window asks where.
    assert!(h.query_by_label("Save your changes?").is_none());
    h.get_by_label("Save to");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.parallax");
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::SaveSessionAs(path.clone()), &ctx);
    h.step();
    assert!(
        sent(&h, &ViewportCommand::Close),
        "saved, so the window closes"
    );
    assert_eq!(Session::read(&path).unwrap().decisions.set_aside.len(), 1);
    assert!(!h.state().is_dirty());
}

// Issue 12: every click and key goes where the analyst expects.

#[test]
fn esc_closes_help_then_the_side_cards_and_sides_toggles_back() {
    let mut h = open_sample();
    h.key_press(Key::F1);
    h.run_steps(2);
    h.get_by_label("Keyboard shortcuts");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Keyboard shortcuts").is_none(),
        "Esc closes Help"
    );
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    assert!(h.state().shows_side_cards());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        !h.state().shows_side_cards(),
        "Esc goes back to the comparison"
    );
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    assert!(
        !h.state().shows_side_cards(),
        "pressing Sides… again goes back"
    );
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    h.key_press(Key::F7);
    h.run_steps(2);
    assert!(
        !h.state().shows_side_cards(),
        "stepping to a one-sided claim goes back"
    );
    assert!(h.state().selection().is_some());
}

#[test]
fn enter_in_the_export_path_saves_the_report() {
    let mut h = open_sample();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("by-enter.md");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    h.get_by_label("Markdown").click();
    h.run_steps(2);
    let field = h
        .get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .find(|n| n.value().is_some_and(|v| v.to_lowercase().ends_with(".md")))
        .expect("the export path field");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .find(|n| n.value().is_some_and(|v| v.to_lowercase().ends_with(".md")))
        .unwrap()
        .type_text(&target.display().to_string());
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let written = std::fs::read_to_string(&target).expect("Enter saved the report");
    assert!(
        written.starts_with("# "),
        "{}",
        &written[..40.min(written.len())]
    );
}

#[test]
fn clicking_a_topic_name_in_the_navigator_brings_its_heading_into_view() {
    let mut h = Harness::builder()
        .with_size([1440.0, 700.0])
        .build_eframe(|cc| ParallaxApp::new(cc, engine(), Vec::new(), None));
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().unwrap().clone();
    let last = cmp.topics.last().unwrap().label.clone();
    assert_eq!(
        h.get_all_by_label(&last).count(),
        1,
        "at first only the navigator names the last topic"
    );
    h.get_by_label(&last).click();
    h.run_steps(6);
    assert_eq!(
        h.get_all_by_label(&last).count(),
        2,
        "the click on the name (not only the bar) jumped to the topic's heading"
    );
}

#[test]
fn the_navigator_marks_the_selected_claims_topic() {
    let mut h = open_sample();
    let cmp = h.state().comparison().unwrap().clone();
    // The first claim of a, under its topic; another topic.
    let first = ClaimId::new(Side::A, 0);
    let topic = cmp.topic(&cmp.claim(first).unwrap().topic).unwrap();
    let other = cmp.topics.iter().find(|t| t.id != topic.id).unwrap();
    assert!(!is_highlighted(&h, &topic.label));
    let text = cmp.sides[0].claim_text(0).to_string();
    h.get_all_by_label(&text).next().unwrap().click();
    h.run_steps(3);
    assert_eq!(h.state().selection(), Some(first));
    assert!(is_highlighted(&h, &topic.label), "{}", topic.label);
    assert!(!is_highlighted(&h, &other.label), "{}", other.label);
}

#[test]
fn a_bad_file_given_with_a_good_one_keeps_the_good_one_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/2022-07-29-blinken-lavrov/us.txt");
    let missing = dir.path().join("gone.txt");
    let files = vec![good, missing.clone()];
    let mut h = Harness::builder()
        .with_size([1600.0, 1200.0])
        .build_eframe(move |cc| ParallaxApp::new(cc, self::engine(), files, None));
    h.step();
    settle(&mut h);
    let banner = h
        .state()
        .banner()
        .expect("the failure is shown")
        .text
        .clone();
    assert_eq!(
        banner.matches("gone.txt").count(),
        1,
        "the path is named once: {banner}"
    );
    let [a, b] = h.state().readouts();
    assert!(
        a.is_some_and(|r| r.source.ends_with("us.txt")),
        "{:?}",
        a.map(|r| &r.source)
    );
    assert!(b.is_none());
}

#[test]
fn an_unlink_stays_on_record_in_the_details_and_can_be_undone_there() {
    let mut h = open_sample();
    let cmp = h.state().comparison().unwrap().clone();
    let m = cmp
        .matches
        .iter()
        .find(|m| is_single(&cmp, m))
        .expect("a single match")
        .clone();
    let other = cmp.sides[1].claims[m.b].id.clone();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::Select(ClaimId::new(Side::A, m.a)), &ctx);
    h.run_steps(2);
    h.get_by_label("Unlink").click();
    h.run_steps(3);
    assert_eq!(h.state().comparison().unwrap().rejected.len(), 1);
    h.get_by_label_contains(&format!("machine link to {other} rejected by you"));
    h.get_by_label("Link again").click();
    h.run_steps(3);
    let now = h.state().comparison().unwrap();
    assert!(now.rejected.is_empty());
    assert!(
        now.matches
            .iter()
            .any(|x| x.a == m.a && x.b == m.b && x.is_manual())
    );
}

#[test]
fn at_1024_by_700_each_reading_column_is_at_least_280_px() {
    let mut h = Harness::builder()
        .with_size([1024.0, 700.0])
        .build_eframe(|cc| ParallaxApp::new(cc, engine(), Vec::new(), None));
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().unwrap().clone();
    let m = cmp.matches.iter().find(|m| is_single(&cmp, m)).unwrap();
    for (side, i) in [(0, m.a), (1, m.b)] {
        let text = cmp.sides[side].claim_text(i);
        let node = h
            .get_all_by_label(text)
            .next()
            .unwrap_or_else(|| panic!("claim {side}/{i} on screen"));
        let width = node.rect().width();
        assert!(width >= 280.0, "side {side}: {width} px");
    }
}

#[test]
fn a_success_message_fades_and_a_failure_stays() {
    let mut h = Harness::builder()
        .with_size([1600.0, 1200.0])
        .build_eframe(|cc| {
            ParallaxApp::new(cc, engine(), Vec::new(), None)
                .with_info_banner_for(Duration::from_millis(50))
        });
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    let dir = tempfile::tempdir().unwrap();
    let ctx = h.ctx.clone();
    let target = dir.path().join("r.md");
    h.state_mut().apply(
        AppCommand::Export(parallax::report::Format::Md, target),
        &ctx,
    );
    h.run_steps(1);
    assert!(h.state().banner().is_some_and(|b| !b.is_error));
    std::thread::sleep(Duration::from_millis(80));
    h.run_steps(2);
    assert!(h.state().banner().is_none(), "the success message faded");
    let nowhere = dir.path().join("no-such-dir").join("r.md");
    h.state_mut().apply(
        AppCommand::Export(parallax::report::Format::Md, nowhere),
        &ctx,
    );
    h.run_steps(1);
    std::thread::sleep(Duration::from_millis(80));
    h.run_steps(2);
    assert!(
        h.state().banner().is_some_and(|b| b.is_error),
        "a failure stays until dismissed"
    );
}

// ---- Issue 12, item 5: the document view on long texts ----

use eframe::egui::{Event, MouseWheelSource, MouseWheelUnit, TouchPhase, vec2};
use parallax::gui::ViewMode;

/// A long pair in the document view of a `size` window: a's 300 synthetic sentences, and b the
/// same paragraphs with another text's paragraph after every second one, so that matched claims
/// drift further apart down the texts.
fn long_pair_in_document_view(size: [f32; 2]) -> Harness<'static, ParallaxApp> {
    long_pair_stepping(size, 0.25)
}

/// [`long_pair_in_document_view`], each step `step_s` seconds.
fn long_pair_stepping(size: [f32; 2], step_s: f32) -> Harness<'static, ParallaxApp> {
    let (a, _) = parallax::synth::pair(300, 3);
    let (extra, _) = parallax::synth::pair(200, 4);
    let extra: Vec<&str> = extra.split("\n\n").collect();
    let b: Vec<&str> = a
        .split("\n\n")
        .enumerate()
        .flat_map(|(i, p)| std::iter::once(p).chain((i % 2 == 1).then(|| extra[i % extra.len()])))
        .collect();
    let b = b.join("\n\n");
    let read = |t: &str, n: &str| parallax::ingest::read_bytes(t.as_bytes(), n).unwrap();
    let cmp = engine()
        .compare(read(&a, "a.txt"), read(&b, "b.txt"))
        .unwrap();
    let builder = Harness::builder().with_size(size).with_step_dt(step_s);
    let mut h = builder.build_eframe(move |cc| {
        let mut app = ParallaxApp::new(cc, engine(), Vec::new(), Some(ViewMode::Document));
        app.set_comparison(cmp);
        app
    });
    h.run_steps(6);
    h
}

/// Turns the mouse wheel over the middle of a side's text, `down` points, and lets the smooth
/// scrolling finish.
fn wheel(h: &mut Harness<'static, ParallaxApp>, side: Side, down: f32) {
    let at = h.state().document_viewport(side).center();
    h.hover_at(at);
    h.step();
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -down),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(40);
}

/// The middle of a claim on screen, if it is in view.
fn middle(h: &Harness<'static, ParallaxApp>, claim: ClaimId) -> Option<f32> {
    h.state()
        .document_claim_span(claim)
        .map(eframe::egui::Rangef::center)
}

/// The claims of a side in view, with their middles.
fn in_view(h: &Harness<'static, ParallaxApp>, side: Side) -> Vec<(usize, f32)> {
    let n = h.state().comparison().unwrap().side(side).claims.len();
    let mut claims: Vec<(usize, f32)> = (0..n)
        .filter_map(|i| Some((i, middle(h, ClaimId::new(side, i))?)))
        .collect();
    claims.sort_by_key(|c| c.0);
    claims
}

/// The claim of a in view nearest the middle of the view that has a match in view, that match
/// (the most level one, if it has several), and the height between their middles.
fn pair_at_the_middle(h: &Harness<'static, ParallaxApp>) -> ((usize, usize), f32) {
    let cmp = h.state().comparison().unwrap();
    let centre = h.state().document_viewport(Side::A).center().y;
    cmp.matches
        .iter()
        .filter_map(|m| {
            let ya = middle(h, ClaimId::new(Side::A, m.a))?;
            let yb = middle(h, ClaimId::new(Side::B, m.b))?;
            Some(((m.a, m.b), (ya - centre).abs(), (ya - yb).abs()))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1).then(x.2.total_cmp(&y.2)))
        .map(|(pair, _, gap)| (pair, gap))
        .expect("a matched pair in view")
}

#[test]
fn scrolling_one_text_scrolls_the_other_so_matched_claims_stay_level() {
    let mut h = long_pair_in_document_view([1100.0, 700.0]);
    assert!(h.state().scrolls_together(), "on by default");
    for (side, down) in [
        (Side::A, 1_500.0),
        (Side::A, 2_500.0),
        (Side::B, 1_200.0),
        (Side::A, -900.0),
    ] {
        let before = in_view(&h, Side::A)[0].0;
        let before_b = in_view(&h, Side::B)[0].0;
        wheel(&mut h, side, down);
        let (after, after_b) = (in_view(&h, Side::A)[0].0, in_view(&h, Side::B)[0].0);
        assert_ne!(before, after, "a moved (scrolling {side:?} {down})");
        assert_ne!(before_b, after_b, "b moved (scrolling {side:?} {down})");
        let (pair, gap) = pair_at_the_middle(&h);
        assert!(
            gap < 2.0,
            "scrolling {side:?} {down}: a{} and b{} are {gap} points apart",
            pair.0,
            pair.1
        );
    }
    // And they come to rest: no frame asks for another once the scrolling is done.
    let frames = h.try_run().expect("the texts come to rest");
    assert!(frames <= 3, "{frames} frames to rest");
}

#[test]
fn with_the_lock_off_the_other_text_stays_put() {
    let mut h = long_pair_in_document_view([1100.0, 700.0]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    assert!(!h.state().scrolls_together());
    let b = in_view(&h, Side::B);
    let a = in_view(&h, Side::A);
    wheel(&mut h, Side::A, 2_000.0);
    assert_ne!(in_view(&h, Side::A)[0], a[0], "a scrolled");
    assert_eq!(in_view(&h, Side::B), b, "b did not move");
    // Locked again (the button in the gutter), b comes level with a.
    h.get_by_label("Scroll together").click();
    h.run_steps(4);
    assert!(h.state().scrolls_together());
    let (pair, gap) = pair_at_the_middle(&h);
    assert!(gap < 2.0, "a{} and b{}: {gap} points", pair.0, pair.1);
}

/// The distance from a claim's middle to the middle of its side's view.
fn off_centre(h: &Harness<'static, ParallaxApp>, claim: ClaimId) -> f32 {
    let centre = h.state().document_viewport(claim.side).center().y;
    let y = middle(h, claim).unwrap_or_else(|| panic!("{claim:?} in view"));
    (y - centre).abs()
}

/// A match with both claims well below the first screen.
fn a_match_far_down(h: &Harness<'static, ParallaxApp>, from: usize) -> (ClaimId, ClaimId) {
    let cmp = h.state().comparison().unwrap();
    let m = cmp
        .matches
        .iter()
        .find(|m| m.a > from && m.b > from && is_single(cmp, m))
        .unwrap();
    (ClaimId::new(Side::A, m.a), ClaimId::new(Side::B, m.b))
}

#[test]
fn selecting_a_claim_brings_its_match_to_the_middle_of_the_other_side() {
    let mut h = long_pair_in_document_view([1100.0, 700.0]);
    // Each text alone: the clicked side stays, the match comes to the middle.
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    let (a, b) = a_match_far_down(&h, 150);
    let ctx = h.ctx.clone();
    h.state_mut().apply(AppCommand::Select(a), &ctx);
    h.run_steps(6);
    assert!(off_centre(&h, b) < 2.0, "{}", off_centre(&h, b));
    // Together: the pair comes to the middle of both sides, level.
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    let (a, b) = a_match_far_down(&h, 250);
    h.state_mut().apply(AppCommand::Select(b), &ctx);
    h.run_steps(6);
    assert!(off_centre(&h, a) < 2.0, "{}", off_centre(&h, a));
    assert!(off_centre(&h, b) < 2.0, "{}", off_centre(&h, b));
    // Scrolling on from there, the texts move together again.
    wheel(&mut h, Side::B, 300.0);
    assert!(off_centre(&h, a) > 100.0, "a moved");
    let (pair, gap) = pair_at_the_middle(&h);
    assert!(gap < 2.0, "a{} and b{}: {gap} points", pair.0, pair.1);
}

#[test]
fn f7_brings_the_next_one_sided_claim_to_the_middle() {
    let mut h = long_pair_in_document_view([1100.0, 700.0]);
    let cmp = h.state().comparison().unwrap().clone();
    // Step (a's one-sided claims come first) to a one-sided claim of b well down the text.
    let target = cmp.one_sided[0].len()
        + cmp.one_sided[1]
            .iter()
            .position(|&i| i > 120)
            .expect("b has one-sided claims");
    for _ in 0..=target {
        h.key_press(Key::F7);
        h.run_steps(1);
    }
    h.run_steps(6);
    let sel = h.state().selection().unwrap();
    assert_eq!(sel.side, Side::B);
    assert!(sel.index > 120);
    assert!(off_centre(&h, sel) < 2.0, "{}", off_centre(&h, sel));
    // a followed (to the stretch of its text around b's claim, which a does not have).
    let first_a = in_view(&h, Side::A)[0].0;
    assert!(first_a > 60, "a shows claim {first_a} first");
}

#[test]
fn the_details_panel_keeps_its_width_through_edits_issue_12() {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(|cc| ParallaxApp::new(cc, engine(), Vec::new(), None));
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    let edge = |h: &Harness<'static, ParallaxApp>| h.get_by_label("Details").rect().left();
    let before = edge(&h);
    let cmp = h.state().comparison().unwrap().clone();
    let ctx = h.ctx.clone();
    let m = cmp.matches[0].clone();
    let longest = (0..cmp.sides[1].claims.len())
        .max_by_key(|&i| cmp.sides[1].claim_text(i).len())
        .unwrap();
    let steps = [
        AppCommand::Select(ClaimId::new(Side::A, m.a)),
        AppCommand::Edit(Action::Unlink(
            ClaimId::new(Side::A, m.a),
            ClaimId::new(Side::B, m.b),
        )),
        AppCommand::Select(ClaimId::new(Side::B, longest)),
        AppCommand::Edit(Action::SetAside(ClaimId::new(Side::B, longest))),
        AppCommand::Select(ClaimId::new(Side::A, m.a)),
        AppCommand::Edit(Action::Link(
            ClaimId::new(Side::A, m.a),
            ClaimId::new(Side::B, m.b),
        )),
    ];
    for step in steps {
        let name = format!("{step:?}");
        h.state_mut().apply(step, &ctx);
        h.run_steps(3);
        let now = edge(&h);
        assert!(
            (now - before).abs() < 1.0,
            "after {name}: the details panel moved from x={before} to x={now}"
        );
    }
}

#[test]
fn a_new_comparison_opens_at_the_top_issue_12() {
    let mut h = Harness::builder()
        .with_size([1440.0, 700.0])
        .build_eframe(|cc| ParallaxApp::new(cc, engine(), Vec::new(), None));
    h.run_steps(2);
    h.get_by_label(SAMPLE_BUTTON).click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().unwrap().clone();
    let first = cmp.sides[0].claim_text(0).to_string();
    let top = |h: &Harness<'static, ParallaxApp>| {
        h.query_all_by_label(&first)
            .map(|n| n.rect().top())
            .fold(f32::NEG_INFINITY, f32::max)
    };
    let at_start = top(&h);
    // Scroll the topic view well down.
    h.hover_at(eframe::egui::pos2(700.0, 400.0));
    for _ in 0..10 {
        h.event(eframe::egui::Event::MouseWheel {
            unit: eframe::egui::MouseWheelUnit::Point,
            delta: eframe::egui::vec2(0.0, -200.0),
            modifiers: Modifiers::NONE,
            phase: eframe::egui::TouchPhase::Move,
            source: eframe::egui::MouseWheelSource::Wheel,
        });
        h.run_steps(2);
    }
    let scrolled = top(&h);
    assert!(
        scrolled < at_start - 100.0,
        "the view scrolled: {scrolled} from {at_start}"
    );
    let ctx = h.ctx.clone();
    h.state_mut().apply(AppCommand::OpenSample, &ctx);
    h.step();
    settle(&mut h);
    let again = top(&h);
    assert!(
        (again - at_start).abs() < 1.0,
        "the new comparison opened at y={again}, the first one at y={at_start}"
    );
}

// Issue 12: open a readout from its link.

#[path = "common/http.rs"]
mod http;

/// The placeholder of each side card's link field.
const LINK_HINT: &str = "or paste a link (https://…)";

/// The app, downloading directly (whatever proxy the environment names) with short limits.
fn app_for_links() -> Harness<'static, ParallaxApp> {
    let options = parallax::ingest::fetch::FetchOptions {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(20),
        ..Default::default()
    };
    Harness::builder()
        .with_size([1600.0, 3200.0])
        .build_eframe(move |cc| {
            ParallaxApp::new(cc, engine(), Vec::new(), None).with_fetch_options(options.clone())
        })
}

/// Whether a text field is a side card's link field: empty, it shows the hint; filled, a link.
fn is_link_field(node: &egui_kittest::Node<'_>) -> bool {
    has_placeholder(node, LINK_HINT) || node.value().is_some_and(|v| v.starts_with("http://"))
}

/// Types `text` into the (empty) link field of `side`.
fn type_link(h: &mut Harness<'static, ParallaxApp>, side: Side, text: &str) {
    let field = h
        .get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .filter(is_link_field)
        .nth(side.index())
        .expect("a link field on each side card");
    field.focus();
    h.run_steps(1);
    h.get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .filter(is_link_field)
        .nth(side.index())
        .unwrap()
        .type_text(text);
    h.run_steps(1);
}

fn page(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/html")
            .join(name),
    )
    .unwrap()
}

#[test]
fn a_readout_opens_from_the_link_typed_on_its_side_card() {
    let server = http::Server::start(vec![
        ("/a", http::Reply::Ok("text/html", page("state_gov.html"))),
        ("/moved", http::Reply::Redirect("/b".to_string())),
        ("/b", http::Reply::Ok("text/html", page("kremlin_en.html"))),
    ]);
    let mut h = app_for_links();
    h.run_steps(2);
    // Side a by Enter in the field.
    type_link(&mut h, Side::A, &server.url("/a"));
    h.key_press(Key::Enter);
    h.step();
    settle(&mut h);
    let a = h.state().readouts()[0].cloned().expect("side a was read");
    assert_eq!(a.source, server.url("/a"));
    assert_eq!(a.fetched.unwrap().final_url, server.url("/a"));
    // Side b by the button, through a redirect.
    type_link(&mut h, Side::B, &server.url("/moved"));
    h.get_all_by_label("Open link")
        .nth(1)
        .expect("the right side's Open link button")
        .click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().expect("both links compared");
    let fetched = cmp.sides[1].readout.fetched.clone().unwrap();
    assert_eq!(fetched.url, server.url("/moved"));
    assert_eq!(fetched.final_url, server.url("/b"));
    assert!(cmp.sides[0].readout.text.contains("Arkel"));
    // The details name where each side came from.
    assert_eq!(h.query_all_by_label_contains("fetched ").count(), 2);
    h.get_by_label_contains(&format!("(redirected to {})", server.url("/b")));
}

#[test]
fn a_link_that_fails_says_why_and_keeps_the_comparison() {
    let server = http::Server::start(Vec::new());
    let mut h = open_sample();
    let before = h.state().comparison().cloned();
    h.get_by_label("Sides…").click();
    h.run_steps(2);
    let missing = server.url("/gone");
    type_link(&mut h, Side::B, &missing);
    h.get_all_by_label("Open link").nth(1).unwrap().click();
    h.step();
    settle(&mut h);
    assert_eq!(
        h.state().comparison().cloned(),
        before,
        "the comparison stays"
    );
    let banner = h.state().banner().unwrap();
    assert_eq!(
        banner.text,
        format!("Could not open {missing}: the server answered HTTP 404 Not Found")
    );
}

#[test]
fn a_slow_download_shows_its_progress_and_can_be_cancelled() {
    let server = http::Server::start(vec![(
        "/slow",
        http::Reply::Slow(Duration::from_secs(3), page("state_gov.html")),
    )]);
    let mut h = app_for_links();
    h.run_steps(2);
    let url = server.url("/slow");
    type_link(&mut h, Side::A, &url);
    h.get_all_by_label("Open link").next().unwrap().click();
    h.step();
    assert!(h.state().is_busy(), "the download runs on the worker");
    // The worker reports its stage as soon as it runs.
    let stage = format!("Downloading {url}…");
    for _ in 0..200 {
        h.step();
        if h.query_by_label_contains(&stage).is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.get_by_label_contains(&stage);
    h.get_by_label("Cancel").click();
    h.step();
    assert!(
        !h.state().is_busy(),
        "cancelled at once, not when the server answers"
    );
    assert!(h.state().readouts()[0].is_none());
    // A message's first frame only measures it.
    h.run_steps(2);
    h.get_by_label("Cancelled.");
}

#[test]
fn the_start_screen_opens_the_sample_with_the_russian_original_issue_13() {
    let mut h = app();
    h.run_steps(2);
    h.get_by_label("The same call with the Foreign Ministry's account in Russian")
        .click();
    h.step();
    settle(&mut h);
    let cmp = h.state().comparison().expect("the Russian sample opened");
    assert_eq!(cmp.sides[1].readout.language.as_deref(), Some("ru"));
    assert_eq!(cmp.sides[0].readout.language.as_deref(), Some("en"));
    assert!(
        cmp.matches
            .iter()
            .any(|m| cmp.sides[1].claim_text(m.b).contains("продовольств")),
        "a Russian food sentence is linked: {:?}",
        cmp.matches
            .iter()
            .map(|m| (m.a, m.b, m.score()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_source_details_say_who_asked_for_the_call_issue_13() {
    let mut h = open_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mid.txt");
    let text = "По инициативе американской стороны состоялся телефонный разговор Министра \
                иностранных дел России С.В.Лаврова с Государственным секретарём США Э.Блинкеном. \
                Стороны обсудили экспорт зерна.\n";
    std::fs::write(&path, text).unwrap();
    h.get_by_label("Sides…").click();
    h.run_steps(3);
    let inputs: Vec<_> = h
        .get_all_by_role(eframe::egui::accesskit::Role::TextInput)
        .filter(|n| has_placeholder(n, "or type a path"))
        .collect();
    inputs[1].focus();
    inputs[1].type_text(&path.display().to_string());
    h.run_steps(2);
    h.get_all_by_label("Open")
        .nth(1)
        .expect("the right side's Open button")
        .click();
    h.step();
    settle(&mut h);
    // The details list each readout's source, with who asked for the call.
    h.get_by_label("Initiative");
    h.get_by_label("United States (the other side): “По инициативе американской стороны”");
}

#[test]
fn the_details_list_what_a_translation_drops_and_a_click_selects_it_issue_13() {
    let dir = tempfile::tempdir().unwrap();
    let english: String = include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt")
        .split_inclusive(". ")
        .filter(|s| !s.contains("US sanctions"))
        .collect();
    let (a, b) = (dir.path().join("mid-en.txt"), dir.path().join("mid-ru.txt"));
    std::fs::write(&a, english).unwrap();
    std::fs::write(
        &b,
        include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt"),
    )
    .unwrap();
    let mut h = Harness::builder()
        .with_size([1440.0, 1200.0])
        .build_eframe(move |cc| ParallaxApp::new(cc, engine(), vec![a.clone(), b.clone()], None));
    h.run_steps(2);
    settle(&mut h);
    h.get_by_label("Translation check");
    let dropped = h
        .get_all_by_label_contains("dropped: ")
        .next()
        .expect("a dropped sentence is listed");
    dropped.click();
    h.run_steps(2);
    let sel = h.state().selection().expect("a click selects the sentence");
    assert_eq!(sel.side, Side::B);
    let cmp = h.state().comparison().unwrap();
    assert!(cmp.sides[1].claim_text(sel.index).contains("санкциями"));
}

#[test]
fn with_egui_animations_on_a_selection_glides_to_the_middle() {
    let mut h = long_pair_stepping([1100.0, 700.0], 1.0 / 60.0);
    h.ctx.all_styles_mut(|style| {
        style.scroll_animation = eframe::egui::style::ScrollAnimation::default();
    });
    let (a, b) = a_match_far_down(&h, 150);
    let ctx = h.ctx.clone();
    h.state_mut().apply(AppCommand::Select(a), &ctx);
    h.run_steps(2);
    let first_b = in_view(&h, Side::B)[0].0;
    assert!(
        middle(&h, b).is_none_or(|_| off_centre(&h, b) > 2.0),
        "on its way (b{first_b} first)"
    );
    h.run_steps(40);
    assert!(off_centre(&h, a) < 2.0, "{}", off_centre(&h, a));
    assert!(off_centre(&h, b) < 2.0, "{}", off_centre(&h, b));
}

#[test]
fn a_click_on_a_text_selects_its_claim_whichever_text_led_before() {
    let mut h = long_pair_in_document_view([1100.0, 700.0]);
    // b leads (the pointer is over it) until the click on a's first paragraph.
    let over_b = h.state().document_viewport(Side::B).center();
    h.hover_at(over_b);
    h.run_steps(2);
    let first = first_paragraph(&h.state().comparison().unwrap().sides[0]);
    // b has the same paragraph: click a's, pressing in one frame and releasing in the next, as
    // a real mouse does.
    let a_column = h.state().document_viewport(Side::A);
    let at = h
        .get_all_by_label(&first)
        .find(|node| a_column.contains(node.rect().center()))
        .unwrap()
        .rect()
        .center();
    let button = |pressed| Event::PointerButton {
        pos: at,
        button: eframe::egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(Event::PointerMoved(at));
    h.event(button(true));
    h.step();
    h.event(button(false));
    h.run_steps(3);
    let sel = h.state().selection().expect("a claim is selected");
    assert_eq!(sel.side, Side::A, "{sel:?}");
}

/// Issue 14: the navigator's framing section lists the contrast on the annexation matter, the
/// tone and each side's terms; clicking an entry selects its claim, whose framing the details
/// then list; "With framing" keeps only claims that use a framing term.
#[test]
fn the_framing_section_lists_the_contrast_and_a_click_selects_its_claim_issue_14() {
    use parallax::model::{ContrastBasis, FramingRef};
    let mut h = open_sample();
    let (label, claim, tone) = {
        let cmp = h.state().comparison().unwrap();
        let words = |side: Side, r: FramingRef| {
            let t = cmp.framing_term(side, r).unwrap();
            cmp.side(side).readout.text[t.start..t.end].to_string()
        };
        let c = cmp
            .framing
            .contrasts
            .iter()
            .find(|c| c.basis == ContrastBasis::Match)
            .unwrap();
        let tone = cmp.framing.tone[0][0];
        (
            format!("{} ↔ {}", words(Side::A, c.a), words(Side::B, c.b)),
            ClaimId::new(Side::A, c.a.claim),
            ClaimId::new(Side::A, tone.claim),
        )
    };
    assert_eq!(label, "occupied areas ↔ liberated territories");
    // The section's heading counts the contrasts.
    let n = h.state().comparison().unwrap().framing.contrasts.len();
    h.get_by_label(&format!("Framing · {n} contrasts"));
    h.get_by_label(&label).click();
    h.run_steps(3);
    assert_eq!(h.state().selection(), Some(claim));
    // The details list the claim's framing and the words it faces on the other side.
    h.get_by_label_contains("faces “liberated territories”");
    h.get_by_label_contains("the other side would say: liberated territories");
    // The tone of the call, as the US readout gives it, leads to its claim.
    h.get_all_by_label("frank and direct")
        .next()
        .expect("the tone is listed")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().selection(), Some(tone));
    // Each side's terms are listed, the Russian side's among them.
    for term in [
        "special military operation",
        "Kiev regime",
        "collective West",
    ] {
        assert!(h.query_by_label(term).is_some(), "{term}");
    }
    h.get_by_label("With framing").click();
    h.run_steps(4);
    let cmp = h.state().comparison().unwrap().clone();
    let framed = |side: Side, i: usize| !cmp.side(side).claims[i].framing.is_empty();
    let rows = h.state().rows().to_vec();
    assert!(rows.iter().any(|r| !matches!(r, Row::Header(_))));
    for row in rows {
        match row {
            Row::Pair { m, .. } => {
                let mm = &cmp.matches[m];
                assert!(framed(Side::A, mm.a) || framed(Side::B, mm.b));
            }
            Row::OneSided(side, i) => assert!(framed(side, i)),
            Row::Header(_) => {}
            Row::Elsewhere(_) => panic!("only the filter All shows these"),
        }
    }
}

/// Issue 12, item 1: a paraphrased match shows what links it — the details list its anchors
/// ("Shared:" and the names and numbers both claims use), not a word diff.
#[test]
fn a_paraphrased_match_lists_its_shared_anchors_in_the_details_issue_12() {
    let mut h = open_sample();
    let cmp = h.state().comparison().unwrap().clone();
    // The opening pair: "… Blinken spoke by phone on July 29 with … Lavrov" and its Russian
    // account.
    let m = cmp.matches.iter().find(|m| m.a == 0).unwrap();
    assert!(!parallax::anchors::shows_word_diff(m));
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::Select(ClaimId::new(Side::B, m.b)), &ctx);
    h.run_steps(3);
    h.get_by_label("Shared:");
    for word in ["Blinken", "Lavrov", "29"] {
        assert!(
            h.query_all_by_label(word).next().is_some(),
            "{word} is listed as an anchor"
        );
    }
}

/// Issue 12, items 6 and 9 as the app shows them: a text repeated on both sides has every copy
/// linked, and "the Minister" after a fronted clause is the Minister named before.
#[test]
fn repeated_copies_link_and_the_minister_speaks_in_the_details_issue_12() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Secretary Blinken spoke with Foreign Minister Lavrov about two detained \
                     citizens. Turning to grain exports, the Minister said the corridor stays \
                     open.\n\n";
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, paragraph.repeat(20)).unwrap();
    std::fs::write(&b, paragraph.repeat(20)).unwrap();
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| ParallaxApp::new(cc, engine(), vec![a.clone(), b.clone()], None));
    h.run_steps(2);
    settle(&mut h);
    let cmp = h.state().comparison().unwrap().clone();
    assert_eq!(cmp.sides[0].claims.len(), 40);
    for i in 0..40 {
        assert!(
            cmp.matches.iter().any(|m| m.a == i && m.b == i),
            "copy {i} is linked"
        );
    }
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(AppCommand::Select(ClaimId::new(Side::A, 1)), &ctx);
    h.run_steps(3);
    h.get_by_label("Speaker");
    assert!(
        h.query_all_by_label("Lavrov").next().is_some(),
        "the details name Lavrov as the speaker"
    );
}
#[path = "gui/three.rs"]
mod three;
