//! Loading and comparing off the UI thread: one job at a time, its result sent back on a channel.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::ingest::fetch::{self, FetchOptions, Progress};
use crate::model::{Comparison, Readout};
use crate::session::{Opened, Session};
use crate::witnesses::Witnesses;
use crate::{Engine, ingest};

/// What a side's readout comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read, in an encoding (`None` detects it).
    Path(PathBuf, ingest::ForcedEncoding),
    /// A readout's link (http or https) to download, in an encoding (`None` detects it).
    Link(String, ingest::ForcedEncoding),
    /// Text from the clipboard or typed in, with a name for it.
    Text {
        /// Shown as the source ("pasted text").
        name: String,
        /// The readout.
        text: String,
    },
    /// A readout already read.
    Loaded(Box<Readout>),
}

impl Input {
    /// A path given where a readout is expected, or a link given there instead.
    #[must_use]
    pub fn for_path(path: PathBuf, encoding: ingest::ForcedEncoding) -> Input {
        match path.to_str() {
            Some(text) if fetch::is_link(text) => Input::Link(text.trim().to_string(), encoding),
            _ => Input::Path(path, encoding),
        }
    }
}

/// The result of a job.
#[derive(Debug)]
pub enum Outcome {
    /// Both sides read; `comparison` is there when both sides have a readout.
    Done {
        /// The readouts of both sides (`None` where a side is still empty).
        readouts: Box<[Option<Readout>; 2]>,
        /// The comparison, when both sides are present.
        comparison: Option<Box<Comparison>>,
        /// Time to read and compare.
        elapsed: Duration,
    },
    /// Three readouts read and compared pair by pair.
    Three {
        /// The three pairwise comparisons.
        witnesses: Box<Witnesses>,
        /// Time to read and compare.
        elapsed: Duration,
    },
    /// A session opened and recomputed.
    Session {
        /// The session as saved.
        session: Box<Session>,
        /// Its engine, automatic comparison and curated comparison.
        opened: Box<Opened>,
        /// The file it came from.
        path: PathBuf,
        /// Time to read and compare.
        elapsed: Duration,
    },
    /// A readout could not be read or compared; a comparison on screen stays.
    Failed {
        /// The file or source that failed.
        source: String,
        /// Why, in one line.
        message: String,
        /// The sides that were read, so a good file given with a bad one is not lost.
        readouts: Box<[Option<Readout>; 2]>,
    },
}

/// What a job is doing, shared with its thread: what the status bar shows, and whether the user
/// cancelled it.
#[derive(Debug, Default)]
struct Control {
    /// "Downloading https://… 120 KB of 300 KB", or empty while reading files and comparing.
    stage: Mutex<String>,
    /// Set by [`Job::cancel`]; a download checks it between chunks and stops.
    cancelled: AtomicBool,
}

/// A running job.
#[derive(Debug)]
pub struct Job {
    rx: Receiver<Outcome>,
    control: Arc<Control>,
    /// When it started, for the spinner's elapsed time.
    pub started: Instant,
}

impl Job {
    /// Reads both inputs (downloading links with `fetch`'s limits) and compares them on a worker
    /// thread; wakes the UI as a download goes on and when done.
    pub fn spawn(
        engine: Arc<Engine>,
        inputs: [Option<Input>; 2],
        fetch: FetchOptions,
        ctx: &egui::Context,
    ) -> Self {
        Self::on_thread(ctx, move |control, ctx| {
            run(&engine, inputs, &fetch, control, ctx)
        })
    }

    /// Reads three inputs and compares them pair by pair on a worker thread (three witnesses).
    pub fn spawn_three(
        engine: Arc<Engine>,
        inputs: [Input; 3],
        fetch: FetchOptions,
        ctx: &egui::Context,
    ) -> Self {
        Self::on_thread(ctx, move |control, ctx| {
            run_three(&engine, inputs, &fetch, control, ctx)
        })
    }

