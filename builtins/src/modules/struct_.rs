//! `_struct`: packing values into bytes and back by a format string
//! (`struct.py` re-exports all of it), as CPython 3.11's C module.
//!
//! A format is compiled once into runs of one format character each
//! (`Struct`); the module-level functions keep compiled formats in a cache,
//! as CPython does (`_clearcache` empties it).

use super::native::{keywords, methods, new_args, positional, property, ssize, this};
use super::set;
use crate::modules::native::buffer_arg;
use molt_vm::class::{lookup, type_name, type_of};
use molt_vm::object::{Kind, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use num_traits::ToPrimitive;
use std::cell::Cell;

thread_local! {
    /// `struct.error`, the `Struct` and iterator classes, and the format cache (a dict).
    static ERROR: Cell<Value> = const { Cell::new(Value::NONE) };
    static STRUCT: Cell<Value> = const { Cell::new(Value::NONE) };
    static ITER: Cell<Value> = const { Cell::new(Value::NONE) };
    static CACHE: Cell<Value> = const { Cell::new(Value::NONE) };
}

/// CPython empties the cache when it reaches this many formats.
const MAX_CACHE: usize = 100;

fn error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let c = ERROR.with(|c| c.get());
    vm.err(c, msg)
}

// ----- compiling a format -----

#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// `@`: native order, size and alignment.
    Native,
    Little,
    Big,
}

/// One format character with its repeat count.  For `s` and `p` the count
/// is the length of the one item; for `x` there is no item.
#[derive(Clone, Copy)]
struct Run {
    ch: u8,
    offset: usize,
    /// Size of one item.
    size: usize,
    /// Number of items (values consumed or produced).
    repeat: usize,
}

#[derive(Clone)]
struct Compiled {
    order: Order,
    native: bool,
    runs: Vec<Run>,
    size: usize,
    items: usize,
}

/// Size and alignment of a format character; None if it does not exist
/// in this mode (`n`, `N`, `P` are native only).
fn char_size(ch: u8, native: bool) -> Option<(usize, usize)> {
    let s = match ch {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    };
    Some((s, if native { s } else { 1 }))
}

fn compile(vm: &mut Vm, fmt: &[u8]) -> PyResult<Compiled> {
    let (order, native, body) = match fmt.first() {
        Some(b'@') => (Order::Native, true, &fmt[1..]),
        Some(b'=') => (native_order(), false, &fmt[1..]),
        Some(b'<') => (Order::Little, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Order::Big, false, &fmt[1..]),
        _ => (Order::Native, true, fmt),
    };
    let too_long = |vm: &mut Vm| error(vm, "total struct size too long");
    let mut runs = Vec::new();
    let (mut size, mut items) = (0usize, 0usize);
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if c.is_ascii_whitespace() || c == 0x0b {
            continue;
        }
        let mut num = 1usize;
        if c.is_ascii_digit() {
            num = (c - b'0') as usize;
            loop {
                let Some(&d) = body.get(i) else {
                    return Err(error(vm, "repeat count given without format specifier"));
                };
                i += 1;
                if !d.is_ascii_digit() {
                    c = d;
                    break;
                }
                num = match num
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((d - b'0') as usize))
                {
                    Some(n) if n <= isize::MAX as usize => n,
                    _ => return Err(too_long(vm)),
                };
            }
        }
        let Some((isz, align)) = char_size(c, native) else {
            return Err(error(vm, "bad char in struct format"));
        };
        // Native mode aligns each item (a `0l` only aligns).
        if native && align > 1 {
            size = match size.checked_add((align - size % align) % align) {
                Some(s) => s,
                None => return Err(too_long(vm)),
            };
        }
        let (item_size, repeat, bytes) = match c {
            b's' | b'p' => (num, 1, num),
            b'x' => (1, 0, num),
            _ => match isz.checked_mul(num) {
                Some(b) => (isz, num, b),
                None => return Err(too_long(vm)),
            },
        };
        runs.push(Run {
            ch: c,
            offset: size,
            size: item_size,
            repeat,
        });
        size = match size.checked_add(bytes) {
            Some(s) if s <= isize::MAX as usize => s,
            _ => return Err(too_long(vm)),
        };
        items += repeat;
    }
    Ok(Compiled {
        order,
        native,
        runs,
        size,
        items,
    })
}

