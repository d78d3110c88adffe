//! The app: owns the comparison and the view state. Its parts live in one file each, as rerun
//! splits its viewer:
//!
//! - `mod.rs` (here): the state, grouped into named parts, and what tests may read of it;
//! - [`flow`]: the close/save/open-other-work state machine;
//! - `logic.rs`: per-frame work outside drawing (jobs, dialogs' answers, autosave, the title),
//!   in eframe's `App::logic`;
//! - `ui.rs`: the panels and windows, which push [`Command`]s;
//! - `command_handling.rs`: the one place commands are applied;
//! - `navigation.rs`: selecting, linking by clicks, stepping and jumping through the views;
//! - `dialogs.rs`: native file dialogs on their own threads;
//! - `input.rs`: keyboard shortcuts and dropped files.

mod command_handling;
mod dialogs;
mod flow;
mod input;
mod logic;
mod navigation;
mod three;
mod ui;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use crate::ingest::fetch::{self, FetchOptions};
use crate::model::{Comparison, Readout};
use crate::report::Format;
use crate::rows::{ClaimIndex, Row};
use crate::{Engine, session};

use super::command::Command;
use super::document_view::DocLayout;
use super::session_ui::{NoteForm, SaveForm};
use super::start::StartFields;
use super::state::{Filter, Prefs, Selection, ViewMode, ViewState};
use super::theme;
use super::three_view::ThreeView;
use super::virtual_list::VirtualList;
use super::work::{Autosave, Work};
use super::worker::{Input, Job};

pub use flow::{Flow, Pending};

/// How long a message that reports success ("Saved …") stays before it fades; failures stay
/// until dismissed.
const INFO_BANNER_FOR: Duration = Duration::from_secs(6);

/// A message over the views: a load failure, an export confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
    /// When it appeared.
    shown: std::time::Instant,
}

impl Banner {
    fn info(text: String) -> Self {
        Banner {
            text,
            is_error: false,
            shown: std::time::Instant::now(),
        }
    }

    fn error(text: String) -> Self {
        Banner {
            text,
            is_error: true,
            shown: std::time::Instant::now(),
        }
    }
}

/// The loaded readouts and comparison, and what is derived from them for drawing.
#[derive(Default)]
struct Loaded {
    readouts: [Option<Readout>; 2],
    paths: [Option<PathBuf>; 2],
    cmp: Option<Arc<Comparison>>,
    index: ClaimIndex,
    rows: Vec<Row>,
    /// The filter and search the rows were built for; none when they must be rebuilt.
    rows_key: Option<(Filter, String)>,
    doc: DocLayout,
    /// Decisions that no longer find their claims.
    stale: Vec<String>,
    elapsed: Option<Duration>,
}

/// The messages over the views.
#[derive(Debug, Default)]
struct Messages {
    /// A result or failure the user should read.
    banner: Option<Banner>,
    /// A hint or warning (link mode, warnings from reading).
    notice: Option<String>,
}

/// The export window's fields.
#[derive(Debug)]
struct ExportForm {
    open: bool,
    format: Format,
    path: String,
}

/// The fields of the start screen and the windows.
struct Forms {
    start: StartFields,
    export: ExportForm,
    save: SaveForm,
    note: Option<NoteForm>,
    /// The "new topic" name being typed in the details panel.
    new_topic: String,
}

/// A load or comparison running on a worker thread.
struct Running {
    job: Job,
    /// The files it reads, remembered as recent once it succeeds.
    paths: [Option<PathBuf>; 2],
    /// The files of three witnesses it compares (a, b, c), remembered as a recent comparison
    /// once it succeeds; none when one of them is not a file (the sample, typed text).
    triple: Option<[PathBuf; 3]>,
    /// The autosave file being restored, if that is what it does.
    restoring: Option<PathBuf>,
}

/// The main window's state.
pub struct ParallaxApp {
    engine: Arc<Engine>,
    loaded: Loaded,
    view: ViewState,
    topic_list: VirtualList,
    /// Keep the topic view's scroll position when the rows are next rebuilt (after an edit).
    keep_scroll: bool,
    show_start: bool,
    job: Option<Running>,
    messages: Messages,
    forms: Forms,
    dialogs: dialogs::Dialogs,
    work: Work,
    autosave: Autosave,
    /// An autosave file a crashed run left, offered for restoring.
    orphan: Option<PathBuf>,
    flow: Flow,
    /// Three witnesses, when they are shown (a reading view over the a–b comparison).
    three: Option<ThreeView>,
    /// The window title last sent.
    title: String,
    /// How long a success message stays.
    info_banner_for: Duration,
    /// Limits and proxy of downloads from links.
    fetch: FetchOptions,
}

