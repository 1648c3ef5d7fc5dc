//! The x86_64 backend: trace IR to machine code with dynasm.
//!
//! Calling convention of a compiled trace (System V):
//! `fn(regs: *mut Value) -> u64` runs the loop until a guard fails, writes
//! that guard's snapshot into the frame registers and returns the snapshot's
//! index.  `r12` holds the register file for the whole trace.
//!
//! Every SSA value has its own 8-byte stack slot (`[rsp + 8 * ref]`);
//! instructions load operands into scratch registers, compute and store.
//! Simple and obviously correct; register allocation is a later pass.

use crate::ir::{FloatOp, Ins, IntOp, Ref, Trace, Ty};
use dynasmrt::x64::Assembler;
use dynasmrt::{dynasm, AssemblyOffset, DynamicLabel, DynasmApi, DynasmLabelApi, ExecutableBuffer};
use molt_vm::bytecode::CmpOp;
use molt_vm::object::JitLayout;
use molt_vm::value::{
    NAN_IDENTITY, NAN_PAYLOAD_MASK, QUIET_NAN_BITS, TAG_BOOL, TAG_INT, TAG_PTR, TAG_SHIFT,
};

const PAYLOAD_MASK: i64 = (1i64 << TAG_SHIFT) - 1;
const INT_TAG_BITS: i64 = (TAG_INT << TAG_SHIFT) as i64;
const BOOL_TAG_BITS: i64 = (TAG_BOOL << TAG_SHIFT) as i64;
/// Boxed words at or above this are not floats.
const FIRST_NON_FLOAT: i64 = (0xFFF9u64 << TAG_SHIFT) as i64;

pub struct Assembled {
    pub buf: ExecutableBuffer,
    pub entry: AssemblyOffset,
}

fn slot(r: Ref) -> i32 {
    8 * r as i32
}

fn reg_offset(r: u16) -> i32 {
    8 * r as i32
}

