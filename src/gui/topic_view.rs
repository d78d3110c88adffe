//! The topic view: one section per topic; each side's claims in its own column, matched claims
//! on one row with their word differences marked, one-sided claims tinted and badged.

use eframe::egui::{self, Color32, RichText, Sense, Ui, text::LayoutJob};

use crate::curation::NoteOn;
use crate::model::{ClaimId, Comparison, Side};

use super::claim_widgets::{
    MANUAL_MARK, cell_frame, claim_job, claim_label, match_job, only_in_badge,
};
use super::command::Command;
use super::state::{Selection, ViewState};
use super::theme;
use super::virtual_list::{ScrollTo, VirtualList, text_height};
use crate::rows::Row;

/// Draws the rows; clicks become commands.
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    rows: &[Row],
    list: &mut VirtualList,
    view: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    if rows.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| ui.label("No claims match the filter or the search."));
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let char_w = row_h * 0.45;
    let claim_height = |side: Side, c: usize, col: f32| -> f32 {
        let claim = &cmp.side(side).claims[c];
        text_height(claim.end - claim.start, col, row_h, char_w) + 34.0
    };
    let estimate = |i: usize, width: f32| -> f32 {
        let col = (width - 40.0) / 2.0;
        match rows[i] {
            Row::Header(_) => 40.0,
            Row::Pair { m, .. } => {
                let mm = &cmp.matches[m];
                let chars = (cmp.sides[0].claims[mm.a].end - cmp.sides[0].claims[mm.a].start)
                    .max(cmp.sides[1].claims[mm.b].end - cmp.sides[1].claims[mm.b].start);
                text_height(chars, col, row_h, char_w) + 26.0
            }
            Row::OneSided(side, c) => claim_height(side, c, col),
            Row::Elsewhere(c) => claim_height(Side::B, c, col),
        }
    };
    let scroll_to = view.scroll_to_row.take().map(ScrollTo::Top);
    let selection = view.selection;
    list.show(
        ui,
        "topic-view",
        rows.len(),
        estimate,
        scroll_to,
        |ui, i| {
            draw_row(ui, cmp, rows[i], selection, commands);
        },
    );
}

fn draw_row(
    ui: &mut Ui,
    cmp: &Comparison,
    row: Row,
    selection: Option<Selection>,
    commands: &mut Vec<Command>,
) {
    match row {
        Row::Header(t) => header(ui, cmp, t, commands),
        Row::Pair { m, first } => {
            let mm = &cmp.matches[m];
            ui.columns(2, |cols| {
                let job_a = match_job(&cols[0], cmp, m, Side::A, !first);
                let note_a = marks(cmp, Side::A, mm.a, None);
                cell(
                    &mut cols[0],
                    cmp,
                    job_a,
                    ClaimId::new(Side::A, mm.a),
                    None,
                    selection,
                    commands,
                    &note_a,
                );
                let job_b = match_job(&cols[1], cmp, m, Side::B, false);
                let link = if mm.is_manual() {
                    format!("{MANUAL_MARK} linked by you")
                } else {
                    format!("score {:.2}", mm.score())
                };
                let note = marks(cmp, Side::B, mm.b, Some(link));
                cell(
                    &mut cols[1],
                    cmp,
                    job_b,
                    ClaimId::new(Side::B, mm.b),
                    None,
                    selection,
                    commands,
                    &note,
                );
            });
        }
        Row::OneSided(side, c) => {
            ui.columns(2, |cols| {
                let col = &mut cols[side.index()];
                let job = claim_job(col, cmp, ClaimId::new(side, c));
                let tint = theme::side_tint(side, col.visuals());
                let note = marks(cmp, side, c, None);
                cell(
                    col,
                    cmp,
                    job,
                    ClaimId::new(side, c),
                    Some(tint),
                    selection,
                    commands,
                    &note,
                );
                let other = &mut cols[side.other().index()];
                other.add_space(4.0);
            });
        }
        Row::Elsewhere(c) => {
            ui.columns(2, |cols| {
                cols[0].label(
                    RichText::new("matched under another topic")
                        .weak()
                        .italics(),
                );
                let job = claim_job(&cols[1], cmp, ClaimId::new(Side::B, c));
                let note = marks(cmp, Side::B, c, None);
                cell(
                    &mut cols[1],
                    cmp,
                    job,
                    ClaimId::new(Side::B, c),
                    None,
                    selection,
                    commands,
                    &note,
                );
            });
        }
    }
}

