//! Pickling support for `range` and the builtin iterators:
//! `__reduce__` and `__setstate__` with CPython's shapes, e.g.
//! `iter([1, 2]).__reduce__() == (iter, ([1, 2],), 0)`, so that `pickle`
//! and `copy` round-trip them.

use molt_vm::class::{type_name, type_of};
use molt_vm::object::{IterState, Kind};
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let range = vm.t.range;
    vm.add_native(range, "__reduce__", range_reduce);
    let t = &vm.t;
    let iterators = [
        t.list_iterator,
        t.tuple_iterator,
        t.str_iterator,
        t.bytes_iterator,
        t.range_iterator,
        t.longrange_iterator,
    ];
    for cls in iterators {
        vm.add_native(cls, "__reduce__", iter_reduce);
        vm.add_native(cls, "__setstate__", iter_setstate);
    }
    for cls in [vm.t.reversed, vm.t.list_reverseiterator] {
        vm.add_native(cls, "__reduce__", reversed_reduce);
        vm.add_native(cls, "__setstate__", reversed_setstate);
    }
}

fn builtin(vm: &mut Vm, name: &str) -> Value {
    let k = vm.intern(name);
    vm.dict_get_str(vm.builtins, k).unwrap_or(Value::NONE)
}

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn range_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__reduce__", &Args::new(&args.pos[1..]), 0, 0)?;
    let (start, stop, step) = match &args.pos[0].as_obj().kind {
        Kind::Range { start, stop, step } => (*start, *stop, *step),
        _ => return Err(vm.type_error("descriptor '__reduce__' requires a 'range' object")),
    };
    let bounds = vm.new_tuple(vec![start, stop, step]);
    let cls = vm.t.range;
    Ok(vm.new_tuple(vec![cls, bounds]))
}

fn state_of(vm: &mut Vm, it: Value) -> PyResult<&'static mut IterState> {
    match it.obj().map(|o| &o.kind) {
        Some(Kind::Iterator(st)) => Ok(st.get()),
        _ => Err(vm.type_error("__reduce__ requires a builtin iterator")),
    }
}

/// `(callable, (sequence,), position)`, or `(callable, (empty,))` once exhausted.
fn iter_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__reduce__", &Args::new(&args.pos[1..]), 0, 0)?;
    let st = state_of(vm, args.pos[0])?;
    let iter = builtin(vm, "iter");
    let (callable, seq, pos) = match st {
        IterState::Seq { seq, index } => {
            let (seq, index) = (*seq, *index);
            if index >= ops::convert::len(vm, seq)? {
                // Exhausted: CPython's recipe is an empty sequence.
                let empty = match &seq.as_obj().kind {
                    Kind::List(_) => vm.new_list(vec![]),
                    Kind::Str(_) => vm.new_str(""),
                    _ => vm.new_tuple(vec![]),
                };
                (iter, empty, None)
            } else {
                (iter, seq, Some(index as i64))
            }
        }
        IterState::StrBytes { s, offset } => {
            let text = str_of(*s).unwrap_or("");
            if *offset >= text.len() {
                let empty = vm.new_str("");
                (iter, empty, None)
            } else {
                let chars = text[..*offset].chars().count();
                (iter, *s, Some(chars as i64))
            }
        }
        IterState::Range { next, stop, step } => {
            let (n, e, s) = (vm.new_int(*next), vm.new_int(*stop), vm.new_int(*step));
            let c = vm.t.range;
            let r = vm.alloc(
                c,
                Kind::Range {
                    start: n,
                    stop: e,
                    step: s,
                },
            );
            (iter, r, Some(0))
        }
        IterState::LongRange { next, stop, step } => {
            let c = vm.t.range;
            let r = vm.alloc(
                c,
                Kind::Range {
                    start: *next,
                    stop: *stop,
                    step: *step,
                },
            );
            (iter, r, Some(0))
        }
        IterState::Exhausted => {
            // CPython's recipe for a finished iterator: an empty sequence.
            let cls = type_of(vm, args.pos[0]);
            let empty = if cls.is(vm.t.list_iterator) {
                vm.new_list(vec![])
            } else if cls.is(vm.t.str_iterator) {
                vm.new_str("")
            } else {
                vm.new_tuple(vec![])
            };
            (iter, empty, None)
        }
        _ => return Err(vm.type_error("this iterator cannot be pickled")),
    };
    let seq_args = vm.new_tuple(vec![seq]);
    Ok(match pos {
        Some(p) => {
            let p = vm.new_int(p);
            vm.new_tuple(vec![callable, seq_args, p])
        }
        None => vm.new_tuple(vec![callable, seq_args]),
    })
}

