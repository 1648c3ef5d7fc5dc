//! Subscription: `obj[key]`, `obj[key] = v`, `del obj[key]` for sequences
//! (indexes and slices), mappings, and `__getitem__`-style user classes.

use super::arith::{num_of, Num};
use super::convert::to_index;
use crate::class::{lookup, lookup_user, type_name, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};

/// Resolved slice bounds: (start, stop, step, length), as `slice.indices()` computes them.
pub fn slice_indices(
    vm: &mut Vm,
    slice: Value,
    len: usize,
) -> PyResult<(isize, isize, isize, usize)> {
    let (start, stop, step) = match &slice.as_obj().kind {
        Kind::Slice { start, stop, step } => (*start, *stop, *step),
        _ => unreachable!(),
    };
    slice_bounds(vm, start, stop, step, len)
}

/// `slice(start, stop, step).indices(len)` plus the slice length.
pub fn slice_bounds(
    vm: &mut Vm,
    start: Value,
    stop: Value,
    step: Value,
    len: usize,
) -> PyResult<(isize, isize, isize, usize)> {
    let len = len as isize;
    let step = if step.is_none() {
        1
    } else {
        clamp_index(vm, step)?
    };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let fix = |vm: &mut Vm, v: Value, default: isize| -> PyResult<isize> {
        if v.is_none() {
            return Ok(default);
        }
        let mut i = clamp_index(vm, v)?;
        if i < 0 {
            i += len;
            if i < lower {
                i = lower;
            }
        } else if i > upper {
            i = upper;
        }
        Ok(i)
    };
    let start = fix(vm, start, if step < 0 { upper } else { lower })?;
    let stop = fix(vm, stop, if step < 0 { lower } else { upper })?;
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

/// An index for slicing, clamped into isize range like CPython's _PyEval_SliceIndex.
fn clamp_index(vm: &mut Vm, v: Value) -> PyResult<isize> {
    match num_of(v) {
        Some(Num::Small(i)) => Ok(i as isize),
        Some(Num::Big(b)) => Ok(if b.sign() == num_bigint::Sign::Minus {
            isize::MIN / 2
        } else {
            isize::MAX / 2
        }),
        _ => {
            let cls = type_of(vm, v);
            if lookup_user(vm, cls, vm.names.__index__).is_some() {
                return Ok(to_index(vm, v)? as isize);
            }
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

fn norm_index(vm: &mut Vm, key: Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match num_of(key) {
        Some(Num::Small(i)) if !key.is_float() => i,
        Some(Num::Big(_)) => {
            return Err(vm.index_error(format!("cannot fit 'int' into an index-sized integer")));
        }
        _ => {
            let cls = type_of(vm, key);
            if lookup_user(vm, cls, vm.names.__index__).is_some() {
                to_index(vm, key)?
            } else {
                let msg = format!(
                    "{} indices must be integers or slices, not {}",
                    what,
                    type_name(vm, key)
                );
                return Err(vm.type_error(msg));
            }
        }
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        let msg = if what.is_empty() {
            "index out of range".to_string()
        } else {
            format!("{} index out of range", what)
        };
        return Err(vm.index_error(msg));
    }
    Ok(j as usize)
}

/// A str index, with 3.11's wording for a non-integer.
fn str_index(vm: &mut Vm, key: Value, len: usize) -> PyResult<usize> {
    if !matches!(num_of(key), Some(Num::Small(_)) | Some(Num::Big(_))) || key.is_float() {
        let cls = type_of(vm, key);
        if lookup_user(vm, cls, vm.names.__index__).is_none() {
            let msg = format!(
                "string indices must be integers, not '{}'",
                type_name(vm, key)
            );
            return Err(vm.type_error(msg));
        }
    }
    norm_index(vm, key, len, "string")
}

fn is_slice(v: Value) -> bool {
    matches!(v.obj().map(|o| &o.kind), Some(Kind::Slice { .. }))
}

fn pick<T: Copy>(items: &[T], start: isize, step: isize, n: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        out.push(items[i as usize]);
        i += step;
    }
    out
}

pub fn getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let o = match obj.obj() {
        Some(o) => o,
        None => return Err(not_subscriptable(vm, obj)),
    };
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__getitem__) {
            return super::call(vm, m, Args::new(&[obj, key]));
        }
    }
    getitem_builtin(vm, obj, key)
}

