//! Trains the pair scorer (`assets/pair-model.json`) from annotated readout pairs and measures it
//! by leave-one-pair-out cross-validation.
//!
//! ```text
//! cargo run --release --example train -- [--out FILE] [--cv-dir DIR] [--dump-dir DIR] [--l2 X]
//!     [--cross-recalibrate | --split-languages] --eval ../shared/devset/pairs  [--extra samples]
//!     [--weights-only DIR] [--cross-only training/pairs-ru] [--eval-cross-only]
//! ```
//! `--eval` pairs are cross-validated one at a time (train on every other pair, `--extra` ones
//! included, predict the held-out one); `--extra` pairs are only ever trained on;
//! `--weights-only` pairs train the weights but take no part in choosing the decision rule (for
//! pairs annotated by one analyst, whose linking habits differ from a majority's). The decision
//! rule (probability threshold, links per claim) is chosen inside each training set by an inner
//! leave-one-pair-out, never on the held-out pair. With `--cv-dir`, each held-out pair's full
//! comparison (the fold's model) is written there as JSON for the dev set's `score.py`; with
//! `--dump-dir`, each held-out pair's candidates with their gold claims, label, the fold's
//! probability and whether the rule kept them (for `scripts/missed-matches.py`). With
//! `--out`, a final model trained on every pair is written (atomically).
//!
//! A pair is a directory with `a.txt`, `b.txt`, `gold.json` (the dev-set layout), or `us.txt`, one
//! other `.txt` and `expected.json` (the bundled samples).
//!
//! `--split-languages` also fits cross-language stages ([`PairModel::cross_language`]): a first and
//! second stage and a decision rule for pairs of claims in two languages (a Russian original
//! against an English readout), on every such pair; the model's own stages and rule are fitted
//! on the main pairs exactly as without it. `--cross-only` pairs train the cross-language stages
//! only; `--eval-cross-only` makes the `--eval` pairs such pairs when they are trained on (the
//! held-out one is predicted as always). `--cross-recalibrate` fits the cross-language stages as
//! the model's own recalibrated (`recalibrated`: a weight on the own logit and an intercept) with a
//! rule of their own; the shipped model is trained so (README, Quality). `--split-languages`
//! alone, a weight per feature, is an experiment.
//!
//! `PARALLAX_ALIGN` (as for the CLI, e.g. `concept_weight=0.8`) tunes the features it trains on.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use parallax::align::{self, CROSS_LANGUAGE, Candidate, FEATURE_NAMES};
use parallax::pair_model::{
    self, CONTEXT_FEATURE_NAMES, ContextStage, CrossLanguageStages, MODEL_FORMAT, MODEL_VERSION,
    PairModel,
};
use parallax::{Engine, ingest};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    a: Vec<GoldClaim>,
    b: Vec<GoldClaim>,
    matches: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct GoldClaim {
    id: String,
    start: usize,
    end: usize,
}

/// One annotated pair, with its candidates labelled.
struct Pair {
    name: String,
    a_path: PathBuf,
    b_path: PathBuf,
    candidates: Vec<Candidate>,
    labels: Vec<bool>,
    /// Gold claims each predicted claim stands for, per side.
    maps: [Vec<Vec<String>>; 2],
    /// Each predicted claim's paragraph, per side.
    paragraphs: [Vec<usize>; 2],
    gold_pairs: HashSet<(String, String)>,
    gold_one_sided: HashSet<(usize, String)>,
    /// Trains the weights but takes no part in choosing the decision rule.
    weights_only: bool,
    /// Trains only the cross-language stages (`--cross-only`).
    cross_only: bool,
}

/// True positives, false positives, false negatives.
#[derive(Default, Clone, Copy, Debug)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    fn f1(self) -> f64 {
        let denominator = 2 * self.tp + self.fp + self.fn_;
        if denominator == 0 {
            1.0
        } else {
            2.0 * self.tp as f64 / denominator as f64
        }
    }
}

struct Args {
    eval: Vec<PathBuf>,
    extra: Vec<PathBuf>,
    weights_only: Vec<PathBuf>,
    cross_only: Vec<PathBuf>,
    out: Option<PathBuf>,
    cv_dir: Option<PathBuf>,
    dump_dir: Option<PathBuf>,
    l2: f64,
    split_languages: bool,
    recalibrate: bool,
    eval_cross_only: bool,
}

