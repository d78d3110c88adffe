//! A vertical list of rows of different heights that lays out only the rows in view.
//!
//! Heights start as estimates (from text length and width) and are replaced by measured heights
//! as rows are drawn, so scrolling a 20,000-row comparison costs only the visible rows.

use eframe::egui::{Rect, ScrollArea, Ui, UiBuilder, pos2, vec2};

/// Row heights of one list, kept across frames.
#[derive(Debug, Default)]
pub struct VirtualList {
    width: f32,
    heights: Vec<f32>,
    generation: u64,
    /// A row scrolled to whose place may still move as heights above it are measured: it is
    /// brought to the top again until they settle.
    pinned: Option<usize>,
}

/// What was drawn this frame.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The scroll area's visible rectangle on screen.
    pub clip: Rect,
}

impl Default for Drawn {
    fn default() -> Self {
        Drawn {
            clip: Rect::NOTHING,
        }
    }
}

impl VirtualList {
    /// Forgets all heights (the rows changed).
    pub fn reset(&mut self) {
        self.heights.clear();
        self.generation += 1;
    }

    /// Forgets all heights but keeps the scroll position (the rows changed a little).
    pub fn forget_heights(&mut self) {
        self.heights.clear();
    }

    /// Shows `n` rows; `estimate(i, width)` guesses a row's height, `draw(ui, i)` draws it.
    /// With `scroll_to`, the row is brought to the top of the view.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        id_salt: impl std::hash::Hash + std::fmt::Debug,
        n: usize,
        estimate: impl Fn(usize, f32) -> f32,
        scroll_to: Option<usize>,
        mut draw: impl FnMut(&mut Ui, usize),
    ) -> Drawn {
        let width = ui.available_width();
        if self.heights.len() != n || (self.width - width).abs() > 0.5 {
            self.heights = (0..n).map(|i| estimate(i, width).max(1.0)).collect();
            self.width = width;
        }
        let spacing = ui.spacing().item_spacing.y;
        let mut prefix = Vec::with_capacity(n + 1);
        let mut acc = 0.0f32;
        prefix.push(0.0);
        for h in &self.heights {
            acc += h + spacing;
            prefix.push(acc);
        }
        let mut area = ScrollArea::vertical()
            .id_salt((id_salt, self.generation))
            .auto_shrink([false, false]);
        let target = scroll_to.or(self.pinned.take()).filter(|&r| r < n);
        if let Some(row) = target {
            area = area.vertical_scroll_offset(prefix[row]);
        }
        let mut drawn = Drawn::default();
        let mut changed = false;
        area.show_viewport(ui, |ui, viewport| {
            ui.set_min_height(acc);
            let origin = ui.max_rect().min;
            let first = prefix
                .partition_point(|&y| y <= viewport.min.y)
                .saturating_sub(1)
                .min(n);
            let mut y = prefix[first];
            let mut i = first;
            while i < n && y < viewport.max.y {
                let slot =
                    Rect::from_min_size(pos2(origin.x, origin.y + y), vec2(width, f32::INFINITY));
                let rect = ui
                    .scope_builder(UiBuilder::new().max_rect(slot).id_salt(("row", i)), |ui| {
                        draw(ui, i);
                    })
                    .response
                    .rect;
                let h = rect.height().max(1.0);
                if (h - self.heights[i]).abs() > 0.5 {
                    self.heights[i] = h;
                    changed = true;
                }
                y += h + spacing;
                i += 1;
            }
            drawn.clip = ui.clip_rect();
        });
        if changed {
            // Rows drawn for the first time moved what follows them: scroll again next frame.
            self.pinned = target;
            ui.ctx().request_repaint();
        }
        drawn
    }
}

/// A rough height for wrapped text of `chars` characters in `width` points.
#[must_use]
pub fn text_height(chars: usize, width: f32, row_height: f32, char_width: f32) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "estimates only")]
    let lines = (chars as f32 * char_width / width.max(50.0))
        .ceil()
        .max(1.0);
    lines * row_height
}