/// `getitem` on the builtin payload alone, ignoring any override in a
/// subclass: what `dict.__getitem__(d, ...)` called explicitly does.
pub fn getitem_builtin(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let o = obj.as_obj();
    let cls = o.cls.get();
    match &o.kind {
        Kind::List(l) => {
            if key.is_small_int() {
                let items = l.get();
                let i = key.as_small_int();
                let j = if i < 0 { i + items.len() as i64 } else { i };
                if j >= 0 && (j as usize) < items.len() {
                    return Ok(items[j as usize]);
                }
                return Err(vm.index_error("list index out of range"));
            }
            if is_slice(key) {
                let (s, _, st, n) = slice_indices(vm, key, l.get().len())?;
                let v = pick(l.get(), s, st, n);
                return Ok(vm.new_list(v));
            }
            let i = norm_index(vm, key, l.get().len(), "list")?;
            Ok(l.get()[i])
        }
        Kind::Tuple(t) => {
            if is_slice(key) {
                let (s, _, st, n) = slice_indices(vm, key, t.len())?;
                if n == t.len() && st == 1 && cls.is(vm.t.tuple) {
                    return Ok(obj);
                }
                let v = pick(t, s, st, n);
                return Ok(vm.new_tuple(v));
            }
            let i = norm_index(vm, key, t.len(), "tuple")?;
            Ok(t[i])
        }
        Kind::Str(s) => {
            if s.is_ascii() {
                if is_slice(key) {
                    let (st, _, step, n) = slice_indices(vm, key, s.char_len())?;
                    let bytes = pick(s.bytes(), st, step, n);
                    return Ok(vm.new_string(String::from_utf8(bytes).unwrap_or_default()));
                }
                let i = str_index(vm, key, s.char_len())?;
                return Ok(vm.intern(&s.as_str()[i..i + 1]));
            }
            if is_slice(key) {
                let (st, _, step, n) = slice_indices(vm, key, s.char_len())?;
                if step == 1 {
                    let sub = s.slice_bytes(st as usize, st as usize + n).to_vec();
                    return Ok(vm.new_text(sub));
                }
                let mut picked = Vec::with_capacity(n);
                let mut i = st;
                for _ in 0..n {
                    crate::text::push_code_point(&mut picked, s.code_point_at(i as usize));
                    i += step;
                }
                return Ok(vm.new_text(picked));
            }
            let i = str_index(vm, key, s.char_len())?;
            Ok(vm.char_str(s.code_point_at(i)))
        }
        Kind::Bytes(_) | Kind::ByteArray(_) => {
            let b = super::convert::bytes_of(obj).unwrap();
            if is_slice(key) {
                let (st, _, step, n) = slice_indices(vm, key, b.len())?;
                let v = pick(&b, st, step, n);
                return Ok(if matches!(o.kind, Kind::ByteArray(_)) {
                    vm.new_bytearray(v)
                } else {
                    vm.new_bytes(v)
                });
            }
            let what = if matches!(o.kind, Kind::ByteArray(_)) {
                "bytearray"
            } else {
                ""
            };
            let i = norm_index(vm, key, b.len(), what)?;
            Ok(Value::small_int_unchecked(b[i] as i64))
        }
        Kind::Dict(_) => match super::dict_get(vm, obj, key)? {
            Some(v) => Ok(v),
            None => {
                if !class_data(cls).builtin {
                    if let Some(m) = lookup_user(vm, cls, vm.names.__missing__) {
                        return super::call(vm, m, Args::new(&[obj, key]));
                    }
                }
                Err(vm.key_error(key))
            }
        },
        Kind::Range { .. } => crate::range::getitem(vm, obj, key),
        Kind::Class(_) => {
            if let Some(m) = lookup(vm, obj, vm.names.__class_getitem__) {
                let f = super::attr::bind(vm, m, Value::UNBOUND, obj)?;
                let f = match f.obj().map(|o| &o.kind) {
                    Some(Kind::Function(_)) => {
                        let c = vm.t.method;
                        vm.alloc(
                            c,
                            Kind::BoundMethod {
                                func: f,
                                receiver: obj,
                            },
                        )
                    }
                    _ => f,
                };
                return super::call(vm, f, Args::new(&[key]));
            }
            let msg = format!(
                "type '{}' is not subscriptable",
                crate::class::class_name(obj)
            );
            Err(vm.type_error(msg))
        }
        _ => {
            if let Some(m) = lookup(vm, cls, vm.names.__getitem__) {
                return super::call(vm, m, Args::new(&[obj, key]));
            }
            Err(not_subscriptable(vm, obj))
        }
    }
}

fn not_subscriptable(vm: &mut Vm, obj: Value) -> crate::PyErr {
    let msg = format!("'{}' object is not subscriptable", type_name(vm, obj));
    vm.type_error(msg)
}

