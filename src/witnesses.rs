//! Three witnesses of one call: say the US readout, the Russian Foreign Ministry's Russian
//! original and the Ministry's own English version. Every pair of sides is compared with the
//! same pipeline as two readouts are; the pair that holds two language versions of one readout
//! also gets its translation check (see `translation.rs`).

use crate::error::Result;
use crate::model::{Comparison, Readout, Side};
use crate::pipeline::Engine;

/// The three sides' keys, in order.
pub const KEYS: [&str; 3] = ["a", "b", "c"];

/// Three readouts compared pair by pair.
#[derive(Debug, Clone)]
pub struct Witnesses {
    /// `a` with `b` (the two-sided comparison, as for two inputs).
    pub ab: Comparison,
    /// `a` with `c` (its side `b` is witness `c`).
    pub ac: Comparison,
    /// `b` with `c` (its side `a` is witness `b`, its side `b` witness `c`).
    pub bc: Comparison,
}

impl Witnesses {
    /// The pairs with the keys of their two sides: `(["a", "b"], ab)`, …
    #[must_use]
    pub fn pairs(&self) -> [([&'static str; 2], &Comparison); 3] {
        [
            (["a", "b"], &self.ab),
            (["a", "c"], &self.ac),
            (["b", "c"], &self.bc),
        ]
    }

    /// The claims of witness `witness` (`0` is `a`, `1` is `b`, `2` is `c`) that neither other
    /// witness matches, by index, in text order; none for a number above 2.
    #[must_use]
    pub fn only_in(&self, witness: usize) -> Vec<usize> {
        // The two pairs that hold the witness, with its side in each.
        let [(first, x), (second, y)] = match witness {
            0 => [(&self.ab, Side::A), (&self.ac, Side::A)],
            1 => [(&self.ab, Side::B), (&self.bc, Side::A)],
            2 => [(&self.ac, Side::B), (&self.bc, Side::B)],
            _ => return Vec::new(),
        };
        first.one_sided[x.index()]
            .iter()
            .copied()
            .filter(|&i| second.is_one_sided(y, i))
            .collect()
    }
}

impl Engine {
    /// Compares three readouts pair by pair. Each readout keeps the label the comparison with
    /// `a` gives it, so `b` and `c` from one party are both named for it.
    ///
    /// # Errors
    /// A readout in which no sentence is found.
    pub fn compare_three(&self, a: Readout, b: Readout, c: Readout) -> Result<Witnesses> {
        let ab = self.compare(a.clone(), b.clone())?;
        let ac = self.compare(a, c.clone())?;
        let mut b = b;
        let mut c = c;
        b.label.clone_from(&ab.side(Side::B).readout.label);
        c.label.clone_from(&ac.side(Side::B).readout.label);
        let bc = self.compare(b, c)?;
        Ok(Witnesses { ab, ac, bc })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, name: &str) -> Readout {
        crate::ingest::read_bytes(text.as_bytes(), name).unwrap()
    }

    #[test]
    fn the_us_readout_the_russian_original_and_its_english_version() {
        let engine = Engine::builtin().unwrap();
        let us = include_str!("../samples/2022-07-29-blinken-lavrov/us.txt");
        let ru = include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt");
        // The Ministry's English version, without its sentence on the 'collective West'.
        let full = include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt");
        let cut = crate::segment::segment(full)
            .into_iter()
            .find(|s| full[s.start..s.end].contains("collective West"))
            .unwrap();
        let en = format!("{}{}", &full[..cut.start], &full[cut.end..]);
        let w = engine
            .compare_three(
                read(us, "us.txt"),
                read(ru, "mid-ru.txt"),
                read(&en, "mid-en.txt"),
            )
            .unwrap();
        assert_eq!(w.ab.sides[1].readout.label, w.bc.sides[0].readout.label);
        assert_eq!(w.ac.sides[1].readout.label, w.bc.sides[1].readout.label);
        // The two Ministry texts are versions of one: at least 80% of the Russian sentences
        // are linked to their English version, and the one it lacks is listed.
        let check = w.bc.translation.as_ref().expect("a translation check");
        assert_eq!(
            check.original,
            Side::A,
            "the Russian text (witness b) is the original"
        );
        assert!(check.linked_share() >= 0.8, "{:?}", check.beads);
        let dropped: Vec<&str> = check
            .of_kind(crate::model::BeadKind::Dropped)
            .flat_map(|b| b.original.iter().map(|&i| w.bc.sides[0].claim_text(i)))
            .collect();
        assert_eq!(dropped.len(), 1, "{:?}", check.beads);
        assert!(dropped[0].contains("коллективный Запад"), "{dropped:?}");
        // The US readout and either Ministry text are not versions of one another.
        assert!(w.ab.translation.is_none() && w.ac.translation.is_none());
        assert!(!w.ac.matches.is_empty());
    }

    #[test]
    fn only_in_lists_each_witness_s_claims_that_neither_other_matches() {
        let engine = Engine::builtin().unwrap();
        // Each witness with a sentence of its own, which neither other one makes and which names
        // no matter of the call (the aligner links sentences that name one matter across
        // languages; a planted "apple harvest" sentence was read as food security): at the end
        // of a and b, at the start of c (so that b's and c's claims are not numbered alike).
        let own = [
            "The Secretary also described the new bicycle lanes along Pennsylvania Avenue at length.",
            "Министр также рассказал о новой выставке русской живописи в Эрмитаже.",
            "The Minister also remarked that the autumn light over the river in Tula was unusually beautiful.",
        ];
        let texts = [
            include_str!("../samples/2022-07-29-blinken-lavrov/us.txt"),
            include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt"),
            include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt"),
        ];
        let [a, b, c] = [0, 1, 2].map(|k| {
            let text = if k == 2 {
                format!("{}\n\n{}", own[k], texts[k])
            } else {
                format!("{}\n\n{}\n", texts[k].trim_end(), own[k])
            };
            read(&text, ["us.txt", "mid-ru.txt", "mid-en.txt"][k])
        });
        let w = engine.compare_three(a, b, c).unwrap();
        for (k, sentence) in own.iter().enumerate() {
            let (cmp, side) = crate::witness_rows::home(&w, k);
            let n = cmp.side(side).claims.len();
            let only = w.only_in(k);
            let own = (0..n)
                .find(|&i| cmp.side(side).claim_text(i) == *sentence)
                .unwrap();
            assert!(only.contains(&own), "{}: {only:?}", KEYS[k]);
            // Exactly the claims no match of either of the witness's pairs holds.
            let unmatched: Vec<usize> = (0..n)
                .filter(|&i| {
                    (0..3)
                        .filter(|&y| y != k)
                        .all(|y| crate::witness_rows::matches_with(&w, k, i, y).is_empty())
                })
                .collect();
            assert_eq!(only, unmatched, "{}", KEYS[k]);
            assert!(only.len() < n, "{}: some claims are matched", KEYS[k]);
        }
        // Witness b's sentence on the 'collective West' has its English version in c.
        let west = (0..w.bc.sides[0].claims.len())
            .find(|&i| w.bc.sides[0].claim_text(i).contains("коллективный Запад"))
            .unwrap();
        assert!(!w.only_in(1).contains(&west));
        assert!(w.only_in(3).is_empty());
    }
}
