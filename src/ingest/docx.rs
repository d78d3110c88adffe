//! Word (.docx) readouts: paragraphs from `word/document.xml`, title from `docProps/core.xml`.

use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use zip::ZipArchive;
use zip::result::ZipError;

use super::Extracted;
use crate::error::{Error, Result};

/// Most entries an archive may list; more is refused before anything is unpacked.
const MAX_ENTRIES: usize = 10_000;

/// Most bytes `word/document.xml` may unpack to (declared or actual).
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Most bytes of `docProps/core.xml` read; larger metadata is ignored.
const MAX_CORE_BYTES: u64 = 1024 * 1024;

/// The first bytes of an OLE compound file: a legacy `.doc`, or any encrypted Office document.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The `WordprocessingML` namespace, transitional and strict.
const WORD_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// The markup-compatibility namespace (`mc:AlternateContent`, `mc:Fallback`).
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Dublin Core elements (`dc:title`).
const DC_NAMESPACE: &[u8] = b"http://purl.org/dc/elements/1.1/";

/// Dublin Core terms (`dcterms:created`).
const DCTERMS_NAMESPACE: &[u8] = b"http://purl.org/dc/terms/";

/// The part that holds the document body.
const DOCUMENT_PART: &str = "word/document.xml";

/// The part that holds the title and dates.
const CORE_PART: &str = "docProps/core.xml";

/// Extracts the text of a `.docx` readout: one paragraph per `w:p`, in document order,
/// whitespace-normalised and separated by a blank line. The title is `dc:title` and the date
/// `dcterms:created` (the file's creation time) from `docProps/core.xml`, when present.
///
/// Work is bounded: an archive of more than 10,000 entries, or whose `word/document.xml`
/// declares or actually unpacks to more than 64 MB, is refused.
///
/// # Errors
/// [`Error::Unreadable`] for a file that is not a zip (or is truncated), an encrypted Office
/// document or legacy `.doc`, a zip without `word/document.xml`, a zip bomb, broken XML, or a
/// document with no text.
pub fn extract(input: &[u8], source: &str) -> Result<Extracted> {
    read_docx(input).map_err(|reason| Error::Unreadable {
        source_name: source.to_string(),
        reason,
    })
}

/// [`extract`] with the failure as a bare reason.
fn read_docx(input: &[u8]) -> Result<Extracted, String> {
    if input.starts_with(&OLE_MAGIC) {
        return Err(
            "an encrypted Office document or a legacy .doc file; save it as .docx or text"
                .to_string(),
        );
    }
    let mut archive = ZipArchive::new(Cursor::new(input))
        .map_err(|_| "not a Word document, or a truncated one".to_string())?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "an archive of {} entries (more than {MAX_ENTRIES}); not a Word document",
            archive.len()
        ));
    }
    let document = match read_part(&mut archive, DOCUMENT_PART, MAX_DOCUMENT_BYTES) {
        Ok(bytes) => bytes,
        Err(PartProblem::Missing) => {
            return Err(format!("no {DOCUMENT_PART}: not a Word document"));
        }
        Err(PartProblem::TooLarge) => {
            return Err(format!(
                "{DOCUMENT_PART} unpacks to more than {} MB (a zip bomb?)",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ));
        }
        Err(PartProblem::Damaged(why)) => {
            return Err(format!("a damaged Word document: {DOCUMENT_PART}: {why}"));
        }
    };
    let paragraphs =
        paragraphs(&document).map_err(|why| format!("broken XML in {DOCUMENT_PART}: {why}"))?;
    let text = paragraphs
        .iter()
        .map(|p| normalise(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.is_empty() {
        return Err("no text in the Word document (only images, or empty?)".to_string());
    }
    // The metadata is optional: a missing, oversized or broken core.xml leaves it out.
    let core = read_part(&mut archive, CORE_PART, MAX_CORE_BYTES)
        .ok()
        .and_then(|bytes| core_properties(&bytes).ok())
        .unwrap_or_default();
    Ok(Extracted {
        text,
        title: core.title,
        date: core.created,
        url: None,
    })
}

/// Why a part of the archive could not be read.
enum PartProblem {
    /// The archive has no such entry.
    Missing,
    /// The entry declares, or unpacks to, more than the limit.
    TooLarge,
    /// The entry cannot be unpacked (bad compression, unsupported method, encrypted, CRC).
    Damaged(String),
}

/// Unpacks one entry, reading at most `limit_bytes + 1` bytes whatever size it declares.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit_bytes: u64,
) -> Result<Vec<u8>, PartProblem> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(ZipError::FileNotFound) => return Err(PartProblem::Missing),
        Err(e) => return Err(PartProblem::Damaged(e.to_string())),
    };
    let declared_bytes = entry.size();
    if declared_bytes > limit_bytes {
        return Err(PartProblem::TooLarge);
    }
    // The declared size is at most the limit here, but it may lie: the `take` is the real bound.
    let mut bytes = Vec::with_capacity(usize::try_from(declared_bytes).unwrap_or(0));
    entry
        .by_ref()
        .take(limit_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PartProblem::Damaged(e.to_string()))?;
    if bytes.len() as u64 > limit_bytes {
        return Err(PartProblem::TooLarge);
    }
    Ok(bytes)
}

