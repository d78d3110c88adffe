//! Keyboard shortcuts and dropped files, turned into commands.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::model::Side;

use super::super::command::Command;
use super::ParallaxApp;

/// Shortcuts that work wherever the keyboard focus is, checked in this order (Shift variants
/// first: a plain shortcut also matches with Shift held).
const GLOBAL: &[(Modifiers, Key, Command)] = &[
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::S,
        Command::ShowSaveSessionAs,
    ),
    (Modifiers::COMMAND, Key::S, Command::SaveSession),
    (Modifiers::COMMAND, Key::O, Command::BrowseBoth),
    (Modifiers::COMMAND, Key::F, Command::FocusSearch),
    (Modifiers::COMMAND, Key::E, Command::ShowExport),
    (Modifiers::COMMAND, Key::L, Command::ToggleScrollTogether),
    (Modifiers::SHIFT, Key::F7, Command::NextOneSided(false)),
    (Modifiers::NONE, Key::F7, Command::NextOneSided(true)),
    (Modifiers::NONE, Key::F1, Command::ToggleHelp),
];

/// Shortcuts that belong to a text field while one has the focus (Ctrl+Z undoes typing there).
const OUTSIDE_TEXT: &[(Modifiers, Key, Command)] = &[
    (
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::Z,
        Command::Redo,
    ),
    (Modifiers::COMMAND, Key::Y, Command::Redo),
    (Modifiers::COMMAND, Key::Z, Command::Undo),
    (Modifiers::NONE, Key::N, Command::NextOneSided(true)),
    (Modifiers::NONE, Key::P, Command::NextOneSided(false)),
];

impl ParallaxApp {
    /// Keyboard shortcuts and dropped files.
    pub(super) fn handle_input(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let typing = ctx.egui_wants_keyboard_input();
        let selection = self.view.selection;
        ctx.input_mut(|i| {
            let mut consume = |table: &[(Modifiers, Key, Command)]| {
                for (modifiers, key, command) in table {
                    if i.consume_shortcut(&KeyboardShortcut::new(*modifiers, *key)) {
                        commands.push(command.clone());
                    }
                }
            };
            consume(GLOBAL);
            if !typing {
                consume(OUTSIDE_TEXT);
            }
            if !typing
                && let Some(sel) = selection
                && i.consume_shortcut(&KeyboardShortcut::new(Modifiers::NONE, Key::L))
            {
                commands.push(Command::StartLink(sel));
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::NONE, Key::Escape)) {
                commands.push(Command::Escape);
            }
            let dropped: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect();
            if !dropped.is_empty() {
                let mid = i.viewport_rect().center().x;
                let x = i.pointer.latest_pos().map_or(0.0, |p| p.x);
                match dropped.as_slice() {
                    [one] => {
                        let side = if x > mid { Side::B } else { Side::A };
                        commands.push(Command::OpenReadout(side, one.clone()));
                    }
                    [a, b] => commands.push(Command::OpenPair(a.clone(), b.clone())),
                    [_, _, _] => commands.push(Command::OpenThree(dropped.clone())),
                    [a, b, ..] => commands.push(Command::OpenPair(a.clone(), b.clone())),
                    [] => {}
                }
            }
        });
    }
}
