//! Saved web pages of readouts to text: charset sniffing, furniture removal, Readability scoring.

use std::borrow::Cow;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, X_USER_DEFINED};
use scraper::{ElementRef, Html};

use super::Extracted;
use crate::error::{Error, Result};

/// How far into the page a `<meta charset>` is looked for.
const CHARSET_SNIFF_BYTES: usize = 4096;
/// Shortest paragraph, in characters, that counts towards a container's score.
const MIN_SCORED_PARAGRAPH_CHARS: usize = 25;
/// The chosen body must hold at least one paragraph this long, in characters.
const MIN_BODY_PARAGRAPH_CHARS: usize = 40;
/// Blocks whose link text is more than this share of their text are navigation, not prose.
const MAX_BLOCK_LINK_DENSITY: f64 = 0.5;
/// Deepest nesting of container elements accepted: the parser's work grows with the square of
/// the depth, and real pages stay far below this.
const MAX_NESTING_DEPTH: usize = 5000;
/// Container elements that pages close explicitly, counted to estimate the nesting depth.
#[rustfmt::skip]
const NESTING_TAGS: &[&[u8]] = &[
    b"div", b"span", b"section", b"article", b"table", b"ul", b"ol", b"dl", b"blockquote", b"font",
    b"center", b"main", b"form",
];

/// Elements whose content is never readout text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "select", "textarea", "button", "nav", "header", "footer", "aside", "menu", "head", "math",
];
/// Words in a class or id that mark navigation, sharing and other page furniture.
#[rustfmt::skip]
const BOILERPLATE_WORDS: &[&str] = &[
    "nav", "menu", "breadcrumb", "footer", "header", "share", "sharing", "social", "cookie",
    "banner", "related", "sidebar", "subscribe", "newsletter", "promo", "skip", "print", "tags",
    "masthead", "toolbar",
];
/// ARIA roles of page furniture.
#[rustfmt::skip]
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
    "alertdialog",
];
/// Elements that start and end a block of text.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];
/// Block elements whose text is not part of the body text (the title, captions, small print).
const UNOUTPUT_TAGS: &[&str] = &["h1", "h5", "h6", "figcaption"];
/// Comma-like characters of several scripts (Latin, Arabic, CJK, small and vertical forms).
const COMMAS: &[char] = &[
    ',', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}',
    '\u{FF0C}', '\u{3001}',
];

/// Extracts the readout body, title, date and canonical address from a saved web page.
///
/// The page is decoded (BOM, then a declared charset, then UTF-8, then a guess), parsed, stripped
/// of navigation and other furniture, and the container with the most paragraph text is kept:
/// its paragraphs, list items, quotes and subheadings, separated by a blank line.
///
/// # Errors
/// [`Error::Unreadable`] when no container holds a paragraph of readable length, or when the
/// markup is nested too deeply to parse in reasonable time.
pub fn extract(input: &[u8], source: &str) -> Result<Extracted> {
    let html_text = decode(input);
    if nesting_depth(html_text.as_bytes()) > MAX_NESTING_DEPTH {
        return Err(Error::Unreadable {
            source_name: source.to_string(),
            reason: format!("HTML nested more than {MAX_NESTING_DEPTH} levels deep"),
        });
    }
    let document = Html::parse_document(&html_text);
    let root = document.root_element();
    let page = Page::build(root);
    let text = page.body_text();
    let has_paragraph = text
        .split("\n\n")
        .any(|paragraph| paragraph.chars().count() >= MIN_BODY_PARAGRAPH_CHARS);
    if !has_paragraph {
        return Err(Error::Unreadable {
            source_name: source.to_string(),
            reason: "no readable body found in this HTML page".into(),
        });
    }
    let meta = Metadata::read(root);
    Ok(Extracted {
        text,
        title: meta
            .og_title
            .map(|t| trim_site_suffix(&t))
            .or(meta.heading)
            .or_else(|| meta.title_tag.map(|t| trim_site_suffix(&t))),
        date: meta.date_meta.or(meta.time_attribute).or(meta.time_text),
        url: meta.canonical.or(meta.og_url),
    })
}

/// Decodes page bytes: a BOM, else a charset declared early in the page, else UTF-8, else a guess.
fn decode(input: &[u8]) -> Cow<'_, str> {
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