    /// Runs `work` on a thread, sends its outcome back and wakes the UI.
    fn on_thread(
        ctx: &egui::Context,
        work: impl FnOnce(&Control, &egui::Context) -> Outcome + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let control = Arc::new(Control::default());
        let job_control = Arc::clone(&control);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let outcome = work(&job_control, &ctx);
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
        Job {
            rx,
            control,
            started: Instant::now(),
        }
    }

    /// Asks the job to stop: a download stops at its next chunk, and the outcome is dropped.
    pub fn cancel(&self) {
        self.control.cancelled.store(true, Ordering::SeqCst);
    }

    /// What the job is doing now, in words ("Downloading …"), or `None` when it only reads
    /// files and compares.
    #[must_use]
    pub fn stage(&self) -> Option<String> {
        let stage = self.control.stage.lock().ok()?;
        (!stage.is_empty()).then(|| stage.clone())
    }

    /// Reads a session and recomputes its comparison on a worker thread.
    pub fn spawn_session(engine: Arc<Engine>, path: PathBuf, ctx: &egui::Context) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let outcome = match Session::read(&path).and_then(|s| {
                let opened = s.open(&engine)?;
                Ok((s, opened))
            }) {
                Ok((session, opened)) => Outcome::Session {
                    session: Box::new(session),
                    opened: Box::new(opened),
                    path,
                    elapsed: started.elapsed(),
                },
                Err(e) => Outcome::Failed {
                    source: path.display().to_string(),
                    message: e.chain(),
                    readouts: Box::new([None, None]),
                },
            };
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
        Job {
            rx,
            control: Arc::default(),
            started: Instant::now(),
        }
    }

    /// The outcome, once the job has finished.
    pub fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            // The thread ended without an outcome: it panicked, which is a bug. Say so rather
            // than wait for ever.
            Err(TryRecvError::Disconnected) => Some(Outcome::Failed {
                source: "comparison".to_string(),
                message: "the work stopped unexpectedly (a bug in Parallax; please report it)"
                    .to_string(),
                readouts: Box::new([None, None]),
            }),
        }
    }
}

fn run(
    engine: &Engine,
    inputs: [Option<Input>; 2],
    fetch: &FetchOptions,
    control: &Control,
    ctx: &egui::Context,
) -> Outcome {
    let started = Instant::now();
    let mut readouts: [Option<Readout>; 2] = [None, None];
    let mut failure = None;
    for (slot, input) in readouts.iter_mut().zip(inputs) {
        let Some(input) = input else { continue };
        let read = read_input(input, fetch, control, ctx);
        match read {
            Ok(r) => *slot = Some(r),
            Err((source, e)) => failure = failure.or(Some((source, e.chain()))),
        }
    }
    if let Some((source, message)) = failure {
        return Outcome::Failed {
            source,
            message,
            readouts: Box::new(readouts),
        };
    }
    let comparison = match &readouts {
        [Some(a), Some(b)] => match engine.compare(a.clone(), b.clone()) {
            Ok(cmp) => Some(Box::new(cmp)),
            Err(e) => {
                return Outcome::Failed {
                    source: "comparison".to_string(),
                    message: e.chain(),
                    readouts: Box::new(readouts),
                };
            }
        },
        _ => None,
    };
    Outcome::Done {
        readouts: Box::new(readouts),
        comparison,
        elapsed: started.elapsed(),
    }
}

/// Reads one input: a file, a link (downloaded), text, or a readout already read.
fn read_input(
    input: Input,
    fetch: &FetchOptions,
    control: &Control,
    ctx: &egui::Context,
) -> Result<Readout, (String, crate::Error)> {
    match input {
        Input::Loaded(r) => Ok(*r),
        Input::Path(path, encoding) => {
            ingest::read_path_with(&path, encoding).map_err(|e| (path.display().to_string(), e))
        }
        Input::Link(url, encoding) => {
            download(&url, encoding, fetch, control, ctx).map_err(|e| (url, e))
        }
        Input::Text { name, text } => {
            ingest::read_bytes(text.as_bytes(), &name).map_err(|e| (name, e))
        }
    }
}

