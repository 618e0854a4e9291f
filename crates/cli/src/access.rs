//! `junheng access` — floating-catchment / gravity accessibility from three CSV (or XLSX) files:
//! demand `id,value`, supply `id,value`, costs `origin,destination,cost` (origin = demand id,
//! destination = supply id). The files are read by `junheng_io::read_access_inputs`; every bad
//! cell in any of them is reported as `FILE:ROW:COLUMN: message`.

use std::fmt::Write;
use std::path::PathBuf;

use junheng_core::access::{accessibility, Stage, Weight};
use junheng_io::read_access_inputs;
use serde_json::{json, Value};

use crate::error::CliError;
use crate::output::{csv_cell, render, FormatCsvArg, Views};

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

/// Accessibility of every demand location (PySAL `access` formulas; catchment cost ≤ max-cost).
///
/// JSON: {"method", "values": [{"id", "access"}]} in demand-file order, unrounded; `access` is
/// null where no supply lies within the catchment. CSV: `id,access`. Table: id and access.
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
    #[command(flatten)]
    pub out: FormatCsvArg,
}

fn parse_steps(text: &str) -> Result<Vec<(f64, f64)>, CliError> {
    let bad = |zh: String, en: String| CliError::arg("--steps", zh, en);
    text.split(',')
        .map(|part| {
            let (t, w) = part.split_once(':').ok_or_else(|| {
                bad(
                    format!("`{part}` 不是 阈值:权重"),
                    format!("`{part}` is not threshold:weight"),
                )
            })?;
            let number = |x: &str| {
                x.trim()
                    .parse::<f64>()
                    .map_err(|_| bad(format!("`{x}` 不是数字"), format!("`{x}` is not a number")))
            };
            let (t, w) = (number(t)?, number(w)?);
            if !(t.is_finite() && w.is_finite() && w >= 0.0) {
                return Err(bad(
                    format!("`{part}` 的阈值须为有限数、权重须不小于 0"),
                    format!("`{part}` needs a finite threshold and weight ≥ 0"),
                ));
            }
            Ok((t, w))
        })
        .collect()
}

/// The stage and weight a method and its options ask for.
fn measure(a: &AccessArgs) -> Result<(Stage, Weight), CliError> {
    let given = [a.sigma.is_some(), a.steps.is_some(), a.alpha.is_some()]
        .iter()
        .filter(|g| **g)
        .count();
    if given > 1 {
        return Err(CliError::arg(
            "--sigma/--steps/--alpha",
            "最多给出其中之一",
            "give at most one of --sigma, --steps, --alpha",
        ));
    }
    if a.scale.is_some() && a.alpha.is_none() {
        return Err(CliError::arg(
            "--scale",
            "须与 --alpha 同用",
            "--scale goes with --alpha",
        ));
    }
    let gaussian = |s: f64| -> Result<Weight, CliError> {
        if s.is_finite() && s > 0.0 {
            Ok(Weight::Gaussian { sigma: s })
        } else {
            Err(CliError::arg(
                "--sigma",
                format!("须为正数，收到 {s}"),
                format!("must be positive, got {s}"),
            ))
        }
    };
    let gravity = |alpha: f64| -> Result<Weight, CliError> {
        let scale = a.scale.unwrap_or(1.0);
        let ok = scale.is_finite() && scale > 0.0 && alpha.is_finite();
        if !ok {
            return Err(CliError::arg(
                "--scale/--alpha",
                "--scale 须为正数，--alpha 须为有限数",
                "--scale must be positive and --alpha finite",
            ));
        }
        Ok(Weight::Gravity {
            scale,
            alpha,
            min_dist: 0.0,
        })
    };
    let chosen = || -> Result<Weight, CliError> {
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
    let method = |zh: &str, en: &str| CliError::arg("--method", zh, en);
    Ok(match a.method {
        AccessMethod::TwoSfca => (Stage::TwoStep, chosen()?),
        AccessMethod::ThreeSfca => (Stage::ThreeStep, chosen()?),
        AccessMethod::E2sfca => {
            if a.sigma.is_some() || a.alpha.is_some() {
                return Err(method("e2sfca 只接受 --steps", "e2sfca takes --steps only"));
            }
            match &a.steps {
                Some(t) => (Stage::TwoStep, Weight::steps(parse_steps(t)?)),
                None => (Stage::TwoStep, Weight::e2sfca_default()),
            }
        }
        AccessMethod::G2sfca => match a.sigma {
            Some(s) if given == 1 => (Stage::TwoStep, gaussian(s)?),
            _ => {
                return Err(method(
                    "g2sfca 须给出 --sigma（不可同时给出 --steps/--alpha）",
                    "g2sfca needs --sigma (and no --steps/--alpha)",
                ))
            }
        },
        AccessMethod::Gravity => match a.alpha {
            Some(al) if given == 1 => (Stage::Potential, gravity(al)?),
            _ => {
                return Err(method(
                    "gravity 须给出 --alpha（不可同时给出 --steps/--sigma）",
                    "gravity needs --alpha (and no --steps/--sigma)",
                ))
            }
        },
    })
}

pub fn run(a: AccessArgs) -> Result<String, CliError> {
    let (stage, weight) = measure(&a)?;
    if a.max_cost.is_nan() {
        return Err(CliError::arg("--max-cost", "须为数字", "must be a number"));
    }
    let inputs = read_access_inputs(&a.demand, &a.supply, &a.cost)?;
    if let Weight::Gravity {
        alpha, min_dist, ..
    } = weight
    {
        // A zero cost with a decaying gravity weight is an infinite weight: name the pair.
        for o in 0..inputs.costs.n_origins() {
            for (d, c) in inputs.costs.row(o) {
                if c > a.max_cost {
                    continue;
                }
                if let Err(e) = junheng_core::limits::check_gravity_cost(c, alpha, min_dist) {
                    let pair = format!(
                        "{}: origin {} → destination {}",
                        a.cost.display(),
                        inputs.demand_id(o),
                        inputs.ids.get(inputs.supply_ids[d]),
                    );
                    return Err(CliError::field(&pair, &e));
                }
            }
        }
    }
    let values = accessibility(
        stage,
        &weight,
        &inputs.demand,
        &inputs.supply,
        &inputs.costs,
        a.max_cost,
    );
    let rows: Vec<_> = (0..values.len())
        .map(|i| json!({ "id": inputs.demand_id(i), "access": values[i] }))
        .collect();
    let out = json!({ "method": a.method.name(), "values": rows });
    Ok(render(
        a.out.format,
        &out,
        Views {
            table: &table,
            csv: Some(&csv),
        },
    ))
}

fn rows(out: &Value) -> impl Iterator<Item = (&str, Option<f64>)> {
    out["values"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| (r["id"].as_str().unwrap_or(""), r["access"].as_f64()))
}

/// `id,access`, the access left empty where no supply lies within the catchment.
fn csv(out: &Value) -> String {
    let mut s = String::from("id,access\n");
    for (id, v) in rows(out) {
        let _ = write!(s, "{},", csv_cell(id));
        if let Some(v) = v {
            let _ = write!(s, "{v}");
        }
        s.push('\n');
    }
    s.pop();
    s
}

fn table(out: &Value) -> String {
    let mut s = format!(
        "method {}\n{:<20} {:>14}\n",
        out["method"].as_str().unwrap_or(""),
        "id",
        "access"
    );
    for (id, v) in rows(out) {
        let v = v.map_or_else(|| "—".to_string(), |v| format!("{v:.6}"));
        let _ = writeln!(s, "{id:<20} {v:>14}");
    }
    s
}
