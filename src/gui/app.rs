//! The app: owns the comparison and the view state, draws the panels, and applies the commands
//! the widgets return, in one place.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, ThemePreference, Ui};

use crate::curation::{ClaimRef, Edit, NoteTarget, Pair};
use crate::model::{Comparison, Readout, Side};
use crate::report::{self, Format};
use crate::{Engine, fsutil, session};

use super::command::Command;
use super::document_view::{self, DocLayout};
use super::session_ui::{NoteForm, Pending, SaveForm};
use super::start::{self, StartFields};
use super::state::{Filter, Prefs, Selection, ThemeChoice, ViewMode, ViewState};
use super::virtual_list::VirtualList;
use super::work::{Autosave, Work};
use super::worker::{Input, Job, Outcome};
use super::{details, navigator, session_ui, theme, topic_view};
use crate::rows::{self, ClaimIndex, Row};

/// Key of the persisted preferences in eframe's storage.
const PREFS_KEY: &str = "parallax-prefs";

/// Window width from which the details stand beside the views rather than below them.
const WIDE: f32 = 1000.0;

/// A file dialog that answers faster than this did not show at all (no desktop portal).
const DIALOG_MIN: Duration = Duration::from_millis(250);

/// A message over the views: a load failure, an export confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// What a file dialog thread answered.
#[derive(Debug)]
enum DialogAnswer {
    Open(Side, Option<PathBuf>, Duration),
    OpenBoth(Vec<PathBuf>, Duration),
    Save(Format, Option<PathBuf>, Duration),
    SaveSession(Option<PathBuf>, Duration),
}

/// The export window's fields.
#[derive(Debug)]
struct ExportForm {
    open: bool,
    format: Format,
    path: String,
}

/// The main window's state.
pub struct ParallaxApp {
    engine: Arc<Engine>,
    readouts: [Option<Readout>; 2],
    paths: [Option<PathBuf>; 2],
    cmp: Option<Arc<Comparison>>,
    index: ClaimIndex,
    rows: Vec<Row>,
    rows_key: Option<(Filter, String)>,
    topic_list: VirtualList,
    doc: DocLayout,
    view: ViewState,
    job: Option<(Job, [Option<PathBuf>; 2])>,
    banner: Option<Banner>,
    notice: Option<String>,
    fields: StartFields,
    export: ExportForm,
    dialog_tx: Sender<DialogAnswer>,
    dialog_rx: Receiver<DialogAnswer>,
    elapsed: Option<Duration>,
    show_start: bool,
    work: Work,
    autosave: Autosave,
    stale: Vec<String>,
    orphan: Option<PathBuf>,
    restoring: Option<PathBuf>,
    pending: Option<Pending>,
    allow_close: bool,
    title: String,
    save_form: SaveForm,
    note_form: Option<NoteForm>,
    new_topic: String,
    keep_scroll: bool,
    discard_ok: bool,
    after_save: Option<Pending>,
}

