//! Colours of the app: one tint per side, diff marks, topic swatches; light and dark variants.

use eframe::egui::{Color32, Visuals};

use crate::model::Side;
use crate::palette::{self, Rgb};

/// The egui colour of a palette colour.
fn color(Rgb(r, g, b): Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The accent colour of a side (badges, gutter curves).
#[must_use]
pub fn side_accent(side: Side) -> Color32 {
    match side {
        Side::A => color(palette::SIDE_A),
        Side::B => color(palette::SIDE_B),
    }
}

/// The colour of the analyst's marks (manual links, moves) and of manual links' curves.
#[must_use]
pub fn manual_accent(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xb4, 0x8c, 0xf0)
    } else {
        color(palette::MANUAL)
    }
}

/// The colour framing terms are underlined in (and their marks in the navigator).
#[must_use]
pub fn framing_accent(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        color(palette::FRAMING_DARK)
    } else {
        color(palette::FRAMING)
    }
}

/// The colour of claim text: on every tint below it reads at WCAG AA (4.5:1) or better. egui's
/// dark body text (#8c8c8c) reads at under 4:1 on the dark tints, so claims get a lighter grey.
#[must_use]
pub fn claim_text(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(0xd4)
    } else {
        visuals.text_color()
    }
}

/// The accent of witness `k` of three (`a`, `b` as the sides; `c` violet).
#[must_use]
pub fn witness_accent(k: usize) -> Color32 {
    match k {
        0 => side_accent(Side::A),
        1 => side_accent(Side::B),
        _ => Color32::from_rgb(0x7b, 0x3f, 0xa8),
    }
}

/// The background tint of a claim only witness `k` of three makes.
#[must_use]
pub fn witness_tint(k: usize, visuals: &Visuals) -> Color32 {
    match (k, visuals.dark_mode) {
        (0, _) => side_tint(Side::A, visuals),
        (1, _) => side_tint(Side::B, visuals),
        (_, false) => Color32::from_rgb(0xee, 0xe2, 0xf7),
        (_, true) => Color32::from_rgb(0x3a, 0x25, 0x4d),
    }
}

/// The background tint of a one-sided claim of `side`.
#[must_use]
pub fn side_tint(side: Side, visuals: &Visuals) -> Color32 {
    match (side, visuals.dark_mode) {
        (Side::A, false) => color(palette::SIDE_A_TINT),
        (Side::B, false) => color(palette::SIDE_B_TINT),
        (Side::A, true) => Color32::from_rgb(0x1b, 0x2f, 0x4f),
        (Side::B, true) => Color32::from_rgb(0x4a, 0x2e, 0x17),
    }
}

/// Background of a matched claim in the document view.
#[must_use]
pub fn matched_tint(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x26, 0x3a, 0x2c)
    } else {
        Color32::from_rgb(0xe3, 0xf3, 0xe3)
    }
}

/// Background of the selected claim, and in the document view of its match on the other side.
#[must_use]
pub fn selected_tint(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x5a, 0x52, 0x1a)
    } else {
        Color32::from_rgb(0xff, 0xf0, 0x9a)
    }
}

/// The outline around the selected claim and its match in the document view: the selected
/// tint's hue, dark enough to stand out from it (and from the panel) at 3:1 or better.
#[must_use]
pub fn selection_outline(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xe8, 0xc5, 0x47)
    } else {
        Color32::from_rgb(0x8a, 0x6a, 0x00)
    }
}

/// Background of words only in the `a` claim / only in the `b` claim.
#[must_use]
pub fn diff_colors(visuals: &Visuals) -> (Color32, Color32) {
    if visuals.dark_mode {
        (
            Color32::from_rgb(0x4a, 0x26, 0x26),
            Color32::from_rgb(0x22, 0x42, 0x2a),
        )
    } else {
        (color(palette::DELETED), color(palette::INSERTED))
    }
}

/// Background of the `k`-th anchor of a match (the colours repeat after six).
#[must_use]
pub fn anchor_tint(visuals: &Visuals, k: usize) -> Color32 {
    let list = if visuals.dark_mode {
        &palette::ANCHORS_DARK
    } else {
        &palette::ANCHORS
    };
    color(list[k % list.len()])
}

/// Parses `#rrggbb` (topic colours); grey when malformed.
#[must_use]
pub fn hex(color: &str) -> Color32 {
    let parse = |i: usize| {
        color
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (color.starts_with('#'), parse(1), parse(3), parse(5)) {
        (true, Some(r), Some(g), Some(b)) => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

/// The smallest text the app draws, in points: egui's "small" style is 9, too small to read
/// evidence, hashes and notes at a normal distance.
pub const MIN_TEXT: f32 = 12.0;

/// Raises every text style of both themes to at least [`MIN_TEXT`].
pub fn install_text_sizes(ctx: &eframe::egui::Context) {
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            font.size = font.size.max(MIN_TEXT);
        }
    });
}

/// Font files of common distributions that cover scripts egui's bundled fonts lack (CJK, Arabic,
/// Hebrew, Devanagari…). Those present are added as fallbacks; none is required.
const SYSTEM_FONTS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];

/// Adds the system fonts that exist as lowest-priority fallbacks.
pub fn install_system_fonts(ctx: &eframe::egui::Context) {
    use eframe::egui::{
        FontData, FontFamily, FontInsert,
        epaint::text::{FontPriority, InsertFontFamily},
    };
    for path in SYSTEM_FONTS {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(path, FontData::from_owned(bytes), families));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_style_is_under_12_points_in_either_theme() {
        let ctx = eframe::egui::Context::default();
        install_text_sizes(&ctx);
        for theme in [eframe::egui::Theme::Light, eframe::egui::Theme::Dark] {
            let style = ctx.style_of(theme);
            for (name, font) in &style.text_styles {
                assert!(font.size >= MIN_TEXT, "{name:?}: {} pt", font.size);
            }
        }
    }

    #[test]
    fn hex_colours_parse_and_fall_back() {
        assert_eq!(hex("#ff8000"), Color32::from_rgb(255, 128, 0));
        assert_eq!(hex("red"), Color32::GRAY);
        assert_eq!(hex("#12"), Color32::GRAY);
    }

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let channel = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_selection_outline_stands_out_from_the_tint_and_the_panel() {
        for visuals in [Visuals::light(), Visuals::dark()] {
            let outline = selection_outline(&visuals);
            for background in [selected_tint(&visuals), visuals.panel_fill] {
                let ratio = contrast(outline, background);
                assert!(ratio >= 3.0, "{background:?}: {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn claim_text_reads_at_wcag_aa_on_every_tint_in_both_themes() {
        for visuals in [Visuals::light(), Visuals::dark()] {
            let text = claim_text(&visuals);
            let (del, ins) = diff_colors(&visuals);
            let tints = [
                ("side a", side_tint(Side::A, &visuals)),
                ("side b", side_tint(Side::B, &visuals)),
                ("matched", matched_tint(&visuals)),
                ("selected", selected_tint(&visuals)),
                ("only in a", del),
                ("only in b", ins),
                ("panel", visuals.panel_fill),
            ];
            let anchors = (0..6).map(|k| ("an anchor", anchor_tint(&visuals, k)));
            for (name, background) in tints.into_iter().chain(anchors) {
                let ratio = contrast(text, background);
                assert!(
                    ratio >= 4.5,
                    "{name} in the {} theme: {ratio:.2}:1",
                    if visuals.dark_mode { "dark" } else { "light" }
                );
            }
        }
    }
}
