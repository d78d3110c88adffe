//! The analyst's work in the app: the automatic comparison, the decisions laid over it, undo and
//! redo, whether it is saved, and the autosave file that survives a crash. No drawing here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::Engine;
use crate::curation::{Curated, Decisions, Edit};
use crate::model::Comparison;
use crate::session::{self, Options, Session};

/// How often unsaved work is written to the autosave file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_mins(1);

/// What a saved file holds, to tell whether the work on screen differs from it.
#[derive(Debug, Clone)]
struct Snapshot {
    decisions: Decisions,
    readouts: [(String, String); 2],
}

/// The comparison being worked on and its history.
#[derive(Debug, Default)]
pub struct Work {
    /// The automatic comparison.
    pub base: Option<Arc<Comparison>>,
    /// The analyst's decisions.
    pub decisions: Decisions,
    /// Options saved with the session.
    pub options: Options,
    /// The session file, once saved or opened.
    pub path: Option<PathBuf>,
    undo: Vec<Decisions>,
    redo: Vec<Decisions>,
    saved: Option<Snapshot>,
    /// Counts changes, so autosave writes only when something changed.
    pub generation: u64,
}

impl Work {
    /// Records an edit; it can be undone.
    pub fn edit(&mut self, edit: Edit) {
        let before = self.decisions.clone();
        self.decisions.apply(edit);
        if self.decisions != before {
            self.undo.push(before);
            self.redo.clear();
            self.generation += 1;
        }
    }

    /// Undoes the last edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo
            .push(std::mem::replace(&mut self.decisions, previous));
        self.generation += 1;
        true
    }

    /// Redoes the last undone edit; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.decisions, next));
        self.generation += 1;
        true
    }

    /// Whether there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A new automatic comparison (a side replaced, or recomputed); the decisions stay and apply
    /// wherever their claims still are.
    pub fn set_base(&mut self, base: Comparison) {
        self.base = Some(Arc::new(base));
        self.generation += 1;
    }

    /// A session opened: its comparison and decisions replace the work; history starts anew.
    /// `path` is `None` for a restored autosave, which is unsaved work.
    pub fn open(&mut self, base: Comparison, session: Session, path: Option<PathBuf>) {
        self.base = Some(Arc::new(base));
        self.decisions = session.decisions;
        self.options = session.options;
        self.undo.clear();
        self.redo.clear();
        self.saved = None;
        if let Some(path) = path {
            self.path = Some(path);
            self.saved = self.snapshot();
        } else {
            self.path = None;
        }
        self.generation += 1;
    }

    /// The decisions laid over the automatic comparison.
    #[must_use]
    pub fn curated(&self, engine: &Engine) -> Option<Curated> {
        self.base
            .as_ref()
            .map(|base| engine.curate(base, &self.decisions))
    }

    /// The session to save.
    #[must_use]
    pub fn session(&self) -> Option<Session> {
        self.base
            .as_ref()
            .map(|base| Session::new(base, self.options.clone(), self.decisions.clone()))
    }

    /// Saves the session atomically to `path`; on success it becomes the session's file.
    ///
    /// # Errors
    /// Nothing to save, or the file could not be written (the previous file stays as it was).
    pub fn save(&mut self, path: &Path) -> crate::Result<()> {
        let Some(session) = self.session() else {
            return Err(crate::Error::Session {
                source_name: path.display().to_string(),
                reason: "nothing to save: no comparison is open".to_string(),
            });
        };
        session.write(path)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.snapshot();
        Ok(())
    }

    /// Whether the work differs from its file (or, never saved, holds any decision).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        match (&self.saved, &self.base) {
            (Some(saved), Some(base)) => {
                saved.decisions != self.decisions
                    || (0..2).any(|k| {
                        let r = &base.sides[k].readout;
                        (&r.sha256, &r.label) != (&saved.readouts[k].0, &saved.readouts[k].1)
                    })
            }
            (Some(_), None) => true,
            (None, _) => self.base.is_some() && !self.decisions.is_empty(),
        }
    }

    fn snapshot(&self) -> Option<Snapshot> {
        let base = self.base.as_ref()?;
        Some(Snapshot {
            decisions: self.decisions.clone(),
            readouts: [0, 1].map(|k| {
                let r = &base.sides[k].readout;
                (r.sha256.clone(), r.label.clone())
            }),
        })
    }
}

/// Writes unsaved work to the app's data folder so a crash loses at most a minute of it.
#[derive(Debug)]
pub struct Autosave {
    /// The folder (none disables autosave, as in tests).
    pub dir: Option<PathBuf>,
    /// How often to write.
    pub every: Duration,
    last: Instant,
    written: u64,
    /// Failed writes, reported by the writing threads.
    failures: (Sender<String>, Receiver<String>),
}

impl Default for Autosave {
    fn default() -> Self {
        Autosave {
            dir: None,
            every: AUTOSAVE_EVERY,
            last: Instant::now(),
            written: 0,
            failures: channel(),
        }
    }
}

