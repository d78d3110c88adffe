//! Pieces both views and the details panel draw a claim with: its text, its anchors or word
//! diff, the analyst's mark, its right-click menu. Shared here so the panels do not depend on each other.

use eframe::egui::{self, FontId, RichText, TextFormat, Ui, text::LayoutJob};

use crate::anchors::{self, Tint};
use crate::curation::{Action, NoteOn};
use crate::model::{ClaimId, Comparison, Side};

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
        font_id: FontId::proportional(
            (ui.text_style_height(&egui::TextStyle::Body) - 1.0).max(theme::MIN_TEXT),
        ),
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

/// One side of a match as the analyst reads it: a paraphrase with its anchors (what both
/// claims name) tinted one colour per anchor on both sides; a near-identical pair with the
/// words the other side lacks tinted. `faint` draws a repeated claim without marks.
pub fn match_job(ui: &Ui, cmp: &Comparison, m: usize, side: Side, faint: bool) -> LayoutJob {
    let (del, ins) = theme::diff_colors(ui.visuals());
    let changed = match side {
        Side::A => del,
        Side::B => ins,
    };
    let mm = &cmp.matches[m];
    let index = match side {
        Side::A => mm.a,
        Side::B => mm.b,
    };
    let mut job = LayoutJob::default();
    let mut base = body_format(ui);
    if faint {
        base.color = ui.visuals().weak_text_color();
    }
    for (mark, piece) in anchors::marks(mm, side, cmp.side(side).claim_text(index)) {
        let mut format = base.clone();
        match mark {
            _ if faint => {}
            Tint::Plain => {}
            Tint::Changed => format.background = changed,
            Tint::Anchor(k, _) => format.background = theme::anchor_tint(ui.visuals(), k),
        }
        job.append(piece, 0.0, format);
    }
    job
}

/// The anchors of match `m` as a legend: each in its colour, as side `a` writes it, with its
/// kind on hover; or a note that the pair is near-identical and its changed words are shown.
pub fn anchor_legend(ui: &mut Ui, cmp: &Comparison, m: usize) {
    let mm = &cmp.matches[m];
    if anchors::shows_word_diff(mm) {
        ui.label(
            RichText::new("Near-identical sentences: the words that differ are tinted").weak(),
        );
        return;
    }
    if mm.anchors.is_empty() {
        ui.label(RichText::new("No shared names, numbers or words").weak());
        return;
    }
    let text = cmp.sides[0].claim_text(mm.a);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Shared:").weak());
        for (k, anchor) in mm.anchors.iter().enumerate() {
            let Some(word) = anchor.a.first().and_then(|&[s, e]| text.get(s..e)) else {
                continue;
            };
            ui.label(
                RichText::new(word)
                    .background_color(theme::anchor_tint(ui.visuals(), k))
                    .color(theme::claim_text(ui.visuals())),
            )
            .on_hover_text(format!("shared {}", anchor.kind.name()));
        }
    });
}