fn native_order() -> Order {
    if cfg!(target_endian = "little") {
        Order::Little
    } else {
        Order::Big
    }
}

// ----- packing -----

/// The integer a format packs: ints, or objects with `__index__`.
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<Option<i128>> {
    let v = match num_of(v) {
        Some(Num::Small(_)) | Some(Num::Big(_)) => v,
        _ => {
            let cls = type_of(vm, v);
            if lookup(vm, cls, vm.names.__index__).is_none() {
                return Err(error(vm, "required argument is not an integer"));
            }
            ops::convert::index_value(vm, v)?
        }
    };
    Ok(match num_of(v) {
        Some(Num::Small(n)) => Some(n as i128),
        Some(Num::Big(b)) => b.to_i128(),
        _ => None,
    })
}

fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match ops::convert::to_f64(vm, v) {
        Ok(f) => Ok(f),
        Err(_) => Err(error(vm, "required argument is not a float")),
    }
}

/// Half precision (IEEE binary16) bits of `x`, rounded half to even; None
/// if it is too large.
fn f64_to_half(x: f64) -> Option<u16> {
    let sign = if x.is_sign_negative() { 0x8000u16 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    // 65520 is halfway between the largest half (65504) and 2**16.
    if a >= 65520.0 {
        return None;
    }
    if a < f64::powi(2.0, -14) {
        // Subnormal: a multiple of 2**-24 (1024 rounds up to the smallest normal).
        let m = (a * f64::powi(2.0, 24)).round_ties_even() as u16;
        return Some(sign | m);
    }
    let mut e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let frac = a / f64::powi(2.0, e) - 1.0;
    let mut m = (frac * 1024.0).round_ties_even() as u16;
    if m == 1024 {
        m = 0;
        e += 1;
    }
    Some(sign | (((e + 15) as u16) << 10) | m)
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    sign * match e {
        0 => m * f64::powi(2.0, -24),
        31 if m == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1024.0 + m) * f64::powi(2.0, e - 25),
    }
}

fn put(out: &mut [u8], order: Order, v: u64, size: usize) {
    for i in 0..size {
        let byte = (v >> (8 * i)) as u8;
        let at = match order {
            Order::Big => size - 1 - i,
            _ => match native_order() {
                Order::Big if order == Order::Native => size - 1 - i,
                _ => i,
            },
        };
        out[at] = byte;
    }
}

fn get(data: &[u8], order: Order, size: usize) -> u64 {
    let big = order == Order::Big || (order == Order::Native && native_order() == Order::Big);
    let mut v = 0u64;
    for i in 0..size {
        let b = if big { data[i] } else { data[size - 1 - i] };
        v = (v << 8) | b as u64;
    }
    v
}

/// Pack one integer item, with CPython's range checks and messages.  These
/// differ by mode: native (`@`, and the standard mode in this machine's byte
/// order, where CPython uses the native packers for the sizes that match)
/// and standard in the other byte order.
fn pack_int(vm: &mut Vm, c: &Compiled, ch: u8, size: usize, v: Value) -> PyResult<u64> {
    let x = int_arg(vm, v)?;
    let host = c.native || c.order == native_order();
    let swapped = host && !c.native && matches!(ch, b'l' | b'L');
    let native_like = host && !swapped;
    let signed =
        matches!(ch, b'b' | b'B' | b'h' | b'i' | b'l' | b'q' | b'n') || (ch == b'H' && native_like);
    let fits = match x {
        Some(x) if ch == b'P' => i64::try_from(x).is_ok() || u64::try_from(x).is_ok(),
        Some(x) if signed => i64::try_from(x).is_ok(),
        Some(x) => u64::try_from(x).is_ok(),
        None => false,
    };
    let x = match x {
        Some(x) if fits => x,
        _ => {
            let msg = if ch == b'P' || (!native_like && matches!(ch, b'q' | b'Q')) {
                "int too large to convert"
            } else {
                "argument out of range"
            };
            return Err(error(vm, msg));
        }
    };
    let out_of = |lo: i128, hi: i128| x < lo || x > hi;
    let msg = match ch {
        b'b' if out_of(-128, 127) => Some("byte format requires -128 <= number <= 127".into()),
        b'B' if out_of(0, 255) => Some("ubyte format requires 0 <= number <= 255".into()),
        b'h' if out_of(-32768, 32767) => Some(if native_like {
            "short format requires -32768 <= number <= 32767".into()
        } else {
            "'h' format requires -32768 <= number <= 32767".into()
        }),
        b'H' if out_of(0, 65535) => Some(if native_like {
            "ushort format requires 0 <= number <= 65535".into()
        } else {
            "'H' format requires 0 <= number <= 65535".into()
        }),
        b'i' | b'l' if size == 4 && out_of(i32::MIN as i128, i32::MAX as i128) => Some(format!(
            "'{}' format requires -2147483648 <= number <= 2147483647",
            ch as char
        )),
        b'I' | b'L' if size == 4 && out_of(0, u32::MAX as i128) => Some(format!(
            "'{}' format requires 0 <= number <= 4294967295",
            ch as char
        )),
        _ => None,
    };
    if let Some(m) = msg {
        let m: String = m;
        return Err(error(vm, m));
    }
    Ok(x as u64)
}