impl Args {
    fn settings(&self) -> Settings {
        Settings {
            l2: self.l2,
            split_languages: self.split_languages || self.recalibrate,
            recalibrate: self.recalibrate,
        }
    }
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        eval: Vec::new(),
        extra: Vec::new(),
        weights_only: Vec::new(),
        cross_only: Vec::new(),
        out: None,
        cv_dir: None,
        dump_dir: None,
        l2: 1.0,
        split_languages: false,
        recalibrate: false,
        eval_cross_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--eval" => args.eval.push(value()?.into()),
            "--extra" => args.extra.push(value()?.into()),
            "--weights-only" => args.weights_only.push(value()?.into()),
            "--cross-only" => args.cross_only.push(value()?.into()),
            "--out" => args.out = Some(value()?.into()),
            "--cv-dir" => args.cv_dir = Some(value()?.into()),
            "--dump-dir" => args.dump_dir = Some(value()?.into()),
            "--l2" => args.l2 = value()?.parse().context("--l2 takes a number")?,
            "--split-languages" => args.split_languages = true,
            "--cross-recalibrate" => args.recalibrate = true,
            "--eval-cross-only" => args.eval_cross_only = true,
            other => bail!("unknown argument {other} (see the file's header for usage)"),
        }
    }
    if args.eval.is_empty() && args.extra.is_empty() && args.weights_only.is_empty() {
        bail!("give at least one --eval or --extra directory of annotated pairs");
    }
    Ok(args)
}

