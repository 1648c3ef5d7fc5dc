//! Struct sequences (`os.stat_result`, `os.uname_result`, ...): tuple
//! subclasses whose items also have names, plus named fields beyond the
//! tuple part (`st_atime` as a float, `st_atime_ns`, ...).
//!
//! An instance is a tuple of the visible fields; every field, visible or
//! not, is also stored as an attribute of the instance (all instances of a
//! class share one shape, so this costs a value per field).  The class has
//! empty `__slots__`, so Python code cannot add or change attributes.

use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

/// Create a struct sequence class `module.name` whose first `n_visible`
/// fields are its tuple items.
pub fn new_type(
    vm: &mut Vm,
    module: &str,
    name: &str,
    fields: &[&str],
    n_visible: usize,
) -> PyResult<Value> {
    let ns = vm.new_dict();
    let mv = vm.new_str(module);
    let k = vm.names.__module__;
    vm.dict_set_str(ns, k, mv);
    // "" marks an unnamed field (a tuple item without an attribute).
    let all: Vec<Value> = fields
        .iter()
        .map(|f| {
            if f.is_empty() {
                Value::NONE
            } else {
                vm.intern(f)
            }
        })
        .collect();
    let visible: Vec<Value> = all[..n_visible.min(all.len())]
        .iter()
        .copied()
        .filter(|v| !v.is_none())
        .collect();
    let visible = vm.new_tuple(visible);
    let k = vm.intern("__match_args__");
    vm.dict_set_str(ns, k, visible);
    let all_t = vm.new_tuple(all);
    let k = vm.intern("_fields_all");
    vm.dict_set_str(ns, k, all_t);
    let unnamed = fields.iter().filter(|f| f.is_empty()).count();
    for (key, n) in [
        ("n_sequence_fields", n_visible),
        ("n_fields", fields.len()),
        ("n_unnamed_fields", unnamed),
    ] {
        let k = vm.intern(key);
        vm.dict_set_str(ns, k, Value::small_int_unchecked(n as i64));
    }
    let empty = vm.new_tuple(vec![]);
    let k = vm.names.__slots__;
    vm.dict_set_str(ns, k, empty);
    let (meta, tuple) = (vm.t.type_, vm.t.tuple);
    let n = vm.new_str(name);
    let cls = molt_vm::class::new_class(vm, meta, n, &[tuple], ns)?;
    vm.add_native(cls, "__new__", structseq_new);
    vm.add_native(cls, "__repr__", structseq_repr);
    vm.add_native(cls, "__reduce__", structseq_reduce);
    vm.roots.push(cls);
    Ok(cls)
}

fn n_visible(vm: &mut Vm, cls: Value) -> usize {
    let k = vm.intern("n_sequence_fields");
    match molt_vm::class::lookup(vm, cls, k) {
        Some(v) if v.is_small_int() => v.as_small_int().max(0) as usize,
        _ => 0,
    }
}

fn class_tuple(vm: &mut Vm, cls: Value, key: &str) -> Vec<Value> {
    let k = vm.intern(key);
    molt_vm::class::lookup(vm, cls, k)
        .and_then(ops::tuple_items)
        .map(|t| t.to_vec())
        .unwrap_or_default()
}

/// An instance of `cls` with every field's value, in declaration order.
pub fn new(vm: &mut Vm, cls: Value, values: Vec<Value>) -> Value {
    let names = class_tuple(vm, cls, "_fields_all");
    let n_visible = n_visible(vm, cls);
    let obj = vm.alloc(
        cls,
        Kind::Tuple(
            values[..n_visible.min(values.len())]
                .to_vec()
                .into_boxed_slice(),
        ),
    );
    for (name, v) in names.iter().zip(values) {
        if !name.is_none() {
            ops::attr::store_instance_attr(vm, obj, *name, v);
        }
    }
    obj
}

/// `cls(sequence, dict=None)`: the visible fields from the sequence, the
/// others from the sequence's extra items or the dict (None if absent).
fn structseq_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(&cls) = args.pos.first() else {
        return Err(vm.type_error("structseq.__new__(): not enough arguments"));
    };
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = crate::args::parse(vm, "structseq", &rest, &["sequence", "dict"], 1)?;
    let seq = a[0].unwrap_or(Value::NONE);
    let items = ops::iter::collect(vm, seq)?;
    let names = class_tuple(vm, cls, "_fields_all");
    let n_visible = n_visible(vm, cls);
    let tname = format!(
        "{}.{}",
        ops::repr::module_name_of_class(vm, cls).unwrap_or_default(),
        molt_vm::class::class_name(cls)
    );
    let (len, n_all) = (items.len(), names.len());
    if len < n_visible {
        let msg = if n_visible == n_all {
            format!(
                "{}() takes a {}-sequence ({}-sequence given)",
                tname, n_visible, len
            )
        } else {
            format!(
                "{}() takes an at least {}-sequence ({}-sequence given)",
                tname, n_visible, len
            )
        };
        return Err(vm.type_error(msg));
    }
    if len > n_all {
        let msg = if n_visible == n_all {
            format!(
                "{}() takes a {}-sequence ({}-sequence given)",
                tname, n_all, len
            )
        } else {
            format!(
                "{}() takes an at most {}-sequence ({}-sequence given)",
                tname, n_all, len
            )
        };
        return Err(vm.type_error(msg));
    }
    let dict = a[1].filter(|d| !d.is_none());
    let mut values = items;
    for name in &names[len..] {
        let v = match dict {
            Some(d) if !name.is_none() => ops::dict_get(vm, d, *name)?.unwrap_or(Value::NONE),
            _ => Value::NONE,
        };
        values.push(v);
    }
    Ok(new(vm, cls, values))
}

fn structseq_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos.first().copied().unwrap_or(Value::NONE);
    let cls = molt_vm::class::type_of(vm, obj);
    // Like CPython: the visible items, labelled by the named fields in order.
    let names: Vec<Value> = class_tuple(vm, cls, "_fields_all")
        .into_iter()
        .filter(|n| !n.is_none())
        .collect();
    let items = ops::tuple_items(obj).unwrap_or(&[]).to_vec();
    let mut s = format!(
        "{}.{}(",
        ops::repr::module_name_of_class(vm, cls).unwrap_or_default(),
        molt_vm::class::class_name(cls)
    );
    for (i, (name, v)) in names.iter().zip(items).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(ops::str_of(*name).unwrap_or("?"));
        s.push('=');
        s.push_str(&ops::repr_string(vm, v)?);
    }
    s.push(')');
    Ok(vm.new_string(s))
}

/// `(cls, (visible_items, {hidden fields}))`, as CPython pickles them.
fn structseq_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos.first().copied().unwrap_or(Value::NONE);
    let cls = molt_vm::class::type_of(vm, obj);
    let names = class_tuple(vm, cls, "_fields_all");
    let items = ops::tuple_items(obj).unwrap_or(&[]).to_vec();
    let d = vm.new_dict();
    for name in &names[items.len().min(names.len())..] {
        if name.is_none() {
            continue;
        }
        let v = ops::attr::load_instance_attr(obj, *name).unwrap_or(Value::NONE);
        ops::dict_set(vm, d, *name, v)?;
    }
    let t = vm.new_tuple(items);
    let inner = vm.new_tuple(vec![t, d]);
    Ok(vm.new_tuple(vec![cls, inner]))
}
