//! Reports: snapshots of every format, the HTML's structure, the JSON schema, determinism,
//! hostile text that must not change any report's structure, and the analyst's work (manual
//! links, moved claims, notes, sentences set aside) shown and marked in every format.
#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

mod common;

use parallax::curation::{ClaimRef, Decisions, Edit, NoteTarget, Pair};
use parallax::model::{Comparison, Side};
use parallax::report::{self, Format};
use parallax::rows::{ClaimIndex, Filter, Row, build_rows};
use parallax::{Engine, ingest};
use scraper::{Html, Selector};

fn sample() -> Comparison {
    let (a, b) = parallax::sample::blinken_lavrov();
    Engine::builtin().unwrap().compare(a, b).unwrap()
}

fn render(cmp: &Comparison, format: Format) -> String {
    report::render(cmp, format).replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn snapshots_of_every_format() {
    let cmp = sample();
    insta::assert_snapshot!("sample_markdown", render(&cmp, Format::Md));
    insta::assert_snapshot!("sample_html", render(&cmp, Format::Html));
    insta::assert_snapshot!("sample_csv", render(&cmp, Format::Csv));
}

#[test]
fn same_input_same_bytes() {
    for format in [Format::Json, Format::Md, Format::Html, Format::Csv] {
        assert_eq!(
            report::render(&sample(), format),
            report::render(&sample(), format)
        );
    }
}

/// Rows the topic tables must show: every non-header row.
fn table_rows(cmp: &Comparison) -> Vec<Row> {
    let index = ClaimIndex::new(cmp);
    build_rows(cmp, &index, Filter::All, "")
        .into_iter()
        .filter(|r| !matches!(r, Row::Header(_)))
        .collect()
}

/// Checks the HTML report's sections, rows, highlights and anchors against the comparison.
fn check_html(cmp: &Comparison, html: &str) {
    let doc = Html::parse_document(html);
    for id in [
        "sources", "summary", "coverage", "framing", "topics", "appendix",
    ] {
        assert_eq!(
            doc.select(&sel(&format!("section#{id}"))).count(),
            1,
            "section {id}"
        );
    }
    assert_eq!(doc.select(&sel("script")).count(), 0, "no script element");
    assert_eq!(
        doc.select(&sel("#coverage svg g")).count(),
        cmp.topics.len(),
        "one bar group per topic"
    );
    assert_eq!(doc.select(&sel("section.topic")).count(), cmp.topics.len());
    let rows = table_rows(cmp);
    assert_eq!(
        doc.select(&sel("table.claims tbody tr")).count(),
        rows.len()
    );
    assert_eq!(
        doc.select(&sel("table.claims tbody tr > td")).count(),
        2 * rows.len(),
        "two cells a row"
    );
    let one_sided = cmp.one_sided[0].len() + cmp.one_sided[1].len();
    assert_eq!(
        doc.select(&sel("tr.one-sided td.one-a, tr.one-sided td.one-b"))
            .count(),
        one_sided
    );
    assert_eq!(doc.select(&sel("tr.one-sided .badge")).count(), one_sided);
    assert_eq!(
        doc.select(&sel("tr.match")).count(),
        rows.iter()
            .filter(|r| matches!(r, Row::Pair { .. }))
            .count()
    );
    // Every claim is anchored in the appendix with its exact text, and linked from a table.
    for side in Side::BOTH {
        let data = cmp.side(side);
        for (i, claim) in data.claims.iter().enumerate() {
            let span = doc
                .select(&sel(&format!("span#claim-{}", claim.id)))
                .next()
                .unwrap();
            let text: String = span.text().collect();
            assert_eq!(text, format!("{}{}", claim.id, data.claim_text(i)));
            assert!(
                doc.select(&sel(&format!("table.claims a[href='#claim-{}']", claim.id)))
                    .next()
                    .is_some()
            );
        }
    }
    assert_eq!(doc.select(&sel("#sources tbody tr")).count(), 2);
    let footer: String = doc.select(&sel("footer")).next().unwrap().text().collect();
    assert!(footer.contains("Parallax"));
}

#[test]
fn html_report_has_its_sections_rows_and_highlights() {
    let cmp = sample();
    check_html(&cmp, &report::render(&cmp, Format::Html));
    let html = report::render(&cmp, Format::Html);
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(
        !html.contains("src=") && !html.contains("<link"),
        "self-contained"
    );
    assert!(html.contains(&cmp.sides[0].readout.sha256));
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../assets/comparison.schema.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(doc: &serde_json::Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_of_every_sample_validates_against_the_schema() {
    let engine = Engine::builtin().unwrap();
    let all = parallax::sample::PAIRS
        .iter()
        .chain(std::iter::once(&parallax::sample::RUSSIAN_ORIGINAL));
    for &(_, fa, ta, fb, tb) in all {
        let cmp = engine
            .compare(
                ingest::read_bytes(ta.as_bytes(), fa).unwrap(),
                ingest::read_bytes(tb.as_bytes(), fb).unwrap(),
            )
            .unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&report::render(&cmp, Format::Json)).unwrap();
        assert_valid(&doc);
    }
    // And the schema has teeth: a broken document fails.
    let mut doc: serde_json::Value =
        serde_json::from_str(&report::render(&sample(), Format::Json)).unwrap();
    doc["matches"][0]["score"] = serde_json::json!(1.5);
    doc["sides"][0]["claims"][0]["id"] = serde_json::json!("x1");
    assert!(schema_validator().iter_errors(&doc).count() >= 2);
}

/// Issue 14: the framing in the JSON: each claim's terms with spans into its side's text, the
/// summary with contrasts, tone and initiative; the schema checks them.
#[test]
fn json_carries_each_claims_framing_and_the_summary_issue_14() {
    let cmp = sample();
    let mut doc = json_of(&cmp);
    assert_valid(&doc);
    for side in doc["sides"].as_array().unwrap() {
        let text = side["text"].as_str().unwrap();
        for claim in side["claims"].as_array().unwrap() {
            for term in claim["framing"].as_array().unwrap() {
                let offset = |key: &str| usize::try_from(term[key].as_u64().unwrap()).unwrap();
                let (start, end) = (offset("start"), offset("end"));
                assert_eq!(&text[start..end], term["text"].as_str().unwrap());
                assert!(term["counterparts"].is_array());
            }
        }
    }
    let contrast = &doc["framing"]["contrasts"][0];
    assert_eq!(contrast["a"]["text"], "occupied areas");
    assert_eq!(contrast["b"]["text"], "liberated territories");
    assert_eq!(contrast["basis"], "match");
    assert_eq!(contrast["topic"], "ukraine-territory");
    assert_eq!(doc["framing"]["tone"]["a"][0]["text"], "frank and direct");
    assert_eq!(doc["framing"]["tone"]["b"], serde_json::json!([]));
    let russian: Vec<&str> = doc["framing"]["terms"]["b"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        russian.contains(&"special military operation"),
        "{russian:?}"
    );
    // The schema has teeth here too.
    doc["sides"][1]["claims"][3]["framing"][0]["kind"] = serde_json::json!("mood");
    doc["framing"]["contrasts"][0]["basis"] = serde_json::json!("hunch");
    doc["framing"]["terms"]["a"][0]["claims"] = serde_json::json!(["b1"]);
    assert!(schema_validator().iter_errors(&doc).count() >= 3);
}

/// Issue 14: the Framing section of the HTML and the Markdown (tone, initiative, the contrasts
/// with both sentences, each side's terms), the terms marked in the tables, the CSV column.
#[test]
fn reports_have_a_framing_section_and_mark_the_terms_issue_14() {
    let cmp = sample();
    let html = render(&cmp, Format::Html);
    let doc = Html::parse_document(&html);
    let section = doc.select(&sel("section#framing")).next().unwrap();
    let text: String = section.text().collect();
    assert!(text.contains("Tone of the call"), "{text}");
    assert!(text.contains("“frank and direct”"), "{text}");
    assert_eq!(
        doc.select(&sel("table.contrasts tr.sentences")).count(),
        cmp.framing.contrasts.len()
    );
    let first: Vec<String> = doc
        .select(&sel("table.contrasts tr.sentences td .framing.focus"))
        .take(2)
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(first, ["occupied areas", "liberated territories"]);
    // Every framing term of a claim is marked in the tables, its kind in the title.
    let marked: Vec<String> = doc
        .select(&sel("table.claims span.framing"))
        .map(|e| e.text().collect())
        .collect();
    for side in Side::BOTH {
        let data = cmp.side(side);
        for term in data.claims.iter().flat_map(|c| &c.framing) {
            let words = &data.readout.text[term.start..term.end];
            assert!(marked.iter().any(|m| m == words), "{words} in {marked:?}");
        }
    }
    let title = doc
        .select(&sel("table.claims span.framing[title]"))
        .find(|e| e.text().collect::<String>() == "special military operation")
        .unwrap();
    assert!(
        title
            .value()
            .attr("title")
            .unwrap()
            .starts_with("euphemism · the other side would say: war against Ukraine")
    );
    let md = render(&cmp, Format::Md);
    assert!(md.contains("\n## Framing\n"));
    assert!(md.contains("| Tone of the call | “frank and direct” ([a2](#claim-a2)) |"));
    assert!(md.contains("**occupied areas**") && md.contains("**liberated territories**"));
    assert!(md.contains("*(framing: “Kiev regime”, “regime”)*"));
    let csv = render(&cmp, Format::Csv);
    let b6 = csv.lines().find(|l| l.starts_with("b,b6,")).unwrap();
    assert!(b6.ends_with(",Kiev regime (label); regime (label)"), "{b6}");
}

const HOSTILE_A: &str = "Secretary Blinken spoke with Foreign Minister Lavrov about <script>alert('x')</script> grain exports from Odesa.\n\n\
He said </td></tr></table><!-- a comment --> and a | pipe | table | row stay text, with `code`, *stars* and [a](link).\n\n\
He quoted \"commas, \"\"quotes\"\" and\" a line that ends the table.\n";
const HOSTILE_B: &str = "Sergey Lavrov had a telephone conversation with Antony Blinken about grain exports from Odesa <b>bold</b>.\n\n\
Lavrov said |---|---| and # heading and ~~strike~~ and &amp; are not markup.\n";

fn hostile() -> Comparison {
    let a = ingest::read_bytes(HOSTILE_A.as_bytes(), "us<script>.txt").unwrap();
    let b = ingest::read_bytes(HOSTILE_B.as_bytes(), "ru|x.txt").unwrap();
    Engine::builtin().unwrap().compare(a, b).unwrap()
}

#[test]
fn hostile_text_does_not_change_the_html_structure() {
    let cmp = hostile();
    let html = report::render(&cmp, Format::Html);
    check_html(&cmp, &html);
    assert!(
        !html.contains("<script>") && !html.contains("<!-- a comment") && !html.contains("<b>bold")
    );
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn hostile_text_does_not_change_the_markdown_tables() {
    let cmp = hostile();
    let md = report::render(&cmp, Format::Md);
    assert!(!md.contains("<script") && !md.contains("<b>") && !md.contains("<!--"));
    // Every table line has exactly its columns' unescaped pipes.
    check_md_tables(&cmp, &md);
    assert!(md.contains("\\`code\\`") && md.contains("\\|---\\|"));
}

/// Every line of the topic tables has exactly its columns' unescaped pipes, and the tables have
/// one line per row plus a header and a rule per topic.
fn check_md_tables(cmp: &Comparison, md: &str) {
    let unescaped_pipes = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                n += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        n
    };
    let mut in_topics = false;
    let mut table_lines = 0;
    for line in md.lines() {
        if line.starts_with("## ") {
            in_topics = line == "## Topics";
        }
        if in_topics && line.starts_with('|') {
            assert_eq!(unescaped_pipes(line), 3, "{line}");
            table_lines += 1;
        }
    }
    let topics = cmp.topics.len();
    assert_eq!(
        table_lines,
        table_rows(cmp).len() + 2 * topics,
        "rows plus a header and a rule per topic"
    );
}

#[test]
fn hostile_text_round_trips_through_csv_and_json() {
    let cmp = hostile();
    let csv = report::render(&cmp, Format::Csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let claims = cmp.sides[0].claims.len() + cmp.sides[1].claims.len();
    assert_eq!(records.len(), claims);
    for r in &records {
        assert_eq!(r.len(), 13);
        assert_eq!((&r[10], &r[11]), ("", ""), "nothing manual, no note");
        let side = if &r[0] == "a" { Side::A } else { Side::B };
        let i: usize = r[1][1..].parse::<usize>().unwrap() - 1;
        assert_eq!(
            &r[6],
            cmp.side(side).claim_text(i),
            "the text survives quoting"
        );
        assert!(matches!(&r[3], "matched" | "one-sided"));
    }
    let doc: serde_json::Value = serde_json::from_str(&report::render(&cmp, Format::Json)).unwrap();
    assert_valid(&doc);
    assert_eq!(doc["sides"][0]["text"], HOSTILE_A);
    assert_eq!(doc["sides"][0]["source"], "us<script>.txt");
}

// Issue "reports include notes and mark manual links": the analyst's work in every format.

/// A claim note with text that must be escaped in HTML and Markdown.
const CLAIM_NOTE: &str = "Check the wording: <script>alert(1)</script> & \"quotes\"";
/// A topic note.
const TOPIC_NOTE: &str = "Only Russia's readout & <b>no one else</b> covers this";
/// The analyst's topic and the id made for it.
const NEW_TOPIC: &str = "Occupied territories";
const NEW_TOPIC_ID: &str = "custom-occupied-territories";

/// The sample with an analyst's decisions laid over it, and the claim texts they name.
struct CuratedSample {
    cmp: Comparison,
    /// Linked by the analyst only (a, b).
    linked: (String, String),
    /// Linked by both the machine and the analyst.
    confirmed: (String, String),
    /// Unlinked by the analyst.
    unlinked: (String, String),
    /// Moved to the analyst's topic (side b).
    moved: String,
    /// Set aside as not a claim (side a).
    aside: String,
    /// Has `CLAIM_NOTE` (side b).
    noted: String,
}

/// The id of the claim of `side` that contains `needle` in `cmp`.
fn id_with(cmp: &Comparison, side: Side, needle: &str) -> (usize, String) {
    let data = cmp.side(side);
    let i = (0..data.claims.len())
        .find(|&i| data.claim_text(i).contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}"));
    (i, data.claims[i].id.clone())
}

fn curated_sample() -> CuratedSample {
    let engine = Engine::builtin().unwrap();
    let base = sample();
    let (a_prop, a_prop_id) = id_with(&base, Side::A, "additional costs");
    let (b_exch, b_exch_id) = id_with(&base, Side::B, "liberated territories");
    let (a_raised, a_raised_id) = id_with(&base, Side::A, "will not recognize");
    let (b_liber, b_liber_id) = id_with(&base, Side::B, "goals of the special military");
    let (a_frank, a_frank_id) = id_with(&base, Side::A, "frank and direct");
    let r = |side, i| ClaimRef::of(&base, side, i).unwrap();
    let pair = |a, b| Pair {
        a: r(Side::A, a),
        b: r(Side::B, b),
    };
    // Preconditions: the analyst's link is new, the confirmed and unlinked ones are automatic.
    assert!(base.is_one_sided(Side::A, a_prop));
    let auto = &base.matches[0];
    let confirmed = (
        base.sides[0].claims[auto.a].id.clone(),
        base.sides[1].claims[auto.b].id.clone(),
    );
    assert!(
        base.matches
            .iter()
            .any(|m| m.a == a_raised && m.b == b_liber)
    );
    let mut d = Decisions::default();
    d.apply(Edit::Link(pair(a_prop, b_exch)));
    d.apply(Edit::Link(pair(auto.a, auto.b)));
    d.apply(Edit::Unlink(pair(a_raised, b_liber)));
    d.apply(Edit::MoveToNewTopic(r(Side::B, b_liber), NEW_TOPIC.into()));
    d.apply(Edit::SetAside(r(Side::A, a_frank)));
    d.apply(Edit::Note(
        NoteTarget::Claim {
            claim: r(Side::B, b_exch),
        },
        CLAIM_NOTE.into(),
    ));
    d.apply(Edit::Note(
        NoteTarget::Topic {
            topic: NEW_TOPIC_ID.into(),
        },
        TOPIC_NOTE.into(),
    ));
    let curated = engine.curate(&base, &d);
    assert!(curated.stale.is_empty(), "{:?}", curated.stale);
    assert!(curated.comparison.is_curated());
    CuratedSample {
        cmp: curated.comparison,
        linked: (a_prop_id, b_exch_id.clone()),
        confirmed,
        unlinked: (a_raised_id, b_liber_id.clone()),
        moved: b_liber_id,
        aside: a_frank_id,
        noted: b_exch_id,
    }
}

fn json_of(cmp: &Comparison) -> serde_json::Value {
    serde_json::from_str(&report::render(cmp, Format::Json)).unwrap()
}

/// The JSON object in `list` whose `key` is `value`.
fn find<'a>(list: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value}"))
}

#[test]
fn curated_json_carries_the_analysts_work_and_keeps_the_contract() {
    let s = curated_sample();
    let doc = json_of(&s.cmp);
    common::check_contract(&doc, None);
    assert_valid(&doc);
    assert_eq!(doc["curated"], true);
    let matches = doc["matches"].as_array().unwrap();
    let link = |(a, b): &(String, String)| matches.iter().find(|m| m["a"] == *a && m["b"] == *b);
    let made = link(&s.linked).unwrap();
    assert_eq!(made["manual"], true);
    assert_eq!(made["score"], 1.0);
    assert_eq!(
        made["evidence"],
        serde_json::json!(["linked by the analyst"])
    );
    let confirmed = link(&s.confirmed).unwrap();
    assert_eq!(confirmed["manual"], true);
    assert_ne!(
        confirmed["evidence"], made["evidence"],
        "keeps its evidence"
    );
    assert!(link(&s.unlinked).is_none());
    assert_eq!(
        matches.iter().filter(|m| m["manual"] == true).count(),
        2,
        "only the analyst's links are manual"
    );
    let moved = find(&doc["sides"][1]["claims"], "id", &s.moved);
    assert_eq!(moved["topic"], NEW_TOPIC_ID);
    assert_eq!(moved["topic_manual"], true);
    assert_eq!(moved["note"], serde_json::Value::Null);
    let noted = find(&doc["sides"][1]["claims"], "id", &s.noted);
    assert_eq!(noted["note"], CLAIM_NOTE, "the note as typed, not escaped");
    assert_eq!(noted["topic_manual"], false);
    let topic = find(&doc["topics"], "id", NEW_TOPIC_ID);
    assert_eq!(topic["custom"], true);
    assert_eq!(topic["label"], NEW_TOPIC);
    assert_eq!(topic["note"], TOPIC_NOTE);
    assert_eq!(topic["b"], serde_json::json!([s.moved]));
    assert_eq!(find(&doc["topics"], "id", "prisoners")["custom"], false);
    // The set-aside sentence is a full claim object, gone from the claims and every list.
    let aside = doc["set_aside"]["a"].as_array().unwrap();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0]["id"], s.aside.as_str());
    assert!(
        aside[0]["text"]
            .as_str()
            .unwrap()
            .contains("frank and direct")
    );
    assert_eq!(doc["set_aside"]["b"], serde_json::json!([]));
    let ids: Vec<&str> = doc["sides"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&s.aside.as_str()));
    // The schema checks the new fields' types.
    let mut broken = doc.clone();
    broken["matches"][0]["manual"] = serde_json::json!("yes");
    broken["topics"][0]["note"] = serde_json::json!(3);
    broken["set_aside"]["a"][0]["id"] = serde_json::json!("b1");
    assert!(schema_validator().iter_errors(&broken).count() >= 3);
}

