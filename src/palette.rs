//! The colours Parallax paints with, in one place: the app's theme and the HTML report's CSS
//! both read them, so a side looks the same on screen and on paper.

use std::fmt::Write as _;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    #[must_use]
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Side `a`'s accent (badges, curves, headings).
pub const SIDE_A: Rgb = Rgb(0x2f, 0x6f, 0xd0);
/// Side `b`'s accent.
pub const SIDE_B: Rgb = Rgb(0xd0, 0x6a, 0x1f);
/// Background of a claim only side `a` makes, on a light page.
pub const SIDE_A_TINT: Rgb = Rgb(0xdd, 0xea, 0xfd);
/// Background of a claim only side `b` makes, on a light page.
pub const SIDE_B_TINT: Rgb = Rgb(0xfd, 0xe8, 0xd4);
/// Background of words only in the `a` claim of a match, on a light page.
pub const DELETED: Rgb = Rgb(0xfb, 0xdf, 0xdc);
/// Background of words only in the `b` claim of a match, on a light page.
pub const INSERTED: Rgb = Rgb(0xd9, 0xf2, 0xd9);
/// Backgrounds of a match's anchors on a light page, one per anchor in turn (then again from the
/// first): the same colour marks the same name, number or word in both claims.
pub const ANCHORS: [Rgb; 6] = [
    Rgb(0xfd, 0xe6, 0x8a),
    Rgb(0xbf, 0xdb, 0xfe),
    Rgb(0xbb, 0xf7, 0xd0),
    Rgb(0xfb, 0xcf, 0xe8),
    Rgb(0xdd, 0xd6, 0xfe),
    Rgb(0xa5, 0xf3, 0xfc),
];
/// The same anchor colours on a dark background.
pub const ANCHORS_DARK: [Rgb; 6] = [
    Rgb(0x5c, 0x48, 0x10),
    Rgb(0x1e, 0x3a, 0x5f),
    Rgb(0x1f, 0x4d, 0x33),
    Rgb(0x5a, 0x23, 0x45),
    Rgb(0x3b, 0x2d, 0x66),
    Rgb(0x16, 0x4e, 0x57),
];
/// The analyst's marks (manual links, moves), on a light page.
pub const MANUAL: Rgb = Rgb(0x6a, 0x3d, 0xb0);
/// The underline of framing terms, on a light page.
pub const FRAMING: Rgb = Rgb(0xb8, 0x1d, 0x5b);
/// The underline of framing terms, on a dark background.
pub const FRAMING_DARK: Rgb = Rgb(0xf2, 0x7a, 0xa8);

/// The CSS custom properties of the report's palette (`:root{--a:…}`), then one class per
/// anchor colour (`mark.k0` …).
#[must_use]
pub fn css_variables() -> String {
    let mut anchors = String::new();
    for (k, c) in ANCHORS.iter().enumerate() {
        let _ = write!(anchors, "mark.k{k}{{background:{}}}", c.css());
    }
    format!(
        ":root{{--a:{};--b:{};--a-tint:{};--b-tint:{};--del:{};--ins:{};--manual:{};--framing:{};--line:#cdd3dc}}{anchors}",
        SIDE_A.css(),
        SIDE_B.css(),
        SIDE_A_TINT.css(),
        SIDE_B_TINT.css(),
        DELETED.css(),
        INSERTED.css(),
        MANUAL.css(),
        FRAMING.css(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_colours_are_hex_triplets() {
        assert_eq!(SIDE_A.css(), "#2f6fd0");
        assert!(css_variables().starts_with(":root{--a:#2f6fd0;--b:#d06a1f;"));
    }
}
