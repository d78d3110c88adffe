//! The details panel: the selected claim, its topic and speaker, each match with its score,
//! evidence and word diff, and the analyst's tools (link, unlink, move, not a claim, note); with
//! nothing selected, the sources and the sentences set aside.

use eframe::egui::{self, RichText, Ui};

use crate::curation::{Action, NoteOn};
use crate::model::{Comparison, Side, TopicId};

use super::claim_widgets::{
    MANUAL_MARK, anchor_legend, claim_job, claim_label, match_job, plain_job,
};
use super::command::Command;
use super::state::Selection;
use super::theme;
use crate::rows::ClaimIndex;

/// What the details panel needs besides the comparison.
pub struct Context<'a> {
    /// Per-claim match lookups.
    pub index: &'a ClaimIndex,
    /// The selected claim.
    pub selection: Option<Selection>,
    /// The claim a link starts from, in link mode.
    pub linking: Option<Selection>,
    /// Topics a claim can be moved to: (id, heading).
    pub topics: &'a [(TopicId, String)],
    /// The "new topic" field.
    pub new_topic: &'a mut String,
    /// Decisions that no longer find their claims.
    pub stale: &'a [String],
}

/// Draws the details of the selection (or a hint when nothing is selected).
#[expect(clippy::too_many_lines, reason = "the panel top to bottom as drawn")]
pub fn show(ui: &mut Ui, cmp: &Comparison, mut cx: Context<'_>, commands: &mut Vec<Command>) {
    let Context {
        index, selection, ..
    } = cx;
    ui.heading("Details");
    ui.separator();
    let Some(sel) = selection else {
        ui.label(
            RichText::new("Click a claim to see its topic, its matches and why they were linked.")
                .weak(),
        );
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .id_salt("details-sources")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                sources(ui, cmp);
                translation(ui, cmp, commands);
                set_aside(ui, cmp, commands);
                if !cx.stale.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} manual decisions no longer find their claims; they stay in the session",
                            cx.stale.len()
                        ))
                        .small()
                        .italics(),
                    )
                    .on_hover_text(cx.stale.join("\n"));
                }
            });
        return;
    };
    let side = cmp.side(sel.side);
    let Some(claim) = side.claims.get(sel.index) else {
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
            let job = claim_job(ui, cmp, sel);
            claim_label(ui, job, cmp, sel, egui::Sense::hover());
            ui.add_space(4.0);
            let topic = cmp
                .topic(&claim.topic)
                .map_or(claim.topic.as_str(), |t| t.label.as_str());
            egui::Grid::new("claim-facts")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(RichText::new("Topic").weak());
                    if claim.topic_manual {
                        ui.label(format!("{topic}  {MANUAL_MARK} moved by you"));
                    } else {
                        ui.label(topic);
                    }
                    ui.end_row();
                    ui.label(RichText::new("Speaker").weak());
                    ui.label(claim.speaker.as_deref().unwrap_or("—"));
                    ui.end_row();
                    ui.label(RichText::new("Role").weak())
                        .on_hover_text("What the claim does in its readout: reports the call itself (opening), gives its tone, lists matters discussed (agenda), or gives an account of one matter (substantive)");
                    ui.label(claim.role.name());
                    ui.end_row();
                });
            framing(ui, cmp, sel, commands);
            ui.add_space(4.0);
            edit_claim(ui, cmp, sel, &mut cx, commands);
            ui.add_space(6.0);
            let other = cmp.side(sel.side.other());
            rejected(ui, cmp, sel, commands);
            let matches = &index.matches_of[sel.side.index()][sel.index];
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
                let [a, b] = Comparison::ends(mm);
                let (this, that) = if sel.side == a.side { (a, b) } else { (b, a) };
                let other_claim = that.index;
                ui.separator();
                ui.horizontal(|ui| {
                    if ui
                        .link(format!("claim {}", other.claims[other_claim].id))
                        .clicked()
                    {
                        commands.push(Command::Select(that));
                    }
                    if mm.is_manual() {
                        ui.label(RichText::new(format!("{MANUAL_MARK} linked by you")).strong());
                    } else {
                        ui.label(RichText::new(format!("score {:.2}", mm.score())).weak());
                    }
                    if ui
                        .small_button("Unlink")
                        .on_hover_text("Remove this link: the two claims do not give an account of the same point")
                        .clicked()
                    {
                        commands.push(Command::Edit(Action::Unlink(this, that)));
                    }
                });
                ui.add(egui::Label::new(plain_job(ui, other.claim_text(other_claim))).wrap());
                let evidence = match mm.origin.evidence() {
                    [] => crate::curation::MANUAL_EVIDENCE.to_string(),
                    words => words.join("; "),
                };
                ui.label(RichText::new(format!("Evidence: {evidence}")).small());
                anchor_legend(ui, cmp, m);
                ui.add(egui::Label::new(match_job(ui, cmp, m, Side::A, false)).wrap());
                ui.add(egui::Label::new(match_job(ui, cmp, m, Side::B, false)).wrap());
            }
        });
}