#[test]
fn automatic_json_says_it_is_not_curated_and_marks_nothing() {
    let cmp = sample();
    assert!(!cmp.is_curated());
    let doc = json_of(&cmp);
    common::check_contract(&doc, None);
    assert_eq!(doc["curated"], false);
    assert_eq!(doc["set_aside"], serde_json::json!({"a": [], "b": []}));
    for m in doc["matches"].as_array().unwrap() {
        assert_eq!(m["manual"], false);
    }
    for t in doc["topics"].as_array().unwrap() {
        assert_eq!(
            (&t["custom"], &t["note"]),
            (&serde_json::json!(false), &serde_json::Value::Null)
        );
    }
    for side in doc["sides"].as_array().unwrap() {
        for c in side["claims"].as_array().unwrap() {
            assert_eq!(c["topic_manual"], false);
            assert_eq!(c["note"], serde_json::Value::Null);
        }
    }
    // And the contract check notices a document that claims otherwise.
    let mut lying = doc.clone();
    lying["matches"][0]["manual"] = serde_json::json!(true);
    assert!(std::panic::catch_unwind(|| common::check_contract(&lying, None)).is_err());
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one assertion per mark the analyst can leave, in one report"
)]
fn curated_html_marks_manual_links_moves_notes_and_set_aside_sentences() {
    let s = curated_sample();
    let html = report::render(&s.cmp, Format::Html);
    check_html(&s.cmp, &html);
    let doc = Html::parse_document(&html);
    let text_of = |e: scraper::ElementRef| e.text().collect::<String>();
    // Manual links: one marked row each, with an explanation on hover.
    let manual_rows: Vec<_> = doc.select(&sel("tr.match.manual")).collect();
    assert_eq!(manual_rows.len(), 2);
    for row in &manual_rows {
        let mark = row.select(&sel(".mark.manual-link")).next().unwrap();
        assert_eq!(text_of(mark), "✎ manual link");
        assert!(mark.value().attr("title").unwrap().contains("The analyst"));
    }
    let made = manual_rows
        .iter()
        .find(|r| {
            r.select(&sel(&format!("a[href='#claim-{}']", s.linked.0)))
                .next()
                .is_some()
        })
        .unwrap();
    assert!(text_of(*made).contains(&s.linked.1));
    assert_eq!(made.select(&sel(".score")).count(), 0, "no made-up score");
    assert_eq!(
        doc.select(&sel("tr.match:not(.manual) .mark:not(.rejected)"))
            .count(),
        0
    );
    // The unlinked pair: its machine link is recorded as rejected, on the claim of side a.
    let rejected: Vec<String> = doc.select(&sel(".mark.rejected")).map(text_of).collect();
    assert!(
        rejected
            .iter()
            .any(|m| m == &format!("✎ link to {} rejected", s.unlinked.1)),
        "{rejected:?}"
    );
    // The moved claim, in the analyst's topic with its note.
    let topic = doc
        .select(&sel(&format!("section#topic-{NEW_TOPIC_ID}")))
        .next()
        .unwrap();
    let heading = topic.select(&sel("h3")).next().unwrap();
    assert!(text_of(heading).starts_with(NEW_TOPIC));
    assert_eq!(
        text_of(heading.select(&sel(".mark.custom-topic")).next().unwrap()),
        "analyst's topic"
    );
    let topic_note = topic
        .select(&sel("h3 + aside.analyst-note"))
        .next()
        .unwrap();
    assert_eq!(text_of(topic_note), format!("Note{TOPIC_NOTE}"));
    let moved = topic
        .select(&sel(&format!("a[href='#claim-{}']", s.moved)))
        .next()
        .unwrap();
    let cell = scraper::ElementRef::wrap(moved.parent().unwrap()).unwrap();
    assert_eq!(
        text_of(cell.select(&sel(".mark.moved")).next().unwrap()),
        "moved by the analyst"
    );
    assert_eq!(doc.select(&sel(".mark.moved")).count(), 1);
    // The claim note, once, escaped, labelled.
    let notes: Vec<_> = doc
        .select(&sel("table.claims aside.analyst-note"))
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(text_of(notes[0]), format!("Note{CLAIM_NOTE}"));
    let note_cell = scraper::ElementRef::wrap(notes[0].parent().unwrap()).unwrap();
    assert!(
        note_cell
            .select(&sel(&format!("a[href='#claim-{}']", s.noted)))
            .next()
            .is_some()
    );
    assert!(html.contains(
        "Check the wording: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"
    ));
    assert!(html.contains("&amp; &lt;b&gt;no one else&lt;/b&gt;"));
    assert!(!html.contains("<script>") && !html.contains("<b>no one"));
    // The set-aside sentence: listed, and struck in the full text, linked both ways.
    let aside = doc.select(&sel("section#set-aside")).next().unwrap();
    assert!(text_of(aside).contains("Set aside as not claims"));
    let items: Vec<_> = aside.select(&sel("#set-aside-a li")).collect();
    assert_eq!(items.len(), 1);
    assert!(text_of(items[0]).contains("frank and direct"));
    assert!(
        items[0]
            .select(&sel(&format!("a[href='#claim-{}']", s.aside)))
            .next()
            .is_some()
    );
    assert_eq!(aside.select(&sel("#set-aside-b")).count(), 0);
    let span = doc
        .select(&sel(&format!(
            "#appendix span.claim.set-aside#claim-{}",
            s.aside
        )))
        .next()
        .unwrap();
    assert!(span.select(&sel("a[href='#set-aside-a']")).next().is_some());
    assert_eq!(
        doc.select(&sel(&format!("table.claims a[href='#claim-{}']", s.aside)))
            .count(),
        0,
        "a set-aside sentence is in no table"
    );
    // The summary counts the analyst's work and names the marks.
    let curation = text_of(doc.select(&sel("#summary p.curation")).next().unwrap());
    for part in [
        "2 manual links (1 made, 1 confirmed)",
        "1 claim moved to another topic",
        "1 new topic",
        "2 notes",
        "1 sentence set aside",
        "✎ manual link",
    ] {
        assert!(curation.contains(part), "{part} in {curation:?}");
    }
}