/// `__setstate__(position)`: continue from that position, clamped to the sequence.
fn iter_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__setstate__", &Args::new(&args.pos[1..]), 1, 1)?;
    let n = ops::to_index(vm, args.pos[1])?;
    let st = state_of(vm, args.pos[0])?;
    match st {
        IterState::Seq { seq, index } => {
            let len = ops::convert::len(vm, *seq)? as i64;
            *index = n.clamp(0, len) as usize;
        }
        IterState::StrBytes { s, offset } => {
            let text = str_of(*s).unwrap_or("");
            let n = n.max(0) as usize;
            *offset = text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
        }
        IterState::Range { next, stop, step } => {
            // Advance by `n` values, but not past the end.
            let left = if *step > 0 {
                (*stop - *next + *step - 1).max(0) / *step
            } else {
                (*next - *stop - *step - 1).max(0) / -*step
            };
            *next += n.clamp(0, left) * *step;
        }
        IterState::LongRange { next, stop, step } => {
            let b = molt_vm::range::Bounds::of_parts(*next, *stop, *step);
            let k = num_bigint::BigInt::from(n.max(0)).min(b.len());
            *next = vm.new_bigint(b.at(&k));
        }
        // A finished iterator stays finished, as in CPython.
        IterState::Exhausted => {}
        _ => return Err(vm.type_error("this iterator has no state to set")),
    }
    Ok(Value::NONE)
}

fn reversed_state(
    vm: &mut Vm,
    v: Value,
    meth: &str,
) -> PyResult<&'static mut molt_vm::object::IterState> {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Iterator(st)) => {
            if let molt_vm::object::IterState::Reversed { .. }
            | molt_vm::object::IterState::Exhausted = st.get()
            {
                return Ok(st.get());
            }
        }
        _ => {}
    }
    let msg = format!(
        "descriptor '{}' requires a 'reversed' object but received a '{}'",
        meth,
        type_name(vm, v)
    );
    Err(vm.type_error(msg))
}

/// `reversed(seq).__reduce__()`: `(reversed, (seq,), index)`, or an empty
/// iterator's recipe once exhausted.
fn reversed_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos[0];
    let (seq, index) = match *reversed_state(vm, me, "__reduce__")? {
        molt_vm::object::IterState::Reversed { seq, index } => (seq, index),
        _ => (Value::NONE, -1),
    };
    let is_list = type_of(vm, me).is(vm.t.list_reverseiterator);
    if index < 0 {
        let (f, empty) = if is_list {
            (builtin(vm, "iter"), vm.new_list(vec![]))
        } else {
            (builtin(vm, "reversed"), vm.new_tuple(vec![]))
        };
        let a = vm.new_tuple(vec![empty]);
        return Ok(vm.new_tuple(vec![f, a]));
    }
    let f = builtin(vm, "reversed");
    let a = vm.new_tuple(vec![seq]);
    let i = vm.new_int(index as i64);
    Ok(vm.new_tuple(vec![f, a, i]))
}

fn reversed_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos[0];
    reversed_state(vm, me, "__setstate__")?;
    let Some(&n) = args.pos.get(1) else {
        return Err(vm.type_error("__setstate__() takes exactly one argument (0 given)"));
    };
    let n = ops::to_index(vm, n)?;
    let st = reversed_state(vm, me, "__setstate__")?;
    if let molt_vm::object::IterState::Reversed { seq, index } = st {
        if *index >= 0 || type_of(vm, me).is(vm.t.reversed) {
            let seq = *seq;
            let len = ops::convert::len(vm, seq)? as i64;
            let st = reversed_state(vm, me, "__setstate__")?;
            if let molt_vm::object::IterState::Reversed { index, .. } = st {
                *index = n.clamp(-1, len - 1) as isize;
            }
        }
    }
    Ok(Value::NONE)
}
