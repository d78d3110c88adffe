//! The learned pair scorer: a logistic regression over the aligner's pair features, with the
//! decision rule (threshold, links per claim) that training chose. The weights are data
//! (`assets/pair-model.json`, written by `examples/train.rs`), loaded once at start; prediction is
//! deterministic.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The format name written in every model file.
pub const MODEL_FORMAT: &str = "parallax-pair-model";

/// The model format version this build reads and writes.
pub const MODEL_VERSION: u32 = 2;

/// The second stage's features beyond the first stage's (`ContextStage`).
pub const CONTEXT_FEATURE_NAMES: &[&str] = &["neighbour_probability"];

/// Largest model file read, in bytes (a real one is a few kilobytes).
const MODEL_LIMIT_BYTES: u64 = 1 << 20;

/// A trained pair scorer and its decision rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairModel {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`MODEL_VERSION`] for this build.
    pub version: u32,
    /// The feature names, in the order of `weights`; must equal the aligner's list.
    pub features: Vec<String>,
    /// Mean of each feature over the training pairs (standardisation).
    pub mean: Vec<f32>,
    /// Standard deviation of each feature over the training pairs (standardisation).
    pub scale: Vec<f32>,
    /// One weight per standardised feature.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// A pair is linked when its probability is at least this.
    pub threshold: f32,
    /// Most links kept per claim, best first.
    pub max_links: usize,
    /// How the model was trained (pairs, regularisation, cross-validated figures); informative.
    #[serde(default)]
    pub trained_on: serde_json::Value,
    /// The second stage, which reads the first stage's probabilities of neighbouring pairs; the
    /// decision rule applies to its probability where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextStage>,
    /// Both stages again, fitted on pairs of claims in two languages (a Russian original against
    /// an English readout): across languages the lexical features mean something else. Pairs
    /// whose `cross_language` feature is set use these, and a comparison across languages their
    /// decision rule where they have one ([`PairModel::rule`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_language: Option<CrossLanguageStages>,
}

/// The first and second stage for pairs of claims in two languages ([`PairModel::cross_language`]),
/// over the same features as the model's own stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossLanguageStages {
    /// Mean of each feature over the cross-language training pairs.
    pub mean: Vec<f32>,
    /// Standard deviation of each feature over the cross-language training pairs.
    pub scale: Vec<f32>,
    /// One weight per standardised feature.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// The second stage for these pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextStage>,
    /// The decision rule (threshold, links per claim) for a comparison across languages, where
    /// training chose one apart; else the model's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<(f32, usize)>,
}

/// A second logistic regression over the pair features and [`CONTEXT_FEATURE_NAMES`]: what the
/// first stage says of the pairs a claim's paragraph mates make with the other claim (readouts
/// give one matter a paragraph, so a sentence whose neighbour gives an account of a matter often
/// gives part of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextStage {
    /// The pair features, then [`CONTEXT_FEATURE_NAMES`].
    pub features: Vec<String>,
    /// Mean of each feature over the training pairs.
    pub mean: Vec<f32>,
    /// Standard deviation of each feature over the training pairs.
    pub scale: Vec<f32>,
    /// One weight per standardised feature.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
}

impl ContextStage {
    /// The second stage fitted by [`fit_logistic`] over features named `features`.
    #[must_use]
    pub fn from_fit(fit: Fit, features: Vec<String>) -> Self {
        ContextStage {
            features,
            mean: fit.mean,
            scale: fit.scale,
            weights: fit.weights,
            bias: fit.bias,
        }
    }

    /// The probability that an analyst would link a pair with these pair features and
    /// neighbour figures.
    #[must_use]
    pub fn probability(&self, x: &[f32], context: &[f32]) -> f32 {
        linear(
            &self.mean,
            &self.scale,
            &self.weights,
            self.bias,
            x.iter().chain(context),
        )
    }
}

fn linear<'x>(
    mean: &[f32],
    scale: &[f32],
    weights: &[f32],
    bias: f32,
    x: impl Iterator<Item = &'x f32>,
) -> f32 {
    sigmoid(logit(mean, scale, weights, bias, x))
}

/// The log-odds of a standardised linear model ([`linear`] before the sigmoid).
fn logit<'x>(
    mean: &[f32],
    scale: &[f32],
    weights: &[f32],
    bias: f32,
    x: impl Iterator<Item = &'x f32>,
) -> f32 {
    bias + x
        .zip(mean)
        .zip(scale)
        .zip(weights)
        .map(|(((v, m), s), w)| w * (v - m) / s)
        .sum::<f32>()
}

