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
        let dims = self.dims;
        let blocks = dims.div_ceil(BLOCK);
        let PieceCache {
            words,
            rows,
            starts,
        } = cache;
        starts.clear();
        for_each_ascii_word(text, |word| {
            // Looked up as written, so that a word met before needs no lowering; a skipped word
            // is kept with no pieces: one lookup per word.
            let (first, count) = match words.get(word) {
                Some(&span) => span,
                None => {
                    let lowered = word.to_ascii_lowercase();
                    #[expect(clippy::cast_possible_truncation, reason = "far below 2^32 rows")]
                    let first = (rows.len() / blocks) as u32;
                    if !skipped().contains(lowered.as_str()) {
                        self.push_scaled_pieces(&lowered, rows);
                    }
                    #[expect(clippy::cast_possible_truncation, reason = "far below 2^32 rows")]
                    let span = (first, (rows.len() / blocks) as u32 - first);
                    words.insert(word.to_string(), span);
                    span
                }
            };
            starts.extend((first..first + count).map(|row| row as usize * blocks));
        });
        if starts.is_empty() {
            return None;
        }
        let sum = sum_rows(dims, rows, starts);
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm <= 0.0 {
            return None;
        }
        let max = max_abs(&sum);
        let scale = max / norm / 127.0;
        let values = sum.iter().map(|x| round_to_i8(x / norm / scale)).collect();
        Some(SentenceVector { values, scale })
    }

    /// The rows of a word's pieces ([`Embeddings::word_pieces`]), each scaled, appended to `out`
    /// one after another, each as whole blocks (the columns past `dims` zero).
    fn push_scaled_pieces(&self, word: &str, out: &mut Vec<Block>) {
        for row in self.word_pieces(word) {
            let row = row as usize;
            let scale = self.scales[row];
            let start = row * self.dims;
            for chunk in self.rows[start..start + self.dims].chunks(BLOCK) {
                let mut block = Block([0.0; BLOCK]);
                for (b, &q) in block.0.iter_mut().zip(chunk) {
                    *b = scale * f32::from(i8::from_le_bytes([q]));
                }
                out.push(block);
            }
        }
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
        let byte = bytes[i];
        if ASCII_ALNUM[usize::from(byte)] {
            i += 1;
            continue;
        }
        let width = if byte.is_ascii() {
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

/// Which bytes are ASCII letters or digits, by value: one load per byte of a word.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        #[expect(clippy::cast_possible_truncation, reason = "b is below 256")]
        {
            table[b] = (b as u8).is_ascii_alphanumeric();
        }
        b += 1;
    }
    table
};

/// `v.round().clamp(-127.0, 127.0) as i8`, exactly, without `f32::round`: that is a call into
/// libm on targets without SSE4.1 (the default x86-64 one), once for each of a vector's values,
/// and without a float-to-integer conversion, which the compiler does not vectorise.
///
/// Adding 1.5 × 2^23 to a value within ±127 rounds it to the nearest integer, ties to even, into
/// the low bits of the sum's mantissa; a tie whose even neighbour is the one nearer zero is then
/// moved away from zero, as `f32::round` rounds ties.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::float_cmp,
    reason = "the low byte of the mantissa is the rounded value, in -127..=127; a tie is an exact half"
)]
fn round_to_i8(v: f32) -> i8 {
    const MAGIC: f32 = 12_582_912.0;
    // NaN reads 0, as `as i8` makes it (a NaN's own bits would carry any payload into the sum).
    let v = if v.is_nan() {
        0.0
    } else {
        v.clamp(-127.0, 127.0)
    };
    let shifted = v + MAGIC;
    let nearest = shifted - MAGIC;
    let off = v - nearest;
    let up = i32::from(off == 0.5 && v > 0.0);
    let down = i32::from(off == -0.5 && v < 0.0);
    (shifted.to_bits() as i32 + up - down) as i8
}

/// Each word's pieces (their rows of the table, scaled, one after another), kept while the
/// sentences of one text are embedded: scaling a row once per word rather than once per use
/// makes the sum a plain addition the compiler vectorises. Keyed by the word as written (`The`
/// and `the` are two entries with the pieces of `the`), so that a lookup needs no lowering.
#[derive(Debug, Default)]
pub struct PieceCache {
    /// Word as written → its first row in `rows` and its count of rows.
    words: HashMap<String, (u32, u32)>,
    /// The scaled rows of all words met, `dims.div_ceil(BLOCK)` blocks each.
    rows: Vec<Block>,
    /// The first block in `rows` of each piece row of the sentence being embedded, in order.
    starts: Vec<usize>,
}

