//! The close/save/open-other-work state machine: what waits for the answer to "save your
//! changes?", and what goes on once the work is saved. Pure data, so its transitions are tested
//! without a window.

use std::path::PathBuf;

/// Something that replaces or ends the work, and so may first ask to save it.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Closing the window.
    Close,
    /// Opening another session.
    OpenSession(PathBuf),
    /// Opening two other readouts (a new comparison); none means the bundled sample.
    NewComparison(Vec<PathBuf>),
    /// Opening the canonical sample with the Russian Foreign Ministry's account in Russian.
    RussianSample,
    /// Opening three witnesses.
    Three(ThreeSource),
}

/// Where three witnesses come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ThreeSource {
    /// The canonical call as three witnesses.
    Sample,
    /// Three files or links.
    Files(Vec<PathBuf>),
    /// The two readouts on screen and a third file or link.
    Third(PathBuf),
}

/// Where the app is in replacing or ending the work.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Flow {
    /// Nothing waits.
    #[default]
    Idle,
    /// The "save your changes?" question is shown; the pending step waits for the answer.
    Asking(Pending),
    /// The analyst chose to save first and is choosing where; the pending step goes on once
    /// the work is saved, and is dropped if the save window closes without saving.
    SavingFirst(Pending),
    /// Closing was approved (saved or discarded): the window may close.
    Closing,
}

impl Flow {
    /// The analyst asks for `want`. Returns it when it may go ahead now; with unsaved work it
    /// waits for the answer to "save your changes?" instead.
    pub fn request(&mut self, want: Pending, dirty: bool) -> Option<Pending> {
        if dirty && *self != Flow::Closing {
            *self = Flow::Asking(want);
            None
        } else {
            Some(want)
        }
    }

    /// The question shown, if one is.
    #[must_use]
    pub fn question(&self) -> Option<&Pending> {
        match self {
            Flow::Asking(pending) => Some(pending),
            _ => None,
        }
    }

    /// "Don't save": what waited goes ahead, the work is dropped.
    pub fn discard(&mut self) -> Option<Pending> {
        match std::mem::take(self) {
            Flow::Asking(pending) => Some(pending),
            other => {
                *self = other;
                None
            }
        }
    }

    /// "Save": returns what waited; the caller saves, then calls [`Flow::saved`] — or, when the
    /// work has no file yet, [`Flow::choose_where`].
    pub fn save_first(&mut self) -> Option<Pending> {
        match std::mem::take(self) {
            Flow::Asking(pending) => Some(pending),
            other => {
                *self = other;
                None
            }
        }
    }

    /// Where to save is asked first; `pending` goes on once saved.
    pub fn choose_where(&mut self, pending: Pending) {
        *self = Flow::SavingFirst(pending);
    }

    /// The work was saved (and is clean when `clean`): what waited for the save goes ahead.
    pub fn saved(&mut self, clean: bool) -> Option<Pending> {
        match std::mem::take(self) {
            Flow::SavingFirst(pending) if clean => Some(pending),
            other => {
                *self = other;
                None
            }
        }
    }

    /// The save window closed without saving: nothing waits for a save any more.
    pub fn save_window_closed(&mut self) {
        if matches!(self, Flow::SavingFirst(_)) {
            *self = Flow::Idle;
        }
    }

    /// "Cancel": nothing happens.
    pub fn cancel(&mut self) {
        if matches!(self, Flow::Asking(_) | Flow::SavingFirst(_)) {
            *self = Flow::Idle;
        }
    }

    /// Closing goes ahead: later close requests are not questioned.
    pub fn close(&mut self) {
        *self = Flow::Closing;
    }

    /// Whether the window may close without asking.
    #[must_use]
    pub fn may_close(&self) -> bool {
        *self == Flow::Closing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(name: &str) -> Pending {
        Pending::OpenSession(PathBuf::from(name))
    }

    #[test]
    fn clean_work_goes_ahead_without_asking() {
        let mut flow = Flow::Idle;
        assert_eq!(flow.request(open("x"), false), Some(open("x")));
        assert_eq!(flow, Flow::Idle);
    }

    #[test]
    fn unsaved_work_asks_and_discard_goes_ahead() {
        let mut flow = Flow::Idle;
        assert_eq!(flow.request(open("x"), true), None);
        assert_eq!(flow.question(), Some(&open("x")));
        assert_eq!(flow.discard(), Some(open("x")));
        assert_eq!(flow, Flow::Idle);
        assert_eq!(flow.discard(), None, "nothing waits twice");
    }

    #[test]
    fn cancel_drops_what_waited() {
        let mut flow = Flow::Idle;
        flow.request(Pending::Close, true);
        flow.cancel();
        assert_eq!(flow, Flow::Idle);
        assert_eq!(flow.question(), None);
    }

    #[test]
    fn save_first_without_a_file_goes_on_only_once_saved_clean() {
        let mut flow = Flow::Idle;
        flow.request(Pending::NewComparison(Vec::new()), true);
        let pending = flow.save_first().unwrap();
        flow.choose_where(pending);
        assert_eq!(flow.question(), None, "the question is answered");
        assert_eq!(flow.saved(false), None, "a failed save goes nowhere");
        assert_eq!(flow.saved(true), Some(Pending::NewComparison(Vec::new())));
        assert_eq!(flow, Flow::Idle);
    }

    #[test]
    fn closing_the_save_window_drops_what_waited_for_it() {
        let mut flow = Flow::SavingFirst(Pending::Close);
        flow.save_window_closed();
        assert_eq!(flow, Flow::Idle);
        assert_eq!(flow.saved(true), None);
    }

    #[test]
    fn an_approved_close_is_not_questioned_again() {
        let mut flow = Flow::Idle;
        flow.request(Pending::Close, true);
        assert_eq!(flow.discard(), Some(Pending::Close));
        flow.close();
        assert!(flow.may_close());
        assert_eq!(flow.request(Pending::Close, true), Some(Pending::Close));
    }

    #[test]
    fn three_witnesses_over_unsaved_work_ask_first() {
        let mut flow = Flow::Idle;
        let three = Pending::Three(ThreeSource::Third(PathBuf::from("c.txt")));
        assert_eq!(flow.request(three.clone(), true), None);
        assert_eq!(flow.question(), Some(&three));
        assert_eq!(flow.discard(), Some(three));
    }

    #[test]
    fn a_new_request_replaces_an_unanswered_question() {
        let mut flow = Flow::Idle;
        flow.request(open("x"), true);
        flow.request(open("y"), true);
        assert_eq!(flow.discard(), Some(open("y")));
    }
}
