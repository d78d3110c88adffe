//! The command-line front end: arguments are validated into settings, then the library runs.
//! Configuration from the environment (`PARALLAX_ALIGN`, the proxy variables) is read here,
//! never in the library.

mod args;

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use parallax::align::{AlignOptions, FEATURE_NAMES};
use parallax::framing::FramingLexicon;
use parallax::ingest::fetch::{self, FetchOptions};
use parallax::model::Readout;
use parallax::pair_model::PairModel;
use parallax::report;
use parallax::{Engine, ingest, topics::Taxonomy};

pub use args::Args;
use args::{Command, CompareArgs, StartView};

/// Environment variable with alignment tuning, parsed by [`AlignOptions::parse`].
const ALIGN_VAR: &str = "PARALLAX_ALIGN";

/// The alignment options `PARALLAX_ALIGN` asks for, or the defaults when it is unset.
fn align_options() -> Result<AlignOptions> {
    match std::env::var(ALIGN_VAR) {
        Ok(spec) => AlignOptions::parse(&spec).context(ALIGN_VAR),
        Err(std::env::VarError::NotPresent) => Ok(AlignOptions::default()),
        Err(std::env::VarError::NotUnicode(_)) => anyhow::bail!("{ALIGN_VAR} is not valid UTF-8"),
    }
}