/// Columns summed at a time by [`sum_rows`]: eight SSE registers of partial sums.
const BLOCK: usize = 32;

/// A block of a row's columns, aligned so that additions read it straight from memory.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct Block([f32; BLOCK]);

/// The sum of the rows of `rows` that begin at each of `starts`, in order, cut to `dims` values:
/// the additions of each column happen in the same order as row by row, but a block of columns
/// is kept in registers across all the rows rather than loaded and stored once per row.
fn sum_rows(dims: usize, rows: &[Block], starts: &[usize]) -> Vec<f32> {
    let blocks = dims.div_ceil(BLOCK);
    let mut sum = vec![0.0f32; blocks * BLOCK];
    for (block, out) in sum.chunks_exact_mut(BLOCK).enumerate() {
        let mut acc = [0.0f32; BLOCK];
        for &start in starts {
            for (a, &x) in acc.iter_mut().zip(&rows[start + block].0) {
                *a += x;
            }
        }
        out.copy_from_slice(&acc);
    }
    sum.truncate(dims);
    sum
}

/// The largest magnitude of `values` (0 for none), four lanes at a time; NaNs are passed over, as
/// `f32::max` passes them over.
fn max_abs(values: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (m, &x) in lanes.iter_mut().zip(chunk) {
            let x = x.abs();
            if x > *m {
                *m = x;
            }
        }
    }
    rest.iter()
        .chain(&lanes)
        .fold(0.0f32, |m, x| m.max(x.abs()))
}

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

    /// The sentence vector as first written: each word lowered and split into pieces, every
    /// piece row scaled and added to the sum one row at a time, rounded by `f32::round`.
    fn reference(e: &Embeddings, text: &str) -> Option<SentenceVector> {
        let mut sum = vec![0.0f32; e.dims];
        let mut pieces = 0usize;
        let words = text.split(|c: char| {
            !(c.is_ascii_alphanumeric() || (!c.is_ascii() && crate::lexicon::is_word_char(c)))
        });
        for word in words.filter(|w| !w.is_empty() && w.is_ascii()) {
            let lowered = word.to_ascii_lowercase();
            if SKIP.contains(&lowered.as_str()) {
                continue;
            }
            for row in e.word_pieces(&lowered) {
                let row = row as usize;
                let scale = e.scales[row];
                let values = &e.rows[row * e.dims..(row + 1) * e.dims];
                for (s, &q) in sum.iter_mut().zip(values) {
                    *s += scale * f32::from(i8::from_le_bytes([q]));
                }
                pieces += 1;
            }
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if pieces == 0 || norm <= 0.0 {
            return None;
        }
        let max = sum.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = max / norm / 127.0;
        #[expect(clippy::cast_possible_truncation, reason = "clamped into -127..=127")]
        let values = sum
            .iter()
            .map(|x| (x / norm / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Some(SentenceVector { values, scale })
    }

    #[test]
    fn sentences_read_as_the_plain_sum_does() {
        let e = Embeddings::builtin().unwrap();
        let mut pieces: Vec<&str> = e.index.keys().copied().collect();
        pieces.sort_unstable();
        let mut vocabulary: Vec<String> = pieces
            .iter()
            .step_by(37)
            .map(|p| p.trim_start_matches('#').to_string())
            .collect();
        vocabulary.extend(SKIP.iter().map(|w| w.to_uppercase()));
        vocabulary
            .extend(["Лавров", "naïve", "U.S.", "—", "2022", "x9", "Kyiv’s"].map(String::from));
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            #[expect(clippy::cast_possible_truncation, reason = "reduced below n first")]
            let pick = (state % n as u64) as usize;
            pick
        };
        let mut cache = PieceCache::default();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(30) {
                let word = &vocabulary[next(vocabulary.len())];
                if next(4) == 0 {
                    text.push_str(&word.to_uppercase());
                } else {
                    text.push_str(word);
                }
                text.push([' ', ',', '-', ' ', '.'][next(5)]);
            }
            let want = reference(&e, &text);
            assert_eq!(e.sentence_cached(&text, &mut cache), want, "{text}");
            assert_eq!(e.sentence(&text), want, "{text}");
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