impl Autosave {
    /// Autosave into `dir`.
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        Autosave {
            dir: Some(dir),
            ..Autosave::default()
        }
    }

    /// This process's autosave file.
    #[must_use]
    pub fn own_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| {
            d.join(format!(
                "autosave-{}.{}",
                std::process::id(),
                session::EXTENSION
            ))
        })
    }

    /// How long until the next write is due, if one is (dirty work changed since the last).
    #[must_use]
    pub fn due_in(&self, work: &Work) -> Option<Duration> {
        (self.dir.is_some() && work.is_dirty() && work.generation != self.written)
            .then(|| self.every.saturating_sub(self.last.elapsed()))
    }

    /// Writes the work if a write is due; the write runs on its own thread. Clean work removes
    /// the file, since there is nothing to restore. Returns the latest failure of an earlier
    /// write, in words that name the folder, so the app can show it.
    pub fn tick(&mut self, work: &Work) -> Option<String> {
        let failure = self.failures.1.try_iter().last();
        let path = self.own_path()?;
        if !work.is_dirty() {
            if self.written != 0 {
                // Already gone is fine: there is nothing to restore either way.
                let _ = std::fs::remove_file(&path);
                self.written = 0;
            }
            return failure;
        }
        if self.due_in(work) != Some(Duration::ZERO) {
            return failure;
        }
        let Some(session) = work.session() else {
            return failure;
        };
        self.last = Instant::now();
        self.written = work.generation;
        let failed = self.failures.0.clone();
        std::thread::spawn(move || {
            let dir = path.parent().unwrap_or(Path::new("."));
            let written = std::fs::create_dir_all(dir)
                .map_err(crate::Error::from_io(dir))
                .and_then(|()| session.write(&path));
            if let Err(e) = written {
                // The app may have closed meanwhile; then nobody waits for the message.
                let _ = failed.send(format!(
                    "Autosave failed in {}: {e}. Save the session (Ctrl+S) to keep your work.",
                    dir.display()
                ));
            }
        });
        failure
    }

    /// Removes this process's file (after a save, or when the user discards the work).
    pub fn clear(&mut self) {
        if let Some(path) = self.own_path() {
            let _ = std::fs::remove_file(path);
        }
        self.written = 0;
    }

    /// Autosave files left by runs that are no longer running (crashed or killed), newest
    /// first.
    #[must_use]
    pub fn orphans(&self) -> Vec<PathBuf> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let own = self.own_path();
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let name = path.file_name()?.to_str()?;
                let pid: u32 = name
                    .strip_prefix("autosave-")?
                    .strip_suffix(".parallax")?
                    .parse()
                    .ok()?;
                if Some(&path) == own.as_ref() || process_is_running(pid) {
                    return None;
                }
                let modified = e.metadata().ok()?.modified().ok()?;
                Some((modified, path))
            })
            .collect();
        found.sort_by_key(|x| std::cmp::Reverse(x.0));
        found.into_iter().map(|(_, p)| p).collect()
    }

    /// Takes over an orphan file as this process's own (after restoring from it), so it stays
    /// until the work is saved or discarded.
    pub fn adopt(&mut self, orphan: &Path) {
        if let Some(own) = self.own_path()
            && std::fs::rename(orphan, &own).is_ok()
        {
            self.written = u64::MAX;
        }
    }
}

/// Whether a process runs (on Linux, from `/proc`; elsewhere every other process's file is
/// offered).
fn process_is_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curation::{ClaimRef, Edit};
    use crate::model::Side;

    fn work() -> Work {
        let engine = Engine::builtin().unwrap();
        let (a, b) = crate::sample::blinken_lavrov();
        let mut w = Work::default();
        w.set_base(engine.compare(a, b).unwrap());
        w
    }

    fn aside(w: &Work, i: usize) -> Edit {
        Edit::SetAside(ClaimRef::of(w.base.as_ref().unwrap(), Side::A, i).unwrap())
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut w = work();
        assert!(!w.is_dirty());
        w.edit(aside(&w, 1));
        w.edit(aside(&w, 2));
        assert_eq!(w.decisions.set_aside.len(), 2);
        assert!(w.is_dirty());
        assert!(w.undo());
        assert_eq!(w.decisions.set_aside.len(), 1);
        assert!(w.undo());
        assert!(!w.undo(), "nothing more to undo");
        assert!(!w.is_dirty(), "back to no decisions");
        assert!(w.redo());
        assert!(w.redo());
        assert!(!w.redo());
        assert_eq!(w.decisions.set_aside.len(), 2);
        w.undo();
        w.edit(aside(&w, 3));
        assert!(!w.can_redo(), "a new edit drops the redo history");
    }

    #[test]
    fn saving_makes_the_work_clean_and_undo_makes_it_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.parallax");
        let mut w = work();
        w.edit(aside(&w, 1));
        w.save(&path).unwrap();
        assert!(!w.is_dirty());
        w.undo();
        assert!(w.is_dirty(), "the file has the decision, the screen not");
        w.redo();
        assert!(!w.is_dirty());
    }

    #[test]
    fn autosave_writes_dirty_work_and_finds_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let mut auto = Autosave::new(dir.path().to_path_buf());
        auto.every = Duration::ZERO;
        let mut w = work();
        auto.tick(&w);
        assert!(
            !auto.own_path().unwrap().exists(),
            "clean work is not written"
        );
        w.edit(aside(&w, 1));
        auto.tick(&w);
        let own = auto.own_path().unwrap();
        for _ in 0..200 {
            if own.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let saved = Session::read(&own).unwrap();
        assert_eq!(saved.decisions, w.decisions);
        // A file of a process that is not running is an orphan; our own is not.
        assert!(auto.orphans().is_empty());
        let dead = dir.path().join("autosave-4000000000.parallax");
        std::fs::copy(&own, &dead).unwrap();
        assert_eq!(auto.orphans(), vec![dead]);
        auto.clear();
        assert!(!own.exists());
    }
}
