//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): construction with
//! CPython's checks, `message`, `exceptions`, `derive`, `split`, `subgroup`;
//! and `BaseException.add_note`.  The splitting itself is in
//! `molt_vm::exception_group`.

use crate::modules::native;
use molt_vm::class::{class_name, is_subclass, type_name, type_of};
use molt_vm::exception_group::{self as eg, group_parts};
use molt_vm::exceptions::exc_data;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let beg = vm.exc.BaseExceptionGroup;
    vm.add_native(beg, "__new__", group_new);
    vm.add_native(beg, "__init__", group_init);
    vm.add_native(beg, "__str__", group_str);
    vm.add_native(beg, "derive", group_derive);
    vm.add_native(beg, "split", group_split);
    vm.add_native(beg, "subgroup", group_subgroup);
    native::readonly_member(vm, beg, "message", group_message);
    native::readonly_member(vm, beg, "exceptions", group_exceptions);
    native::classmethod(vm, beg, "__class_getitem__", native::class_getitem);
    let be = vm.exc.BaseException;
    vm.add_native(be, "add_note", add_note);
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
fn group_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(c) if molt_vm::class::is_class(*c) => *c,
        _ => return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object")),
    };
    let given = &args.pos[1..];
    if given.len() != 2 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            given.len()
        )));
    }
    let (message, excs) = (given[0], given[1]);
    if ops::str_of(message).is_none() {
        let msg = format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            type_name(vm, message)
        );
        return Err(vm.type_error(msg));
    }
    if !eg::is_sequence(vm, excs) {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = ops::iter::collect(vm, excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        let c = type_of(vm, *e);
        if !is_subclass(c, vm.exc.BaseException) {
            return Err(vm.value_error(format!(
                "Item {} of second argument (exceptions) is not an exception",
                i
            )));
        }
        nested_base |= !is_subclass(c, vm.exc.Exception);
    }
    let mut cls = cls;
    if cls.is(vm.exc.ExceptionGroup) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if cls.is(vm.exc.BaseExceptionGroup) {
        if !nested_base {
            cls = vm.exc.ExceptionGroup;
        }
    } else if nested_base && is_subclass(cls, vm.exc.Exception) {
        let msg = format!("Cannot nest BaseExceptions in '{}'", class_name(cls));
        return Err(vm.type_error(msg));
    }
    let e = vm.new_exception(cls, given.to_vec());
    let excs = vm.new_tuple(items);
    if let Some(d) = exc_data(e) {
        d.group = Some((message, excs));
    }
    Ok(e)
}

/// `BaseExceptionGroup.__init__`: no keywords; `args` as BaseException's.
fn group_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos[0];
    if args.has_kw() {
        let name = class_name(type_of(vm, me));
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    let t = vm.new_tuple(args.pos[1..].to_vec());
    if let Some(d) = exc_data(me) {
        d.args = t;
    }
    Ok(Value::NONE)
}

fn this_group(vm: &mut Vm, args: &Args, what: &str) -> PyResult<(Value, Value, Value)> {
    let me = args.pos.first().copied().unwrap_or(Value::NONE);
    match group_parts(me) {
        Some((m, e)) => Ok((me, m, e)),
        None => Err(vm.type_error(format!(
            "descriptor '{}' for 'BaseExceptionGroup' objects doesn't apply to a '{}' object",
            what,
            type_name(vm, me)
        ))),
    }
}

fn group_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    this_group(vm, &args, "__str__")?;
    let s = ops::repr::exception_str(vm, args.pos[0])?;
    Ok(vm.new_string(s))
}

fn group_message(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(this_group(vm, &args, "message")?.1)
}

fn group_exceptions(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(this_group(vm, &args, "exceptions")?.2)
}

/// `eg.derive(excs)`: `BaseExceptionGroup(eg.message, excs)`.
fn group_derive(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, message, _) = this_group(vm, &args, "derive")?;
    ops::call::check_args(vm, "derive", &Args::new(&args.pos[1..]), 1, 1)?;
    let cls = vm.exc.BaseExceptionGroup;
    ops::call(vm, cls, Args::new(&[message, args.pos[1]]))
}

fn group_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _, _) = this_group(vm, &args, "split")?;
    ops::call::check_args(vm, "split", &Args::new(&args.pos[1..]), 1, 1)?;
    let (m, r) = eg::split(vm, me, args.pos[1])?;
    Ok(vm.new_tuple(vec![m, r]))
}

fn group_subgroup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _, _) = this_group(vm, &args, "subgroup")?;
    ops::call::check_args(vm, "subgroup", &Args::new(&args.pos[1..]), 1, 1)?;
    eg::subgroup(vm, me, args.pos[1])
}

/// `e.add_note(note)`: append to `e.__notes__`, made a list on first use.
fn add_note(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "add_note", &Args::new(&args.pos[1..]), 1, 1)?;
    let (me, note) = (args.pos[0], args.pos[1]);
    if ops::str_of(note).is_none() {
        let msg = format!("note must be a str, not '{}'", type_name(vm, note));
        return Err(vm.type_error(msg));
    }
    let name = vm.intern("__notes__");
    let notes = match ops::getattr_opt(vm, me, name)? {
        Some(n) => n,
        None => {
            let l = vm.new_list(vec![]);
            ops::setattr(vm, me, name, l)?;
            l
        }
    };
    if !matches!(
        notes.obj().map(|o| &o.kind),
        Some(molt_vm::object::Kind::List(_))
    ) {
        return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
    }
    let append = vm.intern("append");
    ops::call_method(vm, notes, append, &[note])?;
    Ok(Value::NONE)
}
