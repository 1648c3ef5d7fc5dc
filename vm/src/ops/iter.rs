//! Iteration: `iter()` and `next()` for builtin containers (without
//! allocating StopIteration on exhaustion), generators, and the
//! `__iter__`/`__next__` and `__getitem__` protocols.

use super::arith::{num_of, Num};
use crate::class::{lookup, lookup_user, type_name, type_of};
use crate::object::{IterState, Kind};
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Resumed, Vm};

pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let o = match v.obj() {
        Some(o) => o,
        None => return Err(not_iterable(vm, v)),
    };
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__iter__) {
            if m.is_none() {
                return Err(not_iterable(vm, v));
            }
            let it = super::call(vm, m, Args::new(&[v]))?;
            check_iterator(vm, it)?;
            return Ok(it);
        }
    }
    let (icls, state) = match &o.kind {
        Kind::List(_) => (vm.t.list_iterator, IterState::Seq { seq: v, index: 0 }),
        Kind::Tuple(_) => (vm.t.tuple_iterator, IterState::Seq { seq: v, index: 0 }),
        Kind::Str(s) => {
            if s.is_ascii() {
                (vm.t.str_iterator, IterState::Seq { seq: v, index: 0 })
            } else {
                (vm.t.str_iterator, IterState::StrBytes { s: v, offset: 0 })
            }
        }
        Kind::Bytes(_) | Kind::ByteArray(_) => {
            (vm.t.bytes_iterator, IterState::Seq { seq: v, index: 0 })
        }
        Kind::Range { start, stop, step } => match (num_of(*start), num_of(*stop), num_of(*step)) {
            (Some(Num::Small(a)), Some(Num::Small(b)), Some(Num::Small(s))) => (
                vm.t.range_iterator,
                IterState::Range {
                    next: a,
                    stop: b,
                    step: s,
                },
            ),
            _ => (
                vm.t.longrange_iterator,
                IterState::LongRange {
                    next: *start,
                    stop: *stop,
                    step: *step,
                },
            ),
        },
        Kind::Dict(d) => (
            vm.t.dict_keyiterator,
            IterState::Dict {
                dict: v,
                pos: 0,
                which: 0,
                len: d.get().len(),
            },
        ),
        Kind::DictView { dict, which } => {
            let cls = match which {
                0 => vm.t.dict_keyiterator,
                1 => vm.t.dict_valueiterator,
                _ => vm.t.dict_itemiterator,
            };
            let len = super::convert::len_of(*dict);
            (
                cls,
                IterState::Dict {
                    dict: *dict,
                    pos: 0,
                    which: *which,
                    len,
                },
            )
        }
        Kind::Set(s) | Kind::FrozenSet(s) => (
            vm.t.set_iterator,
            IterState::Set {
                set: v,
                pos: 0,
                len: s.get().len(),
            },
        ),
        Kind::Iterator(_) | Kind::Generator(_) => return Ok(v),
        _ => {
            if let Some(m) = lookup(vm, cls, vm.names.__iter__) {
                let it = super::call(vm, m, Args::new(&[v]))?;
                check_iterator(vm, it)?;
                return Ok(it);
            }
            if lookup(vm, cls, vm.names.__getitem__).is_some() {
                (vm.t.seq_iterator, IterState::GetItem { obj: v, index: 0 })
            } else {
                return Err(not_iterable(vm, v));
            }
        }
    };
    Ok(vm.new_iterator(icls, state))
}

fn check_iterator(vm: &mut Vm, it: Value) -> PyResult<()> {
    let c = type_of(vm, it);
    if matches!(
        it.obj().map(|o| &o.kind),
        Some(Kind::Iterator(_)) | Some(Kind::Generator(_))
    ) {
        return Ok(());
    }
    if lookup(vm, c, vm.names.__next__).is_none() {
        let msg = format!(
            "iter() returned non-iterator of type '{}'",
            type_name(vm, it)
        );
        return Err(vm.type_error(msg));
    }
    Ok(())
}

pub fn not_iterable(vm: &mut Vm, v: Value) -> crate::PyErr {
    let msg = format!("'{}' object is not iterable", type_name(vm, v));
    vm.type_error(msg)
}

