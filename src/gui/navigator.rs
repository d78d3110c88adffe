//! The navigator: view switch, filters, search, the topics with per-side counts and a
//! coverage bar (clicking a topic jumps to it), and the framing section.

use eframe::egui::{self, RichText, Sense, Ui};

use crate::model::{Comparison, Side};

use super::command::Command;
use super::state::{Filter, ViewMode, ViewState};
use super::theme;

/// Id of the search box, so Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("parallax-search")
}

/// Draws the navigator.
pub fn show(ui: &mut Ui, cmp: &Comparison, view: &mut ViewState, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for (mode, label) in [
            (ViewMode::Topics, "Topics"),
            (ViewMode::Document, "Document"),
        ] {
            if ui
                .selectable_label(view.prefs.view == mode, label)
                .clicked()
            {
                commands.push(Command::SetView(mode));
            }
        }
    });
    ui.separator();
    let search = egui::TextEdit::singleline(&mut view.search)
        .id(search_id())
        .hint_text("Search claims (Ctrl+F)")
        .desired_width(f32::INFINITY);
    let response = ui.add(search);
    if std::mem::take(&mut view.focus_search) {
        response.request_focus();
    }
    ui.horizontal_wrapped(|ui| {
        for (filter, label) in [
            (Filter::All, "All"),
            (Filter::OneSided, "Only one-sided"),
            (Filter::Matched, "Only matched"),
            (Filter::Framing, "With framing"),
        ] {
            if ui.radio(view.filter == filter, label).clicked() {
                commands.push(Command::SetFilter(filter));
            }
        }
    });
    ui.separator();
    ui.label(RichText::new("Topics").strong());
    egui::ScrollArea::vertical()
        .id_salt("navigator")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for topic in &cmp.topics {
                let response = ui
                    .scope(|ui| {
                        ui.horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(egui::vec2(4.0, 16.0), Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 1.0, theme::hex(&topic.color));
                            ui.add(egui::Label::new(&topic.label).wrap().selectable(false));
                            if topic.note.is_some() || topic.custom {
                                ui.label(RichText::new("✎").small().weak())
                                    .on_hover_text(topic.note.as_deref().unwrap_or("your topic"));
                            }
                        });
                        ui.horizontal(|ui| {
                            ui.add_space(10.0);
                            coverage_bar(ui, topic.a.len(), topic.b.len());
                            ui.label(
                                RichText::new(format!("{} · {}", topic.a.len(), topic.b.len()))
                                    .small()
                                    .weak(),
                            );
                            if let Some(side) = topic.one_sided() {
                                ui.label(
                                    RichText::new("one-sided")
                                        .small()
                                        .color(theme::side_accent(side)),
                                );
                            }
                        });
                    })
                    .response
                    .interact(Sense::click());
                if response.clicked() {
                    commands.push(Command::JumpToTopic(topic.id.clone()));
                }
                response.context_menu(|ui| {
                    let label = if topic.note.is_some() {
                        "Edit the note on this topic…"
                    } else {
                        "Add a note on this topic…"
                    };
                    if ui.button(label).clicked() {
                        commands.push(Command::EditNote(crate::curation::NoteOn::Topic(
                            topic.id.clone(),
                        )));
                    }
                });
                response.on_hover_cursor(egui::CursorIcon::PointingHand);
                ui.add_space(2.0);
            }
            ui.add_space(6.0);
            ui.separator();
            super::framing_panel::show(ui, cmp, view.selection, commands);
        });
}

/// A small bar: the share of the topic's claims on each side, in the sides' colours.
fn coverage_bar(ui: &mut Ui, a: usize, b: usize) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(60.0, 8.0), Sense::hover());
    let total = (a + b).max(1);
    #[expect(clippy::cast_precision_loss, reason = "a bar width")]
    let split = rect.left() + rect.width() * a as f32 / total as f32;
    let painter = ui.painter();
    painter.rect_filled(
        egui::Rect::from_min_max(rect.min, egui::pos2(split, rect.max.y)),
        0.0,
        theme::side_accent(Side::A),
    );
    painter.rect_filled(
        egui::Rect::from_min_max(egui::pos2(split, rect.min.y), rect.max),
        0.0,
        theme::side_accent(Side::B),
    );
}
