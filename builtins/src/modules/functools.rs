//! `_functools`: `reduce`, `partial` and `cmp_to_key`, as CPython 3.11's C
//! module (`functools.py` imports them; without `_lru_cache_wrapper` it uses
//! its pure-Python LRU cache).

use super::native::{
    class, class_getitem, classmethod, is_callable, keywords, methods, new_args, new_class, pin,
    positional, property, this,
};
use super::set;
use molt_vm::class::{class_name, type_of};
use molt_vm::object::{Kind, Layout, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

// ----- reduce -----

fn reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "reduce", args.pos, &args, 2, 3)?;
    let func = a[0];
    let it = match ops::get_iter(vm, a[1]) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e.0, vm.exc.TypeError) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    pin(vm, it);
    let mut acc = a.get(2).copied();
    while let Some(x) = ops::next(vm, it)? {
        acc = Some(match acc {
            None => x,
            Some(r) => {
                pin(vm, r);
                pin(vm, x);
                ops::call(vm, func, Args::new(&[r, x]))?
            }
        });
    }
    match acc {
        Some(r) => Ok(r),
        None => Err(vm.type_error("reduce() of empty iterable with no initial value")),
    }
}

// ----- partial -----

struct Partial {
    func: Value,
    /// A tuple.
    args: Value,
    /// A dict of str keys.
    kw: Value,
}
impl NativeState for Partial {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.func);
        f(self.args);
        f(self.kw);
    }
}

fn pt(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut Partial)> {
    this::<Partial>(vm, args, "functools.partial", meth)
}

fn dict_entries(d: Value) -> Vec<(Value, Value)> {
    match d.obj().map(|o| &o.kind) {
        Some(Kind::Dict(dd)) => dd.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    }
}

fn partial_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "partial")?;
    let Some(&first) = pos.first() else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    if !is_callable(vm, first) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let mut func = first;
    let mut pargs: Vec<Value> = Vec::new();
    let mut pkw: Vec<(Value, Value)> = Vec::new();
    // A partial of a plain partial (no instance attributes) is flattened.
    if let Some(inner) = molt_vm::object::native_state::<Partial>(first) {
        let own_call = molt_vm::class::lookup(vm, type_of(vm, first), vm.names.__call__);
        let base_call = molt_vm::class::lookup(vm, class(vm, "partial"), vm.names.__call__);
        let no_attrs = first.as_obj().attrs().map_or(true, |a| match a {
            molt_vm::shape::AttrStore::Shaped { values, .. } => values.is_empty(),
            molt_vm::shape::AttrStore::Dict(d) => dict_entries(*d).is_empty(),
        });
        if own_call.is_some() && own_call == base_call && no_attrs {
            func = inner.func;
            pargs = ops::tuple_items(inner.args).unwrap_or(&[]).to_vec();
            pkw = dict_entries(inner.kw);
        }
    }
    pargs.extend_from_slice(&pos[1..]);
    let targs = vm.new_tuple(pargs);
    let kw = vm.new_dict();
    let st = Partial {
        func,
        args: targs,
        kw,
    };
    for (k, v) in pkw {
        ops::dict_set(vm, kw, k, v)?;
    }
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        ops::dict_set(vm, kw, *k, *v)?;
    }
    Ok(vm.new_native_object(cls, st))
}

fn partial_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = pt(vm, &args, "__call__")?;
    let (func, pargs, pkw) = (st.func, st.args, st.kw);
    let mut pos: Vec<Value> = ops::tuple_items(pargs).unwrap_or(&[]).to_vec();
    pos.extend_from_slice(&args.pos[1..]);
    let stored = dict_entries(pkw);
    if stored.is_empty() {
        return ops::call(
            vm,
            func,
            Args {
                pos: &pos,
                kwnames: args.kwnames,
                kwvalues: args.kwvalues,
            },
        );
    }
    // Stored keywords, overridden by the call's.
    let mut names: Vec<Value> = Vec::with_capacity(stored.len() + args.kwnames.len());
    let mut values: Vec<Value> = Vec::with_capacity(names.capacity());
    for (k, v) in stored.into_iter().chain(
        args.kwnames
            .iter()
            .copied()
            .zip(args.kwvalues.iter().copied()),
    ) {
        if ops::str_of(k).is_none() {
            return Err(vm.type_error("keywords must be strings"));
        }
        let k = vm.intern_value(k);
        match names.iter().position(|n| n.is(k)) {
            Some(i) => values[i] = v,
            None => {
                names.push(k);
                values.push(v);
            }
        }
    }
    vm.pinned.extend(pos.iter().copied());
    vm.pinned.extend(values.iter().copied());
    ops::call(
        vm,
        func,
        Args {
            pos: &pos,
            kwnames: &names,
            kwvalues: &values,
        },
    )
}

fn partial_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = pt(vm, &args, "__repr__")?;
    let (func, pargs, pkw) = (st.func, st.args, st.kw);
    let body = molt_vm::ops::repr::repr_guard(me, || {
        let mut parts = vec![ops::repr_string(vm, func)?];
        for a in ops::tuple_items(pargs).unwrap_or(&[]).to_vec() {
            parts.push(ops::repr_string(vm, a)?);
        }
        for (k, v) in dict_entries(pkw) {
            pin(vm, v);
            let ks = ops::str_string(vm, k)?;
            parts.push(format!("{}={}", ks, ops::repr_string(vm, v)?));
        }
        Ok(parts.join(", "))
    })?;
    let Some(body) = body else {
        return Ok(vm.new_str("..."));
    };
    // CPython shows the type's tp_name: `functools.partial` or a subclass's name.
    let name = class_name(type_of(vm, me));
    Ok(vm.new_string(format!("{}({})", name, body)))
}