/// The pair directories under `root` (or `root` itself if it is one), sorted.
fn pair_dirs(root: &Path) -> Result<Vec<PathBuf>> {
    let is_pair = |d: &Path| d.join("gold.json").is_file() || d.join("expected.json").is_file();
    if is_pair(root) {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .with_context(|| format!("cannot list {}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_pair(p))
        .collect();
    out.sort();
    Ok(out)
}

/// The two text files and the gold file of a pair directory.
fn pair_files(dir: &Path) -> Result<(PathBuf, PathBuf, PathBuf)> {
    if dir.join("gold.json").is_file() {
        return Ok((dir.join("a.txt"), dir.join("b.txt"), dir.join("gold.json")));
    }
    let other = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("us.txt"))
        .with_context(|| format!("{}: no side-b .txt", dir.display()))?;
    Ok((dir.join("us.txt"), other, dir.join("expected.json")))
}

fn load_pair(engine: &Engine, dir: &Path) -> Result<Pair> {
    let (a_path, b_path, gold_path) = pair_files(dir)?;
    let read = |p: &Path| -> Result<parallax::model::Readout> {
        let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        Ok(ingest::read_bytes(&bytes, &p.display().to_string())?)
    };
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)
        .with_context(|| format!("{}: not a gold file", gold_path.display()))?;
    let (candidates, segments) = engine.candidates(read(&a_path)?, read(&b_path)?)?;
    let maps: [Vec<Vec<String>>; 2] = [0, 1].map(|k| {
        let gold_side = if k == 0 { &gold.a } else { &gold.b };
        segments[k]
            .iter()
            .map(|s| {
                gold_side
                    .iter()
                    .filter(|g| stands_for(s.start, s.end, g.start, g.end))
                    .map(|g| g.id.clone())
                    .collect()
            })
            .collect()
    });
    let gold_pairs: HashSet<(String, String)> = gold.matches.iter().cloned().collect();
    let matched: HashSet<&String> = gold.matches.iter().flat_map(|(x, y)| [x, y]).collect();
    let mut gold_one_sided = HashSet::new();
    for (k, side) in [&gold.a, &gold.b].into_iter().enumerate() {
        for g in side.iter().filter(|g| !matched.contains(&g.id)) {
            gold_one_sided.insert((k, g.id.clone()));
        }
    }
    let labels = candidates
        .iter()
        .map(|c| {
            maps[0][c.a].iter().any(|x: &String| {
                maps[1][c.b]
                    .iter()
                    .any(|y: &String| gold_pairs.contains(&(x.clone(), y.clone())))
            })
        })
        .collect();
    let paragraphs = [0, 1].map(|k| segments[k].iter().map(|s| s.paragraph).collect());
    Ok(Pair {
        name: dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        a_path,
        b_path,
        candidates,
        labels,
        maps,
        paragraphs,
        gold_pairs,
        gold_one_sided,
        weights_only: false,
        cross_only: false,
    })
}

/// The dev-set scorer's rule: a predicted claim stands for a gold claim it overlaps by at least
/// half of either.
fn stands_for(ps: usize, pe: usize, gs: usize, ge: usize) -> bool {
    let overlap = pe.min(ge).saturating_sub(ps.max(gs));
    overlap > 0 && (2 * overlap >= ge - gs || 2 * overlap >= (pe - ps).max(1))
}

/// Match and one-sided counts of one pair's kept candidates, as `score.py` counts them.
fn score(pair: &Pair, kept: &[usize]) -> (Counts, Counts) {
    let mut pred_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut linked = [
        vec![false; pair.maps[0].len()],
        vec![false; pair.maps[1].len()],
    ];
    for &k in kept {
        let c = &pair.candidates[k];
        linked[0][c.a] = true;
        linked[1][c.b] = true;
        for x in &pair.maps[0][c.a] {
            for y in &pair.maps[1][c.b] {
                pred_pairs.insert((x.clone(), y.clone()));
            }
        }
    }
    let tp = pred_pairs
        .iter()
        .filter(|p| pair.gold_pairs.contains(p))
        .count();
    let matches = Counts {
        tp,
        fp: pred_pairs.len() - tp,
        fn_: pair.gold_pairs.len() - tp,
    };
    let mut pred_one: HashSet<(usize, String)> = HashSet::new();
    for (k, flags) in linked.iter().enumerate() {
        for (i, &is_linked) in flags.iter().enumerate() {
            if !is_linked {
                pred_one.extend(pair.maps[k][i].iter().map(|g| (k, g.clone())));
            }
        }
    }
    let tp = pred_one.intersection(&pair.gold_one_sided).count();
    let one_sided = Counts {
        tp,
        fp: pred_one.len() - tp,
        fn_: pair.gold_one_sided.len() - tp,
    };
    (matches, one_sided)
}

/// Fewest gold links between claims in two languages for the cross-language stages to be fitted
/// apart ([`PairModel::cross_language`]); with fewer, there are none.
const MIN_CROSS_LANGUAGE_LINKS: usize = 20;

/// How the models are fitted.
#[derive(Clone, Copy)]
struct Settings {
    /// L2 regularisation of every logistic regression.
    l2: f64,
    /// Fit cross-language stages (`--split-languages`).
    split_languages: bool,
    /// Fit them as the model's own stages recalibrated (`--cross-recalibrate`): a weight on the
    /// own stage's logit and an intercept, not a weight per feature ([`recalibrated`]).
    recalibrate: bool,
}

/// Which stages a fit is for: the model's own, over every row of the main pairs (all but the
/// `--cross-only` ones), or the cross-language ones, over the rows of pairs of claims in two
/// languages from every pair.
#[derive(Clone, Copy, PartialEq)]
enum Stages {
    Main,
    CrossLanguage,
}

impl Stages {
    /// Whether a row of `pair` (`cross`: its `cross_language` feature is set) trains these stages.
    fn takes(self, pair: &Pair, cross: bool) -> bool {
        match self {
            Stages::Main => !pair.cross_only,
            Stages::CrossLanguage => cross,
        }
    }

    /// The features these stages read for a candidate ([`align::Candidate::cross_features`] for
    /// the cross-language ones: the gloss cosine as `embedding_cosine`).
    fn features(self, c: &align::Candidate) -> [f32; align::FEATURE_COUNT] {
        match self {
            Stages::Main => c.features,
            Stages::CrossLanguage => c.cross_features(),
        }
    }

    /// Whether `pair` is judged when choosing these stages' decision rule.
    fn judges(self, pair: &Pair) -> bool {
        !pair.weights_only
            && match self {
                Stages::Main => !pair.cross_only,
                Stages::CrossLanguage => align::across_languages(&pair.candidates),
            }
    }
}

/// Fits a logistic regression on the labelled rows, or `None` when they hold fewer than `min_links`
/// links.
fn fit_rows(rows: Vec<(Vec<f32>, bool)>, min_links: usize, l2: f64) -> Option<pair_model::Fit> {
    if rows.iter().filter(|(_, y)| *y).count() < min_links.max(1) {
        return None;
    }
    Some(pair_model::fit_logistic_rows(rows, l2))
}

/// The first stage's labelled rows of `pairs` for `stages`.
fn first_stage_rows(pairs: &[&Pair], stages: Stages) -> Vec<(Vec<f32>, bool)> {
    pairs
        .iter()
        .flat_map(|p| {
            p.candidates
                .iter()
                .zip(&p.labels)
                .filter(move |(c, _)| stages.takes(p, c.is_cross_language()))
                .map(move |(c, &y)| (stages.features(c).to_vec(), y))
        })
        .collect()
}

/// Fits the first stage on `pairs` (no second stage or decision rule yet): the model's own on the
/// main pairs, and with `--split-languages` the cross-language one.
fn fit(pairs: &[&Pair], settings: Settings) -> PairModel {
    let f = pair_model::fit_logistic_rows(first_stage_rows(pairs, Stages::Main), settings.l2);
    let cross = if settings.recalibrate {
        recalibrated(
            &f,
            &first_stage_rows(pairs, Stages::CrossLanguage),
            settings.l2,
        )
    } else if settings.split_languages {
        fit_rows(
            first_stage_rows(pairs, Stages::CrossLanguage),
            MIN_CROSS_LANGUAGE_LINKS,
            settings.l2,
        )
    } else {
        None
    };
    PairModel {
        format: MODEL_FORMAT.to_string(),
        version: MODEL_VERSION,
        features: FEATURE_NAMES.iter().map(ToString::to_string).collect(),
        mean: f.mean,
        scale: f.scale,
        weights: f.weights,
        bias: f.bias,
        threshold: 0.5,
        max_links: 3,
        trained_on: serde_json::Value::Null,
        context: None,
        cross_language: cross.map(|c| CrossLanguageStages {
            mean: c.mean,
            scale: c.scale,
            weights: c.weights,
            bias: c.bias,
            context: None,
            rule: None,
        }),
    }
}

fn probabilities(model: &PairModel, pair: &Pair) -> Vec<f32> {
    align::probabilities(
        &pair.candidates,
        model,
        &pair.paragraphs[0],
        &pair.paragraphs[1],
    )
}

/// Every pair but the `i`th.
fn others<'p>(pairs: &[&'p Pair], i: usize) -> Vec<&'p Pair> {
    pairs
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != i)
        .map(|(_, p)| *p)
        .collect()
}

