//! The document view of three witnesses: the three texts side by side, drawn paragraph by
//! paragraph as the two-sided document view draws them ([`super::document_paragraph`]), with
//! curves between neighbouring columns (a–b and b–c). Links of a with c would cross the middle
//! text, so they are not drawn; the topic view and the details list them. Scrolling together is
//! a chain: the column under the pointer leads, its neighbour follows it through their matches
//! ([`super::document_scroll`]), and the far column follows the middle one.

use std::collections::HashMap;

use eframe::egui::{self, Color32, Rangef, Rect, Sense, Stroke, Ui, UiBuilder};

use crate::model::{ClaimId, Comparison, Side};
use crate::rows::ClaimIndex;
use crate::witness_rows::{self, WITNESSES};
use crate::witnesses::Witnesses;

use super::command::Command;
use super::document_paragraph::{Marks, Paint, link_curve, paragraph};
use super::document_scroll::{self, Extent};
use super::document_view::{DocLayout, Para};
use super::theme;
use super::virtual_list::{Drawn, ScrollTo, VirtualList, text_height};

/// Width of each gutter between two texts.
const GUTTER: f32 = 36.0;

/// The paragraphs of each witness and what the view keeps between frames.
#[derive(Debug, Default)]
pub struct ThreeDoc {
    paragraphs: [Vec<Para>; 3],
    paragraph_of: [Vec<usize>; 3],
    claim_at: [Vec<f32>; 3],
    /// Per witness, whether each claim has a match in another witness (for the tints).
    index: [ClaimIndex; 3],
    /// Matched pairs in text order of a–b and of b–c: the anchors of scrolling together.
    anchors: [Vec<(usize, usize)>; 2],
    lists: [VirtualList; 3],
    /// Per witness, the claims drawn last frame with their top and bottom on screen.
    spans: [HashMap<usize, Rangef>; 3],
    /// Per witness, a claim to bring to the middle.
    centre: [Option<usize>; 3],
    /// The column that led last.
    leader: usize,
}

impl ThreeDoc {
    /// Lays the three texts out by paragraph.
    #[must_use]
    pub fn new(w: &Witnesses) -> Self {
        let ab = DocLayout::new(&w.ab);
        let ac = DocLayout::new(&w.ac);
        let [pa, pb] = ab.paragraphs;
        let [_, pc] = ac.paragraphs;
        let [oa, ob] = ab.paragraph_of;
        let [_, oc] = ac.paragraph_of;
        let [ca, cb] = ab.claim_at;
        let [_, cc] = ac.claim_at;
        let index = WITNESSES.map(|k| {
            let (cmp, side) = witness_rows::home(w, k);
            let n = cmp.side(side).claims.len();
            let mut matched = vec![Vec::new(); n];
            for (i, slot) in matched.iter_mut().enumerate() {
                if WITNESSES
                    .iter()
                    .any(|&y| y != k && !witness_rows::matches_with(w, k, i, y).is_empty())
                {
                    slot.push(0);
                }
            }
            let mut matches_of = [Vec::new(), Vec::new()];
            matches_of[side.index()] = matched;
            ClaimIndex {
                matches_of,
                lower: [Vec::new(), Vec::new()],
            }
        });
        let ordered = |cmp: &Comparison| {
            document_scroll::ordered_pairs(cmp.matches.iter().map(|m| (m.a, m.b, m.score())))
        };
        ThreeDoc {
            paragraphs: [pa, pb, pc],
            paragraph_of: [oa, ob, oc],
            claim_at: [ca, cb, cc],
            index,
            anchors: [ordered(&w.ab), ordered(&w.bc)],
            ..ThreeDoc::default()
        }
    }

    /// Brings claim `i` of witness `k` to the middle of its column.
    pub fn centre(&mut self, k: usize, i: usize) {
        self.centre[k] = Some(i);
        self.lists[k].glide_next();
    }

    /// The claims of witness `k` drawn last frame, in text order.
    #[must_use]
    pub fn shown(&self, k: usize) -> Vec<usize> {
        let mut claims: Vec<usize> = self
            .spans
            .get(k)
            .map(|s| s.keys().copied().collect())
            .unwrap_or_default();
        claims.sort_unstable();
        claims
    }

    /// Where claim `i` of witness `k` sits in its text: its middle, in points from the top.
    fn claim_y(&self, k: usize, i: usize) -> f32 {
        let (Some(&p), Some(&at)) = (self.paragraph_of[k].get(i), self.claim_at[k].get(i)) else {
            return self.lists[k].height();
        };
        self.lists[k].row_top(p) + at * self.lists[k].row_height(p)
    }