/// An estimate of the deepest nesting of container elements: opening minus closing tags of
/// [`NESTING_TAGS`], outside comments, scripts and styles.
fn nesting_depth(html: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let mut rest = html;
    while let Some(start) = rest.iter().position(|&b| b == b'<') {
        rest = rest.get(start + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            let end = find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            rest = rest.get(end..).unwrap_or_default();
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest
            .iter()
            .skip(name_start)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = rest
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !closing && (name == b"script" || name == b"style") {
            let end = (0..rest.len())
                .find(|&at| {
                    rest.get(at..at + 2) == Some(b"</")
                        && rest
                            .get(at + 2..at + 2 + name.len())
                            .is_some_and(|tag| tag.eq_ignore_ascii_case(&name))
                })
                .unwrap_or(rest.len());
            rest = rest.get(end..).unwrap_or_default();
        } else if NESTING_TAGS.contains(&name.as_slice()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

/// Position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Text with runs of whitespace collapsed to one space and the ends trimmed.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length in characters of `text` once its whitespace runs are collapsed (ends not trimmed).
fn collapsed_len(text: &str) -> usize {
    let mut len = 0;
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                len += 1;
            }
            in_space = true;
        } else {
            len += 1;
            in_space = false;
        }
    }
    len
}

/// `Some(text)` normalised, or `None` when it is empty.
fn non_empty(text: &str) -> Option<String> {
    Some(normalize(text)).filter(|t| !t.is_empty())
}

/// A title without a trailing site name: cut at the last " - ", " | ", " – ", " — " or " • "
/// when what follows is shorter than what precedes.
fn trim_site_suffix(title: &str) -> String {
    let cut = [" - ", " | ", " – ", " — ", " • "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, at + sep.len())))
        .max_by_key(|&(at, _)| at);
    match cut {
        Some((at, after))
            if title[after..].trim().chars().count() < title[..at].trim().chars().count() =>
        {
            title[..at].trim().to_string()
        }
        _ => title.trim().to_string(),
    }
}

/// The words of a class or id attribute, lower-cased, split at punctuation and camelCase.
fn attribute_words(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a class or id marks page furniture (a word starting or ending with a furniture word).
fn is_boilerplate_name(value: &str) -> bool {
    attribute_words(value).iter().any(|word| {
        BOILERPLATE_WORDS
            .iter()
            .any(|b| word.starts_with(b) || word.ends_with(b))
    })
}

/// Readability's class weight: +25 for a content-like class or id, -25 for a furniture-like one.
fn class_weight(element: &scraper::node::Element) -> f64 {
    #[rustfmt::skip]
    const POSITIVE: &[&str] = &[
        "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    ];
    #[rustfmt::skip]
    const NEGATIVE: &[&str] = &[
        "comment", "contact", "foot", "masthead", "media", "meta", "outbrain", "promo", "related",
        "scroll", "shoutbox", "sidebar", "sponsor", "shopping", "tags", "tool", "widget",
    ];
    let mut weight = 0.0;
    for value in [element.attr("class"), element.id()].into_iter().flatten() {
        let value = value.to_lowercase();
        if NEGATIVE.iter().any(|word| value.contains(word)) {
            weight -= 25.0;
        }
        if POSITIVE.iter().any(|word| value.contains(word)) {
            weight += 25.0;
        }
    }
    weight
}

/// Readability's starting score of a container, by tag and class.
fn initial_score(tag: &str, element: &scraper::node::Element) -> f64 {
    let by_tag = match tag {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + class_weight(element)
}

/// Whether an element may be page furniture, to be dropped unless it holds most of the page's prose.
fn is_suspect(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let hidden_style = element.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    });
    name == "form"
        || hidden_style
        || element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("role").is_some_and(|role| {
            BOILERPLATE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str())
        })
        || element.attr("class").is_some_and(is_boilerplate_name)
        || element.id().is_some_and(is_boilerplate_name)
}

/// A child of an element in the page tree.
enum Child<'a> {
    /// A text node.
    Text(&'a str),
    /// An element, by index.
    Element(usize),
}

/// One element of the page tree, with what scoring needs.
struct Node<'a> {
    /// The parsed element.
    element: &'a scraper::node::Element,
    /// Its tag name.
    tag: &'a str,
    /// Its parent, by index (always lower than its own).
    parent: Option<usize>,
    /// Its children in document order.
    children: Vec<Child<'a>>,
    /// Whether it may be furniture (see [`is_suspect`]).
    suspect: bool,
    /// Whether it was dropped (furniture, or inside furniture).
    removed: bool,
    /// Characters of text in its subtree (whitespace collapsed).
    text_len: usize,
    /// Characters of text inside links in its subtree.
    link_len: usize,
    /// Commas in its subtree.
    commas: usize,
    /// Its content score, once it is a candidate.
    score: Option<f64>,
}

