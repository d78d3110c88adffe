//! Three witnesses in the app: their state, the three-column topic view (one row per claim and
//! its matches on the other sides, a claim no other side makes tinted and badged) and the
//! details of a claim of any witness with its matches on the other two. A reading view: edits
//! are made on a pair opened as two readouts.

use std::sync::Arc;

use eframe::egui::{self, RichText, Sense, Ui};

use crate::model::ClaimId;
use crate::rows::Filter;
use crate::witness_rows::{self, Item, ThreeRow, WITNESSES};
use crate::witnesses::Witnesses;

use super::claim_widgets::{
    anchor_legend, cell_frame, claim_job, claim_label, match_job, only_in_badge, plain_job,
};
use super::command::Command;
use super::theme;
use super::three_document::ThreeDoc;
use super::three_nav;
use super::virtual_list::{ScrollTo, VirtualList, text_height};

/// Why editing is off, shown where editing would be.
pub const READING_ONLY: &str = "Three witnesses are a reading view: links, topics, notes and \
     sessions are edited on two readouts. Open a pair to edit it.";

/// The witnesses' one-letter keys.
pub const KEYS: [&str; 3] = crate::witnesses::KEYS;

/// Three witnesses on screen and what their views keep between frames.
pub struct ThreeView {
    /// The three pairwise comparisons.
    pub witnesses: Arc<Witnesses>,
    /// The topic view's headings and rows.
    pub items: Vec<Item>,
    /// The column heads.
    pub labels: [String; 3],
    /// The selected claim: (witness, claim).
    pub selection: Option<(usize, usize)>,
    /// Which rows the topic view shows.
    pub filter: Filter,
    /// The search text: rows with no claim containing it are hidden.
    pub search: String,
    /// Set to give the search box the keyboard focus next frame.
    pub focus_search: bool,
    /// Set to take the keyboard focus from the search box next frame.
    pub blur_search: bool,
    /// Whether the search box had the keyboard focus last frame.
    pub search_focused: bool,
    /// Per witness, its claims' texts lowercased, for the search.
    pub(super) lower: [Vec<String>; 3],
    /// The items shown for `shown_for`'s filter and search.
    pub(super) shown: Vec<usize>,
    pub(super) shown_for: Option<(Filter, String)>,
    /// Per witness, the item of each claim's row.
    pub(super) row_of: [Vec<usize>; 3],
    /// A row to bring to the top of the topic view.
    pub(super) scroll_to_item: Option<usize>,
    pub(super) list: VirtualList,
    /// The document view's state.
    pub doc: ThreeDoc,
}

impl ThreeView {
    /// The views of three witnesses, nothing selected.
    #[must_use]
    pub fn new(witnesses: Witnesses) -> Self {
        let items = witness_rows::group(&witnesses);
        let mut row_of = WITNESSES.map(|k| {
            let (cmp, side) = witness_rows::home(&witnesses, k);
            vec![0; cmp.side(side).claims.len()]
        });
        for (n, item) in items.iter().enumerate() {
            if let Item::Row(row) = item {
                for k in WITNESSES {
                    for &i in &row.cells[k] {
                        row_of[k][i] = n;
                    }
                }
            }
        }
        let labels = witness_rows::labels(&witnesses);
        let doc = ThreeDoc::new(&witnesses);
        let lower = WITNESSES.map(|k| {
            let (cmp, side) = witness_rows::home(&witnesses, k);
            let data = cmp.side(side);
            (0..data.claims.len())
                .map(|i| data.claim_text(i).to_lowercase())
                .collect()
        });
        ThreeView {
            witnesses: Arc::new(witnesses),
            items,
            labels,
            selection: None,
            filter: Filter::All,
            search: String::new(),
            focus_search: false,
            blur_search: false,
            search_focused: false,
            lower,
            shown: Vec::new(),
            shown_for: None,
            row_of,
            scroll_to_item: None,
            list: VirtualList::default(),
            doc,
        }
    }

