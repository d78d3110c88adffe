//! The document view: each readout as written, side by side; claims tinted by state; curves in
//! the gutter join matched claims (as Meld joins changes). The two texts scroll together through
//! their matched claims ([`super::document_scroll`]) unless the lock in the gutter is off; a
//! click selects a claim and brings its match, outlined, to the middle of the other side. Each
//! paragraph is drawn by [`super::document_paragraph`].

use std::collections::HashMap;

use eframe::egui::{self, Color32, Pos2, Rangef, Rect, Sense, Stroke, StrokeKind, Ui, UiBuilder};

use crate::model::{Comparison, Side};

use super::command::Command;
use super::document_paragraph::{Marks, Paint, link_curve, paragraph};
use super::document_scroll::{self, Extent};
use super::state::{Selection, ViewState};
use super::theme;
use super::virtual_list::{Drawn, ScrollTo, VirtualList, text_height};
use crate::rows::ClaimIndex;

/// Width of the gutter between the two readouts.
const GUTTER: f32 = 56.0;

/// How many more frames a claim asked to the middle is brought there again while the heights
/// around it are measured.
const SETTLE_FRAMES: u8 = 3;

/// How far past the edge of a text a curve to a claim out of view is drawn, so that it leaves
/// the gutter towards it.
const CURVE_OVERSHOOT: f32 = 40.0;

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

/// Paragraphs of each side as claim ranges, built once per comparison, and what the view keeps
/// between frames.
#[derive(Debug, Default)]
pub struct DocLayout {
    /// Per side: the paragraphs, with their claims and sentences set aside.
    pub paragraphs: [Vec<Para>; 2],
    /// Per side: the paragraph of each claim.
    pub paragraph_of: [Vec<usize>; 2],
    /// Per side: where the middle of each claim sits in its paragraph, as a fraction of the
    /// paragraph's height (estimated from its bytes until the paragraph is drawn).
    pub claim_at: [Vec<f32>; 2],
    /// Matched pairs that keep the text order on both sides: the anchors of scrolling together.
    anchors: Vec<(usize, usize)>,
    /// Per side: the list's row heights.
    pub lists: [VirtualList; 2],
    /// Which side leads the scrolling, and where the sides were drawn.
    together: Together,
    /// What the last frame showed.
    pub shown: Shown,
}

/// Scrolling together: one side leads each frame, the other follows.
#[derive(Debug, Default)]
struct Together {
    /// The side that led last: the one under the pointer, or the one asked to scroll.
    leader: Option<Side>,
    /// The offsets the sides were drawn at last frame.
    offsets: [Option<f32>; 2],
    /// Whether the texts scrolled together last frame.
    was_on: bool,
    /// Per side: a claim asked to the middle that is not there yet, and how many more frames
    /// to try.
    settling: [Option<(usize, u8)>; 2],
    /// Whether claims were measured at new places last frame, so that the follower must be
    /// brought level again.
    remeasured: bool,
    /// Whether both sides were placed where asked (a claim and its match to the middle): the
    /// follower keeps its place until the user scrolls.
    hold: bool,
}

/// What the document view last drew, on screen.
#[derive(Debug)]
pub struct Shown {
    /// Per side: the claims in view, with their top and bottom.
    pub spans: [HashMap<usize, Rangef>; 2],
    /// Per side: the visible part of the text.
    pub viewports: [Rect; 2],
}

impl Default for Shown {
    fn default() -> Self {
        Shown {
            spans: [HashMap::new(), HashMap::new()],
            viewports: [Rect::NOTHING; 2],
        }
    }
}

