//! Reports: snapshots of every format, the HTML's structure, the JSON schema, determinism, and
//! hostile text that must not change any report's structure.
#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

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
    for id in ["sources", "summary", "coverage", "topics", "appendix"] {
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
    for &(_, fa, ta, fb, tb) in parallax::sample::PAIRS {
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
        table_rows(&cmp).len() + 2 * topics,
        "rows plus a header and a rule per topic"
    );
    assert!(md.contains("\\`code\\`") && md.contains("\\|---\\|"));
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
        assert_eq!(r.len(), 10);
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