/// The selected claim's framing terms: the words, their kind, how the other side would say
/// them or who asked for the call, and the other side's claims whose words they face.
fn framing(ui: &mut Ui, cmp: &Comparison, sel: Selection, commands: &mut Vec<Command>) {
    let Some(claim) = cmp.claim(sel) else {
        return;
    };
    if claim.framing.is_empty() {
        return;
    }
    let text = &cmp.side(sel.side).readout.text;
    ui.add_space(4.0);
    ui.label(RichText::new("Framing").strong());
    for term in &claim.framing {
        let words = text.get(term.start..term.end).unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(crate::framing::said(words, term))
                    .underline()
                    .color(theme::framing_accent(ui.visuals())),
            );
            ui.label(RichText::new(term.kind.name()).small().weak());
        });
        if let Some(by) = &term.by {
            let who = term
                .initiator
                .map_or("neither side named", |s| cmp.side(s).readout.label.as_str());
            ui.label(RichText::new(format!("who asked: {by} ({who})")).small());
        } else if !term.counterparts.is_empty() {
            ui.label(
                RichText::new(format!(
                    "the other side would say: {}",
                    term.counterparts.join(", ")
                ))
                .small(),
            );
        }
    }
    for c in &cmp.framing.contrasts {
        let (this, that) = match sel.side {
            Side::A => (c.a, (Side::B, c.b)),
            Side::B => (c.b, (Side::A, c.a)),
        };
        if this.claim != sel.index {
            continue;
        }
        let (other_side, other) = that;
        let Some(other_term) = cmp.framing_term(other_side, other) else {
            continue;
        };
        let other_words = cmp
            .side(other_side)
            .readout
            .text
            .get(other_term.start..other_term.end)
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("faces “{other_words}” ({}) in", c.basis.name())).small(),
            );
            let id = &cmp.side(other_side).claims[other.claim].id;
            if ui.link(format!("claim {id}")).clicked() {
                commands.push(Command::Reveal(crate::model::ClaimId::new(
                    other_side,
                    other.claim,
                )));
            }
        });
    }
}

/// The analyst's tools for the selected claim: link, topic, not a claim, note.
fn edit_claim(
    ui: &mut Ui,
    cmp: &Comparison,
    sel: Selection,
    cx: &mut Context<'_>,
    commands: &mut Vec<Command>,
) {
    let claim = &cmp.side(sel.side).claims[sel.index];
    ui.horizontal_wrapped(|ui| {
        if cx.linking == Some(sel) {
            if ui.button("Cancel link").on_hover_text("Esc").clicked() {
                commands.push(Command::CancelLink);
            }
        } else if ui
            .button("Link with…")
            .on_hover_text(format!(
                "Then click the claim of {} that gives an account of the same point (L)",
                cmp.side(sel.side.other()).readout.label
            ))
            .clicked()
        {
            commands.push(Command::StartLink(sel));
        }
        if ui
            .button("Not a claim")
            .on_hover_text(
                "Set this sentence aside as boilerplate: it leaves the topics and matches",
            )
            .clicked()
        {
            commands.push(Command::Edit(Action::SetAside(sel)));
        }
        let note_label = if claim.note.is_some() {
            "Edit note…"
        } else {
            "Add note…"
        };
        if ui.button(note_label).clicked() {
            commands.push(Command::EditNote(NoteOn::Claim(sel)));
        }
    });
    if let Some(note) = &claim.note {
        egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .inner_margin(egui::Margin::same(4))
            .show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(format!("Note: {note}")).italics()).wrap());
            });
    }
    // The label sits above the choice, which takes the panel's width and shortens a long
    // heading: side by side, a long topic squeezed the label to a letter a line.
    ui.label(RichText::new("Move to topic").weak());
    {
        let current = cx
            .topics
            .iter()
            .find(|(id, _)| *id == claim.topic)
            .map_or(claim.topic.as_str(), |(_, label)| label.as_str());
        egui::ComboBox::from_id_salt("move-topic")
            .selected_text(current)
            .width((ui.available_width() - 8.0).max(120.0))
            .truncate()
            .height(400.0)
            .show_ui(ui, |ui| {
                for (id, label) in cx.topics {
                    if ui.selectable_label(*id == claim.topic, label).clicked()
                        && *id != claim.topic
                    {
                        commands.push(Command::Edit(Action::Move(sel, id.clone())));
                    }
                }
            });
    }
    ui.horizontal_wrapped(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut *cx.new_topic)
                .hint_text("or a new topic's heading")
                .desired_width(180.0),
        );
        let name = cx.new_topic.trim().to_string();
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui
            .add_enabled(!name.is_empty(), egui::Button::new("Move to new topic"))
            .clicked();
        if (clicked || entered) && !name.is_empty() {
            commands.push(Command::Edit(Action::MoveToNewTopic(sel, name)));
            cx.new_topic.clear();
        }
    });
}

