//! Arithmetic: `binary` (+ - * / // % ** << >> & | ^ @), in-place forms and
//! unary operators, with immediate-int and float fast paths, big ints
//! (num-bigint) with Python's floor semantics, and the reflected-operand
//! protocol for user classes.

use crate::bytecode::{BinOp, UnOp};
use crate::class::{is_subclass, lookup_user, type_name, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A numeric operand seen through its builtin payload.
pub enum Num<'a> {
    Small(i64),
    Big(&'a BigInt),
    Float(f64),
    Complex(f64, f64),
}

pub fn num_of(v: Value) -> Option<Num<'static>> {
    if v.is_small_int() {
        return Some(Num::Small(v.as_small_int()));
    }
    if v.is_float() {
        return Some(Num::Float(v.as_float()));
    }
    if v.is_bool() {
        return Some(Num::Small((v.0 & 1) as i64));
    }
    match &v.obj()?.kind {
        Kind::Int(b) => Some(Num::Big(b)),
        Kind::Float(f) => Some(Num::Float(*f)),
        Kind::Complex(r, i) => Some(Num::Complex(*r, *i)),
        _ => None,
    }
}

/// The int value as a BigInt (for ints, bools and int subclasses).
pub fn to_bigint(v: Value) -> Option<BigInt> {
    match num_of(v)? {
        Num::Small(i) => Some(BigInt::from(i)),
        Num::Big(b) => Some(b.clone()),
        _ => None,
    }
}

/// The same int as a plain `int` value (drops bool/subclass identity).
pub fn int_value(vm: &mut Vm, v: Value) -> Value {
    match num_of(v) {
        Some(Num::Small(i)) => Value::small_int_unchecked(i),
        Some(Num::Big(b)) => {
            if v.as_obj().cls.get().is(vm.t.int) {
                v
            } else {
                let b = b.clone();
                vm.new_bigint(b)
            }
        }
        _ => v,
    }
}

pub fn bigint_to_f64(vm: &mut Vm, b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(vm.overflow_error("int too large to convert to float")),
    }
}

fn as_f64(vm: &mut Vm, n: &Num) -> PyResult<f64> {
    Ok(match n {
        Num::Small(i) => *i as f64,
        Num::Big(b) => bigint_to_f64(vm, b)?,
        Num::Float(f) => *f,
        Num::Complex(r, _) => *r,
    })
}

#[inline(always)]
pub fn binary(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    if a.is_small_int() && b.is_small_int() {
        if let Some(v) = small_int_op(op, a.as_small_int(), b.as_small_int()) {
            return Ok(v);
        }
    } else if let Some((x, y)) = float_operands(a, b) {
        if let Some(v) = float_fast(op, x, y) {
            return Ok(v);
        }
    }
    binary_slow(vm, op, a, b, false)
}

