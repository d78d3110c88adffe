//! The details panel: the selected claim, its topic and speaker, and each match with its score,
//! evidence and word diff.

use eframe::egui::{self, RichText, Ui};

use crate::model::{Comparison, Side};

use super::command::Command;
use super::state::Selection;
use super::theme;
use super::topic_view::{diff_job, plain_job};
use crate::rows::ClaimIndex;

/// Draws the details of the selection (or a hint when nothing is selected).
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    index: &ClaimIndex,
    selection: Option<Selection>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Details");
    ui.separator();
    let Some(sel) = selection else {
        ui.label(
            RichText::new("Click a claim to see its topic, its matches and why they were linked.")
                .weak(),
        );
        ui.add_space(8.0);
        sources(ui, cmp);
        return;
    };
    let side = cmp.side(sel.side);
    let Some(claim) = side.claims.get(sel.claim) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("{} · claim {}", side.readout.label, claim.id))
                    .strong()
                    .color(theme::side_accent(sel.side)),
            );
            ui.add(egui::Label::new(plain_job(ui, side.claim_text(sel.claim))).wrap());
            ui.add_space(4.0);
            let topic = cmp
                .topic(&claim.topic)
                .map_or(claim.topic.as_str(), |t| t.label.as_str());
            egui::Grid::new("claim-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(RichText::new("Topic").weak());
                    ui.label(topic);
                    ui.end_row();
                    ui.label(RichText::new("Speaker").weak());
                    ui.label(claim.speaker.as_deref().unwrap_or("—"));
                    ui.end_row();
                });
            ui.add_space(6.0);
            let other = cmp.side(sel.side.other());
            let matches = &index.matches_of[sel.side.index()][sel.claim];
            if matches.is_empty() {
                ui.label(
                    RichText::new(format!("Only in {}", side.readout.label))
                        .strong()
                        .color(theme::side_accent(sel.side)),
                );
                ui.label(format!(
                    "No claim of {} gives an account of this point.",
                    other.readout.label
                ));
                return;
            }
            ui.label(
                RichText::new(format!(
                    "Matches in {} ({})",
                    other.readout.label,
                    matches.len()
                ))
                .strong(),
            );
            for &m in matches {
                let mm = &cmp.matches[m];
                let other_claim = if sel.side == Side::A { mm.b } else { mm.a };
                ui.separator();
                ui.horizontal(|ui| {
                    if ui
                        .link(format!("claim {}", other.claims[other_claim].id))
                        .clicked()
                    {
                        commands.push(Command::Select(sel.side.other(), other_claim));
                    }
                    ui.label(RichText::new(format!("score {:.2}", mm.score)).weak());
                });
                ui.add(egui::Label::new(plain_job(ui, other.claim_text(other_claim))).wrap());
                ui.label(RichText::new(format!("Evidence: {}", mm.evidence.join(", "))).small());
                ui.label(RichText::new("Word changes").small().weak());
                ui.add(egui::Label::new(diff_job(ui, cmp, m, Side::A, false)).wrap());
                ui.add(egui::Label::new(diff_job(ui, cmp, m, Side::B, false)).wrap());
            }
        });
}

/// Where each readout came from: party, title, date, address, file, format, encoding, SHA-256.
fn sources(ui: &mut Ui, cmp: &Comparison) {
    for side in &cmp.sides {
        let r = &side.readout;
        ui.label(
            RichText::new(&r.label)
                .strong()
                .color(theme::side_accent(side.side)),
        );
        egui::Grid::new(("source", side.side.key()))
            .num_columns(2)
            .show(ui, |ui| {
                let rows = [
                    ("Title", r.title.clone()),
                    ("Date", r.date.clone()),
                    ("Address", r.url.clone()),
                    (
                        "File",
                        Some(format!("{} ({}, {})", r.source, r.format, r.encoding)),
                    ),
                    ("SHA-256", Some(r.sha256.clone())),
                ];
                for (name, value) in rows {
                    if let Some(value) = value {
                        ui.label(RichText::new(name).weak());
                        ui.add(egui::Label::new(RichText::new(value).small()).wrap());
                        ui.end_row();
                    }
                }
            });
        for warning in &r.warnings {
            ui.label(RichText::new(warning).small().italics());
        }
        ui.add_space(6.0);
    }
}
