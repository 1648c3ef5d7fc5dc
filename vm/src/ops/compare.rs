//! Comparison and hashing: rich comparisons with reflection and
//! NotImplemented, CPython's TypeError for unorderable types, `==` for
//! containers, and `hash()`.

use super::arith::{num_of, Num};
use crate::bytecode::CmpOp;
use crate::class::{is_subclass, lookup, lookup_user, type_name, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cmp::Ordering;

pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    let r = compare(vm, CmpOp::Eq, a, b)?;
    super::truthy(vm, r)
}

pub fn richcompare_bool(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<bool> {
    let r = compare(vm, op, a, b)?;
    if r.is_bool() {
        return Ok(r.is(Value::TRUE));
    }
    super::truthy(vm, r)
}

/// `a OP b` for every comparison operator.
#[inline]
pub fn compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    if a.is_ptr() && b.is_ptr() {
        vm.check_native_stack("in comparison")?;
    }
    if a.is_small_int() && b.is_small_int() {
        return Ok(Value::bool(match op {
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In | CmpOp::NotIn => return compare_slow(vm, op, a, b),
            _ => op.holds(a.as_small_int(), b.as_small_int()) == Some(true),
        }));
    }
    match op {
        CmpOp::Is => return Ok(Value::bool(a.is(b))),
        CmpOp::IsNot => return Ok(Value::bool(!a.is(b))),
        CmpOp::In => return Ok(Value::bool(contains(vm, b, a)?)),
        CmpOp::NotIn => return Ok(Value::bool(!contains(vm, b, a)?)),
        _ => {}
    }
    if let (Some(Kind::Str(x)), Some(Kind::Str(y))) =
        (a.obj().map(|o| &o.kind), b.obj().map(|o| &o.kind))
    {
        let str_cls = vm.t.str_;
        if a.as_obj().cls.get().is(str_cls) && b.as_obj().cls.get().is(str_cls) {
            return Ok(ord_result(
                op,
                Some(if a.is(b) {
                    Ordering::Equal
                } else {
                    x.bytes().cmp(y.bytes())
                }),
            ));
        }
    }
    if a.is_float() && b.is_float() {
        let (x, y) = (a.as_float(), b.as_float());
        return Ok(Value::bool(match op {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Gt => x > y,
            _ => x >= y,
        }));
    }
    compare_slow(vm, op, a, b)
}

fn compare_slow(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    match op {
        CmpOp::In => return Ok(Value::bool(contains(vm, b, a)?)),
        CmpOp::NotIn => return Ok(Value::bool(!contains(vm, b, a)?)),
        _ => {}
    }
    let ta = type_of(vm, a);
    let tb = type_of(vm, b);
    let user_a = !class_data(ta).builtin;
    let user_b = !class_data(tb).builtin;
    if user_a || user_b {
        let name = vm.cmp_name(op);
        let rname = vm.cmp_name(op.swapped());
        let mut tried_reflected = false;
        if user_b && !ta.is(tb) && is_subclass(tb, ta) {
            if let Some(m) = lookup_user(vm, tb, rname) {
                tried_reflected = true;
                let r = super::call(vm, m, Args::new(&[b, a]))?;
                if !r.is(Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            }
        }
        if user_a {
            if let Some(m) = lookup_user(vm, ta, name) {
                let r = super::call(vm, m, Args::new(&[a, b]))?;
                if !r.is(Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            } else if op == CmpOp::Ne {
                // Default __ne__ inverts __eq__.
                if let Some(m) = lookup_user(vm, ta, vm.names.__eq__) {
                    let r = super::call(vm, m, Args::new(&[a, b]))?;
                    if !r.is(Value::NOT_IMPLEMENTED) {
                        let t = super::truthy(vm, r)?;
                        return Ok(Value::bool(!t));
                    }
                }
            }
        }
        if let Some(r) = native_compare(vm, op, a, b)? {
            return Ok(r);
        }
        if user_b && !tried_reflected {
            if let Some(m) = lookup_user(vm, tb, rname) {
                let r = super::call(vm, m, Args::new(&[b, a]))?;
                if !r.is(Value::NOT_IMPLEMENTED) {
                    return Ok(r);
                }
            } else if op == CmpOp::Ne {
                if let Some(m) = lookup_user(vm, tb, vm.names.__eq__) {
                    let r = super::call(vm, m, Args::new(&[b, a]))?;
                    if !r.is(Value::NOT_IMPLEMENTED) {
                        let t = super::truthy(vm, r)?;
                        return Ok(Value::bool(!t));
                    }
                }
            }
        }
    } else if let Some(r) = native_compare(vm, op, a, b)? {
        return Ok(r);
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a.is(b))),
        CmpOp::Ne => Ok(Value::bool(!a.is(b))),
        _ => {
            let msg = format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                type_name(vm, a),
                type_name(vm, b)
            );
            Err(vm.type_error(msg))
        }
    }
}

