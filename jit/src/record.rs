//! The recorder: follows the interpreter through one iteration of a hot loop
//! and emits trace IR for what it sees.
//!
//! The interpreter calls [`Recorder::step`] before executing each
//! instruction, with the frame as it is at that moment.  The recorder reads
//! the concrete values of the operands to decide types and branch
//! directions, and guards every such assumption.  It never executes
//! anything itself: the interpreter does, right after.  Whatever it does not
//! support yet aborts the recording.

use crate::helpers::Helper;
use crate::ir::{FloatOp, Ins, IntOp, Ref, Trace, Ty};
use molt_vm::bytecode::{BinOp, CmpOp, CodeObject, Op, Reg, UnOp};
use molt_vm::frame::Frame;
use molt_vm::object::{IterState, Kind};
use molt_vm::{Value, Vm};
use std::collections::BTreeSet;

/// Longest trace recorded (in IR instructions) before giving up.
const MAX_TRACE: usize = 4000;

pub enum Step {
    /// Keep recording.
    Continue,
    /// The loop closed: here is the trace.
    Closed(Trace),
    /// Recording stopped; the reason is reported in the statistics.
    Abort(String),
    /// The loop ended in the iteration being recorded: try again on the next
    /// back-edge (not counted against the loop).
    LoopExited,
}

pub struct Recorder {
    /// The loop header: where a root trace starts, and where every trace closes.
    pub header: u32,
    /// A side trace starts at a root trace's exit and hands back to it at the header.
    side: bool,
    trace: Trace,
    /// Each frame register's current SSA value, once the trace has one.
    regs: Vec<Option<Ref>>,
    /// Registers written this iteration, in first-write order.
    written: Vec<Reg>,
    /// Boxed results of helpers whose type is not known yet: guarded on first use.
    untyped: BTreeSet<Ref>,
    /// (dict, version) pairs already guarded.
    dict_guards: BTreeSet<(u64, u64)>,
    /// The instruction the recorder expects to see next, given the path it
    /// assumed; any other means it lost track of the interpreter.
    expect: Option<usize>,
    range_iterator: Value,
    list: Value,
    tuple: Value,
    seq_iterators: [Value; 2],
}

type Rec<T> = Result<T, String>;

const LOOP_EXITED: &str = "loop exits while recording";

impl Recorder {
    pub fn new(vm: &Vm, code: &CodeObject, header: u32, side: bool) -> Recorder {
        Recorder {
            header,
            side,
            trace: Trace::default(),
            regs: vec![None; code.nregs as usize],
            written: Vec::new(),
            untyped: BTreeSet::new(),
            expect: None,
            dict_guards: BTreeSet::new(),
            range_iterator: vm.t.range_iterator,
            list: vm.t.list,
            tuple: vm.t.tuple,
            seq_iterators: [vm.t.list_iterator, vm.t.tuple_iterator],
        }
    }

    /// Record the instruction at `pc`, about to be executed on `frame`.
    pub fn step(&mut self, frame: &Frame, pc: usize) -> Step {
        if self.trace.insts.len() > MAX_TRACE {
            return Step::Abort("trace too long".into());
        }
        match self.record(frame, pc) {
            Ok(true) => Step::Closed(std::mem::take(&mut self.trace)),
            Ok(false) => Step::Continue,
            Err(why) if why == LOOP_EXITED => Step::LoopExited,
            Err(why) => Step::Abort(why),
        }
    }

