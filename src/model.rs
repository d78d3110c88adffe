//! Plain data of a comparison: readouts, claims, topics, matches (no behaviour beyond accessors).

use serde::{Deserialize, Serialize};

/// One of the two sides of a comparison: `a` (left, usually the US) or `b` (right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The left readout.
    A,
    /// The right readout.
    B,
}

impl Side {
    /// Both sides, `a` first.
    pub const BOTH: [Side; 2] = [Side::A, Side::B];

    /// The side's key as used in claim ids and JSON (`"a"` or `"b"`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }

    /// The index of the side in two-element arrays.
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }

    /// The other side.
    #[must_use]
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// A claim's identity while a comparison is shown: its side and its position among that side's
/// claims. Commands, curation and reports name claims by it; the `"a3"` label in
/// [`Claim::id`] is only for people, and sessions anchor decisions by span and text
/// ([`crate::curation::ClaimRef`]) so they survive recomputation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId {
    /// The claim's side.
    pub side: Side,
    /// Its index in that side's claims.
    pub index: usize,
}

impl ClaimId {
    /// Claim `index` of `side`.
    #[must_use]
    pub fn new(side: Side, index: usize) -> Self {
        ClaimId { side, index }
    }
}

/// A topic's identity: the taxonomy's id (`"prisoners"`), `"other"`, or an analyst's
/// `"custom-…"`. Written as a plain string in JSON and sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TopicId(String);

impl TopicId {
    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for TopicId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for TopicId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TopicId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for TopicId {
    fn from(id: &str) -> Self {
        TopicId(id.to_string())
    }
}

impl From<String> for TopicId {
    fn from(id: String) -> Self {
        TopicId(id)
    }
}

impl PartialEq<str> for TopicId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for TopicId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for TopicId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

/// One government's account of the call: one input document, already decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Readout {
    /// Where it came from (a file name, or a description such as `"pasted text"`).
    pub source: String,
    /// The party whose account this is, as shown to users ("United States").
    pub label: String,
    /// The text every claim offset refers to (UTF-8, `\n` line ends).
    pub text: String,
    /// SHA-256 of the input bytes as read (before decoding), lowercase hex.
    pub sha256: String,
    /// The encoding the bytes were read in ("UTF-8", "windows-1251" …).
    pub encoding: String,
    /// The input's format: "text", "html", "pdf" or "docx".
    pub format: String,
    /// The readout's title, from front matter, the document, or a title line.
    pub title: Option<String>,
    /// The date of the readout as given (front matter, page metadata or a dateline).
    pub date: Option<String>,
    /// Where it was published, when known (front matter or the page's canonical address).
    pub url: Option<String>,
    /// Who asked for the call, as this readout says ("по инициативе американской стороны"),
    /// when it says; found by the pipeline from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiative: Option<Initiative>,
    /// Problems met while reading that did not stop it (shown as warnings).
    pub warnings: Vec<String>,
    /// Where and when it was downloaded, for a readout opened from its link (absent otherwise,
    /// so sessions and JSON of files stay as they were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<Fetched>,
    /// The readout's language (ISO 639-1, from `language::detect`), when it is one Parallax
    /// knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The provenance of a readout opened from its link. The SHA-256 of the downloaded bytes is the
/// readout's own [`Readout::sha256`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// The link as given.
    pub url: String,
    /// The address the bytes came from, after redirects (the same as `url` without any).
    pub final_url: String,
    /// When the download finished: UTC, RFC 3339 (`2022-07-29T18:04:05Z`).
    pub fetched_at: String,
}

impl Readout {
    /// [`Fetched::summary`] of a readout opened from its link; `None` for a file.
    #[must_use]
    pub fn fetched_summary(&self) -> Option<String> {
        self.fetched.as_ref().map(Fetched::summary)
    }
}

impl Fetched {
    /// One line for people: `fetched 2022-07-29T18:04:05Z from https://… (redirected to https://…)`.
    #[must_use]
    pub fn summary(&self) -> String {
        if self.final_url == self.url {
            format!("fetched {} from {}", self.fetched_at, self.url)
        } else {
            format!(
                "fetched {} from {} (redirected to {})",
                self.fetched_at, self.url, self.final_url
            )
        }
    }
}