impl PairModel {
    /// A model that has learned nothing: every pair gets probability one half. What the training
    /// script starts from when the shipped model no longer fits the feature list
    /// ([`crate::pipeline::Engine::for_training`]); never used to compare readouts.
    #[must_use]
    pub fn untrained(feature_names: &[&str]) -> Self {
        let n = feature_names.len();
        PairModel {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            features: feature_names.iter().map(|f| (*f).to_string()).collect(),
            mean: vec![0.0; n],
            scale: vec![1.0; n],
            weights: vec![0.0; n],
            bias: 0.0,
            threshold: 0.5,
            max_links: 1,
            trained_on: serde_json::Value::Null,
            context: None,
            cross_language: None,
        }
    }

    /// The model shipped with Parallax.
    ///
    /// # Errors
    /// A damaged asset (a test loads the shipped one).
    pub fn builtin(feature_names: &[&str]) -> Result<Self> {
        Self::from_json(
            include_str!("../assets/pair-model.json"),
            "built-in pair model (assets/pair-model.json)",
            feature_names,
        )
    }

    /// Reads a model file written by the training script.
    ///
    /// # Errors
    /// A missing, unreadable, oversized, truncated or invalid file, or one trained for other
    /// features.
    pub fn from_path(path: &Path, feature_names: &[&str]) -> Result<Self> {
        let bytes = crate::ingest::read_file(path, MODEL_LIMIT_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Model {
            source_name: path.display().to_string(),
            message: "not UTF-8 text".to_string(),
        })?;
        Self::from_json(&text, &path.display().to_string(), feature_names)
    }

    /// Parses and checks a model.
    ///
    /// # Errors
    /// Invalid JSON, another format or version, or weights that do not fit `feature_names`.
    pub fn from_json(source: &str, name: &str, feature_names: &[&str]) -> Result<Self> {
        let bad = |message: String| Error::Model {
            source_name: name.to_string(),
            message,
        };
        let model: PairModel = serde_json::from_str(source).map_err(|e| {
            if e.is_eof() {
                bad("truncated: the file ends in the middle of the model".to_string())
            } else {
                bad(format!("not a pair model: {e}"))
            }
        })?;
        if model.format != MODEL_FORMAT {
            return Err(bad(format!(
                "format is '{}', expected '{MODEL_FORMAT}'",
                model.format
            )));
        }
        if model.version != MODEL_VERSION {
            return Err(bad(format!(
                "version {} (this Parallax reads version {MODEL_VERSION}; retrain with examples/train.rs)",
                model.version
            )));
        }
        if model
            .features
            .iter()
            .map(String::as_str)
            .ne(feature_names.iter().copied())
        {
            return Err(bad(format!(
                "trained for other features ({} listed, {} expected); retrain with examples/train.rs",
                model.features.len(),
                feature_names.len()
            )));
        }
        let n = feature_names.len();
        check_weights("", n, &model.mean, &model.scale, &model.weights, model.bias).map_err(bad)?;
        let check_context = |context: &ContextStage| -> Result<()> {
            let names = feature_names.iter().chain(CONTEXT_FEATURE_NAMES);
            if context
                .features
                .iter()
                .map(String::as_str)
                .ne(names.copied())
            {
                return Err(bad(format!(
                    "its second stage was trained for other features ({} listed, {} expected); retrain with examples/train.rs",
                    context.features.len(),
                    n + CONTEXT_FEATURE_NAMES.len()
                )));
            }
            let (m, c) = (context.features.len(), context);
            check_weights(
                "the second stage's ",
                m,
                &c.mean,
                &c.scale,
                &c.weights,
                c.bias,
            )
            .map_err(bad)
        };
        if let Some(context) = &model.context {
            check_context(context)?;
        }
        if let Some(c) = &model.cross_language {
            check_weights(
                "the cross-language stage's ",
                n,
                &c.mean,
                &c.scale,
                &c.weights,
                c.bias,
            )
            .map_err(bad)?;
            if let Some(context) = &c.context {
                check_context(context)?;
            }
            if let Some((threshold, max_links)) = c.rule {
                check_rule(threshold, max_links).map_err(bad)?;
            }
        }
        check_rule(model.threshold, model.max_links).map_err(bad)?;
        Ok(model)
    }