/// The second stage's rows of each pair: its pair features and the neighbour support of the
/// first stage's probabilities from a model fitted without that pair (as on a pair never seen).
/// For the main stages the support comes from the main first stage alone, so that fitting
/// cross-language stages changes nothing for a comparison in one language.
fn context_rows(pairs: &[&Pair], settings: Settings, stages: Stages) -> Vec<Vec<Vec<f32>>> {
    (0..pairs.len())
        .map(|i| {
            let pair = pairs[i];
            let mut model = fit(&others(pairs, i), settings);
            if stages == Stages::Main {
                model.cross_language = None;
            }
            let first = probabilities(&model, pair);
            let support = align::neighbour_support(
                &pair.candidates,
                &first,
                &pair.paragraphs[0],
                &pair.paragraphs[1],
            );
            pair.candidates
                .iter()
                .zip(support)
                .map(|(c, s)| stages.features(c).into_iter().chain([s]).collect())
                .collect()
        })
        .collect()
}

/// Fits the second stage for `stages` on the rows of `pairs` (`rows`: [`context_rows`]), leaving
/// out the `skip`th pair; `None` when the rows hold too few links.
fn fit_context(
    pairs: &[&Pair],
    rows: &[Vec<Vec<f32>>],
    skip: Option<usize>,
    settings: Settings,
    stages: Stages,
) -> Option<ContextStage> {
    let mut labelled = Vec::new();
    for (k, (p, r)) in pairs.iter().zip(rows).enumerate() {
        if Some(k) != skip {
            labelled.extend(
                r.iter()
                    .zip(&p.labels)
                    .filter(|(x, _)| stages.takes(p, x[CROSS_LANGUAGE] > 0.5))
                    .map(|(x, &y)| (x.clone(), y)),
            );
        }
    }
    let min_links = match stages {
        Stages::Main => 1,
        Stages::CrossLanguage => MIN_CROSS_LANGUAGE_LINKS,
    };
    let names = FEATURE_NAMES
        .iter()
        .chain(CONTEXT_FEATURE_NAMES)
        .map(ToString::to_string)
        .collect();
    if stages == Stages::CrossLanguage && settings.recalibrate {
        let own = fit_context(pairs, rows, skip, settings, Stages::Main)?;
        let own = pair_model::Fit {
            mean: own.mean,
            scale: own.scale,
            weights: own.weights,
            bias: own.bias,
        };
        return recalibrated(&own, &labelled, settings.l2)
            .map(|f| ContextStage::from_fit(f, names));
    }
    fit_rows(labelled, min_links, settings.l2).map(|f| ContextStage::from_fit(f, names))
}

