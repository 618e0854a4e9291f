use std::path::Path;

use junheng_core::balance::{assess_balance, improvement, improvement_totals};
use junheng_io::read_school_sections_file;
use serde_json::{json, Value};

use crate::error::CliError;
use crate::output::{fixed, table_or_json};
use crate::Format;

pub fn run(
    path: &Path,
    overrides: Option<std::path::PathBuf>,
    xlsx: Option<std::path::PathBuf>,
    format: Format,
) -> Result<String, CliError> {
    let norms = crate::norms_file::catalogue(overrides)?;
    let sections = read_school_sections_file(path)?;
    let levels = assess_balance(&sections, &norms);
    let improvements: Vec<_> = sections
        .iter()
        .filter_map(|s| improvement(s, &norms))
        .collect();
    let totals: Vec<_> = improvement_totals(&improvements)
        .into_iter()
        .map(|(resource, amount)| json!({ "resource": resource, "amount": amount }))
        .collect();
    if let Some(out) = xlsx {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let bytes = junheng_report::school_balance_xlsx(&name, &levels, &improvements)
            .map_err(|e| CliError::write(&out, e))?;
        std::fs::write(&out, bytes).map_err(|e| CliError::write(&out, e))?;
    }
    let out = json!({ "levels": levels, "improvements": improvements, "totals": totals });
    Ok(table_or_json(format, &out, &table))
}

fn table(out: &Value) -> String {
    let mut s = String::new();
    for l in out["levels"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "{}: {} schools, {} students, {} passing, county {}\n",
            l["level"].as_str().unwrap_or(""),
            l["school_count"],
            l["students"],
            l["schools_passing"],
            if l["passes"] == true {
                "PASSES"
            } else {
                "does not pass"
            }
        ));
        s.push_str(&format!(
            "  {:<30} {:>9} {:>10} {:>6} {:>6} {:>6}\n",
            "indicator", "threshold", "mean", "CV", "CV ≤", "below"
        ));
        for i in l["indicators"].as_array().into_iter().flatten() {
            s.push_str(&format!(
                "  {:<30} {:>9} {:>10} {:>6} {:>6} {:>6}\n",
                i["key"].as_str().unwrap_or(""),
                i["threshold"],
                fixed(&i["county_mean"], 1.0, 3),
                fixed(&i["cv"], 1.0, 3),
                i["cv_limit"],
                i["schools_below"]
            ));
        }
    }
    s
}
