//! Native methods of `str` and `bytes`, with CPython 3.11's results and
//! error messages: case mapping, padding, stripping, splitting, searching,
//! replacing, joining, the `is*` predicates, `encode`/`decode` (utf-8,
//! ascii, latin-1), `translate`/`maketrans` and `bytes.hex`.
//!
//! Methods that exist on both types are written once over [`Recv`], which
//! walks a str by code point and a bytes object by byte.  Python positions
//! are code points for str; internally everything works on UTF-8 byte
//! offsets (converted at the edges, for free when the string is ASCII), and
//! substring search runs `memchr::memmem` on the bytes, which is exact
//! because UTF-8 is self-synchronising.
//!
//! The bytes methods also accept a bytearray receiver (results are then
//! bytearrays); [`register_bytearray`] installs them on `bytearray`.
//! `str.maketrans` is stored as a staticmethod, so `str.maketrans(x, y)` and
//! `"".maketrans(x, y)` both work.
//!
//! Unicode properties come from `char` where it agrees with CPython 3.11
//! (Unicode 14), corrected by small generated tables at the end of the file.

use crate::modules::codecs::errors::{Decoding, Encoding};
use crate::modules::codecs::text::{self, ByteMap};
use memchr::memmem;
use molt_vm::class::{lookup_user, type_name, type_of};
use molt_vm::object::{Kind, NativeFn, StrData};
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::ops::{self, str_of};
use molt_vm::vm::class_data;
use molt_vm::{Args, PyResult, Value, Vm};
use num_traits::Signed;
use std::borrow::Cow;
use std::collections::HashMap;

// ----- registration -----

const STR_METHODS: &[(&str, NativeFn)] = &[
    ("upper", str_upper),
    ("lower", str_lower),
    ("casefold", str_casefold),
    ("capitalize", str_capitalize),
    ("title", str_title),
    ("swapcase", str_swapcase),
    ("center", str_center),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("zfill", str_zfill),
    ("expandtabs", str_expandtabs),
    ("strip", strip::<false>),
    ("lstrip", lstrip::<false>),
    ("rstrip", rstrip::<false>),
    ("split", split::<false>),
    ("rsplit", rsplit::<false>),
    ("splitlines", splitlines::<false>),
    ("join", join::<false>),
    ("partition", partition::<false>),
    ("rpartition", rpartition::<false>),
    ("find", find::<false>),
    ("rfind", rfind::<false>),
    ("index", index::<false>),
    ("rindex", rindex::<false>),
    ("count", count::<false>),
    ("replace", replace::<false>),
    ("startswith", startswith::<false>),
    ("endswith", endswith::<false>),
    ("removeprefix", removeprefix::<false>),
    ("removesuffix", removesuffix::<false>),
    ("isdigit", str_isdigit),
    ("isdecimal", str_isdecimal),
    ("isnumeric", str_isnumeric),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("islower", str_islower),
    ("isupper", str_isupper),
    ("istitle", str_istitle),
    ("isidentifier", str_isidentifier),
    ("isprintable", str_isprintable),
    ("isascii", str_isascii),
    ("encode", str_encode),
    ("translate", str_translate),
    ("__len__", len::<false>),
    ("__contains__", contains::<false>),
];

const BYTES_METHODS: &[(&str, NativeFn)] = &[
    ("decode", bytes_decode),
    ("hex", bytes_hex),
    ("translate", bytes_translate),
    ("upper", bytes_upper),
    ("lower", bytes_lower),
    ("strip", strip::<true>),
    ("lstrip", lstrip::<true>),
    ("rstrip", rstrip::<true>),
    ("split", split::<true>),
    ("rsplit", rsplit::<true>),
    ("splitlines", splitlines::<true>),
    ("join", join::<true>),
    ("partition", partition::<true>),
    ("rpartition", rpartition::<true>),
    ("find", find::<true>),
    ("rfind", rfind::<true>),
    ("index", index::<true>),
    ("rindex", rindex::<true>),
    ("count", count::<true>),
    ("replace", replace::<true>),
    ("startswith", startswith::<true>),
    ("endswith", endswith::<true>),
    ("removeprefix", removeprefix::<true>),
    ("removesuffix", removesuffix::<true>),
    ("isdigit", bytes_isdigit),
    ("isalpha", bytes_isalpha),
    ("isalnum", bytes_isalnum),
    ("isspace", bytes_isspace),
    ("islower", bytes_islower),
    ("isupper", bytes_isupper),
    ("isascii", bytes_isascii),
    ("istitle", bytes_istitle),
    ("swapcase", bytes_swapcase),
    ("capitalize", bytes_capitalize),
    ("title", bytes_title),
    ("center", bytes_center),
    ("ljust", bytes_ljust),
    ("rjust", bytes_rjust),
    ("zfill", bytes_zfill),
    ("expandtabs", bytes_expandtabs),
    ("__len__", len::<true>),
    ("__contains__", contains::<true>),
];

/// Install the methods on `str` (with `maketrans` as a staticmethod) and `bytes`.
pub fn register(vm: &mut Vm) {
    let s = vm.t.str_;
    for &(name, f) in STR_METHODS {
        vm.add_native(s, name, f);
    }
    let f = vm.new_native("maketrans", str_maketrans, Value::NONE);
    let sm_cls = vm.t.staticmethod;
    let sm = vm.alloc(sm_cls, Kind::StaticMethod(f));
    vm.set_attr_str(s, "maketrans", sm);
    let b = vm.t.bytes;
    for &(name, f) in BYTES_METHODS {
        vm.add_native(b, name, f);
    }
    add_bytes_maketrans(vm, b);
}

fn add_bytes_maketrans(vm: &mut Vm, cls: Value) {
    let f = vm.new_native("maketrans", bytes_maketrans, Value::NONE);
    let sm_cls = vm.t.staticmethod;
    let sm = vm.alloc(sm_cls, Kind::StaticMethod(f));
    vm.set_attr_str(cls, "maketrans", sm);
}

/// Install the bytes methods on `bytearray` too (not called by [`register`]).
pub fn register_bytearray(vm: &mut Vm) {
    let b = vm.t.bytearray;
    for &(name, f) in BYTES_METHODS {
        vm.add_native(b, name, f);
    }
    add_bytes_maketrans(vm, b);
}

// ----- the receiver -----

/// The `self` of a method shared by str and bytes.
struct Recv {
    v: Value,
    /// UTF-8 text of a str, or the bytes.
    data: Cow<'static, [u8]>,
    /// The text, for a str receiver.
    s: Option<&'static str>,
    /// Python length: code points of a str, bytes otherwise.
    units: usize,
    array: bool,
}

impl Recv {
    fn is_str(&self) -> bool {
        self.s.is_some()
    }

    fn label(&self) -> &'static str {
        match (self.is_str(), self.array) {
            (true, _) => "str",
            (false, true) => "bytearray",
            (false, false) => "bytes",
        }
    }

    fn ascii(&self) -> bool {
        self.units == self.data.len()
    }

    /// The unit (code point or byte) starting at byte offset `i`, and its length in bytes.
    fn at(&self, i: usize) -> (u32, usize) {
        let b = self.data[i];
        if !self.is_str() || b < 0x80 {
            return (b as u32, 1);
        }
        let n = if b >= 0xF0 {
            4
        } else if b >= 0xE0 {
            3
        } else {
            2
        };
        let mut c = (b & (0x7F >> n)) as u32;
        for k in 1..n {
            c = (c << 6) | (self.data[i + k] & 0x3F) as u32;
        }
        (c, n)
    }

    /// The unit ending at byte offset `end`, and its length in bytes.
    fn before(&self, end: usize) -> (u32, usize) {
        let mut i = end - 1;
        if self.is_str() {
            while self.data[i] & 0xC0 == 0x80 {
                i -= 1;
            }
        }
        (self.at(i).0, end - i)
    }

    fn is_space(&self, c: u32) -> bool {
        if self.is_str() {
            is_space(c)
        } else {
            matches!(c, 0x09..=0x0D | 0x20)
        }
    }

    fn is_linebreak(&self, c: u32) -> bool {
        if self.is_str() {
            matches!(c, 0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029)
        } else {
            c == 0x0A || c == 0x0D
        }
    }

    /// Byte offset of unit index `idx` (at most `units`).
    fn offset(&self, idx: usize) -> usize {
        if self.ascii() {
            return idx;
        }
        // A str receiver keeps a code-point index: O(1) instead of a scan.
        if let Some(Kind::Str(d)) = self.v.obj().map(|o| &o.kind) {
            if self.s.is_some() {
                return d.byte_offset(idx);
            }
        }
        let mut seen = 0;
        for (i, &b) in self.data.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if seen == idx {
                    return i;
                }
                seen += 1;
            }
        }
        self.data.len()
    }

    /// The byte offset `count` units after byte offset `a`.
    fn advance(&self, mut a: usize, count: usize) -> usize {
        for _ in 0..count {
            a += self.at(a).1;
        }
        a
    }

    /// Number of units in the byte range `a..e`.
    fn units_in(&self, a: usize, e: usize) -> usize {
        if self.ascii() {
            e - a
        } else {
            self.data[a..e]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
        }
    }

    /// Skip units forward from `i` while `pred` holds; the new offset.
    fn skip(&self, mut i: usize, pred: impl Fn(u32) -> bool) -> usize {
        while i < self.data.len() {
            let (c, n) = self.at(i);
            if !pred(c) {
                break;
            }
            i += n;
        }
        i
    }

    /// Skip units backward from `e` while `pred` holds; the new offset.
    fn skip_back(&self, mut e: usize, pred: impl Fn(u32) -> bool) -> usize {
        while e > 0 {
            let (c, n) = self.before(e);
            if !pred(c) {
                break;
            }
            e -= n;
        }
        e
    }

    /// A new value of the receiver's kind holding bytes `a..e`.
    fn slice(&self, vm: &mut Vm, a: usize, e: usize) -> Value {
        match self.s {
            Some(_) => vm.new_text(self.data[a..e].to_vec()),
            None if self.array => vm.new_bytearray(self.data[a..e].to_vec()),
            None => vm.new_bytes(self.data[a..e].to_vec()),
        }
    }

    /// The receiver as an unchanged result: itself when its type is exactly str/bytes.
    fn same(&self, vm: &mut Vm) -> Value {
        let cls = self.v.as_obj().class();
        if cls.is(vm.t.str_) || cls.is(vm.t.bytes) {
            self.v
        } else {
            self.slice(vm, 0, self.data.len())
        }
    }

    /// A new value of the receiver's kind from bytes (generalized UTF-8
    /// for str, spliced at code point boundaries).
    fn build(&self, vm: &mut Vm, v: Vec<u8>) -> Value {
        if self.is_str() {
            vm.new_text(v)
        } else if self.array {
            vm.new_bytearray(v)
        } else {
            vm.new_bytes(v)
        }
    }
}

fn str_data(v: Value) -> Option<&'static StrData> {
    match &v.obj()?.kind {
        Kind::Str(s) => Some(s),
        _ => None,
    }
}