    /// Returns true when the instruction closes the loop.
    fn record(&mut self, frame: &Frame, pc: usize) -> Rec<bool> {
        if self.expect.is_some_and(|e| e != pc) {
            return Err("recorder lost track of the interpreter".into());
        }
        let code = frame.code();
        self.expect = Some(pc + 1);
        match code.ops[pc] {
            Op::Nop => {}
            Op::LoadConst { dst, idx } => {
                let r = self.constant(code.consts[idx as usize])?;
                self.write(dst, r);
            }
            Op::Move { dst, src } => {
                let r = self.read(frame, src, pc)?;
                self.write(dst, r);
            }
            Op::CheckBound { reg } => {
                self.read(frame, reg, pc)?;
            }
            Op::Binary { op, dst, a, b } | Op::Inplace { op, dst, a, b } => {
                let x = self.read(frame, a, pc)?;
                let y = self.read(frame, b, pc)?;
                let r = self.binary(op, x, y, pc)?;
                self.write(dst, r);
            }
            Op::Unary { op, dst, src } => {
                let x = self.read(frame, src, pc)?;
                let r = self.unary(op, x, pc)?;
                self.write(dst, r);
            }
            Op::Compare { op, dst, a, b } => {
                let x = self.read(frame, a, pc)?;
                let y = self.read(frame, b, pc)?;
                let r = self.compare(op, x, y)?;
                self.write(dst, r);
            }
            Op::CompareJumpIfFalse { op, a, b, target } => {
                let x = self.read(frame, a, pc)?;
                let y = self.read(frame, b, pc)?;
                let c = self.compare(op, x, y)?;
                let holds = concrete_compare(op, reg(frame, a), reg(frame, b))
                    .ok_or("comparison of unsupported values")?;
                self.guard_branch(c, holds, pc);
                if !holds {
                    self.expect = Some(target as usize);
                }
            }
            Op::JumpIfTrue { cond, target } | Op::JumpIfFalse { cond, target } => {
                let c = self.read(frame, cond, pc)?;
                let c = self.truth(c)?;
                let truth = concrete_truth(reg(frame, cond)).ok_or("truth of unsupported value")?;
                self.guard_branch(c, truth, pc);
                if truth == matches!(code.ops[pc], Op::JumpIfTrue { .. }) {
                    self.expect = Some(target as usize);
                }
            }
            Op::Jump { target } if target == self.header => return Ok(self.close(pc)),
            Op::Jump { target } => self.expect = Some(target as usize),
            Op::Loop { target } if target == self.header => return Ok(self.close(pc)),
            Op::Loop { .. } => return Err("inner loop".into()),
            Op::ForIter { dst, iter, .. } => {
                let it = self.read(frame, iter, pc)?;
                let v = reg(frame, iter);
                let cls = v.obj().map(|o| o.class()).unwrap_or(Value::NONE);
                if self.seq_iterators.iter().any(|c| c.is(cls)) {
                    let more = match &v.as_obj().kind {
                        Kind::Iterator(st) => match st.get() {
                            IterState::Seq { seq, index } => match &seq.as_obj().kind {
                                Kind::List(l) => *index < l.get().len(),
                                Kind::Tuple(t) => *index < t.len(),
                                _ => false,
                            },
                            _ => false,
                        },
                        _ => false,
                    };
                    if !more {
                        return Err(LOOP_EXITED.into());
                    }
                    let s = self.snap(pc);
                    let r = self
                        .trace
                        .push(Ins::Call(Helper::SeqNext, vec![it]), Some(s));
                    self.untyped.insert(r);
                    self.write(dst, r);
                    return Ok(false);
                }
                if !cls.is(self.range_iterator) {
                    return Err("for loop over an iterator other than range, list or tuple".into());
                }
                let step_positive = match &v.as_obj().kind {
                    Kind::Iterator(st) => match st.get() {
                        IterState::Range { next, stop, step } => {
                            if (*step > 0 && next >= stop) || (*step < 0 && next <= stop) {
                                return Err(LOOP_EXITED.into());
                            }
                            *step > 0
                        }
                        _ => return Err("range iterator without range state".into()),
                    },
                    _ => return Err("range iterator without range state".into()),
                };
                let s = self.snap(pc);
                let r = self.trace.push(
                    Ins::RangeNext {
                        iter: it,
                        step_positive,
                    },
                    Some(s),
                );
                self.write(dst, r);
            }
            Op::GetItem { dst, obj, key } => {
                let o = self.read(frame, obj, pc)?;
                let cls = reg(frame, obj)
                    .obj()
                    .map(|o| o.class())
                    .unwrap_or(Value::NONE);
                if !(cls.is(self.list) || cls.is(self.tuple)) {
                    return Err("subscript of something other than a list or tuple".into());
                }
                let k = self.read(frame, key, pc)?;
                if self.trace.ty(k) != Ty::Int {
                    return Err("sequence index that is not an int".into());
                }
                let s = self.snap(pc);
                let r = self
                    .trace
                    .push(Ins::Call(Helper::GetItemInt, vec![o, k]), Some(s));
                self.untyped.insert(r);
                self.write(dst, r);
            }
            Op::UnpackSequence { src, dst, count } => {
                let o = self.read(frame, src, pc)?;
                let v = reg(frame, src);
                let len = match v.obj().map(|o| &o.kind) {
                    Some(Kind::Tuple(t)) if v.as_obj().class().is(self.tuple) => t.len(),
                    Some(Kind::List(l)) if v.as_obj().class().is(self.list) => l.get().len(),
                    _ => return Err("unpacking something other than a list or tuple".into()),
                };
                if len != count as usize {
                    return Err("unpacking the wrong number of items".into());
                }
                let s = self.snap(pc);
                let n = self.trace.push(Ins::ConstInt(count as i64), None);
                self.trace
                    .push(Ins::Call(Helper::CheckLen, vec![o, n]), Some(s));
                let mut items = vec![];
                for i in 0..count {
                    let k = self.trace.push(Ins::ConstInt(i as i64), None);
                    let r = self
                        .trace
                        .push(Ins::Call(Helper::GetItemInt, vec![o, k]), Some(s));
                    self.untyped.insert(r);
                    items.push(r);
                }
                for (i, r) in items.into_iter().enumerate() {
                    self.write(dst + i as Reg, r);
                }
            }
            Op::SetItem { obj, key, src } => {
                let o = self.read(frame, obj, pc)?;
                let cls = reg(frame, obj)
                    .obj()
                    .map(|o| o.class())
                    .unwrap_or(Value::NONE);
                if !cls.is(self.list) {
                    return Err("item assignment to something other than a list".into());
                }
                let k = self.read(frame, key, pc)?;
                if self.trace.ty(k) != Ty::Int {
                    return Err("list index that is not an int".into());
                }
                let v = self.read_boxed(frame, src, pc)?;
                let s = self.snap(pc);
                self.trace
                    .push(Ins::Call(Helper::SetItemInt, vec![o, k, v]), Some(s));
            }
            Op::LoadGlobal { dst, .. } => {
                // The interpreter's cache for this instruction says where the value
                // came from; the trace guards that neither dict has changed since.
                let e = code.caches[pc].get();
                let (g, b) = (frame.globals, frame.builtins);
                let (gv, bv) = (dict_version(g), dict_version(b));
                if !(e.cls == g.0 && e.shape as u64 == gv && e.epoch == bv) {
                    return Err("global not cached yet".into());
                }
                let s = self.snap(pc);
                for (d, v) in [(g, gv), (b, bv)] {
                    if self.dict_guards.insert((d.0, v)) {
                        self.trace.push(
                            Ins::GuardDictVersion {
                                dict: d,
                                version: v,
                            },
                            Some(s),
                        );
                    }
                }
                let r = self.constant(Value(e.data))?;
                self.write(dst, r);
            }
            other => return Err(format!("unsupported instruction {}", op_name(&other))),
        }
        Ok(false)
    }

