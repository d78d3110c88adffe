//! Native file dialogs, each on its own thread so the window keeps drawing; their answers come
//! back over a channel and are read each frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::model::Side;
use crate::report::Format;
use crate::session;

use super::super::command::Command;
use super::ParallaxApp;
use super::command_handling::default_export_path;

/// A file dialog that answers faster than this did not show at all (no desktop portal).
const DIALOG_MIN: Duration = Duration::from_millis(250);

/// What a file dialog thread answered, and how long it was open.
#[derive(Debug)]
enum Answer {
    Open(Side, Option<PathBuf>, Duration),
    OpenBoth(Vec<PathBuf>, Duration),
    Third(Option<PathBuf>, Duration),
    Save(Format, Option<PathBuf>, Duration),
    SaveSession(Option<PathBuf>, Duration),
}

/// The channel the dialog threads answer on.
pub(super) struct Dialogs {
    tx: Sender<Answer>,
    rx: Receiver<Answer>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Dialogs { tx, rx }
    }
}

impl Dialogs {
    /// Runs `dialog` on its own thread and wakes the window when it answers.
    fn spawn(&self, ctx: &egui::Context, dialog: impl FnOnce() -> Answer + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The app may have closed meanwhile; then nobody waits for the answer.
            let _ = tx.send(dialog());
            ctx.request_repaint();
        });
    }
}

impl ParallaxApp {
    pub(super) fn browse_open(&self, side: Option<Side>, ctx: &egui::Context) {
        self.dialogs.spawn(ctx, move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new()
                .set_title("Open a readout")
                .add_filter(
                    "Readouts and sessions",
                    &[
                        "txt", "md", "markdown", "text", "html", "htm", "pdf", "docx", "parallax",
                    ],
                )
                .add_filter("All files", &["*"]);
            match side {
                Some(side) => Answer::Open(side, dialog.pick_file(), started.elapsed()),
                None => {
                    Answer::OpenBoth(dialog.pick_files().unwrap_or_default(), started.elapsed())
                }
            }
        });
    }

    /// The open dialog for a third readout of the comparison on screen.
    pub(super) fn browse_third(&self, ctx: &egui::Context) {
        self.dialogs.spawn(ctx, move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new()
                .set_title("Add a third readout")
                .add_filter(
                    "Readouts",
                    &[
                        "txt", "md", "markdown", "text", "html", "htm", "pdf", "docx",
                    ],
                )
                .add_filter("All files", &["*"]);
            Answer::Third(dialog.pick_file(), started.elapsed())
        });
    }

    pub(super) fn browse_save(&self, format: Format, ctx: &egui::Context) {
        let name = default_export_path(format);
        self.dialogs.spawn(ctx, move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title("Export the comparison");
            if let Some(file) = name.file_name() {
                dialog = dialog.set_file_name(file.to_string_lossy());
            }
            Answer::Save(format, dialog.save_file(), started.elapsed())
        });
    }

    pub(super) fn browse_save_session(&self, ctx: &egui::Context) {
        let name = self.default_session_path();
        self.dialogs.spawn(ctx, move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new()
                .set_title("Save the session")
                .add_filter("Parallax session", &[session::EXTENSION]);
            if let Some(file) = name.file_name() {
                dialog = dialog.set_file_name(file.to_string_lossy());
            }
            Answer::SaveSession(dialog.save_file(), started.elapsed())
        });
    }

    /// Applies the answers of dialogs that closed since the last frame.
    pub(super) fn poll_dialogs(&mut self, ctx: &egui::Context) {
        while let Ok(answer) = self.dialogs.rx.try_recv() {
            self.answer(answer, ctx);
        }
    }

    fn answer(&mut self, answer: Answer, ctx: &egui::Context) {
        const UNAVAILABLE: &str = "No file dialog is available on this desktop (no desktop portal answered). \
             Type or paste a path instead, or drop the file on the window.";
        match answer {
            Answer::Open(side, Some(path), _) => self.apply(Command::OpenReadout(side, path), ctx),
            Answer::OpenBoth(files, elapsed) if files.is_empty() => {
                if elapsed < DIALOG_MIN {
                    self.messages.notice = Some(UNAVAILABLE.to_string());
                    self.show_start = true;
                }
            }
            Answer::OpenBoth(files, _)
                if files.len() == 1 && session::is_session_file(&files[0]) =>
            {
                let path = files[0].clone();
                self.apply(Command::OpenSession(path), ctx);
            }
            Answer::OpenBoth(files, _) if files.len() == 3 => {
                self.apply(Command::OpenThree(files), ctx);
            }
            Answer::Third(Some(path), _) => self.apply(Command::AddThird(path), ctx),
            Answer::OpenBoth(files, _) => {
                let mut files = files.into_iter();
                if let (Some(a), Some(b)) = (files.next(), files.next()) {
                    self.apply(Command::OpenPair(a, b), ctx);
                } else {
                    self.messages.notice = Some(
                        "Choose two files (hold Ctrl), or open each side separately.".to_string(),
                    );
                }
            }
            Answer::Save(format, Some(path), _) => {
                self.forms.export.format = format;
                self.forms.export.path = path.display().to_string();
                self.apply(Command::Export(format, path), ctx);
            }
            Answer::SaveSession(Some(path), _) => {
                self.forms.save.path = path.display().to_string();
                self.apply(Command::SaveSessionAs(path), ctx);
            }
            Answer::Open(_, None, elapsed)
            | Answer::Third(None, elapsed)
            | Answer::Save(_, None, elapsed)
            | Answer::SaveSession(None, elapsed) => {
                if elapsed < DIALOG_MIN {
                    self.messages.notice = Some(UNAVAILABLE.to_string());
                    if self.loaded.cmp.is_none() {
                        self.show_start = true;
                    }
                }
            }
        }
    }
}