    /// The model as pretty JSON (what the training script writes).
    ///
    /// # Errors
    /// Never in practice (plain data).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Model {
            source_name: "pair model".to_string(),
            message: e.to_string(),
        })
    }

    /// A short name of this model that changes with any weight: the format and version and the
    /// first 12 hex digits of the SHA-256 of its JSON (`"parallax-pair-model v1 3f2a…"`).
    #[must_use]
    pub fn fingerprint(&self) -> String {
        use sha2::Digest as _;
        let json = serde_json::to_string(self).unwrap_or_default();
        let digest = sha2::Sha256::digest(json.as_bytes());
        let hex = digest.iter().take(6).fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        });
        format!("{} v{} {hex}", self.format, self.version)
    }

    /// The probability that an analyst would link a pair with these features.
    #[must_use]
    pub fn probability(&self, x: &[f32]) -> f32 {
        linear(&self.mean, &self.scale, &self.weights, self.bias, x.iter())
    }

    /// The first stage's probability for a pair with these features: the cross-language stage's
    /// when `cross_language` is set and the model has one, else [`PairModel::probability`].
    #[must_use]
    pub fn first_stage(&self, x: &[f32], cross_language: bool) -> f32 {
        match &self.cross_language {
            Some(c) if cross_language => linear(&c.mean, &c.scale, &c.weights, c.bias, x.iter()),
            _ => self.probability(x),
        }
    }

    /// The decision rule (threshold, links per claim) for a comparison of readouts in one
    /// language, or across two (`cross_language`).
    #[must_use]
    pub fn rule(&self, cross_language: bool) -> (f32, usize) {
        match &self.cross_language {
            Some(CrossLanguageStages {
                rule: Some(rule), ..
            }) if cross_language => *rule,
            _ => (self.threshold, self.max_links),
        }
    }

    /// The second stage for a pair, chosen as [`PairModel::first_stage`] chooses.
    #[must_use]
    pub fn context_stage(&self, cross_language: bool) -> Option<&ContextStage> {
        match &self.cross_language {
            Some(c) if cross_language => c.context.as_ref().or(self.context.as_ref()),
            _ => self.context.as_ref(),
        }
    }
}

/// Checks one stage's standardisation and weights: `n` of each, finite, scales positive. `what`
/// names the stage at the start of the message ("" for the first stage).
fn check_weights(
    what: &str,
    n: usize,
    mean: &[f32],
    scale: &[f32],
    weights: &[f32],
    bias: f32,
) -> std::result::Result<(), String> {
    if mean.len() != n || scale.len() != n || weights.len() != n {
        return Err(format!(
            "{what}mean, scale and weights must each have {n} entries"
        ));
    }
    let finite = |v: &[f32]| v.iter().all(|x| x.is_finite());
    if finite(mean)
        && finite(weights)
        && scale.iter().all(|s| s.is_finite() && *s > 0.0)
        && bias.is_finite()
    {
        Ok(())
    } else {
        Err("weights must be finite numbers and scales positive".to_string())
    }
}

/// Checks a decision rule: a threshold strictly between 0 and 1, at least one link per claim.
fn check_rule(threshold: f32, max_links: usize) -> std::result::Result<(), String> {
    if !(threshold > 0.0 && threshold < 1.0) {
        return Err(format!("threshold {threshold} is not between 0 and 1"));
    }
    if max_links == 0 {
        return Err("max_links must be at least 1".to_string());
    }
    Ok(())
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits an L2-regularised logistic regression by Newton's method (deterministic).
///
/// `rows` are feature vectors, `labels` 0/1; `l2` is the penalty on standardised weights. Returns
/// (mean, scale, weights, bias). Features that never vary get scale 1 and weight 0.
#[must_use]
#[expect(
    clippy::needless_range_loop,
    reason = "symmetric matrix updates read clearer with indices"
)]
pub fn fit_logistic(rows: &[Vec<f32>], labels: &[bool], l2: f64) -> Fit {
    let n = rows.first().map_or(0, Vec::len);
    #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
    let count = rows.len().max(1) as f64;
    let mut mean = vec![0.0f64; n];
    for r in rows {
        for (m, &v) in mean.iter_mut().zip(r) {
            *m += f64::from(v) / count;
        }
    }
    let mut var = vec![0.0f64; n];
    for r in rows {
        for ((s, &v), m) in var.iter_mut().zip(r).zip(&mean) {
            *s += (f64::from(v) - m).powi(2) / count;
        }
    }
    let scale: Vec<f64> = var
        .iter()
        .map(|v| if v.sqrt() > 1e-9 { v.sqrt() } else { 1.0 })
        .collect();
    let xs: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut x: Vec<f64> = r
                .iter()
                .zip(&mean)
                .zip(&scale)
                .map(|((&v, m), s)| (f64::from(v) - m) / s)
                .collect();
            x.push(1.0);
            x
        })
        .collect();
    let dim = n + 1;
    let mut w = vec![0.0f64; dim];
    for _ in 0..50 {
        let mut grad = vec![0.0f64; dim];
        let mut hess = vec![vec![0.0f64; dim]; dim];
        for (x, &y) in xs.iter().zip(labels) {
            let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let err = p - if y { 1.0 } else { 0.0 };
            let h = (p * (1.0 - p)).max(1e-9);
            for k in 0..dim {
                grad[k] += err * x[k];
                for l in 0..=k {
                    hess[k][l] += h * x[k] * x[l];
                }
            }
        }
        for k in 0..dim {
            for l in 0..k {
                hess[l][k] = hess[k][l];
            }
            if k < n {
                grad[k] += l2 * w[k];
                hess[k][k] += l2;
            } else {
                hess[k][k] += 1e-6;
            }
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut size = 0.0f64;
        for (wk, sk) in w.iter_mut().zip(&step) {
            *wk -= sk;
            size = size.max(sk.abs());
        }
        if size < 1e-8 {
            break;
        }
    }
    #[expect(clippy::cast_possible_truncation, reason = "weights are stored as f32")]
    Fit {
        mean: mean.iter().map(|&v| v as f32).collect(),
        scale: scale.iter().map(|&v| v as f32).collect(),
        weights: w[..n].iter().map(|&v| v as f32).collect(),
        bias: w[n] as f32,
    }
}

