//! A page's title, publication date and address, from its metadata and markup.

use scraper::ElementRef;

use super::normalize;

/// Title, date and address as the page's metadata and markup give them.
#[derive(Default)]
pub(super) struct Metadata {
    /// `og:title`.
    pub(super) og_title: Option<String>,
    /// The first `h1` that is not a logo or inside navigation.
    pub(super) heading: Option<String>,
    /// `<title>`.
    pub(super) title_tag: Option<String>,
    /// A publication date from a `meta` tag (the best-ranked key wins).
    pub(super) date_meta: Option<String>,
    /// The first `time[datetime]`.
    pub(super) time_attribute: Option<String>,
    /// The first `time` element's text.
    pub(super) time_text: Option<String>,
    /// `link[rel=canonical]`.
    pub(super) canonical: Option<String>,
    /// `og:url`.
    pub(super) og_url: Option<String>,
}

impl Metadata {
    /// Reads the metadata in one pass over the document.
    pub(super) fn read(root: ElementRef<'_>) -> Self {
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

/// `Some(text)` normalised, or `None` when it is empty.
fn non_empty(text: &str) -> Option<String> {
    Some(normalize(text)).filter(|t| !t.is_empty())
}

/// A title without a trailing site name: cut at the last " - ", " | ", " – ", " — " or " • "
/// when what follows is shorter than what precedes.
pub(super) fn trim_site_suffix(title: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
