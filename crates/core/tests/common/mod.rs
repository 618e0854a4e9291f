//! Helpers shared by the tests that check their copied reference files.

use std::path::PathBuf;

/// FNV-1a (64 bit): a fingerprint of a copied file, recorded when it was copied, so a copy that
/// changes is caught in a fresh clone too.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The shared benchmark folder the copies come from: `JUNHENG_SHARED_DATA` (the `shared/data`
/// folder), else `shared/data/benchmarks` beside the repository or one of its parents.
pub fn shared_benchmarks() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JUNHENG_SHARED_DATA") {
        return Some(PathBuf::from(d).join("benchmarks")).filter(|p| p.is_dir());
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data/benchmarks"))
        .find(|p| p.is_dir())
}

/// Checks `copies` (file in `dir`, its length and the FNV-1a of the original) and, when the
/// shared folder is found, that each equals its original at `shared/<sub>/<file>`.
pub fn check_copies(dir: &std::path::Path, sub: &[&str], copies: &[(&str, usize, u64)]) {
    for (k, &(name, len, fp)) in copies.iter().enumerate() {
        let copy = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(
            (copy.len(), fnv1a(&copy)),
            (len, fp),
            "{name} is not the copied original"
        );
        match shared_benchmarks() {
            Some(shared) => {
                let original = std::fs::read(shared.join(sub[k]).join(name)).unwrap();
                assert_eq!(copy, original, "{name} differs from the shared original");
            }
            None if k == 0 => println!(
                "note: shared benchmarks not found (set JUNHENG_SHARED_DATA): the copies were \
                 checked against their recorded fingerprints only"
            ),
            None => {}
        }
    }
}