impl ParallaxApp {
    /// Creates the app, restoring preferences and opening `files` (side a, side b) if given.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        files: Vec<PathBuf>,
        view: Option<ViewMode>,
    ) -> Self {
        let mut prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        if let Some(view) = view {
            prefs.view = view;
        }
        theme::install_system_fonts(&cc.egui_ctx);
        let mut app = Self::with_prefs(prefs);
        app.apply_theme(&cc.egui_ctx);
        // Autosave where eframe keeps settings (not in tests, which have no storage).
        if cc.storage.is_some()
            && let Some(dir) = std::env::var_os("PARALLAX_DATA_DIR")
                .map(PathBuf::from)
                .or_else(|| eframe::storage_dir(super::APP_ID))
        {
            app = app.with_data_dir(dir);
        }
        if let [one] = files.as_slice()
            && session::is_session_path(one)
        {
            let path = one.clone();
            app.apply(Command::OpenSession(path), &cc.egui_ctx);
            return app;
        }
        let mut files = files.into_iter();
        if let (Some(a), b) = (files.next(), files.next()) {
            let inputs = [
                Some(Input::Path(a.clone(), None)),
                b.clone().map(|b| Input::Path(b, None)),
            ];
            app.start_job(&cc.egui_ctx, inputs, [Some(a), b]);
        }
        app
    }

    /// An app with the given preferences and nothing loaded (also for tests).
    #[must_use]
    pub fn with_prefs(prefs: Prefs) -> Self {
        let (dialog_tx, dialog_rx) = channel();
        let engine = match Engine::builtin() {
            Ok(e) => e,
            Err(e) => unreachable!("the built-in assets are checked by tests: {e}"),
        };
        ParallaxApp {
            engine: Arc::new(engine),
            readouts: [None, None],
            paths: [None, None],
            cmp: None,
            index: ClaimIndex::default(),
            rows: Vec::new(),
            rows_key: None,
            topic_list: VirtualList::default(),
            doc: DocLayout::default(),
            view: ViewState {
                prefs,
                ..ViewState::default()
            },
            job: None,
            banner: None,
            notice: None,
            fields: StartFields::default(),
            export: ExportForm {
                open: false,
                format: Format::Html,
                path: String::new(),
            },
            dialog_tx,
            dialog_rx,
            elapsed: None,
            show_start: true,
            work: Work::default(),
            autosave: Autosave::default(),
            stale: Vec::new(),
            orphan: None,
            restoring: None,
            pending: None,
            allow_close: false,
            title: String::new(),
            save_form: SaveForm::default(),
            note_form: None,
            new_topic: String::new(),
            keep_scroll: false,
            discard_ok: false,
            after_save: None,
        }
    }

    /// Autosaves unsaved work into `dir` and offers to restore what a crashed run left there.
    #[must_use]
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        self.autosave = Autosave::new(dir);
        self.orphan = self.autosave.orphans().into_iter().next();
        self
    }

    /// Changes how often unsaved work is autosaved (tests use zero).
    #[must_use]
    pub fn with_autosave_every(mut self, every: Duration) -> Self {
        self.autosave.every = every;
        self
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

    /// The comparison on screen, if any.
    #[must_use]
    pub fn comparison(&self) -> Option<&Comparison> {
        self.cmp.as_deref()
    }

    /// The selected claim.
    #[must_use]
    pub fn selection(&self) -> Option<Selection> {
        self.view.selection
    }

    /// The current message banner.
    #[must_use]
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// Whether a load or comparison is running.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The rows of the topic view as filtered now.
    #[must_use]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Applies one command (what every button, key and drop turns into).
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenReadout(_, path) if session::is_session_path(&path) => {
                self.apply(Command::OpenSession(path), ctx);
            }
            Command::OpenReadout(side, path) => {
                let encoding = start::ENCODINGS
                    .get(self.fields.encoding[side.index()])
                    .and_then(|e| e.1);
                self.load_side(ctx, side, Input::Path(path.clone(), encoding), Some(path));
            }
            Command::UseText(side, name, text) => {
                self.load_side(ctx, side, Input::Text { name, text }, None)
            }
            Command::OpenPair(a, b) if self.must_ask() => {
                self.pending = Some(Pending::NewComparison(vec![a, b]));
            }
            Command::OpenPair(a, b) => {
                self.start_job(
                    ctx,
                    [
                        Some(Input::Path(a.clone(), None)),
                        Some(Input::Path(b.clone(), None)),
                    ],
                    [Some(a), Some(b)],
                );
            }
            Command::OpenSample if self.must_ask() => {
                self.pending = Some(Pending::NewComparison(Vec::new()));
            }
            Command::OpenSample => {
                let (a, b) = crate::sample::blinken_lavrov();
                self.start_job(
                    ctx,
                    [Some(Input::Loaded(a)), Some(Input::Loaded(b))],
                    [None, None],
                );
            }
            Command::BrowseReadout(side) => self.browse_open(Some(side), ctx),
            Command::BrowseBoth => self.browse_open(None, ctx),
            Command::PasteFromClipboard(side) => {
                match arboard::Clipboard::new().and_then(|mut c| c.get_text()) {
                    Ok(text) if !text.trim().is_empty() => {
                        self.load_side(
                            ctx,
                            side,
                            Input::Text {
                                name: "pasted text".to_string(),
                                text,
                            },
                            None,
                        );
                    }
                    Ok(_) => self.notice = Some("The clipboard holds no text.".to_string()),
                    Err(e) => {
                        self.notice = Some(format!(
                            "Cannot read the clipboard ({e}). Paste into \"Type or paste the text\" with Ctrl+V instead."
                        ));
                    }
                }
            }
            Command::Select(side, claim) if self.view.linking.is_some() => {
                self.link_to(side, claim);
            }
            Command::Select(side, claim) => {
                self.view.selection = Some(Selection { side, claim });
                if self.view.prefs.view == ViewMode::Document {
                    self.scroll_other_side_to_match(side, claim);
                }
            }
            Command::ClearSelection if self.view.linking.is_some() => self.cancel_link(),
            Command::ClearSelection => self.view.selection = None,
            Command::NextOneSided(forward) => self.next_one_sided(forward),
            Command::JumpToTopic(id) => self.jump_to_topic(&id),
            Command::SetView(mode) => {
                self.view.prefs.view = mode;
                if let Some(sel) = self.view.selection {
                    self.reveal(sel);
                }
            }
            Command::SetFilter(filter) => self.view.filter = filter,
            Command::ShowExport => {
                if self.cmp.is_some() {
                    if self.export.path.is_empty() {
                        self.export.path = default_export_path(self.export.format)
                            .display()
                            .to_string();
                    }
                    self.export.open = true;
                }
            }
            Command::Export(format, path) => self.export_to(format, &path),
            Command::BrowseExport(format) => self.browse_save(format, ctx),
            Command::ToggleTheme => {
                self.view.prefs.theme = if ctx.global_style().visuals.dark_mode {
                    ThemeChoice::Light
                } else {
                    ThemeChoice::Dark
                };
                self.apply_theme(ctx);
            }
            Command::ToggleHelp => self.view.show_help = !self.view.show_help,
            Command::FocusSearch => self.view.focus_search = true,
            Command::DismissBanner => {
                self.banner = None;
                self.notice = None;
            }
            Command::CloseComparison => self.show_start = true,
            Command::Edit(edit) => {
                self.work.edit(edit);
                self.refresh_comparison();
            }
            Command::StartLink(side, claim) => {
                let sel = Selection { side, claim };
                self.view.selection = Some(sel);
                self.view.linking = Some(sel);
                if let Some(cmp) = &self.cmp {
                    self.notice = Some(format!(
                        "Linking claim {}: click the claim of {} that gives an account of the same point (Esc cancels).",
                        cmp.side(side).claims[claim].id,
                        cmp.side(side.other()).readout.label
                    ));
                }
            }
            Command::CancelLink => self.cancel_link(),
            Command::EditNote(target) => self.open_note(target),
            Command::Undo => {
                if self.work.undo() {
                    self.refresh_comparison();
                } else {
                    self.notice = Some("Nothing to undo.".to_string());
                }
            }
            Command::Redo => {
                if self.work.redo() {
                    self.refresh_comparison();
                } else {
                    self.notice = Some("Nothing to redo.".to_string());
                }
            }
            Command::SaveSession => match self.work.path.clone() {
                Some(path) => self.save_session(&path),
                None => self.apply(Command::ShowSaveSessionAs, ctx),
            },
            Command::ShowSaveSessionAs => {
                if self.work.base.is_some() {
                    if self.save_form.path.is_empty() {
                        self.save_form.path = self.default_session_path().display().to_string();
                    }
                    self.save_form.open = true;
                }
            }
            Command::BrowseSaveSession => self.browse_save_session(ctx),
            Command::SaveSessionAs(path) => {
                let path = if session::is_session_path(&path) {
                    path
                } else {
                    let mut name = path.into_os_string();
                    name.push(".");
                    name.push(session::EXTENSION);
                    PathBuf::from(name)
                };
                self.save_session(&path);
                // Saved where the "save your changes?" question asked: go on with what waited.
                if !self.work.is_dirty()
                    && let Some(pending) = self.after_save.take()
                {
                    self.go_on(Some(pending), ctx);
                }
            }
            Command::OpenSession(path) if self.must_ask() => {
                self.pending = Some(Pending::OpenSession(path));
            }
            Command::OpenSession(path) => {
                self.notice = None;
                self.job = Some((
                    Job::spawn_session(Arc::clone(&self.engine), path.clone(), ctx),
                    [None, None],
                ));
                if self.restoring.is_none() {
                    self.view.prefs.remember_file(path);
                }
            }
            Command::RestoreAutosave => {
                if let Some(path) = self.orphan.take() {
                    self.restoring = Some(path.clone());
                    self.pending = None;
                    self.job = Some((
                        Job::spawn_session(Arc::clone(&self.engine), path, ctx),
                        [None, None],
                    ));
                }
            }
            Command::DiscardAutosave => {
                if let Some(path) = self.orphan.take() {
                    let _ = std::fs::remove_file(path);
                }
            }
            Command::ConfirmSave => {
                let pending = self.pending.take();
                match self.work.path.clone() {
                    Some(path) => {
                        self.save_session(&path);
                        if !self.work.is_dirty() {
                            self.go_on(pending, ctx);
                        }
                    }
                    // Where to save is asked first; what waited goes on once it is saved.
                    None => {
                        self.after_save = pending;
                        self.apply(Command::ShowSaveSessionAs, ctx);
                    }
                }
            }
            Command::ConfirmDiscard => {
                let pending = self.pending.take();
                if pending == Some(Pending::Close) {
                    self.autosave.clear();
                }
                // The work stays until what replaces it has loaded, so a failed load loses
                // nothing.
                self.discard_ok = true;
                self.go_on(pending, ctx);
                self.discard_ok = false;
            }
            Command::ConfirmCancel => self.pending = None,
        }
    }

    /// Whether replacing the work must first ask to save it.
    fn must_ask(&self) -> bool {
        self.work.is_dirty() && !self.discard_ok
    }

    /// Carries out what waited for the "save your changes?" answer.
    fn go_on(&mut self, pending: Option<Pending>, ctx: &egui::Context) {
        match pending {
            Some(Pending::Close) => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(Pending::OpenSession(path)) => self.apply(Command::OpenSession(path), ctx),
            Some(Pending::NewComparison(files)) => match files.as_slice() {
                [a, b] => self.apply(Command::OpenPair(a.clone(), b.clone()), ctx),
                _ => self.apply(Command::OpenSample, ctx),
            },
            None => {}
        }
    }

    /// Links the claim being linked with a claim of the other side.
    fn link_to(&mut self, side: Side, claim: usize) {
        let Some(from) = self.view.linking else {
            return;
        };
        let Some(cmp) = self.cmp.clone() else { return };
        if side == from.side {
            if claim == from.claim {
                self.cancel_link();
            } else {
                self.notice = Some(format!(
                    "Pick a claim of {} to link with, or press Esc.",
                    cmp.side(from.side.other()).readout.label
                ));
            }
            return;
        }
        let (a, b) = match side {
            Side::B => ((Side::A, from.claim), (Side::B, claim)),
            Side::A => ((Side::A, claim), (Side::B, from.claim)),
        };
        self.view.linking = None;
        self.notice = None;
        if let (Some(a), Some(b)) = (ClaimRef::of(&cmp, a.0, a.1), ClaimRef::of(&cmp, b.0, b.1)) {
            self.work.edit(Edit::Link(Pair { a, b }));
            self.refresh_comparison();
        }
    }

    fn cancel_link(&mut self) {
        self.view.linking = None;
        self.notice = None;
    }

    fn open_note(&mut self, target: NoteTarget) {
        let Some(cmp) = &self.cmp else { return };
        let heading = match &target {
            NoteTarget::Claim { claim } => {
                let id = claim
                    .resolve(cmp.side(claim.side))
                    .map_or("?", |i| cmp.side(claim.side).claims[i].id.as_str());
                format!("Note on claim {id}: {}", claim.excerpt())
            }
            NoteTarget::Topic { topic } => format!(
                "Note on the topic {}",
                cmp.topic(topic)
                    .map_or(topic.as_str(), |t| t.label.as_str())
            ),
        };
        let text = self
            .work
            .decisions
            .note(&target)
            .unwrap_or_default()
            .to_string();
        self.note_form = Some(NoteForm {
            target,
            heading,
            text,
            fresh: true,
        });
    }

    fn save_session(&mut self, path: &std::path::Path) {
        match self.work.save(path) {
            Ok(()) => {
                self.autosave.clear();
                self.save_form.open = false;
                self.save_form.path = path.display().to_string();
                self.view.prefs.remember_file(path.to_path_buf());
                self.banner = Some(Banner {
                    text: format!("Saved the session to {}", path.display()),
                    is_error: false,
                });
            }
            Err(e) => {
                self.banner = Some(Banner {
                    text: format!(
                        "Could not save the session: {e}. Nothing was lost: the previous file is unchanged."
                    ),
                    is_error: true,
                });
            }
        }
    }

    /// `~/<a>-vs-<b>.parallax`, from the sides' labels.
    fn default_session_path(&self) -> PathBuf {
        let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
        let name: String = self
            .work_name()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let name = name
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let name = if name.is_empty() {
            "comparison".to_string()
        } else {
            name
        };
        home.join(format!("{name}.{}", session::EXTENSION))
    }

    /// Lays the decisions over the automatic comparison again and shows the result, keeping the
    /// selection (by claim id) and the scroll position.
    fn refresh_comparison(&mut self) {
        let Some(curated) = self.work.curated(&self.engine) else {
            return;
        };
        let selected = self.view.selection.and_then(|s| {
            let cmp = self.cmp.as_ref()?;
            Some((s.side, cmp.side(s.side).claims.get(s.claim)?.id.clone()))
        });
        let cmp = curated.comparison;
        self.stale = curated.stale;
        self.view.selection = selected.and_then(|(side, id)| {
            let claim = cmp.side(side).claims.iter().position(|c| c.id == id)?;
            Some(Selection { side, claim })
        });
        self.index = ClaimIndex::new(&cmp);
        self.doc = DocLayout::new(&cmp);
        self.cmp = Some(Arc::new(cmp));
        self.rows_key = None;
        self.keep_scroll = true;
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.view.prefs.theme {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        });
    }

    /// Loads one side, keeping the other, and recomputes.
    fn load_side(&mut self, ctx: &egui::Context, side: Side, input: Input, path: Option<PathBuf>) {
        let mut inputs: [Option<Input>; 2] = [None, None];
        let mut paths = self.paths.clone();
        for s in Side::BOTH {
            inputs[s.index()] = self.readouts[s.index()].clone().map(Input::Loaded);
        }
        inputs[side.index()] = Some(input);
        paths[side.index()] = path;
        self.start_job(ctx, inputs, paths);
    }

    fn start_job(
        &mut self,
        ctx: &egui::Context,
        inputs: [Option<Input>; 2],
        paths: [Option<PathBuf>; 2],
    ) {
        self.notice = None;
        self.job = Some((Job::spawn(Arc::clone(&self.engine), inputs, ctx), paths));
    }

    /// Takes the result of a finished job.
    fn poll_job(&mut self) {
        let Some(outcome) = self.job.as_ref().and_then(|(job, _)| job.poll()) else {
            return;
        };
        let Some((_, paths)) = self.job.take() else {
            return;
        };
        match outcome {
            Outcome::Failed { source, message } => {
                self.restoring = None;
                // The previous comparison stays; the banner names the file and the reason.
                self.banner = Some(Banner {
                    text: format!("Could not open {source}: {message}"),
                    is_error: true,
                });
            }
            Outcome::Done {
                readouts,
                comparison,
                elapsed,
            } => {
                self.banner = None;
                let warnings: Vec<String> = readouts
                    .iter()
                    .flatten()
                    .flat_map(|r| r.warnings.iter().map(move |w| format!("{}: {w}", r.source)))
                    .collect();
                self.notice = (!warnings.is_empty()).then(|| warnings.join("  ·  "));
                for path in paths.iter().flatten() {
                    self.view.prefs.remember_file(path.clone());
                }
                if let [Some(a), Some(b)] = &paths {
                    self.view.prefs.remember_pair(a.clone(), b.clone());
                }
                self.readouts = *readouts;
                self.paths = paths;
                if let Some(cmp) = comparison {
                    self.set_comparison(*cmp);
                    self.elapsed = Some(elapsed);
                    self.show_start = false;
                }
            }
            Outcome::Session {
                session,
                opened,
                path,
                elapsed,
            } => {
                self.banner = None;
                let restored = self.restoring.take();
                if let Some(orphan) = &restored {
                    self.autosave.adopt(orphan);
                } else {
                    self.autosave.clear();
                }
                let opened = *opened;
                self.engine = Arc::new(opened.engine);
                self.readouts = [
                    Some(opened.base.sides[0].readout.clone()),
                    Some(opened.base.sides[1].readout.clone()),
                ];
                self.paths = [None, None];
                self.work
                    .open(opened.base, *session, restored.is_none().then_some(path));
                self.view.selection = None;
                self.view.linking = None;
                self.refresh_comparison();
                self.keep_scroll = false;
                self.elapsed = Some(elapsed);
                self.show_start = false;
                if restored.is_some() {
                    self.notice = Some(
                        "Restored the unsaved session. Save it (Ctrl+S) to keep it.".to_string(),
                    );
                } else if !self.stale.is_empty() {
                    self.notice = Some(format!(
                        "{} manual decisions of this session no longer find their claims; they are kept in it.",
                        self.stale.len()
                    ));
                }
            }
        }
    }

    /// Shows a new automatic comparison (also used by tests to skip the worker). When it
    /// compares other readouts on both sides, the work starts anew; otherwise the decisions
    /// stay and apply wherever their claims still are.
    pub fn set_comparison(&mut self, cmp: Comparison) {
        let same_side = self.work.base.as_ref().is_some_and(|base| {
            (0..2).any(|k| base.sides[k].readout.sha256 == cmp.sides[k].readout.sha256)
        });
        if !same_side {
            self.autosave.clear();
            self.work = Work::default();
        }
        self.work.set_base(cmp);
        self.view.selection = None;
        self.view.linking = None;
        self.refresh_comparison();
        self.keep_scroll = false;
        self.show_start = false;
        if !self.stale.is_empty() {
            self.notice = Some(format!(
                "{} manual decisions refer to sentences the new readout does not have; they are kept and apply again if it comes back.",
                self.stale.len()
            ));
        }
    }

    fn refresh_rows(&mut self) {
        let key = (self.view.filter, self.view.search.clone());
        if self.rows_key.as_ref() == Some(&key) {
            return;
        }
        if let Some(cmp) = &self.cmp {
            self.rows = rows::build_rows(cmp, &self.index, key.0, &key.1);
        }
        self.rows_key = Some(key);
        if std::mem::take(&mut self.keep_scroll) {
            self.topic_list.forget_heights();
        } else {
            self.topic_list.reset();
        }
    }

    /// Selects a claim and scrolls the current view to it.
    fn reveal(&mut self, sel: Selection) {
        self.view.selection = Some(sel);
        let Some(cmp) = self.cmp.clone() else { return };
        match self.view.prefs.view {
            ViewMode::Topics => {
                self.refresh_rows();
                self.view.scroll_to_row = rows::row_of_claim(&cmp, &self.rows, sel.side, sel.claim);
            }
            ViewMode::Document => {
                self.view.scroll_doc_to[sel.side.index()] = self.doc.paragraph_of[sel.side.index()]
                    .get(sel.claim)
                    .copied();
                self.scroll_other_side_to_match(sel.side, sel.claim);
            }
        }
    }

    fn scroll_other_side_to_match(&mut self, side: Side, claim: usize) {
        let Some(cmp) = &self.cmp else { return };
        let Some(&m) = self.index.matches_of[side.index()]
            .get(claim)
            .and_then(|ms| ms.first())
        else {
            return;
        };
        let other = if side == Side::A {
            cmp.matches[m].b
        } else {
            cmp.matches[m].a
        };
        let k = side.other().index();
        self.view.scroll_doc_to[k] = self.doc.paragraph_of[k].get(other).copied();
    }

    fn next_one_sided(&mut self, forward: bool) {
        let Some(cmp) = self.cmp.clone() else { return };
        self.refresh_rows();
        let order: Vec<(Side, usize)> = match self.view.prefs.view {
            ViewMode::Topics => rows::one_sided_in_order(&self.rows),
            ViewMode::Document => Side::BOTH
                .iter()
                .flat_map(|&s| cmp.one_sided[s.index()].iter().map(move |&c| (s, c)))
                .collect(),
        };
        if order.is_empty() {
            self.notice = Some("No one-sided claims are shown.".to_string());
            return;
        }
        let current = self.view.selection.and_then(|s| {
            order
                .iter()
                .position(|&(side, c)| side == s.side && c == s.claim)
        });
        let next = match (current, forward) {
            (Some(i), true) => (i + 1) % order.len(),
            (Some(i), false) => (i + order.len() - 1) % order.len(),
            (None, true) => 0,
            (None, false) => order.len() - 1,
        };
        let (side, claim) = order[next];
        self.reveal(Selection { side, claim });
    }

    fn jump_to_topic(&mut self, id: &str) {
        let Some(cmp) = self.cmp.clone() else { return };
        let Some(t) = cmp.topics.iter().position(|t| t.id == id) else {
            return;
        };
        match self.view.prefs.view {
            ViewMode::Topics => {
                self.refresh_rows();
                self.view.scroll_to_row = self.rows.iter().position(|r| *r == Row::Header(t));
            }
            ViewMode::Document => {
                for side in Side::BOTH {
                    if let Some(&c) = cmp.topics[t].claims(side).first() {
                        self.view.scroll_doc_to[side.index()] =
                            self.doc.paragraph_of[side.index()].get(c).copied();
                    }
                }
            }
        }
    }

    fn export_to(&mut self, format: Format, path: &std::path::Path) {
        let Some(cmp) = &self.cmp else { return };
        let text = report::render(cmp, format);
        self.banner = Some(match fsutil::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.export.open = false;
                Banner {
                    text: format!(
                        "Saved the {} report to {}",
                        format_name(format),
                        path.display()
                    ),
                    is_error: false,
                }
            }
            Err(e) => Banner {
                text: format!("Could not save {}: {e}", path.display()),
                is_error: true,
            },
        });
    }

    fn browse_open(&self, side: Option<Side>, ctx: &egui::Context) {
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new()
                .set_title("Open a readout")
                .add_filter(
                    "Readouts and sessions",
                    &[
                        "txt", "md", "markdown", "text", "html", "htm", "pdf", "docx", "parallax",
                    ],
                )
                .add_filter("All files", &["*"]);
            let answer = match side {
                Some(side) => DialogAnswer::Open(side, dialog.pick_file(), started.elapsed()),
                None => DialogAnswer::OpenBoth(
                    dialog.pick_files().unwrap_or_default(),
                    started.elapsed(),
                ),
            };
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
    }

    fn browse_save(&self, format: Format, ctx: &egui::Context) {
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        let name = default_export_path(format);
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title("Export the comparison");
            if let Some(file) = name.file_name() {
                dialog = dialog.set_file_name(file.to_string_lossy());
            }
            let _ = tx.send(DialogAnswer::Save(
                format,
                dialog.save_file(),
                started.elapsed(),
            ));
            ctx.request_repaint();
        });
    }

    fn browse_save_session(&self, ctx: &egui::Context) {
        let tx = self.dialog_tx.clone();
        let ctx = ctx.clone();
        let name = self.default_session_path();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new()
                .set_title("Save the session")
                .add_filter("Parallax session", &[session::EXTENSION]);
            if let Some(file) = name.file_name() {
                dialog = dialog.set_file_name(file.to_string_lossy());
            }
            let _ = tx.send(DialogAnswer::SaveSession(
                dialog.save_file(),
                started.elapsed(),
            ));
            ctx.request_repaint();
        });
    }

    fn poll_dialogs(&mut self, ctx: &egui::Context) {
        const UNAVAILABLE: &str = "No file dialog is available on this desktop (no desktop portal answered). \
             Type or paste a path instead, or drop the file on the window.";
        while let Ok(answer) = self.dialog_rx.try_recv() {
            match answer {
                DialogAnswer::Open(side, Some(path), _) => {
                    self.apply(Command::OpenReadout(side, path), ctx)
                }
                DialogAnswer::OpenBoth(files, elapsed) if files.is_empty() => {
                    if elapsed < DIALOG_MIN {
                        self.notice = Some(UNAVAILABLE.to_string());
                        self.show_start = true;
                    }
                }
                DialogAnswer::OpenBoth(files, _)
                    if files.len() == 1 && session::is_session_path(&files[0]) =>
                {
                    let path = files[0].clone();
                    self.apply(Command::OpenSession(path), ctx);
                }
                DialogAnswer::OpenBoth(files, _) => {
                    let mut files = files.into_iter();
                    if let (Some(a), Some(b)) = (files.next(), files.next()) {
                        self.apply(Command::OpenPair(a, b), ctx);
                    } else {
                        self.notice = Some(
                            "Choose two files (hold Ctrl), or open each side separately."
                                .to_string(),
                        );
                    }
                }
                DialogAnswer::Save(format, Some(path), _) => {
                    self.export.format = format;
                    self.export.path = path.display().to_string();
                    self.apply(Command::Export(format, path), ctx);
                }
                DialogAnswer::SaveSession(Some(path), _) => {
                    self.save_form.path = path.display().to_string();
                    self.apply(Command::SaveSessionAs(path), ctx);
                }
                DialogAnswer::Open(_, None, elapsed)
                | DialogAnswer::Save(_, None, elapsed)
                | DialogAnswer::SaveSession(None, elapsed) => {
                    if elapsed < DIALOG_MIN {
                        self.notice = Some(UNAVAILABLE.to_string());
                        if self.cmp.is_none() {
                            self.show_start = true;
                        }
                    }
                }
            }
        }
    }

    /// Keyboard shortcuts and dropped files.
    fn handle_input(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let typing = ctx.egui_wants_keyboard_input();
        let selection = self.view.selection;
        ctx.input_mut(|i| {
            let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
            // Shift variants first: a plain shortcut also matches with Shift held.
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)) {
                commands.push(Command::ShowSaveSessionAs);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::S)) {
                commands.push(Command::SaveSession);
            }
            if !typing {
                // In a text field, Ctrl+Z belongs to the field.
                if i.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
                    || i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Y))
                {
                    commands.push(Command::Redo);
                }
                if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)) {
                    commands.push(Command::Undo);
                }
                if let Some(sel) = selection
                    && i.consume_shortcut(&shortcut(Modifiers::NONE, Key::L))
                {
                    commands.push(Command::StartLink(sel.side, sel.claim));
                }
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)) {
                commands.push(Command::BrowseBoth);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)) {
                commands.push(Command::FocusSearch);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)) {
                commands.push(Command::ShowExport);
            }
            if i.consume_shortcut(&shortcut(Modifiers::SHIFT, Key::F7)) {
                commands.push(Command::NextOneSided(false));
            }
            if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::F7)) {
                commands.push(Command::NextOneSided(true));
            }
            if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::F1)) {
                commands.push(Command::ToggleHelp);
            }
            if !typing {
                if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::N)) {
                    commands.push(Command::NextOneSided(true));
                }
                if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::P)) {
                    commands.push(Command::NextOneSided(false));
                }
            }
            if i.consume_shortcut(&shortcut(Modifiers::NONE, Key::Escape)) {
                commands.push(Command::ClearSelection);
            }
            let dropped: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect();
            if !dropped.is_empty() {
                let mid = i.viewport_rect().center().x;
                let x = i.pointer.latest_pos().map_or(0.0, |p| p.x);
                match dropped.as_slice() {
                    [one] => {
                        let side = if x > mid { Side::B } else { Side::A };
                        commands.push(Command::OpenReadout(side, one.clone()));
                    }
                    [a, b, ..] => commands.push(Command::OpenPair(a.clone(), b.clone())),
                    [] => {}
                }
            }
        });
    }

    fn toolbar(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Parallax").strong());
            ui.separator();
            if ui
                .button("Open readouts…")
                .on_hover_text("Ctrl+O")
                .clicked()
            {
                commands.push(Command::BrowseBoth);
            }
            if self.cmp.is_some() {
                if ui
                    .button("Sides…")
                    .on_hover_text("Replace one readout, paste text, recent files")
                    .clicked()
                {
                    commands.push(Command::CloseComparison);
                }
                if ui.button("Export…").on_hover_text("Ctrl+E").clicked() {
                    commands.push(Command::ShowExport);
                }
                let save = ui
                    .button(if self.work.is_dirty() {
                        "Save session •"
                    } else {
                        "Save session"
                    })
                    .on_hover_text("Save the session: readouts, links, topics, notes (Ctrl+S; Save as: Ctrl+Shift+S)");
                if save.clicked() {
                    commands.push(Command::SaveSession);
                }
                save.context_menu(|ui| {
                    if ui.button("Save as…").clicked() {
                        commands.push(Command::ShowSaveSessionAs);
                    }
                });
                ui.separator();
                if ui
                    .add_enabled(self.work.can_undo(), egui::Button::new("↶ Undo"))
                    .on_hover_text("Undo the last edit (Ctrl+Z)")
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.work.can_redo(), egui::Button::new("↷ Redo"))
                    .on_hover_text("Redo (Ctrl+Shift+Z)")
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.separator();
                if ui
                    .button("◀ one-sided")
                    .on_hover_text("Previous one-sided claim (Shift+F7, p)")
                    .clicked()
                {
                    commands.push(Command::NextOneSided(false));
                }
                if ui
                    .button("one-sided ▶")
                    .on_hover_text("Next one-sided claim (F7, n)")
                    .clicked()
                {
                    commands.push(Command::NextOneSided(true));
                }
            }
            ui.separator();
            let dark = ui.visuals().dark_mode;
            if ui
                .button(if dark {
                    "☀ Light theme"
                } else {
                    "☾ Dark theme"
                })
                .on_hover_text("Switch the theme")
                .clicked()
            {
                commands.push(Command::ToggleTheme);
            }
            if ui.button("Help").on_hover_text("F1").clicked() {
                commands.push(Command::ToggleHelp);
            }
        });
    }

    fn status_bar(&self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            if let Some((job, _)) = &self.job {
                ui.spinner();
                ui.label(format!(
                    "Comparing… {:.1} s",
                    job.started.elapsed().as_secs_f32()
                ));
                ui.separator();
            }
            match &self.cmp {
                Some(cmp) => {
                    let [a, b] = [&cmp.sides[0], &cmp.sides[1]];
                    ui.label(format!("{}: {} claims", a.readout.label, a.claims.len()));
                    ui.separator();
                    ui.label(format!("{}: {} claims", b.readout.label, b.claims.len()));
                    ui.separator();
                    ui.label(format!("{} matches", cmp.matches.len()));
                    ui.separator();
                    ui.label(format!(
                        "one-sided: {} in {}, {} in {}",
                        cmp.one_sided[0].len(),
                        a.readout.label,
                        cmp.one_sided[1].len(),
                        b.readout.label
                    ));
                    if let Some(elapsed) = self.elapsed {
                        ui.separator();
                        ui.label(format!("computed in {} ms", elapsed.as_millis()));
                    }
                }
                None => {
                    ui.label("No comparison yet.");
                }
            }
        });
    }

    fn banners(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if let Some(orphan) = &self.orphan {
            let when = std::fs::metadata(orphan)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .map_or_else(String::new, |d| match d.as_secs() / 60 {
                    0 => " (less than a minute ago)".to_string(),
                    1 => " (a minute ago)".to_string(),
                    m if m < 120 => format!(" ({m} minutes ago)"),
                    m => format!(" ({} hours ago)", m / 60),
                });
            egui::Frame::new()
                .fill(egui::Color32::from_rgb(0x8a, 0x5a, 0x00))
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "Parallax closed with unsaved work{when}. Restore it?"
                            ))
                            .color(egui::Color32::WHITE),
                        );
                        if ui.button("Restore").clicked() {
                            commands.push(Command::RestoreAutosave);
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Delete the unsaved work")
                            .clicked()
                        {
                            commands.push(Command::DiscardAutosave);
                        }
                    });
                });
        }
        let messages = self
            .banner
            .iter()
            .map(|b| (b.text.as_str(), b.is_error))
            .chain(self.notice.iter().map(|n| (n.as_str(), false)));
        for (text, is_error) in messages {
            let fill = if is_error {
                egui::Color32::from_rgb(0xb0, 0x2a, 0x2a)
            } else {
                egui::Color32::from_rgb(0x2a, 0x5d, 0x9c)
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(text).color(egui::Color32::WHITE));
                        if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                            commands.push(Command::DismissBanner);
                        }
                    });
                });
        }
    }

    fn help_window(&mut self, ctx: &egui::Context) {
        let mut open = self.view.show_help;
        egui::Window::new("Keyboard shortcuts").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
            egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                for (keys, what) in [
                    ("F7  or  n", "next one-sided claim"),
                    ("Shift+F7  or  p", "previous one-sided claim"),
                    ("Ctrl+F", "search claims"),
                    ("Ctrl+E", "export the comparison"),
                    ("Ctrl+O", "open readouts"),
                    ("Esc", "clear the selection, or leave link mode"),
                    ("L", "link the selected claim with…"),
                    ("Ctrl+Z", "undo an edit"),
                    ("Ctrl+Shift+Z, Ctrl+Y", "redo"),
                    ("Ctrl+S", "save the session"),
                    ("Ctrl+Shift+S", "save the session as…"),
                    ("F1", "this help"),
                ] {
                    ui.label(RichText::new(keys).monospace());
                    ui.label(what);
                    ui.end_row();
                }
            });
            ui.add_space(6.0);
            ui.label("Drop one file on the left or right half of the window to load that side, or two files to load both.");
        });
        self.view.show_help = open;
    }

    fn export_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let mut open = self.export.open;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    for format in [Format::Html, Format::Md, Format::Json, Format::Csv] {
                        if ui
                            .radio(self.export.format == format, format_name(format))
                            .clicked()
                        {
                            self.export.format = format;
                            let path =
                                PathBuf::from(&self.export.path).with_extension(format.extension());
                            self.export.path = path.display().to_string();
                        }
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("Save to");
                    ui.add(egui::TextEdit::singleline(&mut self.export.path).desired_width(360.0));
                    if ui.button("Browse…").clicked() {
                        commands.push(Command::BrowseExport(self.export.format));
                    }
                });
                if ui.button("Save").clicked() && !self.export.path.trim().is_empty() {
                    commands.push(Command::Export(
                        self.export.format,
                        PathBuf::from(self.export.path.trim()),
                    ));
                }
            });
        self.export.open = open && self.export.open;
    }

    /// Topics a claim can be moved to: the taxonomy's, the analyst's, and "Other".
    fn topic_choices(&self) -> Vec<(String, String)> {
        let mut topics: Vec<(String, String)> = self
            .engine
            .taxonomy()
            .topics()
            .iter()
            .map(|t| (t.id.clone(), t.label.clone()))
            .collect();
        topics.extend(
            self.work
                .decisions
                .topics
                .iter()
                .map(|t| (t.id.clone(), format!("{} (yours)", t.label))),
        );
        if !topics
            .iter()
            .any(|(id, _)| id == crate::topics::FALLBACK_ID)
        {
            topics.push((crate::topics::FALLBACK_ID.to_string(), "Other".to_string()));
        }
        topics
    }

    fn summary(&self) -> start::SideSummary {
        [0, 1].map(|k| {
            self.readouts[k].as_ref().map(|r| {
                let mut parts = vec![format!("{} ({}, {})", r.source, r.format, r.encoding)];
                parts.extend(r.title.clone());
                parts.extend(r.date.clone());
                parts.extend(r.url.clone());
                parts.push(format!("SHA-256 {}", r.sha256));
                parts.join(" · ")
            })
        })
    }
}

