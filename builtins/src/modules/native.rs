//! Shared plumbing for native modules whose classes carry Rust state
//! (`itertools`, `_collections`, `_functools`): creating their classes,
//! reaching the state of `self`, and CPython's argument-parsing errors.
//!
//! The classes are made by `Vm::make_native_class`, like a CPython
//! extension type: the object protocols find their dunder methods in the
//! class dict, `repr(cls)` shows the module, and Python subclasses work.

use molt_vm::class::type_name;
use molt_vm::object::{Kind, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
/// A class of native module `module`.  `attrs`: instances get a `__dict__`.
pub fn new_class(
    vm: &mut Vm,
    module: &str,
    name: &'static str,
    bases: &[Value],
    layout: Layout,
    attrs: bool,
) -> Value {
    let cls = vm.make_native_class(module, name, bases, layout, attrs);
    vm.native_classes.insert(name, cls);
    cls
}

/// A class made by [`new_class`] in this VM, by name (the `_tee` class
/// for `tee()`, say).
pub fn class(vm: &Vm, name: &'static str) -> Value {
    vm.native_classes.get(name).copied().unwrap_or(vm.t.object)
}

/// The class argument of a native `__new__` (`pos[0]`), checked as CPython
/// does: it must be a subclass of this module's class `name`.  Returns the
/// class and the other arguments.
pub fn new_args<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &'static str,
) -> PyResult<(Value, &'a [Value])> {
    let base = class(vm, name);
    let base_name = molt_vm::class::class_name(base);
    let Some(&cls) = args.pos.first() else {
        return Err(vm.type_error(format!("{}.__new__(): not enough arguments", base_name)));
    };
    if !molt_vm::class::is_class(cls) {
        let msg = format!(
            "{}.__new__(X): X is not a type object ({})",
            base_name,
            type_name(vm, cls)
        );
        return Err(vm.type_error(msg));
    }
    if !molt_vm::class::is_subclass(cls, base) {
        let msg = format!(
            "{}.__new__({}): {} is not a subtype of {}",
            base_name,
            molt_vm::class::class_name(cls),
            molt_vm::class::class_name(cls),
            base_name
        );
        return Err(vm.type_error(msg));
    }
    Ok((cls, &args.pos[1..]))
}

/// Methods of a class, by name.
pub fn methods(vm: &mut Vm, cls: Value, list: &[(&'static str, NativeFn)]) {
    for (n, f) in list {
        vm.add_native(cls, n, *f);
    }
}

/// A read-only attribute computed by `get` (a property without setter).
pub fn getter(vm: &mut Vm, cls: Value, name: &'static str, get: NativeFn) {
    property(vm, cls, name, get, Value::NONE);
}

/// A property whose getter and (optional) setter are natives.
pub fn property(vm: &mut Vm, cls: Value, name: &'static str, get: NativeFn, set: Value) {
    let fget = vm.new_native(name, get, Value::NONE);
    let pcls = vm.t.property;
    let p = vm.alloc(
        pcls,
        Kind::Property {
            fget,
            fset: set,
            fdel: Value::NONE,
            doc: Value::NONE,
        },
    );
    vm.set_attr_str(cls, name, p);
}

/// A read-only attribute of a builtin type computed by `get`, as CPython's
/// `getset_descriptor` (with `__name__` and `__objclass__`).
pub fn getset(vm: &mut Vm, cls: Value, name: &'static str, get: NativeFn) {
    descriptor(vm, cls, name, get, Value::NONE);
}

/// A read-only data attribute, as CPython's `READONLY` members: like
/// [`getset`], but assigning or deleting it says "readonly attribute".
pub fn readonly_member(vm: &mut Vm, cls: Value, name: &'static str, get: NativeFn) {
    let refuse = vm.new_native(name, refuse_readonly, Value::NONE);
    descriptor(vm, cls, name, get, refuse);
}

fn refuse_readonly(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("readonly attribute"))
}

fn descriptor(vm: &mut Vm, cls: Value, name: &'static str, get: NativeFn, set_and_del: Value) {
    let fget = vm.new_native(name, get, Value::NONE);
    let gcls = vm.t.getset_descriptor;
    let p = vm.alloc(
        gcls,
        Kind::Property {
            fget,
            fset: set_and_del,
            fdel: set_and_del,
            doc: Value::NONE,
        },
    );
    let (k, v) = (vm.intern("__name__"), vm.intern(name));
    molt_vm::ops::attr::store_instance_attr(vm, p, k, v);
    let k = vm.intern("__objclass__");
    molt_vm::ops::attr::store_instance_attr(vm, p, k, cls);
    vm.set_attr_str(cls, name, p);
}

/// A classmethod (`chain.from_iterable`, `__class_getitem__`): `pos[0]` is the class.
pub fn classmethod(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let func = vm.new_native(name, f, Value::NONE);
    let ccls = vm.t.classmethod;
    let cm = vm.alloc(ccls, Kind::ClassMethod(func));
    vm.set_attr_str(cls, name, cm);
}

/// `__class_getitem__` for generic classes: `deque[int]` is a
/// `types.GenericAlias`.
pub fn class_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__class_getitem__", &args, 2, 2)?;
    molt_vm::ops::typeforms::generic_alias(vm, args.pos[0], args.pos[1])
}

