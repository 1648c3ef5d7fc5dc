//! Compiler unit tests: the register bytecode and tables it produces.

use molt_vm::bytecode::{CodeObject, Op};
use molt_vm::frame::code_of;
use molt_vm::object::Kind;
use molt_vm::{Value, Vm};

fn compile(src: &str) -> Value {
    let mut vm = Vm::new();
    molt_interp::install(&mut vm);
    let code = match molt_interp::compile(&mut vm, src, "<test>", "exec") {
        Ok(c) => c,
        Err(_) => panic!("compile failed"),
    };
    vm.roots.push(code);
    // Keep the VM (and the code object) alive for the rest of the test.
    std::mem::forget(vm);
    code
}

fn nested_code(code: &CodeObject, name: Option<&str>) -> &'static CodeObject {
    code.consts
        .iter()
        .find_map(|c| match &c.obj()?.kind {
            Kind::Code(cc) if name.map_or(true, |n| molt_vm::ops::str_of(cc.name) == Some(n)) => {
                Some(&**cc)
            }
            _ => None,
        })
        .expect("nested code constant")
}

#[test]
fn locals_live_in_registers_and_loops_have_back_edges() {
    let m = compile("def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n");
    let f = nested_code(code_of(m), Some("f"));
    assert_eq!(f.argcount, 1);
    assert!(f.nlocals >= 3, "n, t, i are registers");
    assert!(f.ops.iter().any(|op| matches!(op, Op::ForIter { .. })));
    assert!(f.ops.iter().any(|op| matches!(op, Op::Loop { .. })));
    assert!(
        !f.ops
            .iter()
            .any(|op| matches!(op, Op::LoadName { .. } | Op::StoreName { .. })),
        "no dict lookups for locals"
    );
    assert_eq!(f.ops.len(), f.lines.len(), "every instruction has a line");
}

#[test]
fn try_blocks_are_table_entries_not_instructions() {
    let m = compile(
        "def g():\n    try:\n        x = 1\n    except ValueError:\n        x = 2\n    return x\n",
    );
    let g = nested_code(code_of(m), Some("g"));
    assert!(!g.exc_table.is_empty());
    let e = g.exc_table[0];
    assert!(
        e.start < e.end && e.end <= e.handler,
        "handler follows the protected range"
    );
    assert!(g.ops.iter().any(|op| matches!(op, Op::ExcMatch { .. })));
}

#[test]
fn closures_use_cells() {
    let m =
        compile("def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n");
    let outer = nested_code(code_of(m), Some("outer"));
    assert_eq!(outer.cell_regs.len(), 1);
    let inner = nested_code(outer, Some("inner"));
    assert_eq!(inner.free_regs.len(), 1);
    assert!(inner
        .ops
        .iter()
        .any(|op| matches!(op, Op::LoadDeref { .. })));
}

#[test]
fn globals_are_not_closure_cells() {
    let m = compile("import sys\ndef f():\n    return len(sys.argv)\n");
    let f = nested_code(code_of(m), Some("f"));
    assert!(f.free_regs.is_empty());
    assert!(f.ops.iter().any(|op| matches!(op, Op::LoadGlobal { .. })));
}

#[test]
fn syntax_errors_are_python_exceptions() {
    let mut vm = Vm::new();
    molt_interp::install(&mut vm);
    for src in ["def f(:\n", "return 1\n", "break\n", "x = 1 +\n"] {
        match molt_interp::compile(&mut vm, src, "<test>", "exec") {
            Ok(_) => panic!("{:?} compiled", src),
            Err(e) => assert!(vm.exc_matches(e.0, vm.exc.SyntaxError), "{:?}", src),
        }
    }
}
