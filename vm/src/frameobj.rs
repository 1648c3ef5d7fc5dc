//! Frame objects (`sys._getframe()`, `tb_frame`, `inspect.currentframe()`).
//!
//! The interpreter's activations (`Frame`) are not Python objects: a frame
//! object is made only when something asks for one, and is remembered in
//! `Frame::obj` so that asking again gives the same object.  While its
//! activation runs, the object reads the activation (line, locals); when the
//! activation ends, `detach` copies what it still needs (the position, the
//! registers for `f_locals`, the caller's frame object) into it.

use crate::bytecode::{CodeObject, Reg};
use crate::frame::{code_of, Frame};
use crate::object::{native_state, Kind, NativeState};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub struct FrameObject {
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    /// `f_back`: UNBOUND until first asked for (or the activation ends).
    pub back: Value,
    /// The running activation; null once it has ended.
    pub live: *mut Frame,
    /// Index of the instruction after the current one, copied at the end.
    pub pc: usize,
    /// Module and class frames: their locals mapping.  Function frames: the
    /// `f_locals` dict, refreshed from the registers when read.
    pub locals: Value,
    pub optimized: bool,
    /// A function activation's registers, copied when it ended (`f_locals`
    /// is made from them when asked for).
    pub regs: Vec<Value>,
}

impl NativeState for FrameObject {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.code);
        f(self.globals);
        f(self.builtins);
        f(self.back);
        f(self.locals);
        self.regs.iter().for_each(|v| f(*v));
    }
}

/// The frame object of `frame`, which must be on `vm.frames`; made on first use.
pub fn frame_object_of(vm: &mut Vm, frame: &mut Frame) -> Value {
    if !frame.obj.is_none() {
        return frame.obj;
    }
    let optimized = frame.locals.is_none();
    let state = FrameObject {
        code: frame.code,
        globals: frame.globals,
        builtins: frame.builtins,
        back: Value::UNBOUND,
        live: frame as *mut Frame,
        pc: frame.pc,
        locals: if optimized { Value::NONE } else { frame.locals },
        optimized,
        regs: Vec::new(),
    };
    let cls = vm.t.frame;
    let v = vm.new_native_object(cls, state);
    frame.obj = v;
    v
}

/// The frame object of `vm.frames[i]`.
pub fn frame_object(vm: &mut Vm, i: usize) -> Value {
    let fp = vm.frames[i];
    frame_object_of(vm, unsafe { &mut *fp })
}

/// A frame object for an activation that is gone (no `f_back`, no locals).
pub fn dead_frame_object(vm: &mut Vm, code: Value, globals: Value, pc: usize) -> Value {
    let state = FrameObject {
        code,
        globals,
        builtins: vm.builtins,
        back: Value::NONE,
        live: std::ptr::null_mut(),
        pc,
        locals: Value::NONE,
        optimized: true,
        regs: Vec::new(),
    };
    let cls = vm.t.frame;
    vm.new_native_object(cls, state)
}

/// A frame object for a suspended activation (a generator's): its position
/// and a copy of its locals, not linked to it.
pub fn snapshot_frame_object(vm: &mut Vm, frame: &Frame) -> Value {
    let obj = dead_frame_object(vm, frame.code, frame.globals, frame.pc);
    if let Some(fo) = frame_state(obj) {
        fo.regs = frame.regs.clone();
    }
    obj
}

pub fn frame_state(v: Value) -> Option<&'static mut FrameObject> {
    native_state::<FrameObject>(v)
}

/// The activation that just left `vm.frames` ends (`finished`) or is a
/// generator suspending: its frame object keeps the position, the locals
/// and, if it finished, the caller (a suspended generator's has none).
pub fn detach(vm: &mut Vm, frame: &mut Frame, finished: bool) {
    let obj = frame.obj;
    frame.obj = Value::NONE;
    let needs_back = match frame_state(obj) {
        Some(fo) => {
            fo.pc = frame.pc;
            if !finished {
                fo.back = Value::NONE;
            }
            fo.back.is_unbound()
        }
        None => return,
    };
    if needs_back {
        let back = match vm.frames.len() {
            0 => Value::NONE,
            n => frame_object(vm, n - 1),
        };
        if let Some(fo) = frame_state(obj) {
            fo.back = back;
        }
    }
    if let Some(fo) = frame_state(obj) {
        if frame.locals.is_none() {
            fo.regs = frame.regs.clone();
        }
        fo.live = std::ptr::null_mut();
    }
}

