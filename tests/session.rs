//! Sessions and the analyst's decisions (issue 6): round trip through a `.parallax` file,
//! decisions surviving recomputation, failed saves, bad session files, and the CLI rendering a
//! curated session.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions may unwrap"
)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use parallax::Engine;
use parallax::align::AlignOptions;
use parallax::curation::{ClaimRef, Decisions, Edit, NoteTarget, Pair};
use parallax::model::{Comparison, Side};
use parallax::session::{Options, Session};

fn parallax() -> Command {
    Command::cargo_bin("parallax").unwrap()
}

fn sample() -> (Engine, Comparison) {
    let engine = Engine::builtin().unwrap();
    let (a, b) = parallax::sample::blinken_lavrov();
    let cmp = engine.compare(a, b).unwrap();
    (engine, cmp)
}

/// One decision of every kind, on claims chosen by their state (not their words).
fn decide(cmp: &Comparison) -> Decisions {
    let r = |side, i| ClaimRef::of(cmp, side, i).unwrap();
    let (one_a, one_b) = (cmp.one_sided[0][0], cmp.one_sided[1][0]);
    let auto = cmp.matches.iter().find(|m| m.a != one_a).unwrap();
    let mut d = Decisions::default();
    d.apply(Edit::Link(Pair {
        a: r(Side::A, one_a),
        b: r(Side::B, one_b),
    }));
    d.apply(Edit::Unlink(Pair {
        a: r(Side::A, auto.a),
        b: r(Side::B, auto.b),
    }));
    d.apply(Edit::MoveToNewTopic(
        r(Side::B, one_b),
        "Analyst topic".into(),
    ));
    d.apply(Edit::SetAside(r(Side::A, cmp.sides[0].claims.len() - 1)));
    d.apply(Edit::Note(
        NoteTarget::Claim {
            claim: r(Side::A, one_a),
        },
        "Compare with the press conference <b>&</b> transcript".into(),
    ));
    d.apply(Edit::Note(
        NoteTarget::Topic {
            topic: cmp.topics[0].id.clone(),
        },
        "Both sides open with the call itself".into(),
    ));
    d
}

fn manual_links(cmp: &Comparison) -> Vec<(String, String)> {
    cmp.matches
        .iter()
        .filter(|m| m.is_manual())
        .map(|m| {
            (
                cmp.sides[0].claims[m.a].id.clone(),
                cmp.sides[1].claims[m.b].id.clone(),
            )
        })
        .collect()
}

#[test]
fn a_saved_session_opens_to_the_same_comparison_and_decisions() {
    let (engine, base) = sample();
    let decisions = decide(&base);
    let curated = engine.curate(&base, &decisions);
    assert!(curated.stale.is_empty(), "{:?}", curated.stale);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.parallax");
    Session::new(&base, Options::default(), decisions.clone())
        .write(&path)
        .unwrap();
    let back = Session::read(&path).unwrap();
    assert_eq!(back.decisions, decisions);
    let opened = back.open(&engine).unwrap();
    assert_eq!(opened.base, base);
    assert_eq!(opened.curated.comparison, curated.comparison);
    assert_eq!(manual_links(&opened.curated.comparison).len(), 1);
}

