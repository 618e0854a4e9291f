/// Student-weighted 差异系数 (F11): `X̄ = ΣPᵢXᵢ/ΣPᵢ`, `S = sqrt(Σ(Pᵢ/P)(Xᵢ−X̄)²)`, `CV = S/X̄`.
/// `items` are `(Pᵢ students, Xᵢ value)`. Returns `(mean, cv)`; `None` when there are no
/// students or the mean is zero (the CV is undefined then).
pub fn weighted_cv(items: &[(f64, f64)]) -> Option<(f64, f64)> {
    let p: f64 = items.iter().map(|(w, _)| w).sum();
    if p <= 0.0 {
        return None;
    }
    let mean = items.iter().map(|(w, x)| w * x).sum::<f64>() / p;
    if mean == 0.0 {
        return None;
    }
    let var = items
        .iter()
        .map(|(w, x)| w / p * (x - mean).powi(2))
        .sum::<f64>();
    Some((mean, var.sqrt() / mean))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moe_worked_example_is_weighted_not_plain() {
        // 县域义务教育校际均衡指标计算方法（以生均图书册数为例）.
        let students = [45.0, 37.0, 89.0, 76.0, 55.0];
        let books = [279.0, 137.0, 935.0, 160.0, 402.0];
        let items: Vec<(f64, f64)> = students
            .iter()
            .zip(books.iter())
            .map(|(p, b)| (*p, b / p))
            .collect();
        let (mean, cv) = weighted_cv(&items).unwrap();
        assert!((mean - 1913.0 / 302.0).abs() < 1e-12);
        assert!((cv - 0.515).abs() < 0.0005, "cv = {cv}");
        // The unweighted population CV of the same values is 0.489: it must not come out.
        let xs: Vec<f64> = items.iter().map(|(_, x)| *x).collect();
        let m = xs.iter().sum::<f64>() / 5.0;
        let plain = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / 5.0).sqrt() / m;
        assert!((plain - 0.489).abs() < 0.0005, "plain = {plain}");
        assert!((cv - plain).abs() > 0.02);
    }

    #[test]
    fn equal_values_have_zero_cv_and_empty_is_undefined() {
        assert_eq!(weighted_cv(&[(10.0, 3.0), (90.0, 3.0)]), Some((3.0, 0.0)));
        assert_eq!(weighted_cv(&[]), None);
        assert_eq!(weighted_cv(&[(10.0, 0.0)]), None);
    }
}
