//! How the JSON reports are laid out: indented like `serde_json`'s pretty printer, except that an
//! array of plain values (numbers, strings, booleans, nulls) stays on one line, and so does each
//! element of a match's `anchors` and `diff`. A span is `[12, 20]`, a topic score
//! `["grain", 1.5]` and a diff step `{"tag": "equal", "text": "the"}` rather than four lines
//! each: on a long readout pair the first rule halves the file and the second takes a third off
//! what is left. Only whitespace differs, so every JSON reader sees the same document.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// `value` as JSON in this layout.
///
/// # Errors
/// When `value`'s `Serialize` fails (a map with keys that are not strings, say).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    value.serialize(&mut ser)?;
    // The serializer writes only valid UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `value` as JSON in this layout, written to `writer`.
///
/// # Errors
/// Writing fails, or `value`'s `Serialize` does.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Layout::default());
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// An array whose elements [`to_writer_spliced`] renders on all cores: `items`, in place of the
/// (empty) array under `key` in an object `depth` containers deep (1: the top-level object).
pub struct Spliced<'s> {
    depth: usize,
    key: &'s str,
    fill: Box<Fill<'s>>,
}

/// Writes a splice's elements; returns whether the array is on one line, `None` when empty.
type Fill<'s> = dyn FnMut(&mut dyn Write) -> io::Result<Option<bool>> + 's;

/// The elements of the top-level array under `key`, for [`to_writer_spliced`].
#[must_use]
pub fn spliced<'s, E: Serialize + Sync>(key: &'s str, items: &'s [E]) -> Spliced<'s> {
    spliced_at(1, key, items)
}

/// The elements of the array under `key` in an object `depth` containers deep, for
/// [`to_writer_spliced`]; several splices of one key and depth fill its arrays in the order
/// they are written.
#[must_use]
pub fn spliced_at<'s, E: Serialize + Sync>(
    depth: usize,
    key: &'s str,
    items: &'s [E],
) -> Spliced<'s> {
    Spliced {
        depth,
        key,
        fill: Box::new(move |out| {
            let array = Open {
                inline: None,
                filled: true,
                one_line_elements: ONE_LINE_ELEMENTS.contains(&key.as_bytes()),
            };
            write_elements(out, items, depth, array)
        }),
    }
}

/// Writes one element of a spliced array straight into `out`, the bytes the layout would
/// write for it (its separator first; `first` says whether it opens the array): for the few
/// element types that are most of a long comparison's JSON, where going through `serde` for
/// each small value costs more than the values. The element must be a container on lines of
/// its own; `depth` is the array's depth, as in [`spliced_at`].
pub type WriteElement<E> = fn(&E, &mut Vec<u8>, usize, bool) -> io::Result<()>;

/// [`spliced_at`] with each element written by `write` rather than through `serde`.
#[must_use]
pub fn spliced_direct<'s, E: Sync>(
    depth: usize,
    key: &'s str,
    items: &'s [E],
    write: WriteElement<E>,
) -> Spliced<'s> {
    Spliced {
        depth,
        key,
        fill: Box::new(move |out| {
            write_elements_with(out, items, |buf, item, inline| {
                write(item, buf, depth, inline.is_none())
            })
        }),
    }
}

/// Appends one element of an array `depth` containers deep through `serde`, with its
/// separator, as the layout writes it: for the rarer parts of an element written directly. The
/// element must be a container.
///
/// # Errors
/// The element's `Serialize` fails.
pub fn push_serde_element<E: Serialize>(
    out: &mut Vec<u8>,
    item: &E,
    depth: usize,
    first: bool,
) -> io::Result<()> {
    let array = Open {
        inline: (!first).then_some(false),
        filled: true,
        one_line_elements: false,
    };
    render_element(out, item, depth, array, first)
}

/// Appends the separator before an element of an array `depth` containers deep whose elements
/// each start a line of their own (as the layout writes it).
pub fn element_start(out: &mut Vec<u8>, depth: usize, first: bool) {
    out.extend_from_slice(if first { b"\n" } else { b",\n" });
    push_indent(out, depth + 1);
}

