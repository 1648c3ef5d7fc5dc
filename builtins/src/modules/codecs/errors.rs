//! Codec errors: building `UnicodeEncodeError`/`UnicodeDecodeError`, and
//! applying an error handler to the bad part of the input.
//!
//! The builtin handlers are applied directly, by name (as CPython's fast
//! paths do); any other name is looked up in the registry and the Python
//! handler is called with the exception, its `(replacement, newpos)`
//! honoured.
//!
//! Text on the str side is code points (`u32`, lone surrogates included)
//! while encoding, and generalized UTF-8 (`TextBuf`) while decoding; see
//! `molt_vm::text`.

use super::registry;
use crate::modules::native::pin;
use molt_vm::class::{is_subclass, type_name, type_of};
use molt_vm::ops::{self, str_of};
use molt_vm::text::{self, TextBuf};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};

/// A new UnicodeEncodeError/DecodeError/TranslateError with CPython's args
/// and attributes (its `str()` is formatted from them).
pub fn unicode_exc(
    vm: &mut Vm,
    cls: Value,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let enc = vm.new_str(encoding);
    let (s, t) = (vm.new_int(start as i64), vm.new_int(end as i64));
    let r = vm.new_str(reason);
    let translate = is_subclass(cls, vm.exc.UnicodeTranslateError);
    let args = if translate {
        vec![object, s, t, r]
    } else {
        vec![enc, object, s, t, r]
    };
    let e = vm.new_exception(cls, args);
    let enc = if translate { Value::NONE } else { enc };
    for (name, v) in [
        ("encoding", enc),
        ("object", object),
        ("start", s),
        ("end", t),
        ("reason", r),
    ] {
        vm.set_attr_str_on_instance(e, name, v);
    }
    e
}

/// What an error handler name means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    /// PEP 383: undecodable bytes 0x80..0xFF become U+DC80..U+DCFF, and back.
    SurrogateEscape,
    /// Surrogates encoded and decoded as if they were characters (UTF-8/16/32).
    SurrogatePass,
    Python(Value),
}

/// The builtin handler called `name`, if it is one.
pub fn builtin_handler(name: &str) -> Option<Handler> {
    Some(match name {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "namereplace" => Handler::NameReplace,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        _ => return None,
    })
}

/// The handler for `name`: builtin, or registered with `register_error`.
pub fn resolve(vm: &mut Vm, name: &str) -> PyResult<Handler> {
    if let Some(h) = builtin_handler(name) {
        return Ok(h);
    }
    let (_, _, handlers) = registry(vm);
    let k = vm.new_str(name);
    match ops::dict_get(vm, handlers, k)? {
        Some(f) => Ok(Handler::Python(f)),
        None => Err(unknown_handler(vm, name)),
    }
}

pub fn unknown_handler(vm: &mut Vm, name: &str) -> PyErr {
    let c = vm.exc.LookupError;
    vm.err(c, format!("unknown error handler name '{}'", name))
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{:02x}", c)
    } else if c < 0x10000 {
        format!("\\u{:04x}", c)
    } else {
        format!("\\U{:08x}", c)
    }
}

/// The error context of one decoding call.
pub struct Decoding<'a> {
    pub encoding: &'static str,
    pub data: &'a [u8],
    /// The bytes object given the handlers (made on first need).
    pub object: Value,
    pub errors: &'a str,
    handler: Option<Handler>,
}

impl<'a> Decoding<'a> {
    pub fn new(encoding: &'static str, data: &'a [u8], object: Value, errors: &'a str) -> Self {
        Decoding {
            encoding,
            data,
            object,
            errors,
            handler: None,
        }
    }

    fn object(&mut self, vm: &mut Vm) -> Value {
        let is_bytes = matches!(
            self.object.obj().map(|o| &o.kind),
            Some(molt_vm::object::Kind::Bytes(_))
        );
        if !is_bytes {
            self.object = vm.new_bytes(self.data.to_vec());
        }
        self.object
    }

    pub fn exception(&mut self, vm: &mut Vm, start: usize, end: usize, reason: &str) -> Value {
        let obj = self.object(vm);
        let cls = vm.exc.UnicodeDecodeError;
        unicode_exc(vm, cls, self.encoding, obj, start, end, reason)
    }

