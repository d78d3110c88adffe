//! User intents collected while drawing, applied in one place (`ParallaxApp::apply`). Claims
//! are named by [`ClaimId`], topics by [`TopicId`].

use std::path::PathBuf;

use crate::curation::{Action, NoteOn};
use crate::model::{ClaimId, Side, TopicId};
use crate::report::Format;

use super::state::{Filter, ViewMode};

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load a file into a side (and recompute).
    OpenReadout(Side, PathBuf),
    /// Download a readout from its link (http or https) into a side (and recompute).
    OpenLink(Side, String),
    /// Stop the running load or download; what is on screen stays.
    CancelJob,
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
    /// Open the canonical sample with the Russian Foreign Ministry's account in Russian.
    OpenRussianSample,
    /// Open the canonical call as three witnesses (the US readout, the Foreign Ministry's Russian
    /// original and its English version).
    OpenThreeSample,
    /// Open three readouts as three witnesses (command line, three files dropped or chosen).
    OpenThree(Vec<PathBuf>),
    /// Show the native open dialog for a third readout of the comparison on screen.
    BrowseThird,
    /// Compare the two readouts on screen with a third, as three witnesses.
    AddThird(PathBuf),
    /// Three witnesses: select claim `.1` of witness `.0` (0 = a, 1 = b, 2 = c).
    SelectWitness(usize, usize),
    /// Three witnesses: select claim `.1` of witness `.0` and scroll the topic view to its row.
    RevealWitness(usize, usize),
    /// Three witnesses: open two of them (by number) as the ordinary two-sided comparison,
    /// where editing, notes and sessions work.
    OpenWitnessPair(usize, usize),
    /// Read the clipboard into a side.
    PasteFromClipboard(Side),
    /// Select a claim (and scroll the views to it).
    Select(ClaimId),
    /// Select a claim and bring it into view wherever it is (from the navigator's framing
    /// section).
    Reveal(ClaimId),
    /// Esc: close the topmost window (help, export, save as, the "save changes?" question), or
    /// go back from the side cards to the comparison, or leave link mode, or clear the selection.
    Escape,
    /// Select the next (`true`) or previous one-sided claim.
    NextOneSided(bool),
    /// Scroll to a topic.
    JumpToTopic(TopicId),
    /// Switch between topic and document view.
    SetView(ViewMode),
    /// Scroll the document view's two texts together, or each alone.
    ToggleScrollTogether,
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
    /// Show the side cards (replace a readout, paste, recent files); shown, go back.
    ToggleSides,
    /// Record an analyst's edit (undoable).
    Edit(Action),
    /// Start linking from a claim: the next claim clicked on the other side is linked to it.
    StartLink(ClaimId),
    /// Leave link mode.
    CancelLink,
    /// Open the note editor on a claim or topic.
    EditNote(NoteOn),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save the session to its file (or ask where, the first time).
    SaveSession,
    /// Show the "Save session as" window.
    ShowSaveSessionAs,
    /// Show the native save dialog for a session.
    BrowseSaveSession,
    /// Save the session to this file.
    SaveSessionAs(PathBuf),
    /// Open a `.parallax` session.
    OpenSession(PathBuf),
    /// Open the unsaved session an earlier run left behind.
    RestoreAutosave,
    /// Delete the unsaved session an earlier run left behind.
    DiscardAutosave,
    /// Answer the "unsaved changes" question: save first.
    ConfirmSave,
    /// Answer the "unsaved changes" question: go on without saving.
    ConfirmDiscard,
    /// Answer the "unsaved changes" question: stay.
    ConfirmCancel,
}