/// The bytes of a bytes-like value (borrowed for immutable bytes).
/// The bytes of a bytes-like value, borrowed from a `bytes` (what
/// `ops::convert::bytes_of` gives, without copying in the common case).
fn bytes_like(v: Value) -> Option<Cow<'static, [u8]>> {
    match &v.obj()?.kind {
        Kind::Bytes(b) => Some(Cow::Borrowed(&b[..])),
        _ => molt_vm::ops::convert::bytes_of(v).map(Cow::Owned),
    }
}

/// The receiver of a str method (`bytes` false) or a bytes method, with
/// CPython's errors for `str.upper()` and `str.upper(5)`.
fn recv(vm: &mut Vm, args: &Args, bytes: bool, name: &str) -> PyResult<Recv> {
    let cls = if bytes { "bytes" } else { "str" };
    let slot = name.starts_with("__");
    let v = match args.pos.first() {
        Some(v) => *v,
        None => {
            let msg = if slot {
                format!(
                    "descriptor '{}' of '{}' object needs an argument",
                    name, cls
                )
            } else {
                format!("unbound method {}.{}() needs an argument", cls, name)
            };
            return Err(vm.type_error(msg));
        }
    };
    let r = match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(d)) if !bytes => Recv {
            v,
            data: Cow::Borrowed(d.bytes()),
            s: Some(d.as_str()),
            units: d.char_len(),
            array: false,
        },
        Some(Kind::Bytes(b)) if bytes => Recv {
            v,
            data: Cow::Borrowed(&b[..]),
            s: None,
            units: b.len(),
            array: false,
        },
        Some(Kind::ByteArray(b)) if bytes => {
            let d = b.get().clone();
            Recv {
                v,
                units: d.len(),
                data: Cow::Owned(d),
                s: None,
                array: true,
            }
        }
        _ => {
            let t = type_name(vm, v);
            let msg = if slot {
                format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    name, cls, t
                )
            } else {
                format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    name, cls, t
                )
            };
            return Err(vm.type_error(msg));
        }
    };
    Ok(r)
}

// ----- argument parsing -----

/// How CPython 3.11 parses a method's arguments, which fixes the wording of its errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// METH_NOARGS / METH_O: "str.upper() takes no arguments (1 given)".
    Fixed,
    /// Argument Clinic, positional only: "center expected at most 2 arguments, got 3".
    Clinic,
    /// `PyArg_ParseTuple`: "find() takes at most 3 arguments (4 given)".
    Tuple,
    /// Argument Clinic with keywords: "'x' is an invalid keyword argument for split()".
    Keywords,
    /// A slot wrapper (`__len__`): "expected 1 argument, got 0".
    Slot,
}
use Style::*;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The receiver and up to `N` arguments (`names` are the keyword names, used by
/// `Keywords` methods); at least `min` must be given.
fn method<const N: usize>(
    vm: &mut Vm,
    args: &Args,
    bytes: bool,
    name: &str,
    style: Style,
    min: usize,
    names: [&str; N],
) -> PyResult<(Recv, [Option<Value>; N])> {
    let r = recv(vm, args, bytes, name)?;
    let ty = r.label();
    let pos = &args.pos[1..];
    let n = pos.len();
    let mut out = [None; N];
    if style != Keywords {
        if args.has_kw() {
            let msg = match style {
                Tuple => format!("{}() takes no keyword arguments", name),
                Slot => format!("wrapper {}() takes no keyword arguments", name),
                _ => format!("{}.{}() takes no keyword arguments", ty, name),
            };
            return Err(vm.type_error(msg));
        }
        if n < min || n > N {
            let msg = match style {
                Fixed if N == 0 => format!("{}.{}() takes no arguments ({} given)", ty, name, n),
                Fixed => format!("{}.{}() takes exactly one argument ({} given)", ty, name, n),
                Clinic if n < min => format!(
                    "{} expected at least {} argument{}, got {}",
                    name,
                    min,
                    plural(min),
                    n
                ),
                Clinic => format!(
                    "{} expected at most {} argument{}, got {}",
                    name,
                    N,
                    plural(N),
                    n
                ),
                Slot => format!("expected {} argument{}, got {}", N, plural(N), n),
                _ if n < min => format!(
                    "{}() takes at least {} argument{} ({} given)",
                    name,
                    min,
                    plural(min),
                    n
                ),
                _ => format!(
                    "{}() takes at most {} argument{} ({} given)",
                    name,
                    N,
                    plural(N),
                    n
                ),
            };
            return Err(vm.type_error(msg));
        }
    } else {
        let total = n + args.kwnames.len();
        if total > N {
            let kw = if n == 0 { "keyword " } else { "" };
            let msg = format!(
                "{}() takes at most {} {}argument{} ({} given)",
                name,
                N,
                kw,
                plural(N),
                total
            );
            return Err(vm.type_error(msg));
        }
        for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
            let key = str_of(*k).unwrap_or("");
            match names.iter().position(|p| *p == key) {
                Some(i) if i < n => {
                    let msg = format!(
                        "argument for {}() given by name ('{}') and position ({})",
                        name,
                        key,
                        i + 1
                    );
                    return Err(vm.type_error(msg));
                }
                Some(i) => out[i] = Some(*v),
                None => {
                    return Err(vm.type_error(format!(
                        "'{}' is an invalid keyword argument for {}()",
                        key, name
                    )))
                }
            }
        }
        if let Some(i) = (n..min).find(|&i| out[i].is_none()) {
            let msg = format!(
                "{}() missing required argument '{}' (pos {})",
                name,
                names[i],
                i + 1
            );
            return Err(vm.type_error(msg));
        }
    }
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(*v);
    }
    Ok((r, out))
}

/// A required argument (present whenever `min` covered it).
fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::NONE)
}

/// `v` present and not None.
fn given(v: Option<Value>) -> Option<Value> {
    v.filter(|v| !v.is_none())
}

fn int_result(vm: &mut Vm, i: usize) -> Value {
    vm.new_int(i as i64)
}

/// Is `v` an int or does it have `__index__`?
fn is_int_like(vm: &Vm, v: Value) -> bool {
    matches!(num_of(v), Some(Num::Small(_)) | Some(Num::Big(_)))
        || (v.is_ptr() && lookup_user(vm, type_of(vm, v), vm.names.__index__).is_some())
}

/// A start/end argument of find & co: None or an index, clamped like `_PyEval_SliceIndex`.
fn slice_index(vm: &mut Vm, v: Option<Value>, default: i64) -> PyResult<i64> {
    let v = match given(v) {
        Some(v) => v,
        None => return Ok(default),
    };
    match num_of(v) {
        Some(Num::Small(i)) => Ok(i),
        Some(Num::Big(b)) => Ok(if b.is_negative() { i64::MIN } else { i64::MAX }),
        _ if is_int_like(vm, v) => ops::to_index(vm, v),
        _ => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// CPython's ADJUST_INDICES: negative indices count from the end; `end` is clamped to `len`.
fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = len as i64;
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    (start, end)
}

/// Units `start..end` (adjusted) of the receiver as (first unit, byte range), or
/// None when fewer than `need` units remain.
fn window(r: &Recv, start: i64, end: i64, need: usize) -> Option<(usize, usize, usize)> {
    let (s, e) = adjust(start, end, r.units);
    if e - s < need as i64 {
        return None;
    }
    let (s, e) = (s as usize, e as usize);
    let a = r.offset(s);
    let b = if r.ascii() {
        e
    } else if r.is_str() {
        r.offset(e)
    } else {
        r.advance(a, e - s)
    };
    Some((s, a, b))
}

/// A str or bytes argument (the thing searched for, split on, stripped, …).
struct Needle {
    b: Cow<'static, [u8]>,
    units: usize,
}

/// Convert an argument to the receiver's kind.  For str: "{prefix}must be str,
/// not int"; for bytes: a bytes-like object, or (with `int_ok`) one byte value.
fn needle(vm: &mut Vm, r: &Recv, v: Value, prefix: &str, int_ok: bool) -> PyResult<Needle> {
    if r.is_str() {
        return match str_data(v) {
            Some(d) => Ok(Needle {
                b: Cow::Borrowed(d.bytes()),
                units: d.char_len(),
            }),
            None => {
                let msg = format!("{}must be str, not {}", prefix, type_name(vm, v));
                Err(vm.type_error(msg))
            }
        };
    }
    if let Some(b) = bytes_like(v) {
        return Ok(Needle { units: b.len(), b });
    }
    if int_ok && is_int_like(vm, v) {
        return Ok(Needle {
            b: Cow::Owned(vec![byte_value(vm, v)?]),
            units: 1,
        });
    }
    let msg = if int_ok {
        format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(vm, v)
        )
    } else {
        format!(
            "a bytes-like object is required, not '{}'",
            type_name(vm, v)
        )
    };
    Err(vm.type_error(msg))
}

/// An int argument that must be a byte value.
fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = match num_of(v) {
        Some(Num::Big(_)) => -1,
        _ => ops::to_index(vm, v)?,
    };
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// An optional str argument ("{prefix}must be str, not int").
fn opt_str(vm: &mut Vm, v: Option<Value>, prefix: &str) -> PyResult<Option<&'static str>> {
    match v {
        None => Ok(None),
        Some(v) => match str_of(v) {
            Some(s) => Ok(Some(s)),
            None => {
                let msg = format!("{}must be str, not {}", prefix, type_name(vm, v));
                Err(vm.type_error(msg))
            }
        },
    }
}

/// The items of the iterable argument of `join` ("can only join an iterable").
fn join_items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if class_data(type_of(vm, v)).builtin {
        if let Some(items) = ops::seq_items(v) {
            return Ok(items);
        }
    }
    let it = match ops::get_iter(vm, v) {
        Ok(it) => it,
        Err(e) => {
            let te = vm.exc.TypeError;
            return Err(if vm.exc_matches(e.0, te) {
                vm.type_error("can only join an iterable")
            } else {
                e
            });
        }
    };
    let mut out = Vec::new();
    while let Some(x) = ops::next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}

// ----- methods shared by str and bytes -----

fn strip_impl(
    vm: &mut Vm,
    args: Args,
    bytes: bool,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let (r, [chars]) = method(vm, &args, bytes, name, Clinic, 0, [""])?;
    let (a, e) = match given(chars) {
        None => {
            let a = if left {
                r.skip(0, |c| r.is_space(c))
            } else {
                0
            };
            let e = if right {
                r.skip_back(r.data.len(), |c| r.is_space(c))
            } else {
                r.data.len()
            };
            (a, e.max(a))
        }
        Some(c) => {
            let set: Vec<u32> = if bytes {
                needle(vm, &r, c, "", false)?
                    .b
                    .iter()
                    .map(|&b| b as u32)
                    .collect()
            } else {
                match str_of(c) {
                    Some(s) => s.chars().map(|c| c as u32).collect(),
                    None => return Err(vm.type_error(format!("{} arg must be None or str", name))),
                }
            };
            let a = if left {
                r.skip(0, |c| set.contains(&c))
            } else {
                0
            };
            let e = if right {
                r.skip_back(r.data.len(), |c| set.contains(&c))
            } else {
                r.data.len()
            };
            (a, e.max(a))
        }
    };
    if a == 0 && e == r.data.len() {
        Ok(r.same(vm))
    } else {
        Ok(r.slice(vm, a, e))
    }
}

