//! `sys._getframe`, and the methods of code and frame objects
//! (`co_lines()`, `co_positions()`, `frame.clear()`).  The attributes are
//! in `molt_vm::ops::attr` and `molt_vm::frameobj`.

use molt_vm::frame::code_of;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let c = vm.t.code;
    vm.add_native(c, "co_lines", co_lines);
    vm.add_native(c, "co_positions", co_positions);
    let f = vm.t.frame;
    vm.add_native(f, "clear", frame_clear);
    let c = vm.t.cell;
    vm.add_native(c, "__new__", cell_new);
    let m = vm.t.method;
    vm.add_native(m, "__new__", method_new);
    let f = vm.t.function;
    vm.add_native(f, "__new__", function_new);
}

/// `types.CellType(contents)`: a cell, empty without an argument.
fn cell_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 || !args.kwnames.is_empty() {
        return Err(vm.type_error("cell expected at most 1 argument"));
    }
    let init = args.pos.get(1).copied().unwrap_or(Value::UNBOUND);
    let cls = vm.t.cell;
    Ok(vm.alloc(cls, Kind::Cell(std::cell::Cell::new(init))))
}

/// `types.MethodType(func, obj)`.
fn method_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 3 || !args.kwnames.is_empty() {
        return Err(vm.type_error(format!(
            "method expected 2 arguments, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    let (func, receiver) = (args.pos[1], args.pos[2]);
    if !crate::modules::native::is_callable(vm, func) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if receiver.is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    let cls = vm.t.method;
    Ok(vm.alloc(cls, Kind::BoundMethod { func, receiver }))
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`.
fn function_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1.min(args.pos.len())..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = crate::args::parse(
        vm,
        "function",
        &rest,
        &["code", "globals", "name", "argdefs", "closure"],
        2,
    )?;
    let code = a[0].unwrap();
    let cc = match code.obj().map(|o| &o.kind) {
        Some(Kind::Code(c)) => c,
        _ => return Err(vm.type_error("function() argument 'code' must be code")),
    };
    let globals = a[1].unwrap();
    if !matches!(globals.obj().map(|o| &o.kind), Some(Kind::Dict(_))) {
        return Err(vm.type_error("function() argument 'globals' must be dict"));
    }
    let opt = |v: Option<Value>| v.filter(|v| !v.is_none()).unwrap_or(Value::NONE);
    let name = opt(a[2]);
    if !name.is_none() && ops::str_of(name).is_none() {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = opt(a[3]);
    if !defaults.is_none() && ops::tuple_items(defaults).is_none() {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = opt(a[4]);
    let nfree = cc.co_freevars().len();
    let nclosure = ops::tuple_items(closure).map_or(0, |t| t.len());
    if !closure.is_none() && ops::tuple_items(closure).is_none() {
        return Err(vm.type_error("arg 5 (closure) must be tuple"));
    }
    if nfree != nclosure {
        let msg = format!(
            "{} requires closure of length {}, not {}",
            ops::str_of(cc.name).unwrap_or("?"),
            nfree,
            nclosure
        );
        return Err(vm.value_error(msg));
    }
    let module = vm
        .dict_get_str(globals, vm.names.__name__)
        .unwrap_or(Value::NONE);
    let fd = molt_vm::object::FunctionData {
        code: std::cell::Cell::new(code),
        globals,
        name: std::cell::Cell::new(if name.is_none() { cc.name } else { name }),
        qualname: std::cell::Cell::new(cc.qualname),
        defaults: std::cell::Cell::new(defaults),
        kwdefaults: std::cell::Cell::new(Value::NONE),
        closure,
        module,
        doc: std::cell::Cell::new(cc.docstring),
        annotations: std::cell::Cell::new(Value::NONE),
    };
    let cls = vm.t.function;
    Ok(vm.alloc(cls, Kind::Function(Box::new(fd))))
}

fn code_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    match args.pos.first() {
        Some(v) if matches!(v.obj().map(|o| &o.kind), Some(Kind::Code(_))) => Ok(*v),
        _ => Err(vm.type_error(format!("descriptor '{}' requires a 'code' object", name))),
    }
}

/// `code.co_lines()`: `(start, end, line)` byte ranges, one per run of
/// instructions on the same line (two bytes per instruction).
fn co_lines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = code_of(code_arg(vm, &args, "co_lines")?);
    let mut runs: Vec<(usize, usize, u32)> = Vec::new();
    for (i, &l) in c.lines.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.2 == l => r.1 = 2 * (i + 1),
            _ => runs.push((2 * i, 2 * (i + 1), l)),
        }
    }
    let mut items = Vec::with_capacity(runs.len());
    for (a, b, l) in runs {
        let t = vec![
            vm.new_int(a as i64),
            vm.new_int(b as i64),
            vm.new_int(l as i64),
        ];
        items.push(vm.new_tuple(t));
    }
    let list = vm.new_list(items);
    ops::get_iter(vm, list)
}

/// `code.co_positions()`: `(line, end_line, col, end_col)` per instruction;
/// molt keeps no columns.
fn co_positions(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = code_of(code_arg(vm, &args, "co_positions")?);
    let mut items = Vec::with_capacity(c.lines.len());
    for &l in c.lines.iter() {
        let line = vm.new_int(l as i64);
        let t = vec![line, line, Value::NONE, Value::NONE];
        items.push(vm.new_tuple(t));
    }
    let list = vm.new_list(items);
    ops::get_iter(vm, list)
}

/// `frame.clear()`: a running frame cannot be cleared; a finished one has
/// nothing molt needs to free.
fn frame_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(fo) = args
        .pos
        .first()
        .and_then(|f| molt_vm::frameobj::frame_state(*f))
    {
        if !fo.live.is_null() {
            return Err(vm.runtime_error("cannot clear an executing frame"));
        }
        fo.locals = Value::NONE;
    }
    Ok(Value::NONE)
}

/// `sys._getframe(depth=0)`.
pub fn getframe(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "_getframe", &args, 0, 1)?;
    let depth = match args.pos.first() {
        Some(d) => ops::to_index(vm, *d)?,
        None => 0,
    };
    let n = vm.frames.len() as i64;
    let depth = depth.max(0);
    if depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Ok(molt_vm::frameobj::frame_object(
        vm,
        (n - 1 - depth) as usize,
    ))
}
