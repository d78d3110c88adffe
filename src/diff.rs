//! Word-level changes between two matched claims (the `similar` crate), and how alike the two
//! sentences are word for word.

use foldhash::HashMap;
use rayon::prelude::*;
use similar::{Algorithm, DiffTag as Op};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::{DiffSpan, DiffTag};

mod bounds;

/// The word diff from claim text `a` to claim text `b`, adjacent runs of one tag merged.
/// Words, spaces and punctuation are separate tokens, so "29" and "29," share the number and
/// differ only by the comma.
#[must_use]
pub fn word_diff(a: &str, b: &str) -> Vec<DiffSpan> {
    let (x, y) = tokenize_pair(a, b);
    spans(&x, &y, &ops(&x, &y))
}

/// One claim cut at Unicode word bounds, each token numbered (equal tokens, equal numbers, on
/// both sides of a comparison): hashing and comparing a number is cheaper than a string, and
/// the diff does both many times. A claim is cut once however many matches it has.
#[derive(Debug)]
pub struct Tokenized<'t> {
    text: &'t str,
    /// Each token's number, with [`WORD`] set when it holds a word or number ([`has_word`], as
    /// `unicode_words` counts).
    ids: Vec<u32>,
    /// Byte offset one past each token's end; the tokens cover the text.
    ends: Vec<u32>,
    /// The numbers of the word tokens, sorted (the multiset [`shared_word_bound`] compares).
    words: Vec<u32>,
}

/// The bit of a token's number that says it holds a word.
const WORD: u32 = 1 << 31;

/// The number of every token one side's claims hold, for cutting the other side's claims
/// against ([`Tokenized::against`]). Numbers count up from 0 in the order tokens are first
/// numbered.
#[derive(Debug, Default)]
pub struct Numbering<'t> {
    /// Tokens of up to seven bytes (most words, and every mark), by [`short_key`]: hashing and
    /// comparing one `u64` costs less than a string, which the cutting did for every token.
    short: HashMap<u64, u32>,
    /// Longer tokens.
    long: HashMap<&'t str, u32>,
}

/// A key for a token of up to seven bytes: its length, then its bytes, as the digits of a
/// number base 256 — different tokens, different keys. `None` for a longer token.
fn short_key(token: &str) -> Option<u64> {
    let bytes = token.as_bytes();
    (bytes.len() < 8).then(|| {
        bytes
            .iter()
            .fold(bytes.len() as u64, |key, &b| key << 8 | u64::from(b))
    })
}

impl<'t> Numbering<'t> {
    /// The number of `token`, the next one if it is new (and then `on_new` is called).
    fn number(&mut self, token: &'t str, on_new: impl FnOnce()) -> u32 {
        let next = u32::try_from(self.short.len() + self.long.len()).unwrap_or(WORD - 1) & !WORD;
        let new = || {
            on_new();
            next
        };
        match short_key(token) {
            Some(key) => *self.short.entry(key).or_insert_with(new),
            None => *self.long.entry(token).or_insert_with(new),
        }
    }

    /// The number of `token`, if it has one.
    fn get(&self, token: &str) -> Option<u32> {
        match short_key(token) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(token).copied(),
        }
    }
}