fn strip<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, B, "strip", true, true)
}

fn lstrip<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, B, "lstrip", true, false)
}

fn rstrip<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, B, "rstrip", false, true)
}

/// Byte ranges of the whitespace-separated words, at most `max` splits, from the right if `rev`.
fn split_whitespace(r: &Recv, mut max: usize, rev: bool) -> Vec<(usize, usize)> {
    let len = r.data.len();
    let space = |c| r.is_space(c);
    let word = |c| !r.is_space(c);
    let mut out = Vec::new();
    if !rev {
        let mut i = 0;
        while max > 0 {
            i = r.skip(i, space);
            if i == len {
                break;
            }
            let j = i;
            i = r.skip(i, word);
            out.push((j, i));
            max -= 1;
        }
        if i < len {
            i = r.skip(i, space);
            if i < len {
                out.push((i, len));
            }
        }
    } else {
        let mut e = len;
        while max > 0 {
            e = r.skip_back(e, space);
            if e == 0 {
                break;
            }
            let j = e;
            e = r.skip_back(e, word);
            out.push((e, j));
            max -= 1;
        }
        if e > 0 {
            e = r.skip_back(e, space);
            if e > 0 {
                out.push((0, e));
            }
        }
        out.reverse();
    }
    out
}

/// Byte ranges between occurrences of `sep` (non-empty), at most `max` splits.
fn split_sep(hay: &[u8], sep: &[u8], max: usize, rev: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !rev {
        let mut last = 0;
        for m in memmem::find_iter(hay, sep).take(max) {
            out.push((last, m));
            last = m + sep.len();
        }
        out.push((last, hay.len()));
    } else {
        let mut end = hay.len();
        for m in memmem::rfind_iter(hay, sep).take(max) {
            out.push((m + sep.len(), end));
            end = m;
        }
        out.push((0, end));
        out.reverse();
    }
    out
}

fn pieces(vm: &mut Vm, r: &Recv, ranges: &[(usize, usize)]) -> Value {
    let mut items = Vec::with_capacity(ranges.len());
    for &(a, e) in ranges {
        items.push(r.slice(vm, a, e));
    }
    vm.new_list(items)
}

fn split_impl(vm: &mut Vm, args: Args, bytes: bool, rev: bool) -> PyResult<Value> {
    let name = if rev { "rsplit" } else { "split" };
    let (r, [sep, maxsplit]) = method(vm, &args, bytes, name, Keywords, 0, ["sep", "maxsplit"])?;
    let max = match maxsplit {
        Some(m) => ops::to_index(vm, m)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let ranges = match given(sep) {
        None => split_whitespace(&r, max, rev),
        Some(s) => {
            if !bytes && str_of(s).is_none() {
                let msg = format!("must be str or None, not {}", type_name(vm, s));
                return Err(vm.type_error(msg));
            }
            let n = needle(vm, &r, s, "", false)?;
            if n.b.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            split_sep(&r.data, &n.b, max, rev)
        }
    };
    Ok(pieces(vm, &r, &ranges))
}

fn split<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, B, false)
}

fn rsplit<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, B, true)
}

fn splitlines<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [keepends]) = method(vm, &args, B, "splitlines", Keywords, 0, ["keepends"])?;
    let keep = match keepends {
        Some(k) => ops::to_index(vm, k)? != 0,
        None => false,
    };
    let len = r.data.len();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < len {
        let start = i;
        i = r.skip(i, |c| !r.is_linebreak(c));
        let mut eol = i;
        if i < len {
            let (c, n) = r.at(i);
            i += if c == 0x0D && r.data.get(i + 1) == Some(&b'\n') {
                2
            } else {
                n
            };
            if keep {
                eol = i;
            }
        }
        ranges.push((start, eol));
    }
    Ok(pieces(vm, &r, &ranges))
}

fn join<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [iterable]) = method(vm, &args, B, "join", Fixed, 1, [""])?;
    let items = join_items(vm, req(iterable))?;
    if items.len() == 1 && !r.array {
        let cls = type_of(vm, items[0]);
        if cls.is(if B { vm.t.bytes } else { vm.t.str_ }) {
            return Ok(items[0]);
        }
    }
    let mut out = Vec::new();
    for (i, &item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&r.data);
        }
        let piece = if B {
            bytes_like(item)
        } else {
            ops::str_bytes_of(item).map(Cow::Borrowed)
        };
        match piece {
            Some(p) => out.extend_from_slice(&p),
            None => {
                let want = if B {
                    "a bytes-like object"
                } else {
                    "str instance"
                };
                let msg = format!(
                    "sequence item {}: expected {}, {} found",
                    i,
                    want,
                    type_name(vm, item)
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    Ok(r.build(vm, out))
}

fn partition_impl(vm: &mut Vm, args: Args, bytes: bool, rev: bool) -> PyResult<Value> {
    let name = if rev { "rpartition" } else { "partition" };
    let (r, [sep]) = method(vm, &args, bytes, name, Fixed, 1, [""])?;
    let n = needle(vm, &r, req(sep), "", false)?;
    if n.b.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let len = r.data.len();
    let found = if rev {
        memmem::rfind(&r.data, &n.b)
    } else {
        memmem::find(&r.data, &n.b)
    };
    let items = match found {
        Some(i) => {
            let end = i + n.b.len();
            // CPython hands back the separator object itself (a copy for bytearray).
            let sep = if r.array {
                r.slice(vm, i, end)
            } else {
                req(sep)
            };
            vec![r.slice(vm, 0, i), sep, r.slice(vm, end, len)]
        }
        None => {
            let (whole, e1, e2) = (r.same(vm), r.slice(vm, 0, 0), r.slice(vm, 0, 0));
            if rev {
                vec![e1, e2, whole]
            } else {
                vec![whole, e1, e2]
            }
        }
    };
    Ok(vm.new_tuple(items))
}

fn partition<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, B, false)
}

fn rpartition<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, B, true)
}

/// Receiver, first argument and start/end of find, count, startswith & co.
fn search_args(
    vm: &mut Vm,
    args: &Args,
    bytes: bool,
    name: &str,
) -> PyResult<(Recv, Value, i64, i64)> {
    let (r, [sub, start, end]) = method(vm, args, bytes, name, Tuple, 1, ["", "", ""])?;
    let start = slice_index(vm, start, 0)?;
    let end = slice_index(vm, end, i64::MAX)?;
    Ok((r, req(sub), start, end))
}

/// The unit index of the first (last, if `rev`) occurrence, or None.
fn find_impl(
    vm: &mut Vm,
    args: Args,
    bytes: bool,
    name: &str,
    rev: bool,
) -> PyResult<Option<usize>> {
    let (r, sub, start, end) = search_args(vm, &args, bytes, name)?;
    let n = needle(vm, &r, sub, "", true)?;
    Ok(window(&r, start, end, n.units).and_then(|(first, a, e)| {
        let hay = &r.data[a..e];
        let at = if rev {
            memmem::rfind(hay, &n.b)
        } else {
            memmem::find(hay, &n.b)
        }?;
        Some(first + r.units_in(a, a + at))
    }))
}

fn find_result(vm: &mut Vm, found: Option<usize>) -> Value {
    match found {
        Some(i) => int_result(vm, i),
        None => Value::small_int_unchecked(-1),
    }
}

fn index_result(vm: &mut Vm, found: Option<usize>, bytes: bool) -> PyResult<Value> {
    match found {
        Some(i) => Ok(int_result(vm, i)),
        None => Err(vm.value_error(if bytes {
            "subsection not found"
        } else {
            "substring not found"
        })),
    }
}

fn find<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = find_impl(vm, args, B, "find", false)?;
    Ok(find_result(vm, f))
}

fn rfind<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = find_impl(vm, args, B, "rfind", true)?;
    Ok(find_result(vm, f))
}

fn index<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = find_impl(vm, args, B, "index", false)?;
    index_result(vm, f, B)
}

fn rindex<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = find_impl(vm, args, B, "rindex", true)?;
    index_result(vm, f, B)
}

fn count<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, sub, start, end) = search_args(vm, &args, B, "count")?;
    let n = needle(vm, &r, sub, "", true)?;
    let c = match window(&r, start, end, n.units) {
        None => 0,
        Some((_, a, e)) if n.b.is_empty() => r.units_in(a, e) + 1,
        Some((_, a, e)) => memmem::find_iter(&r.data[a..e], &n.b).count(),
    };
    Ok(int_result(vm, c))
}

fn tailmatch(vm: &mut Vm, args: Args, bytes: bool, name: &str, suffix: bool) -> PyResult<Value> {
    let (r, arg, start, end) = search_args(vm, &args, bytes, name)?;
    let kind = if bytes { "bytes" } else { "str" };
    let matches = |n: &Needle| match window(&r, start, end, n.units) {
        None => false,
        Some((_, a, e)) => {
            let hay = &r.data[a..e];
            if suffix {
                hay.ends_with(&n.b)
            } else {
                hay.starts_with(&n.b)
            }
        }
    };
    if let Some(items) = ops::tuple_items(arg) {
        for &item in items {
            if !bytes && str_of(item).is_none() {
                let msg = format!(
                    "tuple for {} must only contain str, not {}",
                    name,
                    type_name(vm, item)
                );
                return Err(vm.type_error(msg));
            }
            if matches(&needle(vm, &r, item, "", false)?) {
                return Ok(Value::TRUE);
            }
        }
        return Ok(Value::FALSE);
    }
    let ok = if bytes {
        bytes_like(arg).is_some()
    } else {
        str_of(arg).is_some()
    };
    if !ok {
        let msg = format!(
            "{} first arg must be {} or a tuple of {}, not {}",
            name,
            kind,
            kind,
            type_name(vm, arg)
        );
        return Err(vm.type_error(msg));
    }
    let n = needle(vm, &r, arg, "", false)?;
    Ok(Value::bool(matches(&n)))
}

fn startswith<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    tailmatch(vm, args, B, "startswith", false)
}

fn endswith<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    tailmatch(vm, args, B, "endswith", true)
}