/// Who asked for the call or meeting, as one readout tells it ("at the request of the Russian
/// side", "по инициативе американской стороны").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Initiative {
    /// The party the readout names as having asked, by its label ("United States"), when it is
    /// one Parallax knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Whether that is the readout's own side or the other side, when the labels or the words
    /// ("at our request", "по просьбе другой стороны") say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Initiator>,
    /// The readout's words that say so, as written.
    pub phrase: String,
}

/// Who asked for the call, from one readout's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// The readout's own side asked.
    ThisSide,
    /// The other side asked.
    OtherSide,
}

impl Initiative {
    /// One line for the app and the reports: "United States (the other side): “по инициативе
    /// американской стороны”".
    #[must_use]
    pub fn summary(&self) -> String {
        let side = self.side.map(|s| match s {
            Initiator::ThisSide => "this side",
            Initiator::OtherSide => "the other side",
        });
        let who = match (&self.party, side) {
            (Some(party), Some(side)) => format!("{party} ({side})"),
            (Some(party), None) => party.clone(),
            (None, Some(side)) => side.to_string(),
            (None, None) => String::new(),
        };
        if who.is_empty() {
            format!("“{}”", self.phrase)
        } else {
            format!("{who}: “{}”", self.phrase)
        }
    }
}

/// One statement of a readout, normally one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: side key plus 1-based position (`"a3"`).
    pub id: String,
    /// UTF-8 byte offset of the first byte in the readout's text.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
    /// 0-based index of the paragraph the claim stands in.
    pub paragraph: usize,
    /// The primary topic's id.
    pub topic: TopicId,
    /// Keyword evidence for each topic the claim names, strongest first (topic id, score).
    pub topic_scores: Vec<(TopicId, f32)>,
    /// Who the claim reports as speaking or acting, when the text says so.
    pub speaker: Option<String>,
    /// What the claim does in its readout: opening, tone, agenda or substantive.
    #[serde(default)]
    pub role: crate::roles::Role,
    /// Whether an analyst moved the claim to its topic (rather than the taxonomy placing it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub topic_manual: bool,
    /// The analyst's note on the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The framing terms the claim uses (see [`crate::framing`]), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub framing: Vec<FramingTerm>,
}

/// A word choice of the framing lexicon found in a claim: a loaded or conventional term, the
/// tone a readout gives the call, or who it says asked for the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FramingTerm {
    /// The lexicon's entry, as its headword ("special military operation").
    pub term: String,
    /// What kind of word choice it is.
    pub kind: FramingKind,
    /// UTF-8 byte offset of its first byte in the readout's text.
    pub start: usize,
    /// UTF-8 byte offset one past its last byte.
    pub end: usize,
    /// How the other side would say it ("war", "full-scale invasion"); shared with the
    /// lexicon entry, so a long readout's thousands of uses do not copy the list.
    #[serde(default, skip_serializing_if = "no_counterparts")]
    pub counterparts: std::sync::Arc<[String]>,
    /// For an initiative: who asked, as written ("President Putin’s", "американской стороны").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The whole phrase as written where the span marks one word of it: an initiative with who
    /// asked ("по инициативе американской стороны", span "инициативе"), "war against Ukraine"
    /// (span "war").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// For an initiative: the side whose party asked, when the words name one of the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<Side>,
}

fn no_counterparts(list: &std::sync::Arc<[String]>) -> bool {
    list.is_empty()
}

/// The kinds of framing the lexicon knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FramingKind {
    /// A name one side uses and the other does not ("Kiev" / "Kyiv", "Taiwan region").
    Naming,
    /// A softer name for a contested thing ("special military operation").
    Euphemism,
    /// The other side's name for what a euphemism covers ("full-scale invasion", "annexation").
    CounterTerm,
    /// A loaded qualifier or label ("unprovoked", "Kiev regime", "collective West").
    Label,
    /// The tone a readout gives the conversation ("frank", "businesslike").
    Tone,
    /// Who a readout says asked for the call ("at the request of", "по инициативе").
    Initiative,
}