/// A zeroed buffer of `n` bytes; MemoryError rather than an abort when a
/// format like `1000000000000s` asks for too much.
fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        let c = vm.exc.MemoryError;
        return Err(PyErr(vm.new_exception(c, vec![])));
    }
    v.resize(n, 0);
    Ok(v)
}

/// Pack `args` into `out` (already zeroed, `c.size` long).
fn pack_into_buf(vm: &mut Vm, c: &Compiled, args: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut k = 0;
    for run in &c.runs {
        match run.ch {
            b'x' => {}
            b's' | b'p' => {
                let v = args[k];
                k += 1;
                let Some(data) = (match v.obj().map(|o| &o.kind) {
                    Some(Kind::Bytes(_)) | Some(Kind::ByteArray(_)) => ops::convert::bytes_of(v),
                    _ => None,
                }) else {
                    let m = format!("argument for '{}' must be a bytes object", run.ch as char);
                    return Err(error(vm, m));
                };
                let dst = &mut out[run.offset..run.offset + run.size];
                if run.ch == b's' {
                    let n = data.len().min(run.size);
                    dst[..n].copy_from_slice(&data[..n]);
                } else if run.size > 0 {
                    let n = data.len().min(run.size - 1);
                    dst[1..1 + n].copy_from_slice(&data[..n]);
                    dst[0] = n.min(255) as u8;
                }
            }
            ch => {
                for j in 0..run.repeat {
                    let v = args[k];
                    k += 1;
                    let at = run.offset + j * run.size;
                    let dst = &mut out[at..at + run.size];
                    pack_item(vm, c, ch, run.size, v, dst)?;
                }
            }
        }
    }
    Ok(())
}

fn pack_item(
    vm: &mut Vm,
    c: &Compiled,
    ch: u8,
    size: usize,
    v: Value,
    dst: &mut [u8],
) -> PyResult<()> {
    match ch {
        b'c' => match v.obj().map(|o| &o.kind) {
            Some(Kind::Bytes(b)) if b.len() == 1 => dst[0] = b[0],
            _ => return Err(error(vm, "char format requires a bytes object of length 1")),
        },
        b'?' => dst[0] = ops::convert::truthy(vm, v)? as u8,
        b'e' => {
            let f = float_arg(vm, v)?;
            let Some(h) = f64_to_half(f) else {
                let c = vm.exc.OverflowError;
                return Err(vm.err(c, "float too large to pack with e format"));
            };
            put(dst, c.order, h as u64, 2);
        }
        b'f' => {
            let f = float_arg(vm, v)?;
            let g = f as f32;
            if !c.native && g.is_infinite() && f.is_finite() {
                let c = vm.exc.OverflowError;
                return Err(vm.err(c, "float too large to pack with f format"));
            }
            put(dst, c.order, g.to_bits() as u64, 4);
        }
        b'd' => {
            let f = float_arg(vm, v)?;
            put(dst, c.order, f.to_bits(), 8);
        }
        _ => {
            let x = pack_int(vm, c, ch, size, v)?;
            put(dst, c.order, x, size);
        }
    }
    Ok(())
}

