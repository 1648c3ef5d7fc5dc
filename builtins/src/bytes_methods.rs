//! Methods of int, float, bytes and bytearray that convert between numbers
//! and bytes, and the mutating methods of bytearray.

use molt_vm::object::Kind;
use molt_vm::ops::arith::{num_of, to_bigint, Num};
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};
use num_bigint::{BigInt, Sign};

fn classmethod(vm: &mut Vm, cls: Value, name: &'static str, f: molt_vm::object::NativeFn) {
    let native = vm.new_native(name, f, cls);
    let c = vm.t.classmethod;
    let cm = vm.alloc(c, Kind::ClassMethod(native));
    vm.set_attr_str(cls, name, cm);
}

pub fn register(vm: &mut Vm) {
    let (int, float, bytes, bytearray) = (vm.t.int, vm.t.float, vm.t.bytes, vm.t.bytearray);
    vm.add_native(int, "to_bytes", int_to_bytes);
    classmethod(vm, int, "from_bytes", int_from_bytes);
    classmethod(vm, float, "fromhex", float_fromhex);
    classmethod(vm, bytes, "fromhex", bytes_fromhex);
    classmethod(vm, bytearray, "fromhex", bytes_fromhex);
    for (name, f) in [
        ("append", ba_append as molt_vm::object::NativeFn),
        ("extend", ba_extend),
        ("pop", ba_pop),
        ("insert", ba_insert),
        ("clear", ba_clear),
        ("reverse", ba_reverse),
        ("remove", ba_remove),
        ("copy", ba_copy),
    ] {
        vm.add_native(bytearray, name, f);
    }
}