    fn close(&mut self, pc: usize) -> bool {
        let writes = self.current_writes();
        let s = self.snap(pc);
        if self.side {
            // After the writes every register is in the frame: an empty snapshot.
            self.trace.snaps.push(crate::ir::Snapshot {
                pc: self.header,
                regs: vec![],
            });
            let done = (self.trace.snaps.len() - 1) as u32;
            self.trace.push(Ins::SideEnd { writes, done }, Some(s));
        } else {
            self.trace.push(Ins::LoopBack { writes }, Some(s));
        }
        true
    }

    fn current_writes(&self) -> Vec<(Reg, Ref)> {
        self.written
            .iter()
            .map(|&r| {
                (
                    r,
                    self.regs[r as usize].expect("written register has a value"),
                )
            })
            .collect()
    }

    /// A snapshot of the state before the instruction at `pc`.
    fn snap(&mut self, pc: usize) -> u32 {
        let regs = self.current_writes();
        self.trace.snapshot(pc as u32, regs)
    }

    fn write(&mut self, dst: Reg, r: Ref) {
        if !self.written.contains(&dst) {
            self.written.push(dst);
        }
        self.regs[dst as usize] = Some(r);
    }

    /// The SSA value of a register, loading and guarding it on first use.
    fn read(&mut self, frame: &Frame, r: Reg, pc: usize) -> Rec<Ref> {
        let boxed = match self.regs[r as usize] {
            Some(v) if self.untyped.contains(&v) => v,
            Some(v) => return Ok(v),
            None => self.trace.push(Ins::LoadReg(r), None),
        };
        let out = self.specialize(boxed, reg(frame, r), pc)?;
        self.regs[r as usize] = Some(out);
        Ok(out)
    }