impl<'t> Tokenized<'t> {
    /// Cuts `text`, each token numbered by `number`, the [`WORD`] bit added for words.
    fn cut(text: &'t str, mut number: impl FnMut(&'t str) -> u32) -> Self {
        // About one token (word, space or mark) in three bytes of prose, more where words are
        // short: sized for one in two, so that nearly no claim grows them.
        let mut ids = Vec::with_capacity(text.len() / 2 + 1);
        let mut ends = Vec::with_capacity(text.len() / 2 + 1);
        let mut words = Vec::with_capacity(text.len() / 4 + 1);
        let tokens =
            bounds::word_bounds(text).unwrap_or_else(|| text.split_word_bound_indices().collect());
        // Nearly half the tokens are a single space: numbered once.
        let mut space = None;
        for (start, token) in tokens {
            let id = if token == " " {
                *space.get_or_insert_with(|| number(token))
            } else if has_word(token) {
                let id = number(token) | WORD;
                words.push(id);
                id
            } else {
                number(token)
            };
            ids.push(id);
            ends.push(u32::try_from(start + token.len()).unwrap_or(u32::MAX));
        }
        words.sort_unstable();
        Tokenized {
            text,
            ids,
            ends,
            words,
        }
    }

    /// Gives each token the number `map` holds at its own (the [`WORD`] bit kept).
    fn renumber(&mut self, map: &[u32]) {
        let renumbered = |id: u32| map[(id & !WORD) as usize] | (id & WORD);
        for id in &mut self.ids {
            *id = renumbered(*id);
        }
        for id in &mut self.words {
            *id = renumbered(*id);
        }
        self.words.sort_unstable();
    }

    /// Cuts `text`, numbering new tokens in `numbering`.
    fn numbered(text: &'t str, numbering: &mut Numbering<'t>) -> Self {
        Self::cut(text, |token| numbering.number(token, || ()))
    }

    /// Cuts a claim of the other side against `numbering`: a token that side never has gets
    /// a number none of its tokens has, which is all the diff needs to know of it.
    #[must_use]
    pub fn against(text: &'t str, numbering: &Numbering<'t>) -> Self {
        Self::cut(text, |token| numbering.get(token).unwrap_or(WORD - 1))
    }

    /// The text of tokens `range`, which are contiguous in the claim.
    fn text_of(&self, range: std::ops::Range<usize>) -> &'t str {
        if range.is_empty() {
            return "";
        }
        let start = if range.start == 0 {
            0
        } else {
            self.ends[range.start - 1] as usize
        };
        let end = self.ends[range.end - 1] as usize;
        self.text.get(start..end).unwrap_or_default()
    }

    fn words_in(&self, range: std::ops::Range<usize>) -> usize {
        self.ids[range].iter().filter(|&&id| id & WORD != 0).count()
    }
}

/// Cuts the claims of one side (`None` entries, claims no match needs, stay `None`), and
/// returns the numbering the other side's claims are cut against ([`Tokenized::against`]).
///
/// Long sides are cut on all cores, each share of claims numbered on its own; the shares'
/// numberings are then joined (equal tokens, equal numbers) and their claims renumbered.
#[must_use]
pub fn tokenize_side<'t>(texts: &[Option<&'t str>]) -> (Vec<Option<Tokenized<'t>>>, Numbering<'t>) {
    /// Claims one share holds.
    const SHARE: usize = 256;
    /// A share's claims, its numbering, and its tokens in the order they were numbered.
    type Share<'t> = (Vec<Option<Tokenized<'t>>>, Numbering<'t>, Vec<&'t str>);
    let shares: Vec<Share<'t>> = texts
        .par_chunks(SHARE)
        .map(|share| {
            let mut numbering = Numbering::default();
            let mut order = Vec::new();
            let cut = share
                .iter()
                .map(|t| {
                    t.map(|t| {
                        Tokenized::cut(t, |token| numbering.number(token, || order.push(token)))
                    })
                })
                .collect();
            (cut, numbering, order)
        })
        .collect();
    let mut shares = shares.into_iter();
    let Some((mut cut, mut numbering, _)) = shares.next() else {
        return (Vec::new(), Numbering::default());
    };
    // The first share's numbers stand; each other share's are mapped onto them.
    let mut rest = Vec::new();
    for (share, _, order) in shares {
        let map: Vec<u32> = order
            .iter()
            .map(|&token| numbering.number(token, || ()))
            .collect();
        rest.push((share, map));
    }
    rest.par_iter_mut().for_each(|(share, map)| {
        for t in share.iter_mut().flatten() {
            t.renumber(map);
        }
    });
    cut.extend(rest.into_iter().flat_map(|(share, _)| share));
    (cut, numbering)
}

