//! `junheng access` — floating-catchment / gravity accessibility from three CSV (or XLSX) files:
//! demand `id,value`, supply `id,value`, costs `origin,destination,cost` (origin = demand id,
//! destination = supply id). Every bad cell in any file is reported as `FILE:ROW:COLUMN: message`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use junheng_core::access::{accessibility, CostMatrix, Stage, Weight};
use junheng_io::{CellError, Table};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AccessMethod {
    /// Two-step floating catchment (Luo & Wang 2002); weight from --steps/--sigma/--alpha, else 1.
    #[value(name = "2sfca")]
    TwoSfca,
    /// Enhanced 2SFCA (Luo & Qi 2009): stepped weights, default "10:1,20:0.68,30:0.22".
    #[value(name = "e2sfca")]
    E2sfca,
    /// Gaussian 2SFCA: weight exp(−c²/2σ²), needs --sigma.
    #[value(name = "g2sfca")]
    G2sfca,
    /// Three-step floating catchment (Wan et al. 2012); weight as for 2sfca.
    #[value(name = "3sfca")]
    ThreeSfca,
    /// Gravity / Hansen potential Σ S·(c/scale)^alpha; needs --alpha (give a negative one for decay).
    Gravity,
}

impl AccessMethod {
    fn name(self) -> &'static str {
        match self {
            AccessMethod::TwoSfca => "2sfca",
            AccessMethod::E2sfca => "e2sfca",
            AccessMethod::G2sfca => "g2sfca",
            AccessMethod::ThreeSfca => "3sfca",
            AccessMethod::Gravity => "gravity",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AccessFormat {
    Json,
    Csv,
}

/// Accessibility of every demand location (PySAL `access` formulas; catchment cost ≤ max-cost).
///
/// JSON: {"method", "values": [{"id", "access"}]} in demand-file order, unrounded; `access` is
/// null where no supply lies within the catchment. CSV: `id,access`.
#[derive(clap::Args, Debug)]
pub struct AccessArgs {
    #[arg(long, value_enum)]
    pub method: AccessMethod,
    /// Demand CSV/XLSX with columns id,value (population).
    #[arg(long)]
    pub demand: PathBuf,
    /// Supply CSV/XLSX with columns id,value (e.g. doctors, beds, places).
    #[arg(long)]
    pub supply: PathBuf,
    /// Cost CSV/XLSX with columns origin,destination,cost.
    #[arg(long)]
    pub cost: PathBuf,
    /// Catchment: pairs with cost ≤ this value count ("inf" for no limit).
    #[arg(long, allow_negative_numbers = true)]
    pub max_cost: f64,
    /// Gaussian σ (g2sfca, or the weight of 2sfca/3sfca).
    #[arg(long)]
    pub sigma: Option<f64>,
    /// Stepped weights "threshold:weight,…" (e2sfca, or the weight of 2sfca/3sfca).
    #[arg(long)]
    pub steps: Option<String>,
    /// Gravity exponent: weight (cost/scale)^alpha (gravity, or the weight of 2sfca/3sfca).
    #[arg(long, allow_negative_numbers = true)]
    pub alpha: Option<f64>,
    /// Gravity scale (default 1).
    #[arg(long)]
    pub scale: Option<f64>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: AccessFormat,
}

fn lang() -> String {
    std::env::var("JUNHENG_LANG").unwrap_or_else(|_| "zh".into())
}

fn read_table(path: &Path) -> Result<Table, Vec<CellError>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        vec![CellError::new(
            &shown,
            1,
            "",
            "",
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )]
    })?;
    Table::read(&shown, &bytes).map_err(|e| e.0)
}