    /// The offset of column `k` following its neighbour `lead`, drawn as `drawn`.
    fn follow(&self, k: usize, lead: usize, drawn: Drawn, viewport: f32) -> f32 {
        // a–b anchors join columns 0 and 1; b–c anchors 1 and 2.
        let (pair, first) = if k.min(lead) == 0 { (0, 0) } else { (1, 1) };
        let points: Vec<[f32; 2]> = self.anchors[pair]
            .iter()
            .map(|&(x, y)| [self.claim_y(first, x), self.claim_y(first + 1, y)])
            .collect();
        let lead_side = if lead == first { Side::A } else { Side::B };
        let mut extents = [Extent {
            content: 0.0,
            viewport,
        }; 2];
        extents[0].content = self.lists[first].height();
        extents[1].content = self.lists[first + 1].height();
        extents[lead_side.index()].viewport = drawn.viewport;
        document_scroll::follow(&points, lead_side, drawn.offset, extents)
    }
}

/// Draws the three texts and the curves between neighbours. With `together`, the texts scroll
/// as a chain from the column under the pointer.
pub fn show(
    ui: &mut Ui,
    w: &Witnesses,
    labels: &[String; 3],
    doc: &mut ThreeDoc,
    selection: Option<(usize, usize)>,
    together: bool,
    commands: &mut Vec<Command>,
) {
    let full = ui.available_rect_before_wrap();
    let col_w = ((full.width() - 2.0 * GUTTER) / 3.0).max(80.0);
    let columns = WITNESSES.map(|k| {
        #[expect(clippy::cast_precision_loss, reason = "0, 1 or 2")]
        let x = full.min.x + k as f32 * (col_w + GUTTER);
        Rect::from_min_size(egui::pos2(x, full.min.y), egui::vec2(col_w, full.height()))
    });
    let asked = doc.centre.map(|c| c.is_some());
    let under_pointer = ui.input(|i| {
        let pointer = i.pointer.hover_pos().filter(|_| !i.pointer.any_down())?;
        WITNESSES
            .into_iter()
            .find(|&k| columns[k].contains(pointer))
    });
    if let Some(k) = WITNESSES.into_iter().find(|&k| asked[k]).or(under_pointer) {
        doc.leader = k;
    }
    let leader = doc.leader;
    // The leader first, then outwards: each follower follows the neighbour drawn before it.
    let order: [(usize, Option<usize>); 3] = match leader {
        0 => [(0, None), (1, Some(0)), (2, Some(1))],
        1 => [(1, None), (0, Some(1)), (2, Some(1))],
        _ => [(2, None), (1, Some(2)), (0, Some(1))],
    };
    let partners = partners(w, selection);
    let mut drawn = [Drawn::default(); 3];
    let mut remeasured = false;
    for (k, follows) in order {
        let (cmp, side) = witness_rows::home(w, k);
        let request = doc.centre[k].take().and_then(|i| {
            Some(ScrollTo::Centre {
                row: *doc.paragraph_of[k].get(i)?,
                at: *doc.claim_at[k].get(i)?,
            })
        });
        let column = Column {
            k,
            cmp,
            side,
            label: &labels[k],
            rect: columns[k],
            selected: selection
                .filter(|&(sk, _)| sk == k)
                .map(|(_, i)| ClaimId::new(side, i)),
            partners: &partners[k],
            request,
            follows: follows.filter(|_| together).map(|lead| (lead, drawn[lead])),
        };
        let mut column_commands = Vec::new();
        let (drawn_k, moved) = show_column(ui, doc, &column, &mut column_commands);
        remeasured |= drawn_k.remeasured || moved;
        drawn[k] = drawn_k;
        // A click names the claim in its pair's side; here it is a witness's claim.
        commands.extend(column_commands.into_iter().map(|c| match c {
            Command::Select(id) => Command::SelectWitness(k, id.index),
            other => other,
        }));
    }
    if remeasured && together {
        ui.ctx().request_repaint();
    }
    curves(ui, w, doc, &columns, &drawn, selection);
    ui.allocate_rect(full, Sense::hover());
}

/// One text of the three, as drawn this frame.
struct Column<'a> {
    k: usize,
    cmp: &'a Comparison,
    side: Side,
    label: &'a str,
    rect: Rect,
    /// The selected claim, when it is this witness's.
    selected: Option<ClaimId>,
    /// This witness's claims matched to the selected claim.
    partners: &'a [usize],
    /// A claim to bring to the middle.
    request: Option<ScrollTo>,
    /// The neighbour this text follows, as it was drawn this frame.
    follows: Option<(usize, Drawn)>,
}