/// `a op= b`: `__iop__` first, then the binary operator.
pub fn inplace(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    if a.is_small_int() && b.is_small_int() {
        if let Some(v) = small_int_op(op, a.as_small_int(), b.as_small_int()) {
            return Ok(v);
        }
    } else if a.is_float() && b.is_float() {
        if let Some(v) = float_fast(op, a.as_float(), b.as_float()) {
            return Ok(v);
        }
    }
    if let Some(o) = a.obj() {
        match (&o.kind, op) {
            (Kind::List(l), BinOp::Add) if o.cls.get().is(vm.t.list) => {
                let items = super::iter::collect(vm, b)?;
                l.get().extend(items);
                return Ok(a);
            }
            (Kind::List(l), BinOp::Mul) if o.cls.get().is(vm.t.list) => {
                let n = repeat_count(vm, b)?;
                let items = l.get().clone();
                let v = l.get();
                v.clear();
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                return Ok(a);
            }
            _ => {}
        }
        let ta = o.cls.get();
        if !class_data(ta).builtin {
            let name = vm.binop_name(op, 2);
            if let Some(m) = lookup_user(vm, ta, name) {
                let r = super::call(vm, m, Args::new(&[a, b]))?;
                if !r.is(Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            }
        }
        if let (Kind::Set(_), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) = (&o.kind, op) {
            if matches!(
                b.obj().map(|o| &o.kind),
                Some(Kind::Set(_)) | Some(Kind::FrozenSet(_))
            ) {
                let r = binary_slow(vm, op, a, b, true)?;
                // Update in place with the result's contents.
                if let (Kind::Set(dst), Some(Kind::Set(src)) | Some(Kind::FrozenSet(src))) =
                    (&o.kind, r.obj().map(|o| &o.kind))
                {
                    let keys = src.get().keys();
                    dst.get().clear();
                    for k in keys {
                        super::set_add(vm, a, k)?;
                    }
                }
                return Ok(a);
            }
        }
        if let (Kind::Dict(_), BinOp::Or) = (&o.kind, op) {
            let entries: Vec<(Value, Value)> =
                if matches!(b.obj().map(|o| &o.kind), Some(Kind::Dict(_))) {
                    dict_entries(b)
                } else {
                    // `d |= iterable_of_pairs` behaves like update().
                    let mut out = vec![];
                    for item in super::iter::collect(vm, b)? {
                        let pair = super::iter::collect(vm, item)?;
                        if pair.len() != 2 {
                            let msg = format!(
                            "dictionary update sequence element #{} has length {}; 2 is required",
                            out.len(),
                            pair.len()
                        );
                            return Err(vm.value_error(msg));
                        }
                        out.push((pair[0], pair[1]));
                    }
                    out
                };
            for (k, v) in entries {
                super::dict_set(vm, a, k, v)?;
            }
            return Ok(a);
        }
    }
    binary_slow(vm, op, a, b, true)
}

fn dict_entries(d: Value) -> Vec<(Value, Value)> {
    match &d.as_obj().kind {
        Kind::Dict(dd) => dd.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    }
}

#[inline(always)]
fn small_int_op(op: BinOp, x: i64, y: i64) -> Option<Value> {
    // 48-bit operands: sums, differences and products of two fit in i64/i128.
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => {
            let p = x as i128 * y as i128;
            return Value::small_int(i64::try_from(p).ok()?);
        }
        BinOp::FloorDiv if y != 0 => {
            let q = x / y;
            if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        BinOp::Pow if (0..64).contains(&y) => return Value::small_int(x.checked_pow(y as u32)?),
        BinOp::Mod if y != 0 => {
            let r = x % y;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::TrueDiv if y != 0 => return Some(Value::float(x as f64 / y as f64)),
        BinOp::LShift if (0..16).contains(&y) => x << y,
        BinOp::RShift if y >= 0 => x >> y.min(63),
        _ => return None,
    };
    Value::small_int(r)
}

/// Both operands as floats when one is a float and the other a float or small int
/// (small ints are exact in a double).
#[inline(always)]
fn float_operands(a: Value, b: Value) -> Option<(f64, f64)> {
    let x = if a.is_float() {
        a.as_float()
    } else if a.is_small_int() {
        a.as_small_int() as f64
    } else {
        return None;
    };
    let y = if b.is_float() {
        b.as_float()
    } else if b.is_small_int() {
        b.as_small_int() as f64
    } else {
        return None;
    };
    Some((x, y))
}

#[inline(always)]
fn float_fast(op: BinOp, x: f64, y: f64) -> Option<Value> {
    Some(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// Keys and items views take part in set operators as sets of their elements.
fn view_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(Kind::DictView { which, .. }) = v.obj().map(|o| &o.kind) {
        if *which != 1 {
            let s = vm.new_set();
            for item in super::iter::collect(vm, v)? {
                super::set_add(vm, s, item)?;
            }
            return Ok(s);
        }
    }
    Ok(v)
}

fn binary_slow(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    let is_view = |v: Value| {
        matches!(
            v.obj().map(|o| &o.kind),
            Some(Kind::DictView { which: 0 | 2, .. })
        )
    };
    if matches!(op, BinOp::And | BinOp::Or | BinOp::Sub | BinOp::Xor) && (is_view(a) || is_view(b))
    {
        let sa = view_as_set(vm, a)?;
        let sb = match b.obj().map(|o| &o.kind) {
            Some(Kind::Set(_) | Kind::FrozenSet(_)) => b,
            _ => {
                let s = vm.new_set();
                for item in super::iter::collect(vm, b)? {
                    super::set_add(vm, s, item)?;
                }
                s
            }
        };
        if matches!(
            sa.obj().map(|o| &o.kind),
            Some(Kind::Set(_) | Kind::FrozenSet(_))
        ) {
            return set_op(vm, op, sa, sb);
        }
    }
    let ta = type_of(vm, a);
    let tb = type_of(vm, b);
    let user_a = !class_data(ta).builtin;
    let user_b = !class_data(tb).builtin;
    if !user_a && !user_b {
        if let Some(v) = native_binary(vm, op, a, b)? {
            return Ok(v);
        }
        return Err(unsupported(vm, op, a, b, inplace));
    }
    let fwd_name = vm.binop_name(op, 0);
    let rev_name = vm.binop_name(op, 1);
    let a_meth = if user_a {
        lookup_user(vm, ta, fwd_name)
    } else {
        None
    };
    let mut b_meth = if user_b && !ta.is(tb) {
        lookup_user(vm, tb, rev_name)
    } else {
        None
    };
    if let Some(bm) = b_meth {
        if is_subclass(tb, ta) {
            let r = super::call(vm, bm, Args::new(&[b, a]))?;
            if !r.is(Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
            b_meth = None;
        }
    }
    match a_meth {
        Some(am) => {
            let r = super::call(vm, am, Args::new(&[a, b]))?;
            if !r.is(Value::NOT_IMPLEMENTED) {
                return Ok(r);
            }
        }
        None => {
            if let Some(v) = native_binary(vm, op, a, b)? {
                return Ok(v);
            }
        }
    }
    if let Some(bm) = b_meth {
        let r = super::call(vm, bm, Args::new(&[b, a]))?;
        if !r.is(Value::NOT_IMPLEMENTED) {
            return Ok(r);
        }
    }
    // CPython's last resort for `*`: a builtin sequence repeated by any
    // object with `__index__`.
    if op == BinOp::Mul {
        for (seq, n) in [(a, b), (b, a)] {
            let tn = type_of(vm, n);
            if is_sequence(seq) && lookup_user(vm, tn, vm.names.__index__).is_some() {
                let count = super::convert::to_index(vm, n)?;
                let count = vm.new_int(count);
                if let Some(v) = native_binary(vm, op, seq, count)? {
                    return Ok(v);
                }
            }
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

fn unsupported(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> crate::PyErr {
    let ka = a.obj().map(|o| &o.kind);
    match (op, ka) {
        (BinOp::Add, Some(Kind::Str(_)))
        | (BinOp::Add, Some(Kind::List(_)))
        | (BinOp::Add, Some(Kind::Tuple(_))) => {
            let which = match ka {
                Some(Kind::Str(_)) => "str",
                Some(Kind::List(_)) => "list",
                _ => "tuple",
            };
            let msg = format!(
                "can only concatenate {} (not \"{}\") to {}",
                which,
                type_name(vm, b),
                which
            );
            return vm.type_error(msg);
        }
        (BinOp::Add, Some(Kind::Bytes(_) | Kind::ByteArray(_))) => {
            let msg = format!("can't concat {} to {}", type_name(vm, b), type_name(vm, a));
            return vm.type_error(msg);
        }
        (BinOp::Mul, _) if is_sequence(a) || is_sequence(b) => {
            let other = if is_sequence(a) { b } else { a };
            let msg = format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(vm, other)
            );
            return vm.type_error(msg);
        }
        _ => {}
    }
    let msg = if op == BinOp::Pow && !inplace {
        format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name(vm, a),
            type_name(vm, b)
        )
    } else {
        let sym = match (inplace, op) {
            (true, BinOp::Pow) => "**=".to_string(),
            (true, _) => format!("{}=", op.symbol()),
            _ => op.symbol().to_string(),
        };
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            sym,
            type_name(vm, a),
            type_name(vm, b)
        )
    };
    vm.type_error(msg)
}

fn is_sequence(v: Value) -> bool {
    matches!(
        v.obj().map(|o| &o.kind),
        Some(Kind::Str(_))
            | Some(Kind::List(_))
            | Some(Kind::Tuple(_))
            | Some(Kind::Bytes(_))
            | Some(Kind::ByteArray(_))
    )
}

fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<usize> {
    let i = match num_of(n) {
        Some(Num::Small(i)) => i,
        Some(Num::Big(b)) => {
            if b.is_negative() {
                0
            } else {
                return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
            }
        }
        _ => {
            let msg = format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(vm, n)
            );
            return Err(vm.type_error(msg));
        }
    };
    Ok(i.max(0) as usize)
}

fn is_int_like(v: Value) -> bool {
    matches!(num_of(v), Some(Num::Small(_)) | Some(Num::Big(_)))
}

/// The builtin types' own implementations; None means NotImplemented.
pub fn native_binary(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    if a.is_bool() && b.is_bool() && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
        let (x, y) = (a.is(Value::TRUE), b.is(Value::TRUE));
        return Ok(Some(Value::bool(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        })));
    }
    if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
        return numeric_binary(vm, op, x, y).map(Some);
    }
    if op == BinOp::Or
        && super::typeforms::union_operand(vm, a)
        && super::typeforms::union_operand(vm, b)
    {
        return super::typeforms::union(vm, a, b).map(Some);
    }
    let (ka, kb) = match (a.obj(), b.obj()) {
        (Some(x), Some(y)) => (&x.kind, &y.kind),
        (Some(x), None) => {
            return seq_repeat(vm, op, &x.kind, a, b);
        }
        (None, Some(y)) => {
            if op == BinOp::Mul && is_int_like(a) {
                return seq_repeat(vm, op, &y.kind, b, a);
            }
            return Ok(None);
        }
        _ => return Ok(None),
    };
    match (op, ka, kb) {
        (BinOp::Add, Kind::Str(x), Kind::Str(y)) => {
            let mut s = Vec::with_capacity(x.bytes().len() + y.bytes().len());
            s.extend_from_slice(x.bytes());
            s.extend_from_slice(y.bytes());
            Ok(Some(vm.new_text(s)))
        }
        (BinOp::Add, Kind::List(x), Kind::List(y)) => {
            let mut v = x.get().clone();
            v.extend_from_slice(y.get());
            Ok(Some(vm.new_list(v)))
        }
        (BinOp::Add, Kind::Tuple(x), Kind::Tuple(y)) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Ok(Some(vm.new_tuple(v)))
        }
        (BinOp::Add, Kind::Bytes(_) | Kind::ByteArray(_), _)
            if super::convert::bytes_of(b).is_some() =>
        {
            let mut v = super::convert::bytes_of(a).unwrap_or_default();
            v.extend(super::convert::bytes_of(b).unwrap_or_default());
            if matches!(ka, Kind::ByteArray(_)) {
                Ok(Some(vm.new_bytearray(v)))
            } else {
                Ok(Some(vm.new_bytes(v)))
            }
        }
        (BinOp::Mod, Kind::Str(_), _) => {
            let r = crate::format::percent_format(vm, a, b)?;
            Ok(Some(r))
        }
        (BinOp::Mod, Kind::Bytes(_), _) => {
            let r = crate::format::percent_format_bytes(vm, a, b)?;
            Ok(Some(r))
        }
        (
            BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
            Kind::Set(_) | Kind::FrozenSet(_),
            Kind::Set(_) | Kind::FrozenSet(_),
        ) => set_op(vm, op, a, b).map(Some),
        (BinOp::Or, Kind::Dict(_), Kind::Dict(_)) => {
            let d = vm.new_dict();
            for (k, v) in dict_entries(a).into_iter().chain(dict_entries(b)) {
                super::dict_set(vm, d, k, v)?;
            }
            Ok(Some(d))
        }
        _ => {
            if op == BinOp::Mul {
                if is_int_like(b) {
                    return seq_repeat(vm, op, ka, a, b);
                }
                if is_int_like(a) {
                    return seq_repeat(vm, op, kb, b, a);
                }
            }
            Ok(None)
        }
    }
}

