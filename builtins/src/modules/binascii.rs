//! `binascii`: conversions between binary data and ASCII encodings (hex,
//! base64, quoted-printable, uuencode) and the CRC-32 / CRC-CCITT
//! checksums, as CPython 3.11's C module (`base64.py` is built on it).

use super::native::{keywords, positional};
use super::set;
use crate::modules::native::buffer_arg;
use molt_vm::class::type_name;
use molt_vm::object::{Kind, Layout, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::Cell;

thread_local! {
    static ERROR: Cell<Value> = const { Cell::new(Value::NONE) };
    static INCOMPLETE: Cell<Value> = const { Cell::new(Value::NONE) };
}

fn error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let c = ERROR.with(|c| c.get());
    vm.err(c, msg)
}

/// A bytes-like or ASCII str argument (the `a2b_*` functions).
fn ascii_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = ops::str_of(v) {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match ops::convert::bytes_of(v) {
        Some(b) => Ok(b),
        None => {
            let msg = format!(
                "argument should be bytes, buffer or ASCII string, not '{}'",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// Functions of one positional parameter and keyword-only ones word the
/// excess-argument error with "exactly".
fn one_positional(vm: &mut Vm, fname: &str, args: &Args) -> PyResult<()> {
    if args.pos.len() > 1 {
        let msg = format!(
            "{}() takes exactly 1 positional argument ({} given)",
            fname,
            args.pos.len()
        );
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn flag(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v {
        Some(v) => ops::convert::truthy(vm, v),
        None => Ok(false),
    }
}

/// An `unsigned int` argument taken modulo 2**32, as CPython's bitwise converter.
fn u32_bitwise(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = ops::convert::index_value(vm, v)?;
    Ok(match ops::arith::num_of(i) {
        Some(ops::arith::Num::Small(n)) => n as u32,
        Some(ops::arith::Num::Big(b)) => {
            let m: num_bigint::BigInt = b & num_bigint::BigInt::from(0xffff_ffffu32);
            num_traits::ToPrimitive::to_u32(&m).unwrap_or(0)
        }
        _ => 0,
    })
}

// ----- hex -----

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    hex_impl(vm, args, "hexlify")
}

fn b2a_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    hex_impl(vm, args, "b2a_hex")
}

fn hex_impl(vm: &mut Vm, args: Args, name: &str) -> PyResult<Value> {
    let a = keywords(
        vm,
        name,
        args.pos,
        &args,
        &["data", "sep", "bytes_per_sep"],
        1,
        3,
    )?;
    let data = buffer_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let sep = match a[1] {
        None => None,
        Some(s) => Some(sep_char(vm, s)?),
    };
    let per = match a[2] {
        Some(v) => ops::convert::to_index(vm, v)?,
        None => 1,
    };
    let mut out = Vec::with_capacity(data.len() * 3);
    let n = data.len();
    // Separators every |per| bytes, counted from the right for a positive
    // count and from the left for a negative one.
    let group = per.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(c) = sep {
            if group > 0 && i > 0 {
                let boundary = if per > 0 {
                    (n - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(c);
                }
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    Ok(vm.new_bytes(out))
}

fn sep_char(vm: &mut Vm, s: Value) -> PyResult<u8> {
    if let Some(t) = ops::str_of(s) {
        let mut cs = t.chars();
        let (Some(c), None) = (cs.next(), cs.next()) else {
            return Err(vm.value_error("sep must be length 1."));
        };
        if (c as u32) > 255 {
            return Err(vm.value_error("sep must be ASCII."));
        }
        return Ok(c as u32 as u8);
    }
    let n = ops::convert::len(vm, s)?;
    if n != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    match s.obj().map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => Ok(b[0]),
        _ => Err(vm.type_error("sep must be str or bytes.")),
    }
}

fn unhex(vm: &mut Vm, args: Args, name: &str) -> PyResult<Value> {
    let a = positional(vm, name, args.pos, &args, 1, 1)?;
    let data = ascii_arg(vm, a[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        let (Some(h), Some(l)) = (
            (pair[0] as char).to_digit(16),
            (pair[1] as char).to_digit(16),
        ) else {
            return Err(error(vm, "Non-hexadecimal digit found"));
        };
        out.push((h * 16 + l) as u8);
    }
    Ok(vm.new_bytes(out))
}

fn unhexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unhex(vm, args, "unhexlify")
}

fn a2b_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unhex(vm, args, "a2b_hex")
}

// ----- base64 -----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn b2a_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one_positional(vm, "b2a_base64", &args)?;
    let a = keywords(
        vm,
        "b2a_base64",
        args.pos,
        &args,
        &["data", "newline"],
        1,
        1,
    )?;
    let data = buffer_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let newline = match a[1] {
        Some(v) => ops::convert::truthy(vm, v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(vm.new_bytes(out))
}

fn a2b_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one_positional(vm, "a2b_base64", &args)?;
    let a = keywords(
        vm,
        "a2b_base64",
        args.pos,
        &args,
        &["data", "strict_mode"],
        1,
        1,
    )?;
    let data = ascii_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let strict = flag(vm, a[1])?;
    if strict && data.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let (mut quad, mut left, mut pads) = (0u8, 0u8, 0usize);
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad as usize + pads >= 4 {
                    // A complete pad sequence ends the data.
                    if strict && i + 1 < data.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    return Ok(vm.new_bytes(out));
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
                quad = 2;
            }
            2 => {
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
                quad = 3;
            }
            _ => {
                out.push((left << 6) | v);
                left = 0;
                quad = 0;
            }
        }
    }
    match quad {
        0 => Ok(vm.new_bytes(out)),
        1 => {
            let msg = format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            );
            Err(error(vm, msg))
        }
        _ => Err(error(vm, "Incorrect padding")),
    }
}

// ----- uuencode -----

fn b2a_uu(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one_positional(vm, "b2a_uu", &args)?;
    let a = keywords(vm, "b2a_uu", args.pos, &args, &["data", "backtick"], 1, 1)?;
    let data = buffer_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let backtick = flag(vm, a[1])?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u8| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v
        }
    };
    let mut out = vec![enc(data.len() as u8)];
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            out.push(enc(((n >> (18 - 6 * k)) & 63) as u8));
        }
    }
    out.push(b'\n');
    Ok(vm.new_bytes(out))
}

