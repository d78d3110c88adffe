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
    /// Recently compared three witnesses (files a, b, c), newest first. Settings saved before
    /// three witnesses were remembered have none (the struct's `serde(default)`).
    pub recent_triples: Vec<[PathBuf; 3]>,
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
            recent_triples: Vec::new(),
            view: ViewMode::default(),
            scroll_together: true,
        }
    }
}

/// How many recent files, pairs and triples are kept.
pub const RECENT_LIMIT: usize = 10;

/// Key of the preferences in eframe's storage (`app.ron`).
const PREFS_KEY: &str = "parallax-prefs";

impl Prefs {
    /// The preferences kept in eframe's `storage`; `None` when there are none or they cannot be
    /// read (then the defaults apply).
    #[must_use]
    pub fn load(storage: &dyn eframe::Storage) -> Option<Prefs> {
        eframe::get_value(storage, PREFS_KEY)
    }

    /// Keeps the preferences in eframe's `storage`.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, self);
    }

    /// Puts a file first in the recent list (by its canonical path, so `a.txt` and
    /// `/home/me/a.txt` are one entry).
    pub fn remember_file(&mut self, path: PathBuf) {
        remember(&mut self.recent_files, canonical(path));
    }

    /// Puts a pair first in the recent comparisons (by canonical paths).
    pub fn remember_pair(&mut self, a: PathBuf, b: PathBuf) {
        remember(&mut self.recent_pairs, (canonical(a), canonical(b)));
    }

    /// Puts three witnesses (files a, b, c, in that order) first in the recent comparisons (by
    /// canonical paths).
    pub fn remember_triple(&mut self, files: [PathBuf; 3]) {
        remember(&mut self.recent_triples, files.map(canonical));
    }
}

/// Puts `entry` first in a recent list, once, keeping at most [`RECENT_LIMIT`].
fn remember<T: PartialEq>(list: &mut Vec<T>, entry: T) {
    list.retain(|e| *e != entry);
    list.insert(0, entry);
    list.truncate(RECENT_LIMIT);
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

    /// eframe's storage in memory, as `app.ron` holds it: a RON string per key.
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn settings_saved_before_three_witnesses_were_remembered_still_load() {
        // The value `app.ron` held for the preferences before `recent_triples` (written by the
        // app under Xvfb): its recent files and pairs must survive, not fall back to defaults.
        let old = r#"(theme:System,recent_files:["/w/samples/ru.txt","/w/samples/us.txt"],recent_pairs:[("/w/samples/us.txt","/w/samples/ru.txt")],view:Topics,scroll_together:true)"#;
        let mut storage = Memory::default();
        storage.0.insert(PREFS_KEY.to_string(), old.to_string());
        let prefs = Prefs::load(&storage).expect("old settings load");
        assert_eq!(
            prefs.recent_pairs,
            vec![(
                PathBuf::from("/w/samples/us.txt"),
                PathBuf::from("/w/samples/ru.txt")
            )]
        );
        assert_eq!(prefs.recent_files.len(), 2);
        assert!(prefs.recent_triples.is_empty());
        // A triple is kept and read back.
        let mut prefs = prefs;
        prefs.remember_triple(["/w/a.txt", "/w/b.txt", "/w/c.txt"].map(PathBuf::from));
        prefs.store(&mut storage);
        assert_eq!(Prefs::load(&storage), Some(prefs));
    }

    #[test]
    fn recent_triples_keep_their_order_dedupe_and_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "text").unwrap();
            std::fs::canonicalize(path).unwrap()
        };
        let (a, b, c) = (file("us.txt"), file("ru.txt"), file("en.txt"));
        let mut p = Prefs::default();
        p.remember_triple([a.clone(), b.clone(), c.clone()]);
        // The same files in another order are another comparison.
        p.remember_triple([a.clone(), c.clone(), b.clone()]);
        assert_eq!(p.recent_triples.len(), 2);
        // Named another way, the first comes back to the top once.
        p.remember_triple([dir.path().join(".").join("us.txt"), b.clone(), c.clone()]);
        assert_eq!(
            p.recent_triples,
            vec![[a.clone(), b.clone(), c.clone()], [a.clone(), c, b.clone()]]
        );
        for i in 0..15 {
            p.remember_triple([a.clone(), b.clone(), PathBuf::from(format!("{i}.txt"))]);
        }
        assert_eq!(p.recent_triples.len(), RECENT_LIMIT);
        assert_eq!(p.recent_triples[0][2], PathBuf::from("14.txt"));
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
