//! Hash functions with CPython 3.11's exact results.
//!
//! Numbers hash as CPython's (equal numbers hash equal across int, float and
//! bool). Strings and bytes use SipHash-1-3 with a zero key, which is what
//! CPython does under `PYTHONHASHSEED=0`; a str is hashed over its PEP 393
//! representation (1, 2 or 4 bytes per code point), so sets of strings
//! iterate in the same order as CPython's with hash randomisation off.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

pub const HASH_BITS: u32 = 61;
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
pub const HASH_INF: i64 = 314159;

#[inline]
fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_i64(i: i64) -> i64 {
    let m = HASH_MODULUS as i64;
    let h = if i >= 0 {
        i % m
    } else {
        -((-(i as i128) % m as i128) as i64)
    };
    fix(h)
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    if let Some(i) = b.to_i64() {
        return hash_i64(i);
    }
    let (sign, digits) = b.to_u64_digits();
    // Horner's rule over 64-bit digits, modulo 2**61 - 1.
    let mut acc: u128 = 0;
    for d in digits.iter().rev() {
        acc = ((acc << 64) | *d as u128) % HASH_MODULUS as u128;
    }
    let h = acc as i64;
    fix(if sign == Sign::Minus { -h } else { h })
}

/// `hash(float)`; NaN hashes by identity in CPython, so the caller handles it.
pub fn hash_f64(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    };
    x = ((x << e) & HASH_MODULUS) | x >> (bits - e);
    fix((x as i64).wrapping_mul(sign))
}

/// `frexp`: v = m * 2**e with 0.5 <= |m| < 1.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * f64::from_bits(0x4350000000000000)); // 2**54
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

pub fn hash_tuple(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let len = item_hashes.len() as u64;
    let mut acc = P5;
    for h in item_hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

fn siphash13(data: &[u8]) -> u64 {
    let (k0, k1) = (0u64, 0u64);
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    macro_rules! half_round {
        ($a:expr, $b:expr, $c:expr, $d:expr, $s:expr, $t:expr) => {
            $a = $a.wrapping_add($b);
            $c = $c.wrapping_add($d);
            $b = $b.rotate_left($s) ^ $a;
            $d = $d.rotate_left($t) ^ $c;
            $a = $a.rotate_left(32);
        };
    }
    macro_rules! single_round {
        () => {
            half_round!(v0, v1, v2, v3, 13, 16);
            half_round!(v2, v1, v0, v3, 17, 21);
        };
    }
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mi = u64::from_le_bytes(c.try_into().unwrap());
        v3 ^= mi;
        single_round!();
        v0 ^= mi;
    }
    let rest = chunks.remainder();
    let mut t = [0u8; 8];
    t[..rest.len()].copy_from_slice(rest);
    let b = ((data.len() as u64) << 56) | u64::from_le_bytes(t);
    v3 ^= b;
    single_round!();
    v0 ^= b;
    v2 ^= 0xff;
    single_round!();
    single_round!();
    single_round!();
    (v0 ^ v1) ^ (v2 ^ v3)
}

pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    fix(siphash13(data) as i64)
}

pub fn hash_str(s: &str) -> i64 {
    hash_code_points(
        s.chars().map(|c| c as u32),
        s.is_ascii().then(|| s.as_bytes()),
    )
}

/// CPython's str hash: siphash over the text in its narrowest fixed-width
/// form (1, 2 or 4 bytes per code point).  `ascii` is the text's bytes when
/// it is known to be ASCII (the common case, hashed without copying).
pub fn hash_code_points<I>(cps: I, ascii: Option<&[u8]>) -> i64
where
    I: Iterator<Item = u32> + Clone,
{
    if let Some(b) = ascii {
        return if b.is_empty() { 0 } else { hash_bytes(b) };
    }
    let max = cps.clone().max().unwrap_or(0);
    if max == 0 && cps.clone().next().is_none() {
        return 0;
    }
    let mut buf = Vec::new();
    if max < 0x100 {
        buf.extend(cps.map(|c| c as u8));
    } else if max < 0x10000 {
        cps.for_each(|c| buf.extend_from_slice(&(c as u16).to_le_bytes()));
    } else {
        cps.for_each(|c| buf.extend_from_slice(&(c as u32).to_le_bytes()));
    }
    hash_bytes(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_cpython_hashes() {
        // Values printed by CPython 3.11 with PYTHONHASHSEED=0.
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(-2.0), -2);
        assert_eq!(hash_tuple([1i64, 2].into_iter()), -3550055125485641917);
        assert_eq!(hash_tuple(std::iter::empty::<i64>()), 5740354900026072187);
        assert_eq!(hash_str("a"), 4644417185603328019);
        assert_eq!(hash_str("hello world!"), 839851713330019024);
        assert_eq!(hash_str("é"), 6047309291227476195);
        assert_eq!(hash_str("€x"), -483395623852268653);
        assert_eq!(hash_bytes(b"abc"), -4594863902769663758);
    }
}
