//! A small page-flow writer: a cursor running down A4 pages, wrapped text, tables that repeat
//! their header across page breaks, and charts drawn in place.

use ab_glyph::FontRef;
use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::Content;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, RGBColor};

use super::backend::PdfBackend;
use super::writer::{fill, show, stroke, write_pdf, Meta, PdfFont};
use crate::county::ReportError;

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 48.0;
pub(crate) const RIGHT: f32 = PAGE_W - 48.0;
pub(crate) const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 52.0;
/// Lowest the cursor may reach; the footer sits below.
const BOTTOM: f32 = PAGE_H - 58.0;

pub(crate) const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
pub(crate) const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
pub(crate) const RULE: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);
pub(crate) const ACCENT: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
pub(crate) const GOOD: RGBColor = RGBColor(0x15, 0x80, 0x3d);
pub(crate) const BAD: RGBColor = RGBColor(0xb9, 0x1c, 0x1c);
const HEAD_FILL: RGBColor = RGBColor(0xe8, 0xee, 0xf7);
const ZEBRA: RGBColor = RGBColor(0xf7, 0xf8, 0xfa);

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

pub(crate) struct Col {
    pub title: String,
    pub weight: f32,
    pub align: Align,
}

pub(crate) fn col(title: &str, weight: f32, align: Align) -> Col {
    Col {
        title: title.to_string(),
        weight,
        align,
    }
}

