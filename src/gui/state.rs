//! View state: what the user is looking at. `Prefs` persist between runs; the rest does not.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::ClaimId;

/// Topic view (default) or document view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ViewMode {
    /// One section per topic, the two sides' claims in two columns.
    #[default]
    Topics,
    /// Each readout as written, side by side.
    Document,
}

pub use crate::rows::Filter;

/// A selected claim: the claim's one identity.
pub type Selection = ClaimId;

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Settings kept between runs (eframe storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Theme choice.
    pub theme: ThemeChoice,
    /// Recently opened readout files, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Recently compared pairs of files, newest first.
    pub recent_pairs: Vec<(PathBuf, PathBuf)>,
    /// The view last used.
    pub view: ViewMode,
    /// Whether the document view's two texts scroll together (on unless turned off).
    pub scroll_together: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            theme: ThemeChoice::default(),
            recent_files: Vec::new(),
            recent_pairs: Vec::new(),
            view: ViewMode::default(),
            scroll_together: true,
        }
    }
}

/// How many recent files and pairs are kept.
pub const RECENT_LIMIT: usize = 10;

impl Prefs {
    /// Puts a file first in the recent list (by its canonical path, so `a.txt` and
    /// `/home/me/a.txt` are one entry).
    pub fn remember_file(&mut self, path: PathBuf) {
        let path = canonical(path);
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(RECENT_LIMIT);
    }

    /// Puts a pair first in the recent comparisons (by canonical paths).
    pub fn remember_pair(&mut self, a: PathBuf, b: PathBuf) {
        let (a, b) = (canonical(a), canonical(b));
        self.recent_pairs.retain(|(x, y)| !(*x == a && *y == b));
        self.recent_pairs.insert(0, (a, b));
        self.recent_pairs.truncate(RECENT_LIMIT);
    }
}

/// Everything about the view that is not the comparison itself.
#[derive(Debug, Default)]
pub struct ViewState {
    /// Persisted settings.
    pub prefs: Prefs,
    /// Which claims to show.
    pub filter: Filter,
    /// Text the claims must contain (case-insensitive); empty for all.
    pub search: String,
    /// The selected claim.
    pub selection: Option<Selection>,
    /// A row index the topic view should scroll to on the next frame.
    pub scroll_to_row: Option<usize>,
    /// A claim the document view should bring to the middle of its side on the next frame (per
    /// side).
    pub centre_doc_claim: [Option<usize>; 2],
    /// Focus the search box on the next frame.
    pub focus_search: bool,
    /// Help window open.
    pub show_help: bool,
    /// The claim a link starts from while the user picks its counterpart.
    pub linking: Option<Selection>,
}

/// The absolute path without `.`, `..` or links, or the path as given when it cannot be
/// resolved (gone since).
fn canonical(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_two_ways_is_one_recent_entry() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("us.txt");
        std::fs::write(&file, "text").unwrap();
        let mut p = Prefs::default();
        p.remember_file(file.clone());
        p.remember_file(dir.path().join(".").join("us.txt"));
        assert_eq!(p.recent_files.len(), 1, "{:?}", p.recent_files);
        p.remember_pair(file.clone(), file.clone());
        p.remember_pair(dir.path().join("..").join(dir.path()).join("us.txt"), file);
        assert_eq!(p.recent_pairs.len(), 1, "{:?}", p.recent_pairs);
    }

    #[test]
    fn settings_saved_before_the_lock_existed_scroll_together() {
        let old = r#"{"theme": "Dark", "recent_files": [], "view": "Document"}"#;
        let prefs: Prefs = serde_json::from_str(old).unwrap();
        assert!(prefs.scroll_together);
        assert_eq!(prefs.view, ViewMode::Document);
    }

    #[test]
    fn recent_lists_dedupe_and_cap() {
        let mut p = Prefs::default();
        for i in 0..15 {
            p.remember_file(PathBuf::from(format!("{i}.txt")));
        }
        p.remember_file(PathBuf::from("3.txt"));
        assert_eq!(p.recent_files.len(), RECENT_LIMIT);
        assert_eq!(p.recent_files[0], PathBuf::from("3.txt"));
        assert_eq!(
            p.recent_files
                .iter()
                .filter(|f| f.as_path() == std::path::Path::new("3.txt"))
                .count(),
            1
        );
    }
}