    /// Handle undecodable bytes `start..end`: append the replacement to
    /// `out` and return where decoding goes on.
    pub fn error(
        &mut self,
        vm: &mut Vm,
        start: usize,
        end: usize,
        reason: &str,
        out: &mut TextBuf,
    ) -> PyResult<usize> {
        let h = match self.handler {
            Some(h) => h,
            None => {
                let h = resolve(vm, self.errors)?;
                self.handler = Some(h);
                h
            }
        };
        match h {
            Handler::SurrogateEscape if self.data[start..end].iter().all(|&b| b >= 0x80) => {
                for &b in &self.data[start..end] {
                    out.push_cp(0xdc00 + b as u32);
                }
                Ok(end)
            }
            Handler::SurrogatePass => match decode_surrogate(self.encoding, &self.data[start..]) {
                Some((cp, n)) => {
                    out.push_cp(cp);
                    Ok(start + n)
                }
                None => {
                    let e = self.exception(vm, start, end, reason);
                    Err(PyErr(e))
                }
            },
            Handler::Strict | Handler::SurrogateEscape => {
                let e = self.exception(vm, start, end, reason);
                Err(PyErr(e))
            }
            Handler::Ignore => Ok(end),
            Handler::Replace => {
                out.push('\u{FFFD}');
                Ok(end)
            }
            Handler::BackslashReplace => {
                for &b in &self.data[start..end] {
                    out.push_str(&escape(b as u32));
                }
                Ok(end)
            }
            Handler::XmlCharRefReplace | Handler::NameReplace => {
                let e = self.exception(vm, start, end, reason);
                Err(cannot_handle(vm, e))
            }
            Handler::Python(f) => {
                let e = self.exception(vm, start, end, reason);
                pin(vm, e);
                let r = ops::call(vm, f, Args::new(&[e]))?;
                let (rep, pos) = match ops::tuple_items(r) {
                    Some(&[s, p]) if str_of(s).is_some() && is_int(p) => (s, p),
                    _ => {
                        return Err(
                            vm.type_error("decoding error handler must return (str, int) tuple")
                        )
                    }
                };
                out.push_text(ops::str_bytes_of(rep).unwrap_or(b""));
                new_position(vm, pos, self.data.len())
            }
        }
    }
}

fn is_int(v: Value) -> bool {
    matches!(
        ops::arith::num_of(v),
        Some(ops::arith::Num::Small(_) | ops::arith::Num::Big(_))
    )
}

/// The position a Python handler returned, made absolute and checked.
fn new_position(vm: &mut Vm, pos: Value, len: usize) -> PyResult<usize> {
    let p = crate::modules::native::ssize(vm, pos)?;
    let abs = if p < 0 { p + len as i64 } else { p };
    if abs < 0 || abs > len as i64 {
        let c = vm.exc.IndexError;
        return Err(vm.err(
            c,
            format!("position {} from error handler out of bounds", abs),
        ));
    }
    Ok(abs as usize)
}

/// "don't know how to handle UnicodeDecodeError in error callback".
fn cannot_handle(vm: &mut Vm, e: Value) -> PyErr {
    let msg = format!(
        "don't know how to handle {} in error callback",
        type_name(vm, e)
    );
    vm.type_error(msg)
}

/// What an encoding error handler gives back.
pub enum Replacement {
    /// Text to encode with the codec (it must be encodable): code points.
    Str(Vec<u32>),
    /// Bytes to copy to the output as they are.
    Bytes(Vec<u8>),
}

/// The error context of one encoding call.
pub struct Encoding<'a> {
    pub encoding: &'static str,
    pub chars: &'a [u32],
    /// The str object given the handlers.
    pub object: Value,
    pub errors: &'a str,
    handler: Option<Handler>,
}

impl<'a> Encoding<'a> {
    pub fn new(encoding: &'static str, chars: &'a [u32], object: Value, errors: &'a str) -> Self {
        Encoding {
            encoding,
            chars,
            object,
            errors,
            handler: None,
        }
    }

    pub fn exception(&mut self, vm: &mut Vm, start: usize, end: usize, reason: &str) -> Value {
        if str_of(self.object).is_none() {
            let s = text::from_code_points(self.chars.iter().copied());
            self.object = vm.new_text(s);
        }
        let cls = vm.exc.UnicodeEncodeError;
        unicode_exc(vm, cls, self.encoding, self.object, start, end, reason)
    }

