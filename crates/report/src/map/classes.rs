//! 分级 — the classes of a choropleth. The target in force is always a class break, so a
//! township is never shaded in a class that straddles it (the dashboard's old 3.25–6.49 class
//! held townships on both sides of 4.5); classes below the target and at or above it are
//! equal-width within their side.

/// Class breaks in ascending order: class `i` is `[breaks[i], breaks[i + 1])`, the last one
/// closed. The first break may be −∞ (an empty "below the target" class when every township
/// meets it) and the last +∞ (an empty "meets the target" class when none does), so that the
/// legend always shows the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    pub breaks: Vec<f64>,
    /// Index into `breaks` of the target, when there is one.
    pub target: Option<usize>,
}

impl Classes {
    pub fn count(&self) -> usize {
        self.breaks.len() - 1
    }

    /// The class of a value.
    pub fn index(&self, v: f64) -> usize {
        let n = self.count();
        (1..n)
            .take_while(|&i| v >= self.breaks[i])
            .count()
            .min(n - 1)
    }

    /// Whether class `i` lies at or above the target (no target: `None`).
    pub fn meets(&self, i: usize) -> Option<bool> {
        self.target.map(|t| i >= t)
    }
}

/// Rounds a break to the legend's resolution so that what the legend prints is the rule.
fn round_to(v: f64, step: f64) -> f64 {
    if step > 0.0 {
        (v / step).round() * step
    } else {
        v
    }
}

/// `k` equal classes from `lo` to `hi` (interior breaks rounded to `step`), without the end.
fn split(lo: f64, hi: f64, k: usize, step: f64) -> Vec<f64> {
    let mut out = vec![lo];
    for i in 1..k {
        let b = round_to(lo + (hi - lo) * i as f64 / k as f64, step);
        if b > *out.last().expect("lo") && b < hi {
            out.push(b);
        }
    }
    out
}

fn distinct(vals: &[f64]) -> usize {
    let mut n = 0;
    let mut last = None;
    for &v in vals {
        if last != Some(v) {
            n += 1;
            last = Some(v);
        }
    }
    n
}

/// At most `max` classes (≥ 2) over `values`, with `target` as a break when there is one;
/// interior breaks are rounded to `step` (the legend's resolution). `None` when no value is
/// known.
pub fn class_breaks(values: &[f64], target: Option<f64>, max: usize, step: f64) -> Option<Classes> {
    let max = max.max(2);
    let mut vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if vals.is_empty() {
        return None;
    }
    vals.sort_by(f64::total_cmp);
    let (lo, hi) = (vals[0], vals[vals.len() - 1]);
    let Some(t) = target.filter(|t| t.is_finite()) else {
        let k = distinct(&vals).min(max);
        let mut breaks = if hi > lo {
            split(lo, hi, k, step)
        } else {
            vec![lo]
        };
        breaks.push(if hi > lo {
            hi
        } else {
            lo + step.max(f64::EPSILON)
        });
        return Some(Classes {
            breaks,
            target: None,
        });
    };
    let below: Vec<f64> = vals.iter().copied().filter(|v| *v < t).collect();
    let above: Vec<f64> = vals.iter().copied().filter(|v| *v >= t).collect();
    let mut breaks;
    if below.is_empty() {
        // Every township meets the target: an empty class below it, then classes up to the top.
        let k = distinct(&above).min(max - 1).max(1);
        breaks = vec![f64::NEG_INFINITY];
        if hi > t {
            breaks.extend(split(t, hi, k, step));
            breaks.push(hi);
        } else {
            breaks.push(t);
            breaks.push(f64::INFINITY);
        }
        return Some(Classes {
            breaks,
            target: Some(1),
        });
    }
    if above.is_empty() {
        // None meets it: classes up to the target, then an empty class from it.
        let k = distinct(&below).min(max - 1).max(1);
        breaks = split(lo, t, k, step);
        let at = breaks.len();
        breaks.push(t);
        breaks.push(f64::INFINITY);
        return Some(Classes {
            breaks,
            target: Some(at),
        });
    }
    // Both sides: share the classes by the range each side spans.
    let span = hi - lo;
    let want_below = ((max as f64) * (t - lo) / span).round() as usize;
    let k_below = want_below.clamp(1, max - 1).min(distinct(&below));
    let k_above = (max - k_below).max(1).min(distinct(&above));
    breaks = split(lo, t, k_below, step);
    let at = breaks.len();
    if hi > t {
        breaks.extend(split(t, hi, k_above, step));
        breaks.push(hi);
    } else {
        breaks.push(t);
        breaks.push(f64::INFINITY);
    }
    Some(Classes {
        breaks,
        target: Some(at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_a_break_between_the_townships_on_either_side() {
        // Values 0–16.6 ‰ with the 4.5 ‰ target: 4.5 must be a break, nothing straddles it.
        let v = [0.0, 1.3, 1.61, 4.3, 6.11, 16.6];
        let c = class_breaks(&v, Some(4.5), 5, 0.01).unwrap();
        let t = c.target.unwrap();
        assert_eq!(c.breaks[t], 4.5);
        assert!(c.count() <= 5);
        assert!(c.breaks.windows(2).all(|w| w[0] < w[1]), "{:?}", c.breaks);
        for x in v {
            let i = c.index(x);
            assert_eq!(
                c.meets(i),
                Some(x >= 4.5),
                "{x} in class {i} of {:?}",
                c.breaks
            );
            assert!(x >= c.breaks[i] && (x < c.breaks[i + 1] || i + 1 == c.count()));
        }
        // By hand: 4.5 of a 16.6 span is 27 %, so 1 of 5 classes lies below the target.
        assert_eq!(t, 1);
        assert_eq!(c.breaks[0], 0.0);
        assert_eq!(*c.breaks.last().unwrap(), 16.6);
    }

    #[test]
    fn an_empty_class_shows_the_target_when_no_township_reaches_it() {
        let c = class_breaks(&[0.2, 0.35, 0.5], Some(0.73), 5, 0.001).unwrap();
        assert_eq!(c.breaks[c.target.unwrap()], 0.73);
        assert_eq!(*c.breaks.last().unwrap(), f64::INFINITY);
        assert!([0.2, 0.35, 0.5]
            .iter()
            .all(|&x| c.meets(c.index(x)) == Some(false)));
        let all = class_breaks(&[50.0, 60.0], Some(40.0), 5, 0.1).unwrap();
        assert_eq!(all.breaks[0], f64::NEG_INFINITY);
        assert_eq!(all.breaks[all.target.unwrap()], 40.0);
        assert!(all.meets(all.index(50.0)) == Some(true));
    }

    #[test]
    fn without_a_target_equal_classes() {
        let c = class_breaks(&[1.0, 2.0, 3.0, 5.0], None, 4, 0.01).unwrap();
        assert_eq!(c.breaks, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(c.index(5.0), 3);
        assert_eq!(c.index(2.5), 1);
        assert!(class_breaks(&[f64::NAN], Some(1.0), 5, 0.1).is_none());
    }
}