fn seq_repeat(vm: &mut Vm, op: BinOp, k: &Kind, seq: Value, n: Value) -> PyResult<Option<Value>> {
    if op != BinOp::Mul || !is_int_like(n) {
        if op == BinOp::Mod {
            if let Kind::Str(_) = k {
                return crate::format::percent_format(vm, seq, n).map(Some);
            }
        }
        return Ok(None);
    }
    let count = repeat_count(vm, n)?;
    let check = |vm: &mut Vm, len: usize| -> PyResult<()> {
        if len
            .checked_mul(count)
            .map_or(true, |t| t > (isize::MAX as usize) / 16)
        {
            let c = vm.exc.MemoryError;
            return Err(vm.err(c, ""));
        }
        Ok(())
    };
    Ok(Some(match k {
        Kind::Str(s) => {
            check(vm, s.bytes().len())?;
            vm.new_text(s.bytes().repeat(count))
        }
        Kind::List(l) => {
            let items = l.get();
            check(vm, items.len())?;
            let mut v = Vec::with_capacity(items.len() * count);
            for _ in 0..count {
                v.extend_from_slice(items);
            }
            vm.new_list(v)
        }
        Kind::Tuple(t) => {
            check(vm, t.len())?;
            let mut v = Vec::with_capacity(t.len() * count);
            for _ in 0..count {
                v.extend_from_slice(t);
            }
            vm.new_tuple(v)
        }
        Kind::Bytes(b) => {
            check(vm, b.len())?;
            vm.new_bytes(b.repeat(count))
        }
        Kind::ByteArray(b) => {
            let b = b.get().repeat(count);
            vm.new_bytearray(b)
        }
        _ => return Ok(None),
    }))
}