fn unpack_buf(vm: &mut Vm, c: &Compiled, data: &[u8]) -> Value {
    let mut out = Vec::with_capacity(c.items);
    for run in &c.runs {
        match run.ch {
            b'x' => {}
            b's' => out.push(vm.new_bytes(data[run.offset..run.offset + run.size].to_vec())),
            b'p' => {
                let d = &data[run.offset..run.offset + run.size];
                let v = match d.first() {
                    Some(&n) => d[1..1 + (n as usize).min(run.size - 1)].to_vec(),
                    None => vec![],
                };
                out.push(vm.new_bytes(v));
            }
            ch => {
                for j in 0..run.repeat {
                    let at = run.offset + j * run.size;
                    let d = &data[at..at + run.size];
                    let v = unpack_item(vm, c, ch, run.size, d);
                    out.push(v);
                }
            }
        }
    }
    vm.new_tuple(out)
}

fn unpack_item(vm: &mut Vm, c: &Compiled, ch: u8, size: usize, d: &[u8]) -> Value {
    match ch {
        b'c' => vm.new_bytes(vec![d[0]]),
        b'?' => Value::bool(d[0] != 0),
        b'e' => Value::float(half_to_f64(get(d, c.order, 2) as u16)),
        b'f' => Value::float(f32::from_bits(get(d, c.order, 4) as u32) as f64),
        b'd' => Value::float(f64::from_bits(get(d, c.order, 8))),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => {
            let raw = get(d, c.order, size);
            let shift = 64 - 8 * size as u32;
            vm.new_int(((raw << shift) as i64) >> shift)
        }
        _ => {
            let raw = get(d, c.order, size);
            match i64::try_from(raw) {
                Ok(n) => vm.new_int(n),
                Err(_) => vm.new_bigint(raw.into()),
            }
        }
    }
}

// ----- the Struct class -----

struct StructState {
    /// The format as a str (None before `__init__`).
    format: Value,
    code: Compiled,
}
impl NativeState for StructState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.format);
    }
}

fn empty_code() -> Compiled {
    Compiled {
        order: Order::Native,
        native: true,
        runs: vec![],
        size: 0,
        items: 0,
    }
}

fn st<'a>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'a mut StructState)> {
    this::<StructState>(vm, args, "_struct.Struct", meth)
}

/// The bytes of a format argument (str or bytes), or CPython's TypeError.
fn format_bytes(vm: &mut Vm, f: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = ops::str_of(f) {
        if !s.is_ascii() {
            return Err(error(vm, "bad char in struct format"));
        }
        if s.contains('\0') {
            return Err(error(vm, "embedded null character"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(Kind::Bytes(b)) = f.obj().map(|o| &o.kind) {
        return Ok(b.to_vec());
    }
    let msg = format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        type_name(vm, f)
    );
    Err(vm.type_error(msg))
}

fn struct_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, _) = new_args(vm, &args, "Struct")?;
    Ok(vm.new_native_object(
        cls,
        StructState {
            format: Value::NONE,
            code: empty_code(),
        },
    ))
}

fn struct_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "__init__")?;
    let a = keywords(vm, "Struct", &args.pos[1..], &args, &["format"], 1, 1)?;
    let f = a[0].unwrap_or(Value::NONE);
    let bytes = format_bytes(vm, f)?;
    let code = compile(vm, &bytes)?;
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let format = vm.new_string(text);
    let (_, s) = st(vm, &Args::new(&[me]), "__init__")?;
    s.format = format;
    s.code = code;
    Ok(Value::NONE)
}

fn struct_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(st(vm, &args, "format")?.1.format)
}

fn struct_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = st(vm, &args, "size")?.1.code.size;
    Ok(vm.new_int(n as i64))
}

/// Setters of the read-only attributes, with CPython's message.
fn set_format(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'format' of '_struct.Struct' objects is not writable"))
}

fn set_size(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'size' of '_struct.Struct' objects is not writable"))
}

fn struct_sizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = st(vm, &args, "__sizeof__")?.1;
    let n = 40 + 32 * (s.code.runs.len() + 1);
    Ok(vm.new_int(n as i64))
}

fn do_pack(vm: &mut Vm, s: Value, vals: &[Value], name: &str) -> PyResult<Value> {
    // A clone: packing may run Python code (`__index__`) that re-inits the Struct.
    let c = &st(vm, &Args::new(&[s]), name)?.1.code.clone();
    if vals.len() != c.items {
        let msg = format!(
            "pack expected {} items for packing (got {})",
            c.items,
            vals.len()
        );
        return Err(error(vm, msg));
    }
    let mut out = zeroed(vm, c.size)?;
    pack_into_buf(vm, c, vals, &mut out)?;
    Ok(vm.new_bytes(out))
}