#[test]
fn automatic_html_has_no_marks_notes_or_set_aside_section() {
    let html = report::render(&sample(), Format::Html);
    let doc = Html::parse_document(&html);
    for selector in [
        ".mark",
        "aside.analyst-note",
        "#set-aside",
        "p.curation",
        "tr.manual",
    ] {
        assert_eq!(doc.select(&sel(selector)).count(), 0, "{selector}");
    }
}

#[test]
fn curated_markdown_marks_manual_links_moves_notes_and_set_aside_sentences() {
    let s = curated_sample();
    let md = render(&s.cmp, Format::Md);
    check_md_tables(&s.cmp, &md);
    // The first line of the topic tables with the needle (the Framing section above them
    // links claims too).
    let tables = &md[md.find("\n## Topics\n").unwrap()..];
    let line_with = |needle: &str| {
        tables
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}"))
    };
    let made = line_with(&format!("[{}](#claim-{})", s.linked.0, s.linked.0));
    assert!(made.contains(&format!("[{}](#claim-{})", s.linked.1, s.linked.1)));
    assert!(
        made.ends_with("**(manual link)** *(note below)* |"),
        "{made}"
    );
    assert!(!made.contains("score"));
    let confirmed = line_with(&format!("[{}](#claim-{}) ", s.confirmed.1, s.confirmed.1));
    assert!(confirmed.contains(")* **(manual link)** |"), "{confirmed}");
    assert_eq!(
        md.matches("**(manual link)**").count(),
        3,
        "two links and the summary"
    );
    assert!(
        line_with(&format!("[{}](#claim-{})", s.moved, s.moved)).contains(&format!(
            "[{}](#claim-{}) *(moved by the analyst)*",
            s.moved, s.moved
        ))
    );
    assert!(md.contains(&format!("\n### {NEW_TOPIC} *(analyst's topic)*\n\n> **Note:** Only Russia's readout &amp; &lt;b&gt;no one else&lt;/b&gt; covers this\n")));
    assert!(md.contains(&format!(
        "\n> **Note on [{0}](#claim-{0}):** Check the wording: &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\"\n",
        s.noted
    )));
    assert_eq!(md.matches("> **Note on").count(), 1);
    assert!(!md.contains("<script") && !md.contains("<b>"));
    assert!(md.contains("\n<a id=\"set-aside\"></a>\n\n## Set aside as not claims\n"));
    let listed = line_with(&format!("- [{0}](#claim-{0}) ", s.aside));
    assert!(listed.contains("frank and direct"));
    assert!(md.contains(&format!(
        "<a id=\"claim-{0}\"></a>**{0}** *(set aside)* ",
        s.aside
    )));
    assert!(md.contains("**Corrected by an analyst:** 2 manual links (1 made, 1 confirmed)"));
    insta::assert_snapshot!("curated_markdown", md);
}