impl ParallaxApp {
    /// Creates the app on `engine`, restoring preferences and opening `files` (side a, side b;
    /// a link is downloaded) if given. Downloads use the proxy that `ALL_PROXY`, `HTTPS_PROXY`
    /// or `HTTP_PROXY` names.
    #[must_use]
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        engine: Engine,
        files: Vec<PathBuf>,
        view: Option<ViewMode>,
    ) -> Self {
        let prefs = cc.storage.and_then(Prefs::load).unwrap_or_default();
        Self::with_saved_prefs(cc, engine, prefs, files, view)
    }

    /// Creates the app as [`ParallaxApp::new`] does, with `prefs` as the preferences kept from
    /// earlier runs (tests start "the next run" with those an earlier one kept).
    #[must_use]
    pub fn with_saved_prefs(
        cc: &eframe::CreationContext<'_>,
        engine: Engine,
        mut prefs: Prefs,
        files: Vec<PathBuf>,
        view: Option<ViewMode>,
    ) -> Self {
        if let Some(view) = view {
            prefs.view = view;
        }
        theme::install_system_fonts(&cc.egui_ctx);
        theme::install_text_sizes(&cc.egui_ctx);
        let mut app = Self::with_prefs(prefs, engine);
        app.fetch.proxy = fetch::proxy_from(|name| std::env::var(name).ok());
        app.apply_theme(&cc.egui_ctx);
        // Autosave where eframe keeps settings (not in tests, which have no storage).
        if cc.storage.is_some()
            && let Some(dir) = super::data_dir(std::env::var_os(super::DATA_DIR_VAR).as_deref())
                .or_else(|| eframe::storage_dir(super::APP_ID))
        {
            app = app.with_data_dir(dir);
        }
        if let [one] = files.as_slice()
            && session::is_session_file(one)
        {
            let path = one.clone();
            app.apply(Command::OpenSession(path), &cc.egui_ctx);
            return app;
        }
        if files.len() == 3 {
            app.apply(Command::OpenThree(files), &cc.egui_ctx);
            return app;
        }
        let mut files = files.into_iter();
        if let (Some(a), b) = (files.next(), files.next()) {
            let inputs = [
                Some(Input::for_path(a.clone(), None)),
                b.clone().map(|b| Input::for_path(b, None)),
            ];
            app.start_job(&cc.egui_ctx, inputs, [Some(a), b]);
        }
        app
    }

    /// An app on `engine` with the given preferences and nothing loaded (also for tests).
    #[must_use]
    pub fn with_prefs(prefs: Prefs, engine: Engine) -> Self {
        ParallaxApp {
            engine: Arc::new(engine),
            loaded: Loaded::default(),
            view: ViewState {
                prefs,
                ..ViewState::default()
            },
            topic_list: VirtualList::default(),
            keep_scroll: false,
            show_start: true,
            job: None,
            messages: Messages::default(),
            forms: Forms {
                start: StartFields::default(),
                export: ExportForm {
                    open: false,
                    format: Format::Html,
                    path: String::new(),
                },
                save: SaveForm::default(),
                note: None,
                new_topic: String::new(),
            },
            dialogs: dialogs::Dialogs::default(),
            work: Work::default(),
            autosave: Autosave::default(),
            orphan: None,
            flow: Flow::Idle,
            three: None,
            title: String::new(),
            info_banner_for: INFO_BANNER_FOR,
            fetch: FetchOptions::default(),
        }
    }

    /// Changes the limits and proxy of downloads from links (tests use short timeouts and no
    /// proxy).
    #[must_use]
    pub fn with_fetch_options(mut self, options: FetchOptions) -> Self {
        self.fetch = options;
        self
    }

    /// Autosaves unsaved work into `dir` and offers to restore what a crashed run left there.
    #[must_use]
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        self.autosave = Autosave::new(dir);
        self.orphan = self.autosave.orphans().into_iter().next();
        self
    }

    /// Changes how long a success message stays before it fades (tests use zero).
    #[must_use]
    pub fn with_info_banner_for(mut self, lifetime: Duration) -> Self {
        self.info_banner_for = lifetime;
        self
    }

    /// Changes how often unsaved work is autosaved (tests use zero).
    #[must_use]
    pub fn with_autosave_every(mut self, every: Duration) -> Self {
        self.autosave.every = every;
        self
    }

    /// The preferences, as they are kept between runs (recent files and comparisons, theme,
    /// view).
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.view.prefs
    }

    /// The analyst's decisions.
    #[must_use]
    pub fn decisions(&self) -> &crate::curation::Decisions {
        &self.work.decisions
    }

    /// Whether there are changes not saved to the session file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.work.is_dirty()
    }

    /// The session file, once saved or opened.
    #[must_use]
    pub fn session_path(&self) -> Option<&std::path::Path> {
        self.work.path.as_deref()
    }

    /// The window title: the session (or the two sides) and a dot for unsaved changes.
    #[must_use]
    pub fn window_title(&self) -> String {
        if let Some(three) = &self.three {
            return format!("{} — Parallax", three.title());
        }
        let name = self.work_name();
        let dirty = if self.work.is_dirty() { " •" } else { "" };
        if name.is_empty() {
            "Parallax".to_string()
        } else {
            format!("{name}{dirty} — Parallax")
        }
    }

    /// This process's autosave file, if autosave is on.
    #[must_use]
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.autosave.own_path()
    }

    /// The comparison on screen, if any.
    #[must_use]
    pub fn comparison(&self) -> Option<&Comparison> {
        self.loaded.cmp.as_deref()
    }

    /// The selected claim.
    #[must_use]
    pub fn selection(&self) -> Option<Selection> {
        self.view.selection
    }

    /// The current message banner.
    #[must_use]
    pub fn banner(&self) -> Option<&Banner> {
        self.messages.banner.as_ref()
    }

    /// Whether a load or comparison is running.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The readouts loaded on each side (also before both are there).
    #[must_use]
    pub fn readouts(&self) -> [Option<&Readout>; 2] {
        [0, 1].map(|k| self.loaded.readouts[k].as_ref())
    }

    /// Whether three witnesses are shown.
    #[must_use]
    pub fn shows_three(&self) -> bool {
        self.three.is_some()
    }

    /// The three witnesses shown, if they are.
    #[must_use]
    pub fn witnesses(&self) -> Option<&crate::witnesses::Witnesses> {
        self.three.as_ref().map(|t| t.witnesses.as_ref())
    }

    /// The claims of witness `k` the three-text document view drew last frame, in text order.
    #[must_use]
    pub fn three_document_claims(&self, k: usize) -> Vec<usize> {
        self.three
            .as_ref()
            .map(|t| t.doc.shown(k))
            .unwrap_or_default()
    }

    /// The selected claim of three witnesses: (witness, claim).
    #[must_use]
    pub fn three_selection(&self) -> Option<(usize, usize)> {
        self.three.as_ref().and_then(|t| t.selection)
    }

    /// Whether the side cards are shown instead of the comparison.
    #[must_use]
    pub fn shows_side_cards(&self) -> bool {
        self.show_start
    }

    /// The rows of the topic view as filtered now.
    #[must_use]
    pub fn rows(&self) -> &[Row] {
        &self.loaded.rows
    }

    /// Where the document view last drew a claim: its top and bottom on screen; none when it was
    /// out of view.
    #[must_use]
    pub fn document_claim_span(&self, claim: crate::model::ClaimId) -> Option<egui::Rangef> {
        self.loaded.doc.shown.spans[claim.side.index()]
            .get(&claim.index)
            .copied()
    }

    /// The part of the screen the document view last showed a side's text in.
    #[must_use]
    pub fn document_viewport(&self, side: crate::model::Side) -> egui::Rect {
        self.loaded.doc.shown.viewports[side.index()]
    }

    /// Whether the document view's texts scroll together.
    #[must_use]
    pub fn scrolls_together(&self) -> bool {
        self.view.prefs.scroll_together
    }

    /// The session's name: its file name, or "A vs B" before it is saved.
    fn work_name(&self) -> String {
        match (&self.work.path, &self.work.base) {
            (Some(path), _) => path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            (None, Some(base)) => format!(
                "{} vs {}",
                base.sides[0].readout.label, base.sides[1].readout.label
            ),
            (None, None) => String::new(),
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        use super::state::ThemeChoice;
        ctx.set_theme(match self.view.prefs.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }
}

impl eframe::App for ParallaxApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.per_frame(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.handle_input(&ctx, &mut commands);
        self.draw(ui, &mut commands);
        for command in commands {
            self.apply(command, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.view.prefs.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A normal exit with clean (or discarded) work leaves nothing to restore.
        if !self.work.is_dirty() || self.flow.may_close() {
            self.autosave.clear();
        }
    }
}