fn do_pack_into(vm: &mut Vm, s: Value, a: &[Value]) -> PyResult<Value> {
    let c = &st(vm, &Args::new(&[s]), "pack_into")?.1.code.clone();
    if a.len() != c.items + 2 {
        let msg = match a.len() {
            0 => "pack_into expected buffer argument".to_string(),
            1 => "pack_into expected offset argument".to_string(),
            n => format!(
                "pack_into expected {} items for packing (got {})",
                c.items,
                n - 2
            ),
        };
        return Err(error(vm, msg));
    }
    let buf = a[0];
    let len = match buf.obj().map(|o| &o.kind) {
        Some(Kind::ByteArray(b)) => b.get().len() as i64,
        _ => {
            let msg = format!(
                "argument must be read-write bytes-like object, not {}",
                type_name(vm, buf)
            );
            return Err(vm.type_error(msg));
        }
    };
    let mut offset = ssize(vm, a[1])?;
    let size = c.size as i64;
    if offset < 0 {
        if offset + size > 0 {
            let msg = format!("no space to pack {} bytes at offset {}", size, offset);
            return Err(error(vm, msg));
        }
        if offset + len < 0 {
            let msg = format!("offset {} out of range for {}-byte buffer", offset, len);
            return Err(error(vm, msg));
        }
        offset += len;
    }
    if len - offset < size {
        let msg = format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
            size + offset,
            size,
            offset,
            len
        );
        return Err(error(vm, msg));
    }
    // Packing may run Python code (`__index__`) that resizes the buffer:
    // pack into a scratch buffer, then copy.
    let mut out = zeroed(vm, c.size)?;
    pack_into_buf(vm, c, &a[2..], &mut out)?;
    if let Some(Kind::ByteArray(b)) = buf.obj().map(|o| &o.kind) {
        let v = b.get();
        let start = offset as usize;
        if start + out.len() <= v.len() {
            v[start..start + out.len()].copy_from_slice(&out);
        }
    }
    Ok(Value::NONE)
}

fn do_unpack(vm: &mut Vm, s: Value, b: Value) -> PyResult<Value> {
    let data = buffer_arg(vm, b)?;
    let (_, state) = st(vm, &Args::new(&[s]), "unpack")?;
    if data.len() != state.code.size {
        let msg = format!("unpack requires a buffer of {} bytes", state.code.size);
        return Err(error(vm, msg));
    }
    Ok(unpack_buf(vm, &state.code, &data))
}

fn do_unpack_from(vm: &mut Vm, s: Value, b: Value, offset: Option<Value>) -> PyResult<Value> {
    let data = buffer_arg(vm, b)?;
    let mut offset = match offset {
        Some(o) => ssize(vm, o)?,
        None => 0,
    };
    let (_, state) = st(vm, &Args::new(&[s]), "unpack_from")?;
    let (len, size) = (data.len() as i64, state.code.size as i64);
    if offset < 0 {
        if offset + len < 0 {
            let msg = format!("offset {} out of range for {}-byte buffer", offset, len);
            return Err(error(vm, msg));
        }
        offset += len;
    }
    if len - offset < size {
        let msg = format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
            size + offset,
            size,
            offset,
            len
        );
        return Err(error(vm, msg));
    }
    let o = offset as usize;
    Ok(unpack_buf(vm, &state.code, &data[o..o + size as usize]))
}

struct UnpackIter {
    st: Value,
    data: Vec<u8>,
    pos: usize,
}
impl NativeState for UnpackIter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.st);
    }
}

fn do_iter_unpack(vm: &mut Vm, s: Value, b: Value) -> PyResult<Value> {
    let data = buffer_arg(vm, b)?;
    let (_, state) = st(vm, &Args::new(&[s]), "iter_unpack")?;
    let size = state.code.size;
    if size == 0 {
        return Err(error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % size != 0 {
        let msg = format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            size
        );
        return Err(error(vm, msg));
    }
    let cls = ITER.with(|c| c.get());
    Ok(vm.new_native_object(
        cls,
        UnpackIter {
            st: s,
            data,
            pos: 0,
        },
    ))
}

fn it<'a>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'a mut UnpackIter)> {
    this::<UnpackIter>(vm, args, "_struct.unpack_iterator", meth)
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, i) = it(vm, &args, "__next__")?;
    let (_, state) = st(vm, &Args::new(&[i.st]), "__next__")?;
    let size = state.code.size;
    if size == 0 || i.pos + size > i.data.len() {
        return Err(super::native::stop(vm));
    }
    let chunk = i.data[i.pos..i.pos + size].to_vec();
    i.pos += size;
    Ok(unpack_buf(vm, &state.code, &chunk))
}

