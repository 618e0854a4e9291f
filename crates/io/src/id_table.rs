//! 编号表 — interned location ids: every id text stored once in one buffer and known by a dense
//! u32 index, so that a cost file of millions of rows is matched against its demand and supply
//! files without a `String` per row.

/// Ids in first-seen order; `index(text)` finds one by an open-addressing hash lookup.
#[derive(Debug, Clone, Default)]
pub struct IdTable {
    text: String,
    /// End offset in `text` of each id.
    ends: Vec<u32>,
    /// Open addressing, power-of-two size: (0 = empty, else id index + 1; the low hash bits), so
    /// a probe compares text only when the hashes agree.
    slots: Vec<(u32, u32)>,
}

/// FxHash-style mixing of 8-byte words, finished by MurmurHash3's fmix64 so that the low bits
/// (the slot) depend on every byte: ids such as tract codes share their first eight digits and
/// differ in the last few. A keyed SipHash would cost more than the rest of a cost-file row.
#[inline]
fn hash(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl IdTable {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of id `k`.
    #[inline]
    pub fn get(&self, k: u32) -> &str {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    #[inline]
    fn slot_of(&self, b: &[u8]) -> (usize, u32, Option<u32>) {
        let mask = self.slots.len() - 1;
        let h = hash(b);
        let tag = (h >> 32) as u32;
        let mut s = h as usize & mask;
        loop {
            match self.slots[s] {
                (0, _) => return (s, tag, None),
                (k, t) if t == tag && self.get(k - 1).as_bytes() == b => {
                    return (s, tag, Some(k - 1))
                }
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// The index of `id`, if interned.
    pub fn index(&self, id: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot_of(id).2
    }

    /// The index of `id`, interning it if new; `(index, true)` when it was new. The caller
    /// bounds the number and length of ids (the text buffer holds at most 4 GiB).
    pub fn intern(&mut self, id: &str) -> (u32, bool) {
        if (self.ends.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (s, tag, found) = self.slot_of(id.as_bytes());
        if let Some(k) = found {
            return (k, false);
        }
        self.text.push_str(id);
        let end = u32::try_from(self.text.len()).expect("id text within 4 GiB");
        self.ends.push(end);
        let k = self.ends.len() as u32;
        self.slots[s] = (k, tag);
        (k - 1, true)
    }

    /// Doubles the slots (load ≤ ½ keeps probe runs short) and re-inserts every id.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(16);
        self.slots = vec![(0, 0); n];
        for k in 0..self.ends.len() as u32 {
            let (s, tag, _) = self.slot_of(self.get(k).as_bytes());
            self.slots[s] = (k + 1, tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_interned_once_in_first_seen_order() {
        let mut t = IdTable::default();
        assert_eq!(t.index(b"x"), None);
        let ids: Vec<String> = (0..5000)
            .map(|k| format!("1703{:07}", k * 7919 % 10_000_000))
            .collect();
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(t.intern(id), (k as u32, true));
        }
        assert_eq!(t.intern("17030007919"), (1, false));
        assert_eq!(t.intern("养老院"), (5000, true));
        assert_eq!(t.len(), 5001);
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(t.index(id.as_bytes()), Some(k as u32));
            assert_eq!(t.get(k as u32), id);
        }
        assert_eq!(t.get(5000), "养老院");
        assert_eq!(t.index("养老".as_bytes()), None);
        assert_eq!(t.index(b""), None);
        assert_eq!(t.intern(""), (5001, true));
        assert_eq!(t.index(b""), Some(5001));
    }
}