/// The result of [`fit_logistic`].
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Feature means.
    pub mean: Vec<f32>,
    /// Feature standard deviations (1 where constant).
    pub scale: Vec<f32>,
    /// Weights of the standardised features.
    pub weights: Vec<f32>,
    /// Intercept.
    pub bias: f32,
}

impl Fit {
    /// The fitted model's log-odds for features `x`.
    #[must_use]
    pub fn logit(&self, x: &[f32]) -> f32 {
        logit(&self.mean, &self.scale, &self.weights, self.bias, x.iter())
    }
}

/// [`fit_logistic`] over (features, label) rows.
#[must_use]
pub fn fit_logistic_rows(rows: Vec<(Vec<f32>, bool)>, l2: f64) -> Fit {
    let (x, y): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    fit_logistic(&x, &y, l2)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` if singular.
#[expect(
    clippy::needless_range_loop,
    reason = "row operations read clearer with indices"
)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            if f == 0.0 {
                continue;
            }
            for k in col..n {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0f64; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
impl PairModel {
    /// This model with cross-language stages that copy its own first stage (tests of which
    /// stages read which features).
    pub(crate) fn with_own_stages_across_languages(mut self) -> Self {
        self.cross_language = Some(CrossLanguageStages {
            mean: self.mean.clone(),
            scale: self.scale.clone(),
            weights: self.weights.clone(),
            bias: self.bias,
            context: None,
            rule: None,
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["x", "noise"];

    fn model_json(threshold: f32) -> String {
        format!(
            r#"{{"format":"parallax-pair-model","version":2,"features":["x","noise"],
            "mean":[0.5,0.0],"scale":[0.25,1.0],"weights":[2.0,0.0],"bias":-1.0,
            "threshold":{threshold},"max_links":2}}"#
        )
    }

    #[test]
    fn an_untrained_model_loads_and_gives_every_pair_one_half() {
        let model = PairModel::untrained(NAMES);
        let reloaded = PairModel::from_json(
            &serde_json::to_string(&model).expect("serialises"),
            "untrained",
            NAMES,
        )
        .expect("loads as a model of these features");
        assert_eq!(reloaded, model);
        for x in [[0.0, 0.0], [5.0, -3.0], [-1.0, 100.0]] {
            assert!((model.probability(&x) - 0.5).abs() < 1e-6);
        }
        // A model of other features is refused, as any other model is.
        assert!(
            PairModel::from_json(&serde_json::to_string(&model).unwrap(), "u", &["x"]).is_err()
        );
    }

    #[test]
    fn fitting_separates_a_learnable_signal() {
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..200u16 {
            let x = f32::from(i) / 200.0;
            let noise = f32::from(i % 7) / 7.0;
            rows.push(vec![x, noise]);
            labels.push(x > 0.6 || (x > 0.5 && i % 3 == 0));
        }
        let fit = fit_logistic(&rows, &labels, 1.0);
        assert!(fit.weights[0] > 1.0, "{fit:?}");
        assert!(fit.weights[1].abs() < fit.weights[0] / 5.0, "{fit:?}");
        let model = PairModel {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            features: NAMES.iter().map(ToString::to_string).collect(),
            mean: fit.mean,
            scale: fit.scale,
            weights: fit.weights,
            bias: fit.bias,
            threshold: 0.5,
            max_links: 1,
            trained_on: serde_json::Value::Null,
            context: None,
            cross_language: None,
        };
        assert!(model.probability(&[0.9, 0.1]) > 0.9);
        assert!(model.probability(&[0.1, 0.1]) < 0.1);
        let back = PairModel::from_json(&model.to_json().unwrap(), "t", NAMES).unwrap();
        assert_eq!(back, model);
    }

    #[test]
    fn a_model_file_loads_and_predicts() {
        let m = PairModel::from_json(&model_json(0.5), "m.json", NAMES).unwrap();
        assert!((m.probability(&[0.625, 3.0]) - 0.5).abs() < 1e-6);
        assert!(m.probability(&[1.0, 0.0]) > m.probability(&[0.8, 0.0]));
    }

    /// [`model_json`] with a cross-language stage that reads `x` the other way round.
    fn model_with_cross_stage(weights: &str) -> String {
        model_json(0.5).replace(
            r#""max_links":2}"#,
            &format!(
                r#""max_links":2,"cross_language":{{"mean":[0.5,0.0],"scale":[0.25,1.0],
                "weights":{weights},"bias":-1.0}}}}"#
            ),
        )
    }

    #[test]
    fn pairs_in_two_languages_are_scored_by_the_cross_language_stage() {
        let m = PairModel::from_json(&model_with_cross_stage("[-2.0,0.0]"), "m.json", NAMES)
            .expect("loads");
        let x = [1.0, 0.0];
        assert!((m.first_stage(&x, false) - m.probability(&x)).abs() < 1e-6);
        assert!(m.first_stage(&x, false) > 0.9);
        assert!(m.first_stage(&x, true) < 0.1);
        // Without a second stage of its own, a cross-language pair takes the model's.
        assert!(m.context_stage(true).is_none() && m.context_stage(false).is_none());
        let back = PairModel::from_json(&m.to_json().unwrap(), "t", NAMES).unwrap();
        assert_eq!(back, m);
        // A model without the stage scores both kinds alike.
        let plain = PairModel::from_json(&model_json(0.5), "m.json", NAMES).unwrap();
        assert!((plain.first_stage(&x, true) - plain.first_stage(&x, false)).abs() < 1e-6);
        let err = PairModel::from_json(&model_with_cross_stage("[-2.0]"), "m.json", NAMES)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cross-language stage"), "{err}");
        // The decision rule: the model's, unless the stages carry one of their own.
        assert_eq!((m.rule(true), m.rule(false)), ((0.5, 2), (0.5, 2)));
        let with_rule = |rule: &str| {
            model_with_cross_stage("[-2.0,0.0]").replace(
                r#""bias":-1.0}}"#,
                &format!(r#""bias":-1.0,"rule":{rule}}}}}"#),
            )
        };
        let m = PairModel::from_json(&with_rule("[0.4,3]"), "m.json", NAMES).expect("loads");
        assert_eq!((m.rule(true), m.rule(false)), ((0.4, 3), (0.5, 2)));
        let err = PairModel::from_json(&with_rule("[1.5,3]"), "m.json", NAMES)
            .unwrap_err()
            .to_string();
        assert!(err.contains("threshold 1.5"), "{err}");
    }

    #[test]
    fn damaged_models_are_refused_with_one_line() {
        let good = model_json(0.5);
        let cases = [
            (good[..good.len() / 2].to_string(), "truncated"),
            ("[1, 2]".to_string(), "not a pair model"),
            (good.replace("\"x\",", "\"y\","), "other features"),
            (good.replace("[2.0,0.0]", "[2.0]"), "2 entries"),
            (good.replace("\"version\":2", "\"version\":9"), "version 9"),
            (model_json(1.5), "threshold"),
            (good.replace("[0.25,1.0]", "[0.0,1.0]"), "scales positive"),
            (
                good.replace("parallax-pair-model", "other"),
                "expected 'parallax-pair-model'",
            ),
        ];
        for (text, want) in cases {
            let err = PairModel::from_json(&text, "m.json", NAMES)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("pair model m.json: "), "{err}");
            assert!(err.contains(want), "{err} lacks {want}");
            assert!(!err.contains('\n'), "{err}");
        }
    }
}