/// `id,value` rows: ids unique and non-empty, values non-negative numbers.
fn read_values(path: &Path, errors: &mut Vec<CellError>) -> Option<(Vec<String>, Vec<f64>)> {
    let table = match read_table(path) {
        Ok(t) => t,
        Err(e) => {
            errors.extend(e);
            return None;
        }
    };
    let cols = match table.columns(&["id", "value"]) {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0);
            return None;
        }
    };
    let mut ids = Vec::new();
    let mut values = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, errors);
        let id = r.required("id");
        if !id.is_empty() {
            if let Some(first) = seen.get(&id) {
                r.error(
                    "id",
                    format!("编号重复（首次出现在第 {first} 行）"),
                    format!("duplicate id (first seen on row {first})"),
                );
            } else {
                seen.insert(id.clone(), r.number());
            }
        }
        values.push(r.amount("value"));
        ids.push(id);
    }
    Some((ids, values))
}

fn index_of(ids: &[String]) -> HashMap<&str, usize> {
    ids.iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect()
}

/// `origin,destination,cost` rows against the demand and supply ids.
fn read_costs(
    path: &Path,
    demand: Option<&[String]>,
    supply: Option<&[String]>,
    errors: &mut Vec<CellError>,
) -> Option<Vec<(usize, usize, f64)>> {
    let table = match read_table(path) {
        Ok(t) => t,
        Err(e) => {
            errors.extend(e);
            return None;
        }
    };
    let cols = match table.columns(&["origin", "destination", "cost"]) {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0);
            return None;
        }
    };
    let d_index = demand.map(index_of);
    let s_index = supply.map(index_of);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut out = Vec::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, errors);
        let o = r.required("origin");
        let d = r.required("destination");
        let c = r.amount("cost");
        let oi = match (&d_index, o.is_empty()) {
            (Some(ix), false) => {
                let v = ix.get(o.as_str()).copied();
                if v.is_none() {
                    r.error(
                        "origin",
                        "需求文件中没有此编号",
                        "no such id in the demand file",
                    );
                }
                v
            }
            _ => None,
        };
        let di = match (&s_index, d.is_empty()) {
            (Some(ix), false) => {
                let v = ix.get(d.as_str()).copied();
                if v.is_none() {
                    r.error(
                        "destination",
                        "供给文件中没有此编号",
                        "no such id in the supply file",
                    );
                }
                v
            }
            _ => None,
        };
        if let (Some(oi), Some(di)) = (oi, di) {
            if let Some(first) = seen.get(&(oi, di)) {
                r.error(
                    "destination",
                    format!("起讫点对重复（首次出现在第 {first} 行）"),
                    format!("duplicate origin–destination pair (first seen on row {first})"),
                );
            } else {
                seen.insert((oi, di), r.number());
                out.push((oi, di, c));
            }
        }
    }
    Some(out)
}

fn parse_steps(text: &str) -> Result<Vec<(f64, f64)>, String> {
    text.split(',')
        .map(|part| {
            let (t, w) = part
                .split_once(':')
                .ok_or_else(|| format!("--steps: `{part}` is not threshold:weight"))?;
            let t: f64 = t
                .trim()
                .parse()
                .map_err(|_| format!("--steps: `{t}` is not a number"))?;
            let w: f64 = w
                .trim()
                .parse()
                .map_err(|_| format!("--steps: `{w}` is not a number"))?;
            if !(t.is_finite() && w.is_finite() && w >= 0.0) {
                return Err(format!(
                    "--steps: `{part}` needs a finite threshold and weight ≥ 0"
                ));
            }
            Ok((t, w))
        })
        .collect()
}

