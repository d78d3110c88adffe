//! The start screen: open readouts (dialog, typed path, link, paste, drop, recent), or the
//! sample.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, Ui};

use crate::model::Side;

use super::command::Command;
use super::state::Prefs;
use super::theme;

/// Encodings the user can choose for a side: a label and the encoding (`None` = detect).
pub const ENCODINGS: &[(&str, Option<&encoding_rs::Encoding>)] = &[
    ("Detect", None),
    ("UTF-8", Some(encoding_rs::UTF_8)),
    ("UTF-16LE", Some(encoding_rs::UTF_16LE)),
    ("UTF-16BE", Some(encoding_rs::UTF_16BE)),
    ("Windows-1251 (Cyrillic)", Some(encoding_rs::WINDOWS_1251)),
    ("KOI8-R (Cyrillic)", Some(encoding_rs::KOI8_R)),
    ("Windows-1252 (Western)", Some(encoding_rs::WINDOWS_1252)),
];

/// The placeholder of each side card's link field (the app's tests find the field by it).
pub const LINK_HINT: &str = "or paste a link (https://…)";

/// Text fields of the start screen, per side.
#[derive(Debug, Default)]
pub struct StartFields {
    /// A typed or pasted path.
    pub path: [String; 2],
    /// A typed or pasted link (http or https).
    pub link: [String; 2],
    /// Text typed or pasted as a readout.
    pub text: [String; 2],
    /// Index into [`ENCODINGS`] of each side's encoding choice.
    pub encoding: [usize; 2],
}

/// What each side currently holds: its source name and claim count, if loaded.
pub type SideSummary = [Option<String>; 2];

/// Draws the start screen.
pub fn show(
    ui: &mut Ui,
    prefs: &Prefs,
    loaded: &SideSummary,
    labels: [&str; 2],
    fields: &mut StartFields,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .id_salt("start")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                ui.heading(RichText::new("Parallax").size(28.0).strong());
                ui.label("Compare two official readouts of the same call, aligned by topic.");
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    let width = 420.0f32.min(ui.available_width());
                    ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                    if ui
                        .button("Open readouts…")
                        .on_hover_text("Choose two files: left, then right (Ctrl+O)")
                        .clicked()
                    {
                        commands.push(Command::BrowseBoth);
                    }
                    if ui
                        .button("Open the sample: Blinken–Lavrov call, 29 July 2022")
                        .clicked()
                    {
                        commands.push(Command::OpenSample);
                    }
                });
                if ui
                    .link("The same call with the Foreign Ministry's account in Russian")
                    .on_hover_text("The US readout beside the Russian-language original")
                    .clicked()
                {
                    commands.push(Command::OpenRussianSample);
                }
                if ui
                    .link("Three witnesses of the same call: the US readout, the Ministry's Russian original and its English version")
                    .on_hover_text("Three readouts compared pair by pair, in three columns")
                    .clicked()
                {
                    commands.push(Command::OpenThreeSample);
                }
                ui.label(
                    RichText::new(
                        "…or drop a file on the left or right half of the window, or a .parallax session anywhere.",
                    )
                        .weak(),
                );
            });
            ui.add_space(12.0);
            ui.columns(2, |cols| {
                for side in Side::BOTH {
                    side_card(
                        &mut cols[side.index()],
                        side,
                        prefs,
                        loaded,
                        labels,
                        fields,
                        commands,
                    );
                }
            });
            recent_comparisons(ui, prefs, commands);
        });
}

/// The recent comparisons: pairs ("a  ↔  b"), then three witnesses ("a  ·  b  ·  c", marked as
/// such); a click opens one again.
fn recent_comparisons(ui: &mut Ui, prefs: &Prefs, commands: &mut Vec<Command>) {
    if prefs.recent_pairs.is_empty() && prefs.recent_triples.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Recent comparisons").strong());
    for (a, b) in &prefs.recent_pairs {
        if recent_link(ui, &[a, b], "  ↔  ", None) {
            commands.push(Command::OpenPair(a.clone(), b.clone()));
        }
    }
    for files in &prefs.recent_triples {
        let [a, b, c] = files;
        if recent_link(ui, &[a, b, c], "  ·  ", Some("three witnesses")) {
            commands.push(Command::OpenThree(files.to_vec()));
        }
    }
}

