//! PDF readouts: the text layer in reading order, lines joined into paragraphs.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, PlainTextOutput, decode_text_string, output_doc};

use super::Extracted;
use crate::error::{Error, Result};

/// The reason given for an encrypted PDF that cannot be opened without a password.
const ENCRYPTED: &str = "an encrypted PDF; remove the password first";

/// The reason given when the PDF parser panics.
const DAMAGED: &str = "a damaged or unsupported PDF";

/// Extracts the text of a PDF readout: paragraphs in reading order, whitespace-normalised and
/// separated by a blank line (how lines are joined is described on `paragraphs` below). The
/// title is the document information dictionary's `/Title`, when present; no date or URL is
/// read.
///
/// A PDF with only an owner password (permissions, but no password to open it) is read; one
/// that needs a password to open is refused. lopdf 0.36 cannot decrypt 40-bit RC4 (R2) or
/// AES-256 (R6) files even with an empty password, so those are refused as encrypted too. The
/// parser can panic on malformed input: the panic is contained here and reported as an error.
///
/// # Errors
/// [`Error::Unreadable`] for input that is not a PDF, or is damaged or truncated; a PDF that
/// needs a password; a PDF with no text layer (scanned or image-only).
pub fn extract(input: &[u8], source: &str) -> Result<Extracted> {
    // The one place a panic is contained: pdf-extract and lopdf index and unwrap freely on
    // malformed files. Nothing shared is mutated inside, so unwind safety is not a concern.
    // The panic is an expected outcome here, so its message is kept off stderr (this thread only).
    install_quiet_hook();
    QUIET.with(|q| q.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| read_pdf(input)));
    QUIET.with(|q| q.set(false));
    outcome
        .unwrap_or_else(|_| Err(DAMAGED.to_string()))
        .map_err(|reason| Error::Unreadable {
            source_name: source.to_string(),
            reason,
        })
}

thread_local! {
    /// Set while this thread runs code whose panics are contained and reported as errors.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the panic hook once so that it stays silent on threads that set [`QUIET`].
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// [`extract`] with the failure as a bare reason; may panic on malformed input.
fn read_pdf(input: &[u8]) -> Result<Extracted, String> {
    // Loading tries the empty user password itself, so a document still encrypted afterwards
    // needs a real one.
    let document = match Document::load_mem(input) {
        Ok(document) => document,
        // lopdf may fail on an encryption scheme it does not know: say what the file is.
        Err(_) if has_encrypt_key(input) => return Err(ENCRYPTED.to_string()),
        Err(e) => return Err(format!("a damaged or truncated PDF, or not a PDF ({e})")),
    };
    if document.is_encrypted() {
        return Err(ENCRYPTED.to_string());
    }
    if document.get_pages().is_empty() {
        return Err("a PDF with no pages".to_string());
    }
    let mut raw = String::new();
    output_doc(&document, &mut PlainTextOutput::new(&mut raw))
        .map_err(|e| format!("{DAMAGED} ({e})"))?;
    let text = paragraphs(&raw).join("\n\n");
    if text.is_empty() {
        return Err("no text layer (an image-only or scanned PDF?)".to_string());
    }
    Ok(Extracted {
        text,
        title: title(&document),
        date: None,
        url: None,
    })
}

/// Whether the bytes name an `/Encrypt` dictionary anywhere (a fallback when lopdf cannot load
/// the file at all).
fn has_encrypt_key(input: &[u8]) -> bool {
    input.windows(b"/Encrypt".len()).any(|w| w == b"/Encrypt")
}

/// The `/Title` of the document information dictionary, normalised; `None` if absent or blank.
fn title(document: &Document) -> Option<String> {
    let (_, info) = document
        .dereference(document.trailer.get(b"Info").ok()?)
        .ok()?;
    let (_, title) = document
        .dereference(info.as_dict().ok()?.get(b"Title").ok()?)
        .ok()?;
    let title = normalise(&decode_text_string(title).ok()?);
    (!title.is_empty()).then_some(title)
}

/// Joins the lines pdf-extract writes into paragraphs, each whitespace-normalised, empty ones
/// dropped.
///
/// pdf-extract starts a new line when the baseline moves down, and leaves a blank line when it
/// moves by more than one and a half times the font size, which is how spaced paragraphs (and
/// page breaks) show. So:
/// - a blank line always ends a paragraph;
/// - only when the text has no blank line at all (paragraphs set without spacing between them),
///   a line ending a sentence (`.`, `!` or `?`, maybe followed by a closing quote or bracket)
///   followed by a line starting with a capital (maybe after an opening quote) also ends one.
///   Applied to spaced text, this rule would split paragraphs wherever a sentence happens to
///   end at the end of a line;
/// - a line ending in a hyphen after a letter, followed by one starting with a lowercase
///   letter, joins it with no space ("cross-" + "border" → "cross-border");
/// - any other line joins the previous one with a space.
///
/// A paragraph that runs over a page break comes out as two.
fn paragraphs(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.trim().lines().map(str::trim).collect();
    let spaced = lines.iter().any(|line| line.is_empty());
    let mut done = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            finish(&mut current, &mut done);
            continue;
        }
        if !current.is_empty() {
            if !spaced && ends_sentence(&current) && starts_sentence(line) {
                finish(&mut current, &mut done);
            } else if !joins_hyphenated(&current, line) {
                current.push(' ');
            }
        }
        current.push_str(line);
    }
    finish(&mut current, &mut done);
    done
}

