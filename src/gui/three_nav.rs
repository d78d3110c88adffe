//! Finding one's way among three witnesses: which rows a filter and a search leave shown, the
//! order F7 steps through the claims only one witness makes, the bar above the columns (search,
//! filter, how many rows show), the navigator (the topics with each witness's claims, a click
//! jumps to one; the Framing section, pair by pair and witness by witness) and a claim's
//! right-click menu, where the edits of the two-sided views stand disabled with the reason.

use eframe::egui::{self, RichText, Ui};

use crate::model::{Side, TopicId};
use crate::rows::Filter;
use crate::witness_rows::{self, Item, WITNESSES};

use super::claim_widgets::claim_menu_refused;
use super::command::Command;
use super::framing_panel::{self, ClaimsOf, Framed, Voice};
use super::navigator::{TopicEntry, topic_entry};
use super::state::ViewMode;
use super::theme;
use super::three_view::{KEYS, READING_ONLY, ThreeView};

/// Id of the three-witness search box.
#[must_use]
pub fn search_id() -> egui::Id {
    egui::Id::unique("parallax-three-search")
}

/// The items the topic view shows for `filter` and `query` (already lowercased and trimmed):
/// the rows that pass the filter with a claim containing the query, each topic's heading before
/// its first shown row. `lower` holds each witness's claim texts, lowercased.
#[must_use]
pub fn visible(
    items: &[Item],
    lower: &[Vec<String>; 3],
    filter: Filter,
    query: &str,
) -> Vec<usize> {
    let mut shown = Vec::with_capacity(items.len());
    let mut heading = None;
    for (n, item) in items.iter().enumerate() {
        let row = match item {
            Item::Header { .. } => {
                heading = Some(n);
                continue;
            }
            Item::Row(row) => row,
        };
        let passes = match filter {
            Filter::OneSided => row.only().is_some(),
            Filter::Matched => row.only().is_none(),
            // Framing is not offered here: three witnesses have no framing filter.
            Filter::All | Filter::Framing => true,
        };
        let found = query.is_empty()
            || WITNESSES.into_iter().any(|k| {
                row.cells[k]
                    .iter()
                    .any(|&i| lower[k].get(i).is_some_and(|t| t.contains(query)))
            });
        if passes && found {
            shown.extend(heading.take());
            shown.push(n);
        }
    }
    shown
}

/// The claims only one witness makes, as (witness, claim), in the order of the `shown` items.
#[must_use]
pub fn one_sided_in_order(items: &[Item], shown: &[usize]) -> Vec<(usize, usize)> {
    shown
        .iter()
        .filter_map(|&n| match items.get(n) {
            Some(Item::Row(row)) => row.only().map(|k| (k, row)),
            _ => None,
        })
        .flat_map(|(k, row)| row.cells[k].iter().map(move |&i| (k, i)))
        .collect()
}

/// The claim after (or before) `current` in `order`, wrapping; the first (or last) when
/// `current` is not in it; `None` when `order` is empty.
#[must_use]
pub fn step(
    order: &[(usize, usize)],
    current: Option<(usize, usize)>,
    forward: bool,
) -> Option<(usize, usize)> {
    let len = order.len();
    if len == 0 {
        return None;
    }
    let at = current.and_then(|c| order.iter().position(|&o| o == c));
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % len,
        (Some(i), false) => (i + len - 1) % len,
        (None, true) => 0,
        (None, false) => len - 1,
    };
    order.get(next).copied()
}

/// The bar above the three columns: the search box (Ctrl+F), the filter, and how many rows show.
pub fn bar(ui: &mut Ui, view: &mut ThreeView, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let search = egui::TextEdit::singleline(&mut view.search)
            .id(search_id())
            .hint_text("Search the three texts (Ctrl+F)")
            .desired_width(230.0);
        let response = ui.add(search);
        if std::mem::take(&mut view.focus_search) {
            response.request_focus();
        }
        if std::mem::take(&mut view.blur_search) {
            response.surrender_focus();
        }
        view.search_focused = response.has_focus();
        if !view.search.is_empty()
            && ui
                .small_button("✕")
                .on_hover_text("Clear the search")
                .clicked()
        {
            view.search.clear();
        }
        ui.separator();
        for (filter, label, hint) in [
            (Filter::All, "All", "Every row"),
            (
                Filter::OneSided,
                "Only one-sided",
                "Rows of a claim only one witness makes (F7 steps through them)",
            ),
            (
                Filter::Matched,
                "Only matched",
                "Rows where two or three witnesses make the point",
            ),
        ] {
            if ui
                .radio(view.filter == filter, label)
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(Command::SetFilter(filter));
            }
        }
        ui.separator();
        let (shown, all) = view.row_counts();
        let text = if shown == all {
            format!("{all} rows")
        } else {
            format!("{shown} of {all} rows")
        };
        ui.label(RichText::new(text).weak());
    });
}