/// A cross-language stage as `own` recalibrated on `rows` (the cross-language rows): a logistic
/// regression of the label on `own`'s logit alone, `σ(α·z + c)`, folded back into one weight per
/// feature over `own`'s standardisation (`α·w`, bias `α·b + c`), so the model file reads as any
/// other. Two numbers to fit, so the few cross-language pairs suffice where a weight per feature
/// overfits them (README, Quality); `None` with fewer than [`MIN_CROSS_LANGUAGE_LINKS`] links.
fn recalibrated(
    own: &pair_model::Fit,
    rows: &[(Vec<f32>, bool)],
    l2: f64,
) -> Option<pair_model::Fit> {
    let reduced = rows.iter().map(|(x, y)| (vec![own.logit(x)], *y)).collect();
    let r = fit_rows(reduced, MIN_CROSS_LANGUAGE_LINKS, l2)?;
    let alpha = r.weights[0] / r.scale[0];
    let c = r.bias - alpha * r.mean[0];
    Some(pair_model::Fit {
        mean: own.mean.clone(),
        scale: own.scale.clone(),
        weights: own.weights.iter().map(|w| alpha * w).collect(),
        bias: alpha * own.bias + c,
    })
}

const THRESHOLDS: [f32; 15] = [
    0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
];
const MAX_LINKS: [usize; 4] = [1, 2, 3, 4];

/// Chooses the decision rule for `stages` on the pairs they judge by an inner leave-one-pair-out:
/// each pair's probabilities come from a second stage fitted without it (`rows`:
/// [`context_rows`]); the rule maximising match F1 plus one-sided F1 wins. `None` when no pair is
/// judged or no second stage can be fitted.
fn choose_rule(
    pairs: &[&Pair],
    rows: &[Vec<Vec<f32>>],
    settings: Settings,
    stages: Stages,
) -> Option<(f32, usize)> {
    let judged: Vec<usize> = (0..pairs.len())
        .filter(|&i| stages.judges(pairs[i]))
        .collect();
    let n = FEATURE_NAMES.len();
    let mut held = Vec::new();
    for &i in &judged {
        let stage = fit_context(pairs, rows, Some(i), settings, stages)?;
        held.push(
            rows[i]
                .iter()
                .map(|r| stage.probability(&r[..n], &r[n..]))
                .collect::<Vec<f32>>(),
        );
    }
    let mut best: Option<(f64, f32, usize)> = None;
    for &t in &THRESHOLDS {
        for &m in &MAX_LINKS {
            let (mut mc, mut oc) = (Counts::default(), Counts::default());
            for (p, probs) in judged.iter().map(|&i| pairs[i]).zip(&held) {
                let kept =
                    align::decide(&p.candidates, probs, t, m, p.maps[0].len(), p.maps[1].len());
                let (x, y) = score(p, &kept);
                mc.add(x);
                oc.add(y);
            }
            let objective = mc.f1() + oc.f1();
            if best.is_none_or(|(b, _, _)| objective > b + 1e-9) {
                best = Some((objective, t, m));
            }
        }
    }
    best.filter(|_| !judged.is_empty()).map(|(_, t, m)| (t, m))
}

fn train(pairs: &[&Pair], settings: Settings) -> PairModel {
    let mut model = fit(pairs, settings);
    let rows = context_rows(pairs, settings, Stages::Main);
    (model.threshold, model.max_links) =
        choose_rule(pairs, &rows, settings, Stages::Main).unwrap_or((0.5, 3));
    model.context = fit_context(pairs, &rows, None, settings, Stages::Main);
    if let Some(cross) = &mut model.cross_language {
        // A comparison across languages: the cross-language first stage's support, the
        // cross-language second stage and a rule of its own.
        let rows = context_rows(pairs, settings, Stages::CrossLanguage);
        cross.context = fit_context(pairs, &rows, None, settings, Stages::CrossLanguage);
        cross.rule = choose_rule(pairs, &rows, settings, Stages::CrossLanguage);
    }
    model
}