/// Runs the parsed command.
///
/// # Errors
/// Any failure, with its cause chain, for a one-line message.
pub fn run(args: Args) -> Result<()> {
    match args.command {
        None => open_app(args.files, args.view),
        Some(Command::Sample { format }) => {
            let engine = Engine::with_options(align_options()?)?;
            let (a, b) = parallax::sample::blinken_lavrov();
            let cmp = engine.compare(a, b)?;
            emit(&report::render(&cmp, format.into()), None)
        }
        Some(Command::Compare(c)) => compare(&c),
        Some(Command::Synth { claims, seed, out }) => {
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let (a, b) = parallax::synth::pair(claims, seed);
            for (name, text) in [("a.txt", a), ("b.txt", b)] {
                let path = out.join(name);
                parallax::fsutil::write_atomic(&path, text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(())
        }
    }
}

#[cfg(feature = "gui")]
fn open_app(files: Vec<PathBuf>, view: Option<StartView>) -> Result<()> {
    let view = view.map(|v| match v {
        StartView::Topics => parallax::gui::ViewMode::Topics,
        StartView::Document => parallax::gui::ViewMode::Document,
    });
    parallax::gui::run(files, view, align_options()?)
}

#[cfg(not(feature = "gui"))]
fn open_app(files: Vec<PathBuf>, view: Option<StartView>) -> Result<()> {
    let _ = (files, view);
    anyhow::bail!(
        "this build has no desktop app (built without the `gui` feature); use `parallax compare A B`"
    )
}

fn compare(c: &CompareArgs) -> Result<()> {
    let session = !is_link(&c.a) && parallax::session::is_session_file(&c.a);
    // The engine's assets load while both readouts are read (decoded, hashed).
    let (engine, readouts) = rayon::join(
        || engine_for(c, session),
        || (!session).then(|| read_pair(c)),
    );
    let engine = engine?;
    let Some(readouts) = readouts else {
        return compare_session(c, &engine);
    };
    let (mut a, mut b) = readouts?;
    let encoding = encoding_of(c)?;
    if let Some(label) = &c.label_a {
        a.label.clone_from(label);
    }
    if let Some(label) = &c.label_b {
        b.label.clone_from(label);
    }
    if let Some(c_path) = &c.c {
        let mut third = read_readout(c_path, encoding)?;
        if let Some(label) = &c.label_c {
            third.label.clone_from(label);
        }
        let witnesses = engine.compare_three(a, b, third)?;
        let text =
            report::witnesses::render(&witnesses, c.format.into()).map_err(anyhow::Error::msg)?;
        return emit(&text, c.output.as_deref());
    }
    let started = std::time::Instant::now();
    let cmp = engine.compare(a, b)?;
    let format: report::Format = c.format.into();
    if format == report::Format::Json {
        // Written as it is made: on long readouts the JSON is tens of megabytes.
        let written = emit_with(c.output.as_deref(), |out| report::json::write(&cmp, out));
        log::debug!(
            "compared and written in {:.3} s",
            started.elapsed().as_secs_f64()
        );
        // The process ends here: freeing a long comparison's million allocations one by one
        // (about 6 ms on the shared 5,000 workload) would only delay the exit.
        std::mem::forget(cmp);
        return written;
    }
    let text = report::render(&cmp, format);
    log::debug!(
        "compared and rendered in {:.3} s",
        started.elapsed().as_secs_f64()
    );
    emit(&text, c.output.as_deref())
}

/// The engine `compare` runs: the built-in one with the model, framing lexicon and (except for
/// a session, which reads its own) taxonomy the arguments name.
fn engine_for(c: &CompareArgs, session: bool) -> Result<Engine> {
    let align = align_options()?;
    // A researcher's model replaces the built-in one, which is then never read.
    let mut engine = match &c.model {
        Some(path) => {
            Engine::with_options_and_model(align, PairModel::from_path(path, FEATURE_NAMES)?)?
        }
        None => Engine::with_options(align)?,
    };
    engine.translation = c.translation;
    if let Some(path) = &c.framing {
        engine = engine.with_framing(FramingLexicon::from_path(path)?);
    }
    if !session && let Some(path) = &c.topics {
        engine = engine.with_taxonomy(Taxonomy::from_path(path)?);
    }
    Ok(engine)
}

/// The encoding `--encoding` forces, if any.
fn encoding_of(c: &CompareArgs) -> Result<ingest::ForcedEncoding> {
    Ok(c.encoding
        .as_deref()
        .map(ingest::encoding_for_label)
        .transpose()?)
}

/// Both readouts of a comparison, read at once; a's error is the one reported first.
fn read_pair(c: &CompareArgs) -> Result<(Readout, Readout)> {
    let Some(b_path) = &c.b else {
        anyhow::bail!(
            "give two readouts (side a, then side b), or one .parallax session saved by the app"
        );
    };
    let encoding = encoding_of(c)?;
    let (a, b) = rayon::join(
        || read_readout(&c.a, encoding),
        || read_readout(b_path, encoding),
    );
    Ok((a?, b?))
}

/// Whether a readout argument is a link rather than a path.
fn is_link(arg: &Path) -> bool {
    arg.to_str().is_some_and(fetch::is_link)
}

/// Reads a readout file, or downloads the readout when the argument is a link (through the
/// proxy that `ALL_PROXY`, `HTTPS_PROXY` or `HTTP_PROXY` names, if any).
fn read_readout(arg: &Path, encoding: ingest::ForcedEncoding) -> Result<Readout> {
    let Some(url) = arg.to_str().filter(|text| fetch::is_link(text)) else {
        return Ok(ingest::read_path_with(arg, encoding)?);
    };
    let options = FetchOptions {
        proxy: fetch::proxy_from(|name| std::env::var(name).ok()),
        ..FetchOptions::default()
    };
    Ok(fetch::read_url(url, &options, encoding, &mut |_| {
        ControlFlow::Continue(())
    })?)
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
    let mut session = parallax::session::Session::read(&c.a)?;
    if let Some(path) = &c.topics {
        if let Err(error @ parallax::Error::NotRegularFile { .. }) =
            ingest::regular_file_metadata(path)
        {
            return Err(error.into());
        }
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
    if let Some(changed) = &opened.model_changed {
        eprintln!("warning: {} was {changed}", c.a.display());
    }
    emit(
        &report::render(&opened.curated.comparison, c.format.into()),
        c.output.as_deref(),
    )
}

/// Writes output to a file atomically, or to stdout (a closed pipe is not an error).
fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    emit_with(path, |out| out.write_all(text.as_bytes()))
}

/// [`emit`] of what `write` writes as it goes.
fn emit_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    if let Some(path) = path {
        return parallax::fsutil::write_atomic_with(path, |file| write(file))
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
