//! Moving through the comparison: selecting, linking by clicking, stepping through one-sided
//! claims, jumping to a topic, and scrolling the views to follow.

use crate::curation::Action;
use crate::model::{ClaimId, Side, TopicId};
use crate::rows;

use super::super::state::ViewMode;
use super::ParallaxApp;

impl ParallaxApp {
    /// Selects a claim (or, in link mode, links to it).
    pub(super) fn select(&mut self, claim: ClaimId) {
        if self.view.linking.is_some() {
            self.link_to(claim);
            return;
        }
        self.view.selection = Some(claim);
        if self.view.prefs.view == ViewMode::Document {
            // The match comes to the middle of the other side; with the texts scrolling
            // together the clicked claim comes level with it, as the two are anchored together.
            if self.centre_match(claim) && self.view.prefs.scroll_together {
                self.view.centre_doc_claim[claim.side.index()] = Some(claim.index);
            }
        }
    }

    /// Clears the selection, or leaves link mode.
    pub(super) fn clear_selection(&mut self) {
        if self.view.linking.is_some() {
            self.cancel_link();
        } else {
            self.view.selection = None;
        }
    }

    /// Switches the view, keeping the selection in sight.
    pub(super) fn set_view(&mut self, mode: ViewMode) {
        self.view.prefs.view = mode;
        if let Some(sel) = self.view.selection {
            self.reveal(sel);
        }
    }

    pub(super) fn start_link(&mut self, claim: ClaimId) {
        let Some(cmp) = &self.loaded.cmp else { return };
        let Some(label) = cmp.claim(claim).map(|c| c.id.clone()) else {
            return;
        };
        self.view.selection = Some(claim);
        self.view.linking = Some(claim);
        self.messages.notice = Some(format!(
            "Linking claim {label}: click the claim of {} that gives an account of the same point (Esc cancels).",
            cmp.side(claim.side.other()).readout.label
        ));
    }

    /// Links the claim being linked with a claim of the other side.
    fn link_to(&mut self, claim: ClaimId) {
        let Some(from) = self.view.linking else {
            return;
        };
        if claim == from {
            self.cancel_link();
        } else if claim.side == from.side {
            if let Some(cmp) = &self.loaded.cmp {
                self.messages.notice = Some(format!(
                    "Pick a claim of {} to link with, or press Esc.",
                    cmp.side(from.side.other()).readout.label
                ));
            }
        } else {
            self.cancel_link();
            self.record(Action::Link(from, claim));
        }
    }

    pub(super) fn cancel_link(&mut self) {
        self.view.linking = None;
        self.messages.notice = None;
    }

    /// Selects a claim and scrolls the current view to it.
    pub(super) fn reveal(&mut self, sel: ClaimId) {
        self.view.selection = Some(sel);
        let Some(cmp) = self.loaded.cmp.clone() else {
            return;
        };
        match self.view.prefs.view {
            ViewMode::Topics => {
                self.refresh_rows();
                self.view.scroll_to_row =
                    rows::row_of_claim(&cmp, &self.loaded.rows, sel.side, sel.index);
            }
            ViewMode::Document => {
                // Both to the middle; with no match, the other side follows when the texts
                // scroll together.
                self.view.centre_doc_claim[sel.side.index()] = Some(sel.index);
                self.centre_match(sel);
            }
        }
    }

    /// Asks the document view to bring the (first) match of `claim` to the middle of the
    /// other side; whether it has one.
    fn centre_match(&mut self, ClaimId { side, index: claim }: ClaimId) -> bool {
        let Some(cmp) = &self.loaded.cmp else {
            return false;
        };
        let Some(m) = self.loaded.index.matches_of[side.index()]
            .get(claim)
            .and_then(|ms| ms.first())
            .and_then(|&m| cmp.matches.get(m))
        else {
            return false;
        };
        let other = if side == Side::A { m.b } else { m.a };
        self.view.centre_doc_claim[side.other().index()] = Some(other);
        true
    }

    pub(super) fn next_one_sided(&mut self, forward: bool) {
        let Some(cmp) = self.loaded.cmp.clone() else {
            return;
        };
        // From the side cards, stepping goes back to the comparison.
        self.show_start = false;
        self.refresh_rows();
        let order: Vec<(Side, usize)> = match self.view.prefs.view {
            ViewMode::Topics => rows::one_sided_in_order(&self.loaded.rows),
            ViewMode::Document => Side::BOTH
                .iter()
                .flat_map(|&s| cmp.one_sided[s.index()].iter().map(move |&c| (s, c)))
                .collect(),
        };
        if order.is_empty() {
            self.messages.notice = Some("No one-sided claims are shown.".to_string());
            return;
        }
        let current = self.view.selection.and_then(|s| {
            order
                .iter()
                .position(|&(side, c)| side == s.side && c == s.index)
        });
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % order.len(),
            (Some(i), false) => (i + order.len() - 1) % order.len(),
            (None, true) => 0,
            (None, false) => order.len() - 1,
        };
        let (side, claim) = order[next];
        self.reveal(ClaimId::new(side, claim));
    }

    pub(super) fn jump_to_topic(&mut self, id: &TopicId) {
        let Some(cmp) = self.loaded.cmp.clone() else {
            return;
        };
        let Some(t) = cmp.topics.iter().position(|t| t.id == *id) else {
            return;
        };
        match self.view.prefs.view {
            ViewMode::Topics => {
                self.refresh_rows();
                self.view.scroll_to_row = self
                    .loaded
                    .rows
                    .iter()
                    .position(|r| *r == rows::Row::Header(t));
            }
            ViewMode::Document => {
                // The topic's first claim of each side to the middle; scrolling together, only
                // the first side's, and the other follows.
                for side in Side::BOTH {
                    if let Some(&c) = cmp.topics[t].claims(side).first() {
                        self.view.centre_doc_claim[side.index()] = Some(c);
                        if self.view.prefs.scroll_together {
                            break;
                        }
                    }
                }
            }
        }
    }
}