    /// Handle the unencodable characters `start..end`.
    pub fn error(
        &mut self,
        vm: &mut Vm,
        start: usize,
        end: usize,
        reason: &str,
    ) -> PyResult<(Replacement, usize)> {
        let h = match self.handler {
            Some(h) => h,
            None => {
                let h = resolve(vm, self.errors)?;
                self.handler = Some(h);
                h
            }
        };
        let bad = &self.chars[start..end];
        let ascii = |s: String| s.chars().map(|c| c as u32).collect::<Vec<u32>>();
        let text = match h {
            Handler::SurrogateEscape => {
                // Escaped bytes up to the first code point that is not one;
                // that one and the rest of the run are the error.
                match bad.iter().position(|c| !(0xdc80..=0xdcff).contains(c)) {
                    None => {
                        let b = bad.iter().map(|&c| (c - 0xdc00) as u8).collect();
                        return Ok((Replacement::Bytes(b), end));
                    }
                    Some(k) => {
                        let e = self.exception(vm, start + k, end, reason);
                        return Err(PyErr(e));
                    }
                }
            }
            Handler::SurrogatePass if bad.iter().all(|&c| text::is_surrogate(c)) => {
                match encode_surrogates(self.encoding, bad) {
                    Some(b) => return Ok((Replacement::Bytes(b), end)),
                    None => {
                        let e = self.exception(vm, start, end, reason);
                        return Err(PyErr(e));
                    }
                }
            }
            Handler::Strict | Handler::SurrogatePass => {
                let e = self.exception(vm, start, end, reason);
                return Err(PyErr(e));
            }
            Handler::Ignore => Vec::new(),
            Handler::Replace => vec![b'?' as u32; bad.len()],
            Handler::BackslashReplace => ascii(bad.iter().map(|&c| escape(c)).collect()),
            Handler::XmlCharRefReplace => ascii(bad.iter().map(|&c| format!("&#{};", c)).collect()),
            Handler::NameReplace => ascii(bad.iter().map(|&c| name_escape(c)).collect()),
            Handler::Python(f) => {
                let e = self.exception(vm, start, end, reason);
                pin(vm, e);
                let r = ops::call(vm, f, Args::new(&[e]))?;
                let items = ops::tuple_items(r).filter(|t| t.len() == 2 && is_int(t[1]));
                let Some(&[rep, pos]) = items else {
                    return Err(
                        vm.type_error("encoding error handler must return (str/bytes, int) tuple")
                    );
                };
                let pos = new_position(vm, pos, self.chars.len())?;
                if let Some(s) = ops::str_data(rep) {
                    return Ok((Replacement::Str(s.code_points().collect()), pos));
                }
                if let Some(molt_vm::object::Kind::Bytes(b)) = rep.obj().map(|o| &o.kind) {
                    return Ok((Replacement::Bytes(b.to_vec()), pos));
                }
                return Err(
                    vm.type_error("encoding error handler must return (str/bytes, int) tuple")
                );
            }
        };
        Ok((Replacement::Str(text), end))
    }
}

/// `\N{NAME}` for namereplace, or the backslash escape of an unnamed character.
fn name_escape(c: u32) -> String {
    let Some(c) = char::from_u32(c) else {
        return escape(c);
    };
    match crate::modules::unicodedata::char_name(c) {
        Some(n) => format!("\\N{{{}}}", n),
        None => escape(c as u32),
    }
}

/// `surrogatepass` decoding: the surrogate encoded at the start of `b`
/// in `encoding` (UTF-8 as 3 bytes, UTF-16/32 as one code unit), and the
/// bytes it took.
fn decode_surrogate(encoding: &str, b: &[u8]) -> Option<(u32, usize)> {
    let cp = match encoding {
        "utf-8"
            if b.len() >= 3
                && b[0] == 0xed
                && (0xa0..0xc0).contains(&b[1])
                && b[2] & 0xc0 == 0x80 =>
        {
            return Some((text::decode_at(b), 3))
        }
        "utf-16-le" | "utf-16" if b.len() >= 2 => (u16::from_le_bytes([b[0], b[1]]) as u32, 2),
        "utf-16-be" if b.len() >= 2 => (u16::from_be_bytes([b[0], b[1]]) as u32, 2),
        "utf-32-le" | "utf-32" if b.len() >= 4 => (u32::from_le_bytes([b[0], b[1], b[2], b[3]]), 4),
        "utf-32-be" if b.len() >= 4 => (u32::from_be_bytes([b[0], b[1], b[2], b[3]]), 4),
        _ => return None,
    };
    text::is_surrogate(cp.0).then_some(cp)
}