pub fn assemble(
    trace: &Trace,
    layout: &JitLayout,
    interrupt_flag: *const u8,
) -> Result<Assembled, String> {
    let mut a = Assembler::new().map_err(|e| format!("executable memory: {}", e))?;
    let nslots = trace.insts.len();
    let frame_size = ((8 * nslots + 15) & !15) as i32;
    if frame_size > 1 << 24 {
        return Err("trace too large".into());
    }
    let exits: Vec<DynamicLabel> = trace.snaps.iter().map(|_| a.new_dynamic_label()).collect();
    let top = a.new_dynamic_label();
    let epilogue = a.new_dynamic_label();

    let entry = a.offset();
    dynasm!(a
        ; .arch x64
        ; push rbp
        ; mov rbp, rsp
        ; push rbx
        ; push r12
        ; push r13
        ; push r14
        ; push r15
        ; push rax
        ; sub rsp, frame_size
        ; mov r12, rdi
        ; =>top
    );

    for (i, inst) in trace.insts.iter().enumerate() {
        let d = slot(i as Ref);
        let exit = inst.snap.map(|s| exits[s as usize]);
        let exit_label =
            || exit.ok_or_else(|| format!("instruction {} can exit but has no snapshot", i));
        match &inst.ins {
            Ins::LoadReg(r) => {
                let o = reg_offset(*r);
                dynasm!(a ; mov rax, QWORD [r12 + o] ; mov QWORD [rsp + d], rax);
            }
            Ins::Const(v) => {
                let bits = v.0 as i64;
                dynasm!(a ; mov rax, QWORD bits ; mov QWORD [rsp + d], rax);
            }
            Ins::ConstInt(i) => {
                let i = *i;
                dynasm!(a ; mov rax, QWORD i ; mov QWORD [rsp + d], rax);
            }
            Ins::ConstFloat(f) => {
                let bits = f.to_bits() as i64;
                dynasm!(a ; mov rax, QWORD bits ; mov QWORD [rsp + d], rax);
            }
            Ins::GuardInt(x) | Ins::GuardBool(x) => {
                let tag = if matches!(inst.ins, Ins::GuardInt(_)) {
                    TAG_INT
                } else {
                    TAG_BOOL
                } as i32;
                let (s, e) = (slot(*x), exit_label()?);
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; shr rax, TAG_SHIFT as i8
                    ; cmp eax, tag
                    ; jne =>e
                );
            }
            Ins::GuardFloat(x) => {
                let (s, e) = (slot(*x), exit_label()?);
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; mov rcx, QWORD FIRST_NON_FLOAT
                    ; cmp rax, rcx
                    ; jae =>e
                );
            }
            Ins::GuardClass(x, cls) => {
                let (s, e) = (slot(*x), exit_label()?);
                let cls_bits = cls.0 as i64;
                let cls_off = layout.cls;
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; mov rcx, rax
                    ; shr rcx, TAG_SHIFT as i8
                    ; cmp ecx, TAG_PTR as i32
                    ; jne =>e
                    ; mov rcx, QWORD PAYLOAD_MASK
                    ; and rax, rcx
                    ; mov rax, QWORD [rax + cls_off]
                    ; mov rcx, QWORD cls_bits
                    ; cmp rax, rcx
                    ; jne =>e
                );
            }
            Ins::UnboxInt(x) => {
                let s = slot(*x);
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; shl rax, 16
                    ; sar rax, 16
                    ; mov QWORD [rsp + d], rax
                );
            }
            Ins::UnboxFloat(x) => {
                let s = slot(*x);
                dynasm!(a ; mov rax, QWORD [rsp + s] ; mov QWORD [rsp + d], rax);
            }
            Ins::UnboxBool(x) => {
                let s = slot(*x);
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; and eax, 1
                    ; mov QWORD [rsp + d], rax
                );
            }
            Ins::Box(x) => {
                box_into_rax(&mut a, trace.ty(*x), slot(*x));
                dynasm!(a ; mov QWORD [rsp + d], rax);
            }
            Ins::Int(op, x, y) => {
                let (sx, sy) = (slot(*x), slot(*y));
                match op {
                    IntOp::Add | IntOp::Sub | IntOp::Mul => {
                        let e = exit_label()?;
                        dynasm!(a ; mov rax, QWORD [rsp + sx]);
                        match op {
                            IntOp::Add => dynasm!(a ; add rax, QWORD [rsp + sy]),
                            IntOp::Sub => dynasm!(a ; sub rax, QWORD [rsp + sy]),
                            _ => dynasm!(a ; imul rax, QWORD [rsp + sy] ; jo =>e),
                        }
                        exit_unless_small(&mut a, e);
                        dynasm!(a ; mov QWORD [rsp + d], rax);
                    }
                    IntOp::And | IntOp::Or | IntOp::Xor => {
                        dynasm!(a ; mov rax, QWORD [rsp + sx]);
                        match op {
                            IntOp::And => dynasm!(a ; and rax, QWORD [rsp + sy]),
                            IntOp::Or => dynasm!(a ; or rax, QWORD [rsp + sy]),
                            _ => dynasm!(a ; xor rax, QWORD [rsp + sy]),
                        }
                        dynasm!(a ; mov QWORD [rsp + d], rax);
                    }
                    IntOp::FloorDiv | IntOp::Mod => {
                        let e = exit_label()?;
                        // Python rounds the quotient towards minus infinity, so a
                        // non-zero remainder whose sign differs from the divisor's
                        // moves the quotient down one and the remainder by the divisor.
                        dynasm!(a
                            ; mov rcx, QWORD [rsp + sy]
                            ; test rcx, rcx
                            ; je =>e
                            ; mov rax, QWORD [rsp + sx]
                            ; cqo
                            ; idiv rcx
                            ; test rdx, rdx
                            ; je >done
                            ; mov r8, rdx
                            ; xor r8, rcx
                            ; jns >done
                            ; sub rax, 1
                            ; add rdx, rcx
                            ; done:
                        );
                        if *op == IntOp::Mod {
                            dynasm!(a ; mov rax, rdx);
                        } else {
                            exit_unless_small(&mut a, e);
                        }
                        dynasm!(a ; mov QWORD [rsp + d], rax);
                    }
                }
            }
            Ins::IntNeg(x) => {
                let (s, e) = (slot(*x), exit_label()?);
                dynasm!(a ; mov rax, QWORD [rsp + s] ; neg rax);
                exit_unless_small(&mut a, e);
                dynasm!(a ; mov QWORD [rsp + d], rax);
            }
            Ins::IntToFloat(x) => {
                let s = slot(*x);
                dynasm!(a ; cvtsi2sd xmm0, QWORD [rsp + s] ; movsd QWORD [rsp + d], xmm0);
            }
            Ins::Float(op, x, y) => {
                let (sx, sy) = (slot(*x), slot(*y));
                if *op == FloatOp::Div {
                    let e = exit_label()?;
                    dynasm!(a
                        ; movsd xmm1, QWORD [rsp + sy]
                        ; xorpd xmm2, xmm2
                        ; ucomisd xmm1, xmm2
                        ; jp >nonzero
                        ; je =>e
                        ; nonzero:
                    );
                }
                dynasm!(a ; movsd xmm0, QWORD [rsp + sx]);
                match op {
                    FloatOp::Add => dynasm!(a ; addsd xmm0, QWORD [rsp + sy]),
                    FloatOp::Sub => dynasm!(a ; subsd xmm0, QWORD [rsp + sy]),
                    FloatOp::Mul => dynasm!(a ; mulsd xmm0, QWORD [rsp + sy]),
                    FloatOp::Div => dynasm!(a ; divsd xmm0, QWORD [rsp + sy]),
                }
                dynasm!(a ; movsd QWORD [rsp + d], xmm0);
            }
            Ins::FloatNeg(x) => {
                let s = slot(*x);
                dynasm!(a ; mov rax, QWORD [rsp + s] ; btc rax, 63 ; mov QWORD [rsp + d], rax);
            }
            Ins::IntCmp(op, x, y) => {
                let (sx, sy) = (slot(*x), slot(*y));
                dynasm!(a ; mov rax, QWORD [rsp + sx] ; cmp rax, QWORD [rsp + sy]);
                match op {
                    CmpOp::Lt => dynasm!(a ; setl al),
                    CmpOp::Le => dynasm!(a ; setle al),
                    CmpOp::Eq => dynasm!(a ; sete al),
                    CmpOp::Ne => dynasm!(a ; setne al),
                    CmpOp::Gt => dynasm!(a ; setg al),
                    CmpOp::Ge => dynasm!(a ; setge al),
                    _ => return Err(format!("int comparison {:?}", op)),
                }
                dynasm!(a ; movzx eax, al ; mov QWORD [rsp + d], rax);
            }
            Ins::FloatCmp(op, x, y) => {
                // ucomisd sets ZF, PF and CF on unordered operands (NaN), so every
                // ordered test is written as "above" or "above or equal".
                let (sx, sy) = (slot(*x), slot(*y));
                let (l, r) = match op {
                    CmpOp::Lt | CmpOp::Le => (sy, sx),
                    _ => (sx, sy),
                };
                dynasm!(a ; movsd xmm0, QWORD [rsp + l] ; ucomisd xmm0, QWORD [rsp + r]);
                match op {
                    CmpOp::Lt | CmpOp::Gt => dynasm!(a ; seta al),
                    CmpOp::Le | CmpOp::Ge => dynasm!(a ; setae al),
                    CmpOp::Eq => dynasm!(a ; sete al ; setnp cl ; and al, cl),
                    CmpOp::Ne => dynasm!(a ; setne al ; setp cl ; or al, cl),
                    _ => return Err(format!("float comparison {:?}", op)),
                }
                dynasm!(a ; movzx eax, al ; mov QWORD [rsp + d], rax);
            }
            Ins::IsTrue(x) => {
                let s = slot(*x);
                match trace.ty(*x) {
                    Ty::Float => dynasm!(a
                        ; movsd xmm0, QWORD [rsp + s]
                        ; xorpd xmm1, xmm1
                        ; ucomisd xmm0, xmm1
                        ; setne al
                        ; setp cl
                        ; or al, cl
                    ),
                    _ => dynasm!(a ; cmp QWORD [rsp + s], 0 ; setne al),
                }
                dynasm!(a ; movzx eax, al ; mov QWORD [rsp + d], rax);
            }
            Ins::BoolNot(x) => {
                let s = slot(*x);
                dynasm!(a ; mov rax, QWORD [rsp + s] ; xor eax, 1 ; mov QWORD [rsp + d], rax);
            }
            Ins::GuardTrue(x) => {
                let (s, e) = (slot(*x), exit_label()?);
                dynasm!(a ; cmp QWORD [rsp + s], 0 ; je =>e);
            }
            Ins::GuardFalse(x) => {
                let (s, e) = (slot(*x), exit_label()?);
                dynasm!(a ; cmp QWORD [rsp + s], 0 ; jne =>e);
            }
            Ins::RangeNext {
                iter,
                step_positive,
            } => {
                let (s, e) = (slot(*iter), exit_label()?);
                let (next, stop, step) = (layout.range_next, layout.range_stop, layout.range_step);
                dynasm!(a
                    ; mov rax, QWORD [rsp + s]
                    ; mov rcx, QWORD PAYLOAD_MASK
                    ; and rax, rcx
                    ; mov rcx, QWORD [rax + next]
                    ; mov rdx, QWORD [rax + step]
                    ; test rdx, rdx
                );
                if *step_positive {
                    dynasm!(a ; jle =>e ; cmp rcx, QWORD [rax + stop] ; jge =>e);
                } else {
                    dynasm!(a ; jge =>e ; cmp rcx, QWORD [rax + stop] ; jle =>e);
                }
                dynasm!(a
                    ; mov r8, rcx
                    ; shl r8, 16
                    ; sar r8, 16
                    ; cmp r8, rcx
                    ; jne =>e
                    ; mov QWORD [rsp + d], rcx
                    ; add rcx, rdx
                    ; mov QWORD [rax + next], rcx
                );
            }
            Ins::Call(helper, args) => {
                let e = exit_label()?;
                for (n, &arg) in args.iter().enumerate() {
                    let s = slot(arg);
                    match n {
                        0 => dynasm!(a ; mov rdi, QWORD [rsp + s]),
                        1 => dynasm!(a ; mov rsi, QWORD [rsp + s]),
                        2 => dynasm!(a ; mov rdx, QWORD [rsp + s]),
                        3 => dynasm!(a ; mov rcx, QWORD [rsp + s]),
                        _ => return Err("helper call with more than 4 arguments".into()),
                    }
                }
                let addr = helper.address() as i64;
                let fail = crate::helpers::FAIL as i64;
                dynasm!(a
                    ; mov rax, QWORD addr
                    ; call rax
                    ; mov rcx, QWORD fail
                    ; cmp rax, rcx
                    ; je =>e
                    ; mov QWORD [rsp + d], rax
                );
            }
            Ins::GuardDictVersion { dict, version } => {
                let e = exit_label()?;
                let ptr = dict.obj_ptr() as i64;
                let (version, boxed, off) = (*version as i64, layout.dict_box, layout.dict_version);
                dynasm!(a
                    ; mov rax, QWORD ptr
                    ; mov rax, QWORD [rax + boxed]
                    ; mov rax, QWORD [rax + off]
                    ; mov rcx, QWORD version
                    ; cmp rax, rcx
                    ; jne =>e
                );
            }
            Ins::LoopBack { writes } | Ins::SideEnd { writes, .. } => {
                let e = exit_label()?;
                for &(r, v) in writes {
                    let v = trace.box_source(v);
                    box_into_rax(&mut a, trace.ty(v), slot(v));
                    let o = reg_offset(r);
                    dynasm!(a ; mov QWORD [r12 + o], rax);
                }
                let flag = interrupt_flag as i64;
                dynasm!(a
                    ; mov rax, QWORD flag
                    ; cmp BYTE [rax], 0
                    ; jne =>e
                );
                match &inst.ins {
                    Ins::SideEnd { done, .. } => dynasm!(a ; jmp =>exits[*done as usize]),
                    _ => dynasm!(a ; jmp =>top),
                }
            }
        }
    }

    // Exit stubs: write the snapshot back and return its index.
    for (k, snap) in trace.snaps.iter().enumerate() {
        dynasm!(a ; =>exits[k]);
        for &(r, v) in &snap.regs {
            let v = trace.box_source(v);
            box_into_rax(&mut a, trace.ty(v), slot(v));
            let o = reg_offset(r);
            dynasm!(a ; mov QWORD [r12 + o], rax);
        }
        let k = k as i32;
        dynasm!(a ; mov eax, k ; jmp =>epilogue);
    }
    dynasm!(a
        ; =>epilogue
        ; add rsp, frame_size
        ; pop rcx
        ; pop r15
        ; pop r14
        ; pop r13
        ; pop r12
        ; pop rbx
        ; pop rbp
        ; ret
    );
    let buf = a
        .finalize()
        .map_err(|_| "could not finalize code".to_string())?;
    Ok(Assembled { buf, entry })
}

