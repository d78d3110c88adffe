//! A deterministic generator of large readout pairs for benchmarks: it recombines and perturbs
//! the bundled sample sentences, so the pair has realistic matches and one-sided claims.

use crate::segment::segment;

/// A small, fast, seeded pseudo-random generator (xorshift64*), so runs are reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed non-zero value).
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        #[expect(clippy::cast_possible_truncation, reason = "the result is below n")]
        let r = (self.next_u64() % n as u64) as usize;
        r
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Sentences of every bundled sample readout.
fn pool() -> Vec<String> {
    let mut out = Vec::new();
    for &(_, _, a, _, b) in crate::sample::PAIRS {
        for text in [a, b] {
            out.extend(
                segment(text)
                    .iter()
                    .map(|s| text[s.start..s.end].to_string()),
            );
        }
    }
    out
}

/// Perturbs a sentence: drops or swaps a few words, keeps its final punctuation.
fn perturb(sentence: &str, rng: &mut Rng) -> String {
    let mut words: Vec<&str> = sentence.split_whitespace().collect();
    let last = words.pop().unwrap_or("");
    let mut i = 0;
    while i < words.len() {
        if rng.chance(8) && words.len() > 4 {
            words.remove(i);
            continue;
        }
        if rng.chance(6) && i + 1 < words.len() {
            words.swap(i, i + 1);
        }
        i += 1;
    }
    words.push(last);
    capitalise(&words.join(" "))
}

fn capitalise(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.chars().next()
        && first.is_lowercase()
    {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(..first.len_utf8(), &upper);
    }
    out
}

/// An invented proper name ("Varokel"), so a large text has the long tail of rare words (places,
/// people, programmes) that real readouts have; `rank` picks it from a Zipf-like distribution.
fn name(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "ro", "vel", "min", "sta", "dor", "li", "zan", "tor", "bre", "qua", "nel", "sho",
        "ga", "ur", "pen", "vik", "lo", "mar", "tes",
    ];
    // Zipf-like: small ranks are common, large ranks rare; about 50,000 distinct names.
    let rank = (rng.below(50_000) * rng.below(50_000)) / 50_000 + rng.below(7);
    let mut n = rank;
    let mut out = String::new();
    for _ in 0..3 {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    capitalise(&out)
}

/// A new sentence: the first half of one pool sentence, the second half of another, with one or
/// two invented names woven in.
fn recombine(pool: &[Vec<&str>], rng: &mut Rng) -> String {
    let x = &pool[rng.below(pool.len())];
    let y = &pool[rng.below(pool.len())];
    let (hx, hy) = (x.len() / 2, y.len() / 2);
    let mut words: Vec<String> = x[..hx.max(1)].iter().map(|w| (*w).to_string()).collect();
    words.push(format!("in {}", name(rng)));
    if rng.chance(50) {
        words.push(format!("with {}", name(rng)));
    }
    words.extend(y[hy..].iter().map(|w| (*w).to_string()));
    capitalise(&words.join(" "))
}

/// Two readouts of about `claims` sentences each. About 60% of `b`'s sentences are perturbed
/// versions of `a`'s, in a locally shuffled order; the rest are one-sided.
#[must_use]
pub fn pair(claims: usize, seed: u64) -> (String, String) {
    let sentences = pool();
    let pool: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
    let mut rng = Rng::new(seed);
    let mut a: Vec<String> = Vec::with_capacity(claims);
    let mut b: Vec<String> = Vec::with_capacity(claims);
    for _ in 0..claims {
        let s = recombine(&pool, &mut rng);
        if rng.chance(60) {
            b.push(perturb(&s, &mut rng));
        } else {
            b.push(recombine(&pool, &mut rng));
        }
        a.push(s);
    }
    for i in 1..b.len() {
        if rng.chance(30) {
            b.swap(i - 1, i);
        }
    }
    (paragraphs(&a, &mut rng), paragraphs(&b, &mut rng))
}

/// Joins sentences into paragraphs of one to four sentences, one paragraph per line.
fn paragraphs(sentences: &[String], rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut in_paragraph = 0;
    let mut size = 1 + rng.below(4);
    for s in sentences {
        if in_paragraph == size {
            out.push_str("\n\n");
            in_paragraph = 0;
            size = 1 + rng.below(4);
        } else if in_paragraph > 0 {
            out.push(' ');
        }
        out.push_str(s);
        in_paragraph += 1;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_pair_and_roughly_the_asked_size() {
        assert_eq!(pair(200, 7), pair(200, 7));
        assert_ne!(pair(200, 7), pair(200, 8));
        let (a, _) = pair(500, 1);
        let n = segment(&a).len();
        assert!((450..=550).contains(&n), "{n} claims");
    }
}