/// The right-click menu of a claim of witness `k`: the two-sided views' edits, disabled with
/// the reason, and the pairs it belongs to, to open as two readouts where they work.
pub fn claim_menu(ui: &mut Ui, k: usize, commands: &mut Vec<Command>) {
    claim_menu_refused(ui, READING_ONLY);
    ui.separator();
    for (x, y) in [(0, 1), (0, 2), (1, 2)] {
        if k != x && k != y {
            continue;
        }
        if ui
            .button(format!("Open {}–{} as two readouts", KEYS[x], KEYS[y]))
            .clicked()
        {
            commands.push(Command::OpenWitnessPair(x, y));
            ui.close();
        }
    }
}

/// The navigator of three witnesses: the topic view's topics, each with its claims per witness
/// (`a · b · c`) and, when one witness alone covers it, which; a click jumps to the topic; the
/// selected claim's topic is tinted.
pub fn navigator(ui: &mut Ui, view: &ThreeView, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Topics").strong());
    ui.label(
        RichText::new(format!("claims in {}", KEYS.join(" · ")))
            .small()
            .weak(),
    );
    let selected = view.selection.and_then(|(k, i)| view.heading_of(k, i));
    egui::ScrollArea::vertical()
        .id_salt("three-navigator")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, item) in view.items.iter().enumerate() {
                let Item::Header {
                    topic,
                    label,
                    color,
                    counts,
                } = item
                else {
                    continue;
                };
                let present: Vec<usize> =
                    WITNESSES.into_iter().filter(|&k| counts[k] > 0).collect();
                let entry = TopicEntry {
                    label,
                    color: theme::hex(color),
                    counts: &WITNESSES.map(|k| (counts[k], theme::witness_accent(k))),
                    only: match present.as_slice() {
                        [k] => Some((format!("only {}", KEYS[*k]), theme::witness_accent(*k))),
                        _ => None,
                    },
                    note: None,
                    selected: selected == Some(n),
                };
                if topic_entry(ui, &entry).clicked() {
                    commands.push(Command::JumpToTopic(topic.clone()));
                }
            }
            ui.add_space(6.0);
            ui.separator();
            framing(ui, view, commands);
        });
}

/// The pairs of witnesses, by number: a–b, a–c, b–c.
const PAIRS: [[usize; 2]; 3] = [[0, 1], [0, 2], [1, 2]];

/// The Framing section of three witnesses: the contrasts of each pair (a–b, a–c, b–c) under
/// the pair's name, then per witness the tone it gives the call, who it says asked for it and
/// its framing terms (the same in both pairs that hold it: drawn once, from its home pair).
fn framing(ui: &mut Ui, view: &ThreeView, commands: &mut Vec<Command>) {
    let w = &view.witnesses;
    let voice = |k: usize| Voice {
        label: format!("{} · {}", KEYS[k], view.labels[k]),
        color: theme::witness_accent(k),
        selected: view.selection.filter(|&(s, _)| s == k).map(|(_, i)| i),
    };
    let pairs = PAIRS.map(|[x, y]| {
        let (cmp, _, _) = witness_rows::pair(w, x, y);
        Framed {
            cmp,
            sides: [voice(x), voice(y)],
            claims: ClaimsOf::Witnesses([x, y]),
        }
    });
    let contrasts: usize = pairs.iter().map(|f| f.cmp.framing.contrasts.len()).sum();
    let claims: usize = WITNESSES
        .into_iter()
        .map(|k| {
            let (cmp, side) = witness_rows::home(w, k);
            cmp.side(side).claims.len()
        })
        .sum();
    framing_panel::section(ui, "three-framing-section", contrasts, claims, |ui| {
        if pairs.iter().all(|f| f.cmp.framing.is_empty()) {
            ui.label(RichText::new("No readout uses a term of the framing lexicon.").weak());
            return;
        }
        framing_panel::heading(ui, "Contrasts");
        for (f, [x, y]) in pairs.iter().zip(PAIRS) {
            ui.add_space(2.0);
            ui.label(
                RichText::new(view.pair_name(x, y))
                    .small()
                    .color(ui.visuals().strong_text_color()),
            );
            framing_panel::contrasts(ui, f, commands);
        }
        // Each witness from its home pair: a and b from a–b, c from a–c.
        let [ab, ac, _] = &pairs;
        framing_panel::per_side(ui, &[(ab, Side::A), (ab, Side::B), (ac, Side::B)], commands);
    });
}

impl ThreeView {
    /// Brings the shown items up to date with the filter and search (the row heights measured
    /// for other rows are forgotten).
    pub(super) fn refresh_shown(&mut self) {
        let query = self.search.trim().to_lowercase();
        if self
            .shown_for
            .as_ref()
            .is_some_and(|(f, q)| *f == self.filter && *q == query)
        {
            return;
        }
        self.shown = visible(&self.items, &self.lower, self.filter, &query);
        self.shown_for = Some((self.filter, query));
        self.list.reset();
        // The selection's row, when still shown, stays in sight.
        if let Some((k, i)) = self.selection {
            self.scroll_to_item = self.row_of.get(k).and_then(|rows| rows.get(i)).copied();
        }
    }

