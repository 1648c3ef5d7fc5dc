//! `_bisect`: binary search and insertion in sorted sequences, as CPython
//! 3.11's C module under `bisect.py`.  Items are read with the sequence
//! protocol and compared with Python's `<`, so any sequence works.

use super::native::clinic_keywords;
use molt_vm::bytecode::CmpOp;
use molt_vm::class::{type_name, type_of};
use molt_vm::object::{Kind, NativeFn};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};

/// A Py_ssize_t parameter as Argument Clinic converts it.
fn ssize(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = ops::convert::index_value(vm, v)?;
    match num_of(i) {
        Some(Num::Small(n)) => Ok(n),
        _ => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// A dict is a mapping, not a sequence: CPython's sequence protocol
/// refuses it by name.
fn not_sequence(vm: &mut Vm, a: Value) -> PyResult<()> {
    let cls = type_of(vm, a);
    if matches!(a.obj().map(|o| &o.kind), Some(Kind::Dict(_)))
        && molt_vm::class::lookup_user(vm, cls, vm.names.__getitem__).is_none()
    {
        let msg = format!("{} is not a sequence", type_name(vm, a));
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// The parsed arguments `(a, x, lo, hi, key)`; `hi` of None (or -1, as in
/// CPython) is `len(a)`.
struct Search {
    a: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Option<Value>,
}

fn parse(vm: &mut Vm, fname: &str, args: &Args) -> PyResult<Search> {
    let p = clinic_keywords(
        vm,
        fname,
        args.pos,
        args,
        &["a", "x", "lo", "hi", "key"],
        2,
        4,
    )?;
    let (a, x) = (p[0].unwrap_or(Value::NONE), p[1].unwrap_or(Value::NONE));
    let lo = match p[2] {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    let hi = match p[3] {
        Some(v) if !v.is_none() => ssize(vm, v)?,
        _ => -1,
    };
    let key = p[4].filter(|k| !k.is_none());
    Ok(Search { a, x, lo, hi, key })
}

/// The insertion point of `x` (already through the key function) in
/// `a[lo:hi]`: after equal items if `right`, before them otherwise.
fn search(vm: &mut Vm, s: &Search, x: Value, right: bool) -> PyResult<i64> {
    let mut lo = s.lo;
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let mut hi = s.hi;
    if hi == -1 {
        not_sequence(vm, s.a)?;
        hi = ops::convert::len(vm, s.a)? as i64;
    }
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        not_sequence(vm, s.a)?;
        let item = ops::subscript::getitem(vm, s.a, Value::small_int_unchecked(mid))?;
        let item = match s.key {
            Some(k) => ops::call::call1(vm, k, item)?,
            None => item,
        };
        // bisect_right: is x < item?  bisect_left: is item < x?
        let go_left = if right {
            ops::compare::richcompare_bool(vm, CmpOp::Lt, x, item)?
        } else {
            !ops::compare::richcompare_bool(vm, CmpOp::Lt, item, x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(vm: &mut Vm, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let s = parse(vm, name, &args)?;
    let i = search(vm, &s, s.x, right)?;
    Ok(vm.new_int(i))
}

fn insort(vm: &mut Vm, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let s = parse(vm, name, &args)?;
    // With a key, x's key is what is searched for (unlike bisect_*).
    let kx = match s.key {
        Some(k) => {
            let kx = ops::call::call1(vm, k, s.x)?;
            super::native::pin(vm, kx)
        }
        None => s.x,
    };
    let i = search(vm, &s, kx, right)?;
    if type_of(vm, s.a).is(vm.t.list) {
        if let Some(Kind::List(l)) = s.a.obj().map(|o| &o.kind) {
            let items = l.get();
            let at = (i as usize).min(items.len());
            items.insert(at, s.x);
        }
    } else {
        let insert = vm.intern("insert");
        let iv = vm.new_int(i);
        ops::call::call_method(vm, s.a, insert, &[iv, s.x])?;
    }
    Ok(Value::NONE)
}

fn bisect_right(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bisect(vm, args, "bisect_right", true)
}

fn bisect_left(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bisect(vm, args, "bisect_left", false)
}

fn insort_right(vm: &mut Vm, args: Args) -> PyResult<Value> {
    insort(vm, args, "insort_right", true)
}

fn insort_left(vm: &mut Vm, args: Args) -> PyResult<Value> {
    insort(vm, args, "insort_left", false)
}

pub fn bisect_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_bisect");
    let fns: &[(&'static str, NativeFn)] = &[
        ("bisect_right", bisect_right),
        ("bisect_left", bisect_left),
        ("insort_right", insort_right),
        ("insort_left", insort_left),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
