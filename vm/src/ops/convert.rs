//! Conversions used everywhere: truth value, `__index__`, float, length, bytes.

use super::arith::{num_of, Num};
use crate::class::{lookup, lookup_user, type_name, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

#[inline]
pub fn truthy(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if v.is_bool() {
        return Ok(v.is(Value::TRUE));
    }
    if v.is_small_int() {
        return Ok(v.as_small_int() != 0);
    }
    if v.is_float() {
        return Ok(v.as_float() != 0.0);
    }
    let o = match v.obj() {
        Some(o) => o,
        None => return Ok(!v.is_none()),
    };
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__bool__) {
            let r = super::call(vm, m, Args::new(&[v]))?;
            if !r.is_bool() {
                let msg = format!("__bool__ should return bool, returned {}", type_name(vm, r));
                return Err(vm.type_error(msg));
            }
            return Ok(r.is(Value::TRUE));
        }
        if let Some(m) = lookup_user(vm, cls, vm.names.__len__) {
            let r = super::call(vm, m, Args::new(&[v]))?;
            return Ok(len_result(vm, r)? != 0);
        }
    }
    Ok(match &o.kind {
        Kind::Int(b) => !b.is_zero(),
        Kind::Float(f) => *f != 0.0,
        Kind::Complex(r, i) => *r != 0.0 || *i != 0.0,
        Kind::Str(s) => s.char_len() != 0,
        Kind::Bytes(b) => !b.is_empty(),
        Kind::ByteArray(b) => !b.get().is_empty(),
        Kind::List(l) => !l.get().is_empty(),
        Kind::Tuple(t) => !t.is_empty(),
        Kind::Dict(d) => !d.get().is_empty(),
        Kind::Set(s) | Kind::FrozenSet(s) => !s.get().is_empty(),
        Kind::Range { .. } => len(vm, v)? != 0,
        Kind::DictView { dict, .. } => len_of(*dict) != 0,
        _ => true,
    })
}

/// Validate a `__len__` result.
fn len_result(vm: &mut Vm, r: Value) -> PyResult<usize> {
    match num_of(r) {
        Some(Num::Small(i)) if i >= 0 => Ok(i as usize),
        Some(Num::Small(_)) => Err(vm.value_error("__len__() should return >= 0")),
        Some(Num::Big(b)) if b.is_negative() => Err(vm.value_error("__len__() should return >= 0")),
        Some(Num::Big(_)) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        _ => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, r)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// Length of builtin containers without calling Python (0 for others).
pub fn len_of(v: Value) -> usize {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(s)) => s.char_len(),
        Some(Kind::Bytes(b)) => b.len(),
        Some(Kind::ByteArray(b)) => b.get().len(),
        Some(Kind::List(l)) => l.get().len(),
        Some(Kind::Tuple(t)) => t.len(),
        Some(Kind::Dict(d)) => d.get().len(),
        Some(Kind::Set(s)) | Some(Kind::FrozenSet(s)) => s.get().len(),
        Some(Kind::DictView { dict, .. }) => len_of(*dict),
        _ => 0,
    }
}

/// `len(v)`
pub fn len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    let cls = type_of(vm, v);
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__len__) {
            let r = super::call(vm, m, Args::new(&[v]))?;
            return len_result(vm, r);
        }
    }
    match v.obj().map(|o| &o.kind) {
        Some(
            Kind::Str(_)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
            | Kind::List(_)
            | Kind::Tuple(_)
            | Kind::Dict(_)
            | Kind::Set(_)
            | Kind::FrozenSet(_)
            | Kind::DictView { .. },
        ) => Ok(len_of(v)),
        Some(Kind::Range { start, stop, step }) => {
            let (a, b, s) = (
                to_bigint_val(*start),
                to_bigint_val(*stop),
                to_bigint_val(*step),
            );
            let n = range_len(&a, &b, &s);
            n.to_usize()
                .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        _ => {
            let msg = format!("object of type '{}' has no len()", type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}

fn to_bigint_val(v: Value) -> BigInt {
    super::arith::to_bigint(v).unwrap_or_default()
}

pub fn range_len(a: &BigInt, b: &BigInt, s: &BigInt) -> BigInt {
    let zero = BigInt::zero();
    if s.is_positive() {
        if a < b {
            (b - a - 1) / s + 1
        } else {
            zero
        }
    } else if a > b {
        (a - b - 1) / (-s) + 1
    } else {
        zero
    }
}

/// `operator.index(v)` as an i64 (OverflowError past i64; callers clamp as needed).
pub fn to_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match num_of(v) {
        Some(Num::Small(i)) => Ok(i),
        Some(Num::Big(b)) => b
            .to_i64()
            .ok_or_else(|| vm.index_error("cannot fit 'int' into an index-sized integer")),
        _ => {
            let cls = type_of(vm, v);
            if let Some(m) = lookup_user(vm, cls, vm.names.__index__) {
                let r = super::call(vm, m, Args::new(&[v]))?;
                return to_index(vm, r);
            }
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// `__index__` as an int value (big ints kept).
pub fn index_value(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match num_of(v) {
        Some(Num::Small(_)) | Some(Num::Big(_)) => Ok(super::arith::int_value(vm, v)),
        _ => {
            let cls = type_of(vm, v);
            if let Some(m) = lookup_user(vm, cls, vm.names.__index__) {
                return super::call(vm, m, Args::new(&[v]));
            }
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// `float(v)` for numbers (and `__float__`/`__index__`).
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match num_of(v) {
        Some(Num::Small(i)) => Ok(i as f64),
        Some(Num::Big(b)) => super::arith::bigint_to_f64(vm, b),
        Some(Num::Float(f)) => Ok(f),
        _ => {
            let cls = type_of(vm, v);
            if let Some(m) = lookup(vm, cls, vm.names.__float__) {
                // Bound through the descriptor protocol, as CPython's special lookup.
                let f = super::attr::bind(vm, m, v, cls)?;
                let r = super::call0(vm, f)?;
                if let Some(Num::Float(f)) = num_of(r) {
                    return Ok(f);
                }
                let msg = format!(
                    "{}.__float__ returned non-float (type {})",
                    type_name(vm, v),
                    type_name(vm, r)
                );
                return Err(vm.type_error(msg));
            }
            if let Some(m) = lookup_user(vm, cls, vm.names.__index__) {
                let r = super::call(vm, m, Args::new(&[v]))?;
                return to_f64(vm, r);
            }
            let msg = format!("must be real number, not {}", type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}

/// Bytes of a bytes-like value (bytes, bytearray, memoryview, and native
/// objects exporting a buffer such as `array.array`).
pub fn bytes_of(v: Value) -> Option<Vec<u8>> {
    match &v.obj()?.kind {
        Kind::Bytes(b) => Some(b.to_vec()),
        Kind::ByteArray(b) => Some(b.get().clone()),
        Kind::NativeObject(_) => match crate::memoryview::memoryview_state(v) {
            Some(m) => Some(m.bytes()).filter(|_| !m.released),
            None => crate::object::native_buffer(v).map(|b| b.to_vec()),
        },
        _ => None,
    }
}
