//! The command-line front end: arguments are validated into settings, then the library runs.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};

use crate::align::FEATURE_NAMES;
use crate::pair_model::PairModel;
use crate::report::{self, Format};
use crate::{Engine, ingest, topics::Taxonomy};

/// Parallax: compare two official readouts of the same diplomatic call, aligned by topic.
///
/// With no command, the desktop app opens (on files A and B when given).
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// What to do; with none, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Readouts to open in the app: side a, then side b; or one `.parallax` session.
    #[arg(num_args = 0..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The app's view to start in (default: the one used last).
    #[arg(long, value_enum)]
    pub view: Option<StartView>,
}

/// The app's views, for `--view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StartView {
    /// Claims grouped by topic, the two sides in two columns.
    Topics,
    /// Each readout as written, side by side.
    Document,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two readouts (or render a saved `.parallax` session) and write the comparison.
    Compare(CompareArgs),
    /// Compare the bundled sample (Blinken–Lavrov call, 29 July 2022) and print it.
    Sample {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Write a large generated readout pair (for benchmarks).
    #[command(hide = true)]
    Synth {
        /// Claims per side.
        #[arg(long, default_value_t = 1000)]
        claims: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write `a.txt` and `b.txt` into.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Arguments of `parallax compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Readout of side a (left; usually the US), or a `.parallax` session saved by the app.
    pub a: PathBuf,
    /// Readout of side b (right); not given with a session.
    pub b: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Label of side a (default: the party named in the text, else the file name).
    #[arg(long)]
    pub label_a: Option<String>,
    /// Label of side b.
    #[arg(long)]
    pub label_b: Option<String>,
    /// Topic taxonomy to use instead of the built-in one (TOML, as assets/topics.toml).
    #[arg(long)]
    pub topics: Option<PathBuf>,
    /// Read both files in this encoding (utf-8, utf-16le, windows-1251, koi8-r, windows-1252 …)
    /// instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Pair-scoring model to use instead of the built-in one (JSON written by
    /// `cargo run --release --example train`).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// Runs the parsed command.
///
/// # Errors
/// Any failure, with its cause chain, for a one-line message.
pub fn run(args: Args) -> Result<()> {
    match args.command {
        None => open_app(args.files, args.view),
        Some(Command::Sample { format }) => {
            let engine = Engine::builtin()?;
            let (a, b) = crate::sample::blinken_lavrov();
            let cmp = engine.compare(a, b)?;
            emit(&report::render(&cmp, format), None)
        }
        Some(Command::Compare(c)) => compare(&c),
        Some(Command::Synth { claims, seed, out }) => {
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let (a, b) = crate::synth::pair(claims, seed);
            for (name, text) in [("a.txt", a), ("b.txt", b)] {
                let path = out.join(name);
                crate::fsutil::write_atomic(&path, text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(())
        }
    }
}

#[cfg(feature = "gui")]
fn open_app(files: Vec<PathBuf>, view: Option<StartView>) -> Result<()> {
    let view = view.map(|v| match v {
        StartView::Topics => crate::gui::ViewMode::Topics,
        StartView::Document => crate::gui::ViewMode::Document,
    });
    crate::gui::run(files, view)
}

#[cfg(not(feature = "gui"))]
fn open_app(files: Vec<PathBuf>, view: Option<StartView>) -> Result<()> {
    let _ = (files, view);
    anyhow::bail!(
        "this build has no desktop app (built without the `gui` feature); use `parallax compare A B`"
    )
}

fn compare(c: &CompareArgs) -> Result<()> {
    let mut engine = Engine::builtin()?;
    if let Some(path) = &c.model {
        engine = engine.with_model(PairModel::from_path(path, FEATURE_NAMES)?);
    }
    if crate::session::is_session_path(&c.a) {
        return compare_session(c, &engine);
    }
    if let Some(path) = &c.topics {
        engine = engine.with_taxonomy(Taxonomy::from_path(path)?);
    }
    let Some(b_path) = &c.b else {
        anyhow::bail!(
            "give two readouts (side a, then side b), or one .parallax session saved by the app"
        );
    };
    let encoding = c
        .encoding
        .as_deref()
        .map(ingest::encoding_for_label)
        .transpose()?;
    let mut a = ingest::read_path_with(&c.a, encoding)?;
    let mut b = ingest::read_path_with(b_path, encoding)?;
    if let Some(label) = &c.label_a {
        a.label.clone_from(label);
    }
    if let Some(label) = &c.label_b {
        b.label.clone_from(label);
    }
    let cmp = engine.compare(a, b)?;
    emit(&report::render(&cmp, c.format), c.output.as_deref())
}

/// Renders a saved session: its readouts, recomputed, with the analyst's decisions laid over.
fn compare_session(c: &CompareArgs, engine: &Engine) -> Result<()> {
    if let Some(b) = &c.b {
        anyhow::bail!(
            "{} is a session, which holds both readouts; give it alone (not with {})",
            c.a.display(),
            b.display()
        );
    }
    if c.encoding.is_some() {
        anyhow::bail!("--encoding does not apply to a session: it holds decoded text");
    }
    let mut session = crate::session::Session::read(&c.a)?;
    if let Some(path) = &c.topics {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        session.options.taxonomy = Some(text);
    }
    for (label, readout) in [&c.label_a, &c.label_b]
        .into_iter()
        .zip(session.readouts.iter_mut())
    {
        if let Some(label) = label {
            readout.label.clone_from(label);
        }
    }
    let opened = session.open(engine)?;
    if !opened.curated.stale.is_empty() {
        eprintln!(
            "warning: {} manual decision(s) no longer find their claims and were not applied: {}",
            opened.curated.stale.len(),
            opened.curated.stale.join("; ")
        );
    }
    emit(
        &report::render(&opened.curated.comparison, c.format),
        c.output.as_deref(),
    )
}

/// Writes output to a file atomically, or to stdout (a closed pipe is not an error).
fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    if let Some(path) = path {
        return crate::fsutil::write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
