//! Helpers shared by the integration tests: JSON contract checks and scoring against
//! hand annotations.
#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    reason = "F1 over a few hundred claims; byte offsets of test texts fit in usize"
)]
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled sample pairs: (directory, side a path, side b path).
pub fn sample_pairs() -> Vec<(PathBuf, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        // A pair's folder holds its two texts (the three-witness folder only names others').
        .filter(|p| p.join("us.txt").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let b = ["ru.txt", "cn.txt"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.exists())
            .unwrap();
        out.push((dir.clone(), dir.join("us.txt"), b));
    }
    out
}

/// Checks the invariants DESIGN.md promises for every JSON comparison; `files` are the inputs
/// (UTF-8, `\n`, no BOM), whose bytes `text` must equal.
#[expect(
    clippy::too_many_lines,
    reason = "one check per clause of the JSON contract, in the order DESIGN.md gives them"
)]
pub fn check_contract(doc: &Value, files: Option<[&Path; 2]>) {
    let schema: Value =
        serde_json::from_str(include_str!("../../assets/comparison.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "schema: {errors:#?}");
    assert_eq!(doc["format"], "parallax-comparison");
    assert_eq!(doc["version"], 1);
    let sides = doc["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2);
    let mut all_ids = Vec::new();
    for (k, side) in sides.iter().enumerate() {
        assert_eq!(side["key"], ["a", "b"][k]);
        let text = side["text"].as_str().unwrap();
        if let Some(files) = files {
            assert_eq!(
                text.as_bytes(),
                std::fs::read(files[k]).unwrap(),
                "text is the file byte for byte"
            );
        }
        let mut last_end = 0;
        for c in side["claims"].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s < e && e <= text.len() && s >= last_end,
                "claims are in order and do not overlap"
            );
            assert_eq!(
                &text[s..e],
                c["text"].as_str().unwrap(),
                "text[start..end] is the claim"
            );
            assert!(c["topic"].as_str().is_some_and(|t| !t.is_empty()));
            last_end = e;
            all_ids.push(c["id"].as_str().unwrap().to_string());
        }
    }
    // Every claim id appears exactly once in topics, under its own primary topic.
    let mut in_topics: HashMap<String, usize> = HashMap::new();
    let mut topic_of: HashMap<String, String> = HashMap::new();
    for t in doc["topics"].as_array().unwrap() {
        for key in ["a", "b"] {
            for id in t[key].as_array().unwrap() {
                let id = id.as_str().unwrap().to_string();
                assert!(id.starts_with(key));
                *in_topics.entry(id.clone()).or_default() += 1;
                topic_of.insert(id, t["id"].as_str().unwrap().to_string());
            }
        }
    }
    for side in sides {
        for c in side["claims"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert_eq!(in_topics.get(id), Some(&1), "{id} is in exactly one topic");
            assert_eq!(topic_of[id], c["topic"].as_str().unwrap());
        }
    }
    // Every claim is matched or one-sided, never both.
    let matched: BTreeSet<String> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            let score = m["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score));
            [
                m["a"].as_str().unwrap().to_string(),
                m["b"].as_str().unwrap().to_string(),
            ]
        })
        .collect();
    let one_sided: BTreeSet<String> = ["a", "b"]
        .iter()
        .flat_map(|k| {
            doc["one_sided"][k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    for id in &all_ids {
        assert!(
            matched.contains(id) ^ one_sided.contains(id),
            "{id}: matched xor one-sided"
        );
    }
    // Sentences set aside are claims of their side (spans into its text, not overlapping any
    // claim) that are in no topic, match or one-sided list.
    let mut curated = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["manual"] == true)
        || doc["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["custom"] == true || t["note"].is_string())
        || sides
            .iter()
            .flat_map(|s| s["claims"].as_array().unwrap())
            .any(|c| c["topic_manual"] == true || c["note"].is_string());
    if let Some(set_aside) = doc.get("set_aside") {
        for (k, key) in ["a", "b"].into_iter().enumerate() {
            let text = sides[k]["text"].as_str().unwrap();
            let mut spans: Vec<(u64, u64)> = sides[k]["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap()))
                .collect();
            for c in set_aside[key].as_array().unwrap() {
                curated = true;
                let id = c["id"].as_str().unwrap();
                assert!(id.starts_with(key), "{id} is set aside on its own side");
                assert!(
                    !all_ids.iter().any(|x| x == id),
                    "{id} is set aside, not a claim"
                );
                assert!(
                    !in_topics.contains_key(id) && !matched.contains(id) && !one_sided.contains(id),
                    "{id} is set aside, so in no topic, match or one-sided list"
                );
                let (s, e) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
                assert_eq!(
                    &text[s as usize..e as usize],
                    c["text"].as_str().unwrap(),
                    "text[start..end] is the set-aside sentence"
                );
                spans.push((s, e));
            }
            spans.sort_unstable();
            assert!(
                spans.windows(2).all(|w| w[0].1 <= w[1].0),
                "claims and set-aside sentences do not overlap"
            );
        }
    }
    if let Some(flag) = doc.get("curated") {
        assert_eq!(
            flag.as_bool(),
            Some(curated),
            "curated is true exactly when the analyst's work shows"
        );
    }
}

/// F1 of matches and of one-sided claims against a dev-set style annotation (`expected.json`),
/// mapping predicted claims to annotated ones by overlapping byte spans.
pub fn score(doc: &Value, expected: &Value) -> (f64, f64) {
    let map = |k: usize, key: &str| -> HashMap<String, String> {
        let mut m = HashMap::new();
        for c in doc["sides"][k]["claims"].as_array().unwrap() {
            let (s, e) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
            for g in expected[key].as_array().unwrap() {
                let (gs, ge) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
                if s.max(gs) < e.min(ge) {
                    m.insert(
                        c["id"].as_str().unwrap().to_string(),
                        g["id"].as_str().unwrap().to_string(),
                    );
                }
            }
        }
        m
    };
    let (ma, mb) = (map(0, "a"), map(1, "b"));
    let gold: BTreeSet<(String, String)> = expected["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m[0].as_str().unwrap().to_string(),
                m[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pred: BTreeSet<(String, String)> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| {
            Some((
                ma.get(m["a"].as_str()?)?.clone(),
                mb.get(m["b"].as_str()?)?.clone(),
            ))
        })
        .collect();
    let f1 = |tp: usize, np: usize, ng: usize| {
        let p = if np == 0 { 1.0 } else { tp as f64 / np as f64 };
        let r = if ng == 0 { 1.0 } else { tp as f64 / ng as f64 };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let match_f1 = f1(gold.intersection(&pred).count(), pred.len(), gold.len());
    let gold_matched: BTreeSet<String> = gold
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    let gold_one: BTreeSet<String> = ["a", "b"]
        .iter()
        .flat_map(|k| {
            expected[*k]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_string())
        })
        .filter(|id| !gold_matched.contains(id))
        .collect();
    let pred_one: BTreeSet<String> = [("a", &ma), ("b", &mb)]
        .iter()
        .flat_map(|(k, m)| {
            doc["one_sided"][*k]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|v| m.get(v.as_str().unwrap()).cloned())
        })
        .collect();
    let one_f1 = f1(
        gold_one.intersection(&pred_one).count(),
        pred_one.len(),
        gold_one.len(),
    );
    (match_f1, one_f1)
}

/// The claim id whose text contains `needle`, on side index `k`.
pub fn claim_with(doc: &Value, k: usize, needle: &str) -> String {
    doc["sides"][k]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}