/// Writes one held-out pair's candidates (gold claims, label, the fold's probability, kept or
/// not, features) as JSON under `dir`, for error analysis (`scripts/missed-matches.py`).
fn dump(dir: &Path, held: &Pair, model: &PairModel, probs: &[f32], kept: &[usize]) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let kept: HashSet<usize> = kept.iter().copied().collect();
    let rows: Vec<serde_json::Value> = held
        .candidates
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let features: serde_json::Map<String, serde_json::Value> = FEATURE_NAMES
                .iter()
                .zip(c.features)
                .map(|(n, v)| ((*n).to_string(), serde_json::json!(v)))
                .collect();
            serde_json::json!({
                "a": c.a, "b": c.b,
                "gold_a": held.maps[0][c.a], "gold_b": held.maps[1][c.b],
                "label": held.labels[k], "probability": probs[k], "kept": kept.contains(&k),
                "features": features,
            })
        })
        .collect();
    let json = serde_json::json!({
        "pair": held.name,
        "threshold": model.threshold,
        "max_links": model.max_links,
        "claims": [held.maps[0].len(), held.maps[1].len()],
        "candidates": rows,
    });
    std::fs::write(
        dir.join(format!("{}.json", held.name)),
        serde_json::to_string(&json)?,
    )?;
    Ok(())
}