fn byteorder(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v.map(str_of) {
        None => Ok(true),
        Some(Some("big")) => Ok(true),
        Some(Some("little")) => Ok(false),
        _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn int_to_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = crate::args::parse(vm, "to_bytes", &rest, &["length", "byteorder", "signed"], 0)?;
    let length = match a[0] {
        Some(l) => ops::to_index(vm, l)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big = byteorder(vm, a[1])?;
    let signed = match a[2] {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let n = to_bigint(args.pos[0]).unwrap_or_default();
    if n.sign() == Sign::Minus && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut le = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if le == [0] && length == 0 {
        le.clear();
    }
    if le.len() > length as usize {
        // Positive values may carry a redundant sign byte in two's complement.
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && n.sign() == Sign::Minus {
        0xff
    } else {
        0
    };
    le.resize(length as usize, fill);
    if big {
        le.reverse();
    }
    Ok(vm.new_bytes(le))
}

fn int_from_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = crate::args::parse(
        vm,
        "from_bytes",
        &rest,
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let data = match ops::convert::bytes_of(a[0].unwrap()) {
        Some(b) => b,
        None => {
            let items = ops::iter::collect(vm, a[0].unwrap())?;
            let mut out = vec![];
            for i in items {
                match num_of(i) {
                    Some(Num::Small(n)) if (0..256).contains(&n) => out.push(n as u8),
                    _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    let big = byteorder(vm, a[1])?;
    let signed = match a[2] {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let n = match (big, signed) {
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
    };
    Ok(vm.new_bigint(n))
}

fn float_fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args
        .pos
        .get(1)
        .and_then(|v| str_of(*v))
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let invalid = |vm: &mut Vm| vm.value_error("invalid hexadecimal floating-point string");
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let v = match body {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => match hex_to_f64(body) {
            Some(Ok(v)) => v,
            Some(Err(())) => {
                return Err(vm.overflow_error("hexadecimal value too large to represent as a float"))
            }
            None => return Err(invalid(vm)),
        },
    };
    Ok(Value::float(if neg { -v } else { v }))
}

/// An unsigned hexadecimal float ("1.8p3", "0x.1", "ffp-2"), correctly
/// rounded (half to even, subnormals included). None when malformed,
/// Some(Err) on overflow.
fn hex_to_f64(body: &str) -> Option<Result<f64, ()>> {
    use num_bigint::BigUint;
    let body = body.strip_prefix("0x").unwrap_or(body);
    let (mant, exp) = match body.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int_part, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac.is_empty() {
        return None;
    }
    let mut m = BigUint::from(0u32);
    for c in int_part.chars().chain(frac.chars()) {
        m = m * 16u32 + c.to_digit(16)?;
    }
    // The exponent, saturated: anything this large under- or overflows anyway.
    let mut e: i64 = 0;
    if let Some(es) = exp {
        let (eneg, digits) = match es.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, es.strip_prefix('+').unwrap_or(es)),
        };
        if digits.is_empty() {
            return None;
        }
        for c in digits.chars() {
            e = (e * 10 + c.to_digit(10)? as i64).min(1 << 40);
        }
        if eneg {
            e = -e;
        }
    }
    let e = e - 4 * frac.len() as i64;
    let bits = m.bits() as i64;
    if bits == 0 {
        return Some(Ok(0.0));
    }
    let top = bits + e; // value in [2**(top-1), 2**top)
    if top > 1024 {
        return Some(Err(()));
    }
    // Exponent of the last kept bit: 53 significant bits, or fewer when subnormal.
    let lsb = (top - 53).max(-1074);
    let q: u64 = if lsb > e {
        let shift = (lsb - e) as u64;
        if shift > bits as u64 + 1 {
            0
        } else {
            let q = &m >> shift;
            let rem = &m - (&q << shift);
            let half = BigUint::from(1u32) << (shift - 1);
            let q = q.to_u64_digits().first().copied().unwrap_or(0);
            if rem > half || (rem == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        }
    } else {
        let q = m << (e - lsb) as u64;
        q.to_u64_digits().first().copied().unwrap_or(0)
    };
    // q * 2**lsb exactly: for lsb == -1074 that is the bit pattern q itself.
    let v = if lsb == -1074 {
        f64::from_bits(q)
    } else {
        q as f64 * f64::from_bits(((lsb + 1023) as u64) << 52)
    };
    if v.is_infinite() {
        return Some(Err(()));
    }
    Some(Ok(v))
}

fn bytes_fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = match args.pos.get(1).and_then(|v| str_of(*v)) {
        Some(s) => s.to_string(),
        None => return Err(vm.type_error("fromhex() argument must be str")),
    };
    let digits: Vec<char> = s.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < digits.len() {
        if digits[i].is_whitespace() {
            i += 1;
            continue;
        }
        let hi = digits[i].to_digit(16);
        let lo = digits.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                let msg = format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    pos
                );
                return Err(vm.value_error(msg));
            }
        }
        i += 2;
    }
    let cls = args.pos[0];
    Ok(if cls.is(vm.t.bytearray) {
        vm.new_bytearray(out)
    } else {
        vm.new_bytes(out)
    })
}

fn buffer(v: Value) -> &'static mut Vec<u8> {
    match &v.as_obj().kind {
        Kind::ByteArray(b) => b.get(),
        _ => unreachable!("bytearray method on a non-bytearray"),
    }
}

fn ba_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "append", &Args::new(&args.pos[1..]), 1, 1)?;
    let b = ops::subscript::byte_value(vm, args.pos[1])?;
    buffer(args.pos[0]).push(b);
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "extend", &Args::new(&args.pos[1..]), 1, 1)?;
    let new = match ops::convert::bytes_of(args.pos[1]) {
        Some(b) => b,
        None => {
            let mut out = vec![];
            for i in ops::iter::collect(vm, args.pos[1])? {
                out.push(ops::subscript::byte_value(vm, i)?);
            }
            out
        }
    };
    buffer(args.pos[0]).extend(new);
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let buf = buffer(args.pos[0]);
    if buf.is_empty() {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match args.pos.get(1) {
        Some(v) => ops::to_index(vm, *v)?,
        None => -1,
    };
    let buf = buffer(args.pos[0]);
    let j = if i < 0 { i + buf.len() as i64 } else { i };
    if j < 0 || j as usize >= buf.len() {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(Value::small_int_unchecked(buf.remove(j as usize) as i64))
}

fn ba_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "insert", &Args::new(&args.pos[1..]), 2, 2)?;
    let i = ops::to_index(vm, args.pos[1])?;
    let b = ops::subscript::byte_value(vm, args.pos[2])?;
    let buf = buffer(args.pos[0]);
    let n = buf.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    buf.insert(j as usize, b);
    Ok(Value::NONE)
}

fn ba_clear(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    buffer(args.pos[0]).clear();
    Ok(Value::NONE)
}

fn ba_reverse(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    buffer(args.pos[0]).reverse();
    Ok(Value::NONE)
}

fn ba_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "remove", &Args::new(&args.pos[1..]), 1, 1)?;
    let b = ops::subscript::byte_value(vm, args.pos[1])?;
    let buf = buffer(args.pos[0]);
    match buf.iter().position(|x| *x == b) {
        Some(i) => {
            buf.remove(i);
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn ba_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = buffer(args.pos[0]).clone();
    Ok(vm.new_bytearray(b))
}