    /// Selects claim `i` of witness `k` (a click: the topic view stays where it is; the
    /// document view brings the claim to the middle of its text).
    pub fn select(&mut self, k: usize, i: usize) {
        self.selection = Some((k, i));
        self.doc.centre(k, i);
    }

    /// Selects claim `i` of witness `k` and brings its row (and, in the document view, it) into
    /// view.
    pub fn reveal(&mut self, k: usize, i: usize) {
        self.select(k, i);
        self.scroll_to_item = self.row_of.get(k).and_then(|rows| rows.get(i)).copied();
    }

    /// "US, Russia (Russian) and Russia (English)".
    #[must_use]
    pub fn title(&self) -> String {
        let [a, b, c] = &self.labels;
        format!("{a}, {b} and {c}")
    }

    /// The pair `x`–`y` named for a button: "a–b: US ↔ Russia (Russian)".
    #[must_use]
    pub fn pair_name(&self, x: usize, y: usize) -> String {
        format!(
            "{}–{}: {} ↔ {}",
            KEYS[x], KEYS[y], self.labels[x], self.labels[y]
        )
    }
}

/// The column heads, above either view: each witness's key, label and claim count.
pub fn column_heads(ui: &mut Ui, view: &ThreeView) {
    ui.columns(3, |cols| {
        for k in WITNESSES {
            let (cmp, side) = witness_rows::home(&view.witnesses, k);
            let data = cmp.side(side);
            let col = &mut cols[k];
            col.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("{} · {}", KEYS[k], view.labels[k]))
                        .strong()
                        .color(theme::witness_accent(k)),
                );
                ui.label(RichText::new(format!("{} claims", data.claims.len())).weak());
            });
        }
    });
}

/// The topic view of three witnesses.
pub fn show_topics(ui: &mut Ui, view: &mut ThreeView, commands: &mut Vec<Command>) {
    view.refresh_shown();
    column_heads(ui, view);
    ui.separator();
    if view.shown.is_empty() {
        ui.label(
            RichText::new("No rows match the filter and search: choose All or clear the search.")
                .weak(),
        );
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let w = Arc::clone(&view.witnesses);
    let (items, shown) = (&view.items, &view.shown);
    let estimate = |n: usize, width: f32| -> f32 {
        let Some(Item::Row(row)) = shown.get(n).and_then(|&n| items.get(n)) else {
            return 40.0;
        };
        let col = (width - 24.0) / 3.0;
        WITNESSES
            .iter()
            .map(|&k| {
                let (cmp, side) = witness_rows::home(&w, k);
                row.cells[k]
                    .iter()
                    .map(|&i| {
                        let c = &cmp.side(side).claims[i];
                        text_height(c.end - c.start, col, row_h, row_h * 0.45) + 30.0
                    })
                    .sum::<f32>()
            })
            .fold(30.0, f32::max)
    };
    let scroll_to = view
        .scroll_to_item
        .take()
        .and_then(|item| shown.iter().position(|&n| n == item))
        .map(ScrollTo::Top);
    let (selection, labels) = (view.selection, &view.labels);
    view.list.show(
        ui,
        "three-topic-view",
        shown.len(),
        estimate,
        scroll_to,
        |ui, n| match &items[shown[n]] {
            Item::Header {
                label,
                color,
                counts,
                ..
            } => header(ui, label, color, *counts, labels),
            Item::Row(row) => draw_row(ui, &w, row, selection, labels, commands),
        },
    );
}

fn header(ui: &mut Ui, label: &str, color: &str, counts: [usize; 3], labels: &[String; 3]) {
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(6.0, 22.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, theme::hex(color));
        ui.label(RichText::new(label).heading().strong());
        ui.label(RichText::new(format!("{} · {} · {}", counts[0], counts[1], counts[2])).weak());
        let present: Vec<usize> = WITNESSES.into_iter().filter(|&k| counts[k] > 0).collect();
        if let [only] = present.as_slice() {
            ui.label(
                RichText::new(format!("only {} covers this topic", labels[*only]))
                    .color(theme::witness_accent(*only))
                    .strong(),
            );
        }
    });
    ui.separator();
}

