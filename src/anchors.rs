//! What links two matched claims, in a form an analyst can check at a glance. Two governments'
//! readouts rarely share sentences, so a character diff of a paraphrase is mostly noise: shared
//! "the" and "of", changed everything else. Instead a paraphrased match shows its *anchors*, the
//! names, numbers, words and synonyms both claims use (as the aligner folds them), each anchor in
//! one colour on both sides. Only sentences that are near-identical word for word, such as one
//! text quoted or translated twice with small edits, keep the word diff.

use crate::diff::{has_word, word_similarity};
use crate::lexicon::{Lexicon, Term, TermKind};
use crate::model::{Anchor, AnchorKind, DiffTag, Match, Side};

pub use crate::diff::NEAR_IDENTICAL;

/// The anchors of claims `a` and `b`: every term (synonyms folded, words stemmed, Russian names
/// joined to their English spelling) both use, except reporting verbs and the like, in the order
/// `a` first uses them.
#[must_use]
pub fn find(lexicon: &Lexicon, a: &str, b: &str) -> Vec<Anchor> {
    let (mut ta, mut tb) = (lexicon.terms(a), lexicon.terms(b));
    crate::translit::join_names(&mut [&mut ta], &[a], &mut [&mut tb], &[b]);
    from_terms(a, &ta, b, &tb)
}

/// [`find`] from the two claims' terms as [`Lexicon::terms`] gave them (the pipeline has them
/// already): `ta` the terms of claim text `a`, `tb` those of `b`.
#[must_use]
pub fn from_terms(a: &str, ta: &[Term], b: &str, tb: &[Term]) -> Vec<Anchor> {
    between(&KeyedTerms::new(a, ta), &KeyedTerms::new(b, tb))
}

/// One claim's terms ordered by key, made once for all the matches of the claim ([`between`]).
#[derive(Debug)]
pub struct KeyedTerms<'t> {
    text: &'t str,
    terms: &'t [Term],
    /// Each term's index after its key's first eight bytes (big-endian, zero-padded) and the
    /// key, sorted: the order of the keys themselves, equal keys adjacent and in the claim's
    /// order. Comparing the number first settles nearly every comparison without comparing
    /// strings.
    by_key: Vec<(u64, &'t str, u32)>,
}

impl<'t> KeyedTerms<'t> {
    /// The terms `terms` of claim text `text`, as [`Lexicon::terms`] gave them.
    #[must_use]
    pub fn new(text: &'t str, terms: &'t [Term]) -> Self {
        let mut by_key: Vec<(u64, &str, u32)> = terms
            .iter()
            .zip(0u32..)
            .map(|(t, i)| {
                let key = t.key.as_str();
                let mut head = [0u8; 8];
                let n = key.len().min(8);
                head[..n].copy_from_slice(&key.as_bytes()[..n]);
                (u64::from_be_bytes(head), key, i)
            })
            .collect();
        by_key.sort_unstable();
        KeyedTerms {
            text,
            terms,
            by_key,
        }
    }

    /// The end of the run of equal keys that starts at `from` in [`Self::by_key`].
    fn run_end(&self, from: usize) -> usize {
        let (head, key, _) = self.by_key[from];
        from + 1
            + self.by_key[from + 1..]
                .iter()
                .take_while(|&&(h, k, _)| h == head && k == key)
                .count()
    }
}

