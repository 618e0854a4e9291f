//! A plotters backend that writes PDF drawing operators, so charts in the report stay vectors
//! and their labels stay text in the same embedded font (selectable, extractable) instead of
//! going through an SVG or bitmap detour.

use std::convert::Infallible;

use pdf_writer::Content;
use plotters::prelude::RGBColor;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::writer::{fill, show, stroke, PdfFont};
use crate::county::font;

pub(crate) struct PdfBackend<'a> {
    content: &'a mut Content,
    font: &'a mut PdfFont,
    size: (u32, u32),
    /// PDF coordinates of the chart's top-left corner.
    origin: (f32, f32),
    /// Points per design pixel.
    scale: f32,
}

impl<'a> PdfBackend<'a> {
    pub(crate) fn new(
        content: &'a mut Content,
        font: &'a mut PdfFont,
        size: (u32, u32),
        origin: (f32, f32),
        scale: f32,
    ) -> Self {
        PdfBackend {
            content,
            font,
            size,
            origin,
            scale,
        }
    }

    fn pt(&self, (x, y): BackendCoord) -> (f32, f32) {
        (
            self.origin.0 + x as f32 * self.scale,
            self.origin.1 - y as f32 * self.scale,
        )
    }

    /// PDF has no alpha without extended graphics states; charts sit on white, so translucent
    /// colours are pre-blended with white instead.
    fn solid(c: BackendColor) -> Option<RGBColor> {
        if c.alpha <= 0.0 {
            return None;
        }
        let a = c.alpha.min(1.0);
        let mix = |v: u8| (v as f64 * a + 255.0 * (1.0 - a)).round() as u8;
        Some(RGBColor(mix(c.rgb.0), mix(c.rgb.1), mix(c.rgb.2)))
    }

    fn set_stroke<S: BackendStyle>(&mut self, style: &S) -> bool {
        let Some(c) = Self::solid(style.color()) else {
            return false;
        };
        stroke(self.content, c);
        let w = (style.stroke_width() as f32 * self.scale).max(0.25);
        self.content.set_line_width(w);
        true
    }

    fn set_fill<S: BackendStyle>(&mut self, style: &S) -> bool {
        let Some(c) = Self::solid(style.color()) else {
            return false;
        };
        fill(self.content, c);
        true
    }

    fn path(&mut self, pts: impl IntoIterator<Item = BackendCoord>) -> usize {
        let mut n = 0;
        for p in pts {
            let (x, y) = self.pt(p);
            if n == 0 {
                self.content.move_to(x, y);
            } else {
                self.content.line_to(x, y);
            }
            n += 1;
        }
        n
    }
}

type Res = Result<(), DrawingErrorKind<Infallible>>;

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res {
        if let Some(c) = Self::solid(color) {
            fill(self.content, c);
            let (x, y) = self.pt(point);
            self.content.rect(x, y - self.scale, self.scale, self.scale);
            self.content.fill_nonzero();
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        if self.set_stroke(style) {
            self.path([from, to]);
            self.content.stroke();
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        filled: bool,
    ) -> Res {
        let (x0, y0) = self.pt(upper_left);
        let (x1, y1) = self.pt(bottom_right);
        let ready = if filled {
            self.set_fill(style)
        } else {
            self.set_stroke(style)
        };
        if ready {
            self.content
                .rect(x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
            if filled {
                self.content.fill_nonzero();
            } else {
                self.content.stroke();
            }
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        if self.set_stroke(style) {
            if self.path(path) > 1 {
                self.content.stroke();
            } else {
                self.content.end_path();
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        filled: bool,
    ) -> Res {
        let ready = if filled {
            self.set_fill(style)
        } else {
            self.set_stroke(style)
        };
        if !ready {
            return Ok(());
        }
        let (cx, cy) = self.pt(center);
        let r = radius as f32 * self.scale;
        // Four cubic arcs; k places the control points for a quarter circle.
        let k = 0.552_284_8 * r;
        let c = &mut *self.content;
        c.move_to(cx + r, cy);
        c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        c.close_path();
        if filled {
            c.fill_nonzero();
        } else {
            c.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        if self.set_fill(style) {
            if self.path(vert) > 2 {
                self.content.close_path();
                self.content.fill_nonzero();
            } else {
                self.content.end_path();
            }
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Res {
        let Some(colour) = Self::solid(style.color()) else {
            return Ok(());
        };
        let Ok(p) = font::place(text, style.size(), style.anchor(), style.transform(), pos) else {
            return Ok(());
        };
        let (u, d) = (p.along, p.down);
        let (x, y) = (
            self.origin.0 + p.origin.0 * self.scale,
            self.origin.1 - p.origin.1 * self.scale,
        );
        // The text matrix maps glyph space (x reading, y up) onto the page (y up).
        let m = [u.0, -u.1, -d.0, d.1, x, y];
        show(
            self.content,
            self.font,
            text,
            p.em * self.scale,
            m,
            colour,
            false,
        );
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok(font::estimate(text, style.size()).unwrap_or((0, 0)))
    }
}
