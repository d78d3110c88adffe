//! Pieces both views and the details panel draw a claim with: its text, its word diff, the
//! analyst's mark, its right-click menu. Shared here so the panels do not depend on each other.

use eframe::egui::{self, Color32, FontId, TextFormat, Ui, text::LayoutJob};

use crate::curation::{Action, NoteOn};
use crate::model::{ClaimId, Comparison, DiffTag, Side};

use super::command::Command;
use super::theme;

/// The mark shown on everything an analyst decided.
pub const MANUAL_MARK: &str = "✎";

/// The right-click menu of a claim, in both views.
pub fn claim_menu(ui: &mut Ui, claim: ClaimId, commands: &mut Vec<Command>) {
    if ui.button("Link with…").clicked() {
        commands.push(Command::StartLink(claim));
        ui.close();
    }
    if ui.button("Not a claim").clicked() {
        commands.push(Command::Edit(Action::SetAside(claim)));
        ui.close();
    }
    if ui.button("Note…").clicked() {
        commands.push(Command::EditNote(NoteOn::Claim(claim)));
        ui.close();
    }
}

fn body_format(ui: &Ui) -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0),
        color: theme::claim_text(ui.visuals()),
        ..Default::default()
    }
}

/// A claim's text as a layout job.
pub fn plain_job(ui: &Ui, text: &str) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.append(text, 0.0, body_format(ui));
    job
}

/// One side of a match with its words that the other side lacks highlighted.
pub fn diff_job(ui: &Ui, cmp: &Comparison, m: usize, side: Side, faint: bool) -> LayoutJob {
    let (del, ins) = theme::diff_colors(ui.visuals());
    let mut job = LayoutJob::default();
    let mut base = body_format(ui);
    if faint {
        base.color = ui.visuals().weak_text_color();
    }
    for span in &cmp.matches[m].diff {
        let background = match (span.tag, side) {
            (DiffTag::Equal, _) => Color32::TRANSPARENT,
            (DiffTag::Delete, Side::A) if !faint => del,
            (DiffTag::Insert, Side::B) => ins,
            (DiffTag::Delete, Side::A) => Color32::TRANSPARENT,
            _ => continue,
        };
        // Tint the words, not the spaces around them, so changes read as words.
        let text = span.text.as_str();
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[lead.len() + core.len()..];
        let mut format = base.clone();
        job.append(lead, 0.0, base.clone());
        if background != Color32::TRANSPARENT {
            format.background = background;
        } else if span.tag == DiffTag::Equal && !faint {
            format.color = ui.visuals().strong_text_color();
        }
        job.append(core, 0.0, format);
        job.append(trail, 0.0, base.clone());
    }
    job
}
