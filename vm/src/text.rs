//! Python text as bytes: generalized UTF-8.
//!
//! A Python str is a sequence of code points, and unlike Rust's `str` it may
//! hold lone surrogates (U+D800..U+DFFF), which the `surrogateescape` and
//! `surrogatepass` error handlers, `chr(0xdc80)` and `'\udc80'` literals
//! produce.  Molt stores every str as *generalized UTF-8*: UTF-8, except that
//! a surrogate code point is encoded as its own 3-byte sequence (`ED A0..BF
//! xx`) and never paired with a neighbour.  Text without surrogates is plain
//! UTF-8, so the common case is borrowed as `&str` at no cost.
//!
//! Properties the rest of the VM relies on:
//! - the encoding is canonical, so byte equality is code point equality and
//!   byte order is code point order;
//! - lead bytes give sequence lengths exactly as in UTF-8, so code point
//!   indexing and slicing by byte offsets work unchanged;
//! - the *lossy* form (each surrogate replaced by U+FFFD, also 3 bytes) has
//!   the same byte offsets and the same length in code points.

/// Length of the sequence starting with lead byte `b`.
#[inline]
pub fn seq_len(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// True for a code point in the surrogate range.
#[inline]
pub fn is_surrogate(cp: u32) -> bool {
    (0xd800..=0xdfff).contains(&cp)
}

/// Appends code point `cp` (any value up to U+10FFFF, surrogates included).
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    match char::from_u32(cp) {
        Some(c) => {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        None => {
            debug_assert!(is_surrogate(cp));
            out.extend_from_slice(&[
                0xe0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3f) as u8,
                0x80 | (cp & 0x3f) as u8,
            ]);
        }
    }
}

/// The code point whose sequence starts at `b[0]`.
#[inline]
pub fn decode_at(b: &[u8]) -> u32 {
    let c0 = b[0] as u32;
    match seq_len(b[0]) {
        1 => c0,
        2 => ((c0 & 0x1f) << 6) | (b[1] as u32 & 0x3f),
        3 => ((c0 & 0x0f) << 12) | ((b[1] as u32 & 0x3f) << 6) | (b[2] as u32 & 0x3f),
        _ => {
            ((c0 & 0x07) << 18)
                | ((b[1] as u32 & 0x3f) << 12)
                | ((b[2] as u32 & 0x3f) << 6)
                | (b[3] as u32 & 0x3f)
        }
    }
}

/// The code points of generalized UTF-8 text.
pub fn code_points(b: &[u8]) -> CodePoints<'_> {
    CodePoints { b, i: 0 }
}

#[derive(Clone)]
pub struct CodePoints<'a> {
    b: &'a [u8],
    i: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.i >= self.b.len() {
            return None;
        }
        let cp = decode_at(&self.b[self.i..]);
        self.i += seq_len(self.b[self.i]);
        Some(cp)
    }
}

/// Generalized UTF-8 text from code points.
pub fn from_code_points(cps: impl IntoIterator<Item = u32>) -> Vec<u8> {
    let mut out = Vec::new();
    for cp in cps {
        push_code_point(&mut out, cp);
    }
    out
}

/// True if `b` (generalized UTF-8) holds a surrogate: only `ED A0..BF`
/// starts one, since valid UTF-8 never has those two bytes in a row.
pub fn has_surrogates(b: &[u8]) -> bool {
    memchr::memchr_iter(0xed, b).any(|i| b.get(i + 1).is_some_and(|&n| n >= 0xa0))
}

/// The text with every surrogate replaced by U+FFFD (same byte offsets).
pub fn lossy(b: &[u8]) -> String {
    let mut out = b.to_vec();
    for i in memchr::memchr_iter(0xed, b) {
        if b.get(i + 1).is_some_and(|&n| n >= 0xa0) {
            out[i..i + 3].copy_from_slice("\u{fffd}".as_bytes());
        }
    }
    String::from_utf8(out).expect("generalized UTF-8 with surrogates replaced is UTF-8")
}

