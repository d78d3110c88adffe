//! The navigator's framing section: the contrasts between the two sides' words, the tone each
//! readout gives the call, who each says asked for it, and each side's framing terms with their
//! counts. Clicking one selects its claim and brings it into view. Its parts take a [`Framed`]
//! comparison, so the three-witness navigator draws them for each pair and each witness.

use eframe::egui::{self, Color32, RichText, Ui};

use crate::model::{ClaimId, Comparison, FramingRef, Side};

use super::command::Command;
use super::state::Selection;
use super::theme;

/// A comparison whose framing is listed, with what the lists call each of its sides.
pub struct Framed<'a> {
    /// The comparison.
    pub cmp: &'a Comparison,
    /// Per side of `cmp`: its name in the lists, its colour, and the selected claim when it is
    /// one of this side's.
    pub sides: [Voice; 2],
    /// Whose claims `cmp`'s are: how a click selects one and what a claim is called.
    pub claims: ClaimsOf,
}

/// Whose claims a listed comparison's are.
#[derive(Debug, Clone, Copy)]
pub enum ClaimsOf {
    /// The two readouts on screen: claims are selected as [`Command::Reveal`] and named by
    /// their ids (`a3`).
    Sides,
    /// Two of three witnesses, by number, in the order of the comparison's sides: claims are
    /// selected as [`Command::RevealWitness`] and named by their witness (`c3`).
    Witnesses([usize; 2]),
}

impl ClaimsOf {
    /// The command that selects claim `i` of `side` and brings it into view.
    fn reveal(self, side: Side, i: usize) -> Command {
        match self {
            ClaimsOf::Sides => Command::Reveal(ClaimId::new(side, i)),
            ClaimsOf::Witnesses(w) => Command::RevealWitness(w[side.index()], i),
        }
    }

    /// Claim `i` of `side` of `cmp` as the lists name it.
    fn name(self, cmp: &Comparison, side: Side, i: usize) -> String {
        match self {
            ClaimsOf::Sides => cmp
                .side(side)
                .claims
                .get(i)
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            ClaimsOf::Witnesses(w) => crate::witness_rows::claim_name(w[side.index()], i),
        }
    }
}

/// One side of a [`Framed`] comparison as the lists name it.
pub struct Voice {
    /// Its name ("United States", "a · United States").
    pub label: String,
    /// The colour its name is drawn in.
    pub color: Color32,
    /// The selected claim, when it is one of this side's.
    pub selected: Option<usize>,
}

impl Framed<'_> {
    fn label(&self, side: Side) -> &str {
        &self.sides[side.index()].label
    }
}

/// Draws the framing section of two readouts.
pub fn show(
    ui: &mut Ui,
    cmp: &Comparison,
    selection: Option<Selection>,
    commands: &mut Vec<Command>,
) {
    let framed = Framed {
        cmp,
        sides: Side::BOTH.map(|side| Voice {
            label: cmp.side(side).readout.label.clone(),
            color: theme::side_accent(side),
            selected: selection.filter(|s| s.side == side).map(|s| s.index),
        }),
        claims: ClaimsOf::Sides,
    };
    let claims = cmp.sides[0].claims.len() + cmp.sides[1].claims.len();
    section(
        ui,
        "framing-section",
        cmp.framing.contrasts.len(),
        claims,
        |ui| {
            if cmp.framing.is_empty() {
                ui.label(
                    RichText::new("Neither readout uses a term of the framing lexicon.").weak(),
                );
                return;
            }
            heading(ui, "Contrasts");
            contrasts(ui, &framed, commands);
            per_side(ui, &[(&framed, Side::A), (&framed, Side::B)], commands);
        },
    );
}

