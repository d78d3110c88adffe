//! The bundled sample readouts, compiled in so the app and CLI can show them from anywhere.

use crate::model::Readout;

/// A bundled pair: (directory name, side a file, text a, side b file, text b).
pub type SamplePair = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// All bundled pairs, the canonical Blinken–Lavrov call first.
pub const PAIRS: &[SamplePair] = &[
    (
        "2022-07-29-blinken-lavrov",
        "us.txt",
        include_str!("../samples/2022-07-29-blinken-lavrov/us.txt"),
        "ru.txt",
        include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt"),
    ),
    (
        "2021-12-30-biden-putin",
        "us.txt",
        include_str!("../samples/2021-12-30-biden-putin/us.txt"),
        "ru.txt",
        include_str!("../samples/2021-12-30-biden-putin/ru.txt"),
    ),
    (
        "2022-03-18-biden-xi",
        "us.txt",
        include_str!("../samples/2022-03-18-biden-xi/us.txt"),
        "cn.txt",
        include_str!("../samples/2022-03-18-biden-xi/cn.txt"),
    ),
    (
        "2023-06-18-blinken-qin-gang",
        "us.txt",
        include_str!("../samples/2023-06-18-blinken-qin-gang/us.txt"),
        "cn.txt",
        include_str!("../samples/2023-06-18-blinken-qin-gang/cn.txt"),
    ),
];

/// The canonical call again, with the Foreign Ministry's account in Russian (our own Russian
/// text of what the canonical sample's side `b` says). Kept out of [`PAIRS`], whose English
/// sentences also feed the synthetic benchmark pairs.
pub const RUSSIAN_ORIGINAL: SamplePair = (
    "2022-07-29-blinken-lavrov-ru",
    "us.txt",
    include_str!("../samples/2022-07-29-blinken-lavrov-ru/us.txt"),
    "ru.txt",
    include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt"),
);

/// The canonical call as three witnesses, each text where its pair keeps it
/// (`samples/2022-07-29-blinken-lavrov-three/README.md`): (path, text) of the US readout, the
/// Foreign Ministry's Russian original and the Ministry's English version.
pub const THREE_WITNESSES: [(&str, &str); 3] = [
    (
        "samples/2022-07-29-blinken-lavrov/us.txt",
        include_str!("../samples/2022-07-29-blinken-lavrov/us.txt"),
    ),
    (
        "samples/2022-07-29-blinken-lavrov-ru/ru.txt",
        include_str!("../samples/2022-07-29-blinken-lavrov-ru/ru.txt"),
    ),
    (
        "samples/2022-07-29-blinken-lavrov/ru.txt",
        include_str!("../samples/2022-07-29-blinken-lavrov/ru.txt"),
    ),
];

/// The canonical call as three readouts: the US readout, the Foreign Ministry's Russian original
/// and its English version.
#[must_use]
pub fn blinken_lavrov_three() -> [Readout; 3] {
    THREE_WITNESSES.map(|(name, text)| read(name, text))
}

/// The canonical sample: the 29 July 2022 Blinken–Lavrov call, as two readouts.
#[must_use]
pub fn blinken_lavrov() -> (Readout, Readout) {
    readouts(PAIRS[0])
}

/// The canonical call with the Russian Foreign Ministry's account in Russian.
#[must_use]
pub fn blinken_lavrov_russian() -> (Readout, Readout) {
    readouts(RUSSIAN_ORIGINAL)
}

/// A bundled pair read as two readouts.
fn readouts(pair: SamplePair) -> (Readout, Readout) {
    let (dir, fa, ta, fb, tb) = pair;
    let make = |file: &str, text: &str| read(&format!("samples/{dir}/{file}"), text);
    (make(fa, ta), make(fb, tb))
}

/// A bundled text read as a readout named `name`.
fn read(name: &str, text: &str) -> Readout {
    match crate::ingest::read_bytes(text.as_bytes(), name) {
        Ok(readout) => readout,
        // The bundled texts are checked by tests; this only keeps the type total.
        Err(e) => Readout {
            source: name.to_string(),
            label: String::new(),
            text: String::new(),
            sha256: String::new(),
            encoding: "UTF-8".to_string(),
            format: "text".to_string(),
            title: None,
            date: None,
            url: None,
            initiative: None,
            warnings: vec![e.to_string()],
            fetched: None,
            language: None,
        },
    }
}