/// Draws one text; returns how it was drawn and whether a claim was found at a new place.
fn show_column(
    ui: &mut Ui,
    doc: &mut ThreeDoc,
    column: &Column<'_>,
    commands: &mut Vec<Command>,
) -> (Drawn, bool) {
    let k = column.k;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let spacing = ui.spacing().item_spacing.y;
    let scope = ui.make_persistent_id(("three-document-column", k));
    ui.scope_builder(
        UiBuilder::new().max_rect(column.rect).scope_id(scope),
        |ui| {
            header(ui, column.cmp, column.side, k, column.label);
            let n = doc.paragraphs[k].len();
            let paragraphs = &doc.paragraphs[k];
            let estimate = |i: usize, width: f32| -> f32 {
                text_height(paragraphs[i].bytes, width, row_h, row_h * 0.45) + 8.0
            };
            doc.lists[k].prepare(n, ui.available_width(), spacing, estimate);
            let scroll = column.request.or_else(|| {
                let (lead, drawn) = column.follows?;
                let offset = doc.follow(k, lead, drawn, ui.available_height());
                Some(ScrollTo::Offset(offset))
            });
            let paint = Paint {
                cmp: column.cmp,
                index: &doc.index[k],
                side: column.side,
                selection: column.selected,
                partners: column.partners,
                one_sided_tint: Some(theme::witness_tint(k, ui.visuals())),
                read_only: Some(super::three_view::READING_ONLY),
            };
            let mut marks = Marks {
                spans: &mut doc.spans[k],
                claim_at: &mut doc.claim_at[k],
                moved: false,
            };
            marks.spans.clear();
            let drawn =
                doc.lists[k].show(ui, ("three-document", k), n, estimate, scroll, |ui, p| {
                    paragraph(ui, &paint, paragraphs[p], &mut marks, commands);
                });
            (drawn, marks.moved)
        },
    )
    .inner
}

/// Per witness, its claims matched to the selected claim.
fn partners(w: &Witnesses, selection: Option<(usize, usize)>) -> [Vec<usize>; 3] {
    WITNESSES.map(|k| match selection {
        Some((sk, si)) if sk != k => witness_rows::matches_with(w, sk, si, k)
            .into_iter()
            .map(|(_, j)| j)
            .collect(),
        _ => Vec::new(),
    })
}

fn header(ui: &mut Ui, cmp: &Comparison, side: Side, k: usize, label: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!("{} · {label}", witness_rows_key(k)))
                .strong()
                .color(theme::witness_accent(k)),
        );
        if let Some(title) = &cmp.side(side).readout.title {
            ui.label(egui::RichText::new(title).weak());
        }
    });
}

fn witness_rows_key(k: usize) -> &'static str {
    crate::witnesses::KEYS[k]
}

/// Curves across the a–b gutter (the a–b matches) and the b–c gutter (the b–c matches) for
/// matches with an end in view.
fn curves(
    ui: &Ui,
    w: &Witnesses,
    doc: &ThreeDoc,
    columns: &[Rect; 3],
    drawn: &[Drawn; 3],
    selection: Option<(usize, usize)>,
) {
    for (left, cmp) in [(0, &w.ab), (1, &w.bc)] {
        let right = left + 1;
        let gutter = Rect::from_min_max(
            egui::pos2(columns[left].max.x, columns[left].min.y),
            egui::pos2(columns[right].min.x, columns[right].max.y),
        );
        let clips = [drawn[left].clip, drawn[right].clip];
        let painter = ui.painter_at(gutter.intersect(clips[0].union(clips[1])));
        let at = |k: usize, clip: Rect, offset: f32, i: usize| -> Option<f32> {
            doc.spans[k].get(&i).map(|s| s.center()).or_else(|| {
                let y = clip.top() + doc.claim_y(k, i) - offset;
                (y > clip.top() - 40.0 && y < clip.bottom() + 40.0).then_some(y)
            })
        };
        for m in &cmp.matches {
            let shown = [
                doc.spans[left].contains_key(&m.a),
                doc.spans[right].contains_key(&m.b),
            ];
            if !shown[0] && !shown[1] {
                continue;
            }
            let (Some(ya), Some(yb)) = (
                at(left, clips[0], drawn[left].offset, m.a),
                at(right, clips[1], drawn[right].offset, m.b),
            ) else {
                continue;
            };
            let selected = selection == Some((left, m.a)) || selection == Some((right, m.b));
            let base = Color32::from_rgba_unmultiplied(120, 150, 120, 160);
            let (color, width) = match (selected, shown[0] && shown[1]) {
                (true, _) => (theme::witness_accent(left), 2.5),
                (false, true) => (base, 1.2),
                (false, false) => (base.gamma_multiply(0.45), 1.0),
            };
            link_curve(&painter, gutter, ya, yb, Stroke::new(width, color));
        }
    }
}