/// `surrogatepass` encoding of surrogates in `encoding`, if it is a UTF.
fn encode_surrogates(encoding: &str, cps: &[u32]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for &c in cps {
        match encoding {
            "utf-8" => text::push_code_point(&mut out, c),
            "utf-16-le" | "utf-16" => out.extend_from_slice(&(c as u16).to_le_bytes()),
            "utf-16-be" => out.extend_from_slice(&(c as u16).to_be_bytes()),
            "utf-32-le" | "utf-32" => out.extend_from_slice(&c.to_le_bytes()),
            "utf-32-be" => out.extend_from_slice(&c.to_be_bytes()),
            _ => return None,
        }
    }
    Some(out)
}

/// The normalized name of a UTF codec (`UTF8` → `utf-8`), as the
/// surrogatepass handler compares it.
fn utf_name(vm: &mut Vm, e: Value) -> PyResult<String> {
    let enc = attr(vm, e, "encoding")?;
    let name = str_of(enc)
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace('_', "-");
    Ok(match name.as_str() {
        "utf8" => "utf-8".into(),
        "utf-16le" => "utf-16-le".into(),
        "utf-16be" => "utf-16-be".into(),
        "utf-32le" => "utf-32-le".into(),
        "utf-32be" => "utf-32-be".into(),
        _ => name,
    })
}

// ----- the builtin handlers as Python callables (`lookup_error`) -----

/// Which Unicode error `e` is: 0 encode, 1 decode, 2 translate.
fn exc_kind(vm: &mut Vm, e: Value) -> PyResult<u8> {
    let cls = type_of(vm, e);
    if is_subclass(cls, vm.exc.UnicodeEncodeError) {
        Ok(0)
    } else if is_subclass(cls, vm.exc.UnicodeDecodeError) {
        Ok(1)
    } else if is_subclass(cls, vm.exc.UnicodeTranslateError) {
        Ok(2)
    } else if molt_vm::exceptions::exc_data(e).is_some() {
        Err(cannot_handle(vm, e))
    } else {
        Err(vm.type_error(format!(
            "don't know how to handle {} in error callback",
            type_name(vm, e)
        )))
    }
}

fn exc_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    match args.pos {
        [e] if !args.has_kw() => Ok(*e),
        _ => Err(vm.type_error(format!(
            "{}() takes exactly one argument ({} given)",
            name,
            args.pos.len() + args.kwnames.len()
        ))),
    }
}

fn attr(vm: &mut Vm, e: Value, name: &str) -> PyResult<Value> {
    let k = vm.intern(name);
    ops::attr::getattr(vm, e, k)
}

/// `(object, start, end)` of a Unicode error, with the positions clamped.
fn exc_range(vm: &mut Vm, e: Value) -> PyResult<(Value, usize, usize)> {
    let obj = attr(vm, e, "object")?;
    let s = attr(vm, e, "start")?;
    let s = crate::modules::native::ssize(vm, s)?;
    let t = attr(vm, e, "end")?;
    let t = crate::modules::native::ssize(vm, t)?;
    let len = match ops::str_data(obj) {
        Some(x) => x.char_len(),
        None => ops::convert::bytes_of(obj).map(|b| b.len()).unwrap_or(0),
    } as i64;
    let s = s.clamp(0, len);
    let t = t.clamp(s, len);
    Ok((obj, s as usize, t as usize))
}

fn result(vm: &mut Vm, text: String, end: usize) -> Value {
    let s = vm.new_string(text);
    let n = vm.new_int(end as i64);
    vm.new_tuple(vec![s, n])
}

fn result_text(vm: &mut Vm, text: Vec<u8>, end: usize) -> Value {
    let s = vm.new_text(text);
    let n = vm.new_int(end as i64);
    vm.new_tuple(vec![s, n])
}

fn result_bytes(vm: &mut Vm, b: Vec<u8>, end: usize) -> Value {
    let s = vm.new_bytes(b);
    let n = vm.new_int(end as i64);
    vm.new_tuple(vec![s, n])
}

/// Code points `s..t` of the str `obj`.
fn chars_of(obj: Value, s: usize, t: usize) -> Vec<u32> {
    match ops::str_data(obj) {
        Some(d) => d.code_points().skip(s).take(t - s).collect(),
        None => Vec::new(),
    }
}

