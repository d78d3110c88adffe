//! Three witnesses in the app: opening them (through the unsaved-work [`super::Flow`]), what
//! commands do while they are shown (a reading view: edits and sessions are refused with the
//! reason, exports use the three-witness reports), opening a pair as two readouts, and the
//! panels, toolbar and status bar of the mode.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use eframe::egui::{self, RichText, Ui};

use crate::fsutil;
use crate::report::{self, Format};
use crate::witness_rows::{self, WITNESSES};
use crate::witnesses::Witnesses;

use super::super::command::Command;
use super::super::state::ViewMode;
use super::super::three_view::{self, KEYS, READING_ONLY, ThreeView};
use super::super::work::Work;
use super::super::worker::{Input, Job};
use super::super::{navigator, three_nav};
use super::command_handling::format_name;
use super::flow::ThreeSource;
use super::{Banner, ParallaxApp, Pending, Running};

/// Window width from which the details stand beside the three columns: below it, the
/// navigator (≤ 250 px) and the details (320 px) would leave each column under 240 px.
const WIDE: f32 = 1320.0;

impl ParallaxApp {
    /// The commands that open or move within three witnesses.
    pub(super) fn apply_three(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenThreeSample => self.request(Pending::Three(ThreeSource::Sample), ctx),
            Command::OpenThree(files) => {
                self.request(Pending::Three(ThreeSource::Files(files)), ctx);
            }
            Command::BrowseThird => self.browse_third(ctx),
            Command::AddThird(path) => self.request(Pending::Three(ThreeSource::Third(path)), ctx),
            Command::SelectWitness(k, i) => {
                if let Some(three) = &mut self.three {
                    three.select(k, i);
                }
            }
            Command::RevealWitness(k, i) => {
                if let Some(three) = &mut self.three {
                    three.reveal(k, i);
                }
            }
            Command::OpenWitnessPair(x, y) => self.open_witness_pair(x, y),
            // `apply` sends only the commands above here.
            _ => {}
        }
    }

    /// What a command does while three witnesses are shown: `None` when it was handled (or
    /// refused) here, else the command for the ordinary handling.
    pub(super) fn three_filter(&mut self, command: Command) -> Option<Command> {
        let Some(three) = &mut self.three else {
            return Some(command);
        };
        match command {
            Command::Edit(_)
            | Command::StartLink(_)
            | Command::EditNote(_)
            | Command::Undo
            | Command::Redo
            | Command::SaveSession
            | Command::ShowSaveSessionAs
            | Command::SaveSessionAs(_)
            | Command::BrowseSaveSession => {
                self.messages.notice = Some(READING_ONLY.to_string());
                None
            }
            // The two-sided views' navigation has nothing to act on here.
            Command::Select(_) | Command::Reveal(_) | Command::CancelLink => None,
            Command::JumpToTopic(id) => {
                let (mode, together) = (self.view.prefs.view, self.view.prefs.scroll_together);
                if !three.jump_to_topic(&id, mode, together) {
                    self.messages.notice = Some(
                        "The filter and search show no row of that topic: choose All or clear the search."
                            .to_string(),
                    );
                }
                None
            }
            Command::NextOneSided(forward) => {
                let filtered = self.view.prefs.view == ViewMode::Topics;
                if !three.step_one_sided(forward, filtered) {
                    self.messages.notice = Some(
                        if filtered {
                            "No claim only one witness makes is shown (see the filter and search)."
                        } else {
                            "Every claim is made by at least two witnesses."
                        }
                        .to_string(),
                    );
                }
                None
            }
            Command::SetFilter(filter) => {
                three.filter = filter;
                None
            }
            Command::FocusSearch => {
                // The search belongs to the topic view.
                self.view.prefs.view = ViewMode::Topics;
                three.focus_search = true;
                None
            }
            Command::Escape
                if (three.selection.is_some() || three.search_focused)
                    && self.flow.question().is_none()
                    && !self.show_start
                    && !self.view.show_help
                    && !self.forms.export.open =>
            {
                three.selection = None;
                three.blur_search = three.search_focused;
                None
            }
            Command::Export(format, path) => {
                self.export_three(format, &path);
                None
            }
            other => Some(other),
        }
    }

    /// Reads and compares three witnesses on a worker thread.
    pub(super) fn open_three(&mut self, source: ThreeSource, ctx: &egui::Context) {
        // The inputs, and the files to remember as a recent comparison when all three are.
        let (inputs, triple): ([Input; 3], _) = match source {
            ThreeSource::Sample => (
                crate::sample::blinken_lavrov_three().map(|r| Input::Loaded(Box::new(r))),
                None,
            ),
            ThreeSource::Files(files) => match <[PathBuf; 3]>::try_from(files) {
                Ok(files) => (files.clone().map(|p| Input::for_path(p, None)), Some(files)),
                Err(_) => {
                    self.messages.notice = Some("Three witnesses need three readouts.".into());
                    return;
                }
            },
            ThreeSource::Third(path) => {
                let [Some(a), Some(b)] = self.loaded.readouts.clone() else {
                    self.messages.notice =
                        Some("Open two readouts first, then add a third.".to_string());
                    return;
                };
                let triple = match self.loaded.paths.clone() {
                    [Some(pa), Some(pb)] => Some([pa, pb, path.clone()]),
                    _ => None,
                };
                let inputs = [
                    Input::Loaded(Box::new(a)),
                    Input::Loaded(Box::new(b)),
                    Input::for_path(path, None),
                ];
                (inputs, triple)
            }
        };
        self.messages.notice = None;
        self.job = Some(Running {
            job: Job::spawn_three(Arc::clone(&self.engine), inputs, self.fetch.clone(), ctx),
            paths: [None, None],
            triple,
            restoring: None,
        });
    }

    /// Shows three witnesses that finished comparing. The two-sided work they replace was saved
    /// or discarded when the "save your changes?" question was answered; the a–b comparison
    /// stands behind them, clean, for the commands that need one.
    pub(super) fn shown_three(&mut self, witnesses: Witnesses, elapsed: Duration) {
        self.messages.banner = None;
        self.autosave.clear();
        self.work = Work::default();
        self.loaded.readouts = [
            Some(witnesses.ab.sides[0].readout.clone()),
            Some(witnesses.ab.sides[1].readout.clone()),
        ];
        self.loaded.paths = [None, None];
        self.set_comparison(witnesses.ab.clone());
        self.loaded.elapsed = Some(elapsed);
        self.three = Some(ThreeView::new(witnesses));
    }

    /// Leaves three witnesses for the ordinary comparison of witnesses `x` and `y`.
    pub(super) fn open_witness_pair(&mut self, x: usize, y: usize) {
        let Some(three) = self.three.take() else {
            return;
        };
        let (cmp, _, _) = witness_rows::pair(&three.witnesses, x.min(y), x.max(y));
        let cmp = cmp.clone();
        self.work = Work::default();
        self.loaded.readouts = [
            Some(cmp.sides[0].readout.clone()),
            Some(cmp.sides[1].readout.clone()),
        ];
        self.loaded.paths = [None, None];
        self.set_comparison(cmp);
        self.messages.notice = Some(format!(
            "Opened {} as two readouts: links, topics, notes and sessions work here.",
            three.pair_name(x.min(y), x.max(y))
        ));
    }

    /// Writes the three-witness report: the a–b report with witness c added; CSV says why not.
    fn export_three(&mut self, format: Format, path: &Path) {
        let Some(three) = &self.three else { return };
        let text = match report::witnesses::render(&three.witnesses, format) {
            Ok(text) => text,
            Err(why) => {
                self.messages.banner = Some(Banner::error(format!("Not saved: {why}.")));
                return;
            }
        };
        self.messages.banner = Some(match fsutil::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.forms.export.open = false;
                Banner::info(format!(
                    "Saved the {} report of the three witnesses to {}",
                    format_name(format),
                    path.display()
                ))
            }
            Err(e) => Banner::error(format!("Could not save {}: {e}", path.display())),
        });
    }

    /// The details and the view of three witnesses.
    pub(super) fn three_panels(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(three) = &mut self.three else { return };
        let width = ui.available_width();
        navigator::panel(width).show(ui, |ui| three_nav::navigator(ui, three, commands));
        if width >= WIDE {
            egui::Panel::right("three-details")
                .resizable(true)
                .default_size(320.0)
                .max_size(width * 0.3)
                .show(ui, |ui| three_view::details(ui, three, commands));
        } else {
            egui::Panel::bottom("three-details-below")
                .resizable(true)
                .default_size(190.0)
                .show(ui, |ui| three_view::details(ui, three, commands));
        }
        let together = self.view.prefs.scroll_together;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (mode, label) in [
                    (ViewMode::Topics, "Topics"),
                    (ViewMode::Document, "Document"),
                ] {
                    if ui
                        .selectable_label(self.view.prefs.view == mode, label)
                        .clicked()
                    {
                        commands.push(Command::SetView(mode));
                    }
                }
                ui.separator();
                ui.label(RichText::new("Three witnesses, a reading view").strong())
                    .on_hover_text(READING_ONLY);
                three_view::pair_buttons(ui, three, None, commands);
            });
            if self.view.prefs.view == ViewMode::Topics {
                three_nav::bar(ui, three, commands);
            } else {
                ui.horizontal_wrapped(|ui| {
                    let mut on = together;
                    if ui
                        .checkbox(&mut on, "Scroll together")
                        .on_hover_text("The text under the pointer leads; its neighbour follows through their matches, and the far text the middle one (Ctrl+L)")
                        .changed()
                    {
                        commands.push(Command::ToggleScrollTogether);
                    }
                    ui.label(
                        RichText::new(
                            "Curves join a–b and b–c; the a–c links are in the topic view and the details.",
                        )
                        .small()
                        .weak(),
                    );
                });
            }
            ui.separator();
            match self.view.prefs.view {
                ViewMode::Topics => three_view::show_topics(ui, three, commands),
                ViewMode::Document => {
                    super::super::three_document::show(
                        ui,
                        &three.witnesses,
                        &three.labels,
                        &mut three.doc,
                        three.selection,
                        together,
                        commands,
                    );
                }
            }
        });
    }

    /// The toolbar's buttons while three witnesses are shown.
    pub(super) fn three_tools(ui: &mut Ui, commands: &mut Vec<Command>) {
        if ui
            .button("Sides…")
            .on_hover_text(
                "The start screen: other readouts, samples, recent comparisons (Esc comes back)",
            )
            .clicked()
        {
            commands.push(Command::ToggleSides);
        }
        if ui
            .button("Export…")
            .on_hover_text("The a–b report with witness c added (Ctrl+E)")
            .clicked()
        {
            commands.push(Command::ShowExport);
        }
        ui.add_enabled(false, egui::Button::new("Save session"))
            .on_disabled_hover_text(READING_ONLY);
        ui.separator();
        for (label, hint, forward) in [
            (
                "◀ one-sided",
                "Previous claim only one witness makes (Shift+F7, p)",
                false,
            ),
            (
                "one-sided ▶",
                "Next claim only one witness makes (F7, n)",
                true,
            ),
        ] {
            if ui.button(label).on_hover_text(hint).clicked() {
                commands.push(Command::NextOneSided(forward));
            }
        }
    }

    /// The status bar's counts for three witnesses: each pair's matches, then each witness's
    /// claims that neither other witness makes.
    pub(super) fn three_status(&self, ui: &mut Ui) {
        let Some(three) = &self.three else { return };
        for (keys, cmp) in three.witnesses.pairs() {
            ui.label(format!(
                "{}–{}: {} matches",
                keys[0],
                keys[1],
                cmp.matches.len()
            ));
            ui.separator();
        }
        for k in WITNESSES {
            if k > 0 {
                ui.separator();
            }
            let label = &three.labels[k];
            ui.label(format!(
                "only in {} · {label}: {}",
                KEYS[k],
                three.witnesses.only_in(k).len()
            ))
            .on_hover_text(format!(
                "Claims of {label} that neither other readout makes (F7 steps through them)"
            ));
        }
        if let Some(elapsed) = self.loaded.elapsed {
            ui.separator();
            ui.label(format!("computed in {} ms", elapsed.as_millis()));
        }
    }
}
