//! The windows around sessions and notes: "save changes?" before closing, "save session as",
//! the note editor. Each draws and pushes commands; the app applies them.

use eframe::egui::{self, RichText};

use crate::curation::{Action, NoteOn};

use super::app::Pending;
use super::command::Command;

/// The "save session as" window's fields.
#[derive(Debug, Default)]
pub struct SaveForm {
    /// Whether the window is open.
    pub open: bool,
    /// The path typed or chosen.
    pub path: String,
}

/// The note editor: its target, a heading naming it, and the text being written.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteForm {
    /// What the note is on.
    pub target: NoteOn,
    /// "Note on claim a3", "Note on topic Grain exports".
    pub heading: String,
    /// The text being edited.
    pub text: String,
    /// Whether the editor has just opened (it takes the keyboard focus).
    pub fresh: bool,
}

/// Asks whether to save before `pending` goes ahead.
pub fn confirm(ctx: &egui::Context, name: &str, pending: &Pending, commands: &mut Vec<Command>) {
    let what = match pending {
        Pending::Close => "Closing",
        Pending::OpenSession(_) => "Opening another session",
        Pending::NewComparison(_) | Pending::RussianSample => "Opening other readouts",
        Pending::Three(_) => "Opening three witnesses",
    };
    egui::Modal::new(egui::Id::unique("confirm-unsaved")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save your changes?");
        ui.add_space(4.0);
        ui.label(format!(
            "{name} has manual decisions or notes that are not saved. {what} without saving loses them."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::ConfirmSave);
            }
            if ui.button("Don't save").clicked() {
                commands.push(Command::ConfirmDiscard);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::ConfirmCancel);
            }
        });
    });
}

/// The "save session as" window: a path, Browse…, Save.
pub fn save_as(ctx: &egui::Context, form: &mut SaveForm, commands: &mut Vec<Command>) {
    let mut open = form.open;
    egui::Window::new("Save session as")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(
                    "A session keeps both readouts, your links, topics and notes in one .parallax file.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                ui.label("Save to");
                let field = ui.add(egui::TextEdit::singleline(&mut form.path).desired_width(360.0));
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Browse…").clicked() {
                    commands.push(Command::BrowseSaveSession);
                }
                let path = form.path.trim();
                if (ui.button("Save").clicked() || entered) && !path.is_empty() {
                    commands.push(Command::SaveSessionAs(path.into()));
                }
            });
        });
    form.open = open && form.open;
}

/// The note editor window.
pub fn note(ctx: &egui::Context, form: &mut Option<NoteForm>, commands: &mut Vec<Command>) {
    let Some(f) = form else { return };
    let mut open = true;
    let mut close = false;
    egui::Window::new("Note")
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(380.0)
        .show(ctx, |ui| {
            ui.label(RichText::new(&f.heading).strong());
            let edit = egui::TextEdit::multiline(&mut f.text)
                .desired_rows(5)
                .desired_width(f32::INFINITY)
                .hint_text("Your note (kept in the session and printed in reports)");
            let response = ui.add(edit);
            if std::mem::take(&mut f.fresh) {
                response.request_focus();
            }
            ui.horizontal(|ui| {
                let save = ui.button("Save note").on_hover_text("Ctrl+Enter");
                let shortcut = ui.input_mut(|i| {
                    i.consume_shortcut(&egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND,
                        egui::Key::Enter,
                    ))
                });
                if save.clicked() || shortcut {
                    commands.push(Command::Edit(Action::Note(
                        f.target.clone(),
                        f.text.clone(),
                    )));
                    close = true;
                }
                if ui
                    .button("Delete note")
                    .on_hover_text("Remove the note")
                    .clicked()
                {
                    commands.push(Command::Edit(Action::Note(f.target.clone(), String::new())));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    if close || !open {
        *form = None;
    }
}