fn tokenize_pair<'t>(a: &'t str, b: &'t str) -> (Tokenized<'t>, Tokenized<'t>) {
    let mut numbering = Numbering::default();
    let y = Tokenized::numbered(b, &mut numbering);
    (Tokenized::against(a, &numbering), y)
}

fn ops(a: &Tokenized<'_>, b: &Tokenized<'_>) -> Vec<similar::DiffOp> {
    similar::capture_diff_slices(Algorithm::Myers, &a.ids, &b.ids)
}

/// [`word_similarity`] of the diff made of `ops`, counted on the tokens.
fn ops_similarity(a: &Tokenized<'_>, b: &Tokenized<'_>, ops: &[similar::DiffOp]) -> f32 {
    let (mut same, mut only) = (0usize, 0usize);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            Op::Equal => same += a.words_in(o),
            Op::Delete => only += a.words_in(o),
            Op::Insert => only += b.words_in(n),
            Op::Replace => only += a.words_in(o) + b.words_in(n),
        }
    }
    dice(same, only)
}

/// The diff's spans, adjacent runs of one tag merged.
fn spans(a: &Tokenized<'_>, b: &Tokenized<'_>, ops: &[similar::DiffOp]) -> Vec<DiffSpan> {
    // A replace gives two spans, every other op at most one.
    let mut out: Vec<DiffSpan> = Vec::with_capacity(2 * ops.len());
    let mut push = |tag: DiffTag, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(text),
            _ => out.push(DiffSpan {
                tag,
                text: text.to_string(),
            }),
        }
    };
    for op in ops {
        let (op, o, n) = op.as_tag_tuple();
        match op {
            Op::Equal => push(DiffTag::Equal, a.text_of(o)),
            Op::Delete => push(DiffTag::Delete, a.text_of(o)),
            Op::Insert => push(DiffTag::Insert, b.text_of(n)),
            Op::Replace => {
                push(DiffTag::Delete, a.text_of(o));
                push(DiffTag::Insert, b.text_of(n));
            }
        }
    }
    out
}

/// An upper bound of [`word_similarity`] of the diff: Dice over the two texts' words (tokens
/// with a letter or digit, as `unicode_words` counts them) as multisets. The diff's equal runs
/// pair each shared word once and in order, so they never share more words than the multisets
/// do.
fn shared_word_bound(a: &Tokenized<'_>, b: &Tokenized<'_>) -> f32 {
    let (x, y) = (&a.words, &b.words);
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    dice(shared, x.len() + y.len() - 2 * shared)
}

/// Word similarity (Dice over the words of the diff, see [`word_similarity`]) from which a match
/// shows its word diff instead of its anchors. Measured on the dev set's 60 gold matches
/// (majority of three analysts): median 0.15, 95th percentile 0.39, highest 0.43. A sentence
/// with one word in four changed still scores about 0.75, so 0.6 keeps every paraphrase on
/// anchors and every light edit on the diff.
pub const NEAR_IDENTICAL: f32 = 0.6;

/// The word diff a match keeps: [`word_diff`] when the two claims are near-identical word for
/// word ([`word_similarity`] at least [`NEAR_IDENTICAL`]), none for a paraphrase, which is shown
/// by its anchors instead. Most matches are paraphrases, and a cheap bound (the words the two
/// share in any order) settles them without running the diff.
#[must_use]
pub fn shown_diff(a: &str, b: &str) -> Vec<DiffSpan> {
    let (x, y) = tokenize_pair(a, b);
    shown_diff_of(&x, &y)
}

/// [`shown_diff`] of two claims already cut: `b` by [`tokenize_side`], `a` against its
/// numbering.
#[must_use]
pub fn shown_diff_of(a: &Tokenized<'_>, b: &Tokenized<'_>) -> Vec<DiffSpan> {
    if shared_word_bound(a, b) < NEAR_IDENTICAL {
        return Vec::new();
    }
    let ops = ops(a, b);
    if ops_similarity(a, b, &ops) < NEAR_IDENTICAL {
        return Vec::new();
    }
    spans(a, b, &ops)
}