/// Appends the separator and `"key": ` of a key of an object `depth` containers deep written
/// on lines of its own (`key` needs no escaping).
pub fn key_start(out: &mut Vec<u8>, depth: usize, key: &str, first: bool) {
    out.extend_from_slice(if first { b"\n" } else { b",\n" });
    push_indent(out, depth + 1);
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": ");
}

/// Appends the line break and indent before the bracket that closes a container `depth`
/// containers deep, written on lines of its own.
pub fn container_end(out: &mut Vec<u8>, depth: usize, bracket: u8) {
    out.push(b'\n');
    push_indent(out, depth);
    out.push(bracket);
}

fn push_indent(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(INDENT);
    }
}

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it (quote, backslash and
/// control characters; `\b \f \n \r \t` by name, others as `\u00XX` in lowercase hex).
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping, as in most text.
        if let Some(&chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>())
            && !any_to_escape(u64::from_le_bytes(chunk))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[run..i - 1]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `word` is a control character, a quote or a backslash
/// (bytes of UTF-8 sequences, 0x80 and above, never are). A byte below `n` (at most 128) is
/// found as `(x - n) & !x` setting its high bit; a byte equal to `c` as a zero of `x ^ c`.
fn any_to_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash != 0
}

/// Appends an array of strings on one line, as the layout writes an array of plain values.
pub fn push_str_array<'a>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'a str>) {
    out.push(b'[');
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        push_str(out, s);
    }
    out.push(b']');
}

/// Appends a number as `serde_json` writes it.
pub fn push_usize(out: &mut Vec<u8>, n: usize) {
    // Writing to a `Vec` cannot fail.
    let _ = CompactFormatter.write_u64(out, n as u64);
}

/// Appends a string, or `null` for none.
pub fn push_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends a boolean.
pub fn push_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// Appends an `f32` as `serde_json` writes it (`null` when not finite).
pub fn push_f32(out: &mut Vec<u8>, x: f32) {
    if x.is_finite() {
        let _ = CompactFormatter.write_f32(out, x);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// [`to_writer`] of `value` with each splice's items as the elements of its array (which
/// `value` holds empty), rendered on all cores: the same text as [`to_writer`] of the
/// value holding the items, made faster when they are many (a long readout pair's matches are
/// most of its JSON). Elements are rendered a batch at a time, so at most one batch is held.
///
/// # Errors
/// Writing fails, or a `Serialize` does.
pub fn to_writer_spliced<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
    splices: Vec<Spliced<'_>>,
) -> io::Result<()> {
    let layout = Layout {
        splices,
        ..Layout::default()
    };
    let mut ser = serde_json::Serializer::with_formatter(writer, layout);
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// Most elements one task of [`write_elements`] renders; a batch is four tasks per thread.
const CHUNK: usize = 64;

/// Writes `items` as the elements of `array`, an array under a key of an object `depth`
/// containers deep, each element as [`Layout`] writes it there. Returns whether the array is on
/// one line, `None` when there are no elements.
fn write_elements<E: Serialize + Sync>(
    out: &mut dyn Write,
    items: &[E],
    depth: usize,
    array: Open,
) -> io::Result<Option<bool>> {
    write_elements_with(out, items, |buf, item, inline| {
        let first = inline.is_none();
        render_element(buf, item, depth, Open { inline, ..array }, first)
    })
}

/// Writes `items` as the elements of an array, each appended to a buffer by `render` with
/// the array's `inline` as known so far (`None` for the first element, which decides it).
fn write_elements_with<E: Sync>(
    out: &mut dyn Write,
    items: &[E],
    render: impl Fn(&mut Vec<u8>, &E, Option<bool>) -> io::Result<()> + Sync,
) -> io::Result<Option<bool>> {
    if items.is_empty() {
        return Ok(None);
    }
    let tasks = 4 * rayon::current_num_threads().max(1);
    // A few large elements get a task each; many small ones share one.
    let chunk = (items.len() / tasks).clamp(1, CHUNK);
    // Whether the array stays on one line, which its first element decides.
    let mut inline = None;
    // Each task's buffer, kept from batch to batch: a long report is tens of megabytes, and
    // buffers taken anew for each batch cost fresh pages and regrowth.
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); tasks];
    for (round, batch) in items.chunks(chunk * tasks).enumerate() {
        let render_batch = |buffers: &mut [Vec<u8>], rest_inline: bool| {
            batch
                .par_chunks(chunk)
                .zip(buffers.par_iter_mut())
                .enumerate()
                .try_for_each(|(c, (elements, buf))| {
                    buf.clear();
                    for (k, item) in elements.iter().enumerate() {
                        let first = round == 0 && c == 0 && k == 0;
                        render(buf, item, (!first).then_some(rest_inline))?;
                    }
                    Ok::<(), io::Error>(())
                })
        };
        render_batch(&mut buffers, inline.unwrap_or(false))?;
        if inline.is_none() {
            // An element on a line of its own starts with a line break; plain values (rare
            // here) keep the array on one line, and the batch is rendered again so.
            let first_inline = buffers.first().is_some_and(|b| !b.starts_with(b"\n"));
            if first_inline {
                render_batch(&mut buffers, true)?;
            }
            inline = Some(first_inline);
        }
        let used = batch.len().div_ceil(chunk);
        for buf in &buffers[..used] {
            out.write_all(buf)?;
        }
    }
    Ok(inline)
}

