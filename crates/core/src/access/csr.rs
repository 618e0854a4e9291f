//! 出行成本矩阵 — the sparse origin → destination cost matrix in compressed sparse rows (CSR):
//! `offsets[o]..offsets[o + 1]` indexes origin o's pairs in `dests` (u32) and `costs` (f64), each
//! row sorted by destination. A pair that is absent is "beyond the cutoff / not connected".
//!
//! Costs stay f64: the floating-catchment sums must match PySAL `access` to 1e-9, and f32 costs
//! would move a pair at the catchment edge across it.

/// Why a cost matrix or graph could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CostError {
    #[error("origin index {0} is out of range")]
    Origin(usize),
    #[error("destination index {0} is out of range")]
    Destination(usize),
    #[error("node index {0} is out of range")]
    Node(usize),
    #[error("cost {0} is not a finite non-negative number")]
    Cost(f64),
    #[error("pair ({0}, {1}) appears more than once")]
    Duplicate(usize, usize),
    #[error("speed must be positive, got {0}")]
    Speed(f64),
    #[error("row offsets must start at 0, never decrease and end at the number of pairs")]
    Offsets,
    #[error("{0} pairs exceed the u32 index space of the matrix")]
    TooMany(usize),
}

impl CostError {
    /// Stable code for hosts and translations.
    pub fn code(&self) -> &'static str {
        match self {
            CostError::Origin(_) => "access.origin_out_of_range",
            CostError::Destination(_) => "access.destination_out_of_range",
            CostError::Node(_) => "access.node_out_of_range",
            CostError::Cost(_) => "access.bad_cost",
            CostError::Duplicate(..) => "access.duplicate_pair",
            CostError::Speed(_) => "access.bad_speed",
            CostError::Offsets => "access.bad_offsets",
            CostError::TooMany(_) => "access.too_many_pairs",
        }
    }
}

/// Sparse origin → destination costs (compressed sparse rows, each row sorted by destination).
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    n_dests: usize,
    offsets: Vec<usize>,
    dests: Vec<u32>,
    costs: Vec<f64>,
}

fn check_cost(c: f64) -> Result<(), CostError> {
    if c.is_finite() && c >= 0.0 {
        Ok(())
    } else {
        Err(CostError::Cost(c))
    }
}

/// Sorts `dests[r]` (and `costs[r]` with it) by destination, keeping the input order of equal
/// destinations, unless the row is already strictly increasing (the common case: files and
/// builders write rows in destination order).
fn sort_row(dests: &mut [u32], costs: &mut [f64], scratch: &mut Vec<(u32, f64)>) {
    if dests.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    scratch.clear();
    scratch.extend(dests.iter().copied().zip(costs.iter().copied()));
    scratch.sort_by_key(|e| e.0);
    for (k, &(d, c)) in scratch.iter().enumerate() {
        dests[k] = d;
        costs[k] = c;
    }
}