#[test]
fn automatic_markdown_has_no_marks_or_notes() {
    let md = render(&sample(), Format::Md);
    for mark in [
        "manual link",
        "moved by the analyst",
        "analyst's topic",
        "> **Note",
        "Set aside",
        "Corrected by",
    ] {
        assert!(!md.contains(mark), "{mark}");
    }
}

#[test]
fn curated_csv_has_manual_and_note_columns_and_set_aside_rows() {
    let s = curated_sample();
    let csv = report::render(&s.cmp, Format::Csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "side",
            "claim",
            "topic",
            "state",
            "matched",
            "best_score",
            "text",
            "party",
            "source",
            "sha256",
            "manual",
            "note",
            "framing"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let claims = s.cmp.sides[0].claims.len() + s.cmp.sides[1].claims.len();
    assert_eq!(
        records.len(),
        claims + 1,
        "every claim and the set-aside sentence"
    );
    assert!(records.iter().all(|r| r.len() == 13));
    let row = |id: &str| records.iter().find(|r| &r[1] == id).unwrap();
    let made_a = row(&s.linked.0);
    assert_eq!(
        (&made_a[3], &made_a[4], &made_a[5]),
        ("matched", s.linked.1.as_str(), "1.000")
    );
    assert_eq!(&made_a[10], "link");
    let made_b = row(&s.linked.1);
    assert_eq!(&made_b[10], "link");
    assert_eq!(&made_b[11], CLAIM_NOTE, "the note survives quoting");
    assert_eq!(&row(&s.confirmed.0)[10], "link");
    let moved = row(&s.moved);
    assert_eq!(
        (&moved[2], &moved[3], &moved[10]),
        (NEW_TOPIC_ID, "one-sided", "topic;unlink"),
        "the moved claim also lost its machine link"
    );
    let unlinked = row(&s.unlinked.0);
    assert!(!unlinked[4].split(' ').any(|id| id == s.unlinked.1));
    assert!(unlinked[10].ends_with("unlink"), "{:?}", &unlinked[10]);
    let aside = row(&s.aside);
    assert_eq!(
        (&aside[0], &aside[3], &aside[4], &aside[5]),
        ("a", "set aside", "", "")
    );
    assert!(aside[6].contains("frank and direct"));
    // Rows stay in text order, the set-aside sentence in its place.
    let a_ids: Vec<&str> = records
        .iter()
        .filter(|r| &r[0] == "a")
        .map(|r| &r[1])
        .collect();
    let pos = a_ids.iter().position(|id| *id == s.aside).unwrap();
    assert!(pos > 0 && pos + 1 < a_ids.len());
    let num = |id: &str| id[1..].parse::<usize>().unwrap();
    assert!(a_ids.windows(2).all(|w| num(w[0]) < num(w[1])));
    assert_eq!(
        records.iter().filter(|r| !r[10].is_empty()).count(),
        6,
        "four linked claims, the moved one and the unlinked claim of side a"
    );
    let automatic = report::render(&sample(), Format::Csv);
    let marked: Vec<String> = csv::Reader::from_reader(automatic.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[10].is_empty() || !r[11].is_empty() || &r[3] == "set aside")
        .map(|r| r[1].to_string())
        .collect();
    assert!(
        marked.is_empty(),
        "automatic output marks nothing: {marked:?}"
    );
}

#[test]
fn json_records_the_machine_links_the_analyst_rejected() {
    let s = curated_sample();
    let doc: serde_json::Value =
        serde_json::from_str(&report::render(&s.cmp, Format::Json)).unwrap();
    common::check_contract(&doc, None);
    let rejected = doc["rejected"].as_array().expect("a rejected list");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["a"], s.unlinked.0.as_str());
    assert_eq!(rejected[0]["b"], s.unlinked.1.as_str());
    assert!(rejected[0]["score"].as_f64().unwrap() > 0.0);
    let automatic: serde_json::Value =
        serde_json::from_str(&report::render(&sample(), Format::Json)).unwrap();
    assert!(
        automatic.get("rejected").is_none(),
        "automatic output unchanged"
    );
}