/// `__iter__` of an iterator: itself.
pub fn iter_self(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().copied().unwrap_or(Value::NONE))
}

/// The qualified name a C type has in CPython's messages (`collections.deque`).
pub fn tp_name(vm: &Vm, v: Value) -> String {
    molt_vm::class::type_name(vm, v).to_string()
}

/// `type(v).__name__`: the short name, also for native classes.
pub fn short_name(vm: &Vm, v: Value) -> &'static str {
    let cls = molt_vm::class::type_of(vm, v);
    let Kind::Class(c) = &cls.as_obj().kind else {
        return "?";
    };
    let name = ops::str_of(c.name.get()).unwrap_or("?");
    let qual = ops::str_of(c.qualname.get()).unwrap_or("?");
    match name.strip_suffix(qual) {
        Some(m) if m.ends_with('.') => qual,
        _ => name,
    }
}

/// Is `meth` a type slot (`__next__`, `__getitem__`) rather than a plain
/// method?  Their wrappers word the wrong-`self` TypeError differently.
pub fn is_slot(meth: &str) -> bool {
    const METHODS: &[&str] = &[
        "__copy__",
        "__reduce__",
        "__reversed__",
        "__missing__",
        "__length_hint__",
        "__class_getitem__",
    ];
    meth.starts_with("__") && meth.ends_with("__") && !METHODS.contains(&meth)
}

/// The Rust state of `self` (`v`), or the method descriptor's TypeError.
pub fn this<T: NativeState>(
    vm: &mut Vm,
    args: &Args,
    cls_name: &str,
    meth: &str,
) -> PyResult<(Value, &'static mut T)> {
    let Some(&v) = args.pos.first() else {
        return Err(vm.type_error(format!(
            "unbound method {}.{}() needs an argument",
            cls_name, meth
        )));
    };
    match molt_vm::object::native_state::<T>(v) {
        Some(s) => Ok((v, s)),
        None => {
            // Slot wrappers (`__next__`) and methods word it differently.
            let msg = if is_slot(meth) {
                format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    meth,
                    cls_name,
                    type_name(vm, v)
                )
            } else {
                format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    meth,
                    cls_name,
                    type_name(vm, v)
                )
            };
            Err(vm.type_error(msg))
        }
    }
}

/// Keep a value alive while native code holds it across calls into Python.
#[inline]
pub fn pin(vm: &mut Vm, v: Value) -> Value {
    vm.pinned.push(v);
    v
}

/// End of iteration from a native `__next__`.
pub fn stop(vm: &mut Vm) -> molt_vm::PyErr {
    vm.stop_iteration(Value::NONE)
}