fn deref(v: Value) -> Value {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Cell(c)) => c.get(),
        _ => v,
    }
}

/// The (name, value) pairs of a function activation's variables, in
/// CPython's order: `co_varnames`, other cell variables, free variables.
pub fn fast_locals(code: &CodeObject, regs: &[Value]) -> Vec<(Value, Value)> {
    let params = code.total_params();
    let reg = |r: usize| regs.get(r).copied().map(deref);
    let mut out = Vec::new();
    for (i, n) in code.varnames.iter().enumerate() {
        if i < params || !code.cell_regs.contains(&(i as Reg)) {
            if let Some(v) = reg(i) {
                out.push((*n, v));
            }
        }
    }
    for &r in &code.cell_regs {
        if (r as usize) >= params {
            if let (Some(n), Some(v)) = (code.varnames.get(r as usize), reg(r as usize)) {
                out.push((*n, v));
            }
        }
    }
    let skip = code.freevars.len().saturating_sub(code.free_regs.len());
    for (k, &r) in code.free_regs.iter().enumerate() {
        if let (Some(n), Some(v)) = (code.freevars.get(k + skip), reg(r as usize)) {
            out.push((*n, v));
        }
    }
    out
}

/// Fill the frame object's `f_locals` dict from a function activation's
/// registers.
fn refresh_locals(vm: &mut Vm, obj: Value, code: &CodeObject, regs: &[Value]) {
    let pairs = fast_locals(code, regs);
    let d = match frame_state(obj) {
        Some(fo) if !fo.locals.is_none() => fo.locals,
        Some(_) => {
            let d = vm.new_dict();
            if let Some(fo) = frame_state(obj) {
                fo.locals = d;
            }
            d
        }
        None => return,
    };
    if let Kind::Dict(dd) = &d.as_obj().kind {
        dd.get().clear();
    }
    for (k, v) in pairs {
        if !v.is_unbound() {
            vm.dict_set_str(d, k, v);
        }
    }
}

/// The frame object's current position (index of the next instruction).
fn pc_of(fo: &FrameObject) -> usize {
    if fo.live.is_null() {
        fo.pc
    } else {
        unsafe { (*fo.live).pc }
    }
}

/// `f_lineno`.
pub fn lineno(fo: &FrameObject) -> u32 {
    let code = code_of(fo.code);
    match pc_of(fo) {
        0 => code.first_line,
        pc => code.line_of(pc - 1),
    }
}

/// The attributes of frame objects.
pub fn frame_attr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let fo = match frame_state(obj) {
        Some(fo) => fo,
        None => return Ok(None),
    };
    let v = match name {
        "f_code" => fo.code,
        "f_globals" => fo.globals,
        "f_builtins" => fo.builtins,
        "f_lineno" => {
            let l = lineno(fo);
            vm.new_int(l as i64)
        }
        "f_lasti" => match pc_of(fo) {
            0 => vm.new_int(-1),
            pc => vm.new_int(2 * (pc as i64 - 1)),
        },
        "f_back" => {
            if fo.back.is_unbound() {
                let live = fo.live;
                let back = match vm.frames.iter().rposition(|f| *f == live) {
                    Some(i) if i > 0 => frame_object(vm, i - 1),
                    _ => Value::NONE,
                };
                if let Some(fo) = frame_state(obj) {
                    fo.back = back;
                }
                back
            } else {
                fo.back
            }
        }
        "f_locals" => {
            if !fo.optimized {
                fo.locals
            } else {
                let code = code_of(fo.code);
                if !fo.live.is_null() {
                    let frame = unsafe { &*fo.live };
                    refresh_locals(vm, obj, code, &frame.regs);
                } else if !fo.regs.is_empty() {
                    // The first read after the end: the dict keeps the values.
                    let regs = std::mem::take(&mut fo.regs);
                    refresh_locals(vm, obj, code, &regs);
                }
                match frame_state(obj) {
                    Some(fo) if !fo.locals.is_none() => fo.locals,
                    _ => {
                        let d = vm.new_dict();
                        if let Some(fo) = frame_state(obj) {
                            fo.locals = d;
                        }
                        d
                    }
                }
            }
        }
        "f_trace" => Value::NONE,
        "f_trace_lines" => Value::TRUE,
        "f_trace_opcodes" => Value::FALSE,
        _ => return Ok(None),
    };
    Ok(Some(v))
}