/// The machine links of the selected claim that the analyst removed, each with a way back.
fn rejected(ui: &mut Ui, cmp: &Comparison, sel: Selection, commands: &mut Vec<Command>) {
    for r in &cmp.rejected {
        let (this, other) = match sel.side {
            Side::A => (r.a, r.b),
            Side::B => (r.b, r.a),
        };
        if this != sel.index {
            continue;
        }
        let that = crate::model::ClaimId::new(sel.side.other(), other);
        let Some(claim) = cmp.claim(that) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{MANUAL_MARK} machine link to {} rejected by you (score {:.2})",
                    claim.id, r.score
                ))
                .small(),
            );
            if ui
                .small_button("Link again")
                .on_hover_text("Undo this rejection: link the two claims")
                .clicked()
            {
                commands.push(Command::Edit(Action::Link(sel, that)));
            }
        });
    }
}

/// The sentences set aside as not claims, each with a button to bring it back.
fn set_aside(ui: &mut Ui, cmp: &Comparison, commands: &mut Vec<Command>) {
    for data in &cmp.sides {
        let aside = &cmp.set_aside[data.side.index()];
        if aside.is_empty() {
            continue;
        }
        ui.label(
            RichText::new(format!(
                "{MANUAL_MARK} Not claims in {}",
                data.readout.label
            ))
            .strong(),
        );
        for (n, claim) in aside.iter().enumerate() {
            let text = data
                .readout
                .text
                .get(claim.start..claim.end)
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                if ui
                    .small_button("Restore")
                    .on_hover_text("Bring this sentence back as a claim")
                    .clicked()
                {
                    commands.push(Command::Edit(Action::Restore(data.side, n)));
                }
                ui.add(egui::Label::new(RichText::new(text).small().strikethrough()).wrap());
            });
        }
        ui.add_space(6.0);
    }
}

/// Where each readout came from: party, title, date, address, who asked for the call, file,
/// format, encoding, SHA-256.
/// The translation check, when the two readouts are two versions of one: the share the version
/// renders, then each sentence dropped, added, merged or split; a click selects it.
fn translation(ui: &mut Ui, cmp: &Comparison, commands: &mut Vec<Command>) {
    let Some(t) = &cmp.translation else { return };
    ui.add_space(8.0);
    ui.label(RichText::new("Translation check").strong());
    ui.label(format!(
        "{} reads as the original; the other text renders {:.0}% of its sentences.",
        cmp.side(t.original).readout.label,
        t.linked_share() * 100.0
    ));
    let news: Vec<_> = t
        .beads
        .iter()
        .filter(|b| b.kind != crate::model::BeadKind::Kept)
        .collect();
    if news.is_empty() {
        ui.label(RichText::new("Nothing is dropped, added, merged or split.").weak());
    }
    for bead in news {
        let (side, index) = match (bead.original.first(), bead.version.first()) {
            (Some(&i), _) => (t.original, i),
            (None, Some(&j)) => (t.original.other(), j),
            (None, None) => continue,
        };
        let text = cmp.side(side).claim_text(index);
        let line = format!("{}: {}", bead.kind.name(), text);
        if ui
            .add(egui::Label::new(line).wrap().sense(egui::Sense::click()))
            .on_hover_text("Show this sentence")
            .clicked()
        {
            commands.push(Command::Select(crate::model::ClaimId::new(side, index)));
        }
    }
}

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
                    (
                        "Language",
                        r.language
                            .as_deref()
                            .and_then(crate::language::by_code)
                            .map(|l| l.name.to_string()),
                    ),
                    ("Address", r.url.clone()),
                    (
                        "File",
                        Some(format!("{} ({}, {})", r.source, r.format, r.encoding)),
                    ),
                    (
                        "Initiative",
                        r.initiative.as_ref().map(crate::model::Initiative::summary),
                    ),
                    ("SHA-256", Some(r.sha256.clone())),
                    ("Fetched", r.fetched_summary()),
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