fn draw_row(
    ui: &mut Ui,
    w: &Witnesses,
    row: &ThreeRow,
    selection: Option<(usize, usize)>,
    labels: &[String; 3],
    commands: &mut Vec<Command>,
) {
    let only = row.only();
    ui.columns(3, |cols| {
        for k in WITNESSES {
            let col = &mut cols[k];
            if row.cells[k].is_empty() {
                if only.is_none() {
                    col.label(
                        RichText::new(format!("not in {}", labels[k]))
                            .small()
                            .weak()
                            .italics(),
                    );
                }
                continue;
            }
            for &i in &row.cells[k] {
                cell(col, w, row, (k, i), only, selection, labels, commands);
            }
        }
    });
}

/// One claim in its column: a badge when only its witness makes the point, its text (click to
/// select), and the scores of its matches on the row.
#[expect(
    clippy::too_many_arguments,
    reason = "a cell is drawn from all of these"
)]
fn cell(
    ui: &mut Ui,
    w: &Witnesses,
    row: &ThreeRow,
    (k, i): (usize, usize),
    only: Option<usize>,
    selection: Option<(usize, usize)>,
    labels: &[String; 3],
    commands: &mut Vec<Command>,
) {
    let (cmp, side) = witness_rows::home(w, k);
    let tint = only.map(|k| theme::witness_tint(k, ui.visuals()));
    let selected = selection == Some((k, i));
    cell_frame(ui, selected, tint).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if only.is_some() {
            only_in_badge(ui, &labels[k], theme::witness_accent(k), selected);
        }
        let id = ClaimId::new(side, i);
        let job = claim_job(ui, cmp, id);
        let response = ui
            .with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                claim_label(ui, job, cmp, id, Sense::click())
            })
            .inner;
        if response.clicked() || response.secondary_clicked() {
            commands.push(Command::SelectWitness(k, i));
        }
        response.context_menu(|ui| three_nav::claim_menu(ui, k, commands));
        let links = links_on_row(w, row, k, i);
        if !links.is_empty() {
            ui.add(egui::Label::new(RichText::new(links).small().weak()).wrap());
        }
    });
}

/// "↔ b 0.71 · ↔ c 0.93": the claim's matches on its row, by witness key and score.
fn links_on_row(w: &Witnesses, row: &ThreeRow, k: usize, i: usize) -> String {
    let mut parts = Vec::new();
    for y in WITNESSES.into_iter().filter(|&y| y != k) {
        let (cmp, _, _) = witness_rows::pair(w, k, y);
        for (m, j) in witness_rows::matches_with(w, k, i, y) {
            if row.cells[y].contains(&j) {
                parts.push(format!("↔ {} {:.2}", KEYS[y], cmp.matches[m].score()));
            }
        }
    }
    parts.join(" · ")
}

/// The details of the selected claim: its text, topic and speaker, and per other witness its
/// matches with score, evidence, anchors and wording; with nothing selected, the sources.
pub fn details(ui: &mut Ui, view: &ThreeView, commands: &mut Vec<Command>) {
    ui.heading("Details");
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("three-details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(READING_ONLY).small().italics());
            pair_buttons(ui, view, view.selection.map(|(k, _)| k), commands);
            ui.separator();
            match view.selection {
                Some((k, i)) => claim_details(ui, view, k, i, commands),
                None => sources(ui, view),
            }
        });
}

/// Buttons opening a pair as two readouts (those of witness `with` when given).
pub fn pair_buttons(
    ui: &mut Ui,
    view: &ThreeView,
    with: Option<usize>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Open as two readouts:").weak());
        for (x, y) in [(0, 1), (0, 2), (1, 2)] {
            if with.is_some_and(|k| k != x && k != y) {
                continue;
            }
            if ui
                .button(format!("{}–{}", KEYS[x], KEYS[y]))
                .on_hover_text(format!(
                    "{}: the ordinary comparison, where links, topics, notes and sessions work",
                    view.pair_name(x, y)
                ))
                .clicked()
            {
                commands.push(Command::OpenWitnessPair(x, y));
            }
        }
    });
}

