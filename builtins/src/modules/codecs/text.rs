//! The codecs themselves: UTF-8/16/32, ASCII, Latin-1, charmap and the
//! escape codecs, each with error handling through `errors.rs`.  Decoders
//! take `final` (for incremental decoding: an incomplete sequence at the
//! end is left unconsumed) and return the text and the bytes consumed.

use super::errors::{Decoding, Encoding, Replacement};
use molt_vm::object::{native_state, Kind, NativeState};
use molt_vm::ops;
use molt_vm::text::{is_surrogate, TextBuf};
use molt_vm::{PyResult, Value, Vm};
use std::collections::HashMap;

// ----- single-byte encoders: ASCII, Latin-1, charmap -----

/// How characters become single bytes.
pub enum ByteMap {
    /// Code points below the limit are their own byte (ASCII, Latin-1).
    Limit(u32),
    /// A charmap: an `EncodingMap` or any mapping from ints.
    Charmap(Value),
}

/// The table `charmap_build` makes from a 256-character decoding table.
pub struct EncodingMap {
    pub map: HashMap<u32, u8>,
}

impl NativeState for EncodingMap {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Append the encoding of `c` to `out`; false when it has none.
fn put(vm: &mut Vm, m: &ByteMap, c: u32, out: &mut Vec<u8>) -> PyResult<bool> {
    match m {
        ByteMap::Limit(l) => {
            let ok = (c as u32) < *l;
            if ok {
                out.push(c as u32 as u8);
            }
            Ok(ok)
        }
        ByteMap::Charmap(mapping) => {
            if let Some(em) = native_state::<EncodingMap>(*mapping) {
                return Ok(match em.map.get(&(c as u32)) {
                    Some(&b) => {
                        out.push(b);
                        true
                    }
                    None => false,
                });
            }
            let key = vm.new_int(c as i64);
            let v = match ops::getitem(vm, *mapping, key) {
                Ok(v) => v,
                Err(e) if vm.exc_matches(e.0, vm.exc.LookupError) => return Ok(false),
                Err(e) => return Err(e),
            };
            if v.is_none() {
                return Ok(false);
            }
            if let Some(Kind::Bytes(b)) = v.obj().map(|o| &o.kind) {
                out.extend_from_slice(b);
                return Ok(true);
            }
            match ops::arith::num_of(v) {
                Some(ops::arith::Num::Small(n)) if (0..256).contains(&n) => {
                    out.push(n as u8);
                    Ok(true)
                }
                Some(ops::arith::Num::Small(_) | ops::arith::Num::Big(_)) => {
                    Err(vm.type_error("character mapping must be in range(256)"))
                }
                _ => {
                    let msg = format!(
                        "character mapping must return integer, bytes or None, not {}",
                        molt_vm::class::type_name(vm, v)
                    );
                    Err(vm.type_error(msg))
                }
            }
        }
    }
}

/// Encode with a single-byte map; runs of unencodable characters go to
/// the error handler together, as in CPython.
pub fn encode_bytes(
    vm: &mut Vm,
    cx: &mut Encoding,
    m: &ByteMap,
    reason: &str,
) -> PyResult<Vec<u8>> {
    let chars = cx.chars;
    let mut out = Vec::with_capacity(chars.len());
    let mut scratch = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if put(vm, m, chars[i], &mut out)? {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() {
            scratch.clear();
            if put(vm, m, chars[end], &mut scratch)? {
                break;
            }
            end += 1;
        }
        let (rep, pos) = cx.error(vm, i, end, reason)?;
        match rep {
            Replacement::Bytes(b) => out.extend_from_slice(&b),
            Replacement::Str(s) => {
                for &c in &s {
                    if !put(vm, m, c, &mut out)? {
                        let e = cx.exception(vm, i, end, reason);
                        return Err(molt_vm::PyErr(e));
                    }
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

// ----- UTF-8 -----

pub fn utf8_decode(vm: &mut Vm, cx: &mut Decoding, fin: bool) -> PyResult<(TextBuf, usize)> {
    let b = cx.data;
    let mut out = TextBuf::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match std::str::from_utf8(&b[i..]) {
            Ok(s) => {
                out.push_str(s);
                i = b.len();
            }
            Err(e) => {
                let good = i + e.valid_up_to();
                out.push_str(std::str::from_utf8(&b[i..good]).unwrap_or(""));
                let (end, reason) = match e.error_len() {
                    None if !fin => return Ok((out, good)),
                    None => (b.len(), "unexpected end of data"),
                    Some(1) if !(0xC2..=0xF4).contains(&b[good]) => {
                        (good + 1, "invalid start byte")
                    }
                    Some(n) => (good + n, "invalid continuation byte"),
                };
                i = cx.error(vm, good, end, reason, &mut out)?;
            }
        }
    }
    Ok((out, b.len()))
}

// ----- ASCII, Latin-1 -----

pub fn ascii_decode(vm: &mut Vm, cx: &mut Decoding) -> PyResult<TextBuf> {
    let b = cx.data;
    let mut out = TextBuf::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            out.push(b[i] as char);
            i += 1;
        } else {
            i = cx.error(vm, i, i + 1, "ordinal not in range(128)", &mut out)?;
        }
    }
    Ok(out)
}

pub fn latin1_decode(b: &[u8]) -> String {
    b.iter().map(|&x| x as char).collect()
}

// ----- UTF-16 and UTF-32 -----

/// Encode as UTF-8 (`width` 1), UTF-16 (2) or UTF-32 (4); `order` -1
/// little endian, 1 big endian, 0 a BOM then little endian (the native
/// order here).  Runs of lone surrogates go to the error handler.
pub fn utf_encode(vm: &mut Vm, cx: &mut Encoding, width: usize, order: i64) -> PyResult<Vec<u8>> {
    const REASON: &str = "surrogates not allowed";
    let chars = cx.chars;
    let mut out = Vec::with_capacity(chars.len() * width + width);
    let be = order == 1;
    let unit = move |out: &mut Vec<u8>, u: u32| {
        if width == 2 {
            let u = u as u16;
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        } else {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
    };
    let put = move |out: &mut Vec<u8>, c: u32| match width {
        1 => molt_vm::text::push_code_point(out, c),
        2 if c >= 0x10000 => {
            let v = c - 0x10000;
            unit(out, 0xD800 | (v >> 10));
            unit(out, 0xDC00 | (v & 0x3FF));
        }
        _ => unit(out, c),
    };
    if order == 0 && width > 1 {
        unit(&mut out, 0xFEFF);
    }
    let mut i = 0;
    while i < chars.len() {
        if !is_surrogate(chars[i]) {
            put(&mut out, chars[i]);
            i += 1;
            continue;
        }
        // UTF-8 hands runs of surrogates to the handler, UTF-16/32 one at
        // a time (as CPython's encoders do).
        let end = if width == 1 {
            i + chars[i..].iter().take_while(|&&c| is_surrogate(c)).count()
        } else {
            i + 1
        };
        let (rep, pos) = cx.error(vm, i, end, REASON)?;
        match rep {
            // UTF-16/32 take replacement bytes only in whole code units.
            Replacement::Bytes(b) if width > 1 && b.len() % width != 0 => {
                let e = cx.exception(vm, i, end, REASON);
                return Err(molt_vm::PyErr(e));
            }
            Replacement::Bytes(b) => out.extend_from_slice(&b),
            Replacement::Str(s) => {
                for &c in &s {
                    if is_surrogate(c) {
                        let e = cx.exception(vm, i, end, REASON);
                        return Err(molt_vm::PyErr(e));
                    }
                    put(&mut out, c);
                }
            }
        }
        i = pos;
    }
    Ok(out)
}

/// Decode UTF-16 (`width` 2) or UTF-32 (4).  `order` is the byte order
/// (-1 little, 1 big, 0 look for a BOM, else little endian); it is updated
/// to the one a BOM chose.
pub fn utf_wide_decode(
    vm: &mut Vm,
    cx: &mut Decoding,
    width: usize,
    order: &mut i64,
    fin: bool,
) -> PyResult<(TextBuf, usize)> {
    let b = cx.data;
    let n = b.len();
    let mut i = 0;
    if *order == 0 && n >= width {
        let bom: (&[u8], &[u8]) = if width == 2 {
            (&[0xFF, 0xFE], &[0xFE, 0xFF])
        } else {
            (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF])
        };
        if &b[..width] == bom.0 {
            *order = -1;
            i = width;
        } else if &b[..width] == bom.1 {
            *order = 1;
            i = width;
        }
    }
    let be = *order == 1;
    cx.encoding = match (width, be) {
        (2, false) => "utf-16-le",
        (2, true) => "utf-16-be",
        (_, false) => "utf-32-le",
        (_, true) => "utf-32-be",
    };
    let unit = |i: usize| -> u32 {
        if width == 2 {
            let x = [b[i], b[i + 1]];
            (if be {
                u16::from_be_bytes(x)
            } else {
                u16::from_le_bytes(x)
            }) as u32
        } else {
            let x = [b[i], b[i + 1], b[i + 2], b[i + 3]];
            if be {
                u32::from_be_bytes(x)
            } else {
                u32::from_le_bytes(x)
            }
        }
    };
    let mut out = TextBuf::with_capacity(n / width);
    while i < n {
        if n - i < width {
            if !fin {
                break;
            }
            i = cx.error(vm, i, n, "truncated data", &mut out)?;
            continue;
        }
        let u = unit(i);
        if width == 4 {
            match char::from_u32(u) {
                Some(c) => {
                    out.push(c);
                    i += 4;
                }
                None => {
                    let reason = if u > 0x10FFFF {
                        "code point not in range(0x110000)"
                    } else {
                        "code point in surrogate code point range(0xd800, 0xe000)"
                    };
                    i = cx.error(vm, i, i + 4, reason, &mut out)?;
                }
            }
            continue;
        }
        match u {
            0xD800..=0xDBFF => {
                if n - i < 4 {
                    if !fin {
                        break;
                    }
                    i = cx.error(vm, i, n, "unexpected end of data", &mut out)?;
                    continue;
                }
                let u2 = unit(i + 2);
                if (0xDC00..=0xDFFF).contains(&u2) {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    i += 4;
                } else {
                    i = cx.error(vm, i, i + 2, "illegal UTF-16 surrogate", &mut out)?;
                }
            }
            0xDC00..=0xDFFF => {
                i = cx.error(vm, i, i + 2, "illegal encoding", &mut out)?;
            }
            _ => {
                out.push(char::from_u32(u).unwrap_or('\u{FFFD}'));
                i += 2;
            }
        }
    }
    Ok((out, i.min(n)))
}

// ----- charmap -----

/// Decode with a charmap: `mapping` is a str indexed by byte, or any
/// mapping from ints to ints, strs or None.
pub fn charmap_decode(vm: &mut Vm, cx: &mut Decoding, mapping: Value) -> PyResult<TextBuf> {
    const UNDEFINED: &str = "character maps to <undefined>";
    let b = cx.data;
    let mut out = TextBuf::with_capacity(b.len());
    let table: Option<Vec<u32>> = ops::str_data(mapping).map(|s| s.code_points().collect());
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let ok = if let Some(t) = &table {
            match t.get(x as usize) {
                Some(&c) if c != 0xfffe => {
                    out.push_cp(c);
                    true
                }
                _ => false,
            }
        } else {
            let key = Value::small_int_unchecked(x as i64);
            match ops::getitem(vm, mapping, key) {
                Ok(v) => charmap_value(vm, v, &mut out)?,
                Err(e) if vm.exc_matches(e.0, vm.exc.LookupError) => false,
                Err(e) => return Err(e),
            }
        };
        if ok {
            i += 1;
        } else {
            i = cx.error(vm, i, i + 1, UNDEFINED, &mut out)?;
        }
    }
    Ok(out)
}

/// What a charmap decoding mapping gave for one byte.
fn charmap_value(vm: &mut Vm, v: Value, out: &mut TextBuf) -> PyResult<bool> {
    if v.is_none() {
        return Ok(false);
    }
    if let Some(s) = ops::str_bytes_of(v) {
        if s == "\u{FFFE}".as_bytes() {
            return Ok(false);
        }
        out.push_text(s);
        return Ok(true);
    }
    match ops::arith::num_of(v) {
        Some(ops::arith::Num::Small(n)) if (0..0x110000).contains(&n) => {
            if n == 0xfffe {
                return Ok(false);
            }
            out.push_cp(n as u32);
            Ok(true)
        }
        Some(ops::arith::Num::Small(_) | ops::arith::Num::Big(_)) => {
            Err(vm.type_error("character mapping must be in range(0x110000)"))
        }
        _ => Err(vm.type_error("character mapping must return integer, None or str")),
    }
}

// ----- escape codecs -----

fn hex_run(b: &[u8], from: usize, n: usize) -> (u32, usize) {
    let mut v = 0u32;
    let mut k = 0;
    while k < n && from + k < b.len() {
        match (b[from + k] as char).to_digit(16) {
            Some(d) => v = v * 16 + d,
            None => break,
        }
        k += 1;
    }
    (v, k)
}

/// `unicode_escape` (`raw` false) and `raw_unicode_escape` decoding.
pub fn unicode_escape_decode(
    vm: &mut Vm,
    cx: &mut Decoding,
    raw: bool,
    fin: bool,
) -> PyResult<(TextBuf, usize)> {
    let b = cx.data;
    let n = b.len();
    let mut out = TextBuf::with_capacity(n);
    let mut i = 0;
    while i < n {
        if b[i] != b'\\' {
            out.push(b[i] as char);
            i += 1;
            continue;
        }
        let start = i;
        if raw {
            // Only an odd run of backslashes before u/U starts an escape.
            let mut j = i;
            while j < n && b[j] == b'\\' {
                j += 1;
            }
            let run = j - i;
            let escapes = run % 2 == 1 && j < n && (b[j] == b'u' || b[j] == b'U');
            let literal = if escapes { run - 1 } else { run };
            out.extend(std::iter::repeat('\\').take(literal));
            if !escapes {
                if j == n && run % 2 == 1 && !fin {
                    // The next chunk may start with u/U.
                    out.pop();
                    return Ok((out, j - 1));
                }
                i = j;
                continue;
            }
            i = j - 1;
            let width = if b[j] == b'u' { 4 } else { 8 };
            let (v, k) = hex_run(b, j + 1, width);
            if k < width {
                if !fin && j + 1 + k == n {
                    return Ok((out, i));
                }
                let reason = if width == 4 {
                    "truncated \\uXXXX escape"
                } else {
                    "truncated \\UXXXXXXXX escape"
                };
                i = cx.error(vm, i, j + 1 + k, reason, &mut out)?;
                continue;
            }
            if v <= 0x10ffff {
                out.push_cp(v);
                i = j + 1 + width;
            } else {
                let reason = "\\Uxxxxxxxx out of range";
                i = cx.error(vm, i, j + 1 + width, reason, &mut out)?;
            }
            continue;
        }
        if i + 1 >= n {
            if !fin {
                return Ok((out, start));
            }
            i = cx.error(vm, i, n, "\\ at end of string", &mut out)?;
            continue;
        }
        let c = b[i + 1];
        i += 2;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' => Some(Some('\\')),
            b'\'' => Some(Some('\'')),
            b'"' => Some(Some('"')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b't' => Some(Some('\t')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b'v' => Some(Some('\x0b')),
            b'a' => Some(Some('\x07')),
            _ => None,
        };
        if let Some(s) = simple {
            out.extend(s);
            continue;
        }
        match c {
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < n && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            b'x' | b'u' | b'U' => {
                let (width, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let (v, k) = hex_run(b, i, width);
                if k < width {
                    if !fin && i + k == n {
                        return Ok((out, start));
                    }
                    i = cx.error(vm, start, i + k, reason, &mut out)?;
                    continue;
                }
                i += width;
                if v <= 0x10ffff {
                    out.push_cp(v);
                } else {
                    i = cx.error(vm, start, i, "illegal Unicode character", &mut out)?;
                }
            }
            b'N' => {
                const MALFORMED: &str = "malformed \\N character escape";
                if i >= n || b[i] != b'{' {
                    if !fin && i >= n {
                        return Ok((out, start));
                    }
                    i = cx.error(vm, start, i, MALFORMED, &mut out)?;
                    continue;
                }
                match b[i + 1..].iter().position(|&x| x == b'}') {
                    None => {
                        if !fin {
                            return Ok((out, start));
                        }
                        i = cx.error(vm, start, n, MALFORMED, &mut out)?;
                    }
                    Some(0) => {
                        i = cx.error(vm, start, i + 1, MALFORMED, &mut out)?;
                    }
                    Some(len) => {
                        let name = &b[i + 1..i + 1 + len];
                        let end = i + 2 + len;
                        let found = std::str::from_utf8(name)
                            .ok()
                            .and_then(crate::modules::unicodedata::lookup_name);
                        match found {
                            Some(ch) => {
                                out.push(ch);
                                i = end;
                            }
                            None => {
                                let reason = "unknown Unicode character name";
                                i = cx.error(vm, start, end, reason, &mut out)?;
                            }
                        }
                    }
                }
            }
            _ => {
                // Unknown escapes stay as they are.
                out.push('\\');
                out.push(c as char);
            }
        }
    }
    Ok((out, n))
}

/// `unicode_escape` (`raw` false) and `raw_unicode_escape` encoding.
pub fn unicode_escape_encode(chars: &[u32], raw: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(chars.len());
    for &v in chars {
        let c = char::from_u32(v).unwrap_or('\u{fffd}');
        if raw {
            if v < 0x100 {
                out.push(v as u8);
            } else {
                out.extend_from_slice(super::errors::escape(v).as_bytes());
            }
            continue;
        }
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            ' '..='~' => out.push(v as u8),
            _ => out.extend_from_slice(super::errors::escape(v).as_bytes()),
        }
    }
    out
}

/// `escape_decode`: Python bytes-literal escapes, for `bytes` results.
pub fn escape_decode(vm: &mut Vm, b: &[u8], errors: &str) -> PyResult<Vec<u8>> {
    let n = b.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let start = i;
        if i + 1 >= n {
            return Err(vm.value_error("Trailing \\ in string"));
        }
        let c = b[i + 1];
        i += 2;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < n && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(v as u8);
            }
            b'x' => {
                let (v, k) = hex_run(b, i, 2);
                if k == 2 {
                    out.push(v as u8);
                    i += 2;
                    continue;
                }
                match errors {
                    "strict" => {
                        let msg = format!("invalid \\x escape at position {}", start);
                        return Err(vm.value_error(msg));
                    }
                    "replace" => out.push(b'?'),
                    "ignore" => {}
                    _ => {
                        let msg =
                            format!("decoding error; unknown error handling code: {}", errors);
                        return Err(vm.value_error(msg));
                    }
                }
                i += k;
            }
            _ => {
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// `escape_encode`: bytes as in a bytes literal's repr, without quotes.
pub fn escape_encode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &x in b {
        match x {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(x),
            _ => out.extend_from_slice(format!("\\x{:02x}", x).as_bytes()),
        }
    }
    out
}
