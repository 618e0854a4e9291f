//! `junheng access` — floating-catchment / gravity accessibility from three CSV (or XLSX) files:
//! demand `id,value`, supply `id,value`, costs `origin,destination,cost` (origin = demand id,
//! destination = supply id). The files are read by `junheng_io::read_access_inputs`; every bad
//! cell in any of them is reported as `FILE:ROW:COLUMN: message`.

use std::fmt::Write;
use std::path::PathBuf;

use junheng_core::access::{accessibility, Stage, Weight};
use junheng_io::read_access_inputs;
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
    let inputs = read_access_inputs(&a.demand, &a.supply, &a.cost).map_err(|e| {
        let lang = lang();
        e.0.iter()
            .map(|e| e.located(&lang))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
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
                    let msg = if lang().starts_with("en") {
                        e.message_en
                    } else {
                        e.message_zh
                    };
                    return Err(format!(
                        "{}: origin {} → destination {}: {msg}",
                        a.cost.display(),
                        inputs.demand_id(o),
                        inputs.ids.get(inputs.supply_ids[d]),
                    ));
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
    let ids = (0..values.len()).map(|i| inputs.demand_id(i));
    Ok(match a.format {
        AccessFormat::Json => {
            let rows: Vec<_> = ids
                .zip(&values)
                .map(|(id, v)| json!({ "id": id, "access": v }))
                .collect();
            serde_json::to_string_pretty(&json!({ "method": a.method.name(), "values": rows }))
                .expect("json")
        }
        AccessFormat::Csv => {
            let mut s = String::from("id,access\n");
            for (id, v) in ids.zip(&values) {
                if id.contains([',', '"', '\n']) {
                    let _ = write!(s, "\"{}\",", id.replace('"', "\"\""));
                } else {
                    let _ = write!(s, "{id},");
                }
                if let Some(v) = v {
                    let _ = write!(s, "{v}");
                }
                s.push('\n');
            }
            s.pop();
            s
        }
    })
}