fn sources(ui: &mut Ui, view: &ThreeView) {
    ui.label(RichText::new("Click a claim to see its matches in the other two readouts.").weak());
    for k in WITNESSES {
        let (cmp, side) = witness_rows::home(&view.witnesses, k);
        let r = &cmp.side(side).readout;
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!("{} · {}", KEYS[k], view.labels[k]))
                .strong()
                .color(theme::witness_accent(k)),
        );
        let mut facts = vec![r.source.clone()];
        facts.extend(r.title.clone());
        facts.extend(r.date.clone());
        ui.add(egui::Label::new(RichText::new(facts.join(" · ")).small()).wrap());
    }
    for (keys, cmp) in view.witnesses.pairs() {
        if let Some(check) = &cmp.translation {
            ui.add_space(4.0);
            ui.label(
                RichText::new(format!(
                    "{}–{}: two language versions of one readout; {:.0}% of the original's sentences linked",
                    keys[0],
                    keys[1],
                    check.linked_share() * 100.0
                ))
                .small(),
            );
        }
    }
}

fn claim_details(ui: &mut Ui, view: &ThreeView, k: usize, i: usize, commands: &mut Vec<Command>) {
    let w = &view.witnesses;
    let (cmp, side) = witness_rows::home(w, k);
    let Some(claim) = cmp.side(side).claims.get(i) else {
        return;
    };
    let id = ClaimId::new(side, i);
    ui.label(
        RichText::new(format!(
            "{} · {} · claim {}",
            KEYS[k], view.labels[k], claim.id
        ))
        .strong()
        .color(theme::witness_accent(k)),
    );
    let job = claim_job(ui, cmp, id);
    claim_label(ui, job, cmp, id, Sense::hover());
    let topic = cmp
        .topic(&claim.topic)
        .map_or(claim.topic.as_str(), |t| t.label.as_str());
    ui.label(RichText::new(format!("Topic: {topic}")).small());
    if let Some(speaker) = &claim.speaker {
        ui.label(RichText::new(format!("Speaker: {speaker}")).small());
    }
    for y in WITNESSES.into_iter().filter(|&y| y != k) {
        ui.add_space(6.0);
        let (pcmp, _, sy) = witness_rows::pair(w, k, y);
        let matches = witness_rows::matches_with(w, k, i, y);
        if matches.is_empty() {
            ui.label(
                RichText::new(format!("Not in {}", view.labels[y]))
                    .strong()
                    .color(theme::witness_accent(y)),
            );
            ui.label(format!(
                "No claim of {} gives an account of this point.",
                view.labels[y]
            ));
            continue;
        }
        ui.label(
            RichText::new(format!("Matches in {} ({})", view.labels[y], matches.len()))
                .strong()
                .color(theme::witness_accent(y)),
        );
        for (m, j) in matches {
            let mm = &pcmp.matches[m];
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .link(format!("claim {}", witness_rows::claim_name(y, j)))
                    .clicked()
                {
                    commands.push(Command::RevealWitness(y, j));
                }
                ui.label(RichText::new(format!("score {:.2}", mm.score())).weak());
            });
            ui.add(egui::Label::new(plain_job(ui, pcmp.side(sy).claim_text(j))).wrap());
            let evidence = match mm.origin.evidence() {
                [] => crate::curation::MANUAL_EVIDENCE.to_string(),
                words => words.join("; "),
            };
            ui.label(RichText::new(format!("Evidence: {evidence}")).small());
            anchor_legend(ui, pcmp, m);
            for s in crate::model::Side::BOTH {
                ui.add(egui::Label::new(match_job(ui, pcmp, m, s, false)).wrap());
            }
        }
    }
}