fn set_op(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    let frozen = matches!(a.as_obj().kind, Kind::FrozenSet(_));
    let result = if frozen {
        vm.new_frozenset()
    } else {
        vm.new_set()
    };
    let keys = |v: Value| match &v.as_obj().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => s.get().keys(),
        _ => vec![],
    };
    match op {
        BinOp::Or => {
            for k in keys(a).into_iter().chain(keys(b)) {
                super::set_add(vm, result, k)?;
            }
        }
        BinOp::And => {
            let (small, big) = if super::convert::len_of(a) <= super::convert::len_of(b) {
                (a, b)
            } else {
                (b, a)
            };
            for k in keys(small) {
                if super::set_contains(vm, big, k)? {
                    super::set_add(vm, result, k)?;
                }
            }
        }
        BinOp::Sub => {
            for k in keys(a) {
                if !super::set_contains(vm, b, k)? {
                    super::set_add(vm, result, k)?;
                }
            }
        }
        _ => {
            for k in keys(a) {
                if !super::set_contains(vm, b, k)? {
                    super::set_add(vm, result, k)?;
                }
            }
            for k in keys(b) {
                if !super::set_contains(vm, a, k)? {
                    super::set_add(vm, result, k)?;
                }
            }
        }
    }
    Ok(result)
}

