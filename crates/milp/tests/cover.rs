//! The MILP answers checked against a hand-worked line, against enumeration of every site set on
//! small random instances, and against the CBC optima of the SJC table on rows the engine's
//! Lagrangian bound leaves open.

use std::path::PathBuf;

use junheng_core::access::Metric;
use junheng_core::locate::cover::{CoverInstance, CoverOptions};
use junheng_milp::{lscp, lscp_milp, mclp, mclp_milp, ExactOptions, Proof};

fn line_instance() -> CoverInstance {
    // Five points on a line at 0, 1, 2, 3 and 10 with weights 1..5; radius 1.
    let pts = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [10.0, 0.0]];
    CoverInstance::from_points(
        &pts,
        vec![1.0, 2.0, 3.0, 4.0, 5.0],
        Metric::Euclidean,
        1.0,
        None,
        &[],
    )
    .unwrap()
}

#[test]
fn hand_worked_line() {
    // Site 2 covers points 1–3 (2+3+4 = 9) and site 4 covers point 4 (5): 14. No other pair
    // reaches it (1+4: 11, 3+4: 12, 2+3: 9).
    let inst = line_instance();
    let (sites, bound) = mclp_milp(&inst, 2, &[], &ExactOptions::default()).unwrap();
    assert_eq!(sites, vec![2, 4]);
    assert!((bound - 14.0).abs() < 1e-6);
    // Covering all five needs site 4 for point 4 and two more for points 0 and 3 (no site
    // within 1 of both): 3 sites.
    let (cover, lower) = lscp_milp(&inst, &[], &ExactOptions::default()).unwrap();
    assert_eq!(cover.len(), 3);
    assert!(cover.contains(&4));
    assert!((lower - 3.0).abs() < 1e-6);
    assert_eq!(inst.covered_weight(&cover), 15.0);
}

/// SplitMix64, so the instances are the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Every k-subset of `0..n`.
fn subsets(n: usize, k: usize, f: &mut impl FnMut(&[usize])) {
    fn go(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, f: &mut impl FnMut(&[usize])) {
        if cur.len() == k {
            f(cur);
            return;
        }
        for j in start..n {
            cur.push(j);
            go(j + 1, n, k, cur, f);
            cur.pop();
        }
    }
    go(0, n, k, &mut Vec::new(), f);
}

#[test]
fn milp_equals_enumeration_on_random_instances() {
    let mut rng = Rng(7);
    let exact = ExactOptions::default();
    for case in 0..12 {
        let n = 12;
        let pts: Vec<[f64; 2]> = (0..n)
            .map(|_| [rng.below(100) as f64, rng.below(100) as f64])
            .collect();
        let w: Vec<f64> = (0..n).map(|_| (1 + rng.below(20)) as f64).collect();
        let radius = 20.0 + rng.below(20) as f64;
        // Every third case has a fixed site, every other one a candidate mask.
        let fixed: Vec<usize> = if case % 3 == 0 {
            vec![case % n]
        } else {
            vec![]
        };
        let mask: Option<Vec<bool>> =
            (case % 2 == 1).then(|| (0..n).map(|j| j % 4 != 1 || fixed.contains(&j)).collect());
        let inst = CoverInstance::from_points(
            &pts,
            w.clone(),
            Metric::Euclidean,
            radius,
            mask.as_deref(),
            &fixed,
        )
        .unwrap();
        let allowed: Vec<usize> = (0..n).filter(|&j| inst.may_open(j)).collect();
        for extra in 1..=3 {
            let p = fixed.len() + extra;
            // Enumeration over the allowed sites (the fixed ones always included).
            let mut best = f64::NEG_INFINITY;
            subsets(allowed.len(), p, &mut |s| {
                let sites: Vec<usize> = s.iter().map(|&k| allowed[k]).collect();
                if fixed.iter().all(|f| sites.contains(f)) {
                    best = best.max(inst.covered_weight(&sites));
                }
            });
            let (sites, bound) = mclp_milp(&inst, p, &[], &exact).unwrap();
            assert_eq!(sites.len(), p, "case {case} p {p}");
            assert!(fixed.iter().all(|f| sites.contains(f)));
            assert!(sites.iter().all(|&j| inst.may_open(j)));
            assert_eq!(inst.covered_weight(&sites), best, "case {case} p {p}");
            assert!((bound - best).abs() < 1e-6, "case {case} p {p}: {bound}");
            let hybrid = mclp(&inst, p, &CoverOptions::default(), &exact).unwrap();
            assert_eq!(hybrid.solution.objective, best);
            assert!(hybrid.solution.optimal);
        }
        // LSCP: the smallest k whose best k-set covers everything coverable.
        let coverable = inst.coverable_weight();
        let minimum = (0..=allowed.len())
            .find(|&k| {
                let mut full = false;
                subsets(allowed.len(), k, &mut |s| {
                    let sites: Vec<usize> = s.iter().map(|&k| allowed[k]).collect();
                    if fixed.iter().all(|f| sites.contains(f))
                        && inst.covered_weight(&sites) == coverable
                    {
                        full = true;
                    }
                });
                full
            })
            .unwrap();
        let (cover, lower) = lscp_milp(&inst, &[], &exact).unwrap();
        assert_eq!(cover.len(), minimum, "case {case}");
        assert_eq!(inst.covered_weight(&cover), coverable);
        assert!((lower - minimum as f64).abs() < 1e-6);
        let hybrid = lscp(&inst, &CoverOptions::default(), &exact);
        assert_eq!(hybrid.solution.objective, minimum as f64);
        assert!(hybrid.solution.optimal);
    }
}