impl FramingKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [FramingKind; 6] = [
        FramingKind::Naming,
        FramingKind::Euphemism,
        FramingKind::CounterTerm,
        FramingKind::Label,
        FramingKind::Tone,
        FramingKind::Initiative,
    ];

    /// The kind as written in the lexicon and the JSON (`"counter-term"`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            FramingKind::Naming => "naming",
            FramingKind::Euphemism => "euphemism",
            FramingKind::CounterTerm => "counter-term",
            FramingKind::Label => "label",
            FramingKind::Tone => "tone",
            FramingKind::Initiative => "initiative",
        }
    }

    /// The kind in words, for tooltips and reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            FramingKind::Naming => "naming convention",
            FramingKind::Euphemism => "euphemism",
            FramingKind::CounterTerm => "counter-term",
            FramingKind::Label => "loaded label",
            FramingKind::Tone => "tone of the call",
            FramingKind::Initiative => "initiative",
        }
    }
}

/// One use of a framing term: claim `claim` of a side, its `item`-th [`Claim::framing`] entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FramingRef {
    /// Index into the side's claims.
    pub claim: usize,
    /// Index into that claim's `framing`.
    pub item: usize,
}

/// A framing term as one side uses it: how often and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermUses {
    /// The lexicon's headword.
    pub term: String,
    /// Its kind.
    pub kind: FramingKind,
    /// Every use, in text order (the count is their number).
    pub uses: Vec<FramingRef>,
}

impl TermUses {
    /// The claims that use the term, in text order, each once.
    #[must_use]
    pub fn claims(&self) -> Vec<usize> {
        let mut claims: Vec<usize> = self.uses.iter().map(|r| r.claim).collect();
        claims.dedup();
        claims
    }

    /// The ids of [`TermUses::claims`] among `claims` (one side's).
    #[must_use]
    pub fn claim_ids<'a>(&self, claims: &'a [Claim]) -> Vec<&'a str> {
        self.claims()
            .into_iter()
            .filter_map(|i| claims.get(i).map(|c| c.id.as_str()))
            .collect()
    }
}

/// Where two sides' words for one thing were found to face each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContrastBasis {
    /// In the two claims of a match.
    Match,
    /// In claims of one topic that no match links.
    Topic,
    /// Anywhere in the two readouts (the first use on each side).
    Readout,
}

impl ContrastBasis {
    /// The basis as written in the JSON (`"match"`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            ContrastBasis::Match => "match",
            ContrastBasis::Topic => "topic",
            ContrastBasis::Readout => "readout",
        }
    }

    /// Where the contrast was found, in words.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ContrastBasis::Match => "in a matched pair",
            ContrastBasis::Topic => "in one topic",
            ContrastBasis::Readout => "in the two readouts",
        }
    }
}

/// Side `a` uses one term where side `b` uses its counterpart ("occupied areas" ↔ "liberated
/// territories").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contrast {
    /// Side `a`'s term.
    pub a: FramingRef,
    /// Side `b`'s term.
    pub b: FramingRef,
    /// Where the two were found to face each other.
    pub basis: ContrastBasis,
}

/// The framing of a comparison at a glance, derived from the claims' framing and the matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FramingSummary {
    /// Per side, the terms used, most used first.
    pub terms: [Vec<TermUses>; 2],
    /// Terms of side `a` facing their counterparts on side `b`: matched pairs first.
    pub contrasts: Vec<Contrast>,
    /// Per side, the tone it gives the call, in text order.
    pub tone: [Vec<FramingRef>; 2],
    /// Per side, what it says of who asked for the call, in text order.
    pub initiative: [Vec<FramingRef>; 2],
}

impl FramingSummary {
    /// Whether neither readout uses any framing term.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(Vec::is_empty)
    }
}

