//! Trace IR: the linear SSA form a recorded loop iteration is turned into.
//!
//! A trace is one path through a loop body, from the loop header to the
//! back-edge.  Every instruction produces at most one value, named by its
//! index (`Ref`).  Values are typed: boxed `Value` words as the interpreter
//! stores them, or unboxed 48-bit ints, floats and bools that live only in
//! the trace.  Every instruction that can fail (a guard) names a snapshot:
//! the interpreter state to restore and the bytecode position to resume at.

use crate::helpers::Helper;
use molt_vm::bytecode::{CmpOp, Reg};
use molt_vm::Value;
use std::fmt;

/// An SSA value: the index of the instruction that produced it.
pub type Ref = u32;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A boxed `Value` word.
    Value,
    /// A small int (always within the 48-bit immediate range).
    Int,
    Float,
    /// 0 or 1.
    Bool,
    /// Produces nothing (stores, guards).
    Void,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum IntOp {
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    And,
    Or,
    Xor,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Ins {
    /// The frame register's value at the start of the iteration.
    LoadReg(Reg),
    Const(Value),
    ConstInt(i64),
    ConstFloat(f64),
    /// Exit unless the boxed value is a small int / float / bool.
    GuardInt(Ref),
    GuardFloat(Ref),
    GuardBool(Ref),
    /// Exit unless the boxed value is a heap object of exactly this class.
    GuardClass(Ref, Value),
    UnboxInt(Ref),
    UnboxFloat(Ref),
    UnboxBool(Ref),
    /// Box an Int, Float or Bool.
    Box(Ref),
    /// Exits when the result leaves the small-int range, and on a zero divisor.
    Int(IntOp, Ref, Ref),
    /// Exits on overflow (negating the smallest small int).
    IntNeg(Ref),
    IntToFloat(Ref),
    /// `Div` exits on a zero divisor.
    Float(FloatOp, Ref, Ref),
    FloatNeg(Ref),
    IntCmp(CmpOp, Ref, Ref),
    FloatCmp(CmpOp, Ref, Ref),
    /// Bool of an Int or Float: non-zero.
    IsTrue(Ref),
    BoolNot(Ref),
    /// Exit unless the Bool is 1 / 0.
    GuardTrue(Ref),
    GuardFalse(Ref),
    /// The next int of a range iterator (a heap object already guarded to be
    /// one), advancing it; exits when it is exhausted, when its step's sign
    /// differs from the recorded one, or when the int is not small.
    RangeNext {
        iter: Ref,
        step_positive: bool,
    },
    /// Call a runtime helper with these arguments (Value or Int); exits
    /// when it returns `helpers::FAIL`.  The result is a boxed Value.
    Call(Helper, Vec<Ref>),
    /// Exit unless the dict (a constant object) still has this version:
    /// what a global's value was read from has not changed.
    GuardDictVersion {
        dict: Value,
        version: u64,
    },
    /// End of the iteration: box and store the registers written this
    /// iteration, poll for interrupts (exiting through `snap`), jump to the top.
    LoopBack {
        writes: Vec<(Reg, Ref)>,
    },
    /// End of a side trace's iteration: like `LoopBack`, but leaves through
    /// snapshot `done` (resuming at the loop header, where the root trace
    /// takes over) instead of jumping.
    SideEnd {
        writes: Vec<(Reg, Ref)>,
        done: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    pub ins: Ins,
    pub ty: Ty,
    /// The snapshot taken when the instruction can exit.
    pub snap: Option<u32>,
}

/// Interpreter state at an exit: the registers written since the iteration
/// began (the others still hold their values in the frame), and the
/// instruction to resume at.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub pc: u32,
    pub regs: Vec<(Reg, Ref)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub insts: Vec<Inst>,
    pub snaps: Vec<Snapshot>,
}

impl Trace {
    pub fn ty(&self, r: Ref) -> Ty {
        self.insts[r as usize].ty
    }

    /// The value to box for `r`: an unboxed copy of a boxed value boxes back
    /// to that same word, so the original is used (which also keeps a
    /// NaN's identity, see `Value::float`).
    pub fn box_source(&self, r: Ref) -> Ref {
        match self.insts[r as usize].ins {
            Ins::UnboxInt(b) | Ins::UnboxFloat(b) | Ins::UnboxBool(b) => b,
            _ => r,
        }
    }

    /// Append an instruction; returns its value.
    pub fn push(&mut self, ins: Ins, snap: Option<u32>) -> Ref {
        let ty = ins.result_type();
        self.insts.push(Inst { ins, ty, snap });
        (self.insts.len() - 1) as Ref
    }

    pub fn snapshot(&mut self, pc: u32, regs: Vec<(Reg, Ref)>) -> u32 {
        // Consecutive guards of one bytecode instruction share a snapshot.
        if let Some(last) = self.snaps.last() {
            if last.pc == pc && last.regs == regs {
                return (self.snaps.len() - 1) as u32;
            }
        }
        self.snaps.push(Snapshot { pc, regs });
        (self.snaps.len() - 1) as u32
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, inst) in self.insts.iter().enumerate() {
            write!(f, "{:04} {:<5} {:?}", i, format!("{:?}", inst.ty), inst.ins)?;
            if let Some(s) = inst.snap {
                let snap = &self.snaps[s as usize];
                write!(f, "   exit #{} -> pc {} {:?}", s, snap.pc, snap.regs)?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

impl Ins {
    /// The type of the instruction's result.
    pub fn result_type(&self) -> Ty {
        match self {
            Ins::LoadReg(_) | Ins::Const(_) | Ins::Box(_) | Ins::Call(..) => Ty::Value,
            Ins::ConstInt(_) | Ins::UnboxInt(_) | Ins::Int(..) | Ins::IntNeg(_) => Ty::Int,
            Ins::RangeNext { .. } => Ty::Int,
            Ins::ConstFloat(_) | Ins::UnboxFloat(_) | Ins::IntToFloat(_) => Ty::Float,
            Ins::Float(..) | Ins::FloatNeg(_) => Ty::Float,
            Ins::UnboxBool(_) | Ins::IntCmp(..) | Ins::FloatCmp(..) => Ty::Bool,
            Ins::IsTrue(_) | Ins::BoolNot(_) => Ty::Bool,
            Ins::GuardInt(_)
            | Ins::GuardFloat(_)
            | Ins::GuardBool(_)
            | Ins::GuardClass(..)
            | Ins::GuardDictVersion { .. }
            | Ins::GuardTrue(_)
            | Ins::GuardFalse(_)
            | Ins::LoopBack { .. }
            | Ins::SideEnd { .. } => Ty::Void,
        }
    }
}
