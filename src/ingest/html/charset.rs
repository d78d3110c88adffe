//! The character set of a saved page: a BOM, a `<meta>` declaration, UTF-8, or a guess.

use std::borrow::Cow;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, X_USER_DEFINED};

use super::find;

/// How far into the page a `<meta charset>` is looked for.
const CHARSET_SNIFF_BYTES: usize = 4096;

/// Decodes page bytes: a BOM, else a charset declared early in the page, else UTF-8, else a guess.
pub(super) fn decode(input: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(input) {
        let body = input.get(bom_len..).unwrap_or_default();
        return encoding.decode_without_bom_handling(body).0;
    }
    let head = input.get(..CHARSET_SNIFF_BYTES).unwrap_or(input);
    if let Some(encoding) = declared_charset(head) {
        return encoding.decode_without_bom_handling(input).0;
    }
    if let Ok(text) = std::str::from_utf8(input) {
        return Cow::Borrowed(text);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(input, true);
    detector
        .guess(None, true)
        .decode_without_bom_handling(input)
        .0
}

/// The encoding named by the first `<meta charset>` or `http-equiv` content type in `head`,
/// skipping comments as a browser's prescan does.
///
/// As browsers do, a declared UTF-16 means UTF-8 (the page would have a BOM otherwise).
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(start) = rest.iter().position(|&b| b == b'<') {
        rest = rest.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            rest = rest.get(end..).unwrap_or_default();
            continue;
        }
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let (tag, after) = rest.split_at(end);
        if tag.starts_with(b"<meta")
            && let Some(encoding) = charset_in_tag(tag)
        {
            let is_utf16 = [UTF_16LE, UTF_16BE, X_USER_DEFINED].contains(&encoding);
            return Some(if is_utf16 { UTF_8 } else { encoding });
        }
        rest = after;
    }
    None
}

/// The encoding named by `charset=` inside one lower-cased `<meta …` tag.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let value = tag.get(at + b"charset".len()..)?;
    let value = value
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    let label = value.get(..end)?;
    Encoding::for_label(label).filter(|&encoding| encoding != REPLACEMENT)
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::*;

    #[test]
    fn charset_comes_from_bom_then_meta_then_utf8_then_a_guess() {
        let body =
            "<p>Министры обсудили ход подготовки к заседанию комиссии, намеченному на июнь.</p>";
        let page =
            |head: &str| format!("<html><head>{head}</head><body><div>{body}</div></body></html>");
        let expected =
            "Министры обсудили ход подготовки к заседанию комиссии, намеченному на июнь.";
        // Declared in `<meta charset>`, in an http-equiv content type, or not at all (guessed).
        for head in [
            "<meta charset=\"windows-1251\">",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">",
            "",
        ] {
            let html = page(head);
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
            assert_eq!(extract(&bytes, "p.html").unwrap().text, expected, "{head}");
        }
        // UTF-8 with a BOM wins over a wrong declaration; so does valid UTF-8 with none.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(page("<meta charset=\"koi8-r\">").as_bytes());
        assert_eq!(extract(&bytes, "p.html").unwrap().text, expected);
        assert_eq!(
            extract(page("").as_bytes(), "p.html").unwrap().text,
            expected
        );
        // A declaration inside a comment is not one; a declared UTF-16 means UTF-8.
        assert_eq!(
            declared_charset(b"<!-- <meta charset=koi8-r> --><meta charset='utf-8'>"),
            Some(UTF_8)
        );
        assert_eq!(declared_charset(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(
            declared_charset(b"<meta name=charset-less content=x>"),
            None
        );
    }
}
