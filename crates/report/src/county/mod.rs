//! The county report: one plain-data model rendered as PDF, XLSX and standalone charts.

pub(crate) mod charts;
pub(crate) mod font;
pub(crate) mod format;
pub(crate) mod labels;
mod model;
mod pdf;
pub(crate) mod raster;
mod xlsx;

pub use charts::{county_report_chart_png, county_report_chart_svg};
pub use model::*;
pub use pdf::county_report_pdf;
pub use xlsx::county_report_xlsx;

/// Why a report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("font: {0}")]
    Font(String),
    #[error("chart: {0}")]
    Chart(String),
    #[error("image: {0}")]
    Image(String),
    #[error("xlsx: {0}")]
    Xlsx(String),
}

/// An RGB buffer of `width` × `height` as PNG bytes.
pub(crate) fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .map_err(|e| ReportError::Image(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ReportError::Image(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ReportError::Image(e.to_string()))?;
    Ok(out)
}

/// The report's file name, e.g. "331125_云和县_公共服务能力规划报告.pdf".
pub fn county_report_file_name(r: &CountyReport, ext: &str) -> String {
    let l = labels::labels(&r.lang);
    format!("{}_{}_{}.{ext}", r.county_code, r.county_name, l.file_title)
}
