//! Fuzzes ingest (format detection, decoding, HTML/PDF/DOCX extraction, front matter) and
//! segmentation: any bytes must give a readout or an error, never a panic or a hang, and every
//! claim span must index the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

static QUIET: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    // PDF extraction (a third-party crate) may panic on damaged files; ingest contains that with
    // catch_unwind, so the hook libfuzzer-sys installs (which aborts on any panic, caught or not)
    // is replaced by a silent one. A panic that escapes ingest still unwinds to libfuzzer-sys,
    // which aborts and reports it.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    // The first byte picks the file name, so every format's path is reached.
    let names = ["in.txt", "in.md", "in.html", "in.pdf", "in.docx", "in"];
    let (name, bytes) = match data.split_first() {
        Some((k, rest)) => (names[usize::from(*k) % names.len()], rest),
        None => ("in.txt", data),
    };
    if let Ok(readout) = parallax::ingest::read_bytes(bytes, name) {
        for seg in parallax::segment::segment(&readout.text) {
            assert!(seg.start < seg.end && seg.end <= readout.text.len());
            assert!(readout.text.is_char_boundary(seg.start) && readout.text.is_char_boundary(seg.end));
        }
    }
});