fn a2b_uu(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "a2b_uu", args.pos, &args, 1, 1)?;
    let data = ascii_arg(vm, a[0])?;
    // An empty line reads as its terminating NUL in CPython: 32 zero bytes.
    let first = data.first().copied().unwrap_or(0);
    let mut want = (first.wrapping_sub(b' ') & 0o77) as usize;
    let rest = data.get(1..).unwrap_or(&[]);
    let mut out = Vec::with_capacity(want);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut i = 0;
    while want > 0 {
        let c = rest.get(i).copied();
        i += 1;
        let v = match c {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) => {
                // '`' (space + 64) is a common alternative for zero.
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error(vm, "Illegal char"));
                }
                (c - b' ') & 0o77
            }
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
            want -= 1;
        }
    }
    for &c in rest.iter().skip(i) {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return Err(error(vm, "Trailing garbage"));
        }
    }
    Ok(vm.new_bytes(out))
}

// ----- quoted-printable -----

const MAXLINESIZE: usize = 76;
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn a2b_qp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = keywords(vm, "a2b_qp", args.pos, &args, &["data", "header"], 1, 2)?;
    let data = ascii_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let header = flag(vm, a[1])?;
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= data.len() {
                break;
            }
            if data[i] == b'\n' || data[i] == b'\r' {
                // A soft line break.
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                if i < data.len() {
                    i += 1;
                }
            } else if data[i] == b'=' {
                out.push(b'=');
                i += 1;
            } else if i + 1 < data.len() && hex(data[i]).is_some() && hex(data[i + 1]).is_some() {
                let v = hex(data[i]).unwrap_or(0) * 16 + hex(data[i + 1]).unwrap_or(0);
                out.push(v as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(vm.new_bytes(out))
}

fn b2a_qp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = keywords(
        vm,
        "b2a_qp",
        args.pos,
        &args,
        &["data", "quotetabs", "istext", "header"],
        1,
        4,
    )?;
    let data = buffer_arg(vm, a[0].unwrap_or(Value::NONE))?;
    let quotetabs = flag(vm, a[1])?;
    let istext = match a[2] {
        Some(v) => ops::convert::truthy(vm, v)?,
        None => true,
    };
    let header = flag(vm, a[3])?;
    // Line ends are written as the first one in the data: CRLF or LF.
    let crlf = match data.iter().position(|&c| c == b'\n') {
        Some(p) => p > 0 && data[p - 1] == b'\r',
        None => false,
    };
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let n = data.len();
    let mut out = Vec::with_capacity(n * 3);
    let (mut i, mut linelen) = (0usize, 0usize);
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let must_quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.'
                && linelen == 0
                && matches!(next, None | Some(b'\n') | Some(b'\r') | Some(0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && next.is_none())
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if must_quote {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend_from_slice(&[
                b'=',
                HEX_UPPER[(c >> 4) as usize],
                HEX_UPPER[(c & 15) as usize],
            ]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace before a line end is quoted.
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    out.pop();
                    out.extend_from_slice(&[
                        b'=',
                        HEX_UPPER[(last >> 4) as usize],
                        HEX_UPPER[(last & 15) as usize],
                    ]);
                }
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if next.is_some() && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    Ok(vm.new_bytes(out))
}

// ----- checksums -----

fn crc32_table() -> &'static [u32; 256] {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    })
}

fn crc32(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "crc32", args.pos, &args, 1, 2)?;
    let data = buffer_arg(vm, a[0])?;
    let start = match a.get(1) {
        Some(&v) => u32_bitwise(vm, v)?,
        None => 0,
    };
    let t = crc32_table();
    let mut c = !start;
    for b in data {
        c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    Ok(vm.new_int(!c as i64))
}

fn crc_hqx(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "crc_hqx", args.pos, &args, 2, 2)?;
    let data = buffer_arg(vm, a[0])?;
    let mut c = (u32_bitwise(vm, a[1])? & 0xffff) as u16;
    // CRC-CCITT, polynomial x^16 + x^12 + x^5 + 1, most significant bit first.
    for b in data {
        c ^= (b as u16) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
        }
    }
    Ok(vm.new_int(c as i64))
}

pub fn binascii_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("binascii");
    if ERROR.with(|c| c.get()).is_none() {
        let val = vm.exc.ValueError;
        let e = vm.make_native_class("binascii", "Error", &[val], Layout::Exception, true);
        ERROR.with(|c| c.set(e));
        let exc = vm.exc.Exception;
        let i = vm.make_native_class("binascii", "Incomplete", &[exc], Layout::Exception, true);
        INCOMPLETE.with(|c| c.set(i));
    }
    let e = ERROR.with(|c| c.get());
    set(vm, m, "Error", e);
    let i = INCOMPLETE.with(|c| c.get());
    set(vm, m, "Incomplete", i);
    let doc = vm.new_str("Conversion between binary data and ASCII");
    set(vm, m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("hexlify", hexlify),
        ("b2a_hex", b2a_hex),
        ("unhexlify", unhexlify),
        ("a2b_hex", a2b_hex),
        ("b2a_base64", b2a_base64),
        ("a2b_base64", a2b_base64),
        ("b2a_uu", b2a_uu),
        ("a2b_uu", a2b_uu),
        ("b2a_qp", b2a_qp),
        ("a2b_qp", a2b_qp),
        ("crc32", crc32),
        ("crc_hqx", crc_hqx),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
