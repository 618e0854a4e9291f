//! Decode time, size and counts of the embedded national.bin.
//!
//! ```sh
//! cargo run --release -p junheng-reference --example reference_bench   # or bench/reference.sh
//! ```

use std::time::Instant;

use junheng_reference::{embedded, national, National};

fn main() {
    let bytes = embedded();
    let started = Instant::now();
    let n = national();
    let first = started.elapsed();

    let runs = 20;
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let decoded = National::decode(bytes).expect("embedded file decodes");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(decoded);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);

    let t = Instant::now();
    let mut points = 0usize;
    for code in n.outline_codes() {
        let g = n.outline(&code).expect("every listed outline decodes");
        points += count_points(&g["coordinates"]);
    }
    let outlines_ms = t.elapsed().as_secs_f64() * 1e3;

    println!(
        "embedded national.bin: {} bytes ({:.2} MB)",
        bytes.len(),
        bytes.len() as f64 / 1e6
    );
    println!(
        "decode: first national() {:.1} ms; National::decode over {runs} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        first.as_secs_f64() * 1e3,
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
    println!(
        "counts: {} counties, {} provinces, {} townships, {} census county rows ({} no longer current), {} census province/prefecture rows, {} outlines, {} bulletin rows",
        n.counties().len(),
        n.provinces().len(),
        n.all_townships().len(),
        n.census_rows().len(),
        n.census_rows().iter().filter(|c| !c.current).count(),
        n.census_division_rows().len(),
        n.outline_codes().len(),
        n.bulletins().iter().map(|b| b.rows.len()).sum::<usize>()
    );
    println!(
        "all {} outlines to GeoJSON: {outlines_ms:.0} ms ({points} points)",
        n.outline_codes().len()
    );
}

/// Points of a GeoJSON coordinates tree: a point is an array of two numbers.
fn count_points(v: &serde_json::Value) -> usize {
    match v.as_array() {
        Some(a) if a.len() == 2 && a[0].is_number() => 1,
        Some(a) => a.iter().map(count_points).sum(),
        None => 0,
    }
}