fn partial_func(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(pt(vm, &args, "func")?.1.func)
}

fn partial_args(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(pt(vm, &args, "args")?.1.args)
}

fn partial_keywords(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(pt(vm, &args, "keywords")?.1.kw)
}

fn readonly(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

fn partial_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = pt(vm, &args, "__reduce__")?;
    let (func, pargs, pkw) = (st.func, st.args, st.kw);
    let cls = type_of(vm, me);
    let kw = if dict_entries(pkw).is_empty() {
        Value::NONE
    } else {
        pkw
    };
    let init = vm.new_tuple(vec![func]);
    let state = vm.new_tuple(vec![func, pargs, kw, Value::NONE]);
    Ok(vm.new_tuple(vec![cls, init, state]))
}

// ----- cmp_to_key -----

struct KeyWrapper {
    cmp: Value,
    /// The wrapped object; UNBOUND for the factory returned by cmp_to_key.
    obj: Value,
}
impl NativeState for KeyWrapper {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.cmp);
        f(self.obj);
    }
}

fn kw_state(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut KeyWrapper)> {
    this::<KeyWrapper>(vm, args, "functools.KeyWrapper", meth)
}

fn cmp_to_key(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = keywords(vm, "cmp_to_key", args.pos, &args, &["mycmp"], 1, 1)?;
    let cls = class(vm, "KeyWrapper");
    Ok(vm.new_native_object(
        cls,
        KeyWrapper {
            cmp: a[0].unwrap_or(Value::NONE),
            obj: Value::UNBOUND,
        },
    ))
}

fn keywrapper_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = kw_state(vm, &args, "__call__")?;
    let cmp = st.cmp;
    let a = keywords(vm, "K", &args.pos[1..], &args, &["obj"], 1, 1)?;
    let cls = type_of(vm, me);
    Ok(vm.new_native_object(
        cls,
        KeyWrapper {
            cmp,
            obj: a[0].unwrap_or(Value::NONE),
        },
    ))
}

fn keywrapper_compare(vm: &mut Vm, args: Args, op: molt_vm::bytecode::CmpOp) -> PyResult<Value> {
    let (me, st) = kw_state(vm, &args, op.dunder())?;
    let (cmp, x) = (st.cmp, st.obj);
    let other = args.pos.get(1).copied().unwrap_or(Value::NONE);
    if !type_of(vm, other).is(type_of(vm, me)) {
        return Err(vm.type_error("other argument must be K instance"));
    }
    let y = molt_vm::object::native_state::<KeyWrapper>(other)
        .map(|s| s.obj)
        .unwrap_or(Value::UNBOUND);
    if x.is_unbound() || y.is_unbound() {
        return Err(vm.attribute_error("object"));
    }
    let r = ops::call(vm, cmp, Args::new(&[x, y]))?;
    ops::compare(vm, op, r, Value::small_int_unchecked(0))
}

macro_rules! key_cmp {
    ($name:ident, $op:ident) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            keywrapper_compare(vm, args, molt_vm::bytecode::CmpOp::$op)
        }
    };
}
key_cmp!(key_lt, Lt);
key_cmp!(key_le, Le);
key_cmp!(key_eq, Eq);
key_cmp!(key_ne, Ne);
key_cmp!(key_gt, Gt);
key_cmp!(key_ge, Ge);

fn keywrapper_obj(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = kw_state(vm, &args, "obj")?;
    Ok(if st.obj.is_unbound() {
        Value::NONE
    } else {
        st.obj
    })
}

fn keywrapper_obj_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = kw_state(vm, &args, "obj")?;
    st.obj = args.pos.get(1).copied().unwrap_or(Value::NONE);
    Ok(Value::NONE)
}

fn keywrapper_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'functools.KeyWrapper' instances"))
}

// ----- the module -----

pub fn functools_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_functools");
    vm.add_native(m, "reduce", reduce);
    vm.add_native(m, "cmp_to_key", cmp_to_key);

    let p = new_class(vm, "functools", "partial", &[], Layout::Object, true);
    methods(
        vm,
        p,
        &[
            ("__new__", partial_new),
            ("__call__", partial_call),
            ("__repr__", partial_repr),
            ("__reduce__", partial_reduce),
        ],
    );
    for (name, get) in [
        ("func", partial_func as molt_vm::object::NativeFn),
        ("args", partial_args),
        ("keywords", partial_keywords),
    ] {
        let fset = vm.new_native(name, readonly, Value::NONE);
        property(vm, p, name, get, fset);
    }
    classmethod(vm, p, "__class_getitem__", class_getitem);
    set(vm, m, "partial", p);

    let k = new_class(vm, "functools", "KeyWrapper", &[], Layout::Object, false);
    methods(
        vm,
        k,
        &[
            ("__new__", keywrapper_new),
            ("__call__", keywrapper_call),
            ("__lt__", key_lt),
            ("__le__", key_le),
            ("__eq__", key_eq),
            ("__ne__", key_ne),
            ("__gt__", key_gt),
            ("__ge__", key_ge),
        ],
    );
    vm.set_attr_str(k, "__hash__", Value::NONE);
    let fset = vm.new_native("obj", keywrapper_obj_set, Value::NONE);
    property(vm, k, "obj", keywrapper_obj, fset);
    Ok(m)
}