/// The bundled Russian-language pair: the State Department's readout and the Russian Foreign
/// Ministry's, which says the call was made at the US side's initiative.
fn russian_sample() -> Comparison {
    let dir = common::root().join("samples/2022-01-18-blinken-lavrov-ru");
    Engine::builtin()
        .unwrap()
        .compare(
            ingest::read_path(&dir.join("us.txt")).unwrap(),
            ingest::read_path(&dir.join("ru.txt")).unwrap(),
        )
        .unwrap()
}

#[test]
fn every_format_says_who_asked_for_the_call_issue_13() {
    let cmp = russian_sample();
    let said = "United States (the other side): “по инициативе американской стороны”";
    let doc = json_of(&cmp);
    common::check_contract(&doc, None);
    assert!(
        doc["sides"][0].get("initiative").is_none(),
        "the US readout does not say, and JSON leaves the field out"
    );
    let initiative = &doc["sides"][1]["initiative"];
    assert_eq!(initiative["party"], "United States");
    assert_eq!(initiative["side"], "other_side");
    assert_eq!(initiative["phrase"], "по инициативе американской стороны");
    assert!(render(&cmp, Format::Html).contains(&format!("<br>Initiative: {said}</td>")));
    assert!(render(&cmp, Format::Md).contains(&format!(" · Initiative: {said} |")));
    // The schema checks the field.
    let mut broken = doc.clone();
    broken["sides"][1]["initiative"]["side"] = serde_json::json!("both");
    assert!(schema_validator().iter_errors(&broken).count() >= 1);
}

