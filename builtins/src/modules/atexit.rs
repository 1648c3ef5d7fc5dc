//! `atexit`: functions to call when the interpreter exits, last registered
//! first.  The binary calls [`run_exitfuncs`] on every normal way out (end
//! of the program, uncaught exception, `sys.exit`).

use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::cell::Cell;

thread_local! {
    /// The registered callbacks: a list (in `Vm::roots`) of
    /// `(func, args, kwargs)` tuples; unregistered slots become None, as
    /// CPython leaves holes (which `_ncallbacks` still counts).
    static CALLBACKS: Cell<Value> = const { Cell::new(Value::NONE) };
}

fn callbacks(vm: &mut Vm) -> Value {
    let c = CALLBACKS.with(|c| c.get());
    if !c.is_none() {
        return c;
    }
    let l = vm.new_list(vec![]);
    vm.roots.push(l);
    CALLBACKS.with(|c| c.set(l));
    l
}

fn list_mut(l: Value) -> &'static mut Vec<Value> {
    match &l.as_obj().kind {
        Kind::List(v) => v.get(),
        _ => unreachable!("atexit callbacks are a list"),
    }
}

fn is_callable(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(_) | Kind::Native(_) | Kind::BoundMethod { .. } | Kind::Class(_)) => {
            true
        }
        _ => {
            molt_vm::class::lookup(vm, molt_vm::class::type_of(vm, v), vm.names.__call__).is_some()
        }
    }
}

fn register(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(&func) = args.pos.first() else {
        let msg = format!(
            "register() takes at least 1 argument ({} given)",
            args.pos.len()
        );
        return Err(vm.type_error(msg));
    };
    if !is_callable(vm, func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let rest = vm.new_tuple(args.pos[1..].to_vec());
    let kw = if args.has_kw() {
        let d = vm.new_dict();
        for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
            ops::dict_set(vm, d, *k, *v)?;
        }
        d
    } else {
        Value::NONE
    };
    let entry = vm.new_tuple(vec![func, rest, kw]);
    let l = callbacks(vm);
    list_mut(l).push(entry);
    Ok(func)
}

fn unregister(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "unregister", &args, 1, 1)?;
    let l = callbacks(vm);
    let n = list_mut(l).len();
    for i in 0..n {
        // Re-read each time: `==` may run Python code that changes the list.
        let entry = match list_mut(l).get(i) {
            Some(e) => *e,
            None => break,
        };
        let Some(items) = ops::tuple_items(entry) else {
            continue;
        };
        if ops::eq(vm, items[0], args.pos[0])? {
            if let Some(slot) = list_mut(l).get_mut(i) {
                *slot = Value::NONE;
            }
        }
    }
    Ok(Value::NONE)
}

fn clear(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let l = callbacks(vm);
    list_mut(l).clear();
    Ok(Value::NONE)
}

fn ncallbacks(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let l = callbacks(vm);
    Ok(vm.new_int(list_mut(l).len() as i64))
}

fn run_exitfuncs_native(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    run_exitfuncs(vm);
    Ok(Value::NONE)
}

/// Call every registered function, last first, then forget them; an
/// exception in one is reported ("Exception ignored in atexit callback")
/// and the others still run.
pub fn run_exitfuncs(vm: &mut Vm) {
    let l = CALLBACKS.with(|c| c.get());
    if l.is_none() {
        return;
    }
    loop {
        let Some(entry) = list_mut(l).pop() else {
            break;
        };
        let Some(items) = ops::tuple_items(entry) else {
            continue;
        };
        let (func, pos, kw) = (items[0], items[1], items[2]);
        vm.pinned.push(entry);
        let pos = ops::tuple_items(pos).unwrap_or(&[]);
        let mut names = vec![];
        let mut vals = vec![];
        if let Some(Kind::Dict(d)) = kw.obj().map(|o| &o.kind) {
            for e in d.get().iter() {
                names.push(e.key);
                vals.push(e.value);
            }
        }
        let names: Vec<Value> = names.into_iter().map(|k| vm.intern_value(k)).collect();
        let r = ops::call(
            vm,
            func,
            Args {
                pos,
                kwnames: &names,
                kwvalues: &vals,
            },
        );
        if let Err(e) = r {
            (vm.hooks.report_unraisable)(vm, e.0, "in atexit callback", func);
        }
    }
}

pub fn atexit_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("atexit");
    callbacks(vm);
    vm.add_native(m, "register", register);
    vm.add_native(m, "unregister", unregister);
    vm.add_native(m, "_clear", clear);
    vm.add_native(m, "_ncallbacks", ncallbacks);
    vm.add_native(m, "_run_exitfuncs", run_exitfuncs_native);
    Ok(m)
}