fn numeric_binary(vm: &mut Vm, op: BinOp, x: Num, y: Num) -> PyResult<Value> {
    match (&x, &y) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => complex_binary(vm, op, x, y),
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            if matches!(
                op,
                BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::MatMul
            ) {
                return Err(vm.type_error(format!(
                    "unsupported operand type(s) for {}: '{}' and '{}'",
                    op.symbol(),
                    num_type_name(&x),
                    num_type_name(&y)
                )));
            }
            let a = as_f64(vm, &x)?;
            let b = as_f64(vm, &y)?;
            float_binary(vm, op, a, b)
        }
        _ => {
            let a = match x {
                Num::Small(i) => BigInt::from(i),
                Num::Big(b) => b.clone(),
                _ => unreachable!(),
            };
            let b = match y {
                Num::Small(i) => BigInt::from(i),
                Num::Big(b) => b.clone(),
                _ => unreachable!(),
            };
            int_binary(vm, op, a, b)
        }
    }
}

fn num_type_name(n: &Num) -> &'static str {
    match n {
        Num::Small(_) | Num::Big(_) => "int",
        Num::Float(_) => "float",
        Num::Complex(..) => "complex",
    }
}

fn int_binary(vm: &mut Vm, op: BinOp, a: BigInt, b: BigInt) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            a.div_floor(&b)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            a.mod_floor(&b)
        }
        BinOp::TrueDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            return int_true_div(vm, &a, &b);
        }
        BinOp::Pow => {
            if b.is_negative() {
                let fa = bigint_to_f64(vm, &a)?;
                let fb = bigint_to_f64(vm, &b)?;
                return float_binary(vm, BinOp::Pow, fa, fb);
            }
            let e = match b.to_u32() {
                Some(e) => e,
                None => {
                    if a.is_zero() || a == BigInt::from(1) {
                        return Ok(vm.new_bigint(a));
                    }
                    if a == BigInt::from(-1) {
                        return Ok(vm.new_int(if b.is_even() { 1 } else { -1 }));
                    }
                    let c = vm.exc.MemoryError;
                    return Err(vm.err(c, ""));
                }
            };
            if a.bits() as u128 * e as u128 > 1 << 34 {
                let c = vm.exc.MemoryError;
                return Err(vm.err(c, ""));
            }
            num_traits::pow::Pow::pow(a, e)
        }
        BinOp::LShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let s = match b.to_usize() {
                Some(s) if s < (1 << 34) => s,
                _ => {
                    if a.is_zero() {
                        return Ok(Value::small_int_unchecked(0));
                    }
                    return Err(vm.overflow_error("too many digits in integer"));
                }
            };
            a << s
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_usize() {
                Some(s) => a >> s,
                None => BigInt::from(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::And => a & b,
        BinOp::Or => a | b,
        BinOp::Xor => a ^ b,
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"));
        }
    };
    Ok(vm.new_bigint(r))
}

