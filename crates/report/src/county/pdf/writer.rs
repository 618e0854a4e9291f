//! The PDF file itself: the embedded font (first-use glyph numbering, one subset at the end,
//! CID-keyed with Identity-H and a ToUnicode map so text can be searched and extracted), text
//! and colour operators, and the object graph of pages, bookmarks and document info.

use std::collections::BTreeMap;

use ab_glyph::FontRef;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use plotters::prelude::RGBColor;
use subsetter::GlyphRemapper;

use super::doc::{Heading, LEFT, PAGE_H, PAGE_W};
use crate::county::font::{self, FONT_BYTES};
use crate::county::ReportError;

const FONT_NAME: Name<'static> = Name(b"F1");

fn rgb(c: RGBColor) -> (f32, f32, f32) {
    (c.0 as f32 / 255.0, c.1 as f32 / 255.0, c.2 as f32 / 255.0)
}

pub(crate) fn fill(content: &mut Content, c: RGBColor) {
    let (r, g, b) = rgb(c);
    content.set_fill_rgb(r, g, b);
}

pub(crate) fn stroke(content: &mut Content, c: RGBColor) {
    let (r, g, b) = rgb(c);
    content.set_stroke_rgb(r, g, b);
}

/// The embedded face as used so far: glyphs are renumbered in first-use order, which is the
/// numbering of the subset written at the end, so content streams can be written right away.
pub(crate) struct PdfFont {
    face: &'static FontRef<'static>,
    remap: GlyphRemapper,
    widths: BTreeMap<u16, f32>,
    unicode: BTreeMap<u16, char>,
}

impl PdfFont {
    pub(crate) fn new(face: &'static FontRef<'static>) -> Self {
        PdfFont {
            face,
            remap: GlyphRemapper::new(),
            widths: BTreeMap::new(),
            unicode: BTreeMap::new(),
        }
    }

    /// Two bytes per character: the subset's glyph id, which Identity-H uses as the CID.
    pub(crate) fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars().filter(|c| !c.is_control()) {
            let g = font::glyph(self.face, c);
            let cid = self.remap.remap(g.0);
            self.widths
                .entry(cid)
                .or_insert_with(|| font::advance_milli(self.face, g));
            if g.0 != 0 {
                self.unicode.entry(cid).or_insert(c);
            }
            out.extend(cid.to_be_bytes());
        }
        out
    }

    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        font::text_width(self.face, &clean, size)
    }
}

/// Shows one line of text with its baseline at PDF point (x, y).
pub(crate) fn show(
    content: &mut Content,
    font: &mut PdfFont,
    text: &str,
    size: f32,
    matrix: [f32; 6],
    colour: RGBColor,
    bold: bool,
) {
    let bytes = font.encode(text);
    content.begin_text();
    content.set_font(FONT_NAME, size);
    fill(content, colour);
    if bold {
        // One regular face is bundled; a thin outline of the same colour gives headings weight.
        stroke(content, colour);
        content.set_line_width(size * 0.035);
        content.set_text_rendering_mode(TextRenderingMode::FillStroke);
    }
    content.set_text_matrix(matrix);
    content.show(Str(&bytes));
    content.end_text();
    if bold {
        content.set_text_rendering_mode(TextRenderingMode::Fill);
    }
}

pub(crate) struct Meta<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    pub footer: &'a str,
    pub page_of: fn(usize, usize) -> String,
}

fn compressed(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// The raw bytes of one table of an OpenType file.
fn sfnt_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?) as usize;
    (0..n).find_map(|i| {
        let rec = font.get(12 + 16 * i..28 + 16 * i)?;
        if &rec[0..4] != tag {
            return None;
        }
        let off = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
        let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
        font.get(off..off + len)
    })
}