/// Issue 13: the translation check in every format, and its JSON against the schema.
#[test]
fn a_translation_check_appears_in_json_markdown_and_html() {
    let engine = Engine::builtin().unwrap();
    let english = include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt");
    // The Ministry's English version without its sentence on sanctions.
    let english: String = english
        .split_inclusive(". ")
        .filter(|s| !s.contains("US sanctions"))
        .collect();
    let russian = include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt");
    let cmp = engine
        .compare(
            ingest::read_bytes(english.as_bytes(), "mid-en.txt").unwrap(),
            ingest::read_bytes(russian.as_bytes(), "mid-ru.txt").unwrap(),
        )
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&report::render(&cmp, Format::Json)).unwrap();
    assert_valid(&doc);
    let t = &doc["translation"];
    assert_eq!(t["original"], "b");
    let dropped: Vec<&serde_json::Value> = t["beads"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "dropped")
        .collect();
    assert_eq!(dropped.len(), 1, "{t}");
    let md = report::render(&cmp, Format::Md);
    assert!(md.contains("## Translation check"), "{md}");
    assert!(md.contains("| dropped | С.В.Лавров подчеркнул, что ситуация с продовольствием"));
    let html = report::render(&cmp, Format::Html);
    assert!(html.contains("<h2>Translation check</h2>"));
    assert!(html.contains("<td>dropped</td>"));
    // Two governments' readouts have none.
    let (a, b) = parallax::sample::blinken_lavrov();
    let plain = engine.compare(a, b).unwrap();
    assert!(!report::render(&plain, Format::Md).contains("Translation check"));
}

