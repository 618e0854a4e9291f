//! The county report: one plain-data model rendered as PDF, XLSX and standalone charts.

mod charts;
mod font;
mod format;
mod labels;
mod map;
mod model;
mod pdf;
mod raster;
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