/// The page as a flat tree (parents before children) without scripts and furniture.
struct Page<'a> {
    /// The elements; index 0 is the root.
    nodes: Vec<Node<'a>>,
}

impl<'a> Page<'a> {
    /// Builds the tree from the parsed root, then drops furniture and totals text per element.
    fn build(root: ElementRef<'a>) -> Self {
        let new_node = |element: ElementRef<'a>, parent| {
            let value = element.value();
            Node {
                element: value,
                tag: value.name(),
                parent,
                children: Vec::new(),
                suspect: is_suspect(value),
                removed: false,
                text_len: 0,
                link_len: 0,
                commas: 0,
                score: None,
            }
        };
        let mut nodes = vec![new_node(root, None)];
        let mut stack = vec![(root, 0)];
        while let Some((element, index)) = stack.pop() {
            for child in element.children() {
                if let scraper::Node::Text(text) = child.value() {
                    nodes[index].children.push(Child::Text(text));
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if DROPPED_TAGS.contains(&child.value().name()) {
                    continue;
                }
                let child_index = nodes.len();
                nodes.push(new_node(child, Some(index)));
                nodes[index].children.push(Child::Element(child_index));
                stack.push((child, child_index));
            }
        }
        let mut page = Page { nodes };
        page.total_text();
        page.remove_furniture();
        page.total_text();
        page
    }

    /// Totals text, link text and commas per element over the elements not removed.
    fn total_text(&mut self) {
        for index in (0..self.nodes.len()).rev() {
            let node = &self.nodes[index];
            let (mut text_len, mut link_len, mut commas) = (0, 0, 0);
            if !node.removed {
                for child in &node.children {
                    match *child {
                        Child::Text(text) => {
                            text_len += collapsed_len(text);
                            commas += text.chars().filter(|c| COMMAS.contains(c)).count();
                        }
                        Child::Element(child) => {
                            let child = &self.nodes[child];
                            if !child.removed {
                                text_len += child.text_len;
                                link_len += child.link_len;
                                commas += child.commas;
                            }
                        }
                    }
                }
                if node.tag == "a" {
                    link_len = text_len;
                }
            }
            let node = &mut self.nodes[index];
            (node.text_len, node.link_len, node.commas) = (text_len, link_len, commas);
        }
    }

    /// Removes suspect elements (and everything inside removed ones), except a suspect element
    /// that holds more than half of the page's text outside links: a wrapper such as
    /// `<form id="aspnetForm">` or `<div class="content-with-sidebar">`, not furniture.
    fn remove_furniture(&mut self) {
        let prose = |node: &Node| node.text_len.saturating_sub(node.link_len);
        let total = self.nodes.first().map_or(0, prose);
        for index in 0..self.nodes.len() {
            let parent_removed = self.nodes[index]
                .parent
                .is_some_and(|parent| self.nodes[parent].removed);
            let node = &self.nodes[index];
            let furniture = node.suspect && prose(node) * 2 <= total;
            self.nodes[index].removed = parent_removed || furniture;
        }
    }

    /// Whether an element reads as one paragraph: a `p`, `pre` or `td`, or a `div` or `section`
    /// with text and no block-level children.
    fn is_paragraph(&self, node: &Node) -> bool {
        match node.tag {
            "p" | "pre" | "td" => true,
            "div" | "section" => node.children.iter().all(|child| match *child {
                Child::Text(_) => true,
                Child::Element(child) => {
                    let child = &self.nodes[child];
                    child.removed || !BLOCK_TAGS.contains(&child.tag) || child.tag == "hr"
                }
            }),
            _ => false,
        }
    }

    /// The share of an element's text that is link text.
    fn link_density(node: &Node) -> f64 {
        if node.text_len == 0 {
            0.0
        } else {
            ratio(node.link_len, node.text_len)
        }
    }

