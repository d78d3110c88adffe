//! A vertical list of rows of different heights that lays out only the rows in view.
//!
//! Heights start as estimates (from text length and width) and are replaced by measured heights
//! as rows are drawn, so scrolling a 20,000-row comparison costs only the visible rows.

use eframe::egui::{Rect, ScrollArea, Ui, UiBuilder, pos2, vec2};

/// Where to scroll a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScrollTo {
    /// Bring a row to the top of the view.
    Top(usize),
    /// Bring a point of a row, `at` a fraction of its height from its top, to the middle of the
    /// view.
    Centre {
        /// The row.
        row: usize,
        /// The point, as a fraction of the row's height.
        at: f32,
    },
    /// Scroll to this offset (points from the top of the list).
    Offset(f32),
}

/// Row heights of one list, kept across frames.
#[derive(Debug, Default)]
pub struct VirtualList {
    width: f32,
    heights: Vec<f32>,
    /// Where each row starts (and, last, where the list ends), from `heights`.
    tops: Vec<f32>,
    spacing: f32,
    generation: u64,
    /// A row scrolled to whose place may still move as heights above it are measured: it is
    /// brought to its place again until they settle.
    pinned: Option<ScrollTo>,
    /// Whether the next place asked for is reached in a glide rather than at once.
    glide_next: bool,
    /// A glide under way.
    glide: Option<Glide>,
    /// The offset the rows were last drawn at.
    offset: f32,
}

/// A scroll gliding to its target (egui's scroll animation: its speed, within its durations).
#[derive(Debug, Clone, Copy)]
struct Glide {
    from: f32,
    /// When it started and how long it takes, in seconds.
    started: f64,
    duration: f32,
    target: ScrollTo,
}

/// What was drawn this frame.
#[derive(Debug, Clone, Copy)]
pub struct Drawn {
    /// The scroll area's visible rectangle on screen.
    pub clip: Rect,
    /// The scroll offset the rows were drawn at.
    pub offset: f32,
    /// The height of the view.
    pub viewport: f32,
    /// Whether rows drawn were measured at new heights (which moves the rows after them).
    pub remeasured: bool,
    /// Whether the list was scrolled where asked (or where it was asked before, again) rather
    /// than left where the user put it.
    pub placed: bool,
}

impl Default for Drawn {
    fn default() -> Self {
        Drawn {
            clip: Rect::NOTHING,
            offset: 0.0,
            viewport: 0.0,
            remeasured: false,
            placed: false,
        }
    }
}

impl VirtualList {
    /// Forgets all heights (the rows changed).
    pub fn reset(&mut self) {
        self.heights.clear();
        self.generation += 1;
        self.pinned = None;
        self.glide = None;
        self.offset = 0.0;
    }

    /// Forgets all heights but keeps the scroll position (the rows changed a little).
    pub fn forget_heights(&mut self) {
        self.heights.clear();
    }

    /// Makes sure there are heights for `n` rows at `width` (estimated by `estimate(i, width)`
    /// where not measured yet) and that row positions are up to date. [`Self::show`] does this
    /// too; call it first to read positions before drawing.
    pub fn prepare(
        &mut self,
        n: usize,
        width: f32,
        spacing: f32,
        estimate: impl Fn(usize, f32) -> f32,
    ) {
        let mut stale = self.tops.len() != n + 1;
        if self.heights.len() != n || (self.width - width).abs() > 0.5 {
            self.heights = (0..n).map(|i| estimate(i, width).max(1.0)).collect();
            self.width = width;
            stale = true;
        }
        if (self.spacing - spacing).abs() > f32::EPSILON {
            self.spacing = spacing;
            stale = true;
        }
        if stale {
            self.sum_tops();
        }
    }