/// Appends one element (with its separator) of `array`, an array under a key of an object
/// `depth` containers deep, to `buf`.
fn render_element<E: Serialize>(
    buf: &mut Vec<u8>,
    item: &E,
    depth: usize,
    array: Open,
    first: bool,
) -> io::Result<()> {
    let outer = Open {
        inline: None,
        filled: true,
        one_line_elements: false,
    };
    let mut open = vec![outer; depth];
    open.push(array);
    let layout = Layout {
        open,
        pending: Some(first),
        ..Layout::default()
    };
    let mut ser = serde_json::Serializer::with_formatter(buf, layout);
    item.serialize(&mut ser).map_err(io::Error::other)
}

/// Arrays under these keys have each element on one line of its own: the steps of a word diff
/// and the anchors of a match, which are many on a long readout pair.
const ONE_LINE_ELEMENTS: [&[u8]; 2] = [b"anchors", b"diff"];

/// One array or object being written.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// For an array: whether its elements go on one line (decided by its first element).
    inline: Option<bool>,
    /// Whether anything was written inside it.
    filled: bool,
    /// For an array: each element (a container) is written on one line.
    one_line_elements: bool,
}

/// The formatter: a stack of open containers and the array element waiting for its value.
#[derive(Default)]
struct Layout<'s> {
    open: Vec<Open>,
    /// An array element is about to start (`Some(first)`); its separator is written once its
    /// value shows whether it is a plain value.
    pending: Option<bool>,
    /// The key being written, then the one whose value is being written.
    key: Vec<u8>,
    in_key: bool,
    /// Top-level arrays whose elements are written in place of their (empty) ones.
    splices: Vec<Spliced<'s>>,
}

/// A writer of unknown size seen as `dyn Write`, for [`Spliced::fill`].
struct Unsized<'w, W: ?Sized>(&'w mut W);

impl<W: ?Sized + Write> Write for Unsized<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

const INDENT: &[u8] = b"  ";

fn indent<W: ?Sized + Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        writer.write_all(INDENT)?;
    }
    Ok(())
}