    /// Scores containers by the paragraphs they hold; returns the best one, if any.
    fn best_candidate(&mut self) -> Option<usize> {
        for index in 0..self.nodes.len() {
            let node = &self.nodes[index];
            if node.removed
                || node.text_len < MIN_SCORED_PARAGRAPH_CHARS
                || !self.is_paragraph(node)
            {
                continue;
            }
            let score = 1.0 + count(node.commas) + (count(node.text_len) / 100.0).floor().min(3.0);
            let parent = node.parent;
            let grandparent = parent.and_then(|parent| self.nodes[parent].parent);
            for (ancestor, share) in [(parent, 1.0), (grandparent, 0.5)] {
                let Some(ancestor) = ancestor else { continue };
                let ancestor = &mut self.nodes[ancestor];
                let start = initial_score(ancestor.tag, ancestor.element);
                *ancestor.score.get_or_insert(start) += score * share;
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for (index, node) in self.nodes.iter_mut().enumerate() {
            let density = Self::link_density(node);
            if let Some(score) = node.score.as_mut() {
                *score *= 1.0 - density;
                if best.is_none_or(|(_, top)| *score > top) {
                    best = Some((index, *score));
                }
            }
        }
        let (mut top, mut last_score) = best?;
        // Readability: a parent that scores better than its best child is the real container.
        let threshold = last_score / 3.0;
        let mut parent = self.nodes[top].parent;
        while let Some(index) = parent {
            let node = &self.nodes[index];
            if matches!(node.tag, "body" | "html") {
                break;
            }
            if let Some(score) = node.score {
                if score < threshold {
                    break;
                }
                if score > last_score {
                    top = index;
                    break;
                }
                last_score = score;
            }
            parent = node.parent;
        }
        Some(top)
    }

    /// The top container and those of its siblings that also read as body text.
    fn body_parts(&mut self) -> Vec<usize> {
        let Some(mut top) = self.best_candidate() else {
            let body = self.nodes.iter().position(|node| node.tag == "body");
            return vec![body.unwrap_or(0)];
        };
        // Readability: an only child's parent, so that siblings of the parent can join.
        while let Some(parent) = self.nodes[top].parent {
            let mut children = self.element_children(parent);
            let is_only_child = children.next().is_some() && children.next().is_none();
            if matches!(self.nodes[parent].tag, "body" | "html") || !is_only_child {
                break;
            }
            top = parent;
        }
        let top_node = &self.nodes[top];
        let Some(parent) = top_node.parent else {
            return vec![top];
        };
        let top_score = top_node
            .score
            .unwrap_or_else(|| initial_score(top_node.tag, top_node.element));
        let top_class = top_node.element.attr("class").unwrap_or_default();
        let threshold = (top_score * 0.2).max(10.0);
        let mut parts = Vec::new();
        // A paragraph sibling joins as in Readability; so does a lead paragraph before the top
        // container in wrappers of its own (`div > div > p`), but not a trailing one (a byline,
        // a source line).
        for index in self.element_children(parent) {
            let node = &self.nodes[index];
            let same_class = !top_class.is_empty() && node.element.attr("class") == Some(top_class);
            let bonus = if same_class { top_score * 0.2 } else { 0.0 };
            let density = Self::link_density(node);
            let keep = index == top
                || node.score.is_some_and(|score| score + bonus >= threshold)
                || ((node.tag == "p" || index < top && self.reads_as_paragraph(index))
                    && (node.text_len >= 80 && density < 0.25
                        || node.text_len > 0 && density == 0.0 && self.ends_sentence(index)));
            if keep {
                parts.push(index);
            }
        }
        parts
    }

    /// The element children of an element that were not removed.
    fn element_children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes[index]
            .children
            .iter()
            .filter_map(|child| match *child {
                Child::Element(child) if !self.nodes[child].removed => Some(child),
                _ => None,
            })
    }

    /// Whether an element is a paragraph, or wraps one and nothing else (`div > div > p`).
    fn reads_as_paragraph(&self, mut index: usize) -> bool {
        loop {
            if self.is_paragraph(&self.nodes[index]) {
                return true;
            }
            let mut children = self.element_children(index);
            match (children.next(), children.next()) {
                (Some(only), None) => index = only,
                _ => return false,
            }
        }
    }

    /// Whether an element's text contains or ends with a sentence end.
    fn ends_sentence(&self, index: usize) -> bool {
        let mut blocks = Vec::new();
        self.flatten(index, &mut blocks);
        blocks
            .iter()
            .any(|block| block.ends_with('.') || block.contains(". "))
    }

    /// The body text: the chosen containers' blocks in document order.
    fn body_text(mut self) -> String {
        let mut blocks = Vec::new();
        for part in self.body_parts() {
            self.flatten(part, &mut blocks);
        }
        blocks.join("\n\n")
    }

    /// Appends the text blocks of an element's subtree, in document order, to `blocks`.
    fn flatten(&self, root: usize, blocks: &mut Vec<String>) {
        /// A step of the depth-first walk.
        enum Step<'s> {
            Open(usize),
            Close(usize),
            Text(&'s str),
        }
        let mut block = BlockBuilder::default();
        let mut link_depth = 0_usize;
        let mut stack = vec![Step::Open(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Text(text) => block.push_text(text, link_depth > 0),
                Step::Open(index) => {
                    let node = &self.nodes[index];
                    if node.removed || UNOUTPUT_TAGS.contains(&node.tag) {
                        if BLOCK_TAGS.contains(&node.tag) {
                            block.flush(blocks);
                        }
                        continue;
                    }
                    match node.tag {
                        "br" => block.line_break(blocks),
                        "a" => link_depth += 1,
                        tag if BLOCK_TAGS.contains(&tag) => block.flush(blocks),
                        _ => {}
                    }
                    stack.push(Step::Close(index));
                    stack.extend(node.children.iter().rev().map(|child| match *child {
                        Child::Text(text) => Step::Text(text),
                        Child::Element(child) => Step::Open(child),
                    }));
                }
                Step::Close(index) => match self.nodes[index].tag {
                    "a" => link_depth = link_depth.saturating_sub(1),
                    tag if BLOCK_TAGS.contains(&tag) => block.flush(blocks),
                    _ => {}
                },
            }
        }
        block.flush(blocks);
    }
}

/// A block of text being gathered, with how much of it is link text.
#[derive(Default)]
struct BlockBuilder {
    /// The raw text.
    text: String,
    /// Characters of text (whitespace collapsed).
    text_len: usize,
    /// Characters of link text.
    link_len: usize,
    /// Whether a `<br>` came with no text after it: a second one ends the block.
    after_break: bool,
}

impl BlockBuilder {
    /// Adds a text node.
    fn push_text(&mut self, text: &str, in_link: bool) {
        let len = collapsed_len(text);
        self.text.push_str(text);
        self.text_len += len;
        if in_link {
            self.link_len += len;
        }
        if !text.trim().is_empty() {
            self.after_break = false;
        }
    }

