//! The window icon: the 256 px render of `assets/icon/parallax.svg`, embedded in the binary.

use eframe::egui::IconData;

/// The PNG the window icon is decoded from (`assets/icon/parallax-256.png`).
const PNG_256: &[u8] = include_bytes!("../../assets/icon/parallax-256.png");

/// The window icon, or `None` when the embedded PNG cannot be decoded (never expected: it is
/// checked by a test). That is logged and the window keeps eframe's default icon: a missing
/// icon is no reason not to start.
pub(super) fn window_icon() -> Option<IconData> {
    match eframe::icon_data::from_png_bytes(PNG_256) {
        Ok(icon) => Some(icon),
        Err(e) => {
            log::warn!("cannot decode the window icon, keeping the default one: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 12: the app carries its own icon.
    #[test]
    fn the_embedded_icon_decodes_to_256_px_rgba() {
        let icon = window_icon().expect("the embedded icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        let opaque = icon.rgba.chunks_exact(4).filter(|px| px[3] == 255).count();
        let transparent = icon.rgba.chunks_exact(4).filter(|px| px[3] == 0).count();
        assert!(
            opaque > 0 && transparent > 0,
            "the pages are opaque on a transparent background ({opaque} opaque, {transparent} transparent)"
        );
    }
}