#[expect(
    clippy::too_many_lines,
    reason = "the training run step by step, as the README tells it"
)]
fn main() -> Result<()> {
    let args = parse_args()?;
    let align = match std::env::var_os("PARALLAX_ALIGN") {
        Some(spec) => {
            align::AlignOptions::parse(&spec.to_string_lossy()).context("PARALLAX_ALIGN")?
        }
        None => align::AlignOptions::default(),
    };
    // A shipped model that no longer fits the feature list is not needed to train a new one.
    let engine = Engine::for_training(align)?;
    let mut eval = Vec::new();
    for root in &args.eval {
        for dir in pair_dirs(root)? {
            let mut pair = load_pair(&engine, &dir)?;
            pair.cross_only = args.eval_cross_only;
            eval.push(pair);
        }
    }
    let mut extra = Vec::new();
    for root in &args.extra {
        for dir in pair_dirs(root)? {
            extra.push(load_pair(&engine, &dir)?);
        }
    }
    for root in &args.weights_only {
        for dir in pair_dirs(root)? {
            let mut pair = load_pair(&engine, &dir)?;
            pair.weights_only = true;
            extra.push(pair);
        }
    }
    for root in &args.cross_only {
        for dir in pair_dirs(root)? {
            let mut pair = load_pair(&engine, &dir)?;
            pair.cross_only = true;
            extra.push(pair);
        }
    }
    let positives: usize = eval
        .iter()
        .chain(&extra)
        .map(|p| p.labels.iter().filter(|&&y| y).count())
        .sum();
    let rows: usize = eval.iter().chain(&extra).map(|p| p.labels.len()).sum();
    eprintln!(
        "{} pairs cross-validated, {} train-only; {rows} candidate pairs, {positives} linked",
        eval.len(),
        extra.len()
    );

    let mut cv = serde_json::Value::Null;
    if !eval.is_empty() {
        if let Some(dir) = &args.cv_dir {
            std::fs::create_dir_all(dir)?;
        }
        let (mut mc, mut oc) = (Counts::default(), Counts::default());
        for (i, held) in eval.iter().enumerate() {
            let rest: Vec<&Pair> = eval
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, p)| p)
                .chain(&extra)
                .collect();
            let model = train(&rest, args.settings());
            let probs = probabilities(&model, held);
            let (threshold, max_links) = model.rule(align::across_languages(&held.candidates));
            let kept = align::decide(
                &held.candidates,
                &probs,
                threshold,
                max_links,
                held.maps[0].len(),
                held.maps[1].len(),
            );
            let (x, y) = score(held, &kept);
            mc.add(x);
            oc.add(y);
            if let Some(dir) = &args.dump_dir {
                dump(dir, held, &model, &probs, &kept)?;
            }
            eprintln!(
                "{:44} match {:.3} one-sided {:.3}  (threshold {:.2}, max {})",
                held.name,
                x.f1(),
                y.f1(),
                threshold,
                max_links
            );
            if let Some(dir) = &args.cv_dir {
                std::fs::write(
                    dir.join(format!("{}.model.json", held.name)),
                    model.to_json()? + "\n",
                )?;
                let fold = engine.clone().with_model(model);
                let read = |p: &Path| -> Result<parallax::model::Readout> {
                    Ok(ingest::read_bytes(
                        &std::fs::read(p)?,
                        &p.display().to_string(),
                    )?)
                };
                let cmp = fold.compare(read(&held.a_path)?, read(&held.b_path)?)?;
                let json = parallax::report::json::render(&cmp);
                std::fs::write(dir.join(format!("{}.json", held.name)), json)?;
            }
        }
        eprintln!(
            "leave-one-pair-out: match F1 {:.3}, one-sided F1 {:.3}",
            mc.f1(),
            oc.f1()
        );
        cv = serde_json::json!({
            "pairs": eval.len(),
            "match_f1": (mc.f1() * 1000.0).round() / 1000.0,
            "one_sided_f1": (oc.f1() * 1000.0).round() / 1000.0,
        });
    }

    if let Some(out) = &args.out {
        let all: Vec<&Pair> = eval.iter().chain(&extra).collect();
        let mut model = train(&all, args.settings());
        model.trained_on = serde_json::json!({
            "pairs": all.len(),
            "candidate_pairs": rows,
            "linked": positives,
            "l2": args.l2,
            "leave_one_pair_out": cv,
            "by": "examples/train.rs",
        });
        if args.recalibrate {
            model.trained_on["cross_recalibrate"] = serde_json::json!(true);
        } else if args.split_languages {
            model.trained_on["split_languages"] = serde_json::json!(true);
        }
        let json = model.to_json()? + "\n";
        parallax::fsutil::write_atomic(out, json.as_bytes())
            .with_context(|| format!("cannot write {}", out.display()))?;
        eprintln!(
            "wrote {} (threshold {:.2}, max {} links per claim)",
            out.display(),
            model.threshold,
            model.max_links
        );
        for (name, w) in FEATURE_NAMES.iter().zip(&model.weights) {
            eprintln!("  {name:28} {w:+.3}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sigmoid(z: f32) -> f32 {
        1.0 / (1.0 + (-z).exp())
    }

    /// Rows of two features whose label follows `scale` times a stage's own logit, made
    /// deterministic by a fixed spread of the logit over [-4, 4].
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    fn rows_following(own: &pair_model::Fit, scale: f32, n: usize) -> Vec<(Vec<f32>, bool)> {
        (0..n)
            .map(|i| {
                let t = i as f32 / n as f32;
                let x = vec![8.0 * t - 4.0, (7.0 * t).sin()];
                let z = own.logit(&x);
                // A label is set where a fixed sequence falls below the scaled logit's probability.
                let y = ((i * 7919) % 1000) as f32 / 1000.0 < sigmoid(scale * z);
                (x, y)
            })
            .collect()
    }

    #[test]
    fn a_recalibrated_stage_is_the_own_stage_s_logit_rescaled_and_reads_as_any_stage() {
        let own = pair_model::Fit {
            mean: vec![0.0, 0.0],
            scale: vec![2.0, 1.0],
            weights: vec![1.0, 0.5],
            bias: -0.5,
        };
        let rows = rows_following(&own, 2.0, 2000);
        let cross = recalibrated(&own, &rows, 1.0).expect("enough links");
        // Folded back over the own stage's standardisation, with its weights in proportion.
        assert_eq!(cross.mean, own.mean);
        assert_eq!(cross.scale, own.scale);
        let alpha = cross.weights[0] / own.weights[0];
        assert!((cross.weights[1] / own.weights[1] - alpha).abs() < 1e-4);
        // The labels follow twice the own logit, so the stage sharpens it.
        assert!(alpha > 1.5 && alpha < 2.6, "alpha {alpha}");
        // Too few links: no stage.
        let none: Vec<(Vec<f32>, bool)> = rows.iter().map(|(x, _)| (x.clone(), false)).collect();
        assert!(recalibrated(&own, &none, 1.0).is_none());
    }
}
