//! Parallax compares two official readouts of the same diplomatic call: it splits each into
//! claims, gives each claim a topic, links the claims of the two sides that give an account of the
//! same point, and marks the rest as one-sided.
//!
//! The pipeline is `ingest → segment → topics → align → diff → report`; [`Engine::compare`] runs
//! it and returns one immutable [`Comparison`] that every report (and the app) only reads.
//!
//! ```
//! use parallax::{Engine, ingest};
//!
//! let engine = Engine::builtin()?;
//! let a = ingest::read_bytes(
//!     "Secretary Blinken spoke with Foreign Minister Lavrov. He urged Russia to release \
//!      the detained Americans.\n\nHe warned of additional costs if Russia annexes Ukrainian \
//!      territory."
//!         .as_bytes(),
//!     "us.txt",
//! )?;
//! let b = ingest::read_bytes(
//!     "Sergey Lavrov had a telephone conversation with Antony Blinken. On the detained \
//!      Americans, Lavrov urged quiet diplomacy."
//!         .as_bytes(),
//!     "ru.txt",
//! )?;
//! let cmp = engine.compare(a, b)?;
//! assert_eq!(cmp.sides[0].readout.label, "United States");
//! assert_eq!(cmp.sides[1].readout.label, "Russia");
//! assert!(cmp.matches.iter().any(|m| m.a == 1 && m.b == 1)); // the detained Americans
//! assert!(cmp.is_one_sided(parallax::model::Side::A, 2)); // the warning
//! let json = parallax::report::json::render(&cmp);
//! assert!(json.contains("\"format\": \"parallax-comparison\""));
//! # Ok::<(), parallax::Error>(())
//! ```
//!
//! The library reads no environment and prints nothing: the binary (`src/main.rs`, `src/cli/`)
//! and the app's `gui::run` take configuration at the edge; diagnostics go through `log`, which
//! the binary shows on stderr.

#![warn(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the library reports through return values and `log`; only the binary prints"
)]
#![warn(missing_docs)]
pub mod align;
pub mod anchors;
pub mod curation;
pub mod diff;
pub mod embed;
pub mod error;
pub mod framing;
pub mod fsutil;
#[cfg(feature = "gui")]
pub mod gui;
pub mod ingest;
pub mod initiative;
pub mod language;
pub mod lexicon;
pub mod metadata;
pub mod model;
pub mod pair_model;
pub mod palette;
pub mod party;
pub mod pipeline;
pub mod report;
pub mod roles;
pub mod rows;
pub mod sample;
pub mod segment;
pub mod session;
pub mod synth;
pub mod topics;
pub mod translation;
pub mod translit;
pub mod witness_rows;
pub mod witnesses;

pub use error::{Error, Result};
pub use model::Comparison;
pub use pipeline::Engine;
