//! Word-level changes between two matched claims (the `similar` crate).

use similar::{Algorithm, ChangeTag};

use crate::model::{DiffSpan, DiffTag};

/// The word diff from claim text `a` to claim text `b`, adjacent runs of one tag merged.
#[must_use]
pub fn word_diff(a: &str, b: &str) -> Vec<DiffSpan> {
    let mut out: Vec<DiffSpan> = Vec::new();
    for (tag, text) in similar::utils::diff_words(Algorithm::Patience, a, b) {
        let tag = match tag {
            ChangeTag::Equal => DiffTag::Equal,
            ChangeTag::Delete => DiffTag::Delete,
            ChangeTag::Insert => DiffTag::Insert,
        };
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(text),
            _ => out.push(DiffSpan {
                tag,
                text: text.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words_and_rebuilds_both_texts() {
        let a = "The world will not recognize the annexation.";
        let b = "The world will never recognize any annexation.";
        let d = word_diff(a, b);
        let side = |keep: DiffTag| -> String {
            d.iter()
                .filter(|s| s.tag == DiffTag::Equal || s.tag == keep)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(side(DiffTag::Delete), a);
        assert_eq!(side(DiffTag::Insert), b);
        assert!(
            d.iter()
                .any(|s| s.tag == DiffTag::Delete && s.text.contains("not"))
        );
        assert!(
            d.iter()
                .any(|s| s.tag == DiffTag::Insert && s.text.contains("never"))
        );
    }
}