/// Exit unless rax holds a small (48-bit) int.
fn exit_unless_small(a: &mut Assembler, e: DynamicLabel) {
    dynasm!(a
        ; .arch x64
        ; mov rcx, rax
        ; shl rcx, 16
        ; sar rcx, 16
        ; cmp rcx, rax
        ; jne =>e
    );
}

/// Load the value in slot `s` (of type `ty`) into rax as a boxed `Value`.
fn box_into_rax(a: &mut Assembler, ty: Ty, s: i32) {
    dynasm!(a ; .arch x64 ; mov rax, QWORD [rsp + s]);
    match ty {
        Ty::Int => dynasm!(a
            ; .arch x64
            ; mov rcx, QWORD PAYLOAD_MASK
            ; and rax, rcx
            ; mov rcx, QWORD INT_TAG_BITS
            ; or rax, rcx
        ),
        Ty::Bool => dynasm!(a
            ; .arch x64
            ; mov rcx, QWORD BOOL_TAG_BITS
            ; or rax, rcx
        ),
        // A NaN computed in the trace gets a fresh identity, as
        // `Value::float` gives it in the interpreter.
        Ty::Float => dynasm!(a
            ; .arch x64
            ; movq xmm15, rax
            ; ucomisd xmm15, xmm15
            ; jnp >boxed
            ; mov rcx, QWORD &NAN_IDENTITY as *const _ as i64
            ; mov eax, 1
            ; lock xadd QWORD [rcx], rax
            ; mov rcx, QWORD NAN_PAYLOAD_MASK as i64
            ; and rax, rcx
            ; mov rcx, QWORD QUIET_NAN_BITS as i64
            ; or rax, rcx
            ; boxed:
        ),
        Ty::Value | Ty::Void => {}
    }
}
