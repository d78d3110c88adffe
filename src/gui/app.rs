//! The app: owns the comparison and the view state, draws the panels, and applies the commands
//! the widgets return, in one place.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText, ThemePreference, Ui};

use crate::model::{Comparison, Readout, Side};
use crate::report::{self, Format};
use crate::{Engine, fsutil};

use super::command::Command;
use super::document_view::{self, DocLayout};
use super::start::{self, StartFields};
use super::state::{Filter, Prefs, Selection, ThemeChoice, ViewMode, ViewState};
use super::virtual_list::VirtualList;
use super::worker::{Input, Job, Outcome};
use super::{details, navigator, theme, topic_view};
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
            Command::OpenReadout(side, path) => {
                let encoding = start::ENCODINGS
                    .get(self.fields.encoding[side.index()])
                    .and_then(|e| e.1);
                self.load_side(ctx, side, Input::Path(path.clone(), encoding), Some(path));
            }
            Command::UseText(side, name, text) => {
                self.load_side(ctx, side, Input::Text { name, text }, None)
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
            Command::Select(side, claim) => {
                self.view.selection = Some(Selection { side, claim });
                if self.view.prefs.view == ViewMode::Document {
                    self.scroll_other_side_to_match(side, claim);
                }
            }
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
        }
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
        }
    }

    /// Shows a new comparison (also used by tests to skip the worker).
    pub fn set_comparison(&mut self, cmp: Comparison) {
        self.index = ClaimIndex::new(&cmp);
        self.doc = DocLayout::new(&cmp);
        self.cmp = Some(Arc::new(cmp));
        self.rows_key = None;
        self.view.selection = None;
        self.show_start = false;
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
        self.topic_list.reset();
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
                .add_filter("Readouts", &["txt", "md", "markdown", "text"])
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
                DialogAnswer::Open(_, None, elapsed) | DialogAnswer::Save(_, None, elapsed) => {
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
        ctx.input_mut(|i| {
            let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
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
                    ("Esc", "clear the selection"),
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
        if self.banner.is_some() || self.notice.is_some() {
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
                let details = |ui: &mut Ui, commands: &mut Vec<Command>| {
                    details::show(ui, &cmp, &self.index, self.view.selection, commands);
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
        for command in commands {
            self.apply(command, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.view.prefs);
    }
}
