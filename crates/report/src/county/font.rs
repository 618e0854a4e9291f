//! The bundled CJK font (a GB2312 subset of Noto Sans CJK SC, see assets/fonts/README.md). It is
//! compiled into the binary so reports look the same on machines without Chinese fonts, and the
//! same face serves plotters' text rasteriser, the PDF writer's metrics and the SVG's font list.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId};

use super::ReportError;

pub(crate) const FONT_BYTES: &[u8] =
    include_bytes!("../../../../assets/fonts/NotoSansSC-Junheng-Regular.otf");

/// Plotters looks fonts up by family name and the SVG backend writes the same name as the CSS
/// `font-family`, so the name is a CSS list: browsers fall back to a Chinese system face.
pub(crate) const FAMILY: &str =
    "Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

/// Plotters' ab_glyph text treats a style's size as ascent − descent, not as the em; this is
/// that ratio for the bundled face (hhea 1160 + 288 over 1000 units).
pub(crate) const SIZE_PER_EM: f32 = 1.448;

fn face_cell() -> &'static Result<FontRef<'static>, String> {
    static FACE: OnceLock<Result<FontRef<'static>, String>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).map_err(|e| e.to_string()))
}

pub(crate) fn face() -> Result<&'static FontRef<'static>, ReportError> {
    face_cell()
        .as_ref()
        .map_err(|e| ReportError::Font(format!("bundled font unreadable: {e}")))
}

/// Registers the face with plotters once per process; every chart entry point calls this.
pub(crate) fn register() -> Result<(), ReportError> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, FONT_BYTES)
            .map_err(|_| "plotters rejected the bundled font".to_string())
    })
    .clone()
    .map_err(ReportError::Font)
}

/// Glyph of a character; characters the subset lacks map to .notdef (id 0).
pub(crate) fn glyph(face: &FontRef<'_>, c: char) -> GlyphId {
    face.glyph_id(c)
}

/// Advance of a glyph in thousandths of an em (the PDF glyph-space unit).
pub(crate) fn advance_milli(face: &FontRef<'_>, g: GlyphId) -> f32 {
    let upem = face.units_per_em().unwrap_or(1000.0);
    face.h_advance_unscaled(g) * 1000.0 / upem
}

/// Width of a line of text at `em` size, in the unit of `em`.
pub(crate) fn text_width(face: &FontRef<'_>, text: &str, em: f32) -> f32 {
    text.chars()
        .map(|c| advance_milli(face, glyph(face, c)))
        .sum::<f32>()
        * em
        / 1000.0
}

/// Typographic ascender and the height of the middle of CJK and Latin glyphs, in ems; they turn
/// plotters' top/centre/bottom anchors into a baseline.
const ASCENT: f32 = 0.88;
const MIDDLE: f32 = 0.37;
const DESCENT: f32 = 0.12;

/// Where a line of chart text starts and which way it runs, in design pixels (y down).
pub(crate) struct Placement {
    /// Start of the baseline.
    pub origin: (f32, f32),
    /// Unit vector along the line of reading.
    pub along: (f32, f32),
    /// Unit vector from the top of a glyph to its bottom.
    pub down: (f32, f32),
    /// Em size in design pixels.
    pub em: f32,
}

/// Resolves plotters' anchor and quarter-turn rotation the way its SVG backend does (anchor
/// offsets in the text's own frame), for backends that set text themselves.
pub(crate) fn place(
    text: &str,
    size: f64,
    anchor: plotters_backend::text_anchor::Pos,
    transform: plotters_backend::FontTransform,
    pos: (i32, i32),
) -> Result<Placement, ReportError> {
    use plotters_backend::text_anchor::{HPos, VPos};
    use plotters_backend::FontTransform;
    let em = size as f32 / SIZE_PER_EM;
    let width = text_width(face()?, text, em);
    let a = match anchor.h_pos {
        HPos::Left => 0.0,
        HPos::Center => -width / 2.0,
        HPos::Right => -width,
    };
    let b = em
        * match anchor.v_pos {
            VPos::Top => ASCENT,
            VPos::Center => MIDDLE,
            VPos::Bottom => -DESCENT,
        };
    let (along, down) = match transform {
        FontTransform::None => ((1.0, 0.0), (0.0, 1.0)),
        FontTransform::Rotate90 => ((0.0, 1.0), (-1.0, 0.0)),
        FontTransform::Rotate180 => ((-1.0, 0.0), (0.0, -1.0)),
        FontTransform::Rotate270 => ((0.0, -1.0), (1.0, 0.0)),
    };
    Ok(Placement {
        origin: (
            pos.0 as f32 + a * along.0 + b * down.0,
            pos.1 as f32 + a * along.1 + b * down.1,
        ),
        along,
        down,
        em,
    })
}

/// Text extent as plotters' ab_glyph layout reports it (width by advances, height size ÷ 1.24),
/// so label areas come out the same in every rendering.
pub(crate) fn estimate(text: &str, size: f64) -> Result<(u32, u32), ReportError> {
    let w = text_width(face()?, text, size as f32 / SIZE_PER_EM);
    Ok((w.ceil() as u32, (size / 1.24).ceil() as u32))
}