impl DocLayout {
    /// Groups each side's claims, and the sentences set aside, by paragraph.
    #[must_use]
    pub fn new(cmp: &Comparison) -> Self {
        let mut layout = DocLayout::default();
        for side in Side::BOTH {
            let k = side.index();
            let (paras, of, at) = (
                &mut layout.paragraphs[k],
                &mut layout.paragraph_of[k],
                &mut layout.claim_at[k],
            );
            let mut next = 0;
            // Bytes before each claim's middle in its paragraph, made fractions below.
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
                let number = paras.len() - 1;
                let Some(last) = paras.last_mut() else {
                    continue;
                };
                let length = c.end - c.start + 1;
                if let Some(i) = claim {
                    #[expect(clippy::cast_precision_loss, reason = "estimates only")]
                    at.push((last.bytes + length / 2) as f32);
                    last.end = i + 1;
                    next = i + 1;
                    of.push(number);
                }
                last.bytes += length;
            }
            for (i, at) in at.iter_mut().enumerate() {
                #[expect(clippy::cast_precision_loss, reason = "estimates only")]
                let bytes = paras[of[i]].bytes.max(1) as f32;
                *at /= bytes;
            }
        }
        layout.anchors =
            document_scroll::ordered_pairs(cmp.matches.iter().map(|m| (m.a, m.b, m.score())));
        layout
    }

    /// The layout of a changed comparison (after an edit), keeping each side's scroll position.
    pub fn rebuild(&mut self, cmp: &Comparison) {
        let mut new = DocLayout::new(cmp);
        new.lists = std::mem::take(&mut self.lists);
        new.together = std::mem::take(&mut self.together);
        // Claim numbers may have shifted: a claim still being brought to the middle is let go.
        new.together.settling = [None; 2];
        for list in &mut new.lists {
            list.forget_heights();
        }
        *self = new;
    }

    /// Where claim `i` of `side` sits in its text: its middle, in points from the top.
    fn claim_y(&self, side: Side, i: usize) -> f32 {
        let k = side.index();
        let (Some(&p), Some(&at)) = (self.paragraph_of[k].get(i), self.claim_at[k].get(i)) else {
            return self.lists[k].height();
        };
        self.lists[k].row_top(p) + at * self.lists[k].row_height(p)
    }

    /// The scroll that brings claim `i` of `side` to the middle of the view.
    fn centre(&self, side: Side, i: usize) -> Option<ScrollTo> {
        let k = side.index();
        Some(ScrollTo::Centre {
            row: *self.paragraph_of[k].get(i)?,
            at: *self.claim_at[k].get(i)?,
        })
    }

    /// The offset of the side that follows when `lead` is drawn as `drawn` and the follower's
    /// view is `viewport` points high.
    fn follow(&self, lead: Side, drawn: Drawn, viewport: f32) -> f32 {
        let points: Vec<[f32; 2]> = self
            .anchors
            .iter()
            .map(|&(a, b)| [self.claim_y(Side::A, a), self.claim_y(Side::B, b)])
            .collect();
        let mut extents = [Extent {
            content: 0.0,
            viewport,
        }; 2];
        for side in Side::BOTH {
            extents[side.index()].content = self.lists[side.index()].height();
        }
        extents[lead.index()].viewport = drawn.viewport;
        document_scroll::follow(&points, lead, drawn.offset, extents)
    }

    /// Heights measured in this frame may have moved a claim asked to the middle (or will have
    /// moved it next frame): asks again, with its measured place.
    fn settle(&mut self, ui: &Ui, side: Side, asked: Option<(usize, u8)>, drawn: Drawn) {
        let k = side.index();
        if let Some((i, frames)) = asked.filter(|&(_, frames)| frames > 0) {
            let centred = self.shown.spans[k]
                .get(&i)
                .is_some_and(|span| (span.center() - drawn.clip.center().y).abs() <= 1.0);
            if self.lists[k].is_gliding() {
                self.together.settling[k] = Some((i, frames));
            } else if !centred || drawn.remeasured {
                self.together.settling[k] = Some((i, frames - 1));
                ui.ctx().request_repaint();
            }
        }
    }

    /// Which side leads this frame: one asked to scroll alone, else the one under the pointer
    /// (kept while a button is down, so a scroll bar drag keeps its side), else the last.
    fn lead(&mut self, ui: &Ui, columns: [Rect; 2], asked: [Option<(usize, u8)>; 2]) -> Side {
        let under_pointer = ui.input(|i| {
            let pointer = i.pointer.hover_pos().filter(|_| !i.pointer.any_down())?;
            Side::BOTH
                .into_iter()
                .find(|s| columns[s.index()].contains(pointer))
        });
        let leader = match asked {
            [Some(_), None] => Some(Side::A),
            [None, Some(_)] => Some(Side::B),
            _ => under_pointer,
        };
        if leader.is_some() {
            self.together.leader = leader;
        }
        self.together.leader.unwrap_or(Side::A)
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
    let (columns, gutter) = split(full);
    let together = view.prefs.scroll_together;
    let asked = [0, 1].map(|k| {
        let fresh = view.centre_doc_claim[k].take();
        if fresh.is_some() {
            // Glide there, so the eye can follow where the text went.
            layout.lists[k].glide_next();
        }
        fresh
            .map(|i| (i, SETTLE_FRAMES))
            .or(layout.together.settling[k].take())
    });
    let leader = layout.lead(ui, columns, asked);
    // Turned on, the lock brings the follower level at once.
    let resync = together && !layout.together.was_on;
    layout.together.was_on = together;
    if asked.iter().all(Option::is_some) {
        layout.together.hold = true;
    }
    let mut remeasured = false;
    let partners = partners(cmp, index, view.selection);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let spacing = ui.spacing().item_spacing.y;
    let mut drawn = [Drawn::default(); 2];
    // The leader is drawn first, so the follower is drawn level with it in the same frame.
    for (step, side) in [leader, leader.other()].into_iter().enumerate() {
        let k = side.index();
        let request = asked[k].and_then(|(i, _)| layout.centre(side, i));
        let lead_drawn = drawn[leader.index()];
        let moved = layout.together.offsets[leader.index()]
            .is_none_or(|o| (o - lead_drawn.offset).abs() > 0.01);
        if step == 1 && (resync || (moved && !lead_drawn.placed)) {
            // The user scrolled: a pair placed in the middle gives way.
            layout.together.hold = false;
        }
        let follows = together
            && step == 1
            && request.is_none()
            && !layout.together.hold
            && (moved || resync || layout.together.remeasured);
        let data = cmp.side(side);
        let n = layout.paragraphs[k].len();
        let paint = Paint {
            cmp,
            index,
            side,
            selection: view.selection,
            partners: &partners[k],
            one_sided_tint: None,
            read_only: None,
        };
        // Each text's widgets keep their ids whichever side is drawn first (a click spans frames).
        let scope = ui.make_persistent_id(("document-column", k));
        let (drawn_k, moved_claims) = ui
            .scope_builder(
                UiBuilder::new().max_rect(columns[k]).scope_id(scope),
                |ui| {
                    header(ui, data, side);
                    let paragraphs = &layout.paragraphs[k];
                    let estimate = |i: usize, width: f32| -> f32 {
                        text_height(paragraphs[i].bytes, width, row_h, row_h * 0.45) + 8.0
                    };
                    layout.lists[k].prepare(n, ui.available_width(), spacing, estimate);
                    let scroll = request.or_else(|| {
                        follows.then(|| {
                            let offset = layout.follow(leader, lead_drawn, ui.available_height());
                            ScrollTo::Offset(offset)
                        })
                    });
                    let paragraphs = &layout.paragraphs[k];
                    let mut marks = Marks {
                        spans: &mut layout.shown.spans[k],
                        claim_at: &mut layout.claim_at[k],
                        moved: false,
                    };
                    marks.spans.clear();
                    let drawn =
                        layout.lists[k].show(ui, ("document", k), n, estimate, scroll, |ui, p| {
                            paragraph(ui, &paint, paragraphs[p], &mut marks, commands);
                        });
                    (drawn, marks.moved)
                },
            )
            .inner;
        drawn[k] = drawn_k;
        remeasured |= drawn_k.remeasured || moved_claims;
        layout.shown.viewports[k] = drawn[k].clip.intersect(columns[k]);
        layout.settle(ui, side, asked[k], drawn[k]);
    }
    layout.together.offsets = drawn.map(|d| Some(d.offset));
    layout.together.remeasured = remeasured;
    if remeasured && together {
        ui.ctx().request_repaint();
    }
    draw_curves(ui, cmp, index, layout, gutter, drawn, view.selection);
    lock_button(ui, gutter, together, commands);
    ui.allocate_rect(full, Sense::hover());
}