/// A bytes-like argument's bytes (bytes, bytearray, memoryview, array…),
/// or CPython's "a bytes-like object is required" TypeError.
pub fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match molt_vm::ops::convert::bytes_of(v) {
        Some(b) => Ok(b),
        None => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                molt_vm::class::type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// A native `__next__` result: the item, or StopIteration.
pub fn next_result(vm: &mut Vm, r: Option<Value>) -> PyResult<Value> {
    match r {
        Some(v) => Ok(v),
        None => Err(stop(vm)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Positional-only arguments, no keywords (CPython's `_PyArg_CheckPositional`
/// and `_PyArg_NoKeywords` wording).
pub fn positional<'a>(
    vm: &mut Vm,
    fname: &str,
    pos: &'a [Value],
    args: &Args,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", fname)));
    }
    let n = pos.len();
    if n < min || n > max {
        let (q, k) = if n < min {
            (if min == max { "" } else { "at least " }, min)
        } else {
            (if min == max { "" } else { "at most " }, max)
        };
        let msg = format!(
            "{} expected {}{} argument{}, got {}",
            fname,
            q,
            k,
            plural(k),
            n
        );
        return Err(vm.type_error(msg));
    }
    Ok(pos)
}

/// The check of a method taking no arguments (METH_NOARGS): `pos[0]` is
/// `self`; `qualname` is `Class.method` as CPython words it.
pub fn no_args(vm: &mut Vm, args: &Args, qualname: &str) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", qualname)));
    }
    if args.pos.len() != 1 {
        let msg = format!(
            "{}() takes no arguments ({} given)",
            qualname,
            args.pos.len().saturating_sub(1)
        );
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// The single argument of a method taking one (METH_O), after `self`.
pub fn one_arg(vm: &mut Vm, args: &Args, qualname: &str) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", qualname)));
    }
    if args.pos.len() != 2 {
        let msg = format!(
            "{}() takes exactly one argument ({} given)",
            qualname,
            args.pos.len().saturating_sub(1)
        );
        return Err(vm.type_error(msg));
    }
    Ok(args.pos[1])
}

/// Parameters that may be given by position or keyword (`names`), the first
/// `required` mandatory; those from `kwonly` on are keyword-only.  The
/// errors are `PyArg_ParseTupleAndKeywords`'s.
pub fn keywords(
    vm: &mut Vm,
    fname: &str,
    pos: &[Value],
    args: &Args,
    names: &[&str],
    required: usize,
    kwonly: usize,
) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if pos.len() > kwonly {
        let msg = if kwonly < names.len() {
            format!(
                "{}() takes at most {} positional argument{} ({} given)",
                fname,
                kwonly,
                plural(kwonly),
                pos.len()
            )
        } else {
            format!(
                "{}() takes at most {} argument{} ({} given)",
                fname,
                kwonly,
                plural(kwonly),
                pos.len() + args.kwnames.len()
            )
        };
        return Err(vm.type_error(msg));
    }
    if pos.len() + args.kwnames.len() > names.len() {
        let msg = format!(
            "{}() takes at most {} argument{} ({} given)",
            fname,
            names.len(),
            plural(names.len()),
            pos.len() + args.kwnames.len()
        );
        return Err(vm.type_error(msg));
    }
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(*v);
    }
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        let ks = ops::str_of(*k).unwrap_or("");
        match names.iter().position(|n| *n == ks) {
            Some(i) if out[i].is_some() => {
                let msg = format!(
                    "argument for {}() given by name ('{}') and position ({})",
                    fname,
                    ks,
                    i + 1
                );
                return Err(vm.type_error(msg));
            }
            Some(i) => out[i] = Some(*v),
            None => {
                let msg = format!("'{}' is an invalid keyword argument for {}()", ks, fname);
                return Err(vm.type_error(msg));
            }
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            let msg = format!(
                "{}() missing required argument '{}' (pos {})",
                fname,
                names[i],
                i + 1
            );
            return Err(vm.type_error(msg));
        }
    }
    Ok(out)
}

/// [`keywords`] as Argument Clinic checks them: the total count first
/// ("takes at most 5 arguments"), then the positional one.
pub fn clinic_keywords(
    vm: &mut Vm,
    fname: &str,
    pos: &[Value],
    args: &Args,
    names: &[&str],
    required: usize,
    kwonly: usize,
) -> PyResult<Vec<Option<Value>>> {
    let given = pos.len() + args.kwnames.len();
    if given > names.len() {
        let msg = format!(
            "{}() takes at most {} {}argument{} ({} given)",
            fname,
            names.len(),
            if pos.is_empty() { "keyword " } else { "" },
            plural(names.len()),
            given
        );
        return Err(vm.type_error(msg));
    }
    keywords(vm, fname, pos, args, names, required, kwonly)
}

/// A Py_ssize_t argument (`__index__`), with CPython's OverflowError.
pub fn ssize(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(i) {
        Some(ops::arith::Num::Small(n)) => Ok(n),
        Some(ops::arith::Num::Big(b)) => match num_traits::ToPrimitive::to_i64(b) {
            Some(n) => Ok(n),
            None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        },
        _ => Ok(0),
    }
}

/// Is `v` callable (as the builtin `callable`)?
pub fn is_callable(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(_) | Kind::Native(_) | Kind::BoundMethod { .. } | Kind::Class(_)) => {
            true
        }
        _ => {
            let cls = molt_vm::class::type_of(vm, v);
            molt_vm::class::lookup(vm, cls, vm.names.__call__).is_some()
        }
    }
}
