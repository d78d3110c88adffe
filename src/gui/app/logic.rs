//! Per-frame work outside drawing (eframe's `App::logic`): finished jobs, the file dialogs'
//! answers, the close request, the window title, autosave; and laying a new comparison out.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use crate::model::{Comparison, Side};
use crate::rows::{self, ClaimIndex};
use crate::session::{Opened, Session};

use super::super::state::Selection;
use super::super::topic_view;
use super::super::work::Work;
use super::super::worker::Outcome;
use super::{Banner, ParallaxApp, Pending};

impl ParallaxApp {
    /// Everything a frame does before it draws.
    pub(super) fn per_frame(&mut self, ctx: &egui::Context) {
        self.poll_job();
        self.poll_dialogs(ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.work.is_dirty()
            && !self.flow.may_close()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.flow.request(Pending::Close, true);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(failure) = self.autosave.tick(&self.work) {
            self.messages.banner = Some(Banner::error(failure));
        }
        if let Some(banner) = &self.messages.banner
            && !banner.is_error
        {
            let left = self.info_banner_for.saturating_sub(banner.shown.elapsed());
            if left.is_zero() {
                self.messages.banner = None;
            } else {
                ctx.request_repaint_after(left);
            }
        }
        if let Some(due) = self.autosave.due_in(&self.work) {
            ctx.request_repaint_after(due);
        }
        if self.job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(cmp) = &self.loaded.cmp {
            for side in Side::BOTH {
                let label = cmp.side(side).readout.label.clone();
                ctx.data_mut(|d| d.insert_temp(topic_view::label_id(side), label));
            }
        }
        self.refresh_rows();
    }

    /// Takes the result of a finished job.
    fn poll_job(&mut self) {
        let Some(outcome) = self.job.as_ref().and_then(|running| running.job.poll()) else {
            return;
        };
        let Some(running) = self.job.take() else {
            return;
        };
        match outcome {
            Outcome::Failed {
                source,
                message,
                readouts,
            } => {
                // A comparison on screen stays. With none yet, the sides that were read stay
                // loaded, so a good file given with a bad one is not lost.
                if self.loaded.cmp.is_none() {
                    for (k, readout) in readouts.into_iter().enumerate() {
                        if let Some(readout) = readout {
                            self.loaded.readouts[k] = Some(readout);
                            self.loaded.paths[k].clone_from(&running.paths[k]);
                        }
                    }
                }
                self.messages.banner = Some(Banner::error(failure_text(&source, &message)));
            }
            Outcome::Done {
                readouts,
                comparison,
                elapsed,
            } => {
                self.messages.banner = None;
                let warnings: Vec<String> = readouts
                    .iter()
                    .flatten()
                    .flat_map(|r| r.warnings.iter().map(move |w| format!("{}: {w}", r.source)))
                    .collect();
                self.messages.notice = (!warnings.is_empty()).then(|| warnings.join("  ·  "));
                let paths = running.paths;
                for path in paths.iter().flatten() {
                    self.view.prefs.remember_file(path.clone());
                }
                if let [Some(a), Some(b)] = &paths {
                    self.view.prefs.remember_pair(a.clone(), b.clone());
                }
                self.loaded.readouts = *readouts;
                self.loaded.paths = paths;
                if let Some(cmp) = comparison {
                    self.set_comparison(*cmp);
                    self.loaded.elapsed = Some(elapsed);
                    self.show_start = false;
                }
            }
            Outcome::Three { witnesses, elapsed } => {
                if let Some(files) = running.triple {
                    for path in &files {
                        self.view.prefs.remember_file(path.clone());
                    }
                    self.view.prefs.remember_triple(files);
                }
                self.shown_three(*witnesses, elapsed);
            }
            Outcome::Session {
                session,
                opened,
                path,
                elapsed,
            } => self.opened_session(
                *session,
                *opened,
                path,
                elapsed,
                running.restoring.as_deref(),
            ),
        }
    }

    /// Shows a session that finished opening (or an autosave that was restored).
    fn opened_session(
        &mut self,
        session: Session,
        opened: Opened,
        path: PathBuf,
        elapsed: Duration,
        restored: Option<&std::path::Path>,
    ) {
        self.messages.banner = None;
        self.three = None;
        if let Some(orphan) = restored {
            self.autosave.adopt(orphan);
        } else {
            self.autosave.clear();
        }
        self.engine = Arc::new(opened.engine);
        let model_changed = opened.model_changed;
        self.loaded.readouts = [
            Some(opened.base.sides[0].readout.clone()),
            Some(opened.base.sides[1].readout.clone()),
        ];
        self.loaded.paths = [None, None];
        self.work
            .open(opened.base, session, restored.is_none().then_some(path));
        self.show_new_base();
        self.loaded.elapsed = Some(elapsed);
        if restored.is_some() {
            self.messages.notice =
                Some("Restored the unsaved session. Save it (Ctrl+S) to keep it.".to_string());
        } else if !self.loaded.stale.is_empty() {
            self.messages.notice = Some(format!(
                "{} manual decisions of this session no longer find their claims; they are kept in it.",
                self.loaded.stale.len()
            ));
        } else if let Some(changed) = model_changed {
            self.messages.notice = Some(format!("This session was {changed}."));
        }
    }

    /// Shows a new automatic comparison (also used by tests to skip the worker). When it
    /// compares other readouts on both sides, the work starts anew; otherwise the decisions
    /// stay and apply wherever their claims still are.
    pub fn set_comparison(&mut self, cmp: Comparison) {
        self.three = None;
        let same_side = self.work.base.as_ref().is_some_and(|base| {
            (0..2).any(|k| base.sides[k].readout.sha256 == cmp.sides[k].readout.sha256)
        });
        if !same_side {
            self.autosave.clear();
            self.work = Work::default();
        }
        self.work.set_base(cmp);
        self.show_new_base();
        if !self.loaded.stale.is_empty() {
            self.messages.notice = Some(format!(
                "{} manual decisions refer to sentences the new readout does not have; they are kept and apply again if it comes back.",
                self.loaded.stale.len()
            ));
        }
    }

    /// Lays the decisions over the automatic comparison again and shows the result, keeping the
    /// selection (by claim id) and the scroll position.
    pub(super) fn refresh_comparison(&mut self) {
        let Some(curated) = self.work.curated(&self.engine) else {
            return;
        };
        let selected = self.view.selection.and_then(|s| {
            let cmp = self.loaded.cmp.as_ref()?;
            Some((s.side, cmp.claim(s)?.id.clone()))
        });
        let cmp = curated.comparison;
        self.loaded.stale = curated.stale;
        self.view.selection = selected.and_then(|(side, id)| {
            let claim = cmp.side(side).claims.iter().position(|c| c.id == id)?;
            Some(Selection::new(side, claim))
        });
        self.loaded.index = ClaimIndex::new(&cmp);
        // The document view keeps its scroll positions across edits.
        self.loaded.doc.rebuild(&cmp);
        self.loaded.cmp = Some(Arc::new(cmp));
        self.loaded.rows_key = None;
        self.keep_scroll = true;
    }

    /// Shows the work's new automatic comparison from the top, nothing selected. Saved again,
    /// the session records the options and model that made it.
    fn show_new_base(&mut self) {
        self.work.options.made_with(&self.engine);
        self.view.selection = None;
        self.view.linking = None;
        self.refresh_comparison();
        self.keep_scroll = false;
        self.scroll_to_top();
        self.show_start = false;
    }

    /// Starts the views of a new comparison at the top (an edit keeps their places).
    fn scroll_to_top(&mut self) {
        self.topic_list.reset();
        for list in &mut self.loaded.doc.lists {
            list.reset();
        }
    }

    /// Rebuilds the topic view's rows when the filter or search changed.
    pub(super) fn refresh_rows(&mut self) {
        let key = (self.view.filter, self.view.search.clone());
        if self.loaded.rows_key.as_ref() == Some(&key) {
            return;
        }
        if let Some(cmp) = &self.loaded.cmp {
            self.loaded.rows = rows::build_rows(cmp, &self.loaded.index, key.0, &key.1);
        }
        self.loaded.rows_key = Some(key);
        if std::mem::take(&mut self.keep_scroll) {
            self.topic_list.forget_heights();
        } else {
            self.topic_list.reset();
        }
    }
}

/// "Could not open X: why", naming the file once: most messages already begin with it.
fn failure_text(source: &str, message: &str) -> String {
    if message.starts_with(source) {
        format!("Could not open {message}")
    } else {
        format!("Could not open {source}: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::failure_text;

    #[test]
    fn a_failure_names_the_file_once() {
        assert_eq!(
            failure_text("/tmp/x", "/tmp/x: is a directory, not a readout file"),
            "Could not open /tmp/x: is a directory, not a readout file"
        );
        assert_eq!(
            failure_text("comparison", "no sentences found"),
            "Could not open comparison: no sentences found"
        );
    }
}
