//! Calling: functions, builtins, bound methods, classes (`__new__` then
//! `__init__`) and instances with `__call__`.

use super::str_of;
use crate::class::{class_name, is_subclass, lookup, lookup_user, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{Args, PyResult, Vm};

pub fn call(vm: &mut Vm, f: Value, args: Args) -> PyResult<Value> {
    let o = match f.obj() {
        Some(o) => o,
        None => return Err(not_callable(vm, f)),
    };
    match &o.kind {
        Kind::Function(_) => (vm.hooks.call_function)(vm, f, args),
        Kind::Native(n) => {
            // Native code calling back into itself never passes the Python
            // recursion count; the native stack bound stops it instead.
            vm.check_native_stack("while calling a Python object")?;
            if n.bound_self.is_none() {
                (n.func)(vm, args)
            } else {
                let mut pos = Vec::with_capacity(args.pos.len() + 1);
                pos.push(n.bound_self);
                pos.extend_from_slice(args.pos);
                (n.func)(
                    vm,
                    Args {
                        pos: &pos,
                        kwnames: args.kwnames,
                        kwvalues: args.kwvalues,
                    },
                )
            }
        }
        Kind::BoundMethod { func, receiver } => {
            let mut pos = Vec::with_capacity(args.pos.len() + 1);
            pos.push(*receiver);
            pos.extend_from_slice(args.pos);
            let func = *func;
            call(
                vm,
                func,
                Args {
                    pos: &pos,
                    kwnames: args.kwnames,
                    kwvalues: args.kwvalues,
                },
            )
        }
        Kind::Class(_) => call_class(vm, f, args),
        Kind::StaticMethod(inner) => {
            let inner = *inner;
            call(vm, inner, args)
        }
        _ => {
            let cls = type_of(vm, f);
            match lookup(vm, cls, vm.names.__call__) {
                Some(c) => {
                    // A `__call__` that is itself an instance with `__call__`
                    // recurses here without a Python frame: count it as one
                    // level, as CPython does.
                    if vm.depth >= vm.recursion_limit {
                        let e = vm.exc.RecursionError;
                        return Err(vm.err(
                            e,
                            "maximum recursion depth exceeded while calling a Python object",
                        ));
                    }
                    let mut pos = Vec::with_capacity(args.pos.len() + 1);
                    pos.push(f);
                    pos.extend_from_slice(args.pos);
                    vm.depth += 1;
                    let r = call(
                        vm,
                        c,
                        Args {
                            pos: &pos,
                            kwnames: args.kwnames,
                            kwvalues: args.kwvalues,
                        },
                    );
                    vm.depth -= 1;
                    r
                }
                None => Err(not_callable(vm, f)),
            }
        }
    }
}

pub fn not_callable(vm: &mut Vm, f: Value) -> crate::PyErr {
    let msg = format!(
        "'{}' object is not callable",
        crate::class::type_name(vm, f)
    );
    vm.type_error(msg)
}

pub fn call0(vm: &mut Vm, f: Value) -> PyResult<Value> {
    call(vm, f, Args::new(&[]))
}
pub fn call1(vm: &mut Vm, f: Value, a: Value) -> PyResult<Value> {
    call(vm, f, Args::new(&[a]))
}
pub fn call2(vm: &mut Vm, f: Value, a: Value, b: Value) -> PyResult<Value> {
    call(vm, f, Args::new(&[a, b]))
}

/// `obj.name(*args)`, looked up on the class (no bound-method object for the common case).
pub fn call_method(vm: &mut Vm, obj: Value, name: Value, args: &[Value]) -> PyResult<Value> {
    let cls = type_of(vm, obj);
    let is_class = matches!(
        obj.obj().map(|o| &o.kind),
        Some(Kind::Class(_)) | Some(Kind::Super { .. }) | Some(Kind::Module(_))
    );
    if let Some(m) = if is_class {
        None
    } else {
        lookup(vm, cls, name)
    } {
        let plain = match m.obj().map(|o| &o.kind) {
            Some(Kind::Function(_)) => true,
            Some(Kind::Native(n)) => !n.owner.is_none() && n.bound_self.is_none(),
            _ => false,
        };
        if plain
            && (obj.obj().map_or(true, |o| o.attrs().is_none())
                || super::attr::load_instance_attr(obj, name).is_none())
        {
            let mut pos = Vec::with_capacity(args.len() + 1);
            pos.push(obj);
            pos.extend_from_slice(args);
            return call(vm, m, Args::new(&pos));
        }
    }
    let f = super::getattr(vm, obj, name)?;
    call(vm, f, Args::new(args))
}

/// Call a special method on the class of `obj` if the class (Python part) defines it.
pub fn call_dunder(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let cls = type_of(vm, obj);
    match lookup(vm, cls, name) {
        Some(m) => {
            let mut pos = Vec::with_capacity(args.len() + 1);
            pos.push(obj);
            pos.extend_from_slice(args);
            let f = super::attr::bind(vm, m, Value::UNBOUND, cls)?;
            let f = match f.obj().map(|o| &o.kind) {
                Some(Kind::Function(_)) | Some(Kind::Native(_)) => f,
                _ => {
                    // A non-function descriptor: bind it to the instance.
                    let b = super::attr::bind(vm, m, obj, cls)?;
                    return call(vm, b, Args::new(args)).map(Some);
                }
            };
            call(vm, f, Args::new(&pos)).map(Some)
        }
        None => Ok(None),
    }
}

/// `cls(*args, **kw)`: metaclass `__call__`, then `__new__` and `__init__`.
fn call_class(vm: &mut Vm, cls: Value, args: Args) -> PyResult<Value> {
    let meta = type_of(vm, cls);
    if !meta.is(vm.t.type_) {
        if let Some(c) = lookup_user(vm, meta, vm.names.__call__) {
            let mut pos = Vec::with_capacity(args.pos.len() + 1);
            pos.push(cls);
            pos.extend_from_slice(args.pos);
            return call(
                vm,
                c,
                Args {
                    pos: &pos,
                    kwnames: args.kwnames,
                    kwvalues: args.kwvalues,
                },
            );
        }
    }
    type_call(vm, cls, args)
}

/// `type.__call__(cls, *args, **kw)`
pub fn type_call(vm: &mut Vm, cls: Value, args: Args) -> PyResult<Value> {
    if cls.is(vm.t.type_) && args.pos.len() == 1 && !args.has_kw() {
        return Ok(type_of(vm, args.pos[0]));
    }
    let new = lookup(vm, cls, vm.names.__new__);
    let mut pos = Vec::with_capacity(args.pos.len() + 1);
    pos.push(cls);
    pos.extend_from_slice(args.pos);
    let obj = match new {
        Some(n) => {
            let n = match n.obj().map(|o| &o.kind) {
                Some(Kind::StaticMethod(f)) => *f,
                _ => n,
            };
            call(
                vm,
                n,
                Args {
                    pos: &pos,
                    kwnames: args.kwnames,
                    kwvalues: args.kwvalues,
                },
            )?
        }
        None => return Err(vm.type_error(format!("cannot create '{}' instances", class_name(cls)))),
    };
    if !is_subclass(type_of(vm, obj), cls) {
        return Ok(obj);
    }
    if let Some(init) = lookup(vm, type_of(vm, obj), vm.names.__init__) {
        pos[0] = obj;
        let r = call(
            vm,
            init,
            Args {
                pos: &pos,
                kwnames: args.kwnames,
                kwvalues: args.kwvalues,
            },
        )?;
        if !r.is_none() {
            let msg = format!(
                "__init__() should return None, not '{}'",
                crate::class::type_name(vm, r)
            );
            return Err(vm.type_error(msg));
        }
    }
    Ok(obj)
}

/// A native's argument count check with CPython's wording.
pub fn check_args(vm: &mut Vm, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    no_kwargs(vm, name, args)?;
    let n = args.pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        if min == 0 {
            format!("{}() takes no arguments ({} given)", name, n)
        } else if min == 1 {
            format!("{}() takes exactly one argument ({} given)", name, n)
        } else {
            format!("{} expected {} arguments, got {}", name, min, n)
        }
    } else if n < min {
        format!(
            "{} expected at least {} argument{}, got {}",
            name,
            min,
            if min == 1 { "" } else { "s" },
            n
        )
    } else {
        format!(
            "{} expected at most {} argument{}, got {}",
            name,
            max,
            if max == 1 { "" } else { "s" },
            n
        )
    };
    Err(vm.type_error(msg))
}

/// Reject keyword arguments for natives that take none.
pub fn no_kwargs(vm: &mut Vm, name: &str, args: &Args) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    Ok(())
}

/// The name of a function-like value, for error messages.
pub fn callable_name(v: Value) -> String {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(f)) => str_of(f.qualname.get()).unwrap_or("?").to_string(),
        Some(Kind::Native(n)) => n.name.to_string(),
        Some(Kind::Class(c)) => str_of(c.name.get()).unwrap_or("?").to_string(),
        _ => "?".to_string(),
    }
}

/// How CPython names a callable in call errors: `module.qualname` for Python
/// functions outside builtins, the plain name otherwise.
pub fn function_str(v: Value) -> String {
    if let Some(Kind::Function(f)) = v.obj().map(|o| &o.kind) {
        if let Some(m) = str_of(f.module) {
            if m != "builtins" {
                return format!("{}.{}", m, str_of(f.qualname.get()).unwrap_or("?"));
            }
        }
    }
    callable_name(v)
}