impl Layout<'_> {
    /// Whether the innermost open container is an array kept on one line.
    fn in_inline_array(&self) -> bool {
        self.open.last().is_some_and(|o| o.inline == Some(true))
    }

    /// Writes the separator before an array element, now that its kind is known.
    fn before_value<W: ?Sized + Write>(&mut self, writer: &mut W, plain: bool) -> io::Result<()> {
        let Some(first) = self.pending.take() else {
            return Ok(());
        };
        let depth = self.open.len();
        let Some(top) = self.open.last_mut() else {
            return Ok(());
        };
        top.filled = true;
        let inline = *top.inline.get_or_insert(plain);
        if inline {
            if !first {
                writer.write_all(b", ")?;
            }
            return Ok(());
        }
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, depth)
    }

    fn begin<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        // An element of an array under one of `ONE_LINE_ELEMENTS`, or a value of one.
        let element =
            self.pending.is_some() && self.open.last().is_some_and(|o| o.one_line_elements);
        // The value of a key, not an element of an array.
        let keyed = self.pending.is_none();
        let under_key = keyed && ONE_LINE_ELEMENTS.contains(&self.key.as_slice());
        self.before_value(writer, false)?;
        // Inside a one-line array, containers stay on that line too.
        let inline = (self.in_inline_array() || element).then_some(true);
        // An array whose elements are spliced in: the first splice of its key and depth.
        let spliced = (bracket == b"[" && keyed)
            .then(|| {
                self.splices.iter().position(|s| {
                    s.depth == self.open.len() && s.key.as_bytes() == self.key.as_slice()
                })
            })
            .flatten();
        self.open.push(Open {
            inline,
            filled: false,
            one_line_elements: bracket == b"[" && under_key,
        });
        self.key.clear();
        writer.write_all(bracket)?;
        if let Some(k) = spliced {
            let mut splice = self.splices.remove(k);
            let inline = (splice.fill)(&mut Unsized(writer))?;
            if let Some(top) = self.open.last_mut() {
                top.filled = inline.is_some();
                top.inline = inline;
            }
        }
        Ok(())
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let Some(closed) = self.open.pop() else {
            return writer.write_all(bracket);
        };
        if closed.filled && closed.inline != Some(true) {
            writer.write_all(b"\n")?;
            indent(writer, self.open.len())?;
        }
        writer.write_all(bracket)
    }
}

/// Forwards a plain value to the compact formatter after the pending separator.
macro_rules! plain {
    ($($name:ident($ty:ty)),* $(,)?) => {
        $(
            fn $name<W: ?Sized + Write>(&mut self, writer: &mut W, value: $ty) -> io::Result<()> {
                self.before_value(writer, true)?;
                CompactFormatter.$name(writer, value)
            }
        )*
    };
}

