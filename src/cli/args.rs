//! The command line's arguments (clap): parsed here, validated and run by [`super::run`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use parallax::report;

/// Parallax: compare two official readouts of the same diplomatic call, aligned by topic.
///
/// With no command, the desktop app opens (on files or links A and B, or A, B and C, when given).
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Args {
    /// What to do; with none, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Readouts to open in the app, files or http(s) links: side a, then side b (a third opens
    /// the three as three witnesses); or one `.parallax` session.
    #[arg(num_args = 0..=3, value_name = "FILE|URL")]
    pub files: Vec<PathBuf>,
    /// The app's view to start in (default: the one used last).
    #[arg(long, value_enum)]
    pub view: Option<StartView>,
}

/// The app's views, for `--view`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StartView {
    /// Claims grouped by topic, the two sides in two columns.
    Topics,
    /// Each readout as written, side by side.
    Document,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two readouts (three: every pair of them), or render a saved `.parallax` session,
    /// and write the comparison.
    Compare(Box<CompareArgs>),
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
    /// Readout of side a (left; usually the US), a file or an http(s) link; or a `.parallax`
    /// session saved by the app.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// Readout of side b (right), a file or an http(s) link; not given with a session.
    #[arg(value_name = "B")]
    pub b: Option<PathBuf>,
    /// A third witness (c), a file or an http(s) link: every pair of the three is compared,
    /// e.g. the US readout, the Russian original and the Ministry's English version.
    #[arg(value_name = "C")]
    pub c: Option<PathBuf>,
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
    /// Name for side c (three witnesses).
    #[arg(long)]
    pub label_c: Option<String>,
    /// Topic taxonomy to use instead of the built-in one (TOML, as assets/topics.toml).
    #[arg(long)]
    pub topics: Option<PathBuf>,
    /// Framing lexicon to use instead of the built-in one (TOML, as assets/framing.toml).
    #[arg(long, value_name = "FILE")]
    pub framing: Option<PathBuf>,
    /// Read both readouts in this encoding (utf-8, utf-16le, windows-1251, koi8-r, windows-1252 …)
    /// instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Pair-scoring model to use instead of the built-in one (JSON written by
    /// `cargo run --release --example train`).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Align the two readouts as an original and its translation, sentence by sentence, and
    /// list what the version drops, adds, merges or splits (done anyway when the two are in
    /// different languages and read as versions of one readout).
    #[arg(long)]
    pub translation: bool,
}

/// An output format on the command line; the library's is [`report::Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The JSON contract of DESIGN.md.
    Json,
    /// GitHub-flavoured Markdown.
    #[value(alias = "markdown")]
    Md,
    /// A self-contained HTML page.
    Html,
    /// One row per claim.
    Csv,
}

impl From<Format> for report::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Json => report::Format::Json,
            Format::Md => report::Format::Md,
            Format::Html => report::Format::Html,
            Format::Csv => report::Format::Csv,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_maps_to_the_report_format_of_the_same_name() {
        for format in Format::value_variants() {
            let name = format.to_possible_value().unwrap().get_name().to_string();
            let mapped = report::Format::from(*format);
            assert_eq!(mapped.extension(), name, "{format:?} → {mapped:?}");
        }
    }

    #[test]
    fn markdown_is_an_alias_of_md() {
        let args = Args::try_parse_from(["parallax", "sample", "--format", "markdown"]).unwrap();
        assert!(matches!(
            args.command,
            Some(Command::Sample { format: Format::Md })
        ));
    }
}
