use std::path::Path;

use junheng_core::balance::{assess_balance, improvement, improvement_totals};
use junheng_io::read_school_sections;
use serde_json::json;

use crate::Format;

pub fn run(
    path: &Path,
    overrides: Option<std::path::PathBuf>,
    xlsx: Option<std::path::PathBuf>,
    format: Format,
) -> Result<String, String> {
    let norms = crate::norms_file::catalogue(overrides)?;
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: cannot read the file: {e}"))?;
    let lang = std::env::var("JUNHENG_LANG").unwrap_or_else(|_| "zh".into());
    let sections = read_school_sections(&shown, &bytes).map_err(|errs| {
        errs.0
            .iter()
            .map(|e| e.located(&lang))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
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
            .map_err(|e| format!("error: cannot build the workbook: {e}"))?;
        std::fs::write(&out, bytes).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(
            &json!({ "levels": levels, "improvements": improvements, "totals": totals }),
        )
        .expect("json")),
        Format::Table => {
            let mut s = String::new();
            for l in &levels {
                s.push_str(&format!(
                    "{:?}: {} schools, {} students, {} passing, county {}\n",
                    l.level,
                    l.school_count,
                    l.students,
                    l.schools_passing,
                    if l.passes { "PASSES" } else { "does not pass" }
                ));
                for i in &l.indicators {
                    s.push_str(&format!(
                        "  {:<30} threshold {:>8}  mean {:>10.3}  CV {:>6.3} (≤ {})  below: {}\n",
                        i.key,
                        i.threshold,
                        i.county_mean.unwrap_or(f64::NAN),
                        i.cv.unwrap_or(f64::NAN),
                        i.cv_limit,
                        i.schools_below
                    ));
                }
            }
            Ok(s)
        }
    }
}