/// The collapsible Framing section, its heading counting the `contrasts` it lists. Open by
/// default for readouts of ordinary length (`claims` in all): on very long ones (thousands of
/// claims) its lists cost more per frame than the views themselves, so it starts closed, its
/// heading saying what it holds.
pub fn section(
    ui: &mut Ui,
    id_salt: &str,
    contrasts: usize,
    claims: usize,
    body: impl FnOnce(&mut Ui),
) {
    let title = match contrasts {
        0 => "Framing".to_string(),
        1 => "Framing · 1 contrast".to_string(),
        n => format!("Framing · {n} contrasts"),
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(id_salt)
        .default_open(claims <= OPEN_UP_TO)
        .show(ui, body);
}

/// What each side (or witness) says of the call, each as `(comparison, its side there)`: the
/// tone it gives the call, who it says asked for it, and the framing terms it uses.
pub fn per_side(ui: &mut Ui, sides: &[(&Framed<'_>, Side)], commands: &mut Vec<Command>) {
    heading(ui, "Tone of the call");
    for &(framed, side) in sides {
        let refs = &framed.cmp.framing.tone[side.index()];
        uses_line(ui, framed, side, refs, "says nothing of it", commands);
    }
    heading(ui, "Who asked for the call");
    for &(framed, side) in sides {
        let refs = &framed.cmp.framing.initiative[side.index()];
        uses_line(ui, framed, side, refs, "does not say", commands);
    }
    for &(framed, side) in sides {
        terms(ui, framed, side, commands);
    }
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

/// A small heading within the section.
pub fn heading(ui: &mut Ui, text: &str) {
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

/// Each contrast of a comparison as "a's words ↔ b's words"; a click selects side `a`'s claim,
/// which a match shows beside side `b`'s.
pub fn contrasts(ui: &mut Ui, framed: &Framed<'_>, commands: &mut Vec<Command>) {
    let cmp = framed.cmp;
    let list = &cmp.framing.contrasts;
    if list.is_empty() {
        ui.label(
            RichText::new("Neither side uses a counterpart of the other's terms.")
                .small()
                .weak(),
        );
    }
    for c in list.iter().take(SHOWN) {
        // A contrast that names a claim the comparison lacks is left out.
        if c.a.claim >= cmp.sides[0].claims.len() || c.b.claim >= cmp.sides[1].claims.len() {
            continue;
        }
        let label = format!(
            "{} ↔ {}",
            text_of(cmp, Side::A, c.a),
            text_of(cmp, Side::B, c.b)
        );
        let hint = || {
            let a = framed.claims.name(cmp, Side::A, c.a.claim);
            format!(
                "{} says “{}” ({}), {} says “{}” ({}): {}. Click to select {}.",
                framed.label(Side::A),
                text_of(cmp, Side::A, c.a),
                a,
                framed.label(Side::B),
                text_of(cmp, Side::B, c.b),
                framed.claims.name(cmp, Side::B, c.b.claim),
                c.basis.name(),
                a
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
                commands.push(framed.claims.reveal(Side::A, c.a.claim));
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
    framed: &Framed<'_>,
    side: Side,
    refs: &[FramingRef],
    none: &str,
    commands: &mut Vec<Command>,
) {
    let cmp = framed.cmp;
    ui.horizontal_wrapped(|ui| {
        let voice = &framed.sides[side.index()];
        ui.label(
            RichText::new(format!("{}:", voice.label))
                .small()
                .color(voice.color),
        );
        if refs.is_empty() {
            ui.label(RichText::new(none).small().weak());
        }
        for &r in refs.iter().take(SHOWN) {
            let Some(term) = cmp.framing_term(side, r) else {
                continue;
            };
            let id = framed.claims.name(cmp, side, r.claim);
            if ui
                .link(text_of(cmp, side, r))
                .on_hover_text(format!("{} in {id}", term.kind.name()))
                .clicked()
            {
                commands.push(framed.claims.reveal(side, r.claim));
            }
            if let Some(who) = term.initiator {
                ui.label(RichText::new(format!("→ {} asked", framed.label(who))).small());
            }
        }
        more(ui, refs.len());
    });
}

/// One side's terms with their counts; a click selects the next claim that uses the term.
fn terms(ui: &mut Ui, framed: &Framed<'_>, side: Side, commands: &mut Vec<Command>) {
    let cmp = framed.cmp;
    let list = &cmp.framing.terms[side.index()];
    heading(ui, &format!("Terms {} uses", framed.label(side)));
    if list.is_empty() {
        ui.label(RichText::new("none").small().weak());
        return;
    }
    let selected = framed.sides[side.index()].selected;
    for uses in list.iter().take(SHOWN) {
        // The claims are gathered only when the term is hovered or clicked: a term of a long
        // readout can stand in thousands.
        let claims = || uses.claims();
        ui.horizontal_wrapped(|ui| {
            let response = ui.link(&uses.term).on_hover_ui(|ui| {
                let ids: Vec<String> = claims()
                    .iter()
                    .take(40)
                    .map(|&c| framed.claims.name(cmp, side, c))
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
                let at = selected.and_then(|s| claims.iter().position(|&c| c == s));
                let next = at.map_or(0, |k| (k + 1) % claims.len());
                commands.push(framed.claims.reveal(side, claims[next]));
            }
        });
    }
    more(ui, list.len());
}
