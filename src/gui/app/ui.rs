//! The panels and windows. Drawing reads the state and pushes commands; nothing here changes
//! the comparison or the work.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use crate::model::{Comparison, TopicId};
use crate::report::Format;

use super::super::command::Command;
use super::super::state::ViewMode;
use super::super::{details, document_view, navigator, session_ui, start, topic_view};
use super::ParallaxApp;
use super::command_handling::format_name;

/// Window width from which the details stand beside the views rather than below them: below it,
/// the navigator (≤ 250 px) and the details (320 px) would leave each reading column under 280 px.
const WIDE: f32 = 1180.0;

impl ParallaxApp {
    /// Draws the window.
    pub(super) fn draw(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui, commands));
        match self.loaded.cmp.clone().filter(|_| !self.show_start) {
            Some(_) if self.three.is_some() => self.three_panels(ui, commands),
            Some(cmp) => self.comparison_panels(ui, &cmp, commands),
            None => {
                egui::CentralPanel::default().show(ui, |ui| self.start_screen(ui, commands));
            }
        }
        // Messages float over the top of the views instead of pushing them down.
        if self.messages.banner.is_some() || self.messages.notice.is_some() || self.orphan.is_some()
        {
            let width = ctx.content_rect().width();
            egui::Area::new(egui::Id::unique("banners"))
                .order(egui::Order::Foreground)
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 36.0))
                .show(&ctx, |ui| {
                    ui.set_max_width((width * 0.8).max(320.0));
                    self.banners(ui, commands);
                });
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            drop_hint(&ctx);
        }
        self.help_window(&ctx);
        self.export_window(&ctx, commands);
        session_ui::save_as(&ctx, &mut self.forms.save, commands);
        if !self.forms.save.open {
            self.flow.save_window_closed();
        }
        session_ui::note(&ctx, &mut self.forms.note, commands);
        if let Some(pending) = self.flow.question() {
            session_ui::confirm(&ctx, &self.work_name(), pending, commands);
        }
    }

    /// The navigator, the details and the view of the comparison.
    fn comparison_panels(&mut self, ui: &mut Ui, cmp: &Comparison, commands: &mut Vec<Command>) {
        // Narrow windows keep room for the two columns: the navigator takes at most a quarter
        // of the width and the details move below the views.
        let width = ui.available_width();
        navigator::panel(width).show(ui, |ui| navigator::show(ui, cmp, &mut self.view, commands));
        let topics = self.topic_choices();
        let mut details = |ui: &mut Ui, commands: &mut Vec<Command>| {
            let cx = details::Context {
                index: &self.loaded.index,
                selection: self.view.selection,
                linking: self.view.linking,
                topics: &topics,
                new_topic: &mut self.forms.new_topic,
                stale: &self.loaded.stale,
            };
            details::show(ui, cmp, cx, commands);
        };
        if width >= WIDE {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(320.0)
                .max_size(width * 0.35)
                .show(ui, |ui| details(ui, commands));
        } else {
            egui::Panel::bottom("details-below")
                .resizable(true)
                .default_size(200.0)
                .show(ui, |ui| details(ui, commands));
        }
        egui::CentralPanel::default().show(ui, |ui| match self.view.prefs.view {
            ViewMode::Topics => topic_view::show(
                ui,
                cmp,
                &self.loaded.rows,
                &mut self.topic_list,
                &mut self.view,
                commands,
            ),
            ViewMode::Document => document_view::show(
                ui,
                cmp,
                &self.loaded.index,
                &mut self.loaded.doc,
                &mut self.view,
                commands,
            ),
        });
    }

    fn start_screen(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let labels = [0, 1].map(|k| {
            self.loaded.readouts[k]
                .as_ref()
                .map_or("", |r| r.label.as_str())
        });
        let summary = self.summary();
        // Above the start screen's scrolling area, which takes the rest of the height.
        if self.loaded.cmp.is_some() {
            if ui
                .button("◀ Back to the comparison")
                .on_hover_text("Esc")
                .clicked()
            {
                self.show_start = false;
            }
            ui.separator();
        }
        start::show(
            ui,
            &self.view.prefs,
            &summary,
            labels,
            &mut self.forms.start,
            commands,
        );
    }

    fn toolbar(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Parallax").strong());
            ui.separator();
            if ui
                .button("Open readouts…")
                .on_hover_text("Ctrl+O")
                .clicked()
            {
                commands.push(Command::BrowseBoth);
            }
            if self.three.is_some() {
                Self::three_tools(ui, commands);
            } else if self.loaded.cmp.is_some() {
                self.comparison_tools(ui, commands);
            }
            ui.separator();
            let dark = ui.visuals().dark_mode;
            if ui
                .button(if dark {
                    "☀ Light theme"
                } else {
                    "☾ Dark theme"
                })
                .on_hover_text("Switch the theme")
                .clicked()
            {
                commands.push(Command::ToggleTheme);
            }
            if ui.button("Help").on_hover_text("F1").clicked() {
                commands.push(Command::ToggleHelp);
            }
        });
    }

    /// The toolbar's buttons that need a comparison.
    fn comparison_tools(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if ui
            .button("Sides…")
            .on_hover_text("Replace one readout, paste text, recent files")
            .clicked()
        {
            commands.push(Command::ToggleSides);
        }
        if ui.button("Export…").on_hover_text("Ctrl+E").clicked() {
            commands.push(Command::ShowExport);
        }
        if ui
            .button("Add a third readout…")
            .on_hover_text("Compare these two readouts with a third, as three witnesses")
            .clicked()
        {
            commands.push(Command::BrowseThird);
        }
        let save = ui
            .button(if self.work.is_dirty() {
                "Save session •"
            } else {
                "Save session"
            })
            .on_hover_text(
                "Save the session: readouts, links, topics, notes (Ctrl+S; Save as: Ctrl+Shift+S)",
            );
        if save.clicked() {
            commands.push(Command::SaveSession);
        }
        save.context_menu(|ui| {
            if ui.button("Save as…").clicked() {
                commands.push(Command::ShowSaveSessionAs);
            }
        });
        ui.separator();
        let buttons = [
            (
                self.work.can_undo(),
                "↶ Undo",
                "Undo the last edit (Ctrl+Z)",
                Command::Undo,
            ),
            (
                self.work.can_redo(),
                "↷ Redo",
                "Redo (Ctrl+Shift+Z)",
                Command::Redo,
            ),
        ];
        for (enabled, label, hint, command) in buttons {
            if ui
                .add_enabled(enabled, egui::Button::new(label))
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(command);
            }
        }
        ui.separator();
        let steps = [
            (
                "◀ one-sided",
                "Previous one-sided claim (Shift+F7, p)",
                false,
            ),
            ("one-sided ▶", "Next one-sided claim (F7, n)", true),
        ];
        for (label, hint, forward) in steps {
            if ui.button(label).on_hover_text(hint).clicked() {
                commands.push(Command::NextOneSided(forward));
            }
        }
    }

    fn status_bar(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            if let Some(running) = &self.job {
                ui.spinner();
                let stage = running
                    .job
                    .stage()
                    .unwrap_or_else(|| "Comparing…".to_string());
                ui.label(format!(
                    "{stage} {:.1} s",
                    running.job.started.elapsed().as_secs_f32()
                ));
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelJob);
                }
                ui.separator();
            }
            if self.three.is_some() {
                self.three_status(ui);
                return;
            }
            let Some(cmp) = &self.loaded.cmp else {
                ui.label("No comparison yet.");
                return;
            };
            let [a, b] = [&cmp.sides[0], &cmp.sides[1]];
            ui.label(format!("{}: {} claims", a.readout.label, a.claims.len()));
            ui.separator();
            ui.label(format!("{}: {} claims", b.readout.label, b.claims.len()));
            ui.separator();
            ui.label(format!("{} matches", cmp.matches.len()));
            ui.separator();
            ui.label(format!(
                "one-sided: {} in {}, {} in {}",
                cmp.one_sided[0].len(),
                a.readout.label,
                cmp.one_sided[1].len(),
                b.readout.label
            ));
            if let Some(elapsed) = self.loaded.elapsed {
                ui.separator();
                ui.label(format!("computed in {} ms", elapsed.as_millis()));
            }
        });
    }

    fn banners(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if let Some(orphan) = &self.orphan {
            restore_banner(ui, orphan, commands);
        }
        let messages = self
            .messages
            .banner
            .iter()
            .map(|b| (b.text.as_str(), b.is_error))
            .chain(self.messages.notice.iter().map(|n| (n.as_str(), false)));
        for (text, is_error) in messages {
            let fill = if is_error {
                egui::Color32::from_rgb(0xb0, 0x2a, 0x2a)
            } else {
                egui::Color32::from_rgb(0x2a, 0x5d, 0x9c)
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(text).color(egui::Color32::WHITE));
                        if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                            commands.push(Command::DismissBanner);
                        }
                    });
                });
        }
    }

    fn help_window(&mut self, ctx: &egui::Context) {
        const SHORTCUTS: &[(&str, &str)] = &[
            ("F7  or  n", "next one-sided claim"),
            ("Shift+F7  or  p", "previous one-sided claim"),
            ("Ctrl+F", "search claims"),
            ("Ctrl+E", "export the comparison"),
            ("Ctrl+O", "open readouts"),
            (
                "Ctrl+L",
                "document view: scroll the texts together, or each alone",
            ),
            ("Esc", "clear the selection, or leave link mode"),
            ("L", "link the selected claim with…"),
            ("Ctrl+Z", "undo an edit"),
            ("Ctrl+Shift+Z, Ctrl+Y", "redo"),
            ("Ctrl+S", "save the session"),
            ("Ctrl+Shift+S", "save the session as…"),
            ("F1", "this help"),
        ];
        let mut open = self.view.show_help;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in SHORTCUTS {
                            ui.label(RichText::new(*keys).monospace());
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
                ui.label("Drop one file on the left or right half of the window to load that side, two files to load both, or three to compare them as three witnesses.");
            });
        self.view.show_help = open;
    }

    fn export_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let three = self.three.is_some();
        let form = &mut self.forms.export;
        let mut open = form.open;
        let mut entered = false;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                if three {
                    ui.label("Three witnesses: the a–b report with witness c added (CSV has no place for a third side).");
                }
                ui.horizontal(|ui| {
                    for format in [Format::Html, Format::Md, Format::Json, Format::Csv] {
                        if ui
                            .radio(form.format == format, format_name(format))
                            .clicked()
                        {
                            form.format = format;
                            let path = PathBuf::from(&form.path).with_extension(format.extension());
                            form.path = path.display().to_string();
                        }
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("Save to");
                    let field =
                        ui.add(egui::TextEdit::singleline(&mut form.path).desired_width(360.0));
                    entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Browse…").clicked() {
                        commands.push(Command::BrowseExport(form.format));
                    }
                });
                if (ui.button("Save").clicked() || entered) && !form.path.trim().is_empty() {
                    commands.push(Command::Export(
                        form.format,
                        PathBuf::from(form.path.trim()),
                    ));
                }
            });
        form.open = open && form.open;
    }

    /// Topics a claim can be moved to: the taxonomy's, the analyst's, and "Other".
    fn topic_choices(&self) -> Vec<(TopicId, String)> {
        let mut topics: Vec<(TopicId, String)> = self
            .engine
            .taxonomy()
            .topics()
            .iter()
            .map(|t| (t.id.as_str().into(), t.label.clone()))
            .collect();
        topics.extend(
            self.work
                .decisions
                .topics
                .iter()
                .map(|t| (t.id.clone(), format!("{} (yours)", t.label))),
        );
        if !topics
            .iter()
            .any(|(id, _)| *id == crate::topics::FALLBACK_ID)
        {
            topics.push((
                crate::topics::FALLBACK_ID.into(),
                crate::topics::FALLBACK_LABEL.to_string(),
            ));
        }
        topics
    }

    fn summary(&self) -> start::SideSummary {
        [0, 1].map(|k| {
            self.loaded.readouts[k].as_ref().map(|r| {
                let mut parts = vec![format!("{} ({}, {})", r.source, r.format, r.encoding)];
                parts.extend(r.title.clone());
                parts.extend(r.date.clone());
                parts.extend(r.url.clone());
                parts.push(format!("SHA-256 {}", r.sha256));
                parts.join(" · ")
            })
        })
    }
}

/// "Parallax closed with unsaved work … Restore it?"
fn restore_banner(ui: &mut Ui, orphan: &std::path::Path, commands: &mut Vec<Command>) {
    let when = std::fs::metadata(orphan)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or_else(String::new, |d| match d.as_secs() / 60 {
            0 => " (less than a minute ago)".to_string(),
            1 => " (a minute ago)".to_string(),
            m if m < 120 => format!(" ({m} minutes ago)"),
            m => format!(" ({} hours ago)", m / 60),
        });
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(0x8a, 0x5a, 0x00))
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Parallax closed with unsaved work{when}. Restore it?"
                    ))
                    .color(egui::Color32::WHITE),
                );
                if ui.button("Restore").clicked() {
                    commands.push(Command::RestoreAutosave);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Delete the unsaved work")
                    .clicked()
                {
                    commands.push(Command::DiscardAutosave);
                }
            });
        });
}

/// Darkens the window and says where to drop while files are dragged over it.
fn drop_hint(ctx: &egui::Context) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(120));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop on the left or right half",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