pub fn strict_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "strict_errors")?;
    if molt_vm::exceptions::exc_data(e).is_some() {
        Err(PyErr(e))
    } else {
        Err(vm.type_error("codec must pass exception instance"))
    }
}

pub fn ignore_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "ignore_errors")?;
    exc_kind(vm, e)?;
    let t = attr(vm, e, "end")?;
    let t = crate::modules::native::ssize(vm, t)?;
    let s = vm.new_str("");
    let n = vm.new_int(t);
    Ok(vm.new_tuple(vec![s, n]))
}

pub fn replace_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "replace_errors")?;
    let k = exc_kind(vm, e)?;
    let (_, s, t) = exc_range(vm, e)?;
    let text = match k {
        0 => "?".repeat(t - s),
        1 => "\u{FFFD}".to_string(),
        _ => "\u{FFFD}".repeat(t - s),
    };
    Ok(result(vm, text, t))
}

pub fn xmlcharrefreplace_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "xmlcharrefreplace_errors")?;
    if exc_kind(vm, e)? != 0 {
        return Err(cannot_handle(vm, e));
    }
    let (obj, s, t) = exc_range(vm, e)?;
    let text = chars_of(obj, s, t)
        .iter()
        .map(|&c| format!("&#{};", c as u32))
        .collect();
    Ok(result(vm, text, t))
}

pub fn backslashreplace_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "backslashreplace_errors")?;
    let k = exc_kind(vm, e)?;
    let (obj, s, t) = exc_range(vm, e)?;
    let text = if k == 1 {
        let b = ops::convert::bytes_of(obj).unwrap_or_default();
        b[s..t].iter().map(|&x| escape(x as u32)).collect()
    } else {
        chars_of(obj, s, t)
            .iter()
            .map(|&c| escape(c as u32))
            .collect()
    };
    Ok(result(vm, text, t))
}

pub fn namereplace_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "namereplace_errors")?;
    if exc_kind(vm, e)? != 0 {
        return Err(cannot_handle(vm, e));
    }
    let (obj, s, t) = exc_range(vm, e)?;
    let text = chars_of(obj, s, t)
        .iter()
        .map(|&c| name_escape(c))
        .collect();
    Ok(result(vm, text, t))
}

/// `surrogateescape`: bytes 0x80..0xFF that could not be decoded become
/// U+DC80..U+DCFF; those code points encode back to the bytes.
pub fn surrogateescape_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "surrogateescape")?;
    let k = exc_kind(vm, e)?;
    let (obj, s, t) = exc_range(vm, e)?;
    match k {
        0 => {
            let bad = chars_of(obj, s, t);
            if bad.iter().all(|c| (0xdc80..=0xdcff).contains(c)) {
                let b = bad.iter().map(|&c| (c - 0xdc00) as u8).collect();
                return Ok(result_bytes(vm, b, t));
            }
        }
        1 => {
            let b = ops::convert::bytes_of(obj).unwrap_or_default();
            // Up to 4 bytes 0x80..0xFF are escaped per call, as in CPython.
            let n = b[s..t].iter().take(4).take_while(|&&x| x >= 0x80).count();
            let bad = &b[s..s + n];
            if n > 0 {
                let text = text::from_code_points(bad.iter().map(|&x| 0xdc00 + x as u32));
                return Ok(result_text(vm, text, s + bad.len()));
            }
        }
        _ => return Err(cannot_handle(vm, e)),
    }
    Err(PyErr(e))
}

/// `surrogatepass`: surrogates encoded and decoded by the UTF codecs as if
/// they were ordinary characters.
pub fn surrogatepass_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = exc_arg(vm, &args, "surrogatepass")?;
    let k = exc_kind(vm, e)?;
    let (obj, s, t) = exc_range(vm, e)?;
    let enc = utf_name(vm, e)?;
    match k {
        0 => {
            let bad = chars_of(obj, s, t);
            if bad.iter().all(|&c| text::is_surrogate(c)) {
                if let Some(b) = encode_surrogates(&enc, &bad) {
                    return Ok(result_bytes(vm, b, t));
                }
            }
        }
        1 => {
            let b = ops::convert::bytes_of(obj).unwrap_or_default();
            if let Some((cp, n)) = decode_surrogate(&enc, &b[s..]) {
                let text = text::from_code_points([cp]);
                return Ok(result_text(vm, text, s + n));
            }
        }
        _ => return Err(cannot_handle(vm, e)),
    }
    Err(PyErr(e))
}