/// A growable str text (generalized UTF-8) with `String`'s pushing
/// methods, for code that builds strs that may hold surrogates (decoders).
#[derive(Default, Clone)]
pub struct TextBuf(Vec<u8>);

impl TextBuf {
    pub fn new() -> Self {
        TextBuf(Vec::new())
    }
    pub fn with_capacity(n: usize) -> Self {
        TextBuf(Vec::with_capacity(n))
    }
    pub fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.0.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    /// Appends any code point, surrogates included.
    pub fn push_cp(&mut self, cp: u32) {
        push_code_point(&mut self.0, cp);
    }
    pub fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }
    /// Appends other text (generalized UTF-8).
    pub fn push_text(&mut self, t: &[u8]) {
        self.0.extend_from_slice(t);
    }
    /// Removes the last code point.
    pub fn pop(&mut self) -> Option<u32> {
        let start = self.0.iter().rposition(|&b| b & 0xc0 != 0x80)?;
        let cp = decode_at(&self.0[start..]);
        self.0.truncate(start);
        Some(cp)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl Extend<char> for TextBuf {
    fn extend<I: IntoIterator<Item = char>>(&mut self, it: I) {
        for c in it {
            self.push(c);
        }
    }
}

/// UTF-8 decoding with the `surrogateescape` error handler (PEP 383):
/// each byte that is not part of a valid sequence becomes U+DC80+byte.
/// This is how file names and other OS strings become strs.
pub fn decode_utf8_escaping(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        match std::str::from_utf8(b) {
            Ok(s) => {
                out.extend_from_slice(s.as_bytes());
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.extend_from_slice(&b[..good]);
                let bad = e.error_len().unwrap_or(b.len() - good);
                for &x in &b[good..good + bad] {
                    push_code_point(&mut out, 0xdc00 + x as u32);
                }
                b = &b[good + bad..];
            }
        }
    }
}

/// UTF-8 encoding with the `surrogateescape` error handler: U+DC80..U+DCFF
/// become the bytes 0x80..0xFF again.  Any other surrogate cannot be
/// encoded: `Err` holds its code point index.
pub fn encode_utf8_escaping(text: &[u8]) -> Result<Vec<u8>, usize> {
    if !has_surrogates(text) {
        return Ok(text.to_vec());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    for (n, cp) in code_points(text).enumerate() {
        let len = seq_len(text[i]);
        match cp {
            0xdc80..=0xdcff => out.push((cp - 0xdc00) as u8),
            _ if is_surrogate(cp) => return Err(n),
            _ => out.extend_from_slice(&text[i..i + len]),
        }
        i += len;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_code_point() {
        let cps = [0x41, 0xe9, 0x20ac, 0xd800, 0xdc80, 0xdfff, 0xfffd, 0x1f600];
        let b = from_code_points(cps);
        assert_eq!(code_points(&b).collect::<Vec<_>>(), cps);
        assert!(has_surrogates(&b));
        let l = lossy(&b);
        assert_eq!(l.len(), b.len());
        assert_eq!(l.chars().count(), cps.len());
        assert!(!has_surrogates("a\u{d7ff}\u{e000}\u{fffd}".as_bytes()));
    }

    #[test]
    fn surrogateescape_round_trips_any_bytes() {
        let raw = b"ok \xff\xe2\x82 \xed\xa0\x80 \xc3\xa9 end\x80";
        let text = decode_utf8_escaping(raw);
        assert!(has_surrogates(&text));
        assert_eq!(encode_utf8_escaping(&text).unwrap(), raw.to_vec());
        assert_eq!(
            encode_utf8_escaping(&from_code_points([0x41, 0xd800])),
            Err(1)
        );
    }

    #[test]
    fn byte_order_is_code_point_order() {
        let cps = [
            0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xffff, 0x10000,
        ];
        let enc: Vec<Vec<u8>> = cps.iter().map(|&c| from_code_points([c])).collect();
        let mut sorted = enc.clone();
        sorted.sort();
        assert_eq!(enc, sorted);
    }
}