/// [`find`] from the two claims' terms, each ordered by key ([`KeyedTerms`]): the two orders
/// are merged, and each key both use gives an anchor.
#[must_use]
pub fn between(a: &KeyedTerms<'_>, b: &KeyedTerms<'_>) -> Vec<Anchor> {
    // Each shared key: the index of the first of `a`'s terms with it that is not weak (the
    // anchors' order), and its runs in the two orders.
    let mut shared: Vec<(u32, std::ops::Range<usize>, std::ops::Range<usize>)> =
        Vec::with_capacity(a.by_key.len().min(b.by_key.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.by_key.len() && j < b.by_key.len() {
        let (x, y) = (&a.by_key[i], &b.by_key[j]);
        match (x.0, x.1).cmp(&(y.0, y.1)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let (run_a, run_b) = (i..a.run_end(i), j..b.run_end(j));
                (i, j) = (run_a.end, run_b.end);
                let first = a.by_key[run_a.clone()]
                    .iter()
                    .map(|&(_, _, k)| k)
                    .find(|&k| !a.terms[k as usize].is_weak());
                if let Some(first) = first {
                    shared.push((first, run_a, run_b));
                }
            }
        }
    }
    shared.sort_unstable_by_key(|&(first, _, _)| first);
    // Nearly all words are ASCII, which settles both tests without looking at each letter.
    let cyrillic =
        |s: &str| !s.is_ascii() && s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let same_but_case = |x: &str, y: &str| {
        if x.is_ascii() && y.is_ascii() {
            x.eq_ignore_ascii_case(y)
        } else {
            x.to_lowercase() == y.to_lowercase()
        }
    };
    shared
        .into_iter()
        .map(|(first, run_a, run_b)| {
            let t = &a.terms[first as usize];
            let first_b = &b.terms[b.by_key[run_b.start].2 as usize];
            let kind = match (t.kind, first_b.kind) {
                (TermKind::Number, _) | (_, TermKind::Number) => AnchorKind::Number,
                _ if cyrillic(t.surface(a.text)) != cyrillic(first_b.surface(b.text)) => {
                    AnchorKind::Translation
                }
                _ if t.key.starts_with('=')
                    && !same_but_case(t.surface(a.text), first_b.surface(b.text)) =>
                {
                    AnchorKind::Synonym
                }
                (TermKind::Entity, _) | (_, TermKind::Entity) => AnchorKind::Name,
                _ => AnchorKind::Word,
            };
            let span = |u: &Term| [u.start, u.end];
            let mut on_a = Vec::with_capacity(run_a.len());
            on_a.extend(
                a.by_key[run_a]
                    .iter()
                    .map(|&(_, _, k)| &a.terms[k as usize])
                    .filter(|u| !u.is_weak())
                    .map(span),
            );
            Anchor {
                kind,
                a: on_a,
                b: b.by_key[run_b]
                    .iter()
                    .map(|&(_, _, k)| span(&b.terms[k as usize]))
                    .collect(),
            }
        })
        .collect()
}

/// [`find`] with the built-in synonym table (for links an analyst makes, outside the pipeline).
/// The table is parsed once; were it ever unreadable, a link would simply show no anchors.
#[must_use]
pub fn find_builtin(a: &str, b: &str) -> Vec<Anchor> {
    static LEXICON: std::sync::LazyLock<Option<Lexicon>> =
        std::sync::LazyLock::new(|| Lexicon::builtin().ok());
    LEXICON
        .as_ref()
        .map_or_else(Vec::new, |lexicon| find(lexicon, a, b))
}

/// How a piece of a matched claim is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tint {
    /// Nothing to point out.
    Plain,
    /// Words the other claim lacks (near-identical matches only).
    Changed,
    /// Part of the anchor with this index in [`Match::anchors`]; the index picks its colour.
    Anchor(usize, AnchorKind),
}

/// Whether a match is shown as a word diff (near-identical sentences) rather than by anchors.
#[must_use]
pub fn shows_word_diff(m: &Match) -> bool {
    word_similarity(&m.diff) >= NEAR_IDENTICAL
}

/// The `side` claim of match `m`, whose text is `text`, cut into marked pieces that join back
/// into `text`: the word diff's changed words for a near-identical pair (punctuation left
/// plain), the anchors otherwise.
#[must_use]
pub fn marks<'t>(m: &Match, side: Side, text: &'t str) -> Vec<(Tint, &'t str)> {
    if shows_word_diff(m)
        && let Some(pieces) = diff_marks(m, side, text)
    {
        return pieces;
    }
    let mut spans: Vec<(usize, usize, Tint)> = Vec::new();
    for (k, anchor) in m.anchors.iter().enumerate() {
        let list = match side {
            Side::A => &anchor.a,
            Side::B => &anchor.b,
        };
        spans.extend(
            list.iter()
                .map(|&[s, e]| (s, e, Tint::Anchor(k, anchor.kind))),
        );
    }
    spans.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, mark) in spans {
        // Spans come from the claim's own terms; anything else (a stale session) is skipped.
        if s < at {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((Tint::Plain, before));
        }
        out.push((mark, inside));
        at = e;
    }
    if at < text.len() {
        out.push((Tint::Plain, &text[at..]));
    }
    out
}

