//! `X | Y` between types and `list[int]`: the VM makes them by calling the
//! `UnionType` and `GenericAlias` classes of the embedded `_typeforms`
//! module (imported on first use, so start-up does not pay for it).

use crate::value::Value;
use crate::vm::{Args, PyResult, Vm};

fn typeforms_class(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = vm.new_str("_typeforms");
    let module = (vm.hooks.import)(vm, m, Value::NONE, Value::NONE, 0)?;
    let n = vm.intern(name);
    super::getattr(vm, module, n)
}

/// Can `v` be an operand of `X | Y` between types (a class, None or a union)?
pub fn union_operand(vm: &Vm, v: Value) -> bool {
    v.is_none() || crate::class::is_class(v) || (v.is_ptr() && v.as_obj().class().is(vm.union_type))
}

/// `a | b` for types: a `types.UnionType` (or `a` itself when both are one type).
pub fn union(vm: &mut Vm, a: Value, b: Value) -> PyResult<Value> {
    if vm.union_type.is_none() {
        vm.union_type = typeforms_class(vm, "UnionType")?;
        vm.roots.push(vm.union_type);
    }
    let u = vm.union_type;
    super::call(vm, u, Args::new(&[a, b]))
}

/// `origin[args]` for the builtin generic classes: a `types.GenericAlias`.
pub fn generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult<Value> {
    let ga = typeforms_class(vm, "GenericAlias")?;
    super::call(vm, ga, Args::new(&[origin, args]))
}