fn replace<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [old, new, count]) = method(vm, &args, B, "replace", Clinic, 2, ["", "", ""])?;
    let old = needle(vm, &r, req(old), "replace() argument 1 ", false)?;
    let new = needle(vm, &r, req(new), "replace() argument 2 ", false)?;
    let max = match count {
        Some(c) => ops::to_index(vm, c)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let hay: &[u8] = &r.data;
    let mut out = Vec::new();
    if max == 0 {
        return Ok(r.same(vm));
    }
    if old.b.is_empty() {
        // `new` goes before every unit and at the end, `max` times in all.
        let mut i = 0;
        for _ in 0..max {
            out.extend_from_slice(&new.b);
            if i == hay.len() {
                break;
            }
            let n = r.at(i).1;
            out.extend_from_slice(&hay[i..i + n]);
            i += n;
        }
        out.extend_from_slice(&hay[i..]);
    } else {
        let mut last = 0;
        for m in memmem::find_iter(hay, &old.b[..]).take(max) {
            out.extend_from_slice(&hay[last..m]);
            out.extend_from_slice(&new.b);
            last = m + old.b.len();
        }
        if last == 0 {
            return Ok(r.same(vm));
        }
        out.extend_from_slice(&hay[last..]);
    }
    Ok(r.build(vm, out))
}

fn remove_affix(vm: &mut Vm, args: Args, bytes: bool, name: &str, suffix: bool) -> PyResult<Value> {
    let (r, [affix]) = method(vm, &args, bytes, name, Fixed, 1, [""])?;
    let prefix = format!("{}() argument ", name);
    let n = needle(vm, &r, req(affix), &prefix, false)?;
    let len = r.data.len();
    if n.b.is_empty() {
        return Ok(r.same(vm));
    }
    if !suffix && r.data.starts_with(&n.b) {
        Ok(r.slice(vm, n.b.len(), len))
    } else if suffix && r.data.ends_with(&n.b) {
        Ok(r.slice(vm, 0, len - n.b.len()))
    } else {
        Ok(r.same(vm))
    }
}

fn removeprefix<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    remove_affix(vm, args, B, "removeprefix", false)
}

fn removesuffix<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    remove_affix(vm, args, B, "removesuffix", true)
}

fn len<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, []) = method(vm, &args, B, "__len__", Slot, 0, [])?;
    Ok(int_result(vm, r.units))
}

fn contains<const B: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [item]) = method(vm, &args, B, "__contains__", Slot, 1, [""])?;
    let item = req(item);
    let n = if B {
        if is_int_like(vm, item) {
            let b = byte_value(vm, item)?;
            return Ok(Value::bool(r.data.contains(&b)));
        }
        needle(vm, &r, item, "", false)?
    } else {
        match str_data(item) {
            Some(d) => Needle {
                b: Cow::Borrowed(d.bytes()),
                units: d.char_len(),
            },
            None => {
                let msg = format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(vm, item)
                );
                return Err(vm.type_error(msg));
            }
        }
    };
    Ok(Value::bool(memmem::find(&r.data, &n.b).is_some()))
}

// ----- str: case mapping -----

/// The receiver of a str-only method that takes no arguments.
fn str_noargs(vm: &mut Vm, args: &Args, name: &str) -> PyResult<&'static str> {
    let (r, []) = method(vm, args, false, name, Fixed, 0, [])?;
    Ok(r.s.unwrap_or(""))
}

fn str_upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "upper")?;
    Ok(vm.new_string(if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    }))
}

fn str_lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "lower")?;
    // Rust's `to_lowercase` applies the same Final_Sigma rule as CPython.
    Ok(vm.new_string(if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }))
}

fn str_casefold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "casefold")?;
    if s.is_ascii() {
        return Ok(vm.new_string(s.to_ascii_lowercase()));
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(&mut out, c);
    }
    Ok(vm.new_string(out))
}

fn str_swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "swapcase")?;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_uppercase() {
            push_lower(&mut out, s, i, c);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(vm.new_string(out))
}

fn str_capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "capitalize")?;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, s, i, c);
        }
    }
    Ok(vm.new_string(out))
}

fn str_title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "title")?;
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, c) in s.char_indices() {
        if prev_cased {
            push_lower(&mut out, s, i, c);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    Ok(vm.new_string(out))
}

/// Lowercase of `c` at byte offset `i` of `s`, with Σ's final form in Final_Sigma context.
fn push_lower(out: &mut String, s: &str, i: usize, c: char) {
    if c != 'Σ' {
        out.extend(c.to_lowercase());
        return;
    }
    let cased = |c: Option<char>| c.is_some_and(is_cased);
    let before = s[..i].chars().rev().find(|&c| !is_case_ignorable(c));
    let after = s[i + c.len_utf8()..]
        .chars()
        .find(|&c| !is_case_ignorable(c));
    out.push(if cased(before) && !cased(after) {
        'ς'
    } else {
        'σ'
    });
}

/// CPython's full titlecase mapping of one character.
fn push_title(out: &mut String, c: char) {
    let cp = c as u32;
    let single = match cp {
        0x10D0..=0x10FA | 0x10FD..=0x10FF => Some(cp), // Georgian has no titlecase
        0x1C4..=0x1CC => Some(0x1C5 + 3 * ((cp - 0x1C4) / 3)),
        0x1F1..=0x1F3 => Some(0x1F2),
        0x1F80..=0x1FAF => Some(cp | 8),
        0x1FB3 | 0x1FC3 | 0x1FF3 => Some(cp + 9),
        0x1FBC | 0x1FCC | 0x1FFC => Some(cp),
        _ => None,
    };
    if let Some(t) = single.and_then(char::from_u32) {
        out.push(t);
        return;
    }
    let mut up = c.to_uppercase();
    out.extend(up.next());
    if cp == 0x149 {
        out.extend(up); // ŉ -> ʼN
        return;
    }
    let ypogegrammeni = matches!(
        cp,
        0x1FB2 | 0x1FB4 | 0x1FB7 | 0x1FC2 | 0x1FC4 | 0x1FC7 | 0x1FF2 | 0x1FF4 | 0x1FF7
    );
    for r in up {
        if ypogegrammeni && r == '\u{399}' {
            out.push('\u{345}');
        } else {
            out.extend(r.to_lowercase());
        }
    }
}

/// CPython's full case folding of one character.
fn push_fold(out: &mut String, c: char) {
    let cp = c as u32;
    let single = match cp {
        0x13A0..=0x13F5 | 0x131 => Some(cp), // Cherokee folds to uppercase; dotless i stays
        0x13F8..=0x13FD => Some(cp - 8),
        0xAB70..=0xABBF => Some(cp - 0x97D0),
        0x1E9E => {
            out.push_str("ss");
            return;
        }
        _ => None,
    };
    match single.and_then(char::from_u32) {
        Some(t) => out.push(t),
        // Everywhere else folding is lowercasing the uppercase form.
        None => out.extend(c.to_uppercase().flat_map(char::to_lowercase)),
    }
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

/// Unicode's Case_Ignorable, read off Rust's `str::to_lowercase`, which
/// implements Final_Sigma with it: after a cased letter an ignorable character
/// keeps a following Σ word-final; as the only predecessor it makes Σ non-final.
fn is_case_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\'' | '.' | ':' | '^' | '`');
    }
    let mut probe = String::with_capacity(8);
    if is_cased(c) {
        probe.push(c);
        probe.push('Σ');
        probe.to_lowercase().ends_with('σ')
    } else {
        probe.push('A');
        probe.push(c);
        probe.push('Σ');
        probe.to_lowercase().ends_with('ς')
    }
}

// ----- str: padding -----

/// The fill character argument of center/ljust/rjust.
fn fill_char(vm: &mut Vm, v: Option<Value>) -> PyResult<char> {
    let v = match v {
        None => return Ok(' '),
        Some(v) => v,
    };
    match str_data(v) {
        Some(d) if d.char_len() == 1 => Ok(d.char_at(0)),
        Some(_) => Err(vm.type_error("The fill character must be exactly one character long")),
        None => {
            let msg = format!(
                "The fill character must be a unicode character, not {}",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// `s` with `left` and `right` copies of `fill` around it.
fn padded(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// center (align 0), ljust (-1) and rjust (1).
fn justify(vm: &mut Vm, args: Args, name: &str, align: i8) -> PyResult<Value> {
    let (r, [width, fill]) = method(vm, &args, false, name, Clinic, 1, ["", ""])?;
    let width = ops::to_index(vm, req(width))?;
    let fill = fill_char(vm, fill)?;
    let len = r.units as i64;
    if width <= len {
        return Ok(r.same(vm));
    }
    let marg = width - len;
    let left = match align {
        -1 => 0,
        1 => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let out = padded(
        r.s.unwrap_or(""),
        left as usize,
        (marg - left) as usize,
        fill,
    );
    Ok(vm.new_string(out))
}

fn str_center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, args, "center", 0)
}

fn str_ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, args, "ljust", -1)
}

fn str_rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    justify(vm, args, "rjust", 1)
}

fn str_zfill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [width]) = method(vm, &args, false, "zfill", Fixed, 1, [""])?;
    let width = ops::to_index(vm, req(width))?;
    let s = r.s.unwrap_or("");
    if width <= r.units as i64 {
        return Ok(r.same(vm));
    }
    let fill = (width - r.units as i64) as usize;
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') | Some(b'-') => s.split_at(1),
        _ => ("", s),
    };
    let mut out = String::with_capacity(s.len() + fill);
    out.push_str(sign);
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(rest);
    Ok(vm.new_string(out))
}

fn str_expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [tabsize]) = method(vm, &args, false, "expandtabs", Keywords, 0, ["tabsize"])?;
    let tabsize = match tabsize {
        Some(t) => ops::to_index(vm, t)?,
        None => 8,
    };
    let s = r.s.unwrap_or("");
    if !s.contains('\t') {
        return Ok(r.same(vm));
    }
    let mut out = String::with_capacity(s.len());
    let mut column: i64 = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - column % tabsize;
                out.extend(std::iter::repeat_n(' ', incr as usize));
                column += incr;
            }
        } else {
            out.push(c);
            column += 1;
            if c == '\n' || c == '\r' {
                column = 0;
            }
        }
    }
    Ok(vm.new_string(out))
}

// ----- str: predicates -----

/// True when `s` is non-empty and every character satisfies `pred`.
fn str_all(vm: &mut Vm, args: &Args, name: &str, pred: impl Fn(char) -> bool) -> PyResult<Value> {
    let s = str_noargs(vm, args, name)?;
    Ok(Value::bool(!s.is_empty() && s.chars().all(pred)))
}

fn str_isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isdigit", is_digit)
}

fn str_isdecimal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isdecimal", is_decimal)
}

fn str_isnumeric(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isnumeric", is_numeric)
}

fn str_isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isalpha", is_alpha)
}

fn str_isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isalnum", |c| is_alpha(c) || is_numeric(c))
}

fn str_isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_all(vm, &args, "isspace", |c| is_space(c as u32))
}

fn str_isprintable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "isprintable")?;
    Ok(Value::bool(s.chars().all(is_printable)))
}

fn str_isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "isascii")?;
    Ok(Value::bool(s.is_ascii()))
}

fn str_isidentifier(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "isidentifier")?;
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(is_id_start) && chars.all(is_id_continue);
    Ok(Value::bool(ok))
}

