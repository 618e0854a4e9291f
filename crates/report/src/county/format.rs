//! Presentation rounding: the model carries unrounded figures, the report shows them here.

/// A whole number with thousands separators ("12,345"); "—" for a missing or non-finite value.
pub(crate) fn int(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let r = v.round();
    let digits = format!("{:.0}", r.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if r < 0.0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub(crate) fn dec(v: Option<f64>, places: usize) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.places$}"),
        _ => "—".into(),
    }
}

/// A 0–1 share as a percentage.
pub(crate) fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{:.1}%", v * 100.0),
        _ => "—".into(),
    }
}

/// Decimals that suit a value's magnitude, for legends and axes whose range is not known ahead.
pub(crate) fn auto(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        int(v)
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(int(0.4), "0");
        assert_eq!(int(999.0), "999");
        assert_eq!(int(1000.0), "1,000");
        assert_eq!(int(-1234567.2), "-1,234,567");
        assert_eq!(int(f64::NAN), "—");
    }
}