/// A recent comparison's link: its files' short names joined by `separator`, their full paths
/// on hover, then what kind of comparison it is (`note`), if said. Whether it was clicked.
fn recent_link(ui: &mut Ui, files: &[&PathBuf], separator: &str, note: Option<&str>) -> bool {
    let names: Vec<String> = files.iter().map(|p| short(p)).collect();
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    ui.horizontal_wrapped(|ui| {
        let clicked = ui
            .link(names.join(separator))
            .on_hover_text(paths.join("\n"))
            .clicked();
        if let Some(note) = note {
            ui.label(RichText::new(note).small().weak());
        }
        clicked
    })
    .inner
}

fn side_card(
    ui: &mut Ui,
    side: Side,
    prefs: &Prefs,
    loaded: &SideSummary,
    labels: [&str; 2],
    fields: &mut StartFields,
    commands: &mut Vec<Command>,
) {
    let k = side.index();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = if side == Side::A {
            "Left readout (side a)"
        } else {
            "Right readout (side b)"
        };
        ui.label(
            RichText::new(title)
                .strong()
                .color(theme::side_accent(side)),
        );
        // Not justified as the columns are: egui justifies a wrapped line by spacing its letters,
        // and a line that breaks before the long SHA-256 came out letter-spaced.
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            match &loaded[k] {
                Some(summary) => ui.label(format!("{} — {summary}", labels[k])),
                None => ui.label(RichText::new("empty").weak()),
            };
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("Open…").clicked() {
                commands.push(Command::BrowseReadout(side));
            }
            if ui.button("Paste from clipboard").clicked() {
                commands.push(Command::PasteFromClipboard(side));
            }
        });
        ui.horizontal(|ui| {
            let edit = egui::TextEdit::singleline(&mut fields.path[k])
                .hint_text("or type a path")
                .desired_width(ui.available_width() - 60.0);
            let response = ui.add(edit);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Open").clicked() || enter) && !fields.path[k].trim().is_empty() {
                commands.push(Command::OpenReadout(
                    side,
                    PathBuf::from(fields.path[k].trim()),
                ));
            }
        });
        ui.horizontal(|ui| {
            let edit = egui::TextEdit::singleline(&mut fields.link[k])
                .hint_text(LINK_HINT)
                .desired_width(ui.available_width() - 90.0);
            let response = ui.add(edit).on_hover_text(
                "A readout's address (state.gov, kremlin.ru, mid.ru, fmprc.gov.cn …): \
                 downloaded and read as the saved page would be",
            );
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Open link").clicked() || enter) && !fields.link[k].trim().is_empty() {
                commands.push(Command::OpenLink(side, fields.link[k].trim().to_string()));
            }
        });
        let current = ENCODINGS.get(fields.encoding[k]).map_or("Detect", |e| e.0);
        egui::ComboBox::new(("encoding", k), "Encoding")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, (name, _)) in ENCODINGS.iter().enumerate() {
                    ui.selectable_value(&mut fields.encoding[k], i, *name);
                }
            });
        egui::CollapsingHeader::new("Type or paste the text")
            .id_salt(("paste", k))
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut fields.text[k])
                        .desired_rows(5)
                        .desired_width(f32::INFINITY),
                );
                if ui.button("Use this text").clicked() && !fields.text[k].trim().is_empty() {
                    commands.push(Command::UseText(
                        side,
                        "typed text".to_string(),
                        fields.text[k].clone(),
                    ));
                }
            });
        if !prefs.recent_files.is_empty() {
            egui::CollapsingHeader::new("Recent files")
                .id_salt(("recent", k))
                .show(ui, |ui| {
                    for path in &prefs.recent_files {
                        if ui
                            .link(short(path))
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            commands.push(Command::OpenReadout(side, path.clone()));
                        }
                    }
                });
        }
    });
}

/// The file name and its folder's name, enough to tell recent entries apart.
fn short(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match path.parent().and_then(Path::file_name) {
        Some(dir) => format!("{}/{name}", dir.to_string_lossy()),
        None => name,
    }
}