#[test]
fn manual_decisions_survive_recomputation_with_other_settings() {
    let (engine, base) = sample();
    let decisions = decide(&base);
    let before = engine.curate(&base, &decisions).comparison;
    // A much stricter alignment makes other automatic matches; the analyst's work must hold.
    let mut strict = engine.clone();
    strict.align = AlignOptions {
        threshold: Some(0.9),
        ..AlignOptions::default()
    };
    let (a, b) = (base.sides[0].readout.clone(), base.sides[1].readout.clone());
    let recomputed = strict.compare(a, b).unwrap();
    assert_ne!(
        recomputed.matches, base.matches,
        "the settings changed the matches"
    );
    let after = strict.curate(&recomputed, &decisions);
    assert!(after.stale.is_empty(), "{:?}", after.stale);
    let after = after.comparison;
    assert_eq!(manual_links(&after), manual_links(&before));
    let moved = |c: &Comparison| {
        c.sides[1]
            .claims
            .iter()
            .filter(|x| x.topic_manual)
            .map(|x| (x.id.clone(), x.topic.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(moved(&after), moved(&before));
    assert_eq!(after.set_aside, before.set_aside);
    let notes = |c: &Comparison| {
        c.sides[0]
            .claims
            .iter()
            .filter_map(|x| x.note.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(notes(&after), notes(&before));
    let unlinked = &decisions.unlinks[0];
    let (ua, ub) = (
        unlinked.a.resolve(&after.sides[0]).unwrap(),
        unlinked.b.resolve(&after.sides[1]).unwrap(),
    );
    assert!(!after.matches.iter().any(|m| m.a == ua && m.b == ub));
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let (_, base) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.parallax");
    let first = Session::new(&base, Options::default(), Decisions::default());
    first.write(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // The temporary file cannot be created: a directory stands where it would go.
    let tmp = dir
        .path()
        .join(format!(".call.parallax.{}.tmp", std::process::id()));
    std::fs::create_dir(&tmp).unwrap();
    std::fs::write(tmp.join("x"), b"x").unwrap();
    let second = Session::new(&base, Options::default(), decide(&base));
    assert!(second.write(&path).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The rename fails: a non-empty directory stands at the target; it is left as it was.
    let target = dir.path().join("taken.parallax");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), b"keep").unwrap();
    assert!(second.write(&target).is_err());
    assert_eq!(std::fs::read(target.join("keep")).unwrap(), b"keep");
    assert!(
        !dir.path()
            .join(format!(".taken.parallax.{}.tmp", std::process::id()))
            .exists(),
        "the temporary file is removed"
    );
}

#[test]
fn bad_session_files_give_one_clear_line_and_change_nothing() {
    let (_, base) = sample();
    let dir = tempfile::tempdir().unwrap();
    let good = Session::new(&base, Options::default(), decide(&base))
        .to_json()
        .unwrap();
    let newer = good.replacen(
        &format!("\"version\": {}", parallax::session::VERSION),
        "\"version\": 7",
        1,
    );
    assert_ne!(newer, good);
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "truncated",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "truncated",
        ),
        (
            "corrupt",
            b"{\"format\": \"parallax-session\", \"version\": 1, \"readouts\": 3}".to_vec(),
            "damaged",
        ),
        (
            "binary",
            vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2],
            "not a Parallax session",
        ),
        ("newer", newer.into_bytes(), "newer Parallax"),
        ("empty", Vec::new(), "empty: the file holds no session"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(format!("{name}.parallax"));
        std::fs::write(&path, &bytes).unwrap();
        let err = Session::read(&path).unwrap_err().to_string();
        assert!(err.contains(message), "{name}: {err}");
        assert!(!err.contains('\n'), "{name}: one line");
        parallax()
            .arg("compare")
            .arg(&path)
            .arg("--format")
            .arg("html")
            .assert()
            .failure()
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(message));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{name}: file unchanged"
        );
    }
}

#[test]
fn cli_renders_a_curated_session_with_marks_and_notes() {
    let (engine, base) = sample();
    let decisions = decide(&base);
    let curated = engine.curate(&base, &decisions).comparison;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.parallax");
    Session::new(&base, Options::default(), decisions)
        .write(&path)
        .unwrap();
    let out = parallax()
        .args(["compare", path.to_str().unwrap(), "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    common::check_contract(&doc, None);
    let manual: Vec<(String, String)> = doc["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["manual"] == true)
        .map(|m| {
            (
                m["a"].as_str().unwrap().to_string(),
                m["b"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(manual, manual_links(&curated));
    let html = parallax()
        .args(["compare", path.to_str().unwrap(), "--format", "html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("Compare with the press conference &lt;b&gt;&amp;&lt;/b&gt; transcript"));
    assert!(html.contains("Both sides open with the call itself"));
    assert!(html.contains("Analyst topic"));
    // A session is given alone.
    parallax()
        .args(["compare", path.to_str().unwrap(), path.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("give it alone"));
}

#[test]
fn a_minimal_version_1_session_opens() {
    // Only what version 1 requires: the format, the version and the two readouts' texts.
    let text = |t: &str| serde_json::json!({"label": "", "source": "x.txt", "text": t});
    let doc = serde_json::json!({
        "format": "parallax-session",
        "version": 1,
        "readouts": [
            text("Secretary Blinken spoke with Foreign Minister Lavrov. He urged Russia to release the detained Americans."),
            text("Sergey Lavrov had a telephone conversation with Antony Blinken. On the detained Americans, Lavrov urged quiet diplomacy."),
        ],
    });
    let session = Session::from_json(doc.to_string().as_bytes(), "min.parallax").unwrap();
    assert!(session.decisions.is_empty());
    let opened = session.open(&Engine::builtin().unwrap()).unwrap();
    assert_eq!(opened.base.sides[1].readout.label, "Russia");
    assert!(opened.curated.stale.is_empty());
}

#[test]
fn a_version_1_session_file_still_opens_with_every_decision() {
    let path = common::root().join("tests/fixtures/session-v1.parallax");
    let session = Session::read(&path).unwrap();
    assert_eq!(session.version, parallax::session::VERSION, "upgraded");
    assert_eq!(session.options.align, AlignOptions::default());
    assert_eq!(
        session.options.model, None,
        "version 1 did not record its model"
    );
    let d = &session.decisions;
    assert_eq!(
        (
            d.links.len(),
            d.unlinks.len(),
            d.moves.len(),
            d.topics.len()
        ),
        (1, 1, 1, 1)
    );
    assert_eq!((d.set_aside.len(), d.notes.len()), (1, 1));
    let opened = session.open(&Engine::builtin().unwrap()).unwrap();
    assert!(
        opened.curated.stale.is_empty(),
        "{:?}",
        opened.curated.stale
    );
    assert_eq!(opened.model_changed, None);
    assert_eq!(opened.curated.comparison.set_aside[0].len(), 1);
}

#[test]
fn a_session_reopens_with_the_alignment_it_was_made_with_and_names_a_changed_model() {
    let (engine, _) = sample();
    let mut strict = engine.clone();
    strict.align = AlignOptions {
        threshold: Some(0.9),
        ..AlignOptions::default()
    };
    let (a, b) = parallax::sample::blinken_lavrov();
    let base = strict.compare(a, b).unwrap();
    let mut options = Options::default();
    options.made_with(&strict);
    let json = Session::new(&base, options, Decisions::default())
        .to_json()
        .unwrap();
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["options"]["align"]["threshold"], 0.9);
    assert!(
        doc["options"]["model"]
            .as_str()
            .unwrap()
            .starts_with("parallax-pair-model v")
    );
    // Opened by an app running the defaults, it aligns as it did when saved.
    let opened = Session::from_json(json.as_bytes(), "s")
        .unwrap()
        .open(&engine)
        .unwrap();
    assert_eq!(opened.engine.align.threshold, Some(0.9));
    assert_eq!(opened.base.matches, base.matches);
    assert_eq!(opened.model_changed, None);
    // Made with another model: said, and the session still opens.
    let other = json.replacen("parallax-pair-model v", "parallax-pair-model-old v", 1);
    let opened = Session::from_json(other.as_bytes(), "s")
        .unwrap()
        .open(&engine)
        .unwrap();
    assert!(
        opened
            .model_changed
            .as_deref()
            .is_some_and(|m| m.contains("parallax-pair-model-old")),
        "{:?}",
        opened.model_changed
    );
}