fn iter_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, i) = it(vm, &args, "__length_hint__")?;
    let (_, state) = st(vm, &Args::new(&[i.st]), "__length_hint__")?;
    let size = state.code.size.max(1);
    let n = (i.data.len() - i.pos.min(i.data.len())) / size;
    Ok(vm.new_int(n as i64))
}

fn iter_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    // CPython's message, unbalanced quote included.
    Err(vm.type_error("Cannot create 'unpack_iterator objects"))
}

// Methods of Struct.

fn m_pack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "pack")?;
    no_kw(vm, "Struct.pack", &args)?;
    do_pack(vm, me, &args.pos[1..], "pack")
}

fn m_pack_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "pack_into")?;
    no_kw(vm, "Struct.pack_into", &args)?;
    do_pack_into(vm, me, &args.pos[1..])
}

fn m_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "unpack")?;
    let a = one_arg(vm, "Struct.unpack", &args.pos[1..], &args)?;
    do_unpack(vm, me, a)
}

fn m_unpack_from(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "unpack_from")?;
    let a = keywords(
        vm,
        "unpack_from",
        &args.pos[1..],
        &args,
        &["buffer", "offset"],
        1,
        2,
    )?;
    do_unpack_from(vm, me, a[0].unwrap_or(Value::NONE), a[1])
}

fn m_iter_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = st(vm, &args, "iter_unpack")?;
    let a = one_arg(vm, "Struct.iter_unpack", &args.pos[1..], &args)?;
    do_iter_unpack(vm, me, a)
}

// ----- module functions (through the cache) -----

fn cached(vm: &mut Vm, fmt: Value) -> PyResult<Value> {
    let cache = CACHE.with(|c| c.get());
    // As CPython, the cache is looked up first, so an unhashable format
    // fails there.
    if matches!(
        fmt.obj().map(|o| &o.kind),
        Some(Kind::ByteArray(_) | Kind::List(_) | Kind::Dict(_) | Kind::Set(_))
    ) {
        let msg = format!("unhashable type: '{}'", type_name(vm, fmt));
        return Err(vm.type_error(msg));
    }
    if let Some(s) = ops::dict_get(vm, cache, fmt)? {
        return Ok(s);
    }
    let cls = STRUCT.with(|c| c.get());
    let s = ops::call(vm, cls, Args::new(&[fmt]))?;
    if ops::convert::len_of(cache) >= MAX_CACHE {
        clear_cache();
    }
    ops::dict_set(vm, cache, fmt, s)?;
    Ok(s)
}

fn clear_cache() {
    let cache = CACHE.with(|c| c.get());
    if let Some(Kind::Dict(d)) = cache.obj().map(|o| &o.kind) {
        d.get().clear();
    }
}

fn no_kw(vm: &mut Vm, name: &str, args: &Args) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    Ok(())
}

/// The one argument of a METH_O function.
fn one_arg(vm: &mut Vm, name: &str, pos: &[Value], args: &Args) -> PyResult<Value> {
    no_kw(vm, name, args)?;
    match pos {
        [v] => Ok(*v),
        _ => {
            let msg = format!(
                "{}() takes exactly one argument ({} given)",
                name,
                pos.len()
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The format argument of `pack` and `pack_into`.
fn format_first(vm: &mut Vm, name: &str, args: &Args) -> PyResult<Value> {
    no_kw(vm, name, args)?;
    match args.pos.first() {
        Some(&f) => Ok(f),
        None => Err(vm.type_error("missing format argument")),
    }
}

fn pack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = format_first(vm, "_struct.pack", &args)?;
    let s = cached(vm, f)?;
    do_pack(vm, s, &args.pos[1..], "pack")
}

fn pack_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = format_first(vm, "_struct.pack_into", &args)?;
    let s = cached(vm, f)?;
    do_pack_into(vm, s, &args.pos[1..])
}

fn unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, "_struct.unpack", &args)?;
    let a = positional(vm, "unpack", args.pos, &args, 2, 2)?;
    let s = cached(vm, a[0])?;
    do_unpack(vm, s, a[1])
}

