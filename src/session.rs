//! Sessions: both readouts (texts and metadata), the options and the analyst's decisions, saved
//! as one `.parallax` JSON file and opened again into the same curated comparison.
//!
//! The comparison itself is not stored: opening recomputes it from the texts and lays the
//! decisions over it, so a session opened by a newer Parallax gets the newer alignment and keeps
//! every manual decision.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::align::AlignOptions;
use crate::curation::{Curated, Decisions};
use crate::error::{Error, Result};
use crate::model::{Comparison, Readout};
use crate::topics::Taxonomy;
use crate::{Engine, fsutil};

/// Format name written in every session.
pub const FORMAT: &str = "parallax-session";
/// The session version this build writes; it opens this and every older one. Version 2 records
/// the alignment options and the pair model a session was made with.
pub const VERSION: u32 = 2;
/// File extension of sessions.
pub const EXTENSION: &str = "parallax";
/// Largest session file opened: two readouts at the text limit, plus decisions.
pub const MAX_BYTES: u64 = 3 * crate::ingest::MAX_TEXT_BYTES;

/// Options that change the comparison, saved so a session reopens the same.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// A topic taxonomy (TOML, as `assets/topics.toml`) used instead of the built-in one.
    pub taxonomy: Option<String>,
    /// The alignment options the comparison was made with (version 2 on; a version-1 session
    /// gets the defaults, which were the only options then).
    pub align: AlignOptions,
    /// The pair model it was made with ([`PairModel::fingerprint`]); none in version 1.
    ///
    /// [`PairModel::fingerprint`]: crate::pair_model::PairModel::fingerprint
    pub model: Option<String>,
}

impl Options {
    /// Records the alignment options and pair model of `engine`, keeping the taxonomy.
    pub fn made_with(&mut self, engine: &Engine) {
        self.align = engine.align;
        self.model = Some(engine.model().fingerprint());
    }
}

/// A saved session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version it was written in.
    pub version: u32,
    /// The program that wrote it.
    #[serde(default)]
    pub generator: String,
    /// Side `a`'s and side `b`'s readouts, with their labels as shown.
    pub readouts: [Readout; 2],
    /// Options of the comparison.
    #[serde(default)]
    pub options: Options,
    /// The analyst's decisions.
    #[serde(default)]
    pub decisions: Decisions,
}

/// An opened session: the engine it needs, the automatic comparison and the curated one.
#[derive(Debug)]
pub struct Opened {
    /// The engine (with the session's taxonomy).
    pub engine: Engine,
    /// The automatic comparison of the two readouts.
    pub base: Comparison,
    /// The decisions laid over it.
    pub curated: Curated,
    /// Said when the session was made with another pair model than this Parallax has: its
    /// automatic links may differ from those the analyst saw (the decisions still apply).
    pub model_changed: Option<String>,
}

impl Session {
    /// A session of a comparison (its readouts as shown) with the analyst's decisions.
    #[must_use]
    pub fn new(base: &Comparison, options: Options, decisions: Decisions) -> Self {
        Session {
            format: FORMAT.to_string(),
            version: VERSION,
            generator: format!("parallax {}", env!("CARGO_PKG_VERSION")),
            readouts: [base.sides[0].readout.clone(), base.sides[1].readout.clone()],
            options,
            decisions,
        }
    }

    /// The session as pretty JSON with a trailing newline.
    ///
    /// # Errors
    /// A readout or decision cannot be written as JSON (never expected: every field is plain
    /// data; the error is passed on rather than writing an empty file).
    pub fn to_json(&self) -> Result<String> {
        let mut out = serde_json::to_string_pretty(self).map_err(|e| Error::Session {
            source_name: "the session".to_string(),
            reason: format!("cannot be written as JSON: {e}"),
        })?;
        out.push('\n');
        Ok(out)
    }

    /// Writes the session atomically (a temporary file, then a rename): a failed save leaves
    /// any previous file as it was.
    ///
    /// # Errors
    /// The folder is not writable, the disk is full, or the rename fails.
    pub fn write(&self, path: &Path) -> Result<()> {
        fsutil::write_atomic(path, self.to_json()?.as_bytes()).map_err(Error::from_io(path))
    }