/// The stage and weight a method and its options ask for.
fn measure(a: &AccessArgs) -> Result<(Stage, Weight), String> {
    let given = [a.sigma.is_some(), a.steps.is_some(), a.alpha.is_some()]
        .iter()
        .filter(|g| **g)
        .count();
    if given > 1 {
        return Err("give at most one of --sigma, --steps, --alpha".into());
    }
    if a.scale.is_some() && a.alpha.is_none() {
        return Err("--scale goes with --alpha".into());
    }
    let gaussian = |s: f64| -> Result<Weight, String> {
        if s.is_finite() && s > 0.0 {
            Ok(Weight::Gaussian { sigma: s })
        } else {
            Err(format!("--sigma must be positive, got {s}"))
        }
    };
    let gravity = |alpha: f64| -> Result<Weight, String> {
        let scale = a.scale.unwrap_or(1.0);
        let ok = scale.is_finite() && scale > 0.0 && alpha.is_finite();
        if !ok {
            return Err("--scale must be positive and --alpha finite".into());
        }
        Ok(Weight::Gravity {
            scale,
            alpha,
            min_dist: 0.0,
        })
    };
    let chosen = || -> Result<Weight, String> {
        if let Some(s) = a.sigma {
            gaussian(s)
        } else if let Some(t) = &a.steps {
            Ok(Weight::steps(parse_steps(t)?))
        } else if let Some(al) = a.alpha {
            gravity(al)
        } else {
            Ok(Weight::Binary)
        }
    };
    Ok(match a.method {
        AccessMethod::TwoSfca => (Stage::TwoStep, chosen()?),
        AccessMethod::ThreeSfca => (Stage::ThreeStep, chosen()?),
        AccessMethod::E2sfca => {
            if a.sigma.is_some() || a.alpha.is_some() {
                return Err("e2sfca takes --steps only".into());
            }
            match &a.steps {
                Some(t) => (Stage::TwoStep, Weight::steps(parse_steps(t)?)),
                None => (Stage::TwoStep, Weight::e2sfca_default()),
            }
        }
        AccessMethod::G2sfca => match a.sigma {
            Some(s) if given == 1 => (Stage::TwoStep, gaussian(s)?),
            _ => return Err("g2sfca needs --sigma (and no --steps/--alpha)".into()),
        },
        AccessMethod::Gravity => match a.alpha {
            Some(al) if given == 1 => (Stage::Potential, gravity(al)?),
            _ => return Err("gravity needs --alpha (and no --steps/--sigma)".into()),
        },
    })
}

pub fn run(a: AccessArgs) -> Result<String, String> {
    let (stage, weight) = measure(&a)?;
    if a.max_cost.is_nan() {
        return Err("--max-cost must be a number".into());
    }
    let mut errors = Vec::new();
    let demand = read_values(&a.demand, &mut errors);
    let supply = read_values(&a.supply, &mut errors);
    let pairs = read_costs(
        &a.cost,
        demand.as_ref().map(|d| d.0.as_slice()),
        supply.as_ref().map(|s| s.0.as_slice()),
        &mut errors,
    );
    if !errors.is_empty() {
        let lang = lang();
        return Err(errors
            .iter()
            .map(|e| e.located(&lang))
            .collect::<Vec<_>>()
            .join("\n"));
    }
    let (ids, pop) = demand.expect("checked");
    let (_, sup) = supply.expect("checked");
    let costs = CostMatrix::from_triplets(ids.len(), sup.len(), pairs.expect("checked"))
        .map_err(|e| e.to_string())?;
    let values = accessibility(stage, &weight, &pop, &sup, &costs, a.max_cost);
    Ok(match a.format {
        AccessFormat::Json => {
            let rows: Vec<_> = ids
                .iter()
                .zip(&values)
                .map(|(id, v)| json!({ "id": id, "access": v }))
                .collect();
            serde_json::to_string_pretty(&json!({ "method": a.method.name(), "values": rows }))
                .expect("json")
        }
        AccessFormat::Csv => {
            let mut s = String::from("id,access\n");
            for (id, v) in ids.iter().zip(&values) {
                let id = if id.contains([',', '"', '\n']) {
                    format!("\"{}\"", id.replace('"', "\"\""))
                } else {
                    id.clone()
                };
                match v {
                    Some(v) => s.push_str(&format!("{id},{v}\n")),
                    None => s.push_str(&format!("{id},\n")),
                }
            }
            s.pop();
            s
        }
    })
}
