//! The document view: each readout as written, side by side; claims tinted by state; curves in
//! the gutter join matched claims (as Meld joins changes); a click selects a claim and scrolls
//! the other side to its match.

use std::collections::HashMap;

use eframe::egui::{
    self, Color32, Pos2, Rect, Sense, Stroke, TextFormat, Ui, UiBuilder,
    epaint::CubicBezierShape,
    text::{CCursor, LayoutJob},
};

use crate::model::{ClaimId, Comparison, Side};

use super::command::Command;
use super::state::{Selection, ViewState};
use super::theme;
use super::virtual_list::{VirtualList, text_height};
use crate::rows::ClaimIndex;

/// Width of the gutter between the two readouts.
const GUTTER: f32 = 56.0;

/// One paragraph of a readout as the document view draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para {
    /// Its 0-based number in the text.
    pub number: usize,
    /// Its first claim.
    pub first: usize,
    /// One past its last claim (equal to `first` when all its sentences were set aside).
    pub end: usize,
    /// Its length in bytes, for height estimates.
    pub bytes: usize,
}

/// Paragraphs of each side as claim ranges, built once per comparison.
#[derive(Debug, Default)]
pub struct DocLayout {
    /// Per side: the paragraphs, with their claims and sentences set aside.
    pub paragraphs: [Vec<Para>; 2],
    /// Per side: the paragraph of each claim.
    pub paragraph_of: [Vec<usize>; 2],
    /// Per side: the list's row heights.
    pub lists: [VirtualList; 2],
}

impl DocLayout {
    /// Groups each side's claims, and the sentences set aside, by paragraph.
    #[must_use]
    pub fn new(cmp: &Comparison) -> Self {
        let mut layout = DocLayout::default();
        for side in Side::BOTH {
            let (paras, of) = (
                &mut layout.paragraphs[side.index()],
                &mut layout.paragraph_of[side.index()],
            );
            let mut next = 0;
            for crate::rows::Sentence {
                claim: c,
                index: claim,
            } in crate::rows::text_order(cmp, side)
            {
                let extends = paras.last().is_some_and(|p: &Para| p.number == c.paragraph);
                if !extends {
                    paras.push(Para {
                        number: c.paragraph,
                        first: next,
                        end: next,
                        bytes: 0,
                    });
                }
                let Some(last) = paras.last_mut() else {
                    continue;
                };
                last.bytes += c.end - c.start + 1;
                if let Some(i) = claim {
                    last.end = i + 1;
                    next = i + 1;
                    of.push(paras.len() - 1);
                }
            }
        }
        layout
    }
}

/// Draws both readouts and the gutter.
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    index: &ClaimIndex,
    layout: &mut DocLayout,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let full = ui.available_rect_before_wrap();
    let col_w = ((full.width() - GUTTER) / 2.0).max(100.0);
    let rects = [
        Rect::from_min_size(full.min, egui::vec2(col_w, full.height())),
        Rect::from_min_size(
            egui::pos2(full.min.x + col_w + GUTTER, full.min.y),
            egui::vec2(col_w, full.height()),
        ),
    ];
    let gutter = Rect::from_min_max(
        egui::pos2(rects[0].max.x, full.min.y),
        egui::pos2(rects[1].min.x, full.max.y),
    );
    let mut anchors: [HashMap<usize, f32>; 2] = [HashMap::new(), HashMap::new()];
    let mut clips = [Rect::NOTHING; 2];
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    for side in Side::BOTH {
        let k = side.index();
        let scroll_to = view.scroll_doc_to[k].take();
        let selection = view.selection;
        let paragraphs = &layout.paragraphs[k];
        let data = cmp.side(side);
        let estimate = |i: usize, width: f32| -> f32 {
            text_height(paragraphs[i].bytes, width, row_h, row_h * 0.45) + 8.0
        };
        let list = &mut layout.lists[k];
        let anchors_k = &mut anchors[k];
        let drawn = ui
            .scope_builder(UiBuilder::new().max_rect(rects[k]), |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(&data.readout.label)
                            .strong()
                            .color(theme::side_accent(side)),
                    );
                    if let Some(title) = &data.readout.title {
                        ui.label(egui::RichText::new(title).weak());
                    }
                });
                list.show(
                    ui,
                    ("document", k),
                    paragraphs.len(),
                    estimate,
                    scroll_to,
                    |ui, p| {
                        paragraph(
                            ui,
                            cmp,
                            index,
                            side,
                            paragraphs[p],
                            selection,
                            anchors_k,
                            commands,
                        );
                    },
                )
            })
            .inner;
        clips[k] = drawn.clip;
    }
    draw_curves(ui, cmp, &anchors, gutter, clips, view.selection);
    ui.allocate_rect(full, Sense::hover());
}