/// The two texts' columns and the gutter between them.
fn split(full: Rect) -> ([Rect; 2], Rect) {
    let col_w = ((full.width() - GUTTER) / 2.0).max(100.0);
    let columns = [
        Rect::from_min_size(full.min, egui::vec2(col_w, full.height())),
        Rect::from_min_size(
            egui::pos2(full.min.x + col_w + GUTTER, full.min.y),
            egui::vec2(col_w, full.height()),
        ),
    ];
    let gutter = Rect::from_min_max(
        egui::pos2(columns[0].max.x, full.min.y),
        egui::pos2(columns[1].min.x, full.max.y),
    );
    (columns, gutter)
}

/// Per side, the claims matched to the selected claim of the other side.
fn partners(cmp: &Comparison, index: &ClaimIndex, selection: Option<Selection>) -> [Vec<usize>; 2] {
    Side::BOTH.map(|side| match selection {
        Some(sel) if sel.side != side => index.matches_of[sel.side.index()]
            .get(sel.index)
            .into_iter()
            .flatten()
            .filter_map(|&m| cmp.matches.get(m))
            .map(|m| if side == Side::A { m.a } else { m.b })
            .collect(),
        _ => Vec::new(),
    })
}

/// A side's name and title above its text.
fn header(ui: &mut Ui, data: &crate::model::SideData, side: Side) {
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
}

