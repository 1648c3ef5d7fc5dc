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