    /// A `<br>`: a space, or the end of the block when it is the second in a row.
    fn line_break(&mut self, blocks: &mut Vec<String>) {
        if self.after_break {
            self.flush(blocks);
        } else {
            self.text.push(' ');
            self.after_break = true;
        }
    }

    /// Ends the block: keeps it, normalised, unless it is empty or mostly links.
    fn flush(&mut self, blocks: &mut Vec<String>) {
        let text = normalize(&self.text);
        let is_links =
            self.text_len > 0 && ratio(self.link_len, self.text_len) > MAX_BLOCK_LINK_DENSITY;
        if !text.is_empty() && !is_links {
            blocks.push(text);
        }
        *self = Self::default();
    }
}

/// A count as a float for scoring.
#[expect(
    clippy::cast_precision_loss,
    reason = "character counts are far below 2^52"
)]
fn count(n: usize) -> f64 {
    n as f64
}

/// `part / whole` as a float.
fn ratio(part: usize, whole: usize) -> f64 {
    count(part) / count(whole.max(1))
}

/// Title, date and address as the page's metadata and markup give them.
#[derive(Default)]
struct Metadata {
    /// `og:title`.
    og_title: Option<String>,
    /// The first `h1` that is not a logo or inside navigation.
    heading: Option<String>,
    /// `<title>`.
    title_tag: Option<String>,
    /// A publication date from a `meta` tag (the best-ranked key wins).
    date_meta: Option<String>,
    /// The first `time[datetime]`.
    time_attribute: Option<String>,
    /// The first `time` element's text.
    time_text: Option<String>,
    /// `link[rel=canonical]`.
    canonical: Option<String>,
    /// `og:url`.
    og_url: Option<String>,
}