/// One paragraph: its claims as one wrapped text, each tinted by state; records claim positions.
#[expect(
    clippy::too_many_arguments,
    reason = "drawing needs the comparison, the view and the outputs"
)]
fn paragraph(
    ui: &mut Ui,
    cmp: &Comparison,
    index: &ClaimIndex,
    side: Side,
    para: Para,
    selection: Option<Selection>,
    anchors: &mut HashMap<usize, f32>,
    commands: &mut Vec<Command>,
) {
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
    // Char offsets where each piece starts in the job (with its claim; none for a sentence set
    // aside), for hit-testing and anchors.
    let mut starts: Vec<(usize, Option<usize>)> = Vec::with_capacity(pieces.len());
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
                format.background = if selection == Some(ClaimId::new(side, i)) {
                    theme::selected_tint(ui.visuals())
                } else if index.matches_of[side.index()][i].is_empty() {
                    theme::side_tint(side, ui.visuals())
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
        starts.push((chars, claim));
        let piece = text.get(start..stop).unwrap_or_default();
        job.append(piece, 0.0, format);
        chars += piece.chars().count();
    }
    let galley = ui.painter().layout_job(job);
    let response = ui.add(egui::Label::new(galley.clone()).sense(Sense::click()));
    let origin = response.rect.min;
    for &(at, claim) in &starts {
        let Some(i) = claim else { continue };
        let rect = galley.pos_from_cursor(CCursor::new(at));
        anchors.insert(i, origin.y + rect.center().y);
    }
    if (response.clicked() || response.secondary_clicked())
        && let Some(pos) = response.interact_pointer_pos()
    {
        let at = galley.cursor_from_pos(pos - origin).index.0;
        if let Some(&(_, Some(i))) = starts.iter().rev().find(|(s, _)| *s <= at) {
            commands.push(Command::Select(ClaimId::new(side, i)));
        }
    }
    // The menu acts on the claim the right-click selected.
    if let Some(sel) = selection.filter(|s| s.side == side && (first..end).contains(&s.index)) {
        response.context_menu(|ui| {
            super::claim_widgets::claim_menu(ui, sel, commands);
        });
    }
}

/// Bezier curves across the gutter between the visible ends of each match.
fn draw_curves(
    ui: &Ui,
    cmp: &Comparison,
    anchors: &[HashMap<usize, f32>; 2],
    gutter: Rect,
    clips: [Rect; 2],
    selection: Option<Selection>,
) {
    let painter = ui.painter_at(
        gutter
            .intersect(clips[0].union(clips[1]))
            .expand2(egui::vec2(0.0, 0.0)),
    );
    let visible = |k: usize, y: f32| y >= clips[k].top() && y <= clips[k].bottom();
    for m in &cmp.matches {
        let (Some(&ya), Some(&yb)) = (anchors[0].get(&m.a), anchors[1].get(&m.b)) else {
            continue;
        };
        if !visible(0, ya) || !visible(1, yb) {
            continue;
        }
        let selected = selection.is_some_and(|s| {
            (s.side == Side::A && s.index == m.a) || (s.side == Side::B && s.index == m.b)
        });
        let color = if selected {
            theme::side_accent(Side::A)
        } else if m.is_manual() {
            // Links the analyst made stand out from the machine's.
            theme::manual_accent(ui.visuals())
        } else {
            Color32::from_rgba_unmultiplied(120, 150, 120, 160)
        };
        let width = if selected { 2.5 } else { 1.2 };
        let (x0, x1) = (gutter.left() + 2.0, gutter.right() - 2.0);
        let dx = (x1 - x0) * 0.5;
        let points = [
            Pos2::new(x0, ya),
            Pos2::new(x0 + dx, ya),
            Pos2::new(x1 - dx, yb),
            Pos2::new(x1, yb),
        ];
        painter.add(CubicBezierShape::from_points_stroke(
            points,
            false,
            Color32::TRANSPARENT,
            Stroke::new(width, color),
        ));
    }
}