/// Whether a resolved element name is in one of `namespaces`.
fn is_in(resolved: &ResolveResult<'_>, namespaces: &[&[u8]]) -> bool {
    matches!(resolved, ResolveResult::Bound(Namespace(ns)) if namespaces.contains(ns))
}

/// The raw text of each `w:p`, in the order the paragraphs end.
///
/// A paragraph is the concatenation of its `w:t` texts; `w:tab`, `w:br` and `w:cr` count as a
/// space. Deleted text (`w:delText`) and field codes (`w:instrText`) are not `w:t`, so they are
/// left out. A paragraph nested in another (a text box) comes out before the one around it. The
/// content of `mc:Fallback` is skipped: it repeats the `mc:Choice` before it (Word writes text
/// boxes twice, once for old readers), and reading both would duplicate the text.
fn paragraphs(xml: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    // Paragraphs being read, innermost last.
    let mut open: Vec<String> = Vec::new();
    let mut done = Vec::new();
    let mut in_text = false;
    let mut fallback_depth = 0_usize;
    loop {
        let (resolved, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        let is_word = is_in(&resolved, &WORD_NAMESPACES);
        let is_mc = is_in(&resolved, &[MC_NAMESPACE]);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"Fallback" if is_mc => fallback_depth += 1,
                b"p" if is_word && fallback_depth == 0 => open.push(String::new()),
                b"t" if is_word => in_text = true,
                _ => {}
            },
            Event::Empty(e) => {
                if is_word
                    && fallback_depth == 0
                    && matches!(e.local_name().as_ref(), b"tab" | b"br" | b"cr")
                    && let Some(paragraph) = open.last_mut()
                {
                    paragraph.push(' ');
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"Fallback" if is_mc => fallback_depth = fallback_depth.saturating_sub(1),
                b"p" if is_word && fallback_depth == 0 => {
                    if let Some(paragraph) = open.pop() {
                        done.push(paragraph);
                    }
                }
                b"t" if is_word => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text && fallback_depth == 0 => {
                let text = t.unescape().map_err(|e| e.to_string())?;
                if let Some(paragraph) = open.last_mut() {
                    paragraph.push_str(&text);
                }
            }
            Event::CData(t) if in_text && fallback_depth == 0 => {
                if let Some(paragraph) = open.last_mut() {
                    paragraph.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(done)
}

/// The metadata taken from `docProps/core.xml`.
#[derive(Default)]
struct CoreProperties {
    /// `dc:title`, normalised; `None` when absent or blank.
    title: Option<String>,
    /// `dcterms:created` as written (an ISO 8601 timestamp); `None` when absent or blank.
    created: Option<String>,
}

/// Reads `dc:title` and `dcterms:created` out of `docProps/core.xml`.
fn core_properties(xml: &[u8]) -> Result<CoreProperties, String> {
    /// The element whose text is being collected.
    #[derive(Clone, Copy)]
    enum Field {
        Title,
        Created,
    }
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut field = None;
    let (mut title, mut created) = (String::new(), String::new());
    loop {
        let (resolved, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        let is_dc = is_in(&resolved, &[DC_NAMESPACE]);
        let is_dcterms = is_in(&resolved, &[DCTERMS_NAMESPACE]);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"title" if is_dc => field = Some(Field::Title),
                b"created" if is_dcterms => field = Some(Field::Created),
                _ => {}
            },
            Event::End(_) => field = None,
            Event::Text(t) => {
                let text = t.unescape().map_err(|e| e.to_string())?;
                match field {
                    Some(Field::Title) => title.push_str(&text),
                    Some(Field::Created) => created.push_str(&text),
                    None => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    Ok(CoreProperties {
        title: non_empty(normalise(&title)),
        created: non_empty(normalise(&created)),
    })
}

/// Collapses each run of whitespace to one space and trims the ends.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::OnceLock;

    use zip::write::SimpleFileOptions;

    use super::*;

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"#;

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"#;

    /// A readout written for these tests: a heading, three paragraphs split over several runs,
    /// a tab, a line break, an entity, an empty paragraph and a text box written twice.
    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Readout of the Minister's Call with the Minister of Estmark</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">On Monday the Minister spoke with </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>the Minister of Estmark</w:t></w:r><w:r><w:t xml:space="preserve">  about the harbour agreement.</w:t></w:r><w:r><w:br/><w:t>Both ministers welcomed the progress made by their negotiators.</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>The two sides discussed fisheries</w:t><w:tab/><w:t>quotas &amp; inspections, and agreed to meet again in the new year.</w:t></w:r><w:r><w:delText>This sentence was deleted.</w:delText></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Box text.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>They agreed to stay in close touch.</w:t></w:r></w:p>
<w:sectPr/>
</w:body>
</w:document>"#;

    const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Readout:  Call with   Estmark</dc:title>
<dc:creator>Press Office</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-04T10:00:00Z</dcterms:created>
</cp:coreProperties>"#;

    const EXPECTED: &str = "Readout of the Minister's Call with the Minister of Estmark\n\n\
        On Monday the Minister spoke with the Minister of Estmark about the harbour agreement. \
        Both ministers welcomed the progress made by their negotiators.\n\n\
        The two sides discussed fisheries quotas & inspections, and agreed to meet again in the \
        new year.\n\n\
        Box text.\n\n\
        They agreed to stay in close touch.";

    /// A zip of `(name, content)` entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn docx(document: &str) -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
            ("docProps/core.xml", CORE.as_bytes()),
        ])
    }

    fn reason(result: Result<Extracted>) -> String {
        match result {
            Err(Error::Unreadable {
                source_name,
                reason,
            }) => {
                assert_eq!(source_name, "call.docx");
                reason
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn reads_paragraphs_title_and_date() {
        let got = extract(&docx(DOCUMENT), "call.docx").unwrap();
        assert_eq!(got.text, EXPECTED);
        assert_eq!(got.title.as_deref(), Some("Readout: Call with Estmark"));
        assert_eq!(got.date.as_deref(), Some("2024-03-04T10:00:00Z"));
        assert_eq!(got.url, None);
    }

    #[test]
    fn core_properties_are_optional() {
        let bytes = zip_of(&[("word/document.xml", DOCUMENT.as_bytes())]);
        let got = extract(&bytes, "call.docx").unwrap();
        assert_eq!(got.text, EXPECTED);
        assert_eq!(got.title, None);
        assert_eq!(got.date, None);
    }

    #[test]
    fn reads_the_committed_fixture() {
        let bytes = include_bytes!("../../tests/fixtures/docx/readout.docx");
        let got = extract(bytes, "readout.docx").unwrap();
        let paragraphs: Vec<&str> = got.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 4, "{}", got.text);
        assert_eq!(
            paragraphs[0],
            "Readout of the Foreign Minister's Call with the Foreign Minister of Norland"
        );
        assert!(paragraphs[1].starts_with("On Tuesday the Foreign Minister spoke by telephone"));
        assert!(paragraphs[2].contains("cross-border freight"));
        assert!(paragraphs[3].ends_with("ahead of the autumn ministerial meeting."));
        assert_eq!(
            got.title.as_deref(),
            Some("Readout of the Foreign Minister's Call with the Foreign Minister of Norland")
        );
    }

    #[test]
    fn refuses_ole_files() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.resize(4096, 0);
        let why = reason(extract(&bytes, "call.docx"));
        assert!(why.contains("encrypted Office document"), "{why}");
    }

    #[test]
    fn refuses_truncated_and_non_zip_input() {
        let bytes = docx(DOCUMENT);
        let why = reason(extract(&bytes[..bytes.len() / 2], "call.docx"));
        assert_eq!(why, "not a Word document, or a truncated one");
        let why = reason(extract(b"Readout of the call", "call.docx"));
        assert_eq!(why, "not a Word document, or a truncated one");
        let why = reason(extract(b"", "call.docx"));
        assert_eq!(why, "not a Word document, or a truncated one");
    }

    #[test]
    fn refuses_a_zip_without_a_document() {
        let bytes = zip_of(&[("readme.txt", b"Readout of the call".as_slice())]);
        let why = reason(extract(&bytes, "call.docx"));
        assert!(why.contains("no word/document.xml"), "{why}");
    }

    #[test]
    fn refuses_broken_xml() {
        let broken = DOCUMENT.replace("</w:r></w:p>\n<w:p/>", "</w:p>\n<w:p/>");
        let why = reason(extract(&docx(&broken), "call.docx"));
        assert!(why.starts_with("broken XML in word/document.xml"), "{why}");
    }

    #[test]
    fn refuses_a_document_without_text() {
        let empty = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p></w:body></w:document>"#;
        let why = reason(extract(&docx(empty), "call.docx"));
        assert!(why.starts_with("no text"), "{why}");
    }

    /// A zip whose only entry, `word/document.xml`, is 65 MB of spaces deflated to a few
    /// dozen kilobytes. Built once and shared by the tests.
    fn bomb() -> &'static [u8] {
        static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
        BOMB.get_or_init(|| {
            let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let options = SimpleFileOptions::default().compression_level(Some(1));
            writer.start_file("word/document.xml", options).unwrap();
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..65 {
                writer.write_all(&chunk).unwrap();
            }
            writer.finish().unwrap().into_inner()
        })
    }

    #[test]
    fn refuses_a_zip_bomb_by_its_declared_size() {
        let why = reason(extract(bomb(), "call.docx"));
        assert!(why.contains("unpacks to more than 64 MB"), "{why}");
    }

    #[test]
    fn refuses_a_zip_bomb_that_lies_about_its_size() {
        let mut bytes = bomb().to_vec();
        let small = 1000_u32.to_le_bytes();
        // The local header is at 0 (the only entry): uncompressed size at 22..26.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        bytes[22..26].copy_from_slice(&small);
        // The central directory entry: uncompressed size at 24..28.
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&small);
        let mut archive = ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        assert_eq!(archive.by_name(DOCUMENT_PART).unwrap().size(), 1000);
        let why = reason(extract(&bytes, "call.docx"));
        assert!(why.contains("unpacks to more than 64 MB"), "{why}");
    }

    #[test]
    fn refuses_an_archive_with_too_many_entries() {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for i in 0..=MAX_ENTRIES {
            writer.start_file(format!("{i}"), options).unwrap();
        }
        let bytes = writer.finish().unwrap().into_inner();
        let why = reason(extract(&bytes, "call.docx"));
        assert!(why.contains("more than 10000"), "{why}");
    }
}