    /// A register's value as a boxed Value (guarded like any read).
    fn read_boxed(&mut self, frame: &Frame, r: Reg, pc: usize) -> Rec<Ref> {
        let v = self.read(frame, r, pc)?;
        let v = self.trace.box_source(v);
        Ok(match self.trace.ty(v) {
            Ty::Value => v,
            _ => self.trace.push(Ins::Box(v), None),
        })
    }

    /// Guard a boxed value to have the type of `v`, its value in this
    /// iteration, and unbox it.
    fn specialize(&mut self, boxed: Ref, v: Value, pc: usize) -> Rec<Ref> {
        let s = self.snap(pc);
        let out = if v.is_small_int() {
            self.trace.push(Ins::GuardInt(boxed), Some(s));
            self.trace.push(Ins::UnboxInt(boxed), None)
        } else if v.is_float() {
            self.trace.push(Ins::GuardFloat(boxed), Some(s));
            self.trace.push(Ins::UnboxFloat(boxed), None)
        } else if v.is_bool() {
            self.trace.push(Ins::GuardBool(boxed), Some(s));
            self.trace.push(Ins::UnboxBool(boxed), None)
        } else if v.is_ptr() {
            self.trace
                .push(Ins::GuardClass(boxed, v.as_obj().class()), Some(s));
            boxed
        } else {
            return Err("register holds None or no value".into());
        };
        Ok(out)
    }

    fn constant(&mut self, v: Value) -> Rec<Ref> {
        Ok(if v.is_small_int() {
            self.trace.push(Ins::ConstInt(v.as_small_int()), None)
        } else if v.is_float() {
            self.trace.push(Ins::ConstFloat(v.as_float()), None)
        } else if v.is_bool() {
            let b = self.trace.push(Ins::Const(v), None);
            self.trace.push(Ins::UnboxBool(b), None)
        } else {
            self.trace.push(Ins::Const(v), None)
        })
    }

    fn to_float(&mut self, r: Ref) -> Ref {
        match self.trace.ty(r) {
            Ty::Int => self.trace.push(Ins::IntToFloat(r), None),
            _ => r,
        }
    }

    fn binary(&mut self, op: BinOp, x: Ref, y: Ref, pc: usize) -> Rec<Ref> {
        let (tx, ty) = (self.trace.ty(x), self.trace.ty(y));
        let numeric = |t: Ty| t == Ty::Int || t == Ty::Float;
        if !numeric(tx) || !numeric(ty) {
            return Err(format!("operator {} on {:?} and {:?}", op.symbol(), tx, ty));
        }
        if tx == Ty::Int && ty == Ty::Int {
            let iop = match op {
                BinOp::Add => IntOp::Add,
                BinOp::Sub => IntOp::Sub,
                BinOp::Mul => IntOp::Mul,
                BinOp::FloorDiv => IntOp::FloorDiv,
                BinOp::Mod => IntOp::Mod,
                BinOp::And => IntOp::And,
                BinOp::Or => IntOp::Or,
                BinOp::Xor => IntOp::Xor,
                BinOp::TrueDiv => {
                    // Small ints convert to float exactly, so one rounding: CPython's result.
                    let (fx, fy) = (self.to_float(x), self.to_float(y));
                    let s = self.snap(pc);
                    return Ok(self.trace.push(Ins::Float(FloatOp::Div, fx, fy), Some(s)));
                }
                _ => return Err(format!("int operator {}", op.symbol())),
            };
            let s = self.snap(pc);
            let guarded = !matches!(iop, IntOp::And | IntOp::Or | IntOp::Xor);
            return Ok(self
                .trace
                .push(Ins::Int(iop, x, y), if guarded { Some(s) } else { None }));
        }
        if op == BinOp::Pow {
            let (fx, fy) = (self.to_float(x), self.to_float(y));
            let s = self.snap(pc);
            let r = self
                .trace
                .push(Ins::Call(Helper::FloatPow, vec![fx, fy]), Some(s));
            return Ok(self.trace.push(Ins::UnboxFloat(r), None));
        }
        let fop = match op {
            BinOp::Add => FloatOp::Add,
            BinOp::Sub => FloatOp::Sub,
            BinOp::Mul => FloatOp::Mul,
            BinOp::TrueDiv => FloatOp::Div,
            _ => return Err(format!("float operator {}", op.symbol())),
        };
        let (fx, fy) = (self.to_float(x), self.to_float(y));
        let snap = if fop == FloatOp::Div {
            Some(self.snap(pc))
        } else {
            None
        };
        Ok(self.trace.push(Ins::Float(fop, fx, fy), snap))
    }

