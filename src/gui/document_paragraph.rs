//! The document view's paragraphs: a paragraph's claims as one wrapped text, tinted by state,
//! framing terms underlined (their kind and counterparts on hover), the selected claim and its
//! match outlined, clicks turned into selections, and where each claim sits recorded for the
//! curves, the scrolling and the tests.

use std::collections::HashMap;

use eframe::egui::{
    self, Pos2, Rangef, Rect, Sense, Stroke, TextFormat, Ui,
    text::{CCursor, Galley, LayoutJob},
};

use crate::model::{ClaimId, Comparison, Side};
use crate::rows::ClaimIndex;

use super::command::Command;
use super::document_view::Para;
use super::state::Selection;
use super::theme;

/// What every paragraph of one side is drawn with.
pub(super) struct Paint<'a> {
    pub(super) cmp: &'a Comparison,
    pub(super) index: &'a ClaimIndex,
    pub(super) side: Side,
    pub(super) selection: Option<Selection>,
    /// Claims of this side matched to the selected claim of the other.
    pub(super) partners: &'a [usize],
    /// The tint of a claim with no match, when not the side's (witness `c` of three).
    pub(super) one_sided_tint: Option<egui::Color32>,
    /// Why editing is off, when it is (three witnesses): the menu's edits are then disabled.
    pub(super) read_only: Option<&'a str>,
}

/// Where a side's paragraphs record their claims as they are drawn.
pub(super) struct Marks<'a> {
    pub(super) spans: &'a mut HashMap<usize, Rangef>,
    pub(super) claim_at: &'a mut [f32],
    /// Set when a claim was found more than half a point from where it was thought to be.
    pub(super) moved: bool,
}

/// Char ranges of a paragraph's pieces in its text, each with its claim (none for a sentence set
/// aside).
type Pieces = Vec<(usize, usize, Option<usize>)>;

/// One paragraph: its claims as one wrapped text, each tinted by state; the selected claim and
/// its match outlined; records where its claims are.
pub(super) fn paragraph(
    ui: &mut Ui,
    paint: &Paint<'_>,
    para: Para,
    marks: &mut Marks<'_>,
    commands: &mut Vec<Command>,
) {
    let &Paint {
        side,
        selection,
        partners,
        ..
    } = paint;
    let (job, ranges) = paragraph_text(ui, paint, para);
    let galley = ui.painter().layout_job(job);
    let response = ui.add(egui::Label::new(galley.clone()).sense(Sense::click()));
    let origin = response.rect.min;
    // A framing term under the pointer says what it is.
    let hovered = response
        .hover_pos()
        .and_then(|pos| super::claim_widgets::char_under(&galley, (pos - origin).to_pos2()))
        .and_then(|at| {
            let &(from, _, claim) = ranges.iter().find(|(s, e, _)| *s <= at && at < *e)?;
            super::claim_widgets::framing_at(paint.cmp, ClaimId::new(side, claim?), at - from)
        });
    let response = match hovered {
        Some(term) => {
            response.on_hover_text(super::claim_widgets::framing_tip(paint.cmp, side, term))
        }
        None => response,
    };
    let height = response.rect.height().max(1.0);
    let outline = Stroke::new(1.5, theme::selection_outline(ui.visuals()));
    for &(from, to, claim) in &ranges {
        let Some(i) = claim else { continue };
        let (top, bottom) = (
            galley.pos_from_cursor(before(from)).min.y,
            galley
                .pos_from_cursor(before(to.saturating_sub(1).max(from)))
                .max
                .y,
        );
        marks
            .spans
            .insert(i, Rangef::new(origin.y + top, origin.y + bottom));
        if let Some(at) = marks.claim_at.get_mut(i) {
            let measured = f32::midpoint(top, bottom) / height;
            marks.moved |= (measured - *at).abs() * height > 0.5;
            *at = measured;
        }
        underline_framing(ui, paint, i, from, &galley, origin);
        if selection == Some(ClaimId::new(side, i)) || partners.contains(&i) {
            for shape in span_outline(&galley, from, to) {
                let points = shape.into_iter().map(|p| p + origin.to_vec2()).collect();
                ui.painter().add(egui::Shape::closed_line(points, outline));
            }
        }
    }
    if (response.clicked() || response.secondary_clicked())
        && let Some(pos) = response.interact_pointer_pos()
    {
        let at = galley.cursor_from_pos(pos - origin).index.0;
        if let Some(&(_, _, Some(i))) = ranges.iter().rev().find(|(s, _, _)| *s <= at) {
            commands.push(Command::Select(ClaimId::new(side, i)));
        }
    }
    // The menu acts on the claim the right-click selected; where editing is off it needs no
    // claim, and opens at the first right-click.
    let target = selection.filter(|s| s.side == side && (para.first..para.end).contains(&s.index));
    match (paint.read_only, target) {
        (Some(reason), _) => {
            response.context_menu(|ui| super::claim_widgets::claim_menu_refused(ui, reason));
        }
        (None, Some(sel)) => {
            response.context_menu(|ui| super::claim_widgets::claim_menu(ui, sel, commands));
        }
        (None, None) => {}
    }
}

