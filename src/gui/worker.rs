//! Loading and comparing off the UI thread: one job at a time, its result sent back on a channel.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::model::{Comparison, Readout};
use crate::session::{Opened, Session};
use crate::{Engine, ingest};

/// What a side's readout comes from.
#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "two per job, moved once to the worker: boxing the readout would save nothing"
)]
pub enum Input {
    /// A file to read, in an encoding (`None` detects it).
    Path(PathBuf, ingest::ForcedEncoding),
    /// Text from the clipboard or typed in, with a name for it.
    Text {
        /// Shown as the source ("pasted text").
        name: String,
        /// The readout.
        text: String,
    },
    /// A readout already read.
    Loaded(Readout),
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

/// A running job.
#[derive(Debug)]
pub struct Job {
    rx: Receiver<Outcome>,
    /// When it started, for the spinner's elapsed time.
    pub started: Instant,
}

impl Job {
    /// Reads both inputs and compares them on a worker thread; wakes the UI when done.
    pub fn spawn(engine: Arc<Engine>, inputs: [Option<Input>; 2], ctx: &egui::Context) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let outcome = run(&engine, inputs);
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
        Job {
            rx,
            started: Instant::now(),
        }
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
            started: Instant::now(),
        }
    }

    /// The outcome, once the job has finished.
    pub fn poll(&self) -> Option<Outcome> {
        self.rx.try_recv().ok()
    }
}

fn run(engine: &Engine, inputs: [Option<Input>; 2]) -> Outcome {
    let started = Instant::now();
    let mut readouts: [Option<Readout>; 2] = [None, None];
    let mut failure = None;
    for (slot, input) in readouts.iter_mut().zip(inputs) {
        let read = match input {
            None => continue,
            Some(Input::Loaded(r)) => Ok(r),
            Some(Input::Path(path, encoding)) => {
                ingest::read_path_with(&path, encoding).map_err(|e| (path.display().to_string(), e))
            }
            Some(Input::Text { name, text }) => {
                ingest::read_bytes(text.as_bytes(), &name).map_err(|e| (name, e))
            }
        };
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