pub fn setitem(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let o = match obj.obj() {
        Some(o) => o,
        None => return Err(no_item_assignment(vm, obj)),
    };
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__setitem__) {
            super::call(vm, m, Args::new(&[obj, key, value]))?;
            return Ok(());
        }
    }
    setitem_builtin(vm, obj, key, value)
}

/// `setitem` on the builtin payload alone, ignoring any override in a
/// subclass: what `dict.__setitem__(d, ...)` called explicitly does.
pub fn setitem_builtin(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let Some(o) = obj.obj() else {
        return Err(no_item_assignment(vm, obj));
    };
    let cls = o.cls.get();
    match &o.kind {
        Kind::List(l) => {
            if key.is_small_int() {
                let items = l.get();
                let i = key.as_small_int();
                let j = if i < 0 { i + items.len() as i64 } else { i };
                if j >= 0 && (j as usize) < items.len() {
                    items[j as usize] = value;
                    return Ok(());
                }
                return Err(vm.index_error("list assignment index out of range"));
            }
            if let Some(Kind::Slice { start, stop, step }) = key.obj().map(|o| &o.kind) {
                let (start, stop, step) = (*start, *stop, *step);
                let new_items = assigned_items(vm, value)?;
                return assign_list_slice(vm, l.get(), start, stop, step, new_items);
            }
            let i = norm_index(vm, key, l.get().len(), "list assignment")?;
            l.get()[i] = value;
            Ok(())
        }
        Kind::Dict(_) => super::dict_set(vm, obj, key, value),
        Kind::ByteArray(b) => {
            if is_slice(key) {
                let new = match super::convert::bytes_of(value) {
                    Some(x) => x,
                    None => {
                        let items = super::iter::collect(vm, value)?;
                        let mut out = Vec::new();
                        for i in items {
                            out.push(byte_value(vm, i)?);
                        }
                        out
                    }
                };
                let (start, stop, step, _) = slice_indices(vm, key, b.get().len())?;
                if step == 1 {
                    b.get()
                        .splice(start as usize..stop.max(start) as usize, new);
                    return Ok(());
                }
                return Err(
                    vm.value_error("extended slice assignment on bytearray is not supported")
                );
            }
            let i = norm_index(vm, key, b.get().len(), "bytearray")?;
            let byte = byte_value(vm, value)?;
            b.get()[i] = byte;
            Ok(())
        }
        _ => {
            if let Some(m) = lookup(vm, cls, vm.names.__setitem__) {
                super::call(vm, m, Args::new(&[obj, key, value]))?;
                return Ok(());
            }
            Err(no_item_assignment(vm, obj))
        }
    }
}

/// A byte for bytearray storage, with CPython's errors.
pub fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    match num_of(v) {
        Some(Num::Small(i)) if (0..256).contains(&i) => Ok(i as u8),
        Some(Num::Small(_)) | Some(Num::Big(_)) => {
            Err(vm.value_error("byte must be in range(0, 256)"))
        }
        _ => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

fn no_item_assignment(vm: &mut Vm, obj: Value) -> crate::PyErr {
    let msg = format!(
        "'{}' object does not support item assignment",
        type_name(vm, obj)
    );
    vm.type_error(msg)
}

pub fn delitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<()> {
    let o = match obj.obj() {
        Some(o) => o,
        None => return Err(no_item_deletion(vm, obj)),
    };
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__delitem__) {
            super::call(vm, m, Args::new(&[obj, key]))?;
            return Ok(());
        }
    }
    delitem_builtin(vm, obj, key)
}

/// `delitem` on the builtin payload alone, ignoring any override in a
/// subclass: what `dict.__delitem__(d, ...)` called explicitly does.
pub fn delitem_builtin(vm: &mut Vm, obj: Value, key: Value) -> PyResult<()> {
    let o = obj.as_obj();
    let cls = o.cls.get();
    match &o.kind {
        Kind::List(l) => {
            if is_slice(key) {
                let (start, _stop, step, n) = slice_indices(vm, key, l.get().len())?;
                delete_slice(l.get(), start, step, n);
                return Ok(());
            }
            let i = norm_index(vm, key, l.get().len(), "list assignment")?;
            l.get().remove(i);
            Ok(())
        }
        Kind::ByteArray(b) => {
            if is_slice(key) {
                let (start, _stop, step, n) = slice_indices(vm, key, b.get().len())?;
                delete_slice(b.get(), start, step, n);
                return Ok(());
            }
            let i = norm_index(vm, key, b.get().len(), "bytearray")?;
            b.get().remove(i);
            Ok(())
        }
        Kind::Dict(_) => match super::dict_del(vm, obj, key)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(key)),
        },
        _ => {
            if let Some(m) = lookup(vm, cls, vm.names.__delitem__) {
                super::call(vm, m, Args::new(&[obj, key]))?;
                return Ok(());
            }
            Err(no_item_deletion(vm, obj))
        }
    }
}

