//! The one place commands are applied: every button, key, drop and dialog answer becomes a
//! [`Command`], and [`ParallaxApp::apply`] carries it out.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::curation::{Action, NoteOn};
use crate::model::{Readout, Side};
use crate::report::{self, Format};
use crate::{fsutil, session};

use super::super::command::Command;
use super::super::session_ui::NoteForm;
use super::super::start;
use super::super::state::ThemeChoice;
use super::super::worker::{Input, Job};
use super::{Banner, ParallaxApp, Pending, Running};

impl ParallaxApp {
    /// Applies one command (what every button, key and drop turns into).
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let Some(command) = self.three_filter(command) else {
            return;
        };
        match command {
            Command::OpenReadout(side, path) => self.open_readout(side, path, ctx),
            Command::OpenLink(side, url) => {
                let url = url.trim().to_string();
                let input = Input::Link(url.clone(), self.encoding(side));
                self.load_side(ctx, side, input, Some(PathBuf::from(url)));
            }
            Command::CancelJob => {
                if let Some(running) = self.job.take() {
                    running.job.cancel();
                    self.messages.notice = Some("Cancelled.".to_string());
                }
            }
            Command::UseText(side, name, text) => {
                self.load_side(ctx, side, Input::Text { name, text }, None);
            }
            Command::OpenPair(a, b) => self.request(Pending::NewComparison(vec![a, b]), ctx),
            Command::OpenSample => self.request(Pending::NewComparison(Vec::new()), ctx),
            Command::OpenRussianSample => self.request(Pending::RussianSample, ctx),
            Command::OpenSession(path) => self.request(Pending::OpenSession(path), ctx),
            command @ (Command::OpenThreeSample
            | Command::OpenThree(_)
            | Command::BrowseThird
            | Command::AddThird(_)
            | Command::SelectWitness(..)
            | Command::RevealWitness(..)
            | Command::OpenWitnessPair(..)) => self.apply_three(command, ctx),
            Command::BrowseReadout(side) => self.browse_open(Some(side), ctx),
            Command::BrowseBoth => self.browse_open(None, ctx),
            Command::BrowseExport(format) => self.browse_save(format, ctx),
            Command::BrowseSaveSession => self.browse_save_session(ctx),
            Command::PasteFromClipboard(side) => self.paste(side, ctx),
            Command::Select(claim) => self.select(claim),
            Command::Reveal(claim) => {
                self.show_start = false;
                self.reveal(claim);
            }
            Command::Escape => self.escape(),
            Command::NextOneSided(forward) => self.next_one_sided(forward),
            Command::JumpToTopic(id) => self.jump_to_topic(&id),
            Command::SetView(mode) => self.set_view(mode),
            Command::ToggleScrollTogether => {
                self.view.prefs.scroll_together = !self.view.prefs.scroll_together;
            }
            Command::SetFilter(filter) => self.view.filter = filter,
            Command::ShowExport => self.show_export(),
            Command::Export(format, path) => self.export_to(format, &path),
            Command::ToggleTheme => self.toggle_theme(ctx),
            Command::ToggleHelp => self.view.show_help = !self.view.show_help,
            Command::FocusSearch => self.view.focus_search = true,
            Command::DismissBanner => self.messages = super::Messages::default(),
            Command::ToggleSides => {
                self.show_start = !self.show_start || self.loaded.cmp.is_none();
            }
            Command::Edit(action) => self.record(action),
            Command::StartLink(claim) => self.start_link(claim),
            Command::CancelLink => self.cancel_link(),
            Command::EditNote(target) => self.open_note(target),
            Command::Undo => self.undo(true),
            Command::Redo => self.undo(false),
            Command::SaveSession => match self.work.path.clone() {
                Some(path) => self.save_session(&path),
                None => self.show_save_as(),
            },
            Command::ShowSaveSessionAs => self.show_save_as(),
            Command::SaveSessionAs(path) => self.save_session_as(path, ctx),
            Command::RestoreAutosave => self.restore_autosave(ctx),
            Command::DiscardAutosave => self.discard_autosave(),
            Command::ConfirmSave => self.confirm_save(ctx),
            Command::ConfirmDiscard => self.confirm_discard(ctx),
            Command::ConfirmCancel => self.flow.cancel(),
        }
    }

    /// A readout file for one side, or a session given where a readout was expected (it holds
    /// both readouts, so it opens as a session).
    fn open_readout(&mut self, side: Side, path: PathBuf, ctx: &egui::Context) {
        if session::is_session_file(&path) {
            self.request(Pending::OpenSession(path), ctx);
            return;
        }
        let encoding = self.encoding(side);
        self.load_side(
            ctx,
            side,
            Input::for_path(path.clone(), encoding),
            Some(path),
        );
    }

    /// Esc: the topmost window closes first; then the side cards give way to the comparison;
    /// then link mode or the selection goes.
    fn escape(&mut self) {
        if self.flow.question().is_some() {
            self.flow.cancel();
        } else if self.view.show_help {
            self.view.show_help = false;
        } else if self.forms.export.open {
            self.forms.export.open = false;
        } else if self.forms.save.open {
            self.forms.save.open = false;
        } else if self.show_start && self.loaded.cmp.is_some() {
            self.show_start = false;
        } else {
            self.clear_selection();
        }
    }

    fn toggle_theme(&mut self, ctx: &egui::Context) {
        self.view.prefs.theme = if ctx.global_style().visuals.dark_mode {
            ThemeChoice::Light
        } else {
            ThemeChoice::Dark
        };
        self.apply_theme(ctx);
    }

    /// Undoes (or, with `back` false, redoes) the last edit.
    fn undo(&mut self, back: bool) {
        let done = if back {
            self.work.undo()
        } else {
            self.work.redo()
        };
        if done {
            self.refresh_comparison();
        } else {
            let what = if back { "undo" } else { "redo" };
            self.messages.notice = Some(format!("Nothing to {what}."));
        }
    }

    fn save_session_as(&mut self, path: PathBuf, ctx: &egui::Context) {
        let path = with_session_extension(path);
        self.save_session(&path);
        // Saved where the "save your changes?" question asked: go on with what waited.
        if let Some(pending) = self.flow.saved(!self.work.is_dirty()) {
            self.carry_out(pending, ctx);
        }
    }

    fn restore_autosave(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.orphan.take() {
            self.flow.cancel();
            self.messages.notice = None;
            self.job = Some(Running {
                job: Job::spawn_session(Arc::clone(&self.engine), path.clone(), ctx),
                paths: [None, None],
                triple: None,
                restoring: Some(path),
            });
        }
    }

    fn discard_autosave(&mut self) {
        if let Some(path) = self.orphan.take()
            && let Err(e) = std::fs::remove_file(&path)
        {
            self.messages.banner = Some(Banner::error(format!(
                "Could not delete the unsaved work in {}: {e}",
                path.display()
            )));
        }
    }

    /// "Don't save" in the "save your changes?" question.
    fn confirm_discard(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.flow.discard() {
            if pending == Pending::Close {
                self.autosave.clear();
            }
            // The work stays until what replaces it has loaded, so a failed load loses nothing.
            self.carry_out(pending, ctx);
        }
    }

    /// Something that replaces or ends the work: asks to save unsaved work first.
    pub(super) fn request(&mut self, want: Pending, ctx: &egui::Context) {
        if let Some(pending) = self.flow.request(want, self.work.is_dirty()) {
            self.carry_out(pending, ctx);
        }
    }

    /// Carries out what may replace or end the work now.
    fn carry_out(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::Close => {
                self.flow.close();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::OpenSession(path) => {
                self.messages.notice = None;
                self.job = Some(Running {
                    job: Job::spawn_session(Arc::clone(&self.engine), path.clone(), ctx),
                    paths: [None, None],
                    triple: None,
                    restoring: None,
                });
                self.view.prefs.remember_file(path);
            }
            Pending::NewComparison(files) => match <[PathBuf; 2]>::try_from(files) {
                Ok([a, b]) => self.start_job(
                    ctx,
                    [
                        Some(Input::for_path(a.clone(), None)),
                        Some(Input::for_path(b.clone(), None)),
                    ],
                    [Some(a), Some(b)],
                ),
                Err(_) => self.open_bundled(ctx, crate::sample::blinken_lavrov()),
            },
            Pending::RussianSample => {
                self.open_bundled(ctx, crate::sample::blinken_lavrov_russian());
            }
            Pending::Three(source) => self.open_three(source, ctx),
        }
    }

    /// Compares a bundled pair.
    fn open_bundled(&mut self, ctx: &egui::Context, (a, b): (Readout, Readout)) {
        self.start_job(
            ctx,
            [
                Some(Input::Loaded(Box::new(a))),
                Some(Input::Loaded(Box::new(b))),
            ],
            [None, None],
        );
    }

    /// "Save" in the "save your changes?" question.
    fn confirm_save(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.flow.save_first() else {
            return;
        };
        match self.work.path.clone() {
            Some(path) => {
                self.save_session(&path);
                if !self.work.is_dirty() {
                    self.carry_out(pending, ctx);
                }
            }
            // Where to save is asked first; what waited goes on once it is saved.
            None => {
                self.flow.choose_where(pending);
                self.show_save_as();
            }
        }
    }

    fn show_save_as(&mut self) {
        if self.work.base.is_some() {
            if self.forms.save.path.is_empty() {
                self.forms.save.path = self.default_session_path().display().to_string();
            }
            self.forms.save.open = true;
        }
    }

    fn show_export(&mut self) {
        if self.loaded.cmp.is_some() {
            if self.forms.export.path.is_empty() {
                self.forms.export.path = default_export_path(self.forms.export.format)
                    .display()
                    .to_string();
            }
            self.forms.export.open = true;
        }
    }

    fn paste(&mut self, side: Side, ctx: &egui::Context) {
        match arboard::Clipboard::new().and_then(|mut c| c.get_text()) {
            Ok(text) if !text.trim().is_empty() => {
                let name = "pasted text".to_string();
                self.load_side(ctx, side, Input::Text { name, text }, None);
            }
            Ok(_) => self.messages.notice = Some("The clipboard holds no text.".to_string()),
            Err(e) => {
                self.messages.notice = Some(format!(
                    "Cannot read the clipboard ({e}). Paste into \"Type or paste the text\" with Ctrl+V instead."
                ));
            }
        }
    }

    /// Records an analyst's edit (undoable) and shows its result.
    pub(super) fn record(&mut self, action: Action) {
        let Some(cmp) = &self.loaded.cmp else { return };
        if let Some(edit) = action.resolve(cmp) {
            self.work.edit(edit);
            self.refresh_comparison();
        }
    }

    fn open_note(&mut self, target: NoteOn) {
        let Some(cmp) = &self.loaded.cmp else { return };
        let Some(recorded) = target.resolve(cmp) else {
            return;
        };
        let heading = match &target {
            NoteOn::Claim(id) => {
                let (label, excerpt) = cmp
                    .claim(*id)
                    .map(|c| {
                        (
                            c.id.as_str(),
                            crate::curation::excerpt(cmp.side(id.side).claim_text(id.index)),
                        )
                    })
                    .unwrap_or_default();
                format!("Note on claim {label}: {excerpt}")
            }
            NoteOn::Topic(topic) => format!(
                "Note on the topic {}",
                cmp.topic(topic)
                    .map_or(topic.as_str(), |t| t.label.as_str())
            ),
        };
        let text = self
            .work
            .decisions
            .note(&recorded)
            .unwrap_or_default()
            .to_string();
        self.forms.note = Some(NoteForm {
            target,
            heading,
            text,
            fresh: true,
        });
    }

    fn save_session(&mut self, path: &Path) {
        match self.work.save(path) {
            Ok(()) => {
                self.autosave.clear();
                self.forms.save.open = false;
                self.forms.save.path = path.display().to_string();
                self.view.prefs.remember_file(path.to_path_buf());
                self.messages.banner = Some(Banner::info(format!(
                    "Saved the session to {}",
                    path.display()
                )));
            }
            Err(e) => {
                self.messages.banner = Some(Banner::error(format!(
                    "Could not save the session: {e:#}. Nothing was lost: the previous file is unchanged."
                )));
            }
        }
    }

    /// `~/<a>-vs-<b>.parallax`, from the sides' labels.
    pub(super) fn default_session_path(&self) -> PathBuf {
        let name: String = self
            .work_name()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let name = name
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let name = if name.is_empty() {
            "comparison".to_string()
        } else {
            name
        };
        home().join(format!("{name}.{}", session::EXTENSION))
    }

    /// The encoding chosen on a side's card (`None` detects it).
    fn encoding(&self, side: Side) -> crate::ingest::ForcedEncoding {
        start::ENCODINGS
            .get(self.forms.start.encoding[side.index()])
            .and_then(|e| e.1)
    }

    /// Loads one side, keeping the other, and recomputes.
    fn load_side(&mut self, ctx: &egui::Context, side: Side, input: Input, path: Option<PathBuf>) {
        let mut inputs: [Option<Input>; 2] = [None, None];
        let mut paths = self.loaded.paths.clone();
        for s in Side::BOTH {
            inputs[s.index()] = self.loaded.readouts[s.index()]
                .clone()
                .map(|r| Input::Loaded(Box::new(r)));
        }
        inputs[side.index()] = Some(input);
        paths[side.index()] = path;
        self.start_job(ctx, inputs, paths);
    }

    pub(super) fn start_job(
        &mut self,
        ctx: &egui::Context,
        inputs: [Option<Input>; 2],
        paths: [Option<PathBuf>; 2],
    ) {
        self.messages.notice = None;
        self.job = Some(Running {
            job: Job::spawn(Arc::clone(&self.engine), inputs, self.fetch.clone(), ctx),
            paths,
            triple: None,
            restoring: None,
        });
    }

    fn export_to(&mut self, format: Format, path: &Path) {
        let Some(cmp) = &self.loaded.cmp else { return };
        let text = report::render(cmp, format);
        self.messages.banner = Some(match fsutil::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.forms.export.open = false;
                Banner::info(format!(
                    "Saved the {} report to {}",
                    format_name(format),
                    path.display()
                ))
            }
            Err(e) => Banner::error(format!("Could not save {}: {e}", path.display())),
        });
    }
}

/// The path with the session extension added unless it has it.
fn with_session_extension(path: PathBuf) -> PathBuf {
    if session::is_session_path(&path) {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(session::EXTENSION);
        PathBuf::from(name)
    }
}

/// The user's home folder, or the current folder when there is none.
fn home() -> PathBuf {
    std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// A readable name of a format for buttons and messages.
pub(super) fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Md => "Markdown",
        Format::Json => "JSON",
        Format::Csv => "CSV",
    }
}

/// `~/parallax-comparison.<ext>`.
pub(super) fn default_export_path(format: Format) -> PathBuf {
    home().join(format!("parallax-comparison.{}", format.extension()))
}
