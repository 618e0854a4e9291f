//! Text for the PNG charts. Plotters' own ab_glyph text drawing ignores each glyph's left side
//! bearing, which leaves holes after full-width brackets and uneven gaps in Chinese; this wrapper
//! around the bitmap backend rasterises text itself, glyph by glyph at its true position, and
//! passes everything else through.

use ab_glyph::{point, Font, ScaleFont};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::font;

pub(crate) struct GlyphText<DB>(pub DB);

type Res<E> = Result<(), DrawingErrorKind<E>>;

impl<DB: DrawingBackend> DrawingBackend for GlyphText<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Res<DB::ErrorType> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Res<DB::ErrorType> {
        self.0.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res<DB::ErrorType> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res<DB::ErrorType> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res<DB::ErrorType> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res<DB::ErrorType> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res<DB::ErrorType> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res<DB::ErrorType> {
        self.0.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Res<DB::ErrorType> {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Res<DB::ErrorType> {
        let colour = style.color();
        if colour.alpha <= 0.0 {
            return Ok(());
        }
        let (Ok(face), Ok(p)) = (
            font::face(),
            font::place(text, style.size(), style.anchor(), style.transform(), pos),
        ) else {
            return self.0.draw_text(text, style, pos);
        };
        // ab_glyph scales by ascent − descent, i.e. plotters' size.
        let scaled = face.as_scaled(style.size() as f32);
        let mut pen = 0.0f32;
        for c in text.chars().filter(|c| !c.is_control()) {
            let id = scaled.glyph_id(c);
            let glyph = id.with_scale_and_position(style.size() as f32, point(pen, 0.0));
            pen += scaled.h_advance(id);
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|x, y, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let (lx, ly) = (b.min.x + x as f32, b.min.y + y as f32);
                let sx = p.origin.0 + lx * p.along.0 + ly * p.down.0;
                let sy = p.origin.1 + lx * p.along.1 + ly * p.down.1;
                let pixel = BackendColor {
                    alpha: colour.alpha * coverage.min(1.0) as f64,
                    rgb: colour.rgb,
                };
                result = self
                    .0
                    .draw_pixel((sx.round() as i32, sy.round() as i32), pixel);
            });
            result?;
        }
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<DB::ErrorType>> {
        match font::estimate(text, style.size()) {
            Ok(wh) => Ok(wh),
            Err(_) => self.0.estimate_text_size(text, style),
        }
    }
}