impl Metadata {
    /// Reads the metadata in one pass over the document.
    fn read(root: ElementRef<'_>) -> Self {
        const DATE_KEYS: &[&str] = &[
            "article:published_time",
            "date",
            "datepublished",
            "dc.date",
            "dcterms.date",
            "pubdate",
            "publishdate",
            "firstpublishedtime",
        ];
        let mut meta = Self::default();
        let mut date_rank = usize::MAX;
        for element in root.descendent_elements() {
            let value = element.value();
            match value.name() {
                "meta" => {
                    let Some(content) = value.attr("content").and_then(non_empty) else {
                        continue;
                    };
                    let keys = [
                        value.attr("property"),
                        value.attr("name"),
                        value.attr("itemprop"),
                    ];
                    for key in keys.into_iter().flatten() {
                        let key = key.trim().to_ascii_lowercase();
                        if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) {
                            if rank < date_rank {
                                date_rank = rank;
                                meta.date_meta = Some(content.clone());
                            }
                        } else if key == "og:title" && meta.og_title.is_none() {
                            meta.og_title = Some(content.clone());
                        } else if key == "og:url" && meta.og_url.is_none() {
                            meta.og_url = Some(content.clone());
                        }
                    }
                }
                "link" if meta.canonical.is_none() => {
                    let canonical = value.attr("rel").is_some_and(|rel| {
                        rel.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        meta.canonical = value.attr("href").and_then(non_empty);
                    }
                }
                "title" if meta.title_tag.is_none() => {
                    meta.title_tag = non_empty(&element.text().collect::<String>());
                }
                "h1" if meta.heading.is_none() => meta.heading = heading_text(element),
                "time" => {
                    if meta.time_attribute.is_none() {
                        meta.time_attribute = value.attr("datetime").and_then(non_empty);
                    }
                    if meta.time_text.is_none() {
                        meta.time_text = non_empty(&element.text().collect::<String>());
                    }
                }
                _ => {}
            }
        }
        meta
    }
}

