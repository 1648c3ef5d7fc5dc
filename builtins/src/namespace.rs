//! `types.SimpleNamespace`: an object whose attributes are its keyword
//! arguments (also the type of `sys.implementation` and `sys.flags` here).

use molt_vm::object::Kind;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let cls = vm.make_native_class(
        "types",
        "SimpleNamespace",
        &[],
        molt_vm::object::Layout::Object,
        true,
    );
    vm.add_native(cls, "__init__", ns_init);
    vm.add_native(cls, "__repr__", ns_repr);
    vm.add_native(cls, "__eq__", ns_eq);
    let k = vm.intern("__hash__");
    vm.dict_set_str(molt_vm::vm::class_data(cls).dict, k, Value::NONE);
    vm.native_classes.insert("SimpleNamespace", cls);
}

fn namespace_class(vm: &mut Vm) -> Value {
    vm.native_classes["SimpleNamespace"]
}

/// A namespace with the given attributes.
pub fn new_namespace(vm: &mut Vm, attrs: &[(&str, Value)]) -> Value {
    let cls = namespace_class(vm);
    let ns = vm.new_instance(cls);
    for (k, v) in attrs {
        vm.set_attr_str_on_instance(ns, k, *v);
    }
    ns
}

fn ns_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 {
        return Err(vm.type_error("no positional arguments expected"));
    }
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        ops::setattr(vm, args.pos[0], *k, *v)?;
    }
    Ok(Value::NONE)
}

fn ns_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos[0];
    let d = ops::getattr(vm, me, vm.names.__dict__)?;
    let mut parts = vec![];
    let items: Vec<(Value, Value)> = match &d.as_obj().kind {
        Kind::Dict(dd) => dd.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    };
    for (k, v) in items {
        let r = ops::repr_string(vm, v)?;
        parts.push(format!("{}={}", str_of(k).unwrap_or("?"), r));
    }
    let name = if molt_vm::class::type_of(vm, me).is(namespace_class(vm)) {
        "namespace".to_string()
    } else {
        molt_vm::class::type_name(vm, me).to_string()
    };
    Ok(vm.new_string(format!("{}({})", name, parts.join(", "))))
}

fn ns_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = (args.pos[0], args.pos[1]);
    let cls = namespace_class(vm);
    if !molt_vm::class::isinstance(vm, b, cls) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let da = ops::getattr(vm, a, vm.names.__dict__)?;
    let db = ops::getattr(vm, b, vm.names.__dict__)?;
    ops::compare(vm, molt_vm::bytecode::CmpOp::Eq, da, db)
}
