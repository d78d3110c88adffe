//! Static sentence vectors: a table of word-piece vectors distilled from all-MiniLM-L6-v2
//! (`assets/embeddings.bin`, written by `scripts/distill-embeddings.py`), averaged over a claim's
//! word pieces. English only: a sentence with no known piece (Russian) has no vector. The aligner
//! uses the cosine of two claims' vectors as one feature, so paraphrases with no word in common
//! ("grain" and "wheat shipments") still look alike.

use foldhash::{HashMap, HashMapExt as _, HashSet};

use crate::error::{Error, Result};

/// Word-piece vectors, quantised to int8 with a scale per piece.
pub struct Embeddings {
    /// Piece → row; continuation pieces keep their `##` prefix. The pieces are borrowed from
    /// the table's bytes (no copy of each at start).
    index: HashMap<&'static str, u32>,
    dims: usize,
    scales: Vec<f32>,
    /// `count × dims` int8 values, as stored.
    rows: &'static [u8],
}

impl std::fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embeddings")
            .field("pieces", &self.index.len())
            .field("dims", &self.dims)
            .finish_non_exhaustive()
    }
}

const MAGIC: &[u8] = b"PXEMB1\n";

/// [`SKIP`] as a set: every word of every claim is looked up (scanning the list took about an
/// eighth of the analysis of a long readout).
fn skipped() -> &'static HashSet<&'static str> {
    static SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| SKIP.iter().copied().collect());
    &SET
}

/// Words that carry no content (pieces of them are left out of the average).
const SKIP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "he",
    "she",
    "they",
    "their",
    "his",
    "her",
    "also",
    "both",
    "two",
    "which",
    "who",
    "would",
    "will",
    "said",
    "noted",
    "stressed",
    "emphasized",
    "side",
    "sides",
];

impl Embeddings {
    /// The table shipped with Parallax.
    ///
    /// # Errors
    /// A damaged asset (a test loads the shipped one).
    pub fn builtin() -> Result<Self> {
        Self::from_bytes(
            include_bytes!("../assets/embeddings.bin"),
            "built-in embeddings (assets/embeddings.bin)",
        )
    }