/// Underlines the framing terms of claim `i`, which starts at char `from` of the paragraph's
/// galley drawn at `origin`. Drawn over the text: an underline laid out with it would be hidden
/// under the tint of the row below.
fn underline_framing(
    ui: &Ui,
    paint: &Paint<'_>,
    i: usize,
    from: usize,
    galley: &Galley,
    origin: Pos2,
) {
    let data = paint.cmp.side(paint.side);
    let Some(claim) = data.claims.get(i) else {
        return;
    };
    let text = data.claim_text(i);
    let chars = |byte: usize| {
        text.get(..byte.saturating_sub(claim.start))
            .map_or(0, |s| s.chars().count())
    };
    let stroke = Stroke::new(1.5, theme::framing_accent(ui.visuals()));
    for term in &claim.framing {
        let (start, end) = (from + chars(term.start), from + chars(term.end));
        for rect in row_rects(galley, start, end) {
            let rect = rect.translate(origin.to_vec2());
            ui.painter()
                .hline(rect.x_range(), rect.bottom() - 1.0, stroke);
        }
    }
}

/// The rectangles a char range covers, one per row of the galley.
fn row_rects(galley: &Galley, from: usize, to: usize) -> Vec<Rect> {
    let start = galley.pos_from_cursor(before(from));
    let last = galley.pos_from_cursor(before(to.saturating_sub(1).max(from)));
    let stop = galley.pos_from_cursor(CCursor::new(to));
    galley
        .rows
        .iter()
        .map(egui::epaint::text::PlacedRow::rect)
        .filter(|row| row.center().y >= start.min.y && row.center().y <= last.max.y)
        .map(|row| {
            let left = if row.center().y < start.max.y {
                start.min.x
            } else {
                row.left()
            };
            let right = if row.center().y > last.min.y && stop.center().y > last.min.y {
                stop.min.x
            } else {
                row.right()
            };
            Rect::from_x_y_ranges(left..=right.max(left), row.y_range())
        })
        .collect()
}

/// A paragraph's text, its claims tinted by state, and where each piece is in it.
fn paragraph_text(ui: &Ui, paint: &Paint<'_>, para: Para) -> (LayoutJob, Pieces) {
    let &Paint {
        cmp,
        index,
        side,
        selection,
        partners,
        one_sided_tint,
        ..
    } = paint;
    let data = cmp.side(side);
    let text = &data.readout.text;
    let base = TextFormat {
        font_id: egui::FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0),
        color: theme::claim_text(ui.visuals()),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    // The paragraph's claims and, struck through, the sentences set aside in it, in text order.
    let Para {
        number, first, end, ..
    } = para;
    let mut pieces: Vec<(usize, usize, Option<usize>)> = (first..end)
        .map(|i| (data.claims[i].start, data.claims[i].end, Some(i)))
        .collect();
    pieces.extend(
        cmp.set_aside[side.index()]
            .iter()
            .filter(|c| c.paragraph == number)
            .map(|c| (c.start, c.end, None)),
    );
    pieces.sort_unstable_by_key(|p| p.0);
    let mut ranges: Pieces = Vec::with_capacity(pieces.len());
    let mut chars = 0;
    let mut previous_end = None;
    for &(start, stop, claim) in &pieces {
        if let Some(prev) = previous_end {
            let gap = text.get(prev..start).unwrap_or(" ");
            let gap = if gap.contains('\n') { " " } else { gap };
            job.append(gap, 0.0, base.clone());
            chars += gap.chars().count();
        }
        previous_end = Some(stop);
        let mut format = base.clone();
        match claim {
            Some(i) => {
                format.background =
                    if selection == Some(ClaimId::new(side, i)) || partners.contains(&i) {
                        theme::selected_tint(ui.visuals())
                    } else if index.matches_of[side.index()][i].is_empty() {
                        one_sided_tint.unwrap_or_else(|| theme::side_tint(side, ui.visuals()))
                    } else {
                        theme::matched_tint(ui.visuals())
                    };
                let c = &data.claims[i];
                if c.note.is_some() || c.topic_manual {
                    // Claims the analyst worked on are underlined.
                    format.underline = egui::Stroke::new(1.0, ui.visuals().weak_text_color());
                }
            }
            None => {
                format.color = ui.visuals().weak_text_color();
                format.strikethrough = egui::Stroke::new(1.0, ui.visuals().weak_text_color());
            }
        }
        let piece = text.get(start..stop).unwrap_or_default();
        job.append(piece, 0.0, format);
        let length = piece.chars().count();
        ranges.push((chars, chars + length, claim));
        chars += length;
    }
    (job, ranges)
}