    /// Reads a session file.
    ///
    /// # Errors
    /// Missing, unreadable, too large, not a session, damaged, truncated, or saved by a newer
    /// Parallax.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = crate::ingest::read_file(path, MAX_BYTES)?;
        Self::from_json(&bytes, &path.display().to_string())
    }

    /// Parses a session from its bytes; `name` is used in messages.
    ///
    /// # Errors
    /// Not a session, damaged, truncated, or saved by a newer Parallax.
    pub fn from_json(bytes: &[u8], name: &str) -> Result<Self> {
        let fail = |reason: String| Error::Session {
            source_name: name.to_string(),
            reason,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(fail(
                "empty: the file holds no session (0 bytes of JSON)".to_string(),
            ));
        }
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            fail(if e.is_eof() {
                "the session file is truncated (it ends early); it was not changed".to_string()
            } else {
                format!("not a Parallax session or damaged ({e})")
            })
        })?;
        let format = value.get("format").and_then(serde_json::Value::as_str);
        match format {
            Some(FORMAT) => {}
            Some(crate::report::json::FORMAT) => {
                return Err(fail(
                    "is a JSON report, not a session; open its readouts, or a .parallax file"
                        .to_string(),
                ));
            }
            _ => {
                return Err(fail(format!(
                    "not a Parallax session (no \"format\": \"{FORMAT}\")"
                )));
            }
        }
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| fail("the session has no version number".to_string()))?;
        if version > u64::from(VERSION) {
            return Err(fail(format!(
                "saved by a newer Parallax (session version {version}; this one opens versions up to {VERSION}); update Parallax to open it"
            )));
        }
        if version == 0 {
            return Err(fail("session version 0 does not exist".to_string()));
        }
        let mut session: Session =
            serde_json::from_value(upgrade(value)).map_err(|e| fail(format!("damaged ({e})")))?;
        for readout in &mut session.readouts {
            // Sessions hold text as read (`\n` line ends); a hand-edited file may not.
            if readout.text.contains('\r') {
                readout.text = readout.text.replace("\r\n", "\n").replace('\r', "\n");
            }
            if readout.text.trim().is_empty() {
                return Err(fail(format!(
                    "damaged: the readout {} has no text",
                    readout.source
                )));
            }
            if readout.text.len() as u64 > crate::ingest::MAX_TEXT_BYTES {
                return Err(fail(format!(
                    "damaged: the readout {} is over the text limit",
                    readout.source
                )));
            }
        }
        Ok(session)
    }

    /// The engine this session needs: `engine` with the session's taxonomy, or the built-in one.
    ///
    /// # Errors
    /// The saved taxonomy cannot be used.
    pub fn engine(&self, engine: &Engine) -> Result<Engine> {
        let taxonomy = match &self.options.taxonomy {
            Some(toml) => Taxonomy::from_toml(toml, "the session's taxonomy")?,
            None => Taxonomy::builtin()?,
        };
        let mut engine = engine.clone().with_taxonomy(taxonomy);
        engine.align = self.options.align;
        Ok(engine)
    }

    /// Recomputes the comparison and lays the decisions over it.
    ///
    /// # Errors
    /// The saved taxonomy cannot be used, or a readout holds no sentence.
    pub fn open(&self, engine: &Engine) -> Result<Opened> {
        let engine = self.engine(engine)?;
        let [a, b] = self.readouts.clone();
        let base = engine.compare(a, b)?;
        let curated = engine.curate(&base, &self.decisions);
        let current = engine.model().fingerprint();
        let model_changed = self
            .options
            .model
            .as_ref()
            .filter(|saved| **saved != current)
            .map(|saved| {
                format!(
                    "made with pair model {saved}; this Parallax has {current}, so its automatic links may differ (your decisions still apply)"
                )
            });
        Ok(Opened {
            engine,
            base,
            curated,
            model_changed,
        })
    }
}

/// Whether a path names a session (by its extension).
#[must_use]
pub fn is_session_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// How many bytes [`is_session_file`] reads from a file not named `.parallax`.
const SNIFF_BYTES: u64 = 256;

/// Whether a path names a session: by its extension, or, for a file named otherwise (one a
/// file manager recognised by its contents, say), by [`starts_like_session`] on its first bytes.
/// Only a regular file is read, at most 256 bytes of it; one that cannot be read is no session.
#[must_use]
pub fn is_session_file(path: &Path) -> bool {
    use std::io::Read as _;
    if is_session_path(path) {
        return true;
    }
    if crate::ingest::regular_file_metadata(path).is_err() {
        return false;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head))
        .is_ok_and(|_| starts_like_session(&head))
}