    /// Parses a table in the format `scripts/distill-embeddings.py` writes.
    ///
    /// # Errors
    /// A wrong header, a truncated file or an invalid piece.
    pub fn from_bytes(bytes: &'static [u8], name: &str) -> Result<Self> {
        let bad = |message: &str| Error::Model {
            source_name: name.to_string(),
            message: message.to_string(),
        };
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not an embedding table"))?;
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8]> {
            let slice = rest
                .get(at..at + n)
                .ok_or_else(|| bad("truncated embedding table"))?;
            at += n;
            Ok(slice)
        };
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let count = u32_at(take(4)?);
        let dims = u32_at(take(4)?);
        if dims == 0 || dims > 1024 || count > 1_000_000 {
            return Err(bad("implausible table size"));
        }
        let mut index = HashMap::with_capacity(count);
        for row in 0..count {
            let len = usize::from(take(1)?[0]);
            let piece = std::str::from_utf8(take(len)?).map_err(|_| bad("a piece is not UTF-8"))?;
            #[expect(clippy::cast_possible_truncation, reason = "count is at most 1e6")]
            index.insert(piece, row as u32);
        }
        let scales: Vec<f32> = take(4 * count)?
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if !scales.iter().all(|s| s.is_finite()) {
            return Err(bad("scales must be finite"));
        }
        let rows = take(count * dims)?;
        Ok(Embeddings {
            index,
            dims,
            scales,
            rows,
        })
    }

    /// The mean vector of a sentence's content word pieces, unit length, quantised; `None` when
    /// no piece is known (a Russian sentence, or one of stop words only).
    #[must_use]
    pub fn sentence(&self, text: &str) -> Option<SentenceVector> {
        self.sentence_cached(text, &mut PieceCache::default())
    }

    /// [`Embeddings::sentence`] with a cache of each word's pieces, for many sentences of one
    /// text (long texts repeat their words, and splitting a word into pieces takes a lookup per
    /// candidate piece).
    #[must_use]
    pub fn sentence_cached(&self, text: &str, cache: &mut PieceCache) -> Option<SentenceVector> {
        let mut sum = vec![0.0f32; self.dims];
        let mut pieces = 0usize;
        for_each_ascii_word(text, |word| {
            // Looked up as written, so that a word met before needs no lowering; a skipped word
            // is kept with no pieces: one lookup per word.
            let rows = match cache.0.get(word) {
                Some(rows) => rows,
                None => {
                    let lowered = word.to_ascii_lowercase();
                    let rows = if skipped().contains(lowered.as_str()) {
                        Vec::new()
                    } else {
                        self.scaled_pieces(&lowered)
                    };
                    cache.0.entry(word.to_string()).or_insert(rows)
                }
            };
            for row in rows.chunks_exact(self.dims) {
                for (s, &x) in sum.iter_mut().zip(row) {
                    *s += x;
                }
                pieces += 1;
            }
        });
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if pieces == 0 || norm <= 0.0 {
            return None;
        }
        let max = sum.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = max / norm / 127.0;
        let values = sum.iter().map(|x| round_to_i8(x / norm / scale)).collect();
        Some(SentenceVector { values, scale })
    }

    /// The rows of a word's pieces ([`Embeddings::word_pieces`]), each scaled, one after another.
    fn scaled_pieces(&self, word: &str) -> Vec<f32> {
        let mut out = Vec::new();
        for row in self.word_pieces(word) {
            let row = row as usize;
            let scale = self.scales[row];
            let start = row * self.dims;
            out.extend(
                self.rows[start..start + self.dims]
                    .iter()
                    .map(|&q| scale * f32::from(i8::from_le_bytes([q]))),
            );
        }
        out
    }

    /// The rows of a word's pieces by greedy longest match (`WordPiece`); none if the word cannot be
    /// split into known pieces.
    fn word_pieces(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut buf = String::new();
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                buf.clear();
                if start > 0 {
                    buf.push_str("##");
                }
                buf.push_str(&word[start..end]);
                if let Some(&row) = self.index.get(buf.as_str()) {
                    found = Some(row);
                    break;
                }
                end -= 1;
            }
            let Some(row) = found else {
                return Vec::new();
            };
            out.push(row);
            start = end;
        }
        out
    }
}

/// Calls `f` with each word of `text` that is all ASCII, as written: words are runs of word
/// characters ([`crate::lexicon::is_word_char`]), and only ASCII words have pieces.
fn for_each_ascii_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    // The current word starts at `start`; `ascii` turns false at a word character that is not
    // ASCII. An ASCII byte is read by itself, any other character through `chars`.
    let mut start = 0;
    let mut ascii = true;
    let mut i = 0;
    while i < bytes.len() {
        let width = if bytes[i].is_ascii() {
            if bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            1
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if crate::lexicon::is_word_char(c) {
                ascii = false;
                i += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        if ascii && start < i {
            f(&text[start..i]);
        }
        i += width;
        start = i;
        ascii = true;
    }
    if ascii && start < bytes.len() {
        f(&text[start..]);
    }
}

/// `v.round().clamp(-127.0, 127.0) as i8`, exactly, without `f32::round`: that is a call into
/// libm on targets without SSE4.1 (the default x86-64 one), once for each of a vector's values.
/// Within ±127 a value's whole part converts exactly, and the part after it is exact too.
#[expect(
    clippy::cast_possible_truncation,
    reason = "values are clamped into -127..=127 first"
)]
fn round_to_i8(v: f32) -> i8 {
    let v = v.clamp(-127.0, 127.0);
    let whole = v as i32;
    #[expect(clippy::cast_precision_loss, reason = "whole is at most 127")]
    let fraction = v - whole as f32;
    // Halves round away from zero, as `f32::round` does; NaN reads 0, as `as i8` makes it.
    (whole + i32::from(fraction >= 0.5) - i32::from(fraction <= -0.5)) as i8
}

