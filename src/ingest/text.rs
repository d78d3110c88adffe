//! Plain text and Markdown: binary sniffing, UTF-8 with or without BOM, `\r\n` to `\n`.

use crate::error::{Error, Result};

/// Magic numbers of common binary formats users drop by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document; PDF is not supported yet"),
    (
        b"PK\x03\x04",
        "a ZIP archive or Office document; these are not supported yet",
    ),
    (b"\x7FELF", "an executable"),
    (b"\x1F\x8B", "a gzip archive"),
];

/// Decodes readout bytes to text with `\n` line ends.
///
/// UTF-8 without BOM and with `\n` line ends comes back byte for byte, so claim offsets are file
/// offsets. A UTF-8 BOM is dropped and `\r\n` or lone `\r` become `\n`.
///
/// # Errors
/// Binary data or bytes that are not UTF-8.
pub fn decode_text(bytes: &[u8], source: &str) -> Result<String> {
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(Error::Binary {
            source_name: source.to_string(),
            kind: (*kind).to_string(),
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF") {
        return Err(Error::Binary {
            source_name: source.to_string(),
            kind: "UTF-16 text; save it as UTF-8".to_string(),
        });
    }
    let sniff = &body[..body.len().min(8192)];
    if sniff.contains(&0) {
        return Err(Error::Binary {
            source_name: source.to_string(),
            kind: "binary data (NUL bytes)".to_string(),
        });
    }
    let text = std::str::from_utf8(body).map_err(|e| Error::InvalidUtf8 {
        source_name: source.to_string(),
        offset: e.valid_up_to() + (bytes.len() - body.len()),
    })?;
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_kept_byte_for_byte() {
        let text = "Лавров said “yes.”\n\nSecond.\n";
        assert_eq!(decode_text(text.as_bytes(), "x").unwrap(), text);
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let got = decode_text(b"\xEF\xBB\xBFOne.\r\nTwo.\rThree.", "x").unwrap();
        assert_eq!(got, "One.\nTwo.\nThree.");
    }

    #[test]
    fn png_bytes_are_binary() {
        let err = decode_text(b"\x89PNG\r\n\x1a\n\0\0", "img.png").unwrap_err();
        assert!(err.to_string().contains("PNG image"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode_text(b"abc\xC3\x28", "x.txt").unwrap_err();
        assert!(err.to_string().contains("offset 3"), "{err}");
    }
}
