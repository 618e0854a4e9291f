//! How a command prints its result: `--format table` (the default, for people), `json` (the
//! command's response as the command surface returns it, the JSON `junheng rpc CMD` gives) or,
//! for row-per-item results, `csv`. One enum, one argument, one printing helper.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;

/// The output format of a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl Format {
    fn from_name(name: String) -> Format {
        match name.as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => Format::Table,
        }
    }
}

/// `--format table|json` of a command whose result has no row-per-item CSV form.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct FormatArg {
    /// Output: `table` for people, `json` for scripts (stable field names, unrounded).
    #[arg(
        long = "format",
        default_value = "table",
        value_parser = PossibleValuesParser::new(["table", "json"]).map(Format::from_name)
    )]
    pub format: Format,
}

/// `--format table|json|csv` of a command whose result is one row per item.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct FormatCsvArg {
    /// Output: `table` for people, `json` for scripts (stable field names, unrounded), `csv`
    /// one row per item.
    #[arg(
        long = "format",
        default_value = "table",
        value_parser = PossibleValuesParser::new(["table", "json", "csv"]).map(Format::from_name)
    )]
    pub format: Format,
}

/// The views of a result other than JSON, which every result has.
pub struct Views<'a, T: ?Sized> {
    pub table: &'a dyn Fn(&T) -> String,
    pub csv: Option<&'a dyn Fn(&T) -> String>,
}

/// The text a command prints for `value` in `format`. A format the command's argument does
/// not offer cannot reach here; CSV falls back to the table should one.
pub fn render<T: Serialize + ?Sized>(format: Format, value: &T, views: Views<'_, T>) -> String {
    match (format, views.csv) {
        (Format::Json, _) => serde_json::to_string_pretty(value).expect("a response serialises"),
        (Format::Csv, Some(csv)) => csv(value),
        (Format::Table | Format::Csv, _) => (views.table)(value),
    }
}

/// [`render`] for a result with a table and JSON only.
pub fn table_or_json<T: Serialize + ?Sized>(
    format: Format,
    value: &T,
    table: &dyn Fn(&T) -> String,
) -> String {
    render(format, value, Views { table, csv: None })
}

/// A CSV cell: quoted when it holds a separator, a quote or a line break.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number as the table shows it: `digits` decimals after scaling, `—` when absent.
pub fn fixed(v: &serde_json::Value, scale: f64, digits: usize) -> String {
    v.as_f64()
        .map_or_else(|| "—".to_string(), |x| format!("{:.*}", digits, x * scale))
}
