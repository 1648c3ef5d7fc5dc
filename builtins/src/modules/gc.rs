//! `gc`: the collector's controls.  Molt's collector is a tracing
//! mark-and-sweep (no reference counts), so there are no generations:
//! `collect()` always does a full collection, and thresholds are reported
//! in CPython's shape but only the first one means anything (allocations
//! between automatic collections are sized by the surviving heap).

use super::set;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn gc_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("gc");
    vm.add_native(m, "collect", collect);
    vm.add_native(m, "enable", enable);
    vm.add_native(m, "disable", disable);
    vm.add_native(m, "isenabled", isenabled);
    vm.add_native(m, "get_count", get_count);
    vm.add_native(m, "get_threshold", get_threshold);
    vm.add_native(m, "set_threshold", set_threshold);
    vm.add_native(m, "is_tracked", is_tracked);
    vm.add_native(m, "is_finalized", is_finalized);
    vm.add_native(m, "freeze", no_op);
    vm.add_native(m, "unfreeze", no_op);
    vm.add_native(m, "get_freeze_count", get_freeze_count);
    vm.add_native(m, "get_debug", get_freeze_count);
    vm.add_native(m, "set_debug", no_op);
    let garbage = vm.new_list(vec![]);
    set(vm, m, "garbage", garbage);
    let callbacks = vm.new_list(vec![]);
    set(vm, m, "callbacks", callbacks);
    for (name, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        set(vm, m, name, Value::small_int_unchecked(v));
    }
    Ok(m)
}

/// `gc.collect(generation=2)`: a full collection now; returns how many
/// objects were freed.  Weak-reference callbacks run before it returns.
fn collect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "collect", &args, &["generation"], 0)?;
    if let Some(g) = a[0] {
        let g = ops::to_index(vm, g)?;
        if !(0..=2).contains(&g) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    let freed = vm.collect();
    vm.run_weak_callbacks();
    Ok(vm.new_int(freed as i64))
}

fn enable(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    vm.heap.enabled = true;
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    vm.heap.enabled = false;
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::bool(vm.heap.enabled))
}

fn get_count(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let n = vm.new_int(vm.heap.allocated_since_collection() as i64);
    let z = Value::small_int_unchecked(0);
    Ok(vm.new_tuple(vec![n, z, z]))
}

fn get_threshold(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let t = [700, 10, 10].map(Value::small_int_unchecked);
    Ok(vm.new_tuple(t.to_vec()))
}

fn set_threshold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "set_threshold", &args, 1, 3)?;
    for &v in args.pos {
        ops::to_index(vm, v)?;
    }
    Ok(Value::NONE)
}

/// Every heap object is traced; immediates (small ints, floats, None,
/// bools) are not objects at all.
fn is_tracked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "is_tracked", &args, 1, 1)?;
    let v = args.pos[0];
    let atomic = !v.is_ptr()
        || matches!(
            v.as_obj().kind,
            molt_vm::object::Kind::Str(_)
                | molt_vm::object::Kind::Int(_)
                | molt_vm::object::Kind::Float(_)
                | molt_vm::object::Kind::Bytes(_)
        );
    let _ = vm;
    Ok(Value::bool(!atomic))
}

fn is_finalized(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "is_finalized", &args, 1, 1)?;
    Ok(Value::FALSE)
}

fn no_op(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn get_freeze_count(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::small_int_unchecked(0))
}