/// Whether bytes open a session: a JSON object whose first member is
/// `"format": "parallax-session"`, with any whitespace (and a UTF-8 byte order mark) a writer
/// may put around the tokens. Desktops get a stricter form of it (`packaging/parallax-mime.xml`
/// looks for that member as Parallax writes it, near the start).
#[must_use]
pub fn starts_like_session(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let format = format!("\"{FORMAT}\"");
    for token in [&b"{"[..], b"\"format\"", b":", format.as_bytes()] {
        match rest.trim_ascii_start().strip_prefix(token) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    true
}

/// Brings an older session's JSON up to the current version, one step per version.
fn upgrade(mut value: serde_json::Value) -> serde_json::Value {
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(u64::from(VERSION));
    if version < 2 {
        // Version 1 had no alignment options or model: it was made with the defaults, and the
        // model it used is not known.
        if let Some(options) = value
            .as_object_mut()
            .map(|o| o.entry("options").or_insert_with(|| serde_json::json!({})))
            .and_then(serde_json::Value::as_object_mut)
        {
            options
                .entry("align")
                .or_insert_with(|| serde_json::json!(AlignOptions::default()));
            options.entry("model").or_insert(serde_json::Value::Null);
        }
    }
    if let Some(v) = value.get_mut("version") {
        *v = serde_json::Value::from(VERSION);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curation::{ClaimRef, Edit};
    use crate::model::Side;

    #[test]
    fn errors_name_the_problem() {
        let msg = |bytes: &[u8]| {
            Session::from_json(bytes, "s.parallax")
                .unwrap_err()
                .to_string()
        };
        assert!(msg(b"{\"format\": \"parallax-ses").contains("truncated"));
        assert!(msg(b"").contains("empty: the file holds no session"));
        assert!(msg(b" \n").contains("empty"));
        assert!(msg(b"\x00\x01binary").contains("not a Parallax session"));
        assert!(msg(b"{\"format\": \"other\"}").contains("not a Parallax session"));
        assert!(msg(b"{\"format\": \"parallax-comparison\", \"version\": 1}").contains("report"));
        assert!(msg(b"{\"format\": \"parallax-session\", \"version\": 9}").contains("newer"));
        assert!(msg(b"{\"format\": \"parallax-session\"}").contains("no version"));
        assert!(msg(b"{\"format\": \"parallax-session\", \"version\": 1}").contains("damaged"));
    }

    #[test]
    fn every_truncation_of_a_session_is_refused_without_panicking() {
        let engine = Engine::builtin().unwrap();
        let (a, b) = crate::sample::blinken_lavrov();
        let base = engine.compare(a, b).unwrap();
        let mut decisions = Decisions::default();
        decisions.apply(Edit::SetAside(ClaimRef::of(&base, Side::A, 1).unwrap()));
        let json = Session::new(&base, Options::default(), decisions)
            .to_json()
            .unwrap();
        let bytes = json.as_bytes();
        // The last byte is the newline; every shorter prefix is missing its closing brace.
        for len in (0..bytes.len() - 2).step_by(97) {
            assert!(
                Session::from_json(&bytes[..len], "s").is_err(),
                "prefix {len}"
            );
        }
    }

    // Issue 12: a session named otherwise (recognised by a desktop from its contents) is still
    // a session.
    #[test]
    fn sessions_are_told_by_their_first_member() {
        assert!(starts_like_session(
            b"{\n  \"format\": \"parallax-session\",\n"
        ));
        assert!(starts_like_session(
            b"\xEF\xBB\xBF {\"format\":\"parallax-session\"}"
        ));
        assert!(starts_like_session(
            b"{\r\n\t\"format\" :\n \"parallax-session\""
        ));
        assert!(!starts_like_session(b""));
        assert!(!starts_like_session(
            b"{\"format\": \"parallax-comparison\""
        ));
        assert!(!starts_like_session(
            b"{\"version\": 2, \"format\": \"parallax-session\"}"
        ));
        assert!(!starts_like_session(
            b"[{\"format\": \"parallax-session\"}]"
        ));
        assert!(!starts_like_session(b"{\"format\": \"parallax-sess"));
        assert!(!starts_like_session(
            b"Secretary Blinken spoke with Foreign Minister Lavrov."
        ));

        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("saved-session");
        std::fs::copy("tests/fixtures/session-v1.parallax", &saved).unwrap();
        let readout = dir.path().join("readout.txt");
        std::fs::write(&readout, "Secretary Blinken spoke with Lavrov.").unwrap();
        assert!(is_session_file(&saved));
        assert!(!is_session_file(&readout));
        assert!(!is_session_file(dir.path()), "a folder is no session");
        assert!(
            is_session_file(&dir.path().join("missing.parallax")),
            "the extension alone names a session, so opening it says what is wrong"
        );
    }

    // Issue 12: packaging/parallax-mime.xml recognises a session by the string Parallax writes
    // near its start; this keeps the two in step.
    #[test]
    fn written_sessions_carry_the_mime_magic_near_their_start() {
        const MIME_XML: &str = include_str!("../packaging/parallax-mime.xml");
        let magic = format!("\"format\": \"{FORMAT}\"");
        assert!(
            MIME_XML.contains(&format!("offset=\"0:64\" value='{magic}'")),
            "{MIME_XML}"
        );
        let engine = Engine::builtin().unwrap();
        let (a, b) = crate::sample::blinken_lavrov();
        let base = engine.compare(a, b).unwrap();
        let json = Session::new(&base, Options::default(), Decisions::default())
            .to_json()
            .unwrap();
        assert!(
            json[..64 + magic.len()].contains(&magic),
            "{}",
            &json[..100]
        );
        assert!(starts_like_session(json.as_bytes()));
    }

    #[test]
    fn a_session_round_trips() {
        let engine = Engine::builtin().unwrap();
        let (a, b) = crate::sample::blinken_lavrov();
        let base = engine.compare(a, b).unwrap();
        let mut decisions = Decisions::default();
        decisions.apply(Edit::SetAside(ClaimRef::of(&base, Side::B, 0).unwrap()));
        let session = Session::new(&base, Options::default(), decisions.clone());
        let back = Session::from_json(session.to_json().unwrap().as_bytes(), "s").unwrap();
        assert_eq!(back, session);
        let opened = back.open(&engine).unwrap();
        assert_eq!(opened.base, base);
        assert_eq!(opened.curated, engine.curate(&base, &decisions));
    }
}
