//! The container of `national.bin`: magic, format version, then a zlib stream (deflate with an
//! Adler-32 check, so a damaged file is refused rather than misread) holding the body.
//!
//! The body is a sequence of sections written with three primitives: LEB128 varints, zigzag
//! varints for signed deltas, and length-prefixed UTF-8 strings; every integer in it is a
//! varint (only the fixed header has little-endian fields).

use crate::ReferenceError;

/// First bytes of every national.bin.
pub const MAGIC: &[u8; 8] = b"JHREF\0\r\n";
/// Bumped whenever the body layout changes; a reader refuses any other version.
pub const FORMAT_VERSION: u16 = 1;
/// Header: magic, version (u16 LE), body length before compression (u32 LE).
pub const HEADER_LEN: usize = MAGIC.len() + 2 + 4;
/// The decompressed body may not exceed this (the 2023 body is a few MB); guards the
/// allocation against a corrupt length field.
pub const MAX_BODY_BYTES: usize = 64 << 20;

/// Splits the header off and inflates the body.
pub fn open(bytes: &[u8]) -> Result<Vec<u8>, ReferenceError> {
    if bytes.len() < HEADER_LEN || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ReferenceError::NotReference);
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(ReferenceError::Version {
            found: version,
            known: FORMAT_VERSION,
        });
    }
    let body_len = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    if body_len > MAX_BODY_BYTES {
        return Err(ReferenceError::corrupt("body length over the limit"));
    }
    let body =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes[HEADER_LEN..], body_len)
            .map_err(|e| ReferenceError::corrupt(format!("inflate: {e:?}")))?;
    if body.len() != body_len {
        return Err(ReferenceError::corrupt(
            "body length differs from the header",
        ));
    }
    Ok(body)
}

/// Bounds-checked reader over the body.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub fn u64(&mut self) -> Result<u64, ReferenceError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.pos)
                .ok_or_else(|| ReferenceError::corrupt("truncated varint"))?;
            self.pos += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ReferenceError::corrupt("varint longer than 64 bits"))
    }

    pub fn u32(&mut self) -> Result<u32, ReferenceError> {
        u32::try_from(self.u64()?).map_err(|_| ReferenceError::corrupt("value over u32"))
    }

    /// A count of items that follow, each at least one byte long: cannot exceed the bytes left,
    /// so a corrupt count cannot make the caller allocate more than the file holds.
    pub fn count(&mut self) -> Result<usize, ReferenceError> {
        let n = self.u64()? as usize;
        if n > self.bytes.len() - self.pos {
            return Err(ReferenceError::corrupt("count larger than the data left"));
        }
        Ok(n)
    }

    pub fn i64(&mut self) -> Result<i64, ReferenceError> {
        let z = self.u64()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    pub fn str(&mut self) -> Result<&'a str, ReferenceError> {
        let n = self.count()?;
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        std::str::from_utf8(s).map_err(|_| ReferenceError::corrupt("string not UTF-8"))
    }

    pub fn string(&mut self) -> Result<String, ReferenceError> {
        self.str().map(str::to_string)
    }

    /// A block written with [`Writer::block`]: its bytes, skipped over.
    pub fn block(&mut self) -> Result<&'a [u8], ReferenceError> {
        let n = self.count()?;
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
}

/// The writing side of [`Reader`], used by the builder only.
#[cfg(feature = "build")]
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

#[cfg(feature = "build")]
impl Writer {
    pub fn u64(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(b);
                return;
            }
            self.bytes.push(b | 0x80);
        }
    }

    pub fn i64(&mut self, v: i64) {
        self.u64(((v << 1) ^ (v >> 63)) as u64);
    }

    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// A length-prefixed sub-section, so a reader can skip it or keep it for later.
    pub fn block(&mut self, inner: Writer) {
        self.u64(inner.bytes.len() as u64);
        self.bytes.extend_from_slice(&inner.bytes);
    }

    /// Header plus the body deflated at miniz's highest level: deterministic for a given
    /// miniz_oxide version, which Cargo.lock pins.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes.len() / 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(&self.bytes, 10));
        out
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_edges() {
        let mut w = Writer::default();
        let unsigned = [0u64, 1, 127, 128, 16_383, 16_384, u32::MAX as u64, u64::MAX];
        let signed = [0i64, -1, 1, -64, 64, i32::MIN as i64, i64::MAX, i64::MIN];
        for v in unsigned {
            w.u64(v);
        }
        for v in signed {
            w.i64(v);
        }
        w.str("云和县");
        // 127 fits one byte, 128 needs two: the LEB128 boundary.
        assert_eq!(&w.bytes[2..5], &[127, 0x80, 0x01]);
        let mut r = Reader::new(&w.bytes);
        for v in unsigned {
            assert_eq!(r.u64().unwrap(), v);
        }
        for v in signed {
            assert_eq!(r.i64().unwrap(), v);
        }
        assert_eq!(r.str().unwrap(), "云和县");
        assert!(r.at_end());
    }

    #[test]
    fn damaged_files_are_refused() {
        let mut w = Writer::default();
        w.str("x");
        let good = w.finish();
        assert!(open(&good).is_ok());
        assert!(matches!(
            open(b"PK\x03\x04"),
            Err(ReferenceError::NotReference)
        ));
        let mut newer = good.clone();
        newer[8] = 2;
        assert!(matches!(
            open(&newer),
            Err(ReferenceError::Version { found: 2, .. })
        ));
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff; // the Adler-32 trailer
        assert!(matches!(open(&flipped), Err(ReferenceError::Corrupt(_))));
    }

    #[test]
    fn a_count_cannot_outrun_the_data() {
        let mut w = Writer::default();
        w.u64(1_000_000);
        assert!(Reader::new(&w.bytes).count().is_err());
    }
}