pub(crate) fn write_pdf(
    pages: Vec<Content>,
    font: PdfFont,
    headings: &[Heading],
    meta: &Meta<'_>,
) -> Result<Vec<u8>, ReportError> {
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog_id = alloc();
    let tree_id = alloc();
    let info_id = alloc();
    let type0_id = alloc();
    let cid_id = alloc();
    let descriptor_id = alloc();
    let file_id = alloc();
    let cmap_id = alloc();
    let outline_id = alloc();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    let heading_ids: Vec<Ref> = headings.iter().map(|_| alloc()).collect();

    let mut pdf = Pdf::new();
    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr(meta.lang));
    if !headings.is_empty() {
        catalog.outlines(outline_id);
    }
    catalog.finish();
    pdf.document_info(info_id)
        .title(TextStr(meta.title))
        .creator(TextStr("Junheng"))
        .producer(TextStr("junheng-report"));
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|p| p.0))
        .count(page_ids.len() as i32);
    for ((page_id, content_id), content) in page_ids.iter().zip(pages) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree_id)
            .contents(*content_id);
        page.resources().fonts().pair(FONT_NAME, type0_id);
        page.finish();
        pdf.stream(*content_id, &compressed(&content.finish()))
            .filter(Filter::FlateDecode);
    }

    if !headings.is_empty() {
        pdf.outline(outline_id)
            .first(heading_ids[0])
            .last(heading_ids[heading_ids.len() - 1])
            .count(heading_ids.len() as i32);
        for (i, h) in headings.iter().enumerate() {
            let mut item = pdf.outline_item(heading_ids[i]);
            item.title(TextStr(&h.title)).parent(outline_id);
            if i > 0 {
                item.prev(heading_ids[i - 1]);
            }
            if i + 1 < heading_ids.len() {
                item.next(heading_ids[i + 1]);
            }
            item.dest()
                .page(page_ids[h.page.min(page_ids.len() - 1)].0)
                .xyz(LEFT, PAGE_H - h.y + 6.0, None);
        }
    }

    let subset = subsetter::subset(FONT_BYTES, 0, &font.remap)
        .map_err(|e| ReportError::Font(format!("subsetting failed: {e:?}")))?;
    // Subset tags are six capitals derived from the glyph set, per the PDF spec (9.6.4).
    let tag: String = {
        let mut h: u32 = 2166136261;
        for (cid, w) in &font.widths {
            h = (h ^ *cid as u32).wrapping_mul(16777619) ^ (*w as u32);
        }
        (0..6)
            .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
            .collect()
    };
    let base_name = format!("{tag}+NotoSansCJKsc-Regular");
    let base = Name(base_name.as_bytes());
    let cff = sfnt_table(&subset, b"CFF ");

    pdf.type0_font(type0_id)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(if cff.is_some() {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(base)
    .system_info(system)
    .font_descriptor(descriptor_id)
    .default_width(1000.0);
    if cff.is_none() {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let count = font.remap.num_gids();
    cid.widths().consecutive(
        0,
        (0..count).map(|g| font.widths.get(&g).copied().unwrap_or(1000.0)),
    );
    cid.finish();

    let mut descriptor = pdf.font_descriptor(descriptor_id);
    descriptor
        .name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(-1002.0, -1048.0, 2928.0, 1808.0))
        .italic_angle(0.0)
        .ascent(1160.0)
        .descent(-288.0)
        .cap_height(733.0)
        .stem_v(80.0);
    if cff.is_some() {
        descriptor.font_file3(file_id);
    } else {
        descriptor.font_file2(file_id);
    }
    descriptor.finish();
    match cff {
        Some(cff) => {
            pdf.stream(file_id, &compressed(cff))
                .filter(Filter::FlateDecode)
                .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        None => {
            pdf.stream(file_id, &compressed(&subset))
                .filter(Filter::FlateDecode);
        }
    }

    let mut cmap = UnicodeCmap::new(
        Name(b"Junheng-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (cid, c) in &font.unicode {
        cmap.pair(*cid, *c);
    }
    pdf.stream(cmap_id, &compressed(&cmap.finish()))
        .filter(Filter::FlateDecode);

    Ok(pdf.finish())
}