/// Who made a link, and on what grounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Origin {
    /// Proposed by the aligner.
    Auto {
        /// Calibrated confidence in 0..=1.
        score: f32,
        /// What decided it, strongest first.
        evidence: Vec<String>,
    },
    /// Proposed by the aligner and confirmed by the analyst.
    Confirmed {
        /// The aligner's confidence in 0..=1.
        score: f32,
        /// What decided it, strongest first.
        evidence: Vec<String>,
    },
    /// Made by the analyst alone: there is no score to show.
    Manual,
}

impl Origin {
    /// The aligner's confidence; 1 for a link the analyst made alone.
    #[must_use]
    pub fn score(&self) -> f32 {
        match self {
            Origin::Auto { score, .. } | Origin::Confirmed { score, .. } => *score,
            Origin::Manual => 1.0,
        }
    }

    /// The aligner's evidence; empty for a link the analyst made alone.
    #[must_use]
    pub fn evidence(&self) -> &[String] {
        match self {
            Origin::Auto { evidence, .. } | Origin::Confirmed { evidence, .. } => evidence,
            Origin::Manual => &[],
        }
    }

    /// Whether an analyst made or confirmed the link.
    #[must_use]
    pub fn is_manual(&self) -> bool {
        !matches!(self, Origin::Auto { .. })
    }

    /// Whether the analyst alone made the link (its score is not a measure).
    #[must_use]
    pub fn is_analyst_made(&self) -> bool {
        matches!(self, Origin::Manual)
    }

    /// The same link, confirmed by the analyst.
    #[must_use]
    pub fn confirmed(self) -> Origin {
        match self {
            Origin::Auto { score, evidence } => Origin::Confirmed { score, evidence },
            other => other,
        }
    }

    /// `"auto"`, `"confirmed"` or `"manual"`, as in the JSON.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Origin::Auto { .. } => "auto",
            Origin::Confirmed { .. } => "confirmed",
            Origin::Manual => "manual",
        }
    }
}

/// A link between a claim of `a` and a claim of `b` that give each side's account of one point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Index into side `a`'s claims.
    pub a: usize,
    /// Index into side `b`'s claims.
    pub b: usize,
    /// Who made the link: the aligner (with its score and evidence) or the analyst.
    pub origin: Origin,
    /// Word-level changes from the `a` claim to the `b` claim when the two are near-identical
    /// word for word ([`crate::diff::shown_diff`]); empty for a paraphrase, which its anchors
    /// show instead.
    pub diff: Vec<DiffSpan>,
    /// What the two claims share (names, numbers, words, synonyms), with spans in each claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<Anchor>,
}

/// One thing both claims of a match name: a name, a number, a word or a synonym, with its byte
/// spans in each claim's text (relative to the claim's start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// What kind of thing is shared.
    pub kind: AnchorKind,
    /// Where the `a` claim says it: `[start, end)` byte offsets into the claim's text.
    pub a: Vec<[usize; 2]>,
    /// Where the `b` claim says it.
    pub b: Vec<[usize; 2]>,
}

/// What an anchor shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// A name of a person, place or institution.
    Name,
    /// A number or date part.
    Number,
    /// A word (stems folded: "proposal" ~ "proposals").
    Word,
    /// Different words the synonym table folds together ("ransomware" ~ "cyberattacks").
    Synonym,
    /// A word and its counterpart in the other language ("grain" ~ "зерна").
    Translation,
}

impl AnchorKind {
    /// The kind in words, for legends and tooltips.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            AnchorKind::Name => "name",
            AnchorKind::Number => "number",
            AnchorKind::Word => "word",
            AnchorKind::Synonym => "synonym",
            AnchorKind::Translation => "translation",
        }
    }
}

impl Match {
    /// The aligner's confidence (1 for a link the analyst made alone).
    #[must_use]
    pub fn score(&self) -> f32 {
        self.origin.score()
    }

    /// Whether an analyst made or confirmed the link.
    #[must_use]
    pub fn is_manual(&self) -> bool {
        self.origin.is_manual()
    }
}

