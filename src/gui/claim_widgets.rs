//! Pieces both views and the details panel draw a claim with: its text, its anchors or word
//! diff, its framing terms underlined (with their kind and counterparts on hover), the
//! analyst's mark, its right-click menu. Shared here so the panels do not depend on each other.

use std::fmt::Write as _;

use eframe::egui::{
    self, Color32, FontId, Pos2, Response, RichText, Sense, Stroke, TextFormat, Ui,
    text::{CCursor, Galley, LayoutJob},
};

use crate::anchors::{self, Tint};
use crate::curation::{Action, NoteOn};
use crate::model::{ClaimId, Comparison, FramingTerm, Side};

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

/// The right-click menu of a claim where editing is off: the same entries, disabled, `reason`
/// on hover.
pub fn claim_menu_refused(ui: &mut Ui, reason: &str) {
    for label in ["Link with…", "Not a claim", "Note…"] {
        ui.add_enabled(false, egui::Button::new(label))
            .on_disabled_hover_text(reason);
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

/// A claim's text as a layout job, its framing terms underlined.
pub fn claim_job(ui: &Ui, cmp: &Comparison, id: ClaimId) -> LayoutJob {
    let mut job = LayoutJob::default();
    let Some(claim) = cmp.claim(id) else {
        return job;
    };
    let text = cmp.side(id.side).claim_text(id.index);
    append_framed(
        &mut job,
        ui,
        text,
        claim.start,
        &claim.framing,
        &body_format(ui),
    );
    job
}

/// Appends `piece`, which starts at byte `at` of its readout, cut where the framing `terms`
/// begin and end, their words underlined.
pub fn append_framed(
    job: &mut LayoutJob,
    ui: &Ui,
    piece: &str,
    at: usize,
    terms: &[FramingTerm],
    format: &TextFormat,
) {
    for (part, term) in crate::framing::cuts(piece, at, terms) {
        let mut format = format.clone();
        if term.is_some() {
            format.underline = Stroke::new(1.5, theme::framing_accent(ui.visuals()));
        }
        job.append(part, 0.0, format);
    }
}

/// The framing term of claim `id` at char `index` of its text, if any.
#[must_use]
pub fn framing_at(cmp: &Comparison, id: ClaimId, index: usize) -> Option<&FramingTerm> {
    let claim = cmp.claim(id)?;
    let text = cmp.side(id.side).claim_text(id.index);
    let (byte, _) = text.char_indices().nth(index)?;
    let byte = claim.start + byte;
    claim
        .framing
        .iter()
        .find(|t| t.start <= byte && byte < t.end)
}

/// What the tooltip of a framing term says: the words as written, what kind of framing they
/// are, the lexicon's term when it is written otherwise, how the other side would say it or
/// who asked for the call.
#[must_use]
pub fn framing_tip(cmp: &Comparison, side: Side, term: &FramingTerm) -> String {
    let text = cmp
        .side(side)
        .readout
        .text
        .get(term.start..term.end)
        .unwrap_or_default();
    let mut tip = format!("“{}”", crate::framing::said(text, term));
    if !text.eq_ignore_ascii_case(&term.term) {
        let _ = write!(tip, " ({})", term.term);
    }
    tip.push_str(": ");
    tip.push_str(&crate::framing::note(cmp, term).replace(" · ", "\n"));
    tip
}

/// The char of a laid-out text under a point (relative to the galley), if the point is on one.
#[must_use]
pub fn char_under(galley: &Galley, pos: Pos2) -> Option<usize> {
    let near = galley.cursor_from_pos(pos.to_vec2()).index.0;
    (near.saturating_sub(1)..=near).find(|&i| {
        let left = galley.pos_from_cursor(CCursor::new(i));
        let right = galley.pos_from_cursor(CCursor::new(i + 1));
        left.min.y <= pos.y
            && pos.y <= left.max.y
            && (right.min.y - left.min.y).abs() < 0.5
            && left.min.x <= pos.x
            && pos.x < right.min.x
    })
}

/// A claim's text drawn from its layout job, wrapped to the width at hand, sensing `sense`; a
/// framing term under the pointer shows its tooltip.
pub fn claim_label(
    ui: &mut Ui,
    mut job: LayoutJob,
    cmp: &Comparison,
    id: ClaimId,
    sense: Sense,
) -> Response {
    job.wrap.max_width = ui.available_width();
    let galley = ui.painter().layout_job(job);
    let response = ui.add(egui::Label::new(galley.clone()).sense(sense));
    let term = response
        .hover_pos()
        .and_then(|pos| char_under(&galley, (pos - response.rect.min).to_pos2()))
        .and_then(|i| framing_at(cmp, id, i));
    match term {
        Some(term) => response.on_hover_text(framing_tip(cmp, id.side, term)),
        None => response,
    }
}

/// One side of a match as the analyst reads it: a paraphrase with its anchors (what both
/// claims name) tinted one colour per anchor on both sides; a near-identical pair with the
/// words the other side lacks tinted; framing terms underlined. `faint` draws a repeated claim
/// without marks.
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
    let claim = &cmp.side(side).claims[index];
    let mut at = claim.start;
    for (mark, piece) in anchors::marks(mm, side, cmp.side(side).claim_text(index)) {
        let mut format = base.clone();
        match mark {
            _ if faint => {}
            Tint::Plain => {}
            Tint::Changed => format.background = changed,
            Tint::Anchor(k, _) => format.background = theme::anchor_tint(ui.visuals(), k),
        }
        if faint {
            job.append(piece, 0.0, format);
        } else {
            append_framed(&mut job, ui, piece, at, &claim.framing, &format);
        }
        at += piece.len();
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

/// The frame of a claim's cell in a topic view: the selection's tint when selected, else the
/// one-sided tint if any.
pub fn cell_frame(ui: &Ui, selected: bool, tint: Option<Color32>) -> egui::Frame {
    let fill = if selected {
        Some(theme::selected_tint(ui.visuals()))
    } else {
        tint
    };
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::same(4))
        .corner_radius(3.0);
    match fill {
        Some(f) => frame.fill(f),
        None => frame,
    }
}

/// The "only in …" badge above a one-sided claim, in its side's colour; on the selection's tint
/// that colour reads poorly, so a selected claim's badge takes the text colour.
pub fn only_in_badge(ui: &mut Ui, label: &str, accent: Color32, selected: bool) {
    let color = if selected {
        ui.visuals().strong_text_color()
    } else {
        accent
    };
    ui.label(
        RichText::new(format!("only in {label}"))
            .small()
            .strong()
            .color(color),
    );
}
