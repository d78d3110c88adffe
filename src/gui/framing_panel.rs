//! The navigator's framing section: the contrasts between the two sides' words, the tone each
//! readout gives the call, who each says asked for it, and each side's framing terms with their
//! counts. Clicking one selects its claim and brings it into view.

use eframe::egui::{self, RichText, Ui};

use crate::model::{ClaimId, Comparison, FramingRef, Side};

use super::command::Command;
use super::state::Selection;
use super::theme;

/// Draws the framing section.
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    selection: Option<Selection>,
    commands: &mut Vec<Command>,
) {
    let framing = &cmp.framing;
    // Open by default for readouts of ordinary length; on very long ones (thousands of claims)
    // its lists cost more per frame than the views themselves, so it starts closed, its
    // heading saying what it holds.
    let claims = cmp.sides[0].claims.len() + cmp.sides[1].claims.len();
    let title = match framing.contrasts.len() {
        0 => "Framing".to_string(),
        1 => "Framing · 1 contrast".to_string(),
        n => format!("Framing · {n} contrasts"),
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt("framing-section")
        .default_open(claims <= OPEN_UP_TO)
        .show(ui, |ui| {
            if framing.is_empty() {
                ui.label(
                    RichText::new("Neither readout uses a term of the framing lexicon.").weak(),
                );
                return;
            }
            contrasts(ui, cmp, commands);
            heading(ui, "Tone of the call");
            for side in Side::BOTH {
                let refs = &framing.tone[side.index()];
                uses_line(ui, cmp, side, refs, "says nothing of it", commands);
            }
            heading(ui, "Who asked for the call");
            for side in Side::BOTH {
                let refs = &framing.initiative[side.index()];
                uses_line(ui, cmp, side, refs, "does not say", commands);
            }
            terms(ui, cmp, selection, commands);
        });
}

/// The Framing section starts open for comparisons of up to this many claims in all.
const OPEN_UP_TO: usize = 2_000;

/// At most this many entries of one list are drawn (a long readout can have thousands: the
/// panel would cost a frame's budget); the rest are counted.
const SHOWN: usize = 20;

/// "… and N more" under a list cut at [`SHOWN`].
fn more(ui: &mut Ui, total: usize) {
    if total > SHOWN {
        ui.label(
            RichText::new(format!("… and {} more", total - SHOWN))
                .small()
                .weak(),
        );
    }
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).small().strong());
}

/// What a readout says with a framing term: its words, or the whole phrase where they are its
/// key word ([`crate::framing::said`]).
fn text_of(cmp: &Comparison, side: Side, r: FramingRef) -> String {
    cmp.framing_term(side, r)
        .and_then(|t| {
            let words = cmp.side(side).readout.text.get(t.start..t.end)?;
            Some(crate::framing::said(words, t))
        })
        .unwrap_or_default()
}

/// Each contrast as "a's words ↔ b's words"; a click selects side `a`'s claim, which a match
/// shows beside side `b`'s.
fn contrasts(ui: &mut Ui, cmp: &Comparison, commands: &mut Vec<Command>) {
    heading(ui, "Contrasts");
    let list = &cmp.framing.contrasts;
    if list.is_empty() {
        ui.label(
            RichText::new("Neither side uses a counterpart of the other's terms.")
                .small()
                .weak(),
        );
    }
    let labels = [0, 1].map(|k| cmp.sides[k].readout.label.as_str());
    for c in list.iter().take(SHOWN) {
        let ids = [
            cmp.sides[0].claims.get(c.a.claim),
            cmp.sides[1].claims.get(c.b.claim),
        ];
        let [Some(a), Some(b)] = ids else { continue };
        let label = format!(
            "{} ↔ {}",
            text_of(cmp, Side::A, c.a),
            text_of(cmp, Side::B, c.b)
        );
        let hint = || {
            format!(
                "{} says “{}” ({}), {} says “{}” ({}): {}. Click to select {}.",
                labels[0],
                text_of(cmp, Side::A, c.a),
                a.id,
                labels[1],
                text_of(cmp, Side::B, c.b),
                b.id,
                c.basis.name(),
                a.id
            )
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(label)
                .on_hover_ui(|ui| {
                    ui.label(hint());
                })
                .clicked()
            {
                commands.push(Command::Reveal(ClaimId::new(Side::A, c.a.claim)));
            }
            ui.label(RichText::new(c.basis.name()).small().weak());
        });
    }
    more(ui, list.len());
}

/// One side's uses of a kind (tone, initiative): its label, then each use as a link to its
/// claim; `none` when it has none.
fn uses_line(
    ui: &mut Ui,
    cmp: &Comparison,
    side: Side,
    refs: &[FramingRef],
    none: &str,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{}:", cmp.side(side).readout.label))
                .small()
                .color(theme::side_accent(side)),
        );
        if refs.is_empty() {
            ui.label(RichText::new(none).small().weak());
        }
        for &r in refs.iter().take(SHOWN) {
            let Some(term) = cmp.framing_term(side, r) else {
                continue;
            };
            let id = &cmp.side(side).claims[r.claim].id;
            if ui
                .link(text_of(cmp, side, r))
                .on_hover_text(format!("{} in {id}", term.kind.name()))
                .clicked()
            {
                commands.push(Command::Reveal(ClaimId::new(side, r.claim)));
            }
            if let Some(who) = term.initiator {
                ui.label(RichText::new(format!("→ {} asked", cmp.side(who).readout.label)).small());
            }
        }
        more(ui, refs.len());
    });
}

/// Each side's terms with their counts; a click selects the next claim that uses the term.
fn terms(ui: &mut Ui, cmp: &Comparison, selection: Option<Selection>, commands: &mut Vec<Command>) {
    for side in Side::BOTH {
        let list = &cmp.framing.terms[side.index()];
        heading(ui, &format!("Terms {} uses", cmp.side(side).readout.label));
        if list.is_empty() {
            ui.label(RichText::new("none").small().weak());
            continue;
        }
        for uses in list.iter().take(SHOWN) {
            // The claims are gathered only when the term is hovered or clicked: a term of a
            // long readout can stand in thousands.
            let claims = || uses.claims();
            ui.horizontal_wrapped(|ui| {
                let response = ui.link(&uses.term).on_hover_ui(|ui| {
                    let ids: Vec<&str> = claims()
                        .iter()
                        .take(40)
                        .map(|&c| cmp.side(side).claims[c].id.as_str())
                        .collect();
                    let rest = claims().len().saturating_sub(ids.len());
                    let tail = if rest > 0 {
                        format!(" and {rest} more")
                    } else {
                        String::new()
                    };
                    ui.label(format!(
                        "{} in {}{tail}; click for the next",
                        uses.kind.name(),
                        ids.join(", ")
                    ));
                });
                if uses.uses.len() > 1 {
                    ui.label(
                        RichText::new(format!("×{}", uses.uses.len()))
                            .small()
                            .weak(),
                    );
                }
                if response.clicked() {
                    // From a claim that uses it, on to the next one; else the first.
                    let claims = claims();
                    let at = selection
                        .filter(|s| s.side == side)
                        .and_then(|s| claims.iter().position(|&c| c == s.index));
                    let next = at.map_or(0, |k| (k + 1) % claims.len());
                    commands.push(Command::Reveal(ClaimId::new(side, claims[next])));
                }
            });
        }
        more(ui, list.len());
    }
}