/// islower (`upper` false) or isupper: some cased character, none of the other case.
fn str_case_test(vm: &mut Vm, args: Args, upper: bool) -> PyResult<Value> {
    let s = str_noargs(vm, &args, if upper { "isupper" } else { "islower" })?;
    type Test = fn(char) -> bool;
    let (is_this, is_other): (Test, Test) = if upper {
        (char::is_uppercase, char::is_lowercase)
    } else {
        (char::is_lowercase, char::is_uppercase)
    };
    let mut cased = false;
    for c in s.chars() {
        if is_other(c) || is_titlecase(c) {
            return Ok(Value::FALSE);
        }
        cased |= is_this(c);
    }
    Ok(Value::bool(cased))
}

fn str_islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_case_test(vm, args, false)
}

fn str_isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    str_case_test(vm, args, true)
}

fn str_istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_noargs(vm, &args, "istitle")?;
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            if prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

fn in_ranges(table: &[(u32, u32)], c: u32) -> bool {
    table
        .binary_search_by(|&(a, b)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isspace` for one code point (also what split() and strip() skip).
pub(crate) fn is_space(c: u32) -> bool {
    if c < 0x80 {
        matches!(c, 0x09..=0x0D | 0x1C..=0x20)
    } else {
        char::from_u32(c).is_some_and(char::is_whitespace)
    }
}

pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic() != in_ranges(ALPHA_XOR, c as u32)
    }
}

pub(crate) fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let c = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= c);
    i > 0 && c - DECIMAL_ZEROS[i - 1] < 10
}

fn is_digit(c: char) -> bool {
    is_decimal(c) || in_ranges(DIGIT_EXTRA, c as u32)
}

pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        c.is_numeric() != in_ranges(NUMERIC_XOR, c as u32)
    }
}

/// XID_Start (exact for Unicode 14, via a correction table).
fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c == '_' || c.is_ascii_alphabetic();
    }
    (is_alpha(c) || (c.is_alphabetic() && c.is_numeric())) != in_ranges(ID_START_XOR, c as u32)
}

/// XID_Continue (exact for Unicode 14, via a correction table).
fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c == '_' || c.is_ascii_alphanumeric();
    }
    // Other_ID_Continue and the connector punctuation (Pc).
    let other = matches!(c as u32,
        0xB7 | 0x387 | 0x1369..=0x1371 | 0x19DA | 0x203F | 0x2040 | 0x2054 | 0xFE33 | 0xFE34 | 0xFE4D..=0xFE4F
        | 0xFF3F);
    (is_id_start(c) || is_decimal(c) || c.is_alphabetic() || is_grapheme_extend(c) || other)
        != in_ranges(ID_CONTINUE_XOR, c as u32)
}

/// Rust's notion of printable, which is CPython's (not Cc, Cf, Cs, Co, Cn,
/// Zl, Zp or Zs other than space) for Rust's Unicode version: `str::escape_debug`
/// leaves exactly those characters alone after the first position.
fn rust_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let mut buf = [b'x'; 8];
    let n = c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..n + 1]).is_ok_and(|s| s.escape_debug().nth(1) == Some(c))
}

/// Grapheme_Extend (combining marks and a few others): the printable
/// characters that `char::escape_debug` escapes anyway.
fn is_grapheme_extend(c: char) -> bool {
    !c.is_ascii() && c.escape_debug().next() == Some('\\') && rust_printable(c)
}

/// `str.isprintable` for one character.
pub fn is_printable(c: char) -> bool {
    rust_printable(c) != in_ranges(PRINTABLE_XOR, c as u32)
}

// ----- str: encode, translate, maketrans -----

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// First code point the codec cannot represent in one byte.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Codec::Latin1 => "ordinal not in range(256)",
            _ => "ordinal not in range(128)",
        }
    }
}

/// The codec for an encoding name, accepting Python's aliases.
pub(crate) fn native_codec(name: &str) -> Option<Codec> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '-' || c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
            Some(Codec::Utf8)
        }
        "ascii" | "us_ascii" | "646" | "us" | "cp367" | "csascii" | "ibm367" | "iso646_us"
        | "iso_ir_6" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986"
        | "iso_646.irv_1991" => Some(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "iso8859" | "8859"
        | "cp819" | "ibm819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" => {
            Some(Codec::Latin1)
        }
        _ => None,
    }
}

/// The same, or LookupError.
pub(crate) fn lookup_codec(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    match native_codec(name) {
        Some(c) => Ok(c),
        None => {
            let c = vm.exc.LookupError;
            Err(vm.err(c, format!("unknown encoding: {}", name)))
        }
    }
}

/// Encode `s` (the str `obj`) with a codec `_io` handles itself; errors
/// go through the codec error handlers.
pub(crate) fn encode(
    vm: &mut Vm,
    s: &str,
    obj: Value,
    codec: Codec,
    errors: &str,
) -> PyResult<Vec<u8>> {
    if codec == Codec::Utf8 || s.is_ascii() {
        return Ok(s.as_bytes().to_vec());
    }
    let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
    let mut cx = Encoding::new(codec.name(), &chars, obj, errors);
    let map = ByteMap::Limit(codec.limit());
    text::encode_bytes(vm, &mut cx, &map, codec.reason())
}

fn str_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [encoding, errors]) = method(
        vm,
        &args,
        false,
        "encode",
        Keywords,
        0,
        ["encoding", "errors"],
    )?;
    let encoding = opt_str(vm, encoding, "encode() argument 'encoding' ")?.unwrap_or("utf-8");
    let errors = opt_str(vm, errors, "encode() argument 'errors' ")?.unwrap_or("strict");
    crate::modules::codecs::encode_str(vm, r.v, encoding, errors)
}

/// What a translate table says about one character.
#[derive(Clone)]
enum Mapped {
    Keep,
    Delete,
    Text(String),
}

fn translate_lookup(vm: &mut Vm, table: Value, c: char) -> PyResult<Mapped> {
    let key = Value::small_int_unchecked(c as i64);
    let v = match ops::getitem(vm, table, key) {
        Ok(v) => v,
        Err(e) => {
            let le = vm.exc.LookupError;
            return if vm.exc_matches(e.0, le) {
                Ok(Mapped::Keep)
            } else {
                Err(e)
            };
        }
    };
    if v.is_none() {
        return Ok(Mapped::Delete);
    }
    if let Some(s) = str_of(v) {
        return Ok(Mapped::Text(s.to_string()));
    }
    let code = match num_of(v) {
        Some(Num::Small(i)) => i,
        Some(Num::Big(_)) => -1,
        _ => return Err(vm.type_error("character mapping must return integer, None or str")),
    };
    match u32::try_from(code).ok().and_then(char::from_u32) {
        Some(ch) => Ok(Mapped::Text(ch.to_string())),
        None => Err(vm.value_error("character mapping must be in range(0x110000)")),
    }
}

fn str_translate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [table]) = method(vm, &args, false, "translate", Fixed, 1, [""])?;
    let table = req(table);
    let s = r.s.unwrap_or("");
    let mut cache: HashMap<char, Mapped> = HashMap::new();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let m = match cache.get(&c) {
            Some(m) => m.clone(),
            None => {
                let m = translate_lookup(vm, table, c)?;
                cache.insert(c, m.clone());
                m
            }
        };
        match m {
            Mapped::Keep => out.push(c),
            Mapped::Delete => {}
            Mapped::Text(t) => out.push_str(&t),
        }
    }
    Ok(vm.new_string(out))
}

/// `str.maketrans(x[, y[, z]])` — a staticmethod, so `args` has no receiver.
fn str_maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error("str.maketrans() takes no keyword arguments"));
    }
    let n = args.pos.len();
    if n == 0 || n > 3 {
        let msg = if n == 0 {
            "maketrans expected at least 1 argument, got 0".to_string()
        } else {
            format!("maketrans expected at most 3 arguments, got {}", n)
        };
        return Err(vm.type_error(msg));
    }
    let x = args.pos[0];
    let y = opt_str(vm, args.pos.get(1).copied(), "maketrans() argument 2 ")?;
    let z = opt_str(vm, args.pos.get(2).copied(), "maketrans() argument 3 ")?;
    let d = vm.new_dict();
    let ord = |c: char| Value::small_int_unchecked(c as i64);
    match y {
        None => {
            let entries: Vec<(Value, Value)> = match x.obj().map(|o| &o.kind) {
                Some(Kind::Dict(dd)) => dd.get().iter().map(|e| (e.key, e.value)).collect(),
                _ => {
                    return Err(vm.type_error(
                        "if you give only one argument to maketrans it must be a dict",
                    ))
                }
            };
            for (k, v) in entries {
                let key =
                    match str_data(k) {
                        Some(ks) if ks.char_len() == 1 => {
                            Value::small_int_unchecked(ks.code_point_at(0) as i64)
                        }
                        Some(_) => {
                            return Err(vm
                                .value_error("string keys in translate table must be of length 1"))
                        }
                        None if matches!(num_of(k), Some(Num::Small(_)) | Some(Num::Big(_))) => k,
                        None => {
                            return Err(vm
                                .type_error("keys in translate table must be strings or integers"))
                        }
                    };
                ops::dict_set(vm, d, key, v)?;
            }
        }
        Some(y) => {
            let x =
                match str_of(x) {
                    Some(x) => x,
                    None => return Err(vm.type_error(
                        "first maketrans argument must be a string if there is a second argument",
                    )),
                };
            if x.chars().count() != y.chars().count() {
                return Err(
                    vm.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a, b) in x.chars().zip(y.chars()) {
                ops::dict_set(vm, d, ord(a), ord(b))?;
            }
            for c in z.unwrap_or("").chars() {
                ops::dict_set(vm, d, ord(c), Value::NONE)?;
            }
        }
    }
    Ok(d)
}

// ----- bytes-only methods -----

fn bytes_map(vm: &mut Vm, args: Args, name: &str, f: fn(&u8) -> u8) -> PyResult<Value> {
    let (r, []) = method(vm, &args, true, name, Fixed, 0, [])?;
    let out = r.data.iter().map(f).collect();
    Ok(r.build(vm, out))
}

/// `bytes.translate(table, /, delete=b'')`: `table` is None or 256 bytes.
fn bytes_translate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [table, delete]) = method(vm, &args, true, "translate", Fixed, 1, ["", "delete"])?;
    let table = req(table);
    let map: Option<Vec<u8>> = if table.is_none() {
        None
    } else {
        match molt_vm::ops::convert::bytes_of(table) {
            Some(t) if t.len() == 256 => Some(t),
            Some(_) => return Err(vm.value_error("translation table must be 256 characters long")),
            None => {
                let msg = format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, table)
                );
                return Err(vm.type_error(msg));
            }
        }
    };
    let delete: Vec<u8> = match delete {
        Some(d) => molt_vm::ops::convert::bytes_of(d).ok_or_else(|| {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, d)
            );
            vm.type_error(msg)
        })?,
        None => vec![],
    };
    let out = r
        .data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| map.as_ref().map_or(b, |m| m[b as usize]))
        .collect();
    Ok(r.build(vm, out))
}

/// `bytes.maketrans(from, to)`: the 256-byte table mapping `from` to `to`.
fn bytes_maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "maketrans", &args, 2, 2)?;
    let mut sides = vec![];
    for &v in args.pos {
        match molt_vm::ops::convert::bytes_of(v) {
            Some(b) => sides.push(b),
            None => {
                let msg = format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    if sides[0].len() != sides[1].len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in sides[0].iter().zip(&sides[1]) {
        table[*f as usize] = *t;
    }
    Ok(vm.new_bytes(table))
}

fn bytes_upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_map(vm, args, "upper", u8::to_ascii_uppercase)
}

fn bytes_lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_map(vm, args, "lower", u8::to_ascii_lowercase)
}

fn bytes_swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_map(vm, args, "swapcase", |&b| {
        if b.is_ascii_uppercase() {
            b.to_ascii_lowercase()
        } else {
            b.to_ascii_uppercase()
        }
    })
}

/// The ASCII title-casing shared by `capitalize` (only the first byte may
/// be upper) and `title` (a byte after an uncased one starts a word).
fn bytes_recase(vm: &mut Vm, args: Args, name: &str, words: bool) -> PyResult<Value> {
    let (r, []) = method(vm, &args, true, name, Fixed, 0, [])?;
    let mut prev_cased = false;
    let out = r
        .data
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let starts_word = if words { !prev_cased } else { i == 0 };
            prev_cased = b.is_ascii_alphabetic();
            if starts_word {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(r.build(vm, out))
}

fn bytes_capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_recase(vm, args, "capitalize", false)
}

fn bytes_title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_recase(vm, args, "title", true)
}

fn bytes_istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, []) = method(vm, &args, true, "istitle", Fixed, 0, [])?;
    let (mut cased, mut prev_cased) = (false, false);
    for &b in r.data.iter() {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Value::FALSE);
            }
            (prev_cased, cased) = (true, true);
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return Ok(Value::FALSE);
            }
            (prev_cased, cased) = (true, true);
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

/// center (align 0), ljust (-1) and rjust (1) of bytes and bytearray.
fn bytes_justify(vm: &mut Vm, args: Args, name: &str, align: i8) -> PyResult<Value> {
    let (r, [width, fill]) = method(vm, &args, true, name, Clinic, 1, ["", ""])?;
    let width = ops::to_index(vm, req(width))?;
    let fill = match fill {
        None => b' ',
        Some(f) => match molt_vm::ops::convert::bytes_of(f) {
            Some(b) if b.len() == 1 && !str_of(f).is_some() => b[0],
            _ => {
                let msg = format!(
                    "{}() argument 2 must be a byte string of length 1, not {}",
                    name,
                    type_name(vm, f)
                );
                return Err(vm.type_error(msg));
            }
        },
    };
    let len = r.data.len() as i64;
    if width <= len {
        return Ok(r.same(vm));
    }
    let marg = width - len;
    let left = match align {
        -1 => 0,
        1 => marg,
        _ => marg / 2 + (marg & width & 1),
    } as usize;
    let mut out = vec![fill; left];
    out.extend_from_slice(&r.data);
    out.resize(width as usize, fill);
    Ok(r.build(vm, out))
}

fn bytes_center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_justify(vm, args, "center", 0)
}

fn bytes_ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_justify(vm, args, "ljust", -1)
}

fn bytes_rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_justify(vm, args, "rjust", 1)
}

fn bytes_zfill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [width]) = method(vm, &args, true, "zfill", Fixed, 1, [""])?;
    let width = ops::to_index(vm, req(width))?;
    let len = r.data.len();
    if width <= len as i64 {
        return Ok(r.same(vm));
    }
    let signed = matches!(r.data.first(), Some(b'+') | Some(b'-'));
    let split = usize::from(signed);
    let mut out = Vec::with_capacity(width as usize);
    out.extend_from_slice(&r.data[..split]);
    out.resize(split + (width as usize - len), b'0');
    out.extend_from_slice(&r.data[split..]);
    Ok(r.build(vm, out))
}

fn bytes_expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [tabsize]) = method(vm, &args, true, "expandtabs", Keywords, 0, ["tabsize"])?;
    let tabsize = match tabsize {
        Some(t) => ops::to_index(vm, t)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(r.data.len());
    let mut column: i64 = 0;
    for &b in r.data.iter() {
        if b == b'\t' {
            if tabsize > 0 {
                let incr = tabsize - column % tabsize;
                out.resize(out.len() + incr as usize, b' ');
                column += incr;
            }
        } else {
            out.push(b);
            column += 1;
            if b == b'\n' || b == b'\r' {
                column = 0;
            }
        }
    }
    Ok(r.build(vm, out))
}

/// True when the bytes are non-empty and all satisfy `pred`.
fn bytes_all(vm: &mut Vm, args: Args, name: &str, pred: fn(&u8) -> bool) -> PyResult<Value> {
    let (r, []) = method(vm, &args, true, name, Fixed, 0, [])?;
    Ok(Value::bool(!r.data.is_empty() && r.data.iter().all(pred)))
}

fn bytes_isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_all(vm, args, "isdigit", u8::is_ascii_digit)
}

fn bytes_isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_all(vm, args, "isalpha", u8::is_ascii_alphabetic)
}

fn bytes_isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_all(vm, args, "isalnum", u8::is_ascii_alphanumeric)
}

fn bytes_isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_all(vm, args, "isspace", |&b| matches!(b, 0x09..=0x0D | 0x20))
}

fn bytes_isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, []) = method(vm, &args, true, "isascii", Fixed, 0, [])?;
    Ok(Value::bool(r.data.is_ascii()))
}

fn bytes_case_test(vm: &mut Vm, args: Args, upper: bool) -> PyResult<Value> {
    let (r, []) = method(
        vm,
        &args,
        true,
        if upper { "isupper" } else { "islower" },
        Fixed,
        0,
        [],
    )?;
    let (lower, up) = (
        r.data.iter().any(u8::is_ascii_lowercase),
        r.data.iter().any(u8::is_ascii_uppercase),
    );
    Ok(Value::bool(if upper { up && !lower } else { lower && !up }))
}

fn bytes_islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_case_test(vm, args, false)
}

fn bytes_isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_case_test(vm, args, true)
}

/// Apply error handler `errors` to the undecodable bytes `start..end`
/// (for `_io`'s incremental decoding, which goes on at `end`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn decode_error(
    vm: &mut Vm,
    b: &[u8],
    obj: Value,
    codec: Codec,
    errors: &str,
    (start, end): (usize, usize),
    reason: &str,
    out: &mut String,
) -> PyResult<()> {
    // `_io` keeps decoded text as Rust strings, so a surrogate a handler
    // produces arrives as U+FFFD (a known gap).
    let mut cx = Decoding::new(codec.name(), b, obj, errors);
    let mut text = molt_vm::text::TextBuf::new();
    cx.error(vm, start, end, reason, &mut text)?;
    out.push_str(&molt_vm::text::lossy(text.as_bytes()));
    Ok(())
}

/// Decode `b` (the bytes object `obj`) with a codec `_io` handles itself.
pub(crate) fn decode(
    vm: &mut Vm,
    b: &[u8],
    obj: Value,
    codec: Codec,
    errors: &str,
) -> PyResult<String> {
    let mut cx = Decoding::new(codec.name(), b, obj, errors);
    let t = match codec {
        Codec::Latin1 => return Ok(text::latin1_decode(b)),
        Codec::Ascii => text::ascii_decode(vm, &mut cx)?,
        Codec::Utf8 => text::utf8_decode(vm, &mut cx, true)?.0,
    };
    Ok(molt_vm::text::lossy(t.as_bytes()))
}

fn bytes_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [encoding, errors]) = method(
        vm,
        &args,
        true,
        "decode",
        Keywords,
        0,
        ["encoding", "errors"],
    )?;
    let encoding = opt_str(vm, encoding, "decode() argument 'encoding' ")?.unwrap_or("utf-8");
    let errors = opt_str(vm, errors, "decode() argument 'errors' ")?.unwrap_or("strict");
    crate::modules::codecs::decode_bytes(vm, &r.data, r.v, encoding, errors)
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

fn bytes_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, [sep, per]) = method(
        vm,
        &args,
        true,
        "hex",
        Keywords,
        0,
        ["sep", "bytes_per_sep"],
    )?;
    let sep = match sep {
        None => None,
        Some(s) => {
            let (len, first) = match (str_data(s), bytes_like(s)) {
                (Some(d), _) => (d.char_len(), d.code_points().next()),
                (None, Some(b)) => (b.len(), b.first().map(|&c| c as u32)),
                _ => {
                    let msg = format!("object of type '{}' has no len()", type_name(vm, s));
                    return Err(vm.type_error(msg));
                }
            };
            match first {
                Some(c) if len == 1 && c < 0x80 => Some(c as u8 as char),
                Some(_) if len == 1 => return Err(vm.value_error("sep must be ASCII.")),
                _ => return Err(vm.value_error("sep must be length 1.")),
            }
        }
    };
    let per = match per {
        Some(p) => ops::to_index(vm, p)?,
        None => 1,
    };
    let len = r.data.len();
    let group = per.unsigned_abs() as usize;
    let mut out = String::with_capacity(len * 3);
    for (i, b) in r.data.iter().enumerate() {
        if let Some(sep) = sep.filter(|_| i > 0 && group > 0) {
            let boundary = if per > 0 {
                (len - i) % group == 0
            } else {
                i % group == 0
            };
            if boundary {
                out.push(sep);
            }
        }
        out.push(HEX_DIGITS[(b >> 4) as usize] as char);
        out.push(HEX_DIGITS[(b & 15) as usize] as char);
    }
    Ok(vm.new_string(out))
}

// ----- Unicode tables, generated from CPython 3.11's unicodedata and Rust's char -----

/// Code points where CPython 3.11's `isalpha` disagrees with `char::is_alphabetic`.
#[rustfmt::skip]
const ALPHA_XOR: &[(u32, u32)] = &[
    (0x345, 0x345), (0x363, 0x36F), (0x5B0, 0x5BD), (0x5BF, 0x5BF), (0x5C1, 0x5C2),
    (0x5C4, 0x5C5), (0x5C7, 0x5C7), (0x610, 0x61A), (0x64B, 0x657), (0x659, 0x65F),
    (0x670, 0x670), (0x6D6, 0x6DC), (0x6E1, 0x6E4), (0x6E7, 0x6E8), (0x6ED, 0x6ED),
    (0x711, 0x711), (0x730, 0x73F), (0x7A6, 0x7B0), (0x816, 0x817), (0x81B, 0x823),
    (0x825, 0x827), (0x829, 0x82C), (0x88F, 0x88F), (0x897, 0x897), (0x8D4, 0x8DF),
    (0x8E3, 0x8E9), (0x8F0, 0x903), (0x93A, 0x93B), (0x93E, 0x94C), (0x94E, 0x94F),
    (0x955, 0x957), (0x962, 0x963), (0x981, 0x983), (0x9BE, 0x9C4), (0x9C7, 0x9C8),
    (0x9CB, 0x9CC), (0x9D7, 0x9D7), (0x9E2, 0x9E3), (0xA01, 0xA03), (0xA3E, 0xA42),
    (0xA47, 0xA48), (0xA4B, 0xA4C), (0xA51, 0xA51), (0xA70, 0xA71), (0xA75, 0xA75),
    (0xA81, 0xA83), (0xABE, 0xAC5), (0xAC7, 0xAC9), (0xACB, 0xACC), (0xAE2, 0xAE3),
    (0xAFA, 0xAFC), (0xB01, 0xB03), (0xB3E, 0xB44), (0xB47, 0xB48), (0xB4B, 0xB4C),
    (0xB56, 0xB57), (0xB62, 0xB63), (0xB82, 0xB82), (0xBBE, 0xBC2), (0xBC6, 0xBC8),
    (0xBCA, 0xBCC), (0xBD7, 0xBD7), (0xC00, 0xC04), (0xC3E, 0xC44), (0xC46, 0xC48),
    (0xC4A, 0xC4C), (0xC55, 0xC56), (0xC5C, 0xC5C), (0xC62, 0xC63), (0xC81, 0xC83),
    (0xCBE, 0xCC4), (0xCC6, 0xCC8), (0xCCA, 0xCCC), (0xCD5, 0xCD6), (0xCDC, 0xCDC),
    (0xCE2, 0xCE3), (0xCF3, 0xCF3), (0xD00, 0xD03), (0xD3E, 0xD44), (0xD46, 0xD48),
    (0xD4A, 0xD4C), (0xD57, 0xD57), (0xD62, 0xD63), (0xD81, 0xD83), (0xDCF, 0xDD4),
    (0xDD6, 0xDD6), (0xDD8, 0xDDF), (0xDF2, 0xDF3), (0xE31, 0xE31), (0xE34, 0xE3A),
    (0xE4D, 0xE4D), (0xEB1, 0xEB1), (0xEB4, 0xEB9), (0xEBB, 0xEBC), (0xECD, 0xECD),
    (0xF71, 0xF83), (0xF8D, 0xF97), (0xF99, 0xFBC), (0x102B, 0x1036), (0x1038, 0x1038),
    (0x103B, 0x103E), (0x1056, 0x1059), (0x105E, 0x1060), (0x1062, 0x1064), (0x1067, 0x106D),
    (0x1071, 0x1074), (0x1082, 0x108D), (0x108F, 0x108F), (0x109A, 0x109D), (0x16EE, 0x16F0),
    (0x1712, 0x1713), (0x1732, 0x1733), (0x1752, 0x1753), (0x1772, 0x1773), (0x17B6, 0x17C8),
    (0x1885, 0x1886), (0x18A9, 0x18A9), (0x1920, 0x192B), (0x1930, 0x1938), (0x1A17, 0x1A1B),
    (0x1A55, 0x1A5E), (0x1A61, 0x1A74), (0x1ABF, 0x1AC0), (0x1ACC, 0x1ACE), (0x1B00, 0x1B04),
    (0x1B35, 0x1B43), (0x1B80, 0x1B82), (0x1BA1, 0x1BA9), (0x1BAC, 0x1BAD), (0x1BE7, 0x1BF1),
    (0x1C24, 0x1C36), (0x1C89, 0x1C8A), (0x1DD3, 0x1DF4), (0x2160, 0x2182), (0x2185, 0x2188),
    (0x24B6, 0x24E9), (0x2DE0, 0x2DFF), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303A),
    (0xA674, 0xA67B), (0xA69E, 0xA69F), (0xA6E6, 0xA6EF), (0xA7CB, 0xA7CF), (0xA7D2, 0xA7D2),
    (0xA7D4, 0xA7D4), (0xA7DA, 0xA7DC), (0xA7F1, 0xA7F1), (0xA802, 0xA802), (0xA80B, 0xA80B),
    (0xA823, 0xA827), (0xA880, 0xA881), (0xA8B4, 0xA8C3), (0xA8C5, 0xA8C5), (0xA8FF, 0xA8FF),
    (0xA926, 0xA92A), (0xA947, 0xA952), (0xA980, 0xA983), (0xA9B4, 0xA9BF), (0xA9E5, 0xA9E5),
    (0xAA29, 0xAA36), (0xAA43, 0xAA43), (0xAA4C, 0xAA4D), (0xAA7B, 0xAA7D), (0xAAB0, 0xAAB0),
    (0xAAB2, 0xAAB4), (0xAAB7, 0xAAB8), (0xAABE, 0xAABE), (0xAAEB, 0xAAEF), (0xAAF5, 0xAAF5),
    (0xABE3, 0xABEA), (0xFB1E, 0xFB1E), (0x10140, 0x10174), (0x10341, 0x10341), (0x1034A, 0x1034A),
    (0x10376, 0x1037A), (0x103D1, 0x103D5), (0x105C0, 0x105F3), (0x10940, 0x10959), (0x10A01, 0x10A03),
    (0x10A05, 0x10A06), (0x10A0C, 0x10A0F), (0x10D24, 0x10D27), (0x10D4A, 0x10D65), (0x10D69, 0x10D69),
    (0x10D6F, 0x10D85), (0x10EAB, 0x10EAC), (0x10EC2, 0x10EC7), (0x10EFA, 0x10EFC), (0x11000, 0x11002),
    (0x11038, 0x11045), (0x11073, 0x11074), (0x11080, 0x11082), (0x110B0, 0x110B8), (0x110C2, 0x110C2),
    (0x11100, 0x11102), (0x11127, 0x11132), (0x11145, 0x11146), (0x11180, 0x11182), (0x111B3, 0x111BF),
    (0x111CE, 0x111CF), (0x1122C, 0x11234), (0x11237, 0x11237), (0x1123E, 0x11241), (0x112DF, 0x112E8),
    (0x11300, 0x11303), (0x1133E, 0x11344), (0x11347, 0x11348), (0x1134B, 0x1134C), (0x11357, 0x11357),
    (0x11362, 0x11363), (0x11380, 0x11389), (0x1138B, 0x1138B), (0x1138E, 0x1138E), (0x11390, 0x113B5),
    (0x113B7, 0x113C0), (0x113C2, 0x113C2), (0x113C5, 0x113C5), (0x113C7, 0x113CA), (0x113CC, 0x113CD),
    (0x113D1, 0x113D1), (0x113D3, 0x113D3), (0x11435, 0x11441), (0x11443, 0x11445), (0x114B0, 0x114C1),
    (0x115AF, 0x115B5), (0x115B8, 0x115BE), (0x115DC, 0x115DD), (0x11630, 0x1163E), (0x11640, 0x11640),
    (0x116AB, 0x116B5), (0x1171D, 0x1172A), (0x1182C, 0x11838), (0x11930, 0x11935), (0x11937, 0x11938),
    (0x1193B, 0x1193C), (0x11940, 0x11940), (0x11942, 0x11942), (0x119D1, 0x119D7), (0x119DA, 0x119DF),
    (0x119E4, 0x119E4), (0x11A01, 0x11A0A), (0x11A35, 0x11A39), (0x11A3B, 0x11A3E), (0x11A51, 0x11A5B),
    (0x11A8A, 0x11A97), (0x11B60, 0x11B67), (0x11BC0, 0x11BE0), (0x11C2F, 0x11C36), (0x11C38, 0x11C3E),
    (0x11C92, 0x11CA7), (0x11CA9, 0x11CB6), (0x11D31, 0x11D36), (0x11D3A, 0x11D3A), (0x11D3C, 0x11D3D),
    (0x11D3F, 0x11D41), (0x11D43, 0x11D43), (0x11D47, 0x11D47), (0x11D8A, 0x11D8E), (0x11D90, 0x11D91),
    (0x11D93, 0x11D96), (0x11DB0, 0x11DDB), (0x11EF3, 0x11EF6), (0x11F00, 0x11F10), (0x11F12, 0x11F3A),
    (0x11F3E, 0x11F40), (0x12400, 0x1246E), (0x1342F, 0x1342F), (0x13441, 0x13446), (0x13460, 0x143FA),
    (0x16100, 0x1612E), (0x16D40, 0x16D6C), (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16F4F, 0x16F4F),
    (0x16F51, 0x16F87), (0x16F8F, 0x16F92), (0x16FF0, 0x16FF6), (0x187F8, 0x187FF), (0x18CFF, 0x18CFF),
    (0x18D09, 0x18D1E), (0x18D80, 0x18DF2), (0x1B132, 0x1B132), (0x1B155, 0x1B155), (0x1BC9E, 0x1BC9E),
    (0x1DF25, 0x1DF2A), (0x1E000, 0x1E006), (0x1E008, 0x1E018), (0x1E01B, 0x1E021), (0x1E023, 0x1E024),
    (0x1E026, 0x1E02A), (0x1E030, 0x1E06D), (0x1E08F, 0x1E08F), (0x1E4D0, 0x1E4EB), (0x1E5D0, 0x1E5ED),
    (0x1E5F0, 0x1E5F0), (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF), (0x1E947, 0x1E947),
    (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189), (0x2B739, 0x2B73F), (0x2CEA2, 0x2CEAD),
    (0x2EBF0, 0x2EE5D), (0x31350, 0x33479),
];

/// Code points where CPython 3.11's `isnumeric` disagrees with `char::is_numeric`.
#[rustfmt::skip]
const NUMERIC_XOR: &[(u32, u32)] = &[
    (0x3405, 0x3405), (0x3483, 0x3483), (0x382A, 0x382A), (0x3B4D, 0x3B4D), (0x4E00, 0x4E00),
    (0x4E03, 0x4E03), (0x4E07, 0x4E07), (0x4E09, 0x4E09), (0x4E5D, 0x4E5D), (0x4E8C, 0x4E8C),
    (0x4E94, 0x4E94), (0x4E96, 0x4E96), (0x4EBF, 0x4EC0), (0x4EDF, 0x4EDF), (0x4EE8, 0x4EE8),
    (0x4F0D, 0x4F0D), (0x4F70, 0x4F70), (0x5104, 0x5104), (0x5146, 0x5146), (0x5169, 0x5169),
    (0x516B, 0x516B), (0x516D, 0x516D), (0x5341, 0x5341), (0x5343, 0x5345), (0x534C, 0x534C),
    (0x53C1, 0x53C4), (0x56DB, 0x56DB), (0x58F1, 0x58F1), (0x58F9, 0x58F9), (0x5E7A, 0x5E7A),
    (0x5EFE, 0x5EFF), (0x5F0C, 0x5F0E), (0x5F10, 0x5F10), (0x62FE, 0x62FE), (0x634C, 0x634C),
    (0x67D2, 0x67D2), (0x6F06, 0x6F06), (0x7396, 0x7396), (0x767E, 0x767E), (0x8086, 0x8086),
    (0x842C, 0x842C), (0x8CAE, 0x8CAE), (0x8CB3, 0x8CB3), (0x8D30, 0x8D30), (0x9621, 0x9621),
    (0x9646, 0x9646), (0x964C, 0x964C), (0x9678, 0x9678), (0x96F6, 0x96F6), (0xF96B, 0xF96B),
    (0xF973, 0xF973), (0xF978, 0xF978), (0xF9B2, 0xF9B2), (0xF9D1, 0xF9D1), (0xF9D3, 0xF9D3),
    (0xF9FD, 0xF9FD), (0x10D40, 0x10D49), (0x116D0, 0x116E3), (0x11BF0, 0x11BF9), (0x11DE0, 0x11DE9),
    (0x11F50, 0x11F59), (0x16130, 0x16139), (0x16D70, 0x16D79), (0x16FF4, 0x16FF6), (0x1CCF0, 0x1CCF9),
    (0x1D2C0, 0x1D2D3), (0x1E4F0, 0x1E4F9), (0x1E5F1, 0x1E5FA), (0x20001, 0x20001), (0x20064, 0x20064),
    (0x200E2, 0x200E2), (0x20121, 0x20121), (0x2092A, 0x2092A), (0x20983, 0x20983), (0x2098C, 0x2098C),
    (0x2099C, 0x2099C), (0x20AEA, 0x20AEA), (0x20AFD, 0x20AFD), (0x20B19, 0x20B19), (0x22390, 0x22390),
    (0x22998, 0x22998), (0x23B1B, 0x23B1B), (0x2626D, 0x2626D), (0x2F890, 0x2F890),
];

/// The zero of every run of ten decimal digits (category Nd) in Unicode 14.
#[rustfmt::skip]
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
    0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0,
    0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2,
    0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Digits that are not decimals (superscripts, circled digits, ...).
#[rustfmt::skip]
const DIGIT_EXTRA: &[(u32, u32)] = &[
    (0xB2, 0xB3), (0xB9, 0xB9), (0x1369, 0x1371), (0x19DA, 0x19DA), (0x2070, 0x2070),
    (0x2074, 0x2079), (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247C), (0x2488, 0x2490),
    (0x24EA, 0x24EA), (0x24F5, 0x24FD), (0x24FF, 0x24FF), (0x2776, 0x277E), (0x2780, 0x2788),
    (0x278A, 0x2792), (0x10A40, 0x10A43), (0x10E60, 0x10E68), (0x11052, 0x1105A), (0x1F100, 0x1F10A),
];

/// Code points where CPython 3.11's identifier-start test disagrees with
/// `_ | isalpha | (is_alphabetic & is_numeric)`.
#[rustfmt::skip]
const ID_START_XOR: &[(u32, u32)] = &[
    (0x37A, 0x37A), (0xE33, 0xE33), (0xEB3, 0xEB3), (0x1885, 0x1886), (0x2118, 0x2118),
    (0x212E, 0x212E), (0x2E2F, 0x2E2F), (0xFC5E, 0xFC63), (0xFDFA, 0xFDFB), (0xFE70, 0xFE70),
    (0xFE72, 0xFE72), (0xFE74, 0xFE74), (0xFE76, 0xFE76), (0xFE78, 0xFE78), (0xFE7A, 0xFE7A),
    (0xFE7C, 0xFE7C), (0xFE7E, 0xFE7E), (0xFF9E, 0xFF9F), (0x16FF4, 0x16FF6),
];

/// Code points where CPython 3.11's identifier-continue test disagrees with
/// `id_start | isdecimal | is_alphabetic | Grapheme_Extend | Other_ID_Continue | Pc`.
#[rustfmt::skip]
const ID_CONTINUE_XOR: &[(u32, u32)] = &[
    (0x37A, 0x37A), (0x488, 0x489), (0x88F, 0x88F), (0x897, 0x897), (0xC5C, 0xC5C),
    (0xCDC, 0xCDC), (0xCF3, 0xCF3), (0xECE, 0xECE), (0xF3E, 0xF3F), (0x1ABE, 0x1ABE),
    (0x1ACF, 0x1ADD), (0x1AE0, 0x1AEB), (0x1C89, 0x1C8A), (0x1CE1, 0x1CE1), (0x1CF7, 0x1CF7),
    (0x20DD, 0x20E0), (0x20E2, 0x20E4), (0x24B6, 0x24E9), (0x2E2F, 0x2E2F), (0xA670, 0xA672),
    (0xA7CB, 0xA7CF), (0xA7D2, 0xA7D2), (0xA7D4, 0xA7D4), (0xA7DA, 0xA7DC), (0xA7F1, 0xA7F1),
    (0xABEC, 0xABEC), (0xFC5E, 0xFC63), (0xFDFA, 0xFDFB), (0xFE70, 0xFE70), (0xFE72, 0xFE72),
    (0xFE74, 0xFE74), (0xFE76, 0xFE76), (0xFE78, 0xFE78), (0xFE7A, 0xFE7A), (0xFE7C, 0xFE7C),
    (0xFE7E, 0xFE7E), (0x105C0, 0x105F3), (0x10940, 0x10959), (0x10D4A, 0x10D65), (0x10D69, 0x10D6D),
    (0x10D6F, 0x10D85), (0x10EC2, 0x10EC7), (0x10EFA, 0x10EFF), (0x1123F, 0x11241), (0x11380, 0x11389),
    (0x1138B, 0x1138B), (0x1138E, 0x1138E), (0x11390, 0x113B5), (0x113B7, 0x113C0), (0x113C2, 0x113C2),
    (0x113C5, 0x113C5), (0x113C7, 0x113CA), (0x113CC, 0x113D3), (0x113E1, 0x113E2), (0x11B60, 0x11B67),
    (0x11BC0, 0x11BE0), (0x11DB0, 0x11DDB), (0x11F00, 0x11F10), (0x11F12, 0x11F3A), (0x11F3E, 0x11F42),
    (0x11F5A, 0x11F5A), (0x1342F, 0x1342F), (0x13440, 0x13455), (0x13460, 0x143FA), (0x16100, 0x1612F),
    (0x16D40, 0x16D6C), (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16FF2, 0x16FF6), (0x187F8, 0x187FF),
    (0x18CFF, 0x18CFF), (0x18D09, 0x18D1E), (0x18D80, 0x18DF2), (0x1B132, 0x1B132), (0x1B155, 0x1B155),
    (0x1DF25, 0x1DF2A), (0x1E030, 0x1E06D), (0x1E08F, 0x1E08F), (0x1E4D0, 0x1E4EF), (0x1E5D0, 0x1E5F0),
    (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF), (0x1F130, 0x1F149), (0x1F150, 0x1F169),
    (0x1F170, 0x1F189), (0x2B739, 0x2B73F), (0x2CEA2, 0x2CEAD), (0x2EBF0, 0x2EE5D), (0x31350, 0x33479),
];

/// Code points where CPython 3.11's `isprintable` disagrees with Rust's `escape_debug`.
#[rustfmt::skip]
const PRINTABLE_XOR: &[(u32, u32)] = &[
    (0x88F, 0x88F), (0x897, 0x897), (0xC5C, 0xC5C), (0xCDC, 0xCDC), (0xCF3, 0xCF3),
    (0xECE, 0xECE), (0x1ACF, 0x1ADD), (0x1AE0, 0x1AEB), (0x1B4E, 0x1B4F), (0x1B7F, 0x1B7F),
    (0x1C89, 0x1C8A), (0x20C1, 0x20C1), (0x2427, 0x2429), (0x2B96, 0x2B96), (0x2FFC, 0x2FFF),
    (0x31E4, 0x31E5), (0x31EF, 0x31EF), (0xA7CB, 0xA7CF), (0xA7D2, 0xA7D2), (0xA7D4, 0xA7D4),
    (0xA7DA, 0xA7DC), (0xA7F1, 0xA7F1), (0xFBC3, 0xFBD2), (0xFD90, 0xFD91), (0xFDC8, 0xFDCE),
    (0x105C0, 0x105F3), (0x10940, 0x10959), (0x10D40, 0x10D65), (0x10D69, 0x10D85), (0x10D8E, 0x10D8F),
    (0x10EC2, 0x10EC7), (0x10ED0, 0x10ED8), (0x10EFA, 0x10EFF), (0x1123F, 0x11241), (0x11380, 0x11389),
    (0x1138B, 0x1138B), (0x1138E, 0x1138E), (0x11390, 0x113B5), (0x113B7, 0x113C0), (0x113C2, 0x113C2),
    (0x113C5, 0x113C5), (0x113C7, 0x113CA), (0x113CC, 0x113D5), (0x113D7, 0x113D8), (0x113E1, 0x113E2),
    (0x116D0, 0x116E3), (0x11B00, 0x11B09), (0x11B60, 0x11B67), (0x11BC0, 0x11BE1), (0x11BF0, 0x11BF9),
    (0x11DB0, 0x11DDB), (0x11DE0, 0x11DE9), (0x11F00, 0x11F10), (0x11F12, 0x11F3A), (0x11F3E, 0x11F5A),
    (0x1342F, 0x1342F), (0x13440, 0x13455), (0x13460, 0x143FA), (0x16100, 0x16139), (0x16D40, 0x16D79),
    (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16FF2, 0x16FF6), (0x187F8, 0x187FF), (0x18CFF, 0x18CFF),
    (0x18D09, 0x18D1E), (0x18D80, 0x18DF2), (0x1B132, 0x1B132), (0x1B155, 0x1B155), (0x1CC00, 0x1CCFC),
    (0x1CD00, 0x1CEB3), (0x1CEBA, 0x1CED0), (0x1CEE0, 0x1CEF0), (0x1D2C0, 0x1D2D3), (0x1DF25, 0x1DF2A),
    (0x1E030, 0x1E06D), (0x1E08F, 0x1E08F), (0x1E4D0, 0x1E4F9), (0x1E5D0, 0x1E5FA), (0x1E5FF, 0x1E5FF),
    (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF), (0x1F6D8, 0x1F6D8), (0x1F6DC, 0x1F6DC),
    (0x1F774, 0x1F77F), (0x1F7D9, 0x1F7D9), (0x1F8B2, 0x1F8BB), (0x1F8C0, 0x1F8C1), (0x1F8D0, 0x1F8D8),
    (0x1FA54, 0x1FA57), (0x1FA75, 0x1FA77), (0x1FA87, 0x1FA8A), (0x1FA8E, 0x1FA8F), (0x1FAAD, 0x1FAAF),
    (0x1FABB, 0x1FABF), (0x1FAC6, 0x1FAC6), (0x1FAC8, 0x1FAC8), (0x1FACD, 0x1FACF), (0x1FADA, 0x1FADC),
    (0x1FADF, 0x1FADF), (0x1FAE8, 0x1FAEA), (0x1FAEF, 0x1FAEF), (0x1FAF7, 0x1FAF8), (0x1FBCB, 0x1FBEF),
    (0x1FBFA, 0x1FBFA), (0x2B739, 0x2B73F), (0x2CEA2, 0x2CEAD), (0x2EBF0, 0x2EE5D), (0x31350, 0x33479),
];
