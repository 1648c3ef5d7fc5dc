//! End-to-end checks of the x86_64 backend on hand-written traces: the code
//! loops, guards fail at the right iteration, and exits write their
//! snapshots back into the register file exactly.

#![cfg(target_arch = "x86_64")]

use molt_jit::ir::{Ins, IntOp, Trace};
use molt_jit::x86_64::assemble;
use molt_vm::bytecode::CmpOp;
use molt_vm::object::JitLayout;
use molt_vm::Value;

fn run(trace: &Trace, regs: &mut [Value]) -> u64 {
    let flag = molt_vm::interrupt::flag_address();
    let asm = assemble(trace, &JitLayout::measure(), flag).expect("assembles");
    let entry: extern "sysv64" fn(*mut Value) -> u64 =
        unsafe { std::mem::transmute(asm.buf.ptr(asm.entry)) };
    entry(regs.as_mut_ptr())
}

/// `while i < limit: i += step` over registers 0 (i) and 1 (limit).
fn counting_loop(step: i64) -> Trace {
    let mut t = Trace::default();
    let entry = t.snapshot(10, vec![]);
    let i_box = t.push(Ins::LoadReg(0), None);
    t.push(Ins::GuardInt(i_box), Some(entry));
    let i = t.push(Ins::UnboxInt(i_box), None);
    let lim_box = t.push(Ins::LoadReg(1), None);
    t.push(Ins::GuardInt(lim_box), Some(entry));
    let lim = t.push(Ins::UnboxInt(lim_box), None);
    let c = t.push(Ins::IntCmp(CmpOp::Lt, i, lim), None);
    t.push(Ins::GuardTrue(c), Some(entry));
    let k = t.push(Ins::ConstInt(step), None);
    let add = t.snapshot(12, vec![]);
    let next = t.push(Ins::Int(IntOp::Add, i, k), Some(add));
    let back = t.snapshot(14, vec![(0, next)]);
    t.push(
        Ins::LoopBack {
            writes: vec![(0, next)],
        },
        Some(back),
    );
    t
}

#[test]
fn loop_runs_until_its_guard_fails() {
    let mut regs = [
        Value::small_int(0).unwrap(),
        Value::small_int(1000).unwrap(),
    ];
    let exit = run(&counting_loop(7), &mut regs);
    assert_eq!(exit, 0, "leaves through the loop condition's guard");
    assert_eq!(
        regs[0].as_small_int(),
        1001,
        "first value of i not below the limit"
    );
}

#[test]
fn type_guard_fails_on_entry() {
    let mut regs = [Value::float(0.5), Value::small_int(10).unwrap()];
    assert_eq!(run(&counting_loop(1), &mut regs), 0);
    assert!(regs[0].is_float(), "registers untouched by an entry exit");
}

#[test]
fn overflow_guard_exits_with_the_last_small_value() {
    let big = (1i64 << 47) - 5;
    let mut regs = [
        Value::small_int(big - 100).unwrap(),
        Value::small_int((1i64 << 47) - 1).unwrap(),
    ];
    let exit = run(&counting_loop(10), &mut regs);
    assert_eq!(exit, 1, "leaves through the add's overflow guard");
    assert_eq!(regs[0].as_small_int(), big - 100 + 100);
}

#[test]
fn exits_box_unboxed_values() {
    // f = x * 2.0 then a failing guard: the snapshot must store f as a float
    // and the comparison result as a bool.
    let mut t = Trace::default();
    let s0 = t.snapshot(3, vec![]);
    let xb = t.push(Ins::LoadReg(0), None);
    t.push(Ins::GuardFloat(xb), Some(s0));
    let x = t.push(Ins::UnboxFloat(xb), None);
    let two = t.push(Ins::ConstFloat(2.0), None);
    let f = t.push(Ins::Float(molt_jit::ir::FloatOp::Mul, x, two), None);
    let c = t.push(Ins::FloatCmp(CmpOp::Gt, f, two), None);
    let s1 = t.snapshot(5, vec![(1, f), (2, c)]);
    t.push(Ins::GuardFalse(c), Some(s1));
    t.push(
        Ins::LoopBack {
            writes: vec![(1, f)],
        },
        Some(s1),
    );
    let mut regs = [Value::float(1.5), Value::NONE, Value::NONE];
    assert_eq!(run(&t, &mut regs), s1 as u64);
    assert_eq!(regs[1].as_float(), 3.0);
    assert_eq!(regs[2], Value::TRUE);
}