/// The small print under a claim: how it is linked, whether it was moved by hand, its note.
fn marks(cmp: &Comparison, side: Side, c: usize, link: Option<String>) -> String {
    let claim = &cmp.side(side).claims[c];
    let mut lines: Vec<String> = link.into_iter().collect();
    if claim.topic_manual {
        lines.push(format!("{MANUAL_MARK} moved to this topic by you"));
    }
    if let Some(note) = &claim.note {
        lines.push(format!("Note: {note}"));
    }
    lines.join("\n")
}

fn header(ui: &mut Ui, cmp: &Comparison, t: usize, commands: &mut Vec<Command>) {
    let topic = &cmp.topics[t];
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(6.0, 22.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, theme::hex(&topic.color));
        ui.label(RichText::new(&topic.label).heading().strong());
        ui.label(RichText::new(format!("{} · {}", topic.a.len(), topic.b.len())).weak());
        if let Some(side) = topic.one_sided() {
            let text = format!("only {} covers this topic", cmp.side(side).readout.label);
            ui.label(RichText::new(text).color(theme::side_accent(side)).strong());
        }
        if topic.custom {
            ui.label(RichText::new(format!("{MANUAL_MARK} your topic")).weak());
        }
        let label = if topic.note.is_some() {
            "Edit note"
        } else {
            "Note…"
        };
        if ui
            .small_button(label)
            .on_hover_text(format!("A note on the topic {}", topic.label))
            .clicked()
        {
            commands.push(Command::EditNote(NoteOn::Topic(topic.id.clone())));
        }
    });
    if let Some(note) = &topic.note {
        ui.add(egui::Label::new(RichText::new(format!("Note: {note}")).italics()).wrap());
    }
    ui.separator();
}

/// A claim cell: optional badge, the claim text (click to select; a framing term shows its
/// kind and counterparts on hover), a small note.
#[expect(
    clippy::too_many_arguments,
    reason = "a cell is drawn from all of these"
)]
fn cell(
    ui: &mut Ui,
    cmp: &Comparison,
    job: LayoutJob,
    id: ClaimId,
    tint: Option<Color32>,
    selection: Option<Selection>,
    commands: &mut Vec<Command>,
    note: &str,
) {
    let selected = selection == Some(id);
    let side = id.side;
    cell_frame(ui, selected, tint).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if tint.is_some() {
            let label = label_of(ui, side);
            only_in_badge(ui, &label, theme::side_accent(side), selected);
        }
        // Columns lay out justified; claim text reads better ragged-right.
        let response = ui
            .with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                claim_label(ui, job, cmp, id, Sense::click())
            })
            .inner;
        if response.clicked() || response.secondary_clicked() {
            commands.push(Command::Select(id));
        }
        response.context_menu(|ui| {
            super::claim_widgets::claim_menu(ui, id, commands);
        });
        for line in note.lines() {
            let text = RichText::new(line).small();
            let text = if line.starts_with("Note:") {
                text.italics().color(ui.visuals().text_color())
            } else if line.starts_with(MANUAL_MARK) {
                text.color(theme::manual_accent(ui.visuals()))
            } else {
                text.weak()
            };
            ui.add(egui::Label::new(text).wrap());
        }
    });
}

/// The side labels are stored in egui's temporary memory by the app each frame, so cells can
/// name them without threading the comparison through every call.
fn label_of(ui: &Ui, side: Side) -> String {
    ui.ctx()
        .data(|d| d.get_temp::<String>(label_id(side)))
        .unwrap_or_default()
}

/// Where the app stores a side's label for the cells.
pub fn label_id(side: Side) -> egui::Id {
    egui::Id::unique(("parallax-side-label", side.key()))
}