/// The lock at the top of the gutter, a padlock closed while the texts scroll together and open
/// while each scrolls alone (painted: egui's bundled fonts have no lock).
fn lock_button(ui: &mut Ui, gutter: Rect, together: bool, commands: &mut Vec<Command>) {
    let size = egui::vec2(30.0, ui.text_style_height(&egui::TextStyle::Body) + 6.0);
    let rect = Rect::from_center_size(
        egui::pos2(gutter.center().x, gutter.top() + size.y / 2.0),
        size,
    );
    let response = ui.interact(
        rect,
        egui::Id::unique("parallax-scroll-together"),
        Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::CheckBox,
            ui.is_enabled(),
            together,
            "Scroll together",
        )
    });
    let visuals = ui.style().interact_selectable(&response, together);
    ui.painter().rect(
        rect,
        visuals.corner_radius,
        visuals.weak_bg_fill,
        visuals.bg_stroke,
        StrokeKind::Inside,
    );
    padlock(
        ui.painter(),
        rect.center(),
        !together,
        visuals.fg_stroke.color,
    );
    let hint = if together {
        "The texts scroll together, matched claims level. Click (or Ctrl+L) to scroll each alone."
    } else {
        "Each text scrolls alone. Click (or Ctrl+L) to scroll them together."
    };
    if response.on_hover_text(hint).clicked() {
        commands.push(Command::ToggleScrollTogether);
    }
}

/// A padlock about 14 points high centred on `centre`, its shackle raised when `open`.
fn padlock(painter: &egui::Painter, centre: Pos2, open: bool, color: Color32) {
    let body = Rect::from_center_size(centre + egui::vec2(0.0, 3.0), egui::vec2(11.0, 8.0));
    painter.rect_filled(body, 1.5, color);
    let radius = 3.2;
    let lift = if open { 3.0 } else { 0.0 };
    let arc = egui::pos2(centre.x, body.top() - 1.5 - lift);
    let mut points = vec![egui::pos2(centre.x - radius, body.top())];
    for step in 0..=12u8 {
        let angle = std::f32::consts::PI * (1.0 + f32::from(step) / 12.0);
        points.push(arc + radius * egui::vec2(angle.cos(), angle.sin()));
    }
    let right_end = if open { arc.y + 1.5 } else { body.top() };
    points.push(egui::pos2(centre.x + radius, right_end));
    painter.add(egui::Shape::line(points, Stroke::new(1.6, color)));
}

/// Bezier curves across the gutter between the ends of each match with an end in view; an end
/// out of view is drawn past the edge of the gutter on its way there.
fn draw_curves(
    ui: &Ui,
    cmp: &Comparison,
    index: &ClaimIndex,
    layout: &DocLayout,
    gutter: Rect,
    drawn: [Drawn; 2],
    selection: Option<Selection>,
) {
    let clips = [drawn[0].clip, drawn[1].clip];
    let painter = ui.painter_at(gutter.intersect(clips[0].union(clips[1])));
    // A claim's middle on screen: where it was drawn, else where it would be.
    let at = |side: Side, i: usize| -> f32 {
        let k = side.index();
        layout.shown.spans[k].get(&i).map_or_else(
            || {
                let y = clips[k].top() + layout.claim_y(side, i) - drawn[k].offset;
                y.clamp(
                    clips[k].top() - CURVE_OVERSHOOT,
                    clips[k].bottom() + CURVE_OVERSHOOT,
                )
            },
            |span| span.center(),
        )
    };
    for side in Side::BOTH {
        let k = side.index();
        let mut claims: Vec<usize> = layout.shown.spans[k].keys().copied().collect();
        claims.sort_unstable();
        for i in claims {
            for &m in &index.matches_of[k][i] {
                let Some(link) = cmp.matches.get(m) else {
                    continue;
                };
                // A match with both ends in view is drawn once, from side a.
                if side == Side::B && layout.shown.spans[0].contains_key(&link.a) {
                    continue;
                }
                let selected = selection.is_some_and(|s| {
                    (s.side == Side::A && s.index == link.a)
                        || (s.side == Side::B && s.index == link.b)
                });
                let color = if selected {
                    theme::side_accent(Side::A)
                } else if link.is_manual() {
                    // Links the analyst made stand out from the machine's.
                    theme::manual_accent(ui.visuals())
                } else {
                    Color32::from_rgba_unmultiplied(120, 150, 120, 160)
                };
                // Links leaving the view are fainter than those between claims in view.
                let in_view = layout.shown.spans[0].contains_key(&link.a)
                    && layout.shown.spans[1].contains_key(&link.b);
                let (color, width) = match (selected, in_view) {
                    (true, _) => (color, 2.5),
                    (false, true) => (color, 1.2),
                    (false, false) => (color.gamma_multiply(0.45), 1.0),
                };
                let (ya, yb) = (at(Side::A, link.a), at(Side::B, link.b));
                link_curve(&painter, gutter, ya, yb, Stroke::new(width, color));
            }
        }
    }
}
