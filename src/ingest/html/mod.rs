//! Saved web pages of readouts to text: [`extract`] decodes the page (`charset`), guards against
//! markup nested too deeply to parse, keeps the readout's body (`extract`) and reads its title,
//! date and address (`metadata`).

mod charset;
mod extract;
mod metadata;

use scraper::Html;

use self::charset::decode;
use self::metadata::{Metadata, trim_site_suffix};
use super::Extracted;
use crate::error::{Error, Result};

/// The chosen body must hold at least one paragraph this long, in characters.
const MIN_BODY_PARAGRAPH_CHARS: usize = 40;
/// Deepest nesting of container elements accepted: the parser's work grows with the square of
/// the depth, and real pages stay far below this.
const MAX_NESTING_DEPTH: usize = 5000;
/// Container elements that pages close explicitly, counted to estimate the nesting depth.
#[rustfmt::skip]
const NESTING_TAGS: &[&[u8]] = &[
    b"div", b"span", b"section", b"article", b"table", b"ul", b"ol", b"dl", b"blockquote", b"font",
    b"center", b"main", b"form",
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
    let text = extract::body_text(root);
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
        let (page, paragraphs) = paragraphs(include_bytes!(
            "../../../tests/fixtures/html/state_gov.html"
        ));
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
        let (page, paragraphs) = paragraphs(include_bytes!(
            "../../../tests/fixtures/html/whitehouse.html"
        ));
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
        let (page, paragraphs) = paragraphs(include_bytes!(
            "../../../tests/fixtures/html/kremlin_en.html"
        ));
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
        let input = include_bytes!("../../../tests/fixtures/html/mid_ru_cp1251.html");
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
            paragraphs(include_bytes!("../../../tests/fixtures/html/xinhua.html"));
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
        let input = include_bytes!("../../../tests/fixtures/html/menu_only.html");
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
            paragraphs(include_bytes!("../../../tests/fixtures/html/hostile.html"));
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
}