/// What a run of words is in a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    /// In both claims.
    Equal,
    /// Only in the `a` claim.
    Delete,
    /// Only in the `b` claim.
    Insert,
}

/// A run of text with its diff tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSpan {
    /// Whether the run is shared, only in `a`, or only in `b`.
    pub tag: DiffTag,
    /// The words, with the whitespace between them.
    pub text: String,
}

/// A topic of the taxonomy as it appears in one comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRow {
    /// Taxonomy id (`"prisoners"`).
    pub id: TopicId,
    /// Section heading (`"Prisoners and detained citizens"`).
    pub label: String,
    /// Display colour, `#rrggbb`.
    pub color: String,
    /// Indices of side `a`'s claims whose primary topic this is, in text order.
    pub a: Vec<usize>,
    /// Indices of side `b`'s claims whose primary topic this is, in text order.
    pub b: Vec<usize>,
    /// Whether an analyst created the topic (it is not in the taxonomy).
    #[serde(default, skip_serializing_if = "is_false")]
    pub custom: bool,
    /// The analyst's note on the topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl TopicRow {
    /// The side that alone covers this topic, if only one does.
    #[must_use]
    pub fn one_sided(&self) -> Option<Side> {
        match (self.a.is_empty(), self.b.is_empty()) {
            (false, true) => Some(Side::A),
            (true, false) => Some(Side::B),
            _ => None,
        }
    }

    /// The claim indices of one side.
    #[must_use]
    pub fn claims(&self, side: Side) -> &[usize] {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }
}

/// One side of a comparison: the readout and its claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideData {
    /// Which side this is.
    pub side: Side,
    /// The input document.
    pub readout: Readout,
    /// Its claims, in text order.
    pub claims: Vec<Claim>,
}

impl SideData {
    /// The text of claim `index`.
    #[must_use]
    pub fn claim_text(&self, index: usize) -> &str {
        let claim = &self.claims[index];
        &self.readout.text[claim.start..claim.end]
    }
}

/// The immutable result of comparing two readouts; every view and report only reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Side `a` then side `b`.
    pub sides: [SideData; 2],
    /// Topics that have at least one claim, in taxonomy order.
    pub topics: Vec<TopicRow>,
    /// Links between claims, sorted by (`a`, `b`).
    pub matches: Vec<Match>,
    /// Claim indices with no match, per side, ascending.
    pub one_sided: [Vec<usize>; 2],
    /// Sentences an analyst set aside as not claims (boilerplate), per side, in text order.
    /// They keep their ids and spans but are in no topic, match or one-sided list.
    #[serde(default)]
    pub set_aside: [Vec<Claim>; 2],
    /// Links the aligner made and the analyst removed, sorted by (`a`, `b`): kept so the
    /// record shows what was rejected, not only what remains.
    #[serde(default)]
    pub rejected: Vec<Rejected>,
    /// For two language versions of one readout (or when asked for): the sentence-by-sentence
    /// translation check (`translation.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationCheck>,
    /// The framing of each side, its contrasts, the tone and the initiative; empty when the
    /// lexicon finds nothing (and in comparisons saved before it existed).
    #[serde(default, skip_serializing_if = "FramingSummary::is_empty")]
    pub framing: FramingSummary,
}

/// A machine link the analyst removed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    /// Index into side `a`'s claims.
    pub a: usize,
    /// Index into side `b`'s claims.
    pub b: usize,
    /// The aligner's probability for it.
    pub score: f32,
}

/// Serde helper: skip `false` flags so automatic output stays as it was.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(flag: &bool) -> bool {
    !*flag
}

impl Comparison {
    /// The framing term a reference names on `side`, if it is there.
    #[must_use]
    pub fn framing_term(&self, side: Side, r: FramingRef) -> Option<&FramingTerm> {
        self.side(side).claims.get(r.claim)?.framing.get(r.item)
    }

    /// The data of one side.
    #[must_use]
    pub fn side(&self, side: Side) -> &SideData {
        &self.sides[side.index()]
    }