fn unpack_from(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        let msg = "unpack_from() takes at least 1 positional argument (0 given)";
        return Err(vm.type_error(msg));
    }
    let a = keywords(
        vm,
        "unpack_from",
        args.pos,
        &args,
        &["format", "buffer", "offset"],
        2,
        3,
    )?;
    let s = cached(vm, args.pos[0])?;
    do_unpack_from(vm, s, a[1].unwrap_or(Value::NONE), a[2])
}

fn iter_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, "_struct.iter_unpack", &args)?;
    let a = positional(vm, "iter_unpack", args.pos, &args, 2, 2)?;
    let s = cached(vm, a[0])?;
    do_iter_unpack(vm, s, a[1])
}

fn calcsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = one_arg(vm, "_struct.calcsize", args.pos, &args)?;
    let s = cached(vm, a)?;
    let n = st(vm, &Args::new(&[s]), "calcsize")?.1.code.size;
    Ok(vm.new_int(n as i64))
}

fn clearcache(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "_clearcache", args.pos, &args, 0, 0)?;
    clear_cache();
    Ok(Value::NONE)
}

const DOC: &str = "Functions to convert between Python values and C structs.
Python bytes objects are used to hold the data representing the C struct
and also as format strings (explained below) to describe the layout of data
in the C struct.

The optional first format char indicates byte order, size and alignment:
  @: native order, size & alignment (default)
  =: native order, std. size & alignment
  <: little-endian, std. size & alignment
  >: big-endian, std. size & alignment
  !: same as >

The remaining chars indicate types of args and must match exactly;
these can be preceded by a decimal repeat count:
  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;
  ?: _Bool (requires C99; if not available, char is used instead)
  h:short; H:unsigned short; i:int; I:unsigned int;
  l:long; L:unsigned long; f:float; d:double; e:half-float.
Special cases (preceding decimal count indicates length):
  s:string (array of char); p: pascal string (with count byte).
Special cases (only available in native format):
  n:ssize_t; N:size_t;
  P:an integer type that is wide enough to hold a pointer.
Special case (not in native mode unless 'long long' in platform C):
  q:long long; Q:unsigned long long
Whitespace between formats is ignored.

The variable struct.error is an exception raised on errors.
";

pub fn struct_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_struct");
    if ERROR.with(|c| c.get()).is_none() {
        let exc = vm.exc.Exception;
        let err = vm.make_native_class("struct", "error", &[exc], Layout::Exception, true);
        ERROR.with(|c| c.set(err));
        let cls = vm.make_native_class("_struct", "Struct", &[], Layout::Object, false);
        vm.native_classes.insert("Struct", cls);
        let list: &[(&'static str, NativeFn)] = &[
            ("__new__", struct_new),
            ("__init__", struct_init),
            ("pack", m_pack),
            ("pack_into", m_pack_into),
            ("unpack", m_unpack),
            ("unpack_from", m_unpack_from),
            ("iter_unpack", m_iter_unpack),
            ("__sizeof__", struct_sizeof),
        ];
        methods(vm, cls, list);
        let set = vm.new_native("format", set_format, Value::NONE);
        property(vm, cls, "format", struct_format, set);
        let set = vm.new_native("size", set_size, Value::NONE);
        property(vm, cls, "size", struct_size, set);
        STRUCT.with(|c| c.set(cls));
        let itc = vm.make_native_class("_struct", "unpack_iterator", &[], Layout::Object, false);
        let list: &[(&'static str, NativeFn)] = &[
            ("__new__", iter_new),
            ("__iter__", super::native::iter_self),
            ("__next__", iter_next),
            ("__length_hint__", iter_length_hint),
        ];
        methods(vm, itc, list);
        ITER.with(|c| c.set(itc));
        let cache = vm.new_dict();
        vm.roots.push(cache);
        CACHE.with(|c| c.set(cache));
    }
    let err = ERROR.with(|c| c.get());
    set(vm, m, "error", err);
    let cls = STRUCT.with(|c| c.get());
    set(vm, m, "Struct", cls);
    let doc = vm.new_str(DOC);
    set(vm, m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("pack", pack),
        ("pack_into", pack_into),
        ("unpack", unpack),
        ("unpack_from", unpack_from),
        ("iter_unpack", iter_unpack),
        ("calcsize", calcsize),
        ("_clearcache", clearcache),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