/// int / int, correctly rounded even for big operands.
fn int_true_div(vm: &mut Vm, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(Value::float(x as f64 / y as f64));
        }
    }
    // Scale so the integer quotient carries about 64 significant bits.
    let neg = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let shift = b.bits() as i64 - a.bits() as i64 + 64;
    let q = if shift > 0 {
        (a << shift as usize) / b
    } else {
        a / (b << (-shift) as usize)
    };
    let mut v = q.to_f64().unwrap_or(f64::INFINITY);
    // Multiply by 2**-shift in steps that cannot overflow or underflow early.
    let mut e = -shift;
    while e > 0 {
        let step = e.min(1000);
        v *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        v /= 2f64.powi(step as i32);
        e += step;
    }
    if v.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(Value::float(if neg { -v } else { v }))
}

pub fn float_binary(vm: &mut Vm, op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => return float_pow(vm, a, b),
        _ => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )))
        }
    };
    Ok(Value::float(r))
}

/// CPython's float divmod: (floor quotient, remainder with the divisor's sign).
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_pow(vm: &mut Vm, a: f64, b: f64) -> PyResult<Value> {
    if b == 0.0 {
        return Ok(Value::float(1.0));
    }
    if a == 0.0 && b < 0.0 {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.is_finite() && b.fract() != 0.0 {
        // A negative base with a fractional exponent gives a complex result.
        let (r, i) = complex_pow((a, 0.0), (b, 0.0));
        return Ok(vm.new_complex(r, i));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Value::float(r))
}

fn complex_pow(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    if b.0 == 0.0 && b.1 == 0.0 {
        return (1.0, 0.0);
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        return (0.0, 0.0);
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    (len * phase.cos(), len * phase.sin())
}

/// CPython's complex power: repeated squaring for small integral exponents
/// (exact for e.g. `(2j) ** 2`), the polar formula otherwise.
fn complex_pow_exact(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let mul = |x: (f64, f64), y: (f64, f64)| (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0);
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let mut n = b.0.abs() as u32;
        let (mut result, mut base) = ((1.0, 0.0), a);
        while n > 0 {
            if n & 1 == 1 {
                result = mul(result, base);
            }
            base = mul(base, base);
            n >>= 1;
        }
        if b.0 < 0.0 {
            let d = result.0 * result.0 + result.1 * result.1;
            return (result.0 / d, -result.1 / d);
        }
        return result;
    }
    complex_pow(a, b)
}

fn complex_binary(vm: &mut Vm, op: BinOp, x: Num, y: Num) -> PyResult<Value> {
    let to_c = |vm: &mut Vm, n: &Num| -> PyResult<(f64, f64)> {
        Ok(match n {
            Num::Complex(r, i) => (*r, *i),
            other => (as_f64(vm, other)?, 0.0),
        })
    };
    let (a, b) = (to_c(vm, &x)?, to_c(vm, &y)?);
    let r = match op {
        BinOp::Add => (a.0 + b.0, a.1 + b.1),
        BinOp::Sub => (a.0 - b.0, a.1 - b.1),
        BinOp::Mul => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        BinOp::TrueDiv => {
            if b.0 == 0.0 && b.1 == 0.0 {
                return Err(vm.zero_division("complex division by zero"));
            }
            let d = b.0 * b.0 + b.1 * b.1;
            ((a.0 * b.0 + a.1 * b.1) / d, (a.1 * b.0 - a.0 * b.1) / d)
        }
        BinOp::Pow => {
            if a.0 == 0.0 && a.1 == 0.0 && (b.1 != 0.0 || b.0 < 0.0) {
                return Err(vm.zero_division("0.0 to a negative or complex power"));
            }
            complex_pow_exact(a, b)
        }
        _ => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                num_type_name(&x),
                num_type_name(&y)
            )))
        }
    };
    Ok(vm.new_complex(r.0, r.1))
}