impl CostMatrix {
    /// Builds the matrix from `(origin, destination, cost)` triplets. Costs must be finite and
    /// non-negative and each pair may appear once.
    pub fn from_triplets(
        n_origins: usize,
        n_dests: usize,
        triplets: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Result<CostMatrix, CostError> {
        let mut flat: Vec<(u32, u32, f64)> = Vec::new();
        for (o, d, c) in triplets {
            if o >= n_origins {
                return Err(CostError::Origin(o));
            }
            if d >= n_dests || d > u32::MAX as usize {
                return Err(CostError::Destination(d));
            }
            check_cost(c)?;
            flat.push((o as u32, d as u32, c));
        }
        // Counting sort by origin: stable, so duplicates keep their input order.
        let mut offsets = vec![0usize; n_origins + 1];
        for t in &flat {
            offsets[t.0 as usize + 1] += 1;
        }
        for o in 0..n_origins {
            offsets[o + 1] += offsets[o];
        }
        let mut fill = offsets.clone();
        let mut dests = vec![0u32; flat.len()];
        let mut costs = vec![0.0; flat.len()];
        for (o, d, c) in flat {
            let k = &mut fill[o as usize];
            dests[*k] = d;
            costs[*k] = c;
            *k += 1;
        }
        Self::from_csr(n_dests, offsets, dests, costs)
    }

    /// Adopts CSR arrays as they are (no copy): rows not in destination order are sorted; every
    /// destination, cost and offset is checked and a pair may appear once per row.
    pub fn from_csr(
        n_dests: usize,
        offsets: Vec<usize>,
        mut dests: Vec<u32>,
        mut costs: Vec<f64>,
    ) -> Result<CostMatrix, CostError> {
        let nnz = dests.len();
        let ok = costs.len() == nnz
            && offsets.first() == Some(&0)
            && offsets.last() == Some(&nnz)
            && offsets.windows(2).all(|w| w[0] <= w[1]);
        if !ok {
            return Err(CostError::Offsets);
        }
        if nnz > u32::MAX as usize {
            return Err(CostError::TooMany(nnz));
        }
        if let Some(&d) = dests.iter().find(|&&d| d as usize >= n_dests) {
            return Err(CostError::Destination(d as usize));
        }
        if let Some(&c) = costs.iter().find(|&&c| !(c.is_finite() && c >= 0.0)) {
            return Err(CostError::Cost(c));
        }
        let mut scratch = Vec::new();
        for o in 0..offsets.len() - 1 {
            let r = offsets[o]..offsets[o + 1];
            sort_row(&mut dests[r.clone()], &mut costs[r.clone()], &mut scratch);
            if let Some(w) = dests[r].windows(2).find(|w| w[0] == w[1]) {
                return Err(CostError::Duplicate(o, w[0] as usize));
            }
        }
        Ok(CostMatrix {
            n_dests,
            offsets,
            dests,
            costs,
        })
    }

    pub fn n_origins(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn n_dests(&self) -> usize {
        self.n_dests
    }

    /// Number of stored pairs.
    pub fn nnz(&self) -> usize {
        self.dests.len()
    }

    /// The `(destination, cost)` pairs of one origin, by ascending destination.
    pub fn row(&self, origin: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[origin]..self.offsets[origin + 1];
        self.dests[r.clone()]
            .iter()
            .zip(&self.costs[r])
            .map(|(&d, &c)| (d as usize, c))
    }

    /// The cost of one pair, if stored.
    pub fn get(&self, origin: usize, dest: usize) -> Option<f64> {
        let r = self.offsets[origin]..self.offsets[origin + 1];
        let ds = &self.dests[r.clone()];
        ds.binary_search(&(dest as u32))
            .ok()
            .map(|k| self.costs[r.start + k])
    }

    /// Destination → origin costs (a counting sort: rows come out in origin order).
    pub fn transpose(&self) -> CostMatrix {
        let mut offsets = vec![0usize; self.n_dests + 1];
        for &d in &self.dests {
            offsets[d as usize + 1] += 1;
        }
        for d in 0..self.n_dests {
            offsets[d + 1] += offsets[d];
        }
        let mut fill = offsets.clone();
        let mut dests = vec![0u32; self.nnz()];
        let mut costs = vec![0.0; self.nnz()];
        for o in 0..self.n_origins() {
            for (d, c) in self.row(o) {
                dests[fill[d]] = o as u32;
                costs[fill[d]] = c;
                fill[d] += 1;
            }
        }
        CostMatrix {
            n_dests: self.n_origins(),
            offsets,
            dests,
            costs,
        }
    }
}

/// Fills a matrix one origin at a time (origins in order), a row's pairs in any order, without
/// a vector per row.
pub(crate) struct RowBuilder {
    n_dests: usize,
    offsets: Vec<usize>,
    dests: Vec<u32>,
    costs: Vec<f64>,
    scratch: Vec<(u32, f64)>,
}

impl RowBuilder {
    pub(crate) fn new(n_dests: usize, n_origins: usize) -> RowBuilder {
        let mut offsets = Vec::with_capacity(n_origins + 1);
        offsets.push(0);
        RowBuilder {
            n_dests,
            offsets,
            dests: Vec::new(),
            costs: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Adds a pair to the current row. The caller guarantees `d < n_dests`, one pair per
    /// destination and a finite non-negative cost.
    pub(crate) fn push(&mut self, d: u32, c: f64) {
        debug_assert!((d as usize) < self.n_dests && c >= 0.0);
        self.dests.push(d);
        self.costs.push(c);
    }

    /// Closes the current row (sorting it by destination).
    pub(crate) fn end_row(&mut self) {
        let start = *self.offsets.last().expect("offsets start with 0");
        let end = self.dests.len();
        sort_row(
            &mut self.dests[start..end],
            &mut self.costs[start..end],
            &mut self.scratch,
        );
        self.offsets.push(end);
    }

    pub(crate) fn finish(self) -> CostMatrix {
        CostMatrix {
            n_dests: self.n_dests,
            offsets: self.offsets,
            dests: self.dests,
            costs: self.costs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_triplets_are_checked_and_transposed() {
        let m = CostMatrix::from_triplets(2, 3, [(1, 2, 5.0), (0, 1, 1.0), (1, 0, 2.0)]).unwrap();
        assert_eq!(m.row(1).collect::<Vec<_>>(), [(0, 2.0), (2, 5.0)]);
        assert_eq!(m.get(0, 1), Some(1.0));
        assert_eq!(m.get(0, 2), None);
        let t = m.transpose();
        assert_eq!((t.n_origins(), t.n_dests()), (3, 2));
        assert_eq!(t.row(0).collect::<Vec<_>>(), [(1, 2.0)]);
        assert_eq!(t.row(1).collect::<Vec<_>>(), [(0, 1.0)]);
        assert_eq!(t.row(2).collect::<Vec<_>>(), [(1, 5.0)]);
        assert_eq!(t.transpose(), m);
        assert_eq!(
            CostMatrix::from_triplets(1, 1, [(0, 0, 1.0), (0, 0, 2.0)]),
            Err(CostError::Duplicate(0, 0))
        );
        assert_eq!(
            CostMatrix::from_triplets(1, 1, [(0, 0, -1.0)]),
            Err(CostError::Cost(-1.0))
        );
        assert_eq!(
            CostMatrix::from_triplets(1, 2, [(0, 2, 1.0)]),
            Err(CostError::Destination(2))
        );
        assert_eq!(
            CostMatrix::from_triplets(1, 2, [(1, 0, 1.0)]),
            Err(CostError::Origin(1))
        );
    }

    #[test]
    fn access_csr_arrays_are_adopted_sorted_and_checked() {
        // Row 0: destinations written 2, 0 (sorted on adoption); row 1 empty; row 2: 1.
        let m =
            CostMatrix::from_csr(3, vec![0, 2, 2, 3], vec![2, 0, 1], vec![7.0, 3.0, 4.0]).unwrap();
        assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 3.0), (2, 7.0)]);
        assert_eq!(m.row(1).count(), 0);
        assert_eq!(m.get(2, 1), Some(4.0));
        let same = CostMatrix::from_triplets(3, 3, [(0, 2, 7.0), (0, 0, 3.0), (2, 1, 4.0)]);
        assert_eq!(Ok(m), same);
        let bad = |o: Vec<usize>, d: Vec<u32>, c: Vec<f64>| CostMatrix::from_csr(3, o, d, c);
        assert_eq!(bad(vec![0, 2], vec![1], vec![1.0]), Err(CostError::Offsets));
        assert_eq!(bad(vec![1, 1], vec![1], vec![1.0]), Err(CostError::Offsets));
        assert_eq!(
            bad(vec![0, 2, 1, 2], vec![1, 2], vec![1.0, 1.0]),
            Err(CostError::Offsets)
        );
        assert_eq!(
            bad(vec![0, 1], vec![3], vec![1.0]),
            Err(CostError::Destination(3))
        );
        assert_eq!(
            bad(vec![0, 1], vec![0], vec![f64::NAN]).map_err(|e| e.code()),
            Err("access.bad_cost")
        );
        assert_eq!(
            bad(vec![0, 0, 3], vec![2, 1, 2], vec![1.0, 2.0, 3.0]),
            Err(CostError::Duplicate(1, 2))
        );
    }

    #[test]
    fn access_row_builder_sorts_each_row() {
        let mut b = RowBuilder::new(4, 2);
        b.push(3, 1.5);
        b.push(1, 0.5);
        b.end_row();
        b.end_row();
        let m = b.finish();
        assert_eq!(m.n_origins(), 2);
        assert_eq!(m.row(0).collect::<Vec<_>>(), [(1, 0.5), (3, 1.5)]);
        assert_eq!(m.nnz(), 2);
    }
}
