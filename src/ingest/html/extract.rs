//! The readout's body in a parsed page: furniture removed, containers scored as Readability
//! does, the best one and its fitting siblings flattened to paragraphs.

use scraper::ElementRef;

use super::normalize;

/// Shortest paragraph, in characters, that counts towards a container's score.
const MIN_SCORED_PARAGRAPH_CHARS: usize = 25;
/// Blocks whose link text is more than this share of their text are navigation, not prose.
const MAX_BLOCK_LINK_DENSITY: f64 = 0.5;
/// Score a paragraph gives its parent before commas and length count.
const PARAGRAPH_SCORE: f64 = 1.0;
/// Characters of paragraph text worth one more point of score.
const CHARS_PER_LENGTH_POINT: f64 = 100.0;
/// Most points a paragraph's length can add.
const MAX_LENGTH_POINTS: f64 = 3.0;
/// Share of a paragraph's score that its grandparent receives (its parent receives all of it).
const GRANDPARENT_SHARE: f64 = 0.5;
/// Class weight of a content-like class or id, and minus that of a furniture-like one.
const CLASS_WEIGHT: f64 = 25.0;
/// Starting score of a `div`, the usual container of a body.
const DIV_SCORE: f64 = 5.0;
/// Starting score of a `pre`, `td` or `blockquote`.
const TEXT_BLOCK_SCORE: f64 = 3.0;
/// Starting score of lists, addresses and forms, which seldom hold a body.
const LIST_OR_FORM_SCORE: f64 = -3.0;
/// Starting score of headings and table headers.
const HEADING_SCORE: f64 = -5.0;
/// An ancestor scoring less than the best candidate's score divided by this stops the climb
/// towards a better-scoring ancestor.
const ANCESTOR_SCORE_DIVISOR: f64 = 3.0;
/// Share of the top container's score a sibling needs to join the body.
const SIBLING_SCORE_SHARE: f64 = 0.2;
/// Least score a sibling needs to join the body, however low the top container's score.
const MIN_SIBLING_SCORE: f64 = 10.0;
/// Share of the top container's score added to a sibling of the same class.
const SAME_CLASS_BONUS_SHARE: f64 = 0.2;
/// A paragraph sibling this long, in characters, joins the body when it has few links.
const MIN_SIBLING_PARAGRAPH_CHARS: usize = 80;
/// Link density below which such a long paragraph sibling joins the body.
const MAX_SIBLING_LINK_DENSITY: f64 = 0.25;
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

/// The body text of a parsed page: the paragraphs of the best-scoring container and its fitting
/// siblings, separated by a blank line (empty when the page has no text).
pub(super) fn body_text(root: ElementRef<'_>) -> String {
    Page::build(root).body_text()
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

/// Readability's class weight: [`CLASS_WEIGHT`] for a content-like class or id, minus that for a
/// furniture-like one.
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
            weight -= CLASS_WEIGHT;
        }
        if POSITIVE.iter().any(|word| value.contains(word)) {
            weight += CLASS_WEIGHT;
        }
    }
    weight
}

/// Readability's starting score of a container, by tag and class.
fn initial_score(tag: &str, element: &scraper::node::Element) -> f64 {
    let by_tag = match tag {
        "div" => DIV_SCORE,
        "pre" | "td" | "blockquote" => TEXT_BLOCK_SCORE,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => LIST_OR_FORM_SCORE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => HEADING_SCORE,
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
            let length_points = (count(node.text_len) / CHARS_PER_LENGTH_POINT)
                .floor()
                .min(MAX_LENGTH_POINTS);
            let score = PARAGRAPH_SCORE + count(node.commas) + length_points;
            let parent = node.parent;
            let grandparent = parent.and_then(|parent| self.nodes[parent].parent);
            for (ancestor, share) in [(parent, 1.0), (grandparent, GRANDPARENT_SHARE)] {
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
        let threshold = last_score / ANCESTOR_SCORE_DIVISOR;
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
        let threshold = (top_score * SIBLING_SCORE_SHARE).max(MIN_SIBLING_SCORE);
        let mut parts = Vec::new();
        // A paragraph sibling joins as in Readability; so does a lead paragraph before the top
        // container in wrappers of its own (`div > div > p`), but not a trailing one (a byline,
        // a source line).
        for index in self.element_children(parent) {
            let node = &self.nodes[index];
            let same_class = !top_class.is_empty() && node.element.attr("class") == Some(top_class);
            let bonus = if same_class {
                top_score * SAME_CLASS_BONUS_SHARE
            } else {
                0.0
            };
            let density = Self::link_density(node);
            let keep = index == top
                || node.score.is_some_and(|score| score + bonus >= threshold)
                || ((node.tag == "p" || index < top && self.reads_as_paragraph(index))
                    && (node.text_len >= MIN_SIBLING_PARAGRAPH_CHARS
                        && density < MAX_SIBLING_LINK_DENSITY
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

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::*;

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
