//! The same readout as text, with front matter, as a saved web page, as a PDF and as a Word
//! document gives the same claims; each format's metadata and failures reach the user.
#![allow(clippy::unwrap_used, reason = "test helpers may unwrap")]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use parallax::{Engine, ingest};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> PathBuf {
    root().join("samples/2022-07-29-blinken-lavrov").join(name)
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/formats").join(name)
}

/// Side a's claim texts, whitespace folded, after comparing `a` with the Russian sample.
fn claims(a: &Path) -> Vec<String> {
    let engine = Engine::builtin().unwrap();
    let cmp = engine
        .compare(
            ingest::read_path(a).unwrap(),
            ingest::read_path(&sample("ru.txt")).unwrap(),
        )
        .unwrap();
    let side = &cmp.sides[0];
    (0..side.claims.len())
        .map(|i| {
            side.claim_text(i)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A minimal .docx holding the sample's paragraphs.
fn docx_of(text: &str, path: &Path) {
    let mut body = String::new();
    for p in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let escaped = p
            .trim()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = write!(
            body,
            "<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
        );
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn the_same_readout_in_every_format_gives_the_same_claims() {
    let reference = claims(&sample("us.txt"));
    assert!(reference.len() >= 6);
    assert_eq!(claims(&fixture("us.html")), reference, "HTML");
    assert_eq!(claims(&fixture("us.pdf")), reference, "PDF");
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("us.docx");
    docx_of(&std::fs::read_to_string(sample("us.txt")).unwrap(), &docx);
    assert_eq!(claims(&docx), reference, "DOCX");
    let with_fm = dir.path().join("us-fm.txt");
    let fm = "---\nparty: United States (State Department)\ntitle: Secretary Blinken's Call with Russian Foreign Minister Lavrov\ndate: 2022-07-29\nurl: https://example.org/readout\n---\n";
    std::fs::write(
        &with_fm,
        format!("{fm}{}", std::fs::read_to_string(sample("us.txt")).unwrap()),
    )
    .unwrap();
    assert_eq!(claims(&with_fm), reference, "front matter");
}

#[test]
fn metadata_reaches_the_json() {
    let out = Command::cargo_bin("parallax")
        .unwrap()
        .arg("compare")
        .arg(fixture("us.html"))
        .arg(sample("ru.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let a = &doc["sides"][0];
    assert_eq!(a["input_format"], "html");
    assert_eq!(
        a["title"],
        "Secretary Blinken's Call with Russian Foreign Minister Lavrov"
    );
    assert_eq!(a["date"], "2022-07-29");
    assert!(
        a["url"]
            .as_str()
            .unwrap()
            .starts_with("https://www.state.gov/")
    );
    assert_eq!(a["label"], "United States");
    let text = a["text"].as_str().unwrap();
    for junk in [
        "Skip to content",
        "cookies",
        "Policy Issues",
        "Share on",
        "Related Articles",
        "Privacy Policy",
        "analytics",
    ] {
        assert!(!text.contains(junk), "boilerplate {junk:?} kept");
    }

    let dir = tempfile::tempdir().unwrap();
    let with_fm = dir.path().join("kremlin.txt");
    std::fs::write(&with_fm, "---\nparty: Russian Federation\ntitle: Telephone conversation\ndate: 29 July 2022\n---\nSergey Lavrov spoke with Antony Blinken.\n").unwrap();
    let out = Command::cargo_bin("parallax")
        .unwrap()
        .arg("compare")
        .arg(sample("us.txt"))
        .arg(&with_fm)
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["sides"][1]["label"], "Russian Federation");
    assert_eq!(doc["sides"][1]["title"], "Telephone conversation");
    assert_eq!(
        doc["sides"][1]["text"],
        "Sergey Lavrov spoke with Antony Blinken.\n"
    );
}

/// Runs `compare` on a bad file and checks the one-line message.
fn refused(bytes: &[u8], name: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let assert = Command::cargo_bin("parallax")
        .unwrap()
        .arg("compare")
        .arg(&path)
        .arg(sample("ru.txt"))
        .assert()
        .failure()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(name) && stderr.contains(expected),
        "{stderr:?} should mention {expected:?}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn broken_documents_are_refused_with_a_reason() {
    let pdf = std::fs::read(fixture("us.pdf")).unwrap();
    refused(&pdf[..pdf.len() / 2], "half.pdf", "PDF");
    refused(b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body></html>", "menu.html", "no readable body");
    refused(
        b"PK\x03\x04 this is not really a zip",
        "cut.docx",
        "Word document",
    );
    refused(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word file",
        "old.doc",
        "encrypted Office document or a legacy .doc",
    );
    refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "scan.png", "PNG image");
    // A damaged PDF on which the PDF parser panics: contained, and no panic message on stderr.
    let good = std::fs::read(root().join("tests/fixtures/pdf/readout.pdf")).unwrap();
    let from = b"28 0 obj\n<</Filter".as_slice();
    let at = good.windows(from.len()).position(|w| w == from).unwrap();
    let mut damaged = good.clone();
    damaged[at..at + from.len()].copy_from_slice(b"28 0 obj\n<</FFlter");
    refused(&damaged, "damaged.pdf", "a damaged or unsupported PDF");
    refused(
        &std::fs::read(root().join("tests/fixtures/pdf/encrypted.pdf")).unwrap(),
        "locked.pdf",
        "encrypted PDF",
    );
    refused(
        &std::fs::read(root().join("tests/fixtures/pdf/image-only.pdf")).unwrap(),
        "scan.pdf",
        "no text layer",
    );
}