/// The text of an `h1` unless it sits in navigation or is all link text (a logo).
fn heading_text(h1: ElementRef<'_>) -> Option<String> {
    let in_furniture = h1
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "nav" | "footer" | "aside" | "a"));
    if in_furniture {
        return None;
    }
    let text = normalize(&h1.text().collect::<String>());
    let link_text: String = h1
        .descendent_elements()
        .filter(|e| e.value().name() == "a")
        .flat_map(|a| a.text())
        .collect();
    if text.is_empty() || normalize(&link_text).len() >= text.len() {
        return None;
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs of a page that must extract.
    fn paragraphs(input: &[u8]) -> (Extracted, Vec<String>) {
        let extracted = extract(input, "page.html").unwrap();
        let paragraphs = extracted.text.split("\n\n").map(String::from).collect();
        (extracted, paragraphs)
    }

    fn assert_absent(text: &str, unwanted: &[&str]) {
        for needle in unwanted {
            assert!(!text.contains(needle), "{needle:?} leaked into {text:?}");
        }
    }

    #[test]
    fn state_gov_page_keeps_the_readout_and_drops_menus_share_related_cookies_footer() {
        let (page, paragraphs) =
            paragraphs(include_bytes!("../../tests/fixtures/html/state_gov.html"));
        assert_eq!(
            paragraphs,
            [
                "The below is attributable to Spokesperson Dana Whitcombe:",
                "Secretary of State Jonah Harlan spoke today with Norlandic Foreign Minister Vesna \
                 Arkel about the safety of shipping in the Northern Strait, where two cargo vessels \
                 were damaged last week.",
                "The Secretary welcomed Norland\u{2019}s decision to open its ports to inspection \
                 teams, and the two ministers agreed to convene technical experts before the end \
                 of the month.",
                "Secretary Harlan also raised the case of two detained aid workers and urged their \
                 prompt release on humanitarian grounds.",
                "The ministers discussed preparations for the Coastal Partnership summit in May.",
            ]
        );
        assert_absent(
            &page.text,
            &[
                "Policy Issues",
                "Skip to content",
                "Home",
                "Share",
                "cookies",
                "Related Articles",
                "Freedom of Navigation",
                "Office of Website Management",
                "Maritime Security",
                "dataLayer",
                "script text",
                "JSON headline",
                "official website",
                "Readout\n",
            ],
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Secretary Harlan\u{2019}s Call with Norlandic Foreign Minister Arkel")
        );
        assert_eq!(page.date.as_deref(), Some("2031-03-14T18:02:11+00:00"));
        assert_eq!(
            page.url.as_deref(),
            Some(
                "https://www.state.gov/secretary-harlans-call-with-norlandic-foreign-minister-arkel/"
            )
        );
    }

    #[test]
    fn whitehouse_page_keeps_subheadings_and_list_items_in_order() {
        let (page, paragraphs) =
            paragraphs(include_bytes!("../../tests/fixtures/html/whitehouse.html"));
        assert_eq!(paragraphs.len(), 8, "{paragraphs:#?}");
        assert!(paragraphs[0].starts_with("President Calloway spoke today with Prime Minister"));
        assert!(paragraphs[1].ends_with("and the fight against corruption."));
        assert_eq!(paragraphs[2], "Regional security");
        assert!(paragraphs[3].ends_with("the importance of a negotiated settlement."));
        assert_eq!(
            paragraphs[4],
            "They welcomed the resumption of talks between the border commissions."
        );
        assert_eq!(
            paragraphs[5],
            "They committed to coordinate humanitarian assistance for displaced families."
        );
        assert_eq!(
            paragraphs[6],
            "The President accepted an invitation to visit Veloria later this year."
        );
        assert_eq!(paragraphs[7], "###");
        assert_absent(
            &page.text,
            &[
                "Skip to content",
                "Menu",
                "Briefing Room",
                "Administration",
                "Statements and Releases",
                "Share this",
                "Stay connected",
                "Pennsylvania",
                "Readout of",
                "not body text",
            ],
        );
        assert_eq!(
            page.title.as_deref(),
            Some(
                "Readout of President Calloway\u{2019}s Call with Prime Minister Oduya of Veloria"
            )
        );
        assert_eq!(page.date.as_deref(), Some("2031-02-02"));
        assert_eq!(
            page.url.as_deref(),
            Some(
                "https://www.whitehouse.gov/briefing-room/statements-releases/2031/02/02/readout-calloway-oduya/"
            )
        );
    }

    #[test]
    fn kremlin_page_joins_the_lead_and_drops_tags_print_share_and_news_sidebar() {
        let (page, paragraphs) =
            paragraphs(include_bytes!("../../tests/fixtures/html/kremlin_en.html"));
        assert_eq!(
            paragraphs,
            [
                "Vladimir Putin had a telephone conversation with President of Veloria Amara Oduya \
                 at the initiative of the Velorian side.",
                "The two leaders discussed the implementation of the agreements on grain deliveries \
                 reached during the visit of the Velorian delegation to Moscow in March.",
                "Vladimir Putin noted the steady growth of trade between the two countries, which \
                 increased by nearly a quarter last year, and stressed the importance of transport \
                 and logistics projects.",
                "The conversation also touched upon the situation in the region. It was agreed to \
                 continue contacts at various levels.",
            ]
        );
        assert_absent(
            &page.text,
            &[
                "Print version",
                "Share",
                "Telegram",
                "Topics",
                "Foreign policy",
                "Latest news",
                "Tula",
                "Condolences",
                "Creative Commons",
                "Publication status",
                "April 22",
            ],
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Telephone conversation with President of Veloria Amara Oduya")
        );
        assert_eq!(page.date.as_deref(), Some("2031-04-22"));
        assert_eq!(
            page.url.as_deref(),
            Some("http://en.kremlin.ru/events/president/news/90001")
        );
    }

    #[test]
    fn mid_ru_page_in_windows_1251_is_decoded_from_its_meta_charset() {
        let input = include_bytes!("../../tests/fixtures/html/mid_ru_cp1251.html");
        assert!(
            input.utf8_chunks().any(|chunk| !chunk.invalid().is_empty()),
            "the fixture must stay windows-1251"
        );
        let (page, paragraphs) = paragraphs(input);
        assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
        assert!(paragraphs[0].starts_with("15 мая состоялся телефонный разговор"));
        assert!(paragraphs[0].ends_with("Республики Велория Т.Рейком."));
        assert!(paragraphs[1].starts_with("Министры обсудили ход подготовки"));
        assert!(paragraphs[2].ends_with("и взаимодействие в ООН."));
        assert_absent(
            &page.text,
            &[
                "Внешняя политика",
                "Главная",
                "Поделиться",
                "ВКонтакте",
                "Все права",
                "15.05.2031",
            ],
        );
        assert_eq!(
            page.title.as_deref(),
            Some(
                "О телефонном разговоре Министра иностранных дел России с Министром иностранных дел Велории"
            )
        );
        assert_eq!(page.date, None);
        assert_eq!(
            page.url.as_deref(),
            Some("https://mid.ru/ru/foreign_policy/news/9000001/")
        );
    }

    #[test]
    fn xinhua_page_keeps_the_dateline_and_drops_news_lists() {
        let (page, paragraphs) =
            paragraphs(include_bytes!("../../tests/fixtures/html/xinhua.html"));
        assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
        assert!(
            paragraphs[0]
                .starts_with("BEIJING, Jan. 10 (Xinhua) -- Chinese Foreign Minister Zhao Lin")
        );
        assert_eq!(
            paragraphs[3],
            "The two sides also exchanged views on regional issues of common concern."
        );
        assert_absent(
            &page.text,
            &[
                "Most Read",
                "Spring Festival",
                "Heilongjiang",
                "Sci-Tech",
                "Copyright",
                "Editor",
                "Source: Xinhua",
                "_hmt",
            ],
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Chinese FM holds phone talks with Velorian counterpart")
        );
        assert_eq!(page.date.as_deref(), Some("2031-01-10"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://english.news.cn/20310110/abc123/c.html")
        );
    }

    #[test]
    fn menu_only_page_has_no_readable_body() {
        let input = include_bytes!("../../tests/fixtures/html/menu_only.html");
        let error = extract(input, "menu.html").unwrap_err();
        assert!(
            matches!(&error, Error::Unreadable { source_name, reason }
                if source_name == "menu.html" && reason == "no readable body found in this HTML page"),
            "{error:?}"
        );
    }

    #[test]
    fn scripts_styles_comments_and_hidden_markup_do_not_leak() {
        let (page, paragraphs) =
            paragraphs(include_bytes!("../../tests/fixtures/html/hostile.html"));
        assert_eq!(
            paragraphs,
            [
                "The ministers of Norland and Veloria met in Geneva on Tuesday and adopted a joint \
                 statement on river water sharing.",
                "Both sides agreed that the flow of the Arlen river must be shared according to the \
                 2019 treaty & its annexes, and that <script> tags in text are just text.",
                "They will meet again in June.",
            ]
        );
        assert_absent(
            &page.text,
            &[
                "commented-out",
                "Injected",
                "document.write",
                "style text",
                "JavaScript",
                "Template",
                "Iframe",
                "SVG",
            ],
        );
        assert_eq!(page.title.as_deref(), Some("Joint press statement"));
        assert_eq!((page.date, page.url), (None, None));
    }

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

    #[test]
    fn furniture_classes_do_not_remove_a_wrapper_holding_the_body() {
        let paragraph =
            "The delegations agreed to extend the ceasefire monitoring mission for six months.";
        let html = format!(
            "<body><form id=\"aspnetForm\"><div class=\"wrap has-sidebar\">\
             <div class=\"sidebar\"><p>Sidebar text that is a sentence of some length.</p></div>\
             <div class=\"story\"><p>{paragraph}</p><p>{paragraph}</p></div>\
             <div style=\"display: none\"><p>Hidden paragraph text that is long enough to score.</p></div>\
             </div></form></body>"
        );
        let page = extract(html.as_bytes(), "aspx.html").unwrap();
        assert_eq!(page.text, format!("{paragraph}\n\n{paragraph}"));
    }

    #[test]
    fn text_divs_and_double_line_breaks_make_paragraphs() {
        let html = "<body><div id=\"main\"><div class=\"article\">First paragraph of an older page, \
                    written with line breaks.<br><br>Second paragraph, with a <a href=\"/x\">link</a> \
                    inside it<br>and a single break.</div></div></body>";
        let page = extract(html.as_bytes(), "old.html").unwrap();
        assert_eq!(
            page.text,
            "First paragraph of an older page, written with line breaks.\n\n\
             Second paragraph, with a link inside it and a single break."
        );
    }

    #[test]
    fn deeply_nested_markup_is_refused_before_parsing() {
        let deep = format!(
            "<body>{}<p>{}</p>",
            "<div>".repeat(6000),
            "A paragraph. ".repeat(5)
        );
        let error = extract(deep.as_bytes(), "deep.html").unwrap_err();
        assert!(matches!(error, Error::Unreadable { .. }), "{error:?}");
        let balanced =
            "<DIV><div></div><Div></div></DIV><script>'<div><div>'</SCRIPT><!-- <div> -->";
        assert_eq!(nesting_depth(balanced.as_bytes()), 2);
    }

    #[test]
    fn site_suffixes_are_trimmed_from_titles_only_when_shorter() {
        assert_eq!(
            trim_site_suffix(
                "Secretary's Call with the Foreign Minister - U.S. Department of State"
            ),
            "Secretary's Call with the Foreign Minister"
        );
        assert_eq!(
            trim_site_suffix("Readout of the Call | The White House"),
            "Readout of the Call"
        );
        assert_eq!(
            trim_site_suffix("Putin - Telephone conversation with the President"),
            "Putin - Telephone conversation with the President"
        );
        assert_eq!(trim_site_suffix("  Plain title "), "Plain title");
    }

    #[test]
    fn class_words_split_at_punctuation_and_camel_case() {
        assert_eq!(
            attribute_words("read__internal_content mainNav"),
            ["read", "internal", "content", "main", "nav"]
        );
        assert!(is_boilerplate_name("topnav"));
        assert!(is_boilerplate_name("social-share__list"));
        assert!(!is_boilerplate_name(
            "entry-content e-content read__internal_content"
        ));
        assert!(!is_boilerplate_name("canvas-wrapper"));
    }
}
