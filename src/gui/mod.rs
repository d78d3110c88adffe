//! The desktop app (eframe/egui, glow renderer): two readouts side by side, aligned by topic.
//!
//! Widgets take `&Comparison` and `&mut ViewState`, draw, and push [`Command`]s; `app.rs`
//! applies them in one place. Computing runs on a worker thread so the window keeps redrawing.

mod app;
mod claim_widgets;
mod command;
mod details;
mod document_paragraph;
mod document_scroll;
mod document_view;
mod framing_panel;
mod icon;
mod navigator;
mod session_ui;
mod start;
mod state;
mod theme;
mod three_document;
mod three_nav;
mod three_view;
mod topic_view;
mod virtual_list;
mod work;
mod worker;

use std::ffi::OsStr;
use std::path::PathBuf;

use crate::align::AlignOptions;
pub use crate::rows::{Row, build_rows};
pub use app::ParallaxApp;
pub use command::Command;
pub use state::{Filter, Prefs, Selection, ViewMode};

/// Application id: names the window class and the folder where settings persist.
pub const APP_ID: &str = "parallax";

/// Environment variable naming a folder for everything the app keeps between runs (eframe's
/// `app.ron` with preferences and window state, and autosaved work) instead of the user's.
pub const DATA_DIR_VAR: &str = "PARALLAX_DATA_DIR";

/// The folder named by `value` (that of [`DATA_DIR_VAR`]), or `None` when it is unset or empty.
#[must_use]
pub fn data_dir(value: Option<&OsStr>) -> Option<PathBuf> {
    value.filter(|dir| !dir.is_empty()).map(PathBuf::from)
}

/// Where eframe keeps its state: `app.ron` in [`data_dir`], or `None` for eframe's own folder.
#[must_use]
pub fn storage_path(data_dir_value: Option<&OsStr>) -> Option<PathBuf> {
    data_dir(data_dir_value).map(|dir| dir.join("app.ron"))
}

/// Opens the main window; with two paths, straight into their comparison; with three, into
/// the three witnesses. `align` is the
/// alignment tuning the caller read (the binary parses `PARALLAX_ALIGN`).
///
/// # Errors
/// The window could not be created (no display, no OpenGL).
pub fn run(files: Vec<PathBuf>, view: Option<ViewMode>, align: AlignOptions) -> anyhow::Result<()> {
    let persistence_path = storage_path(std::env::var_os(DATA_DIR_VAR).as_deref());
    if let Some(path) = &persistence_path {
        log::info!(
            "{DATA_DIR_VAR}: the app keeps its state in {}",
            path.display()
        );
    }
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title("Parallax")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([640.0, 420.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        persist_window: true,
        persistence_path,
        ..Default::default()
    };
    // The knowledge the app runs on (taxonomy, lexicon, pair model) is checked before anything
    // else: a damaged asset opens a window that says so instead of the app.
    let engine = crate::Engine::with_options(align);
    eframe::run_native(
        "Parallax",
        options,
        Box::new(move |cc| -> Result<Box<dyn eframe::App>, _> {
            match engine {
                Ok(engine) => Ok(Box::new(ParallaxApp::new(cc, engine, files, view))),
                Err(e) => Ok(Box::new(StartupError {
                    message: format!("{e:#}"),
                })),
            }
        }),
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot open the window ({e}); without a display, use `parallax compare A B`"
        )
    })
}

/// The window shown instead of the app when Parallax cannot start (a damaged built-in asset).
struct StartupError {
    message: String,
}

impl eframe::App for StartupError {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Parallax cannot start");
            ui.label(&self.message);
            ui.label("Reinstall Parallax, or rebuild it from an unmodified checkout.");
            if ui.button("Quit").clicked() {
                ui.ctx()
                    .send_viewport_cmd(eframe::egui::ViewportCommand::Close);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eframe_storage_moves_into_the_data_dir_when_one_is_given() {
        assert_eq!(
            storage_path(Some(OsStr::new("/tmp/parallax-test"))),
            Some(PathBuf::from("/tmp/parallax-test/app.ron"))
        );
        assert_eq!(storage_path(Some(OsStr::new(""))), None);
        assert_eq!(storage_path(None), None);
    }
}