/// Whether a piece of text holds a word or number (not only spaces and punctuation).
#[must_use]
pub fn has_word(text: &str) -> bool {
    text.chars().any(crate::lexicon::is_word_char)
}

/// How alike two sentences are word for word, from their diff: twice the words they share over
/// the words of both (Dice), 1 for the same words in the same order. Punctuation and spacing do
/// not count.
#[must_use]
pub fn word_similarity(diff: &[DiffSpan]) -> f32 {
    let words = |text: &str| text.unicode_words().count();
    let (mut same, mut only) = (0usize, 0usize);
    for span in diff {
        match span.tag {
            DiffTag::Equal => same += words(&span.text),
            DiffTag::Delete | DiffTag::Insert => only += words(&span.text),
        }
    }
    dice(same, only)
}

/// Twice the shared words over the words of both sides: `same` words on each side, `only` on
/// one.
fn dice(same: usize, only: usize) -> f32 {
    if same + only == 0 {
        return 0.0;
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "word counts of one sentence are far below 2^24"
    )]
    let ratio = (2 * same) as f32 / (2 * same + only) as f32;
    ratio
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(d: &[DiffSpan], keep: DiffTag) -> String {
        d.iter()
            .filter(|s| s.tag == DiffTag::Equal || s.tag == keep)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn marks_changed_words_and_rebuilds_both_texts() {
        let a = "The world will not recognize the annexation.";
        let b = "The world will never recognize any annexation.";
        let d = word_diff(a, b);
        assert_eq!(side(&d, DiffTag::Delete), a);
        assert_eq!(side(&d, DiffTag::Insert), b);
        assert!(
            d.iter()
                .any(|s| s.tag == DiffTag::Delete && s.text.contains("not"))
        );
        assert!(
            d.iter()
                .any(|s| s.tag == DiffTag::Insert && s.text.contains("never"))
        );
    }

    #[test]
    fn punctuation_is_not_a_word_change() {
        let a = "They spoke on July 29, 2022 about grain.";
        let b = "They spoke on July 29 2022 about grain";
        let d = word_diff(a, b);
        assert_eq!(side(&d, DiffTag::Delete), a);
        assert_eq!(side(&d, DiffTag::Insert), b);
        for span in d.iter().filter(|s| s.tag != DiffTag::Equal) {
            assert!(!has_word(&span.text), "{span:?} should be punctuation only");
        }
        assert!((word_similarity(&d) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn similarity_counts_shared_words_over_all_words() {
        // 5 shared words; "not" and "the" only in a, "never" and "any" only in b: 10 / 14.
        let d = word_diff(
            "The world will not recognize the annexation.",
            "The world will never recognize any annexation.",
        );
        assert!(
            (word_similarity(&d) - 10.0 / 14.0).abs() < 1e-6,
            "{}",
            word_similarity(&d)
        );
        let unrelated = word_diff("Grain exports resumed.", "Prisoners were discussed.");
        assert!(shown_diff("Grain exports resumed.", "Prisoners were discussed.").is_empty());
        assert!(word_similarity(&unrelated) < 1e-6);
        assert!(word_similarity(&[]) < 1e-6);
    }

    #[test]
    fn only_near_identical_claims_keep_their_diff() {
        let a = "The world will not recognize the annexation.";
        let b = "The world will never recognize any annexation.";
        assert_eq!(shown_diff(a, b), word_diff(a, b));
        // The same words in another order: the bound passes, the diff itself says paraphrase.
        let shuffled = "annexation the recognize not will world The";
        let (x, y) = tokenize_pair(a, shuffled);
        assert!(shared_word_bound(&x, &y) > 0.99);
        assert!(shown_diff(a, shuffled).is_empty());
        let paraphrase = "Nobody will accept that the region was annexed.";
        assert!(shown_diff(a, paraphrase).is_empty());
    }

    #[test]
    fn the_bound_is_never_below_the_diffs_similarity() {
        let texts = [
            "The ministers discussed grain exports from Black Sea ports.",
            "Grain exports from the Black Sea ports were discussed by the ministers.",
            "The ministers discussed grain, grain and more grain.",
            "Ports, ports: the Black Sea.",
            "",
            "Lavrov stressed that the West must stop arming Kyiv.",
            "Lavrov stressed that the West must stop arming Kiev.",
        ];
        for a in texts {
            for b in texts {
                let exact = word_similarity(&word_diff(a, b));
                let (x, y) = tokenize_pair(a, b);
                assert!(
                    (ops_similarity(&x, &y, &ops(&x, &y)) - exact).abs() < 1e-6,
                    "{a:?} / {b:?}"
                );
                assert!(shared_word_bound(&x, &y) + 1e-6 >= exact, "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn claims_cut_against_a_side_diff_as_pairs_do() {
        let a = [
            "The world will not recognize the annexation.",
            "Grain exports resumed from Odesa on Monday.",
        ];
        let b = [
            Some("Grain exports resumed from Odesa on Tuesday."),
            None,
            Some("The world will never recognize any annexation."),
        ];
        let (tb, numbering) = tokenize_side(&b);
        assert!(tb[1].is_none());
        for x in a {
            let tx = Tokenized::against(x, &numbering);
            for (y, ty) in b.iter().zip(&tb) {
                let (Some(y), Some(ty)) = (y, ty) else {
                    continue;
                };
                assert_eq!(shown_diff_of(&tx, ty), shown_diff(x, y), "{x:?} / {y:?}");
            }
        }
        let odesa = Tokenized::against(a[1], &numbering);
        assert!(!shown_diff_of(&odesa, tb[0].as_ref().unwrap()).is_empty());
    }

    #[test]
    fn a_long_side_cut_in_shares_numbers_its_tokens_as_one() {
        // Several shares' worth of claims, each share with words of its own and words all share.
        let words = [
            "grain",
            "Odesa",
            "annexation",
            "talks",
            "Geneva",
            "sanctions",
            "envoy",
        ];
        let b: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    "The {} resumed {} with {} on day {}.",
                    words[i % 7],
                    words[(i / 7) % 7],
                    words[(i / 49) % 7],
                    i / 300
                )
            })
            .collect();
        let texts: Vec<Option<&str>> = b
            .iter()
            .enumerate()
            .map(|(i, t)| (i % 5 != 3).then_some(t.as_str()))
            .collect();
        let (tb, numbering) = tokenize_side(&texts);
        assert_eq!(tb.len(), b.len());
        // Equal tokens have one number across shares, different tokens different ones.
        let mut seen: HashMap<&str, u32> = HashMap::default();
        for (t, cut) in texts.iter().zip(&tb) {
            let (Some(t), Some(cut)) = (t, cut) else {
                assert!(t.is_none() && cut.is_none());
                continue;
            };
            let mut start = 0;
            for (&id, &end) in cut.ids.iter().zip(&cut.ends) {
                let token = &t[start..end as usize];
                assert_eq!(*seen.entry(token).or_insert(id), id, "{token:?}");
                assert_eq!(numbering.get(token), Some(id & !WORD));
                start = end as usize;
            }
            let mut words: Vec<u32> = cut
                .ids
                .iter()
                .copied()
                .filter(|id| id & WORD != 0)
                .collect();
            words.sort_unstable();
            assert_eq!(cut.words, words);
        }
        let distinct: std::collections::HashSet<u32> = seen.values().copied().collect();
        assert_eq!(distinct.len(), seen.len());
        // And the diffs are those of each pair on its own.
        let x = "The talks resumed Geneva with grain on day 2.";
        let tx = Tokenized::against(x, &numbering);
        for i in [0, 301, 602, 999] {
            assert_eq!(
                shown_diff_of(&tx, tb[i].as_ref().unwrap()),
                shown_diff(x, &b[i])
            );
        }
    }
}