pub(crate) struct Cell {
    pub text: String,
    pub colour: Option<RGBColor>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, colour: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

pub(crate) fn coloured(text: impl Into<String>, colour: RGBColor) -> Cell {
    Cell {
        text: text.into(),
        colour: Some(colour),
    }
}

/// Splits text into pieces that may not be broken: a Latin word or number with its trailing
/// spaces, or one CJK character together with any closing punctuation after it.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let closing = |c: char| "，。、；：！？）》」』】〕,.;:!?)%‰".contains(c);
    for c in text.chars() {
        // Thousands separators and decimal points stay inside their number ("1,000", "4.50").
        let in_number = matches!(c, ',' | '.') && word.ends_with(|p: char| p.is_ascii_digit());
        if c.is_ascii_alphanumeric()
            || in_number
            || (c.is_ascii_punctuation() && !word.is_empty() && !closing(c))
        {
            word.push(c);
            continue;
        }
        if c == ' ' {
            word.push(c);
            out.push(std::mem::take(&mut word));
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if closing(c) {
            match out.last_mut() {
                Some(last) if !last.ends_with(' ') => last.push(c),
                _ => out.push(c.to_string()),
            }
        } else {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    // An opening bracket or quote never ends a line: it joins the piece after it.
    let opening = |t: &str| !t.is_empty() && t.chars().all(|c| "（《「『【〔“‘([".contains(c));
    let mut merged: Vec<String> = Vec::with_capacity(out.len());
    let mut carry = String::new();
    for t in out {
        if opening(&t) {
            carry.push_str(&t);
        } else {
            merged.push(std::mem::take(&mut carry) + &t);
        }
    }
    if !carry.is_empty() {
        merged.push(carry);
    }
    merged
}

pub(crate) struct Heading {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub(crate) struct Doc {
    pub font: PdfFont,
    pages: Vec<Content>,
    pub content: Content,
    /// Distance of the cursor from the top of the page, in points.
    pub y: f32,
    pub headings: Vec<Heading>,
    /// Appended to the section title above a table continued on a new page, e.g. "（续）".
    continued: &'static str,
}

impl Doc {
    pub fn new(face: &'static FontRef<'static>, continued: &'static str) -> Doc {
        Doc {
            font: PdfFont::new(face),
            pages: Vec::new(),
            content: Content::new(),
            y: TOP,
            headings: Vec::new(),
            continued,
        }
    }

    pub fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.content, Content::new());
        self.pages.push(done);
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.font.width(text, size)
    }

    /// One line with its baseline `baseline` points below the top of the page.
    pub fn text_at(
        &mut self,
        x: f32,
        baseline: f32,
        text: &str,
        size: f32,
        colour: RGBColor,
        bold: bool,
    ) {
        let m = [1.0, 0.0, 0.0, 1.0, x, PAGE_H - baseline];
        show(
            &mut self.content,
            &mut self.font,
            text,
            size,
            m,
            colour,
            bold,
        );
    }

    pub fn wrap(&self, text: &str, size: f32, max_w: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for tok in tokens(para) {
                let candidate = format!("{line}{tok}");
                if line.is_empty() || self.width(candidate.trim_end(), size) <= max_w {
                    line = candidate;
                    // A single piece wider than the line (a long code or URL) breaks anywhere.
                    if self.width(line.trim_end(), size) > max_w {
                        let mut part = String::new();
                        for c in line.chars() {
                            if !part.is_empty() && self.width(&format!("{part}{c}"), size) > max_w {
                                lines.push(std::mem::take(&mut part));
                            }
                            part.push(c);
                        }
                        line = part;
                    }
                } else {
                    lines.push(line.trim_end().to_string());
                    line = tok.trim_start().to_string();
                    // A piece wider than a whole line (a URL) breaks anywhere, wherever it
                    // starts.
                    while self.width(line.trim_end(), size) > max_w {
                        let mut part = String::new();
                        let mut rest = line.chars().peekable();
                        while let Some(&c) = rest.peek() {
                            if !part.is_empty() && self.width(&format!("{part}{c}"), size) > max_w {
                                break;
                            }
                            part.push(c);
                            rest.next();
                        }
                        lines.push(part);
                        line = rest.collect();
                    }
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// Wrapped text across the content width (less `indent`), breaking pages between lines.
    pub fn paragraph(&mut self, text: &str, size: f32, colour: RGBColor, indent: f32) {
        let lh = size * 1.5;
        let lines = self.wrap(text, size, WIDTH - indent);
        // A short paragraph is not split over two pages (a lone last line reads as debris).
        if lines.len() <= 4 {
            self.ensure(lh * lines.len() as f32);
        }
        for line in lines {
            self.ensure(lh);
            self.text_at(LEFT + indent, self.y + size, &line, size, colour, false);
            self.y += lh;
        }
    }

    /// A section heading kept together with at least `keep` points of what follows.
    pub fn heading(&mut self, title: &str, keep: f32) {
        self.ensure(40.0 + keep);
        if self.y > TOP {
            self.y += 10.0;
        }
        self.headings.push(Heading {
            title: title.to_string(),
            page: self.pages.len(),
            y: self.y,
        });
        self.text_at(LEFT, self.y + 14.0, title, 14.0, INK, true);
        self.y += 21.0;
        self.hline(self.y, 1.2, ACCENT, LEFT, LEFT + 36.0);
        self.hline(self.y, 0.4, RULE, LEFT + 36.0, RIGHT);
        self.y += 10.0;
    }

    pub fn subheading(&mut self, title: &str, keep: f32) {
        self.ensure(24.0 + keep);
        self.y += 4.0;
        self.text_at(LEFT, self.y + 10.5, title, 10.5, INK, true);
        self.y += 18.0;
    }

    pub fn hline(&mut self, y: f32, w: f32, colour: RGBColor, x0: f32, x1: f32) {
        stroke(&mut self.content, colour);
        self.content.set_line_width(w);
        self.content.move_to(x0, PAGE_H - y);
        self.content.line_to(x1, PAGE_H - y);
        self.content.stroke();
    }

    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        bg: Option<RGBColor>,
        border: Option<RGBColor>,
    ) {
        self.content.rect(x, PAGE_H - y - h, w, h);
        match (bg, border) {
            (Some(bg), Some(b)) => {
                fill(&mut self.content, bg);
                stroke(&mut self.content, b);
                self.content.set_line_width(0.6);
                self.content.fill_nonzero_and_stroke();
            }
            (Some(bg), None) => {
                fill(&mut self.content, bg);
                self.content.fill_nonzero();
            }
            (None, Some(b)) => {
                stroke(&mut self.content, b);
                self.content.set_line_width(0.6);
                self.content.stroke();
            }
            (None, None) => {
                self.content.end_path();
            }
        }
    }

    /// A shaded box with a bold label and wrapped text (the sample-data notice, verdicts).
    pub fn notice(&mut self, label: &str, text: &str, bg: RGBColor, border: RGBColor) {
        let size = 9.5;
        let pad = 8.0;
        let label_w = self.width(label, size) + 10.0;
        let lines = self.wrap(text, size, WIDTH - 2.0 * pad - label_w);
        let h = lines.len() as f32 * size * 1.5 + 2.0 * pad - size * 0.5;
        self.ensure(h + 6.0);
        self.rect(LEFT, self.y, WIDTH, h, Some(bg), Some(border));
        let top = self.y + pad + size * 0.9;
        self.text_at(LEFT + pad, top, label, size, INK, true);
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + i as f32 * size * 1.5;
            self.text_at(LEFT + pad + label_w, baseline, line, size, INK, false);
        }
        self.y += h + 8.0;
    }

    /// A table across the content width; long tables continue on the next page under a repeated
    /// header.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<Cell>], size: f32) {
        let total: f32 = cols.iter().map(|c| c.weight).sum();
        let widths: Vec<f32> = cols.iter().map(|c| c.weight / total * WIDTH).collect();
        let pad = 3.5;
        let lh = size * 1.35;
        let layout = |doc: &Doc, texts: &[&str]| -> (Vec<Vec<String>>, f32) {
            let lines: Vec<Vec<String>> = texts
                .iter()
                .zip(&widths)
                .map(|(t, w)| doc.wrap(t, size, w - 2.0 * pad))
                .collect();
            let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (lines, n as f32 * lh + 2.0 * pad)
        };
        let head_texts: Vec<&str> = cols.iter().map(|c| c.title.as_str()).collect();
        let (head_lines, head_h) = layout(self, &head_texts);
        let first_row_h = rows
            .first()
            .map(|r| layout(self, &r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()).1)
            .unwrap_or(0.0);
        self.ensure(head_h + first_row_h);

        let draw_row = |doc: &mut Doc,
                        lines: &[Vec<String>],
                        colours: &[Option<RGBColor>],
                        h: f32,
                        header: bool| {
            let mut x = LEFT;
            for (i, cell_lines) in lines.iter().enumerate() {
                let w = widths[i];
                let colour = colours.get(i).copied().flatten().unwrap_or(INK);
                let block = cell_lines.len() as f32 * lh;
                let mut baseline = doc.y + (h - block) / 2.0 + size * 1.02;
                for line in cell_lines {
                    let tw = doc.width(line, size);
                    let align = if header { Align::Center } else { cols[i].align };
                    let tx = match align {
                        Align::Left => x + pad,
                        Align::Right => x + w - pad - tw,
                        Align::Center => x + (w - tw) / 2.0,
                    };
                    doc.text_at(tx, baseline, line, size, colour, header);
                    baseline += lh;
                }
                x += w;
            }
        };
        let header = |doc: &mut Doc| {
            doc.rect(LEFT, doc.y, WIDTH, head_h, Some(HEAD_FILL), None);
            draw_row(doc, &head_lines, &[], head_h, true);
            doc.hline(doc.y, 0.8, MUTED, LEFT, RIGHT);
            doc.y += head_h;
            doc.hline(doc.y, 0.6, MUTED, LEFT, RIGHT);
        };
        header(self);
        for (n, row) in rows.iter().enumerate() {
            let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
            let colours: Vec<Option<RGBColor>> = row.iter().map(|c| c.colour).collect();
            let (lines, h) = layout(self, &texts);
            if self.y + h > BOTTOM {
                self.hline(self.y, 0.8, MUTED, LEFT, RIGHT);
                self.new_page();
                if let Some(h) = self.headings.last() {
                    let caption = format!("{}{}", h.title, self.continued);
                    self.text_at(LEFT, self.y + 9.0, &caption, 9.0, MUTED, false);
                    self.y += 16.0;
                }
                header(self);
            }
            if n % 2 == 1 {
                self.rect(LEFT, self.y, WIDTH, h, Some(ZEBRA), None);
            }
            draw_row(self, &lines, &colours, h, false);
            self.y += h;
            self.hline(self.y, 0.3, RULE, LEFT, RIGHT);
        }
        self.hline(self.y, 0.8, MUTED, LEFT, RIGHT);
        self.y += 10.0;
    }

    /// Draws a plotters chart of `design` pixels across the content width at the cursor.
    pub fn chart<F>(&mut self, design: (u32, u32), draw: F) -> Result<(), ReportError>
    where
        F: FnOnce(&DrawingArea<PdfBackend<'_>, Shift>) -> Result<(), ReportError>,
    {
        let scale = WIDTH / design.0 as f32;
        let h = design.1 as f32 * scale;
        self.ensure(h);
        let top = PAGE_H - self.y;
        self.content.save_state();
        // Plotters does not clip series to the plot; the page must not show strays.
        self.content.rect(LEFT, top - h, WIDTH, h);
        self.content.clip_nonzero();
        self.content.end_path();
        self.content.set_line_join(LineJoinStyle::RoundJoin);
        self.content.set_line_cap(LineCapStyle::ButtCap);
        {
            let backend = PdfBackend::new(
                &mut self.content,
                &mut self.font,
                design,
                (LEFT, top),
                scale,
            );
            let root = backend.into_drawing_area();
            draw(&root)?;
        }
        self.content.restore_state();
        self.y += h + 6.0;
        Ok(())
    }

    /// Writes footers (which need the page count) and the document with its font subset.
    pub fn finish(mut self, meta: &Meta<'_>) -> Result<Vec<u8>, ReportError> {
        self.new_page();
        let mut pages = std::mem::take(&mut self.pages);
        let total = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            stroke(page, RULE);
            page.set_line_width(0.4);
            page.move_to(LEFT, 46.0);
            page.line_to(RIGHT, 46.0);
            page.stroke();
            let size = 8.0;
            let m = |x: f32| [1.0, 0.0, 0.0, 1.0, x, 32.0];
            show(
                page,
                &mut self.font,
                meta.footer,
                size,
                m(LEFT),
                MUTED,
                false,
            );
            let right = (meta.page_of)(i + 1, total);
            let w = self.font.width(&right, size);
            show(
                page,
                &mut self.font,
                &right,
                size,
                m(RIGHT - w),
                MUTED,
                false,
            );
        }
        write_pdf(pages, self.font, &self.headings, meta)
    }
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn pieces_that_must_not_break() {
        assert_eq!(
            tokens("Slots / 1,000 (last year)"),
            ["Slots ", "/", " ", "1,000 ", "(last ", "year)"]
        );
        assert_eq!(tokens("托位（个）。"), ["托", "位", "（个）。"]);
        assert_eq!(tokens("≥ 4.50‰"), ["≥", " ", "4.50‰"]);
    }

    #[test]
    fn a_url_after_text_breaks_inside_the_line() {
        let face = crate::county::font::face().unwrap();
        let d = super::Doc::new(face, "");
        let url = "http://www.ecns.cn/china/2026-03-07/detail-ihfaizcc2506620.shtml";
        let lines = d.wrap(&format!("发布会，{url}）"), 8.0, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(d.width(l, 8.0) <= 120.0, "{l:?} is wider than the cell");
        }
        assert_eq!(lines.concat(), format!("发布会，{url}）"));
    }
}