/// A readable name of a format for buttons and messages.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Md => "Markdown",
        Format::Json => "JSON",
        Format::Csv => "CSV",
    }
}

/// `~/parallax-comparison.<ext>` (or the current folder when there is no home).
fn default_export_path(format: Format) -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(format!("parallax-comparison.{}", format.extension()))
}

impl eframe::App for ParallaxApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_job();
        self.poll_dialogs(&ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.work.is_dirty()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.autosave.tick(&self.work);
        if let Some(due) = self.autosave.due_in(&self.work) {
            ctx.request_repaint_after(due);
        }
        let mut commands = Vec::new();
        self.handle_input(&ctx, &mut commands);
        if self.job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(cmp) = &self.cmp {
            for side in Side::BOTH {
                let label = cmp.side(side).readout.label.clone();
                ctx.data_mut(|d| d.insert_temp(topic_view::label_id(side), label));
            }
        }
        self.refresh_rows();

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, &mut commands));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.banner.is_some() || self.notice.is_some() || self.orphan.is_some() {
            egui::Panel::top("banner").show(ui, |ui| self.banners(ui, &mut commands));
        }
        match self.cmp.clone().filter(|_| !self.show_start) {
            Some(cmp) => {
                // Narrow windows keep room for the two columns: the navigator takes at most a
                // quarter of the width and the details move below the views.
                let width = ui.available_width();
                egui::Panel::left("navigator")
                    .resizable(true)
                    .default_size(250.0_f32.min(width * 0.25))
                    .max_size((width * 0.3).max(160.0))
                    .show(ui, |ui| {
                        navigator::show(ui, &cmp, &mut self.view, &mut commands);
                    });
                let topics = self.topic_choices();
                let mut details = |ui: &mut Ui, commands: &mut Vec<Command>| {
                    let cx = details::Context {
                        index: &self.index,
                        selection: self.view.selection,
                        linking: self.view.linking,
                        topics: &topics,
                        new_topic: &mut self.new_topic,
                        stale: &self.stale,
                    };
                    details::show(ui, &cmp, cx, commands);
                };
                if width >= WIDE {
                    egui::Panel::right("details")
                        .resizable(true)
                        .default_size(320.0)
                        .max_size(width * 0.35)
                        .show(ui, |ui| details(ui, &mut commands));
                } else {
                    egui::Panel::bottom("details-below")
                        .resizable(true)
                        .default_size(200.0)
                        .show(ui, |ui| details(ui, &mut commands));
                }
                egui::CentralPanel::default().show(ui, |ui| match self.view.prefs.view {
                    ViewMode::Topics => {
                        topic_view::show(
                            ui,
                            &cmp,
                            &self.rows,
                            &mut self.topic_list,
                            &mut self.view,
                            &mut commands,
                        );
                    }
                    ViewMode::Document => {
                        document_view::show(
                            ui,
                            &cmp,
                            &self.index,
                            &mut self.doc,
                            &mut self.view,
                            &mut commands,
                        );
                    }
                });
            }
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    let labels =
                        [0, 1].map(|k| self.readouts[k].as_ref().map_or("", |r| r.label.as_str()));
                    let summary = self.summary();
                    start::show(
                        ui,
                        &self.view.prefs,
                        &summary,
                        labels,
                        &mut self.fields,
                        &mut commands,
                    );
                    if self.cmp.is_some() {
                        ui.separator();
                        if ui.button("Back to the comparison").clicked() {
                            self.show_start = false;
                        }
                    }
                });
            }
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(120));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop on the left or right half",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
        self.help_window(&ctx);
        self.export_window(&ctx, &mut commands);
        session_ui::save_as(&ctx, &mut self.save_form, &mut commands);
        if !self.save_form.open {
            // The save window closed without saving: nothing waits for a save any more.
            self.after_save = None;
        }
        session_ui::note(&ctx, &mut self.note_form, &mut commands);
        if let Some(pending) = &self.pending {
            session_ui::confirm(&ctx, &self.work_name(), pending, &mut commands);
        }
        for command in commands {
            self.apply(command, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.view.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A normal exit with clean (or discarded) work leaves nothing to restore.
        if !self.work.is_dirty() || self.allow_close {
            self.autosave.clear();
        }
    }
}