/// The word diff as pieces of `text`, or `None` when the diff does not rebuild `text`.
fn diff_marks<'t>(m: &Match, side: Side, text: &'t str) -> Option<Vec<(Tint, &'t str)>> {
    let mut out = Vec::new();
    let mut at = 0;
    for span in &m.diff {
        let changed = match (span.tag, side) {
            (DiffTag::Equal, _) => false,
            (DiffTag::Delete, Side::A) | (DiffTag::Insert, Side::B) => true,
            _ => continue,
        };
        let end = at + span.text.len();
        let piece = text.get(at..end).filter(|p| *p == span.text)?;
        let mark = if changed && has_word(piece) {
            Tint::Changed
        } else {
            Tint::Plain
        };
        out.push((mark, piece));
        at = end;
    }
    (at == text.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn matched(lexicon: &Lexicon, a: &str, b: &str) -> Match {
        Match {
            a: 0,
            b: 0,
            origin: Origin::Manual,
            diff: crate::diff::shown_diff(a, b),
            anchors: find(lexicon, a, b),
        }
    }

    fn marked<'t>(m: &Match, side: Side, text: &'t str) -> Vec<(&'t str, Tint)> {
        marks(m, side, text)
            .into_iter()
            .filter(|(mark, _)| *mark != Tint::Plain)
            .map(|(mark, piece)| (piece, mark))
            .collect()
    }

    fn texts<'t>(list: &[(&'t str, Tint)]) -> Vec<&'t str> {
        list.iter().map(|(t, _)| *t).collect()
    }

    #[test]
    fn a_paraphrase_shows_its_names_numbers_and_synonyms_not_a_diff() {
        let lex = Lexicon::builtin().unwrap();
        let a = "Secretary Blinken pressed Russia to accept the proposal to free the 2 Americans.";
        let b = "Lavrov told Blinken that Moscow would answer the 2 proposals on prisoners.";
        let m = matched(&lex, a, b);
        assert!(!shows_word_diff(&m));
        let on_a = marked(&m, Side::A, a);
        let on_b = marked(&m, Side::B, b);
        assert!(texts(&on_a).contains(&"Blinken") && texts(&on_b).contains(&"Blinken"));
        assert!(texts(&on_a).contains(&"2") && texts(&on_b).contains(&"2"));
        assert!(texts(&on_a).contains(&"proposal") && texts(&on_b).contains(&"proposals"));
        // Stop words are never anchors.
        assert!(!texts(&on_a).contains(&"the") && !texts(&on_b).contains(&"the"));
        // One anchor, one colour on both sides.
        let index = |list: &[(&str, Tint)], word: &str| {
            list.iter().find(|(t, _)| *t == word).map(|(_, mark)| *mark)
        };
        assert_eq!(index(&on_a, "proposal"), index(&on_b, "proposals"));
        assert_eq!(index(&on_a, "2"), index(&on_b, "2"));
        assert!(matches!(
            index(&on_a, "2"),
            Some(Tint::Anchor(_, AnchorKind::Number))
        ));
        assert!(matches!(index(&on_a, "Blinken"), Some(Tint::Anchor(0, _))));
        // The pieces rebuild the text.
        let joined: String = marks(&m, Side::B, b).into_iter().map(|(_, p)| p).collect();
        assert_eq!(joined, b);
    }

    #[test]
    fn a_russian_date_and_its_english_form_share_their_day_month_and_year() {
        let lex = Lexicon::builtin().unwrap();
        let ru = "Разговор министров состоялся 12 февраля 2022 года.";
        let en = "The ministers spoke on February 12, 2022.";
        let m = matched(&lex, ru, en);
        let on_ru = marked(&m, Side::A, ru);
        let on_en = marked(&m, Side::B, en);
        let tint = |list: &[(&str, Tint)], word: &str| {
            list.iter().find(|(t, _)| *t == word).map(|(_, mark)| *mark)
        };
        for number in ["12", "2022"] {
            assert!(matches!(
                tint(&on_ru, number),
                Some(Tint::Anchor(_, AnchorKind::Number))
            ));
            assert_eq!(tint(&on_ru, number), tint(&on_en, number));
        }
        assert!(matches!(
            tint(&on_ru, "февраля"),
            Some(Tint::Anchor(_, AnchorKind::Translation))
        ));
        assert_eq!(tint(&on_ru, "февраля"), tint(&on_en, "February"));
    }

    #[test]
    fn synonyms_across_wording_are_one_anchor() {
        let lex = Lexicon::builtin().unwrap();
        let a = "They discussed ransomware attacks.";
        let b = "They discussed cyberattacks.";
        let m = matched(&lex, a, b);
        assert_eq!(m.anchors.len(), 1, "{:?}", m.anchors);
        assert_eq!(m.anchors[0].kind, AnchorKind::Synonym);
        assert_eq!(
            marked(&m, Side::B, b),
            [("cyberattacks", Tint::Anchor(0, AnchorKind::Synonym))]
        );
    }

    #[test]
    fn across_languages_the_lexicon_gives_translation_anchors() {
        let lex = Lexicon::builtin().unwrap();
        let a = "The leaders discussed grain exports through the Black Sea.";
        let b = "Лидеры обсудили экспорт зерна через Черное море.";
        let m = matched(&lex, a, b);
        assert!(!shows_word_diff(&m));
        let on_b = marked(&m, Side::B, b);
        assert!(
            on_b.iter().any(
                |(t, k)| *t == "зерна" && matches!(k, Tint::Anchor(_, AnchorKind::Translation))
            ),
            "{on_b:?}"
        );
        assert!(texts(&on_b).contains(&"экспорт"), "{on_b:?}");
    }

    #[test]
    fn a_near_identical_pair_keeps_its_word_diff_without_punctuation() {
        let lex = Lexicon::builtin().unwrap();
        let a = "On July 29, the ministers discussed grain exports from Ukrainian ports.";
        let b = "On July 29 the ministers discussed grain shipments from Ukrainian ports.";
        let m = matched(&lex, a, b);
        assert!(shows_word_diff(&m));
        assert_eq!(marked(&m, Side::A, a), [("exports", Tint::Changed)]);
        assert_eq!(marked(&m, Side::B, b), [("shipments", Tint::Changed)]);
    }

    #[test]
    fn spans_that_do_not_fit_the_text_are_skipped_not_a_panic() {
        let lex = Lexicon::builtin().unwrap();
        let mut m = matched(&lex, "Grain deal talks.", "Grain deal.");
        m.anchors.push(Anchor {
            kind: AnchorKind::Word,
            a: vec![[400, 500]],
            b: vec![[2, 1]],
        });
        let joined: String = marks(&m, Side::A, "Grain deal talks.")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(joined, "Grain deal talks.");
    }
}
