//! `range` objects: length, indexing, slicing, membership, equality and
//! hashing on arbitrary-size ints, as CPython's `Objects/rangeobject.c`.
//!
//! A range stores its start, stop and step as int values; the common case
//! (everything small) is served by the iterator and the JIT directly, so
//! these operations favour exactness (big ints) over speed.

use crate::class::{type_name, type_of};
use crate::object::Kind;
use crate::ops;
use crate::ops::arith::{num_of, to_bigint, Num};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A range's bounds as big ints.
pub struct Bounds {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

impl Bounds {
    /// Bounds from int values.
    pub fn of_parts(start: Value, stop: Value, step: Value) -> Bounds {
        let big = |v: Value| to_bigint(v).unwrap_or_default();
        Bounds {
            start: big(start),
            stop: big(stop),
            step: big(step),
        }
    }

    /// The bounds of `r`, which must be a range.
    pub fn of(r: Value) -> Bounds {
        match &r.as_obj().kind {
            Kind::Range { start, stop, step } => Bounds::of_parts(*start, *stop, *step),
            _ => Bounds {
                start: BigInt::zero(),
                stop: BigInt::zero(),
                step: BigInt::one(),
            },
        }
    }

    pub fn len(&self) -> BigInt {
        crate::ops::convert::range_len(&self.start, &self.stop, &self.step)
    }

    /// The `i`th value (no bounds check).
    pub fn at(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    /// Whether the int `v` is one of the range's values.
    pub fn contains(&self, v: &BigInt) -> bool {
        let inside = if self.step.is_positive() {
            &self.start <= v && v < &self.stop
        } else {
            &self.stop < v && v <= &self.start
        };
        inside && ((v - &self.start) % &self.step).is_zero()
    }
}

/// `r[key]` for an int-like key or a slice.
pub fn getitem(vm: &mut Vm, r: Value, key: Value) -> PyResult<Value> {
    let b = Bounds::of(r);
    let len = b.len();
    if let Some(Kind::Slice { start, stop, step }) = key.obj().map(|o| &o.kind) {
        let (start, stop, step) = (*start, *stop, *step);
        let (s, e, st) = slice_indices(vm, start, stop, step, &len)?;
        let new = Kind::Range {
            start: vm.new_bigint(b.at(&s)),
            stop: vm.new_bigint(b.at(&e)),
            step: vm.new_bigint(&st * &b.step),
        };
        let c = vm.t.range;
        return Ok(vm.alloc(c, new));
    }
    let i = match num_of(key) {
        Some(Num::Small(_) | Num::Big(_)) if !key.is_float() => to_bigint(key).unwrap_or_default(),
        _ => {
            let cls = type_of(vm, key);
            if crate::class::lookup_user(vm, cls, vm.names.__index__).is_none() {
                let msg = format!(
                    "range indices must be integers or slices, not {}",
                    type_name(vm, key)
                );
                return Err(vm.type_error(msg));
            }
            let v = ops::convert::index_value(vm, key)?;
            to_bigint(v).unwrap_or_default()
        }
    };
    let i = if i.is_negative() { i + &len } else { i };
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(vm.new_bigint(b.at(&i)))
}

/// `slice.indices(len)` on big ints: the resolved start, stop and step.
fn slice_indices(
    vm: &mut Vm,
    start: Value,
    stop: Value,
    step: Value,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let index = |vm: &mut Vm, v: Value| -> PyResult<BigInt> {
        let v = ops::convert::index_value(vm, v).map_err(|_| {
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        })?;
        Ok(to_bigint(v).unwrap_or_default())
    };
    let step = if step.is_none() {
        BigInt::one()
    } else {
        index(vm, step)?
    };
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let back = step.is_negative();
    let (lower, upper) = if back {
        (-BigInt::one(), len - 1)
    } else {
        (BigInt::zero(), len.clone())
    };
    let fix = |vm: &mut Vm, v: Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let i = index(vm, v)?;
        Ok(if i.is_negative() {
            (i + len).max(lower.clone())
        } else {
            i.min(upper.clone())
        })
    };
    let start = fix(vm, start, if back { &upper } else { &lower })?;
    let stop = fix(vm, stop, if back { &lower } else { &upper })?;
    Ok((start, stop, step))
}

/// `x in r`: arithmetic for ints and bools, CPython's fallback (comparing
/// with each value) for anything else.
pub fn contains(vm: &mut Vm, r: Value, x: Value) -> PyResult<bool> {
    if !x.is_float() {
        if let Some(Num::Small(_) | Num::Big(_)) = num_of(x) {
            let exact = x.is_small_int() || x.is_bool() || {
                let c = type_of(vm, x);
                c.is(vm.t.int)
            };
            if exact {
                return Ok(Bounds::of(r).contains(&to_bigint(x).unwrap_or_default()));
            }
        }
    }
    let it = ops::get_iter(vm, r)?;
    while let Some(v) = ops::next(vm, it)? {
        if ops::eq(vm, v, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `a == b` for two ranges: equal when they give the same values.
pub fn equal(a: Value, b: Value) -> bool {
    if a.is(b) {
        return true;
    }
    let (x, y) = (Bounds::of(a), Bounds::of(b));
    let n = x.len();
    if n != y.len() {
        return false;
    }
    if n.is_zero() {
        return true;
    }
    if x.start != y.start {
        return false;
    }
    n.is_one() || x.step == y.step
}

/// `hash(r)`: the hash of `(len, start, step)` with the parts that do not
/// matter (`start` of an empty range, `step` of a one-value range) as None.
pub fn hash(vm: &mut Vm, r: Value) -> PyResult<i64> {
    let b = Bounds::of(r);
    let n = b.len();
    let (start, step) = match n.to_u8() {
        Some(0) => (Value::NONE, Value::NONE),
        Some(1) => (vm.new_bigint(b.start.clone()), Value::NONE),
        _ => (
            vm.new_bigint(b.start.clone()),
            vm.new_bigint(b.step.clone()),
        ),
    };
    let n = vm.new_bigint(n);
    let t = vm.new_tuple(vec![n, start, step]);
    ops::compare::hash(vm, t)
}

/// `reversed(r)`: an iterator over the same values backwards (the iterator
/// of the mirrored range, as CPython builds it).
pub fn reversed(vm: &mut Vm, r: Value) -> PyResult<Value> {
    let b = Bounds::of(r);
    let n = b.len();
    let (start, stop, step) = if n.is_zero() {
        (BigInt::zero(), BigInt::zero(), BigInt::one())
    } else {
        (b.at(&(&n - 1)), &b.start - &b.step, -b.step.clone())
    };
    let mirrored = Kind::Range {
        start: vm.new_bigint(start),
        stop: vm.new_bigint(stop),
        step: vm.new_bigint(step),
    };
    let c = vm.t.range;
    let m = vm.alloc(c, mirrored);
    ops::get_iter(vm, m)
}
