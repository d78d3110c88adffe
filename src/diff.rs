//! Word-level changes between two matched claims (the `similar` crate), and how alike the two
//! sentences are word for word.

use similar::{Algorithm, DiffTag as Op};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::{DiffSpan, DiffTag};

/// The word diff from claim text `a` to claim text `b`, adjacent runs of one tag merged.
/// Words, spaces and punctuation are separate tokens, so "29" and "29," share the number and
/// differ only by the comma.
#[must_use]
pub fn word_diff(a: &str, b: &str) -> Vec<DiffSpan> {
    let old: Vec<&str> = a.split_word_bounds().collect();
    let new: Vec<&str> = b.split_word_bounds().collect();
    let mut out: Vec<DiffSpan> = Vec::new();
    let mut push = |tag: DiffTag, tokens: &[&str]| {
        if tokens.is_empty() {
            return;
        }
        let text: String = tokens.concat();
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(&text),
            _ => out.push(DiffSpan { tag, text }),
        }
    };
    for op in similar::capture_diff_slices(Algorithm::Patience, &old, &new) {
        let (op, o, n) = op.as_tag_tuple();
        match op {
            Op::Equal => push(DiffTag::Equal, &old[o]),
            Op::Delete => push(DiffTag::Delete, &old[o]),
            Op::Insert => push(DiffTag::Insert, &new[n]),
            Op::Replace => {
                push(DiffTag::Delete, &old[o]);
                push(DiffTag::Insert, &new[n]);
            }
        }
    }
    out
}

/// Whether a piece of text holds a word or number (not only spaces and punctuation).
#[must_use]
pub fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
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
        assert!(word_similarity(&unrelated) < 1e-6);
        assert!(word_similarity(&[]) < 1e-6);
    }
}