    /// Sums the heights into row positions.
    fn sum_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut acc = 0.0f32;
        self.tops.push(0.0);
        for h in &self.heights {
            acc += h + self.spacing;
            self.tops.push(acc);
        }
    }

    /// Where row `i` starts, in points from the top of the list (as of the last
    /// [`Self::prepare`]); the list's height for `i` = the number of rows.
    #[must_use]
    pub fn row_top(&self, i: usize) -> f32 {
        self.tops
            .get(i)
            .or(self.tops.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// Row `i`'s height, measured or estimated.
    #[must_use]
    pub fn row_height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// The height of the whole list.
    #[must_use]
    pub fn height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Makes the list glide to the next place asked for (a row or a point to bring into view),
    /// so the eye can follow, instead of jumping there.
    pub fn glide_next(&mut self) {
        self.glide_next = true;
    }

    /// Whether the list is gliding to a place asked for.
    #[must_use]
    pub fn is_gliding(&self) -> bool {
        self.glide.is_some()
    }

    /// The offset to draw at for a target this frame: its place, or on the way there in a glide.
    fn place(&mut self, ui: &Ui, target: ScrollTo, viewport: f32) -> f32 {
        let to = self.offset_of(target, viewport);
        let now = ui.input(|i| i.time);
        if std::mem::take(&mut self.glide_next) && !matches!(target, ScrollTo::Offset(_)) {
            let animation = ui.style().scroll_animation;
            self.glide = Some(Glide {
                from: self.offset,
                started: now,
                duration: ((to - self.offset).abs() / animation.points_per_second)
                    .clamp(animation.duration.min, animation.duration.max),
                target,
            });
        }
        let Some(mut glide) = self.glide else {
            return to;
        };
        if !matches!(target, ScrollTo::Offset(_)) {
            glide.target = target;
        }
        self.glide = Some(glide);
        let to = self.offset_of(glide.target, viewport);
        #[expect(clippy::cast_possible_truncation, reason = "seconds of an animation")]
        let t = ((now - glide.started) as f32 / glide.duration.max(f32::EPSILON)).clamp(0.0, 1.0);
        let from = glide.from;
        if t >= 1.0 {
            self.glide = None;
        } else {
            ui.ctx().request_repaint();
        }
        // Ease out: quick at first, settling softly.
        from + (to - from) * (1.0 - (1.0 - t).powi(3))
    }

    /// The scroll offset that brings `target` into place in a view `viewport` points high.
    fn offset_of(&self, target: ScrollTo, viewport: f32) -> f32 {
        let offset = match target {
            ScrollTo::Top(row) => self.row_top(row),
            ScrollTo::Centre { row, at } => {
                self.row_top(row) + at * self.row_height(row) - viewport / 2.0
            }
            ScrollTo::Offset(offset) => offset,
        };
        offset.clamp(0.0, (self.height() - viewport).max(0.0))
    }

    /// Shows `n` rows; `estimate(i, width)` guesses a row's height, `draw(ui, i)` draws it.
    /// With `scroll_to`, the list scrolls there (a row asked for keeps its place while the
    /// heights above it settle, over a plain offset).
    pub fn show(
        &mut self,
        ui: &mut Ui,
        id_salt: impl std::hash::Hash + std::fmt::Debug,
        n: usize,
        estimate: impl Fn(usize, f32) -> f32,
        scroll_to: Option<ScrollTo>,
        mut draw: impl FnMut(&mut Ui, usize),
    ) -> Drawn {
        let width = ui.available_width();
        let spacing = ui.spacing().item_spacing.y;
        self.prepare(n, width, spacing, estimate);
        let viewport = ui.available_height();
        let mut area = ScrollArea::vertical()
            .id_salt((id_salt, self.generation))
            .auto_shrink([false, false]);
        let pinned = self.pinned.take();
        let target = match scroll_to {
            Some(ScrollTo::Offset(_)) | None => pinned.or(scroll_to),
            asked => asked,
        }
        .filter(|t| match t {
            ScrollTo::Top(row) | ScrollTo::Centre { row, .. } => *row < n,
            ScrollTo::Offset(_) => true,
        })
        .or(self.glide.map(|g| g.target));
        if let Some(target) = target {
            area = area.vertical_scroll_offset(self.place(ui, target, viewport));
        }
        let mut drawn = Drawn {
            viewport,
            placed: target.is_some(),
            ..Drawn::default()
        };
        let mut changed = false;
        let tops = &self.tops;
        let heights = &mut self.heights;
        let output = area.show_viewport(ui, |ui, view| {
            ui.set_min_height(tops.last().copied().unwrap_or(0.0));
            let origin = ui.max_rect().min;
            let first = tops
                .partition_point(|&y| y <= view.min.y)
                .saturating_sub(1)
                .min(n);
            let mut y = tops.get(first).copied().unwrap_or(0.0);
            let mut i = first;
            while i < n && y < view.max.y {
                let slot =
                    Rect::from_min_size(pos2(origin.x, origin.y + y), vec2(width, f32::INFINITY));
                let rect = ui
                    .scope_builder(UiBuilder::new().max_rect(slot).id_salt(("row", i)), |ui| {
                        draw(ui, i);
                    })
                    .response
                    .rect;
                let h = rect.height().max(1.0);
                if (h - heights[i]).abs() > 0.5 {
                    heights[i] = h;
                    changed = true;
                }
                y += h + spacing;
                i += 1;
            }
            drawn.clip = ui.clip_rect();
            drawn.offset = view.min.y;
        });
        drawn.remeasured = changed;
        if changed {
            self.sum_tops();
            // Rows drawn for the first time moved what follows them: scroll again next frame.
            self.pinned = target.filter(|t| !matches!(t, ScrollTo::Offset(_)));
            ui.ctx().request_repaint();
        }
        if (output.state.clamped_offset().y - drawn.offset).abs() > 0.1 {
            // The wheel moved the list after its rows were drawn: draw them (and whatever follows
            // the list) where they are now. The user takes over from a glide.
            self.glide = None;
            self.pinned = None;
            ui.ctx().request_repaint();
        }
        self.offset = drawn.offset;
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