/// Each word's pieces (their rows of the table, scaled, one after another), kept while the
/// sentences of one text are embedded: scaling a row once per word rather than once per use
/// makes the sum a plain addition the compiler vectorises. Keyed by the word as written (`The`
/// and `the` are two entries with the pieces of `the`), so that a lookup needs no lowering.
#[derive(Debug, Default)]
pub struct PieceCache(HashMap<String, Vec<f32>>);

/// A unit sentence vector stored as int8 with one scale (a quarter of the memory of `f32`, which
/// matters on long readouts).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceVector {
    values: Vec<i8>,
    scale: f32,
}

/// Cosine of two sentence vectors (0 when either is missing).
#[must_use]
pub fn cosine(x: Option<&SentenceVector>, y: Option<&SentenceVector>) -> f32 {
    match (x, y) {
        (Some(x), Some(y)) => {
            let dot: i32 = x
                .values
                .iter()
                .zip(&y.values)
                .map(|(&a, &b)| i32::from(a) * i32::from(b))
                .sum();
            #[expect(
                clippy::cast_precision_loss,
                reason = "dot products are far below 2^24"
            )]
            let dot = dot as f32;
            dot * x.scale * y.scale
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrases_are_nearer_than_other_matters() {
        let e = Embeddings::builtin().unwrap();
        let v = |t: &str| e.sentence(t).unwrap();
        let c = |x: &SentenceVector, y: &SentenceVector| cosine(Some(x), Some(y));
        let grain = v("The sides discussed grain exports from Ukrainian ports.");
        let wheat = v("Shipments of wheat through the Black Sea were raised.");
        let missiles = v("He warned against deploying intermediate-range missiles in Europe.");
        assert!(c(&grain, &wheat) > c(&grain, &missiles) + 0.05);
        // int8 storage: a vector with itself comes within 2% of 1.
        assert!((c(&grain, &grain) - 1.0).abs() < 0.02);
        assert!(e.sentence("Состоялся телефонный разговор.").is_none());
    }

    #[test]
    fn a_sentence_is_read_by_its_ascii_words_only() {
        let e = Embeddings::builtin().unwrap();
        for text in [
            "Secretary BLINKEN spoke with Lavrov (Лавров) on U.S.-Russia ties…",
            "«Grain» deal—Istanbul; naïve café Kyiv’s ports 2022",
            "Minister",
        ] {
            // The same words in lower case, one space apart, without the words that are not
            // ASCII, read the same.
            let words: Vec<String> = text
                .split(|c: char| !crate::lexicon::is_word_char(c))
                .filter(|w| !w.is_empty() && w.is_ascii())
                .map(str::to_ascii_lowercase)
                .collect();
            assert_eq!(e.sentence(text), e.sentence(&words.join(" ")), "{text}");
        }
    }

    #[test]
    fn values_round_as_f32_round_does() {
        #[expect(clippy::cast_possible_truncation, reason = "the formula replaced")]
        let by_round = |v: f32| v.round().clamp(-127.0, 127.0) as i8;
        // Every half from -130 to 130 and the floats either side of it.
        let halves = (-260i16..=260).flat_map(|h| {
            let v = f32::from(h) / 2.0;
            [
                v,
                f32::from_bits(v.to_bits() + 1),
                f32::from_bits(v.to_bits().saturating_sub(1)),
            ]
        });
        let spread = (0..=u32::MAX).step_by(4099).map(f32::from_bits);
        let special = [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            0.0,
            -0.0,
            127.5,
            -127.5,
        ];
        for v in halves.chain(spread).chain(special) {
            assert_eq!(round_to_i8(v), by_round(v), "{v:?}");
        }
    }

    #[test]
    fn damaged_tables_are_refused() {
        let good = include_bytes!("../assets/embeddings.bin");
        for (bytes, want) in [
            (&good[..3], "not an embedding table"),
            (&good[..good.len() / 2], "truncated"),
            (&good[..MAGIC.len() + 2], "truncated"),
        ] {
            let err = Embeddings::from_bytes(bytes, "e.bin")
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err}");
        }
    }
}
