//! The navigator: view switch, filters, search, the topics with per-side counts and a
//! coverage bar (clicking a topic jumps to it), and the framing section.

use eframe::egui::{self, Color32, Response, RichText, Sense, Ui};

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
    let selected_topic = view
        .selection
        .and_then(|id| cmp.claim(id))
        .map(|c| &c.topic);
    egui::ScrollArea::vertical()
        .id_salt("navigator")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for topic in &cmp.topics {
                let counts = Side::BOTH.map(|s| (topic.claims(s).len(), theme::side_accent(s)));
                let entry = TopicEntry {
                    label: &topic.label,
                    color: theme::hex(&topic.color),
                    counts: &counts,
                    only: topic
                        .one_sided()
                        .map(|s| ("one-sided".to_string(), theme::side_accent(s))),
                    note: (topic.note.is_some() || topic.custom)
                        .then(|| topic.note.as_deref().unwrap_or("your topic")),
                    selected: selected_topic == Some(&topic.id),
                };
                let response = topic_entry(ui, &entry);
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
            }
            ui.add_space(6.0);
            ui.separator();
            super::framing_panel::show(ui, cmp, view.selection, commands);
        });
}

/// The left panel that holds a navigator, sized for the window's `width`: at most a quarter of
/// it by default, so narrow windows keep room for the reading columns.
pub fn panel(width: f32) -> egui::Panel {
    egui::Panel::left("navigator")
        .resizable(true)
        .default_size(250.0_f32.min(width * 0.25))
        .max_size((width * 0.3).max(160.0))
}

/// One topic in a navigator's list, as [`topic_entry`] draws it.
pub struct TopicEntry<'a> {
    /// The topic's name.
    pub label: &'a str,
    /// Its swatch's colour.
    pub color: Color32,
    /// Its claims per side (or witness), each with that side's colour.
    pub counts: &'a [(usize, Color32)],
    /// Who alone covers the topic, as a word in that side's colour ("one-sided", "only c").
    pub only: Option<(String, Color32)>,
    /// The analyst's mark with this hover text, when the topic has a note or is the analyst's.
    pub note: Option<&'a str>,
    /// Whether the selected claim is under this topic (the entry is tinted).
    pub selected: bool,
}

/// Draws one topic of a navigator's list: its swatch and name, a coverage bar and the counts
/// (`3 · 1`), the selection's tint when `selected`. The response senses clicks; screen readers
/// hear a button, pressed when selected.
pub fn topic_entry(ui: &mut Ui, entry: &TopicEntry<'_>) -> Response {
    // On the selection's tint the ordinary and weak text colours read poorly (about 2.4:1 in
    // the dark theme), so a selected entry's words take the strong text colour.
    let (fill, strong) = if entry.selected {
        let visuals = ui.visuals();
        (
            theme::selected_tint(visuals),
            Some(visuals.strong_text_color()),
        )
    } else {
        (Color32::TRANSPARENT, None)
    };
    let tinted = |text: RichText, color: Option<Color32>| match strong.or(color) {
        Some(c) => text.color(c),
        None => text,
    };
    // The scope's response is the parent of the labels, which name it for screen readers.
    let response = ui
        .scope(|ui| {
            egui::Frame::new()
                .fill(fill)
                .corner_radius(3.0)
                .inner_margin(egui::Margin::symmetric(3, 2))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(4.0, 16.0), Sense::hover());
                        ui.painter().rect_filled(rect, 1.0, entry.color);
                        let label = tinted(RichText::new(entry.label), None);
                        ui.add(egui::Label::new(label).wrap().selectable(false));
                        if let Some(note) = entry.note {
                            ui.label(RichText::new("✎").small().weak())
                                .on_hover_text(note);
                        }
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(10.0);
                        coverage_bar(ui, entry.counts);
                        let counts: Vec<String> =
                            entry.counts.iter().map(|(n, _)| n.to_string()).collect();
                        let weak = ui.visuals().weak_text_color();
                        ui.label(tinted(
                            RichText::new(counts.join(" · ")).small(),
                            Some(weak),
                        ));
                        if let Some((word, color)) = &entry.only {
                            ui.label(tinted(RichText::new(word).small(), Some(*color)));
                        }
                    });
                })
        })
        .response
        .interact(Sense::click());
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::new(egui::accesskit::Role::Button);
        info.selected = Some(entry.selected);
        info
    });
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    ui.add_space(2.0);
    response
}

/// A small bar: the share of the topic's claims on each side (or witness), in its colour.
fn coverage_bar(ui: &mut Ui, counts: &[(usize, Color32)]) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(60.0, 8.0), Sense::hover());
    let total = counts.iter().map(|(n, _)| n).sum::<usize>().max(1);
    let painter = ui.painter();
    let mut left = rect.left();
    for &(n, color) in counts {
        #[expect(clippy::cast_precision_loss, reason = "a bar width")]
        let width = rect.width() * n as f32 / total as f32;
        painter.rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(left, rect.min.y),
                egui::pos2(left + width, rect.max.y),
            ),
            0.0,
            color,
        );
        left += width;
    }
}