/// Issue 13: three witnesses — the US readout, the Russian original and the Ministry's English
/// version — in JSON (against the schema), Markdown and HTML; CSV says it has no place for them.
#[test]
fn three_witnesses_keep_the_two_sided_document_and_add_the_third() {
    let engine = Engine::builtin().unwrap();
    let read = |text: &str, name: &str| ingest::read_bytes(text.as_bytes(), name).unwrap();
    let w = engine
        .compare_three(
            read(
                include_str!("../samples/2022-07-29-blinken-lavrov/us.txt"),
                "us.txt",
            ),
            read(
                include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt"),
                "mid-ru.txt",
            ),
            read(
                include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt"),
                "mid-en.txt",
            ),
        )
        .unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&report::witnesses::render(&w, Format::Json).unwrap()).unwrap();
    assert_valid(&doc);
    // The a–b document is the two-sided one.
    let two: serde_json::Value =
        serde_json::from_str(&report::render(&w.ab, Format::Json)).unwrap();
    assert_eq!(doc["sides"], two["sides"]);
    assert_eq!(doc["matches"], two["matches"]);
    let third = &doc["third"];
    assert_eq!(third["side"]["key"], "c");
    assert_eq!(third["side"]["claims"][0]["id"], "c1");
    assert!(
        third["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["with"] == "a")
    );
    assert!(
        third["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["with"] == "b")
    );
    let t = &third["translations"][0];
    assert_eq!(t["between"], serde_json::json!(["b", "c"]));
    assert_eq!(t["original"], "b");
    assert!(t["linked_share"].as_f64().unwrap() >= 0.8, "{t}");
    let md = report::witnesses::render(&w, Format::Md).unwrap();
    assert!(md.contains("## Third witness: c"));
    let html = report::witnesses::render(&w, Format::Html).unwrap();
    let third_at = html.find("<section id=\"third\">").unwrap();
    assert!(third_at < html.find("<footer>").unwrap());
    let csv = report::witnesses::render(&w, Format::Csv).unwrap_err();
    assert!(csv.contains("json, md or html") && !csv.contains('\n'));
}