/// Remove the `n` items `start, start+step, …` (a resolved slice) in one pass.
fn delete_slice<T>(items: &mut Vec<T>, start: isize, step: isize, n: usize) {
    if n == 0 {
        return;
    }
    // Walk the slice from its lowest index upwards.
    let (low, step) = if step < 0 {
        (start + (n as isize - 1) * step, -step)
    } else {
        (start, step)
    };
    let (low, step) = (low as usize, step as usize);
    if step == 1 {
        items.drain(low..low + n);
        return;
    }
    let mut i = 0;
    items.retain(|_| {
        let gone = i >= low && (i - low) % step == 0 && (i - low) / step < n;
        i += 1;
        !gone
    });
}

fn no_item_deletion(vm: &mut Vm, obj: Value) -> crate::PyErr {
    let msg = format!(
        "'{}' object doesn't support item deletion",
        type_name(vm, obj)
    );
    vm.type_error(msg)
}

/// `obj[start:stop:step]` without building a slice object for lists, tuples and strs.
pub fn get_slice(
    vm: &mut Vm,
    obj: Value,
    start: Value,
    stop: Value,
    step: Value,
) -> PyResult<Value> {
    if let Some(o) = obj.obj() {
        if class_data(o.cls.get()).builtin {
            match &o.kind {
                Kind::List(l) => {
                    let (s, _, st, n) = slice_bounds(vm, start, stop, step, l.get().len())?;
                    let v = if st == 1 {
                        l.get()[s as usize..s as usize + n].to_vec()
                    } else {
                        pick(l.get(), s, st, n)
                    };
                    return Ok(vm.new_list(v));
                }
                Kind::Tuple(t) => {
                    let (s, _, st, n) = slice_bounds(vm, start, stop, step, t.len())?;
                    if n == t.len() && st == 1 {
                        return Ok(obj);
                    }
                    let v = pick(t, s, st, n);
                    return Ok(vm.new_tuple(v));
                }
                Kind::Str(sd) if step_is_one(step) => {
                    let (s, _, _, n) = slice_bounds(vm, start, stop, step, sd.char_len())?;
                    let sub = sd.slice_bytes(s as usize, s as usize + n).to_vec();
                    return Ok(vm.new_text(sub));
                }
                _ => {}
            }
        }
    }
    let sl = make_slice(vm, start, stop, step);
    getitem(vm, obj, sl)
}

fn step_is_one(step: Value) -> bool {
    step.is_none() || (step.is_small_int() && step.as_small_int() == 1)
}

fn make_slice(vm: &mut Vm, start: Value, stop: Value, step: Value) -> Value {
    let c = vm.t.slice;
    vm.alloc(c, Kind::Slice { start, stop, step })
}

/// Items to assign to a list slice, with CPython's error for non-iterables.
fn assigned_items(vm: &mut Vm, value: Value) -> PyResult<Vec<Value>> {
    match value.obj().map(|v| &v.kind) {
        Some(Kind::List(src)) => Ok(src.get().clone()),
        Some(Kind::Tuple(src)) => Ok(src.to_vec()),
        _ => super::iter::collect(vm, value).map_err(|e| {
            if vm.exc_matches(e.0, vm.exc.TypeError) {
                vm.type_error("can only assign an iterable")
            } else {
                e
            }
        }),
    }
}

/// `obj[start:stop:step] = value`, without a slice object for builtin lists.
pub fn set_slice(
    vm: &mut Vm,
    obj: Value,
    start: Value,
    stop: Value,
    step: Value,
    value: Value,
) -> PyResult<()> {
    if let Some(o) = obj.obj() {
        if let (Kind::List(l), true) = (&o.kind, class_data(o.cls.get()).builtin) {
            let new_items = assigned_items(vm, value)?;
            return assign_list_slice(vm, l.get(), start, stop, step, new_items);
        }
    }
    let sl = make_slice(vm, start, stop, step);
    setitem(vm, obj, sl, value)
}

fn assign_list_slice(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    start: Value,
    stop: Value,
    step: Value,
    new_items: Vec<Value>,
) -> PyResult<()> {
    let (start, stop, step, n) = slice_bounds(vm, start, stop, step, items.len())?;
    if step == 1 {
        let stop = stop.max(start);
        items.splice(start as usize..stop as usize, new_items);
        return Ok(());
    }
    if new_items.len() != n {
        let msg = format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            n
        );
        return Err(vm.value_error(msg));
    }
    let mut i = start;
    for v in new_items {
        items[i as usize] = v;
        i += step;
    }
    Ok(())
}
