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

/// Yuan as 万元 with one decimal and thousands separators ("1,234.5").
pub(crate) fn wan(yuan: f64) -> String {
    if !yuan.is_finite() {
        return "—".into();
    }
    let tenths = (yuan / 1000.0).round();
    let whole = (tenths / 10.0).trunc();
    let frac = (tenths - whole * 10.0).abs();
    let sign = if tenths < 0.0 && whole == 0.0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}.{frac:.0}", int(whole))
}

/// A 0–1 share as a percentage.
pub(crate) fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{:.1}%", v * 100.0),
        _ => "—".into(),
    }
}

/// At most `places` decimals, trailing zeros dropped ("30", "11.6", "1.25"); thousands
/// separators on whole numbers.
pub(crate) fn trim(v: f64, places: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{v:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s.contains('.') || v.abs() < 1000.0 {
        s
    } else {
        int(v)
    }
}

/// A norm's source as a report cites it: the app's instructions to its user ("请按本县…修改")
/// are for the 标准库 page, not for the officials reading the report.
pub(crate) fn for_report(source: &str) -> String {
    let mut out = String::new();
    let mut clause = String::new();
    for c in source.chars() {
        clause.push(c);
        if "，；。".contains(c) {
            if !clause.starts_with('请') {
                out.push_str(&clause);
            }
            clause.clear();
        }
    }
    if !clause.starts_with('请') {
        out.push_str(&clause);
    }
    out.trim_end_matches(['，', '；', '。']).to_string()
}

/// A TFR with at least one decimal ("1.0", "1.25").
pub(crate) fn tfr(v: f64) -> String {
    let t = trim(v, 2);
    if t.contains('.') {
        t
    } else {
        format!("{t}.0")
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
        assert_eq!(trim(30.000_000_000_000_004, 1), "30");
        assert_eq!(trim(11.6, 1), "11.6");
        assert_eq!(trim(3600.0, 2), "3,600");
        assert_eq!(trim(0.0, 2), "0");
        assert_eq!(wan(12_345_678.0), "1,234.6");
        assert_eq!(wan(3_600.0), "0.4");
        assert_eq!(wan(0.0), "0.0");
        assert_eq!(tfr(1.0), "1.0");
        assert_eq!(tfr(1.3), "1.3");
    }

    #[test]
    fn sources_without_the_apps_instructions() {
        assert_eq!(
            for_report("无全国统一口径的假定值，请按本县调查修改"),
            "无全国统一口径的假定值"
        );
        assert_eq!(
            for_report("均衡默认值：无全国统一标准，请按本县托育机构运营成本调整"),
            "均衡默认值：无全国统一标准"
        );
        assert_eq!(
            for_report("约九成；各地分担比例不同，请按本省规定修改"),
            "约九成；各地分担比例不同"
        );
        assert_eq!(
            for_report("GB 50437-2007（2018年版）"),
            "GB 50437-2007（2018年版）"
        );
    }
}
