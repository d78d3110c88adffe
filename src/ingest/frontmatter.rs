//! An optional front-matter block at the top of a text readout, giving what the text may not:
//!
//! ```text
//! ---
//! party: United States
//! title: Secretary Blinken's Call with Russian Foreign Minister Lavrov
//! date: 2022-07-29
//! url: https://www.state.gov/...
//! ---
//! ```

/// Metadata read from a front-matter block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The party whose readout this is (becomes the side's label).
    pub party: Option<String>,
    /// The readout's title.
    pub title: Option<String>,
    /// The date as written.
    pub date: Option<String>,
    /// Where the readout was published.
    pub url: Option<String>,
    /// Keys that were not understood.
    pub unknown: Vec<String>,
}

/// Splits a leading front-matter block off `text`: the metadata, and the byte length of the block
/// (the readout's text starts there). `None` when the text has no block.
#[must_use]
pub fn split(text: &str) -> Option<(FrontMatter, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|i| (i, i + 5))
        .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), rest.len())))?;
    let (block, after) = (&rest[..end.0], end.1);
    let mut fm = FrontMatter::default();
    for line in block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let Some((key, value)) = line.split_once(':') else {
            return None; // not a front-matter block after all
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_lowercase().as_str() {
            "party" | "label" | "government" => &mut fm.party,
            "title" => &mut fm.title,
            "date" => &mut fm.date,
            "url" | "source" | "source_url" | "link" => &mut fm.url,
            other => {
                fm.unknown.push(other.to_string());
                continue;
            }
        };
        *slot = Some(value.to_string());
    }
    Some((fm, 4 + after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_block_and_where_the_text_starts() {
        let text = "---\nparty: United States\ntitle: \"Readout: a call\"\ndate: 2022-07-29\nurl: https://example.org/r\nlang: en\n---\nThe Secretary spoke.\n";
        let (fm, len) = split(text).unwrap();
        assert_eq!(fm.party.as_deref(), Some("United States"));
        assert_eq!(fm.title.as_deref(), Some("Readout: a call"));
        assert_eq!(fm.date.as_deref(), Some("2022-07-29"));
        assert_eq!(fm.url.as_deref(), Some("https://example.org/r"));
        assert_eq!(fm.unknown, ["lang"]);
        assert_eq!(&text[len..], "The Secretary spoke.\n");
    }

    #[test]
    fn text_without_a_block_is_left_alone() {
        assert!(split("The Secretary spoke.\n").is_none());
        assert!(split("---\nThis is a rule, not front matter.\n---\nText.").is_none());
        assert!(split("---\nparty: x\nno closing line").is_none());
    }
}