impl Formatter for Layout<'_> {
    plain!(
        write_bool(bool),
        write_i8(i8),
        write_i16(i16),
        write_i32(i32),
        write_i64(i64),
        write_i128(i128),
        write_u8(u8),
        write_u16(u16),
        write_u32(u32),
        write_u64(u64),
        write_u128(u128),
        write_f32(f32),
        write_f64(f64),
        write_number_str(&str),
        write_byte_array(&[u8]),
    );

    fn write_null<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.before_value(writer, true)?;
        writer.write_all(b"null")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.before_value(writer, true)?;
        writer.write_all(b"\"")
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if self.in_key {
            self.key.extend_from_slice(fragment.as_bytes());
        }
        writer.write_all(fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        CompactFormatter.write_char_escape(writer, escape)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        self.pending = Some(first);
        Ok(())
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        let inline = self.in_inline_array();
        let depth = self.open.len();
        if let Some(top) = self.open.last_mut() {
            top.filled = true;
        }
        self.key.clear();
        self.in_key = true;
        if inline {
            return writer.write_all(if first { b"" } else { b", " });
        }
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.in_key = false;
        writer.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every: String = (0..=0x7f_u8).map(char::from).collect();
        every.push_str("«ёлочки» — \u{2028}\u{ffff}\u{10ffff}");
        for s in [String::new(), every.clone(), every.chars().rev().collect()] {
            let mut out = Vec::new();
            push_str(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
        // Every ASCII character at every place of a string longer than two words, among
        // plain letters and among two-byte letters.
        for filler in ["a", "ж"] {
            for c in (0..=0x7f_u8).map(char::from) {
                for at in 0..20 {
                    let s: String = (0..20)
                        .map(|k| {
                            if k == at {
                                c.to_string()
                            } else {
                                filler.to_string()
                            }
                        })
                        .collect();
                    let mut out = Vec::new();
                    push_str(&mut out, &s);
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
                        serde_json::to_string(&s).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn arrays_of_plain_values_stay_on_one_line() {
        let value = json!({
            "spans": [[12, 20], [30, 41]],
            "scores": [["grain", 1.5]],
            "empty": [],
            "none": {},
            "claims": [{"id": "a1", "note": null, "ok": true}],
            "text": "a \"quoted\"\nline",
        });
        let text = to_string(&value).unwrap();
        assert_eq!(
            text,
            "{\n  \"claims\": [\n    {\n      \"id\": \"a1\",\n      \"note\": null,\n      \
             \"ok\": true\n    }\n  ],\n  \"empty\": [],\n  \"none\": {},\n  \"scores\": [\n    \
             [\"grain\", 1.5]\n  ],\n  \"spans\": [\n    [12, 20],\n    [30, 41]\n  ],\n  \
             \"text\": \"a \\\"quoted\\\"\\nline\"\n}"
        );
    }

    #[test]
    fn each_anchor_and_diff_step_is_one_line() {
        let value = json!({
            "matches": [{
                "anchors": [{"kind": "name", "a": [[0, 5]], "b": [[3, 8]]}],
                "diff": [{"tag": "equal", "text": "the"}, {"tag": "insert", "text": "new"}],
                "evidence": ["shared: Kyiv"],
            }],
            "topics": [{"id": "diff", "anchors": 2}],
        });
        let text = to_string(&value).unwrap();
        assert!(text.contains(
            "\"anchors\": [\n        {\"a\": [[0, 5]], \"b\": [[3, 8]], \"kind\": \"name\"}\n      ],"
        ), "{text}");
        assert!(text.contains(
            "\"diff\": [\n        {\"tag\": \"equal\", \"text\": \"the\"},\n        {\"tag\": \"insert\", \"text\": \"new\"}\n      ],"
        ), "{text}");
        // Only the arrays under those keys: a value that merely says "diff" changes nothing.
        assert!(
            text.contains(
                "\"topics\": [\n    {\n      \"anchors\": 2,\n      \"id\": \"diff\"\n    }\n  ]"
            ),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn spliced_elements_read_as_the_whole_value() {
        let many: Vec<serde_json::Value> = (0..700)
            .map(|i| json!({"a": format!("a{i}"), "diff": [{"tag": "equal", "text": "x"}]}))
            .collect();
        let lists = [
            vec![],
            vec![json!({"a": 1})],
            vec![json!("x"), json!("y"), json!(3)],
            vec![json!([1, 2]), json!([3, 4])],
            many,
        ];
        for items in lists {
            let whole = json!({"before": [1], "matches": items, "after": {"k": "v"}});
            let mut empty = whole.clone();
            empty["matches"] = json!([]);
            let mut out = Vec::new();
            to_writer_spliced(&mut out, &empty, vec![spliced("matches", &items)]).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), to_string(&whole).unwrap());
        }
    }

    #[test]
    fn nested_arrays_are_spliced_in_order() {
        let many: Vec<serde_json::Value> = (0..300).map(|i| json!({"id": i})).collect();
        let whole = json!({"sides": [{"claims": many, "k": "a"}, {"claims": [{"id": -1}], "k": "b"}], "z": {"claims": [7]}});
        let empty = json!({"sides": [{"claims": [], "k": "a"}, {"claims": [], "k": "b"}], "z": {"claims": [7]}});
        let mut out = Vec::new();
        let one = [json!({"id": -1})];
        let splices = vec![
            spliced_at(3, "claims", &many),
            spliced_at(3, "claims", &one),
        ];
        to_writer_spliced(&mut out, &empty, splices).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), to_string(&whole).unwrap());
    }

    #[test]
    fn spliced_diff_steps_stay_one_line_each() {
        let steps = [
            json!({"tag": "equal", "text": "a"}),
            json!({"tag": "insert", "text": "b"}),
        ];
        let whole = json!({"diff": steps});
        let mut out = Vec::new();
        to_writer_spliced(
            &mut out,
            &json!({"diff": []}),
            vec![spliced("diff", &steps)],
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), to_string(&whole).unwrap());
    }

    #[test]
    fn only_the_top_level_array_is_spliced() {
        let value = json!({"inner": {"matches": []}, "matches": []});
        let mut out = Vec::new();
        to_writer_spliced(&mut out, &value, vec![spliced("matches", &[1, 2])]).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, json!({"inner": {"matches": []}, "matches": [1, 2]}));
    }

    #[test]
    fn reads_back_as_the_same_value() {
        let value = json!({
            "a": [1, [2, {"b": [3, "x"]}], {"c": []}],
            "d": [{"e": [[1.25, -2]]}, null, "z"],
            "f": "ü ё \u{1}",
        });
        let text = to_string(&value).unwrap();
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert!(text.lines().count() < pretty.lines().count());
    }
}
