//! Molt's builtin functions, type constructors and methods, and native
//! modules.  `install` fills the VM's `builtins` namespace and the builtin
//! classes' dicts; native modules are registered with the import system by
//! the binary (see `native_modules`).

pub mod args;
pub mod buffers;
pub mod bytes_methods;
pub mod constructors;
pub mod container_methods;
pub mod dunders;
pub mod exception_group;
pub mod frames;
pub mod functions;
pub mod generators;
pub mod iter_pickle;
pub mod memoryview;
pub mod modules;
pub mod namespace;
pub mod oserror;
pub mod output;
pub mod str_methods;
pub mod structseq;
pub mod type_methods;

use molt_vm::{Value, Vm};

pub fn install(vm: &mut Vm) {
    constructors::register(vm);
    type_methods::register(vm);
    str_methods::register(vm);
    str_methods::register_bytearray(vm);
    container_methods::register(vm);
    functions::register(vm);
    dunders::register(vm);
    exception_group::register(vm);
    bytes_methods::register(vm);
    iter_pickle::register(vm);
    generators::register(vm);
    namespace::register(vm);
    memoryview::register(vm);
    frames::register(vm);
    modules::io::classes(vm);
    let b = vm.builtins;
    for (name, cls) in vm.exc.all() {
        let k = vm.intern(name);
        vm.dict_set_str(b, k, cls);
    }
    // The old names of OSError, still builtins in Python 3.
    for alias in ["EnvironmentError", "IOError"] {
        let (k, cls) = (vm.intern(alias), vm.exc.OSError);
        vm.dict_set_str(b, k, cls);
    }
    let pairs: Vec<(&str, Value)> = vec![
        ("object", vm.t.object),
        ("type", vm.t.type_),
        ("int", vm.t.int),
        ("bool", vm.t.bool_),
        ("float", vm.t.float),
        ("complex", vm.t.complex),
        ("str", vm.t.str_),
        ("bytes", vm.t.bytes),
        ("bytearray", vm.t.bytearray),
        ("list", vm.t.list),
        ("tuple", vm.t.tuple),
        ("dict", vm.t.dict),
        ("set", vm.t.set),
        ("frozenset", vm.t.frozenset),
        ("range", vm.t.range),
        ("slice", vm.t.slice),
        ("property", vm.t.property),
        ("classmethod", vm.t.classmethod),
        ("staticmethod", vm.t.staticmethod),
        ("super", vm.t.super_),
        ("enumerate", vm.t.enumerate),
        ("zip", vm.t.zip),
        ("map", vm.t.map),
        ("filter", vm.t.filter),
        ("reversed", vm.t.reversed),
        ("None", Value::NONE),
        ("True", Value::TRUE),
        ("False", Value::FALSE),
        ("Ellipsis", Value::ELLIPSIS),
        ("NotImplemented", Value::NOT_IMPLEMENTED),
        ("__debug__", Value::TRUE),
    ];
    for (name, v) in pairs {
        let k = vm.intern(name);
        vm.dict_set_str(b, k, v);
    }
    let k = vm.intern("__name__");
    let n = vm.intern("builtins");
    vm.dict_set_str(b, k, n);
}