    /// Matches involving claim `index` of `side`.
    pub fn matches_of(&self, side: Side, index: usize) -> impl Iterator<Item = &Match> {
        self.matches.iter().filter(move |m| match side {
            Side::A => m.a == index,
            Side::B => m.b == index,
        })
    }

    /// Whether claim `index` of `side` has no match.
    #[must_use]
    pub fn is_one_sided(&self, side: Side, index: usize) -> bool {
        self.one_sided[side.index()].binary_search(&index).is_ok()
    }

    /// The topic row with this id.
    #[must_use]
    pub fn topic(&self, id: &str) -> Option<&TopicRow> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The claims of each side that no match links, in text order: what `one_sided` must hold
    /// for `claim_counts` claims per side and these matches.
    #[must_use]
    pub fn unmatched(claim_counts: [usize; 2], matches: &[Match]) -> [Vec<usize>; 2] {
        let mut matched = claim_counts.map(|n| vec![false; n]);
        for m in matches {
            matched[0][m.a] = true;
            matched[1][m.b] = true;
        }
        matched.map(|flags| {
            flags
                .iter()
                .enumerate()
                .filter(|(_, m)| !**m)
                .map(|(i, _)| i)
                .collect()
        })
    }

    /// A claim by its id, if it is one of this comparison's.
    #[must_use]
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.side(id.side).claims.get(id.index)
    }

    /// The claims a match links, side `a`'s first.
    #[must_use]
    pub fn ends(m: &Match) -> [ClaimId; 2] {
        [ClaimId::new(Side::A, m.a), ClaimId::new(Side::B, m.b)]
    }

    /// Whether an analyst changed anything: a manual link or topic, a note, a set-aside sentence.
    #[must_use]
    pub fn is_curated(&self) -> bool {
        self.matches.iter().any(Match::is_manual)
            || self.topics.iter().any(|t| t.note.is_some() || t.custom)
            || self
                .sides
                .iter()
                .flat_map(|s| &s.claims)
                .any(|c| c.topic_manual || c.note.is_some())
            || self.set_aside.iter().any(|s| !s.is_empty())
            || !self.rejected.is_empty()
    }
}

/// What happened to the original's sentences in the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BeadKind {
    /// One sentence, one sentence.
    Kept,
    /// An original sentence the version does not have.
    Dropped,
    /// A version sentence the original does not have.
    Added,
    /// Two original sentences given as one.
    Merged,
    /// One original sentence given as two.
    Split,
}

impl BeadKind {
    /// The kind in words.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            BeadKind::Kept => "kept",
            BeadKind::Dropped => "dropped",
            BeadKind::Added => "added",
            BeadKind::Merged => "merged",
            BeadKind::Split => "split",
        }
    }
}

/// One step of the alignment: original sentences and the version's sentences that render them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    /// What the step is.
    pub kind: BeadKind,
    /// Claim indices on the original's side (none for an added sentence).
    pub original: Vec<usize>,
    /// Claim indices on the version's side (none for a dropped sentence).
    pub version: Vec<usize>,
    /// How alike the two sides of the bead are, 0 to 1 (0 for dropped and added).
    pub score: f32,
}

/// The whole check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslationCheck {
    /// The side holding the original (the Russian text when one side is Russian, else `a`).
    pub original: Side,
    /// The beads in text order.
    pub beads: Vec<Bead>,
}

impl TranslationCheck {
    /// The share of the original's sentences that the version renders (kept, merged or split).
    #[must_use]
    pub fn linked_share(&self) -> f32 {
        let (mut linked, mut all) = (0usize, 0usize);
        for bead in &self.beads {
            all += bead.original.len();
            if bead.kind != BeadKind::Dropped {
                linked += bead.original.len();
            }
        }
        if all == 0 {
            return 0.0;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "sentence counts are far below 2^24"
        )]
        let share = linked as f32 / all as f32;
        share
    }

    /// The beads of one kind.
    pub fn of_kind(&self, kind: BeadKind) -> impl Iterator<Item = &Bead> {
        self.beads.iter().filter(move |b| b.kind == kind)
    }
}
