//! Plain text and Markdown: binary sniffing, encodings (UTF-8 with or without BOM, UTF-16 with
//! BOM, legacy single-byte encodings such as Windows-1251, KOI8-R and Windows-1252, detected with
//! `chardetng` and decoded with `encoding_rs`, or forced by the caller), `\r\n` to `\n`.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

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

/// Text decoded from bytes, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, `\n` line ends.
    pub text: String,
    /// The encoding's name ("UTF-8", "windows-1251", "KOI8-R", "UTF-16LE" …).
    pub encoding: &'static str,
    /// Whether the encoding was guessed rather than certain (no BOM, not valid UTF-8).
    pub guessed: bool,
    /// Whether some bytes could not be decoded and were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Looks up an encoding by a label such as "utf-8", "cp1251", "koi8-r" or "latin1".
///
/// # Errors
/// An unknown label.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| Error::UnknownEncoding(label.to_string()))
}

/// What binary data the bytes are (a known magic number, or NUL bytes in the first 8 KiB of
/// anything but UTF-16), or `None` when they may be text.
pub(crate) fn binary_kind(bytes: &[u8], forced: Option<&'static Encoding>) -> Option<&'static str> {
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let is_utf16 =
        matches!(Encoding::for_bom(bytes), Some((e, _)) if e == UTF_16LE || e == UTF_16BE);
    let sniff = &bytes[..bytes.len().min(8192)];
    let nul_allowed = is_utf16 || forced.is_some_and(|e| e == UTF_16LE || e == UTF_16BE);
    (!nul_allowed && sniff.contains(&0)).then_some("binary data (NUL bytes)")
}

/// Decodes readout bytes to text with `\n` line ends.
///
/// UTF-8 without BOM and with `\n` line ends comes back byte for byte, so claim offsets are file
/// offsets. A BOM decides the encoding; otherwise valid UTF-8 is UTF-8, and anything else is
/// guessed. `forced` overrides detection (a BOM is still dropped).
///
/// # Errors
/// Binary data.
pub fn decode_text(
    bytes: &[u8],
    source: &str,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    if let Some(kind) = binary_kind(bytes, forced) {
        return Err(Error::Binary {
            source_name: source.to_string(),
            kind: kind.to_string(),
        });
    }
    let bom = Encoding::for_bom(bytes);
    let (encoding, body, guessed) = match (forced, bom) {
        (Some(e), Some((_, len))) => (e, &bytes[len..], false),
        (Some(e), None) => (e, bytes, false),
        (None, Some((e, len))) => (e, &bytes[len..], false),
        (None, None) if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes, false),
        (None, None) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            (detector.guess(None, false), bytes, true)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    // chardetng names Russian KOI8 text KOI8-U, a superset; without Ukrainian letters it is KOI8-R.
    let encoding = if guessed
        && encoding == encoding_rs::KOI8_U
        && !text.contains(['є', 'і', 'ї', 'ґ', 'Є', 'І', 'Ї', 'Ґ'])
    {
        encoding_rs::KOI8_R
    } else {
        encoding
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    };
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        guessed,
        had_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = "Министр иностранных дел России Сергей Лавров провёл телефонный разговор с \
        государственным секретарём США Энтони Блинкеном. Стороны обсудили ситуацию вокруг Украины, \
        вопросы продовольственной безопасности и возможный обмен заключёнными.\n";

    fn decode(bytes: &[u8]) -> Decoded {
        decode_text(bytes, "x", None).unwrap()
    }

    #[test]
    fn plain_utf8_is_kept_byte_for_byte() {
        let text = "Лавров said “yes.”\n\nSecond.\n";
        let d = decode(text.as_bytes());
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            (text, "UTF-8", false)
        );
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let d = decode(b"\xEF\xBB\xBFOne.\r\nTwo.\rThree.");
        assert_eq!(d.text, "One.\nTwo.\nThree.");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_in_both_byte_orders() {
        let units: Vec<u16> = RUSSIAN.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in &units {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).text, RUSSIAN);
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, RUSSIAN);
        assert_eq!(decode(&be).encoding, "UTF-16BE");
    }

    #[test]
    fn russian_legacy_encodings_are_detected() {
        for (encoding, name) in [
            (encoding_rs::WINDOWS_1251, "windows-1251"),
            (encoding_rs::KOI8_R, "KOI8-R"),
        ] {
            let (bytes, _, _) = encoding.encode(RUSSIAN);
            let d = decode(&bytes);
            assert_eq!(d.encoding, name);
            assert!(d.guessed);
            assert_eq!(d.text, RUSSIAN);
        }
    }

    #[test]
    fn western_legacy_text_is_detected() {
        let text =
            "Le ministre a déclaré que la délégation française était prête à négocier à Genève.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, text);
    }

    #[test]
    fn a_forced_encoding_wins() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        let forced = encoding_for_label("koi8-r").unwrap();
        let d = decode_text(&bytes, "x", Some(forced)).unwrap();
        assert_eq!((d.text.as_str(), d.guessed), (RUSSIAN, false));
        assert!(
            encoding_for_label("no-such-encoding")
                .unwrap_err()
                .to_string()
                .contains("no-such-encoding")
        );
    }

    #[test]
    fn png_bytes_are_binary() {
        let err = decode_text(b"\x89PNG\r\n\x1a\n\0\0", "img.png", None).unwrap_err();
        assert!(err.to_string().contains("PNG image"), "{err}");
        let err = decode_text(b"abc\0def", "x.bin", None).unwrap_err();
        assert!(err.to_string().contains("NUL"), "{err}");
    }
}