    /// Rows (not headings) shown, and rows in all.
    #[must_use]
    pub fn row_counts(&self) -> (usize, usize) {
        let is_row = |n: &&usize| matches!(self.items.get(**n), Some(Item::Row(_)));
        let all = self
            .items
            .iter()
            .filter(|i| matches!(i, Item::Row(_)))
            .count();
        (self.shown.iter().filter(is_row).count(), all)
    }

    /// The item of the heading that claim `i` of witness `k` stands under.
    #[must_use]
    pub fn heading_of(&self, k: usize, i: usize) -> Option<usize> {
        let row = *self.row_of.get(k)?.get(i)?;
        self.items
            .get(..=row)?
            .iter()
            .rposition(|item| matches!(item, Item::Header { .. }))
    }

    /// Brings topic `id` into view in `mode`: in the topic view its heading to the top, if the
    /// filter and search show it (whether they do); in the document view each witness's first
    /// claim under it to the middle of its text, or with the texts scrolling `together` only the
    /// first witness's (the others follow it).
    pub fn jump_to_topic(&mut self, id: &TopicId, mode: ViewMode, together: bool) -> bool {
        let Some(n) = self
            .items
            .iter()
            .position(|item| matches!(item, Item::Header { topic, .. } if topic == id))
        else {
            return false;
        };
        if mode == ViewMode::Topics {
            self.refresh_shown();
            let shown = self.shown.contains(&n);
            if shown {
                self.scroll_to_item = Some(n);
            }
            return shown;
        }
        for k in WITNESSES {
            let first = witness_rows::rows_under(&self.items, n)
                .filter_map(|row| row.cells[k].first())
                .min();
            if let Some(&i) = first {
                self.doc.centre(k, i);
                if together {
                    break;
                }
            }
        }
        true
    }

    /// Selects the next (or previous) claim only one witness makes, wrapping: in the order of
    /// the rows the topic view shows (`filtered`), or of all rows. Whether there was one.
    pub fn step_one_sided(&mut self, forward: bool, filtered: bool) -> bool {
        self.refresh_shown();
        let all: Vec<usize>;
        let order_of = if filtered {
            &self.shown
        } else {
            all = (0..self.items.len()).collect();
            &all
        };
        let order = one_sided_in_order(&self.items, order_of);
        let Some((k, i)) = step(&order, self.selection, forward) else {
            return false;
        };
        self.reveal(k, i);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::witness_rows::ThreeRow;

    fn header() -> Item {
        Item::Header {
            topic: TopicId::default(),
            label: "t".into(),
            color: "#000000".into(),
            counts: [0; 3],
        }
    }

    fn row(a: &[usize], b: &[usize], c: &[usize]) -> Item {
        Item::Row(ThreeRow {
            cells: [a.to_vec(), b.to_vec(), c.to_vec()],
        })
    }

    /// Two topics: a matched row and a claim only in c; then a claim only in a.
    fn sample() -> (Vec<Item>, [Vec<String>; 3]) {
        let items = vec![
            header(),
            row(&[0], &[0], &[0]),
            row(&[], &[], &[1]),
            header(),
            row(&[1], &[], &[]),
        ];
        let lower = [
            vec!["peace talks".into(), "grain exports".into()],
            vec!["переговоры".into()],
            vec!["peace talks".into(), "apple harvest".into()],
        ];
        (items, lower)
    }

    #[test]
    fn filters_keep_headings_only_above_shown_rows() {
        let (items, lower) = sample();
        assert_eq!(
            visible(&items, &lower, Filter::All, ""),
            vec![0, 1, 2, 3, 4]
        );
        assert_eq!(
            visible(&items, &lower, Filter::OneSided, ""),
            vec![0, 2, 3, 4]
        );
        assert_eq!(visible(&items, &lower, Filter::Matched, ""), vec![0, 1]);
        assert_eq!(visible(&items, &lower, Filter::All, "apple"), vec![0, 2]);
        assert_eq!(visible(&items, &lower, Filter::All, "перег"), vec![0, 1]);
        assert!(visible(&items, &lower, Filter::Matched, "grain").is_empty());
    }

    #[test]
    fn stepping_wraps_both_ways_in_the_shown_order() {
        let (items, lower) = sample();
        let shown = visible(&items, &lower, Filter::All, "");
        let order = one_sided_in_order(&items, &shown);
        assert_eq!(order, vec![(2, 1), (0, 1)]);
        assert_eq!(step(&order, None, true), Some((2, 1)));
        assert_eq!(step(&order, None, false), Some((0, 1)));
        assert_eq!(step(&order, Some((2, 1)), true), Some((0, 1)));
        assert_eq!(step(&order, Some((0, 1)), true), Some((2, 1)));
        assert_eq!(step(&order, Some((2, 1)), false), Some((0, 1)));
        assert_eq!(step(&order, Some((1, 0)), true), Some((2, 1)));
        assert_eq!(step(&[], None, true), None);
    }
}