fn ord_result(op: CmpOp, o: Option<Ordering>) -> Value {
    Value::bool(match o {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        },
    })
}

/// Compare an int with a float exactly (no rounding of big ints).
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fi = num_bigint::BigInt::from(fl as i128);
    let fi = if fl.abs() < 1e38 {
        fi
    } else {
        BigInt::parse_bytes(format!("{:.0}", fl).as_bytes(), 10).unwrap()
    };
    match i.cmp(&fi) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

fn num_cmp(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        (Num::Small(a), Num::Small(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Small(a), Num::Float(b)) => cmp_int_float(&BigInt::from(*a), *b),
        (Num::Float(a), Num::Small(b)) => cmp_int_float(&BigInt::from(*b), *a).map(|o| o.reverse()),
        (Num::Big(a), Num::Float(b)) => cmp_int_float(a, *b),
        (Num::Float(a), Num::Big(b)) => cmp_int_float(b, *a).map(|o| o.reverse()),
        (Num::Big(a), Num::Small(b)) => Some((*a).cmp(&BigInt::from(*b))),
        (Num::Small(a), Num::Big(b)) => Some(BigInt::from(*a).cmp(b)),
        (Num::Big(a), Num::Big(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// The builtin types' comparisons; None means NotImplemented.
pub fn native_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
        if let (Num::Complex(..), _) | (_, Num::Complex(..)) = (&x, &y) {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                let c = |n: &Num| match n {
                    Num::Complex(r, i) => (*r, *i),
                    Num::Float(f) => (*f, 0.0),
                    Num::Small(i) => (*i as f64, 0.0),
                    Num::Big(b) => (b.to_f64().unwrap_or(f64::INFINITY), 0.0),
                };
                let e = c(&x) == c(&y);
                return Ok(Some(Value::bool(if op == CmpOp::Eq { e } else { !e })));
            }
            return Ok(None);
        }
        return Ok(Some(ord_result(op, num_cmp(&x, &y))));
    }
    let (oa, ob) = match (a.obj(), b.obj()) {
        (Some(x), Some(y)) => (x, y),
        _ => return Ok(None),
    };
    match (&oa.kind, &ob.kind) {
        (Kind::Str(x), Kind::Str(y)) => Ok(Some(ord_result(op, Some(x.bytes().cmp(y.bytes()))))),
        (Kind::Bytes(_) | Kind::ByteArray(_), Kind::Bytes(_) | Kind::ByteArray(_)) => {
            let x = super::convert::bytes_of(a).unwrap();
            let y = super::convert::bytes_of(b).unwrap();
            Ok(Some(ord_result(op, Some(x.cmp(&y)))))
        }
        (Kind::List(x), Kind::List(y)) => {
            let (x, y) = (x.get().clone(), y.get().clone());
            seq_compare(vm, op, &x, &y).map(Some)
        }
        (Kind::Tuple(x), Kind::Tuple(y)) => {
            let (x, y) = (x.to_vec(), y.to_vec());
            seq_compare(vm, op, &x, &y).map(Some)
        }
        (Kind::Dict(_), Kind::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let e = dict_eq(vm, a, b)?;
            Ok(Some(Value::bool(if op == CmpOp::Eq { e } else { !e })))
        }
        (Kind::Set(_) | Kind::FrozenSet(_), Kind::Set(_) | Kind::FrozenSet(_)) => {
            let la = super::convert::len_of(a);
            let lb = super::convert::len_of(b);
            let sub = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
                for k in set_keys(x) {
                    if !super::set_contains(vm, y, k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            let r = match op {
                CmpOp::Eq => la == lb && sub(vm, a, b)?,
                CmpOp::Ne => !(la == lb && sub(vm, a, b)?),
                CmpOp::Le => la <= lb && sub(vm, a, b)?,
                CmpOp::Lt => la < lb && sub(vm, a, b)?,
                CmpOp::Ge => la >= lb && sub(vm, b, a)?,
                _ => la > lb && sub(vm, b, a)?,
            };
            Ok(Some(Value::bool(r)))
        }
        (
            Kind::BoundMethod {
                func: f1,
                receiver: r1,
            },
            Kind::BoundMethod {
                func: f2,
                receiver: r2,
            },
        ) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let e = f1.is(*f2) && r1.is(*r2);
            Ok(Some(Value::bool(if op == CmpOp::Eq { e } else { !e })))
        }
        (Kind::Native(n1), Kind::Native(n2))
            if matches!(op, CmpOp::Eq | CmpOp::Ne) && !n1.bound_self.is_none() =>
        {
            let e = n1.func as usize == n2.func as usize && n1.bound_self.is(n2.bound_self);
            Ok(Some(Value::bool(if op == CmpOp::Eq { e } else { !e })))
        }
        (Kind::Range { .. }, Kind::Range { .. }) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let e = crate::range::equal(a, b);
            Ok(Some(Value::bool(if op == CmpOp::Eq { e } else { !e })))
        }
        (Kind::Slice { .. }, Kind::Slice { .. }) => {
            let x = super::iter::collect(vm, a)?;
            let y = super::iter::collect(vm, b)?;
            seq_compare(vm, op, &x, &y).map(Some)
        }
        (x, y) if is_set_like(x) && is_set_like(y) => set_like_compare(vm, op, a, b).map(Some),
        _ => Ok(None),
    }
}

/// Sets, frozensets and the key and item views of dicts compare as sets.
fn is_set_like(k: &Kind) -> bool {
    matches!(
        k,
        Kind::Set(_) | Kind::FrozenSet(_) | Kind::DictView { which: 0 | 2, .. }
    )
}

/// Subset comparisons of set-like operands, at least one of them a dict view.
fn set_like_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    let la = super::convert::len_of(a);
    let lb = super::convert::len_of(b);
    let contained = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
        for item in super::iter::collect(vm, x)? {
            if !contains(vm, y, item)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let r = match op {
        CmpOp::Eq => la == lb && contained(vm, a, b)?,
        CmpOp::Ne => !(la == lb && contained(vm, a, b)?),
        CmpOp::Le => la <= lb && contained(vm, a, b)?,
        CmpOp::Lt => la < lb && contained(vm, a, b)?,
        CmpOp::Ge => la >= lb && contained(vm, b, a)?,
        _ => la > lb && contained(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

fn set_keys(v: Value) -> Vec<Value> {
    match &v.as_obj().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => s.get().keys(),
        _ => vec![],
    }
}

fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if super::convert::len_of(a) != super::convert::len_of(b) {
        return Ok(false);
    }
    let entries: Vec<(Value, Value)> = match &a.as_obj().kind {
        Kind::Dict(d) => d.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    };
    for (k, v) in entries {
        match super::dict_get(vm, b, k)? {
            Some(w) => {
                if !eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Lexicographic comparison of sequences.
fn seq_compare(vm: &mut Vm, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<Value> {
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
        return Ok(Value::bool(op == CmpOp::Ne));
    }
    for (p, q) in x.iter().zip(y) {
        if !eq(vm, *p, *q)? {
            return match op {
                CmpOp::Eq => Ok(Value::FALSE),
                CmpOp::Ne => Ok(Value::TRUE),
                _ => compare(vm, op, *p, *q),
            };
        }
    }
    Ok(ord_result(op, Some(x.len().cmp(&y.len()))))
}

/// `item in container`
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    let cls = type_of(vm, container);
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__contains__) {
            let r = super::call(vm, m, Args::new(&[container, item]))?;
            return super::truthy(vm, r);
        }
    }
    if let Some(o) = container.obj() {
        match &o.kind {
            Kind::Str(s) => {
                return match super::str_bytes_of(item) {
                    Some(i) => Ok(memchr::memmem::find(s.bytes(), i).is_some()),
                    None => {
                        let msg = format!(
                            "'in <string>' requires string as left operand, not {}",
                            type_name(vm, item)
                        );
                        Err(vm.type_error(msg))
                    }
                }
            }
            Kind::Dict(_) => return Ok(super::dict_get(vm, container, item)?.is_some()),
            Kind::Set(_) | Kind::FrozenSet(_) => {
                if let Err(e) = super::hash(vm, item) {
                    if matches!(item.obj().map(|o| &o.kind), Some(Kind::Set(_))) {
                        let keys = set_keys(item);
                        let fs = vm.new_frozenset();
                        for k in keys {
                            super::set_add(vm, fs, k)?;
                        }
                        return super::set_contains(vm, container, fs);
                    }
                    return Err(e);
                }
                return super::set_contains(vm, container, item);
            }
            Kind::List(l) => {
                let mut i = 0;
                loop {
                    let v = match l.get().get(i) {
                        Some(v) => *v,
                        None => return Ok(false),
                    };
                    if v.is(item) || eq(vm, v, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Kind::Tuple(t) => {
                for v in t.iter() {
                    if v.is(item) || eq(vm, *v, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Kind::Bytes(_) | Kind::ByteArray(_) => {
                let hay = super::convert::bytes_of(container).unwrap();
                if let Some(n) = num_of(item) {
                    let b = match n {
                        Num::Small(i) if (0..256).contains(&i) => i as u8,
                        _ => return Err(vm.value_error("byte must be in range(0, 256)")),
                    };
                    return Ok(hay.contains(&b));
                }
                if let Some(needle) = super::convert::bytes_of(item) {
                    return Ok(needle.is_empty()
                        || hay.windows(needle.len()).any(|w| w == needle.as_slice()));
                }
                let msg = format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, item)
                );
                return Err(vm.type_error(msg));
            }
            Kind::Range { .. } => return crate::range::contains(vm, container, item),
            Kind::DictView { dict, which: 0 } => {
                return Ok(super::dict_get(vm, *dict, item)?.is_some())
            }
            _ => {}
        }
    }
    // Generic: iterate.
    let it = super::get_iter(vm, container).map_err(|e| {
        if vm.exc_matches(e.0, vm.exc.TypeError) {
            let msg = format!(
                "argument of type '{}' is not iterable",
                type_name(vm, container)
            );
            vm.type_error(msg)
        } else {
            e
        }
    })?;
    while let Some(v) = super::next(vm, it)? {
        if v.is(item) || eq(vm, v, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_small_int() {
        return Ok(crate::hash::hash_i64(v.as_small_int()));
    }
    if v.is_float() {
        let f = v.as_float();
        if f.is_nan() {
            return Ok((v.0 >> 4) as i64);
        }
        return Ok(crate::hash::hash_f64(f));
    }
    if v.is_bool() {
        return Ok((v.0 & 1) as i64);
    }
    let o = match v.obj() {
        Some(o) => o,
        None => return Ok((v.0 >> 4) as i64 & 0x0fff_ffff_ffff),
    };
    vm.check_native_stack("while hashing")?;

    let cls = o.cls.get();
    if !class_data(cls).builtin {
        match lookup(vm, cls, vm.names.__hash__) {
            Some(h) if h.is_none() => return Err(unhashable(vm, v)),
            // A builtin type's own __hash__ (object's, int's) is the Kind-based hash below.
            Some(h) if !is_builtin_types_native(h) => {
                let r = super::call(vm, h, Args::new(&[v]))?;
                return match num_of(r) {
                    Some(Num::Small(i)) => Ok(if i == -1 { -2 } else { i }),
                    // A result that fits a hash is used as is (like CPython's
                    // Py_hash_t); larger ones are reduced as ints hash.
                    Some(Num::Big(b)) => Ok(match b.to_i64() {
                        Some(-1) => -2,
                        Some(h) => h,
                        None => crate::hash::hash_bigint(b),
                    }),
                    _ => Err(vm.type_error("__hash__ method should return an integer")),
                };
            }
            _ => {
                // __eq__ defined without __hash__ makes instances unhashable.
                if let Some(Kind::Dict(_)) = Some(&class_data(cls).dict.as_obj().kind) {
                    if class_defines_eq_without_hash(vm, cls) {
                        return Err(unhashable(vm, v));
                    }
                }
            }
        }
    }
    Ok(match &o.kind {
        Kind::Str(_) => super::str_hash(v),
        Kind::Int(b) => crate::hash::hash_bigint(b),
        Kind::Float(f) => crate::hash::hash_f64(*f),
        Kind::Complex(r, i) => {
            let hr = crate::hash::hash_f64(*r) as u64;
            let hi = crate::hash::hash_f64(*i) as u64;
            let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
            if h == -1 {
                -2
            } else {
                h
            }
        }
        Kind::Bytes(b) => crate::hash::hash_bytes(b),
        Kind::Tuple(t) => {
            let items = t.to_vec();
            let mut hs = Vec::with_capacity(items.len());
            for i in items {
                hs.push(hash(vm, i)?);
            }
            crate::hash::hash_tuple(hs.into_iter())
        }
        Kind::FrozenSet(s) => {
            let cached = s.get().hash;
            if cached != -1 {
                return Ok(cached);
            }
            let h = frozenset_hash(s.get().iter().map(|e| e.hash));
            s.get().hash = h;
            h
        }
        Kind::List(_)
        | Kind::Dict(_)
        | Kind::Set(_)
        | Kind::ByteArray(_)
        | Kind::Slice { .. }
        | Kind::DictView { .. } => return Err(unhashable(vm, v)),
        Kind::Range { .. } => crate::range::hash(vm, v)?,
        _ => {
            // Identity hash, as CPython's (address >> 4, rotated).
            let a = v.obj_ptr() as u64;
            (a >> 4 | a << 60) as i64 & i64::MAX
        }
    })
}

/// Is `f` a native method of a builtin type (as opposed to one of a class
/// defined by a native module, which dispatches like a Python method)?
fn is_builtin_types_native(f: Value) -> bool {
    match f.obj().map(|o| &o.kind) {
        Some(Kind::Native(n)) => !n.owner.is_ptr() || class_data(n.owner).builtin,
        _ => false,
    }
}

fn class_defines_eq_without_hash(vm: &Vm, cls: Value) -> bool {
    for c in class_data(cls).mro.get().iter() {
        let cd = class_data(*c);
        if cd.builtin {
            return false;
        }
        let has = |n: Value| vm.dict_get_str(cd.dict, n).is_some();
        if has(vm.names.__hash__) {
            return false;
        }
        if has(vm.names.__eq__) {
            return true;
        }
    }
    false
}

fn unhashable(vm: &mut Vm, v: Value) -> crate::PyErr {
    let msg = format!("unhashable type: '{}'", type_name(vm, v));
    vm.type_error(msg)
}

/// CPython's frozenset hash (order-independent mixing of element hashes).
pub fn frozenset_hash(hashes: impl Iterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    let mut n: u64 = 0;
    for h in hashes {
        let h = h as u64;
        hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
        n += 1;
    }
    hash ^= (n + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}