/// The next item, or None when the iterator is exhausted.
pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let o = match it.obj() {
        Some(o) => o,
        None => return Err(not_an_iterator(vm, it)),
    };
    match &o.kind {
        Kind::Iterator(st) => next_builtin(vm, st.get()),
        Kind::Generator(_) => match (vm.hooks.resume)(vm, it, Value::NONE, None)? {
            Resumed::Yielded(v) => Ok(Some(v)),
            Resumed::Returned(_) => Ok(None),
        },
        _ => {
            let cls = o.cls.get();
            match lookup(vm, cls, vm.names.__next__) {
                Some(m) => match super::call(vm, m, Args::new(&[it])) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if vm.exc_matches(e.0, vm.exc.StopIteration) => Ok(None),
                    Err(e) => Err(e),
                },
                None => Err(not_an_iterator(vm, it)),
            }
        }
    }
}

fn not_an_iterator(vm: &mut Vm, it: Value) -> crate::PyErr {
    let msg = format!("'{}' object is not an iterator", type_name(vm, it));
    vm.type_error(msg)
}

fn next_builtin(vm: &mut Vm, st: &mut IterState) -> PyResult<Option<Value>> {
    let r = match st {
        IterState::Seq { seq, index } => {
            let i = *index;
            let v = match &seq.as_obj().kind {
                Kind::List(l) => l.get().get(i).copied(),
                Kind::Tuple(t) => t.get(i).copied(),
                Kind::Str(s) => s
                    .bytes()
                    .get(i)
                    .map(|b| vm.intern(std::str::from_utf8(&[*b]).unwrap_or("?"))),
                Kind::Bytes(b) => b.get(i).map(|b| Value::small_int_unchecked(*b as i64)),
                Kind::ByteArray(b) => b
                    .get()
                    .get(i)
                    .map(|b| Value::small_int_unchecked(*b as i64)),
                _ => None,
            };
            match v {
                Some(v) => {
                    *index = i + 1;
                    Some(v)
                }
                None => None,
            }
        }
        IterState::StrBytes { s, offset } => {
            let text = super::str_bytes_of(*s).unwrap_or(b"");
            match text.get(*offset) {
                Some(&lead) => {
                    let n = crate::text::seq_len(lead);
                    let c = text[*offset..*offset + n].to_vec();
                    *offset += n;
                    Some(vm.new_text(c))
                }
                None => None,
            }
        }
        IterState::Range { next, stop, step } => {
            let n = *next;
            if (*step > 0 && n < *stop) || (*step < 0 && n > *stop) {
                *next = n + *step;
                Some(vm.new_int(n))
            } else {
                None
            }
        }
        IterState::LongRange { next, stop, step } => {
            let (n, e, st) = (*next, *stop, *step);
            let (a, b, s) = (
                super::arith::to_bigint(n).unwrap_or_default(),
                super::arith::to_bigint(e).unwrap_or_default(),
                super::arith::to_bigint(st).unwrap_or_default(),
            );
            let more = if s > num_bigint::BigInt::from(0) {
                a < b
            } else {
                a > b
            };
            if more {
                *next = vm.new_bigint(a + s);
                Some(n)
            } else {
                None
            }
        }
        IterState::Dict {
            dict,
            pos,
            which,
            len,
        } => {
            let d = match &dict.as_obj().kind {
                Kind::Dict(d) => d.get(),
                _ => return Ok(None),
            };
            if d.len() != *len {
                *len = usize::MAX;
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            let mut found = None;
            while *pos < d.slots() {
                let p = *pos;
                *pos += 1;
                if let Some(e) = d.entry_at(p) {
                    found = Some((e.key, e.value));
                    break;
                }
            }
            match found {
                Some((k, v)) => Some(match which {
                    0 => k,
                    1 => v,
                    _ => vm.new_tuple(vec![k, v]),
                }),
                None => None,
            }
        }
        IterState::Set { set, pos, len } => {
            let s = match &set.as_obj().kind {
                Kind::Set(s) | Kind::FrozenSet(s) => s.get(),
                _ => return Ok(None),
            };
            if s.len() != *len {
                *len = usize::MAX;
                return Err(vm.runtime_error("Set changed size during iteration"));
            }
            let mut found = None;
            while *pos < s.slots() {
                let p = *pos;
                *pos += 1;
                if let Some(e) = s.entry_at(p) {
                    found = Some(e.key);
                    break;
                }
            }
            found
        }
        IterState::Reversed { seq, index } => {
            if *index < 0 {
                None
            } else {
                let i = *index as usize;
                *index -= 1;
                let seq = *seq;
                match &seq.as_obj().kind {
                    Kind::List(l) => {
                        let l = l.get();
                        if i < l.len() {
                            Some(l[i])
                        } else {
                            *index = -1;
                            None
                        }
                    }
                    _ => {
                        let idx = vm.new_int(i as i64);
                        Some(super::getitem(vm, seq, idx)?)
                    }
                }
            }
        }
        IterState::Enumerate { it, count } => {
            let (it, c) = (*it, *count);
            match next(vm, it)? {
                Some(v) => {
                    let one = Value::small_int_unchecked(1);
                    if let IterState::Enumerate { count, .. } = st {
                        *count = super::binary(vm, crate::bytecode::BinOp::Add, c, one)?;
                    }
                    Some(vm.new_tuple(vec![c, v]))
                }
                None => None,
            }
        }
        IterState::Zip { its, strict } => {
            let its = its.clone();
            let strict = *strict;
            let mut items = Vec::with_capacity(its.len());
            for (n, i) in its.iter().enumerate() {
                match next(vm, *i)? {
                    Some(v) => items.push(v),
                    None => {
                        if strict {
                            if n > 0 {
                                let msg = format!(
                                    "zip() argument {} is shorter than argument{} 1{}",
                                    n + 1,
                                    if n > 1 { "s" } else { "" },
                                    if n > 1 {
                                        format!("-{}", n)
                                    } else {
                                        String::new()
                                    }
                                );
                                return Err(vm.value_error(msg));
                            }
                            for (m, j) in its.iter().enumerate().skip(1) {
                                if next(vm, *j)?.is_some() {
                                    let msg = format!(
                                        "zip() argument {} is longer than argument{} 1{}",
                                        m + 1,
                                        if m > 1 { "s" } else { "" },
                                        if m > 1 {
                                            format!("-{}", m)
                                        } else {
                                            String::new()
                                        }
                                    );
                                    return Err(vm.value_error(msg));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            if items.is_empty() {
                None
            } else {
                Some(vm.new_tuple(items))
            }
        }
        IterState::Map { func, its } => {
            let (func, its) = (*func, its.clone());
            let mut args = Vec::with_capacity(its.len());
            for i in its {
                match next(vm, i)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            Some(super::call(vm, func, Args::new(&args))?)
        }
        IterState::Filter { func, it } => {
            let (func, it) = (*func, *it);
            loop {
                match next(vm, it)? {
                    Some(v) => {
                        let keep = if func.is_none() {
                            super::truthy(vm, v)?
                        } else {
                            let r = super::call(vm, func, Args::new(&[v]))?;
                            super::truthy(vm, r)?
                        };
                        if keep {
                            break Some(v);
                        }
                    }
                    None => break None,
                }
            }
        }
        IterState::Callable { func, sentinel } => {
            let (func, sentinel) = (*func, *sentinel);
            let v = super::call(vm, func, Args::new(&[]))?;
            if super::eq(vm, v, sentinel)? {
                None
            } else {
                Some(v)
            }
        }
        IterState::GetItem { obj, index } => {
            let (obj, i) = (*obj, *index);
            let idx = vm.new_int(i);
            match super::getitem(vm, obj, idx) {
                Ok(v) => {
                    if let IterState::GetItem { index, .. } = st {
                        *index = i + 1;
                    }
                    Some(v)
                }
                Err(e)
                    if vm.exc_matches(e.0, vm.exc.IndexError)
                        || vm.exc_matches(e.0, vm.exc.StopIteration) =>
                {
                    None
                }
                Err(e) => return Err(e),
            }
        }
        IterState::Exhausted => None,
    };
    // A range iterator keeps its Range state when exhausted (see IterState::Range).
    if r.is_none() && !matches!(st, IterState::Range { .. }) {
        *st = IterState::Exhausted;
    }
    Ok(r)
}

/// All items of an iterable, in a Vec.
pub fn collect(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(o) = v.obj() {
        if class_data(o.cls.get()).builtin {
            match &o.kind {
                Kind::List(l) => return Ok(l.get().clone()),
                Kind::Tuple(t) => return Ok(t.to_vec()),
                _ => {}
            }
        }
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}