/// Moves the paragraph being built, normalised, to `done` unless it is empty.
fn finish(current: &mut String, done: &mut Vec<String>) {
    let paragraph = normalise(current);
    if !paragraph.is_empty() {
        done.push(paragraph);
    }
    current.clear();
}

/// Whether the text ends a sentence: `.`, `!` or `?`, maybe followed by closing quotes or
/// brackets.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?'])
}

/// Whether the line starts a sentence: a capital letter, maybe after opening quotes or brackets.
fn starts_sentence(line: &str) -> bool {
    line.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether `current` ends in a letter and a hyphen and `next` starts with a lowercase letter.
fn joins_hyphenated(current: &str, next: &str) -> bool {
    let Some(before) = current.strip_suffix('-') else {
        return false;
    };
    before.chars().next_back().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// Collapses each run of whitespace to one space and trims the ends.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Printed by headless Chromium from `readout.html` next to it (see the README there).
    const READOUT: &[u8] = include_bytes!("../../tests/fixtures/pdf/readout.pdf");
    /// Printed by headless Chromium from `image-only.html`: one page with a vector drawing only.
    const IMAGE_ONLY: &[u8] = include_bytes!("../../tests/fixtures/pdf/image-only.pdf");
    /// `readout.pdf` encrypted by qpdf (AES-256) with the user password "secret-user".
    const ENCRYPTED_PDF: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted.pdf");
    /// `readout.pdf` encrypted by qpdf (AES-128) with the user password "secret-user".
    const ENCRYPTED_AES128_PDF: &[u8] =
        include_bytes!("../../tests/fixtures/pdf/encrypted-aes128.pdf");
    /// `readout.pdf` encrypted by qpdf (AES-128) with an empty user password: opens without
    /// one, but carries permissions (no printing, no changes).
    const RESTRICTED_PDF: &[u8] = include_bytes!("../../tests/fixtures/pdf/restricted.pdf");

    const TITLE: &str =
        "Readout of the Foreign Minister's Call with the Foreign Minister of Norland";

    /// The paragraphs of `readout.html`, in order.
    const PARAGRAPHS: [&str; 4] = [
        TITLE,
        "On Tuesday the Foreign Minister spoke by telephone with the Foreign Minister of \
         Norland. The two ministers reviewed the progress made since the joint commission met \
         in the spring and agreed that the commission should meet again before the end of the \
         year to take stock of trade, energy and transport cooperation.",
        "The Foreign Minister welcomed Norland's decision to reopen the northern border crossing \
         to commercial traffic. Both sides underlined the importance of predictable rules for \
         cross-border freight and asked their officials to complete the customs arrangement \
         without delay.",
        "The ministers also exchanged views on regional security. They agreed to remain in close \
         contact and to coordinate their positions ahead of the autumn ministerial meeting.",
    ];

    fn reason(result: Result<Extracted>) -> String {
        match result {
            Err(Error::Unreadable {
                source_name,
                reason,
            }) => {
                assert_eq!(source_name, "call.pdf");
                reason
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn reads_paragraphs_in_order_and_the_title() {
        let got = extract(READOUT, "call.pdf").unwrap();
        assert_eq!(got.text, PARAGRAPHS.join("\n\n"));
        assert_eq!(got.title.as_deref(), Some(TITLE));
        assert_eq!(got.date, None);
    }

    #[test]
    fn reads_a_pdf_with_only_an_owner_password() {
        let got = extract(RESTRICTED_PDF, "call.pdf").unwrap();
        assert_eq!(got.text, PARAGRAPHS.join("\n\n"));
    }

    #[test]
    fn refuses_an_encrypted_pdf() {
        assert_eq!(reason(extract(ENCRYPTED_PDF, "call.pdf")), ENCRYPTED);
        assert_eq!(reason(extract(ENCRYPTED_AES128_PDF, "call.pdf")), ENCRYPTED);
    }

    #[test]
    fn refuses_an_image_only_pdf() {
        let why = reason(extract(IMAGE_ONLY, "call.pdf"));
        assert_eq!(why, "no text layer (an image-only or scanned PDF?)");
    }

    #[test]
    fn refuses_truncated_pdfs() {
        for cut in [READOUT.len() / 2, READOUT.len() - 200, 1024, 10] {
            let why = reason(extract(&READOUT[..cut], "call.pdf"));
            assert!(!why.is_empty());
        }
        let why = reason(extract(
            &ENCRYPTED_PDF[..ENCRYPTED_PDF.len() / 2],
            "call.pdf",
        ));
        assert!(!why.is_empty());
    }

    #[test]
    fn contains_a_panic_of_the_parser() {
        // Found by mutating readout.pdf: with the `/Filter` key of object 28 (a font stream)
        // misspelt, pdf-extract panics instead of returning an error.
        let (from, to) = (
            b"28 0 obj\n<</Filter".as_slice(),
            b"28 0 obj\n<</FFlter".as_slice(),
        );
        let at = READOUT.windows(from.len()).position(|w| w == from).unwrap();
        let mut damaged = READOUT.to_vec();
        damaged[at..at + to.len()].copy_from_slice(to);
        assert_eq!(reason(extract(&damaged, "call.pdf")), DAMAGED);
    }

    #[test]
    fn refuses_input_that_is_not_a_pdf() {
        let why = reason(extract(b"Readout of the call.", "call.pdf"));
        assert!(why.contains("not a PDF"), "{why}");
        let why = reason(extract(b"", "call.pdf"));
        assert!(why.contains("not a PDF"), "{why}");
    }

    #[test]
    fn joins_lines_on_blank_lines_when_spaced() {
        let raw = "\nFirst line of a paragraph. It goes\non here.\nAnd ends here with a cross-\nborder word.\n\n\nSecond   paragraph.\n";
        assert_eq!(
            paragraphs(raw),
            [
                "First line of a paragraph. It goes on here. And ends here with a cross-border word.",
                "Second paragraph."
            ]
        );
    }

    #[test]
    fn splits_on_sentence_ends_when_not_spaced() {
        let raw = "The ministers met on Monday.\nThey discussed trade and\n\u{201c}Energy\u{201d} security.\n\u{201c}We agree,\u{201d} they said.\nnot a new one.\nA well-\nKnown case.";
        assert_eq!(
            paragraphs(raw),
            [
                "The ministers met on Monday.",
                "They discussed trade and \u{201c}Energy\u{201d} security.",
                "\u{201c}We agree,\u{201d} they said. not a new one.",
                "A well- Known case."
            ]
        );
    }

    #[test]
    fn no_lines_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n \t\n").is_empty());
    }
}