/// The outline of chars `from..to` of a galley, relative to it, as a text selection is drawn:
/// one box on one row; over more rows, one shape from the first char to the end of the rows and
/// back from the last char to their start (two boxes when these do not overlap).
fn span_outline(galley: &Galley, from: usize, to: usize) -> Vec<Vec<Pos2>> {
    let start = galley.pos_from_cursor(before(from));
    let last = galley.pos_from_cursor(before(to.saturating_sub(1).max(from)));
    let stop = galley.pos_from_cursor(CCursor::new(to));
    let rows: Vec<Rect> = galley
        .rows
        .iter()
        .map(egui::epaint::text::PlacedRow::rect)
        .filter(|row| row.center().y >= start.min.y && row.center().y <= last.max.y)
        .collect();
    let left = rows.iter().map(Rect::left).fold(start.min.x, f32::min) - 1.0;
    let right = rows.iter().map(Rect::right).fold(start.min.x, f32::max) + 1.0;
    let on_last_row = (stop.min.y - last.min.y).abs() < 0.5;
    let end = if on_last_row { stop.min.x + 1.0 } else { right };
    let (x0, top, bottom) = (start.min.x - 1.0, start.min.y - 1.0, last.max.y + 1.0);
    let boxed = |x: [f32; 2], y: [f32; 2]| {
        vec![
            Pos2::new(x[0], y[0]),
            Pos2::new(x[1], y[0]),
            Pos2::new(x[1], y[1]),
            Pos2::new(x[0], y[1]),
        ]
    };
    if (start.min.y - last.min.y).abs() < 0.5 {
        return vec![boxed([x0, end], [top, bottom])];
    }
    let (first_bottom, last_top) = (start.max.y, last.min.y);
    if (first_bottom - last_top).abs() < 0.5 && end < x0 {
        return vec![
            boxed([x0, right], [top, first_bottom]),
            boxed([left, end], [last_top, bottom]),
        ];
    }
    vec![vec![
        Pos2::new(x0, top),
        Pos2::new(right, top),
        Pos2::new(right, last_top),
        Pos2::new(end, last_top),
        Pos2::new(end, bottom),
        Pos2::new(left, bottom),
        Pos2::new(left, first_bottom),
        Pos2::new(x0, first_bottom),
    ]]
}

/// A cursor before char `i`: at a wrap, at the start of the row below.
fn before(i: usize) -> CCursor {
    CCursor {
        prefer_next_row: true,
        ..CCursor::new(i)
    }
}

/// A link's curve across the gutter between two texts, from height `ya` on the left to `yb` on
/// the right (a horizontal S, so lines that cross stay apart).
pub fn link_curve(painter: &egui::Painter, gutter: Rect, ya: f32, yb: f32, stroke: Stroke) {
    let (x0, x1) = (gutter.left() + 2.0, gutter.right() - 2.0);
    let dx = (x1 - x0) * 0.5;
    let points = [
        Pos2::new(x0, ya),
        Pos2::new(x0 + dx, ya),
        Pos2::new(x1 - dx, yb),
        Pos2::new(x1, yb),
    ];
    painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
        points,
        false,
        egui::Color32::TRANSPARENT,
        stroke,
    ));
}