/// Reads three inputs and compares every pair of them.
fn run_three(
    engine: &Engine,
    inputs: [Input; 3],
    fetch: &FetchOptions,
    control: &Control,
    ctx: &egui::Context,
) -> Outcome {
    let started = Instant::now();
    let mut read = Vec::with_capacity(3);
    for input in inputs {
        match read_input(input, fetch, control, ctx) {
            Ok(r) => read.push(r),
            Err((source, e)) => {
                return Outcome::Failed {
                    source,
                    message: e.chain(),
                    readouts: Box::new([None, None]),
                };
            }
        }
    }
    let mut read = read.into_iter();
    let (Some(a), Some(b), Some(c)) = (read.next(), read.next(), read.next()) else {
        return Outcome::Failed {
            source: "three witnesses".to_string(),
            message: "three readouts are needed".to_string(),
            readouts: Box::new([None, None]),
        };
    };
    match engine.compare_three(a, b, c) {
        Ok(w) => Outcome::Three {
            witnesses: Box::new(w),
            elapsed: started.elapsed(),
        },
        Err(e) => Outcome::Failed {
            source: "comparison".to_string(),
            message: e.chain(),
            readouts: Box::new([None, None]),
        },
    }
}

/// Downloads and reads a link, showing its progress in the job's stage and stopping when the
/// job is cancelled.
fn download(
    url: &str,
    encoding: ingest::ForcedEncoding,
    fetch: &FetchOptions,
    control: &Control,
    ctx: &egui::Context,
) -> crate::Result<Readout> {
    let mut report = |progress: Progress| {
        if let Ok(mut stage) = control.stage.lock() {
            *stage = download_stage(url, progress);
        }
        ctx.request_repaint();
        if control.cancelled.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let read = fetch::read_url(url, fetch, encoding, &mut report);
    if let Ok(mut stage) = control.stage.lock() {
        stage.clear();
    }
    read
}

/// "Downloading https://… (120 KB of 300 KB)".
fn download_stage(url: &str, progress: Progress) -> String {
    let kb = |bytes: u64| bytes.div_ceil(1024);
    match (progress.received, progress.total) {
        (0, _) => format!("Downloading {url}…"),
        (received, Some(total)) => {
            format!("Downloading {url}… {} KB of {} KB", kb(received), kb(total))
        }
        (received, None) => format!("Downloading {url}… {} KB", kb(received)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_given_as_a_path_is_fetched_and_a_path_is_read() {
        assert!(matches!(
            Input::for_path(PathBuf::from("https://www.state.gov/readout/"), None),
            Input::Link(url, None) if url == "https://www.state.gov/readout/"
        ));
        assert!(matches!(
            Input::for_path(PathBuf::from("samples/us.txt"), None),
            Input::Path(..)
        ));
    }

    #[test]
    fn the_download_stage_counts_kilobytes() {
        let stage = |received, total| download_stage("http://x/a", Progress { received, total });
        assert_eq!(stage(0, None), "Downloading http://x/a…");
        assert_eq!(
            stage(1500, Some(4096)),
            "Downloading http://x/a… 2 KB of 4 KB"
        );
        assert_eq!(stage(1024, None), "Downloading http://x/a… 1 KB");
    }

    #[test]
    fn a_job_whose_thread_panics_reports_a_failure_instead_of_running_for_ever() {
        let ctx = egui::Context::default();
        let job = Job::on_thread(&ctx, |_, _| panic!("a bug"));
        let deadline = Instant::now() + Duration::from_secs(30);
        let outcome = loop {
            if let Some(outcome) = job.poll() {
                break outcome;
            }
            assert!(Instant::now() < deadline, "no outcome");
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(
            matches!(&outcome, Outcome::Failed { message, .. } if message.contains("bug")),
            "the outcome is not a failure that names a bug"
        );
    }
}