/// The SJC instances and their CBC optima, copied into the repository (tests/data/mclp).
fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mclp")
}

/// FNV-1a (64 bit): a fingerprint of a copied file, recorded when it was copied.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The shared benchmark folder the copies come from: `JUNHENG_SHARED_DATA` (the `shared/data`
/// folder), else `shared/data/benchmarks` beside the repository or one of its parents.
fn shared_benchmarks() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JUNHENG_SHARED_DATA") {
        return Some(PathBuf::from(d).join("benchmarks")).filter(|p| p.is_dir());
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data/benchmarks"))
        .find(|p| p.is_dir())
}

#[test]
fn copied_instances_match_their_fingerprints() {
    // (file, bytes, FNV-1a of the shared original, benchmarks/mclp/sjc/…)
    let copies = [
        ("SJC500.txt", 9444, 0x0e22_e693_e460_d68a_u64),
        ("SJC708.txt", 13331, 0xab28_7072_91c3_d862),
        ("SJC818.txt", 15412, 0x2a23_76a1_ea8b_591d),
    ];
    let dir = bench_dir();
    for (name, len, fp) in copies {
        let copy = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(
            (copy.len(), fnv1a(&copy)),
            (len, fp),
            "{name} is not the copied original"
        );
    }
    let optima = std::fs::read_to_string(dir.join("optimal.tsv")).unwrap();
    match shared_benchmarks() {
        Some(shared) => {
            for (name, _, _) in copies {
                let original = std::fs::read(shared.join("mclp/sjc").join(name)).unwrap();
                assert_eq!(std::fs::read(dir.join(name)).unwrap(), original, "{name}");
            }
            let all = std::fs::read_to_string(shared.join("mclp/optimal.tsv")).unwrap();
            for line in optima.lines() {
                assert!(all.lines().any(|l| l == line), "{line}");
            }
        }
        None => println!(
            "note: shared benchmarks not found (set JUNHENG_SHARED_DATA): the copies were \
             checked against their recorded fingerprints only"
        ),
    }
    assert_eq!(optima.lines().filter(|l| l.starts_with("SJC")).count(), 4);
}

fn read_sjc(path: &std::path::Path) -> (Vec<[f64; 2]>, Vec<f64>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut pts = Vec::new();
    let mut w = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let v: Vec<f64> = line
            .split_whitespace()
            .map(|c| c.parse().unwrap())
            .collect();
        pts.push([v[0], v[1]]);
        w.push(v[2]);
    }
    (pts, w)
}

/// The CBC optimum of a row of `optimal.tsv`.
fn optimum(dir: &std::path::Path, name: &str, s: f64, p: usize) -> f64 {
    let text = std::fs::read_to_string(dir.join("optimal.tsv")).unwrap();
    text.lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c.len() > 5 && c[0] == name && c[3].parse() == Ok(s) && c[4].parse() == Ok(p))
        .map(|c| c[5].parse().unwrap())
        .unwrap()
}

#[test]
fn sjc_rows_the_lagrangian_bound_leaves_open() {
    let dir = bench_dir();
    // Rows where the engine alone (root bound, no branching) stays above the optimum; two of
    // them (SJC500 S=200 p=40, SJC818 S=150 p=140) its heuristic did not reach either.
    let rows = [
        ("SJC818.txt", 800.0, 12),
        ("SJC708.txt", 800.0, 9),
        ("SJC500.txt", 200.0, 40),
        ("SJC818.txt", 150.0, 140),
    ];
    let opts = CoverOptions {
        node_limit: 0,
        ..CoverOptions::default()
    };
    for (name, s, p) in rows {
        let (pts, w) = read_sjc(&dir.join(name));
        let inst = CoverInstance::from_points(&pts, w, Metric::Euclidean, s, None, &[]).unwrap();
        let want = optimum(&dir, name, s, p);
        let run = mclp(&inst, p, &opts, &ExactOptions::default()).unwrap();
        assert_eq!(run.solution.sites.len(), p);
        assert_eq!(run.solution.objective, want, "{name} S={s} p={p}");
        assert_eq!(inst.covered_weight(&run.solution.sites), want);
        assert!(run.solution.optimal, "{name} S={s} p={p}");
        assert_eq!(run.proof, Proof::Milp, "{name} S={s} p={p}");
        // Without the MILP the same answer is reported as open, with its bound above it.
        let off = ExactOptions {
            max_columns: 0,
            ..ExactOptions::default()
        };
        let open = mclp(&inst, p, &opts, &off).unwrap();
        assert_eq!(open.proof, Proof::Open);
        assert!(!open.solution.optimal);
        assert!(open.solution.bound > want, "{name} S={s} p={p}");
    }
}