pub fn unary(vm: &mut Vm, op: UnOp, v: Value) -> PyResult<Value> {
    if op == UnOp::Not {
        return Ok(Value::bool(!super::truthy(vm, v)?));
    }
    let cls = type_of(vm, v);
    if !class_data(cls).builtin {
        let name = match op {
            UnOp::Neg => vm.names.__neg__,
            UnOp::Pos => vm.names.__pos__,
            _ => vm.names.__invert__,
        };
        if let Some(m) = lookup_user(vm, cls, name) {
            return super::call(vm, m, Args::new(&[v]));
        }
    }
    match (op, num_of(v)) {
        (UnOp::Neg, Some(Num::Small(i))) => Ok(vm.new_int(-i)),
        (UnOp::Neg, Some(Num::Big(b))) => {
            let r = -b.clone();
            Ok(vm.new_bigint(r))
        }
        (UnOp::Neg, Some(Num::Float(f))) => Ok(Value::float(-f)),
        (UnOp::Neg, Some(Num::Complex(r, i))) => Ok(vm.new_complex(-r, -i)),
        (UnOp::Pos, Some(Num::Float(f))) => Ok(Value::float(f)),
        (UnOp::Pos, Some(Num::Complex(r, i))) => Ok(vm.new_complex(r, i)),
        (UnOp::Pos, Some(_)) => Ok(int_value(vm, v)),
        (UnOp::Invert, Some(Num::Small(i))) => Ok(vm.new_int(!i)),
        (UnOp::Invert, Some(Num::Big(b))) => {
            let r = -(b.clone()) - 1;
            Ok(vm.new_bigint(r))
        }
        _ => {
            let sym = match op {
                UnOp::Neg => "unary -",
                UnOp::Pos => "unary +",
                _ => "unary ~",
            };
            let msg = format!("bad operand type for {}: '{}'", sym, type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}
