//! User intents collected while drawing, applied in one place (`ParallaxApp::apply`).

use std::path::PathBuf;

use crate::model::Side;
use crate::report::Format;

use super::state::{Filter, ViewMode};

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load a file into a side (and recompute).
    OpenReadout(Side, PathBuf),
    /// Use text (pasted or typed) as a side's readout.
    UseText(Side, String, String),
    /// Show the native open dialog for a side.
    BrowseReadout(Side),
    /// Show the native open dialog for both sides (first file left, second right).
    BrowseBoth,
    /// Open both readouts of a recent comparison.
    OpenPair(PathBuf, PathBuf),
    /// Open the bundled Blinken–Lavrov sample.
    OpenSample,
    /// Read the clipboard into a side.
    PasteFromClipboard(Side),
    /// Select a claim (and scroll the views to it).
    Select(Side, usize),
    /// Clear the selection.
    ClearSelection,
    /// Select the next (`true`) or previous one-sided claim.
    NextOneSided(bool),
    /// Scroll to a topic.
    JumpToTopic(String),
    /// Switch between topic and document view.
    SetView(ViewMode),
    /// Change the filter.
    SetFilter(Filter),
    /// Open the export window.
    ShowExport,
    /// Write a report.
    Export(Format, PathBuf),
    /// Show the native save dialog for a format.
    BrowseExport(Format),
    /// Toggle light/dark theme.
    ToggleTheme,
    /// Show or hide the help window.
    ToggleHelp,
    /// Focus the search box.
    FocusSearch,
    /// Dismiss the message banner.
    DismissBanner,
    /// Go back to the start screen.
    CloseComparison,
}