    fn unary(&mut self, op: UnOp, x: Ref, pc: usize) -> Rec<Ref> {
        Ok(match (op, self.trace.ty(x)) {
            (UnOp::Pos, Ty::Int | Ty::Float) => x,
            (UnOp::Neg, Ty::Int) => {
                let s = self.snap(pc);
                self.trace.push(Ins::IntNeg(x), Some(s))
            }
            (UnOp::Neg, Ty::Float) => self.trace.push(Ins::FloatNeg(x), None),
            (UnOp::Invert, Ty::Int) => {
                let m = self.trace.push(Ins::ConstInt(-1), None);
                self.trace.push(Ins::Int(IntOp::Xor, x, m), None)
            }
            (UnOp::Not, _) => {
                let t = self.truth(x)?;
                self.trace.push(Ins::BoolNot(t), None)
            }
            (op, t) => return Err(format!("unary {:?} on {:?}", op, t)),
        })
    }

    fn compare(&mut self, op: CmpOp, x: Ref, y: Ref) -> Rec<Ref> {
        if !matches!(
            op,
            CmpOp::Lt | CmpOp::Le | CmpOp::Eq | CmpOp::Ne | CmpOp::Gt | CmpOp::Ge
        ) {
            return Err(format!("comparison {}", op.symbol()));
        }
        match (self.trace.ty(x), self.trace.ty(y)) {
            (Ty::Int, Ty::Int) => Ok(self.trace.push(Ins::IntCmp(op, x, y), None)),
            (Ty::Int | Ty::Float, Ty::Int | Ty::Float) => {
                // Small ints are exact as floats, so comparing as floats is exact.
                let (fx, fy) = (self.to_float(x), self.to_float(y));
                Ok(self.trace.push(Ins::FloatCmp(op, fx, fy), None))
            }
            (tx, ty) => Err(format!("comparison of {:?} and {:?}", tx, ty)),
        }
    }

    fn truth(&mut self, c: Ref) -> Rec<Ref> {
        match self.trace.ty(c) {
            Ty::Bool => Ok(c),
            Ty::Int | Ty::Float => Ok(self.trace.push(Ins::IsTrue(c), None)),
            t => Err(format!("truth of {:?}", t)),
        }
    }

    fn guard_branch(&mut self, cond: Ref, taken: bool, pc: usize) {
        let s = self.snap(pc);
        let g = if taken {
            Ins::GuardTrue(cond)
        } else {
            Ins::GuardFalse(cond)
        };
        self.trace.push(g, Some(s));
    }
}

fn dict_version(d: Value) -> u64 {
    match d.obj().map(|o| &o.kind) {
        Some(Kind::Dict(dd)) => dd.get().version,
        _ => 0,
    }
}

fn reg(frame: &Frame, r: Reg) -> Value {
    frame.regs[r as usize]
}

/// The outcome of a numeric comparison, as the interpreter will compute it.
fn concrete_compare(op: CmpOp, x: Value, y: Value) -> Option<bool> {
    let num = |v: Value| {
        if v.is_small_int() {
            Some(v.as_small_int() as f64)
        } else if v.is_float() {
            Some(v.as_float())
        } else {
            None
        }
    };
    if x.is_small_int() && y.is_small_int() {
        return op.holds(x.as_small_int(), y.as_small_int());
    }
    op.holds(num(x)?, num(y)?)
}

fn concrete_truth(v: Value) -> Option<bool> {
    if v.is_bool() {
        Some(v.is(Value::TRUE))
    } else if v.is_small_int() {
        Some(v.as_small_int() != 0)
    } else if v.is_float() {
        Some(v.as_float() != 0.0)
    } else {
        None
    }
}

/// The instruction's name without its operands, for abort reasons.
fn op_name(op: &Op) -> String {
    let s = format!("{:?}", op);
    s.split([' ', '{', '(']).next().unwrap_or("?").to_string()
}
