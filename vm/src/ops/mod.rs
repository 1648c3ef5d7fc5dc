//! The object protocols: what `a + b`, `a.x`, `f(x)`, `hash(a)`, `iter(a)`,
//! `repr(a)` mean for every value.  Each has a native fast path for the
//! builtin types and falls back to the class's dunder methods, exactly the
//! way CPython's abstract object layer does.

pub mod arith;
pub mod attr;
pub mod awaitable;
pub mod call;
pub mod compare;
pub mod convert;
pub mod iter;
pub mod repr;
pub mod subscript;
pub mod typeforms;

pub use arith::{binary, inplace, unary};
pub use attr::{delattr, getattr, getattr_opt, setattr};
pub use call::{call, call0, call1, call2, call_method};
pub use compare::{compare, eq, hash, richcompare_bool};
pub use convert::{to_f64, to_index, truthy};
pub use iter::{get_iter, next};
pub use repr::{repr, repr_string, str_string, to_str};
pub use subscript::{delitem, getitem, setitem};

use crate::dict::DictTable;
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The Rust str of a str value (including str subclasses).
#[inline]
pub fn str_of(v: Value) -> Option<&'static str> {
    match &v.obj()?.kind {
        Kind::Str(s) => Some(s.as_str()),
        _ => None,
    }
}

/// The payload of a str value (including str subclasses).
#[inline]
pub fn str_data(v: Value) -> Option<&'static crate::object::StrData> {
    match &v.obj()?.kind {
        Kind::Str(s) => Some(s),
        _ => None,
    }
}

/// The exact text of a str value (including str subclasses) as generalized
/// UTF-8: unlike `str_of`, keeps lone surrogates (see `crate::text`).
#[inline]
pub fn str_bytes_of(v: Value) -> Option<&'static [u8]> {
    match &v.obj()?.kind {
        Kind::Str(s) => Some(s.bytes()),
        _ => None,
    }
}

#[inline]
pub fn str_eq(v: Value, s: &str) -> bool {
    str_of(v) == Some(s)
}

/// Equality of two values known to be strs (or identity otherwise).
#[inline]
pub fn str_values_eq(a: Value, b: Value) -> bool {
    a.is(b) || matches!((str_bytes_of(a), str_bytes_of(b)), (Some(x), Some(y)) if x == y)
}

/// The (cached) hash of a str value.
#[inline]
pub fn str_hash(v: Value) -> i64 {
    match &v.as_obj().kind {
        Kind::Str(s) => {
            let h = s.hash.get();
            if h != -1 {
                return h;
            }
            let h = crate::hash::hash_code_points(s.code_points(), s.is_ascii().then(|| s.bytes()));
            s.hash.set(h);
            h
        }
        _ => 0,
    }
}

/// Key equality used by dicts and sets: identity, then a native fast path, then `==`.
pub fn key_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if let (Some(x), Some(y)) = (str_bytes_of(a), str_bytes_of(b)) {
        return Ok(x == y);
    }
    eq(vm, a, b)
}

pub fn dict_get(vm: &mut Vm, dict: Value, key: Value) -> PyResult<Option<Value>> {
    let h = hash(vm, key)?;
    let d = match &dict.as_obj().kind {
        Kind::Dict(d) => d,
        _ => return Ok(None),
    };
    let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
    DictTable::get(d, h, key, &mut eqf)
}

pub fn dict_set(vm: &mut Vm, dict: Value, key: Value, value: Value) -> PyResult<()> {
    let h = hash(vm, key)?;
    if let Kind::Dict(d) = &dict.as_obj().kind {
        let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
        DictTable::insert(d, h, key, value, &mut eqf)?;
    }
    Ok(())
}

pub fn dict_del(vm: &mut Vm, dict: Value, key: Value) -> PyResult<Option<Value>> {
    let h = hash(vm, key)?;
    match &dict.as_obj().kind {
        Kind::Dict(d) => {
            let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
            DictTable::remove(d, h, key, &mut eqf)
        }
        _ => Ok(None),
    }
}

pub fn set_add(vm: &mut Vm, set: Value, key: Value) -> PyResult<bool> {
    let h = hash(vm, key)?;
    match &set.as_obj().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => {
            let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
            crate::set::SetTable::add(s, h, key, &mut eqf)
        }
        _ => Ok(false),
    }
}

pub fn set_contains(vm: &mut Vm, set: Value, key: Value) -> PyResult<bool> {
    let h = hash(vm, key)?;
    match &set.as_obj().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => {
            let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
            crate::set::SetTable::contains(s, h, key, &mut eqf)
        }
        _ => Ok(false),
    }
}

pub fn set_discard(vm: &mut Vm, set: Value, key: Value) -> PyResult<bool> {
    let h = hash(vm, key)?;
    match &set.as_obj().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => {
            let mut eqf = |a: Value, b: Value| key_eq(vm, a, b);
            crate::set::SetTable::discard(s, h, key, &mut eqf)
        }
        _ => Ok(false),
    }
}

/// Items of a list or tuple (a copy), or None for other values.
pub fn seq_items(v: Value) -> Option<Vec<Value>> {
    match &v.obj()?.kind {
        Kind::List(l) => Some(l.get().clone()),
        Kind::Tuple(t) => Some(t.to_vec()),
        _ => None,
    }
}

/// Borrow the items of a tuple.
#[inline]
pub fn tuple_items(v: Value) -> Option<&'static [Value]> {
    match &v.obj()?.kind {
        Kind::Tuple(t) => Some(t),
        _ => None,
    }
}
