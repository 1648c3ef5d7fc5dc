//! The wasm tier end to end: programs built with `build` and run in a
//! `Sandbox` must print what the interpreter prints and exit as it does;
//! bad modules are rejected; limits stop the guest; bad handles raise.

use molt_vm::Vm;
use molt_wasm_host::format::{self, CodeMeta, Const, Metadata};
use molt_wasm_host::{build, Limits, Sandbox, SandboxError, EXIT_LIMIT};
use std::borrow::Cow;

/// Run `src` in the interpreter: (stdout, exit status).
fn interpret(src: &str) -> (String, u8) {
    let mut vm = Vm::new();
    molt_interp::install(&mut vm);
    molt_builtins::install(&mut vm);
    let main = vm.new_module("__main__");
    vm.roots.push(main);
    let d = match &main.as_obj().kind {
        molt_vm::object::Kind::Module(m) => m.dict,
        _ => unreachable!(),
    };
    let (b, k) = (vm.builtins, vm.names.__builtins__);
    vm.dict_set_str(d, k, b);
    molt_builtins::output::capture_begin();
    let r = molt_interp::compile(&mut vm, src, "t.py", "exec")
        .and_then(|code| (vm.hooks.exec)(&mut vm, code, d, d));
    let (out, _) = molt_builtins::output::capture_end();
    std::mem::forget(vm);
    (String::from_utf8_lossy(&out).into_owned(), r.is_err() as u8)
}

fn sandboxed(src: &str, limits: Limits) -> (String, u8, String) {
    let wasm = build(src, "t.py").expect("builds");
    let mut sb = Sandbox::new(limits);
    sb.load(&wasm).expect("loads");
    let out = sb.run_main().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PROGRAMS: &[&str] = &[
    // functions, recursion, arithmetic past the small-int range
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\
     print(fib(20), 2 ** 100, (1 << 46) + (1 << 46), -(1 << 47) - 1)\n",
    // loops with break/continue, for over range and lists
    "t = 0\nfor i in range(20):\n    if i % 3 == 0:\n        continue\n    if i > 15:\n        break\n    t += i\n\
     n = 0\nwhile True:\n    n = n + 1\n    if n >= 1000:\n        break\n\
     for w in ['a', 'bc', 'def']:\n    print(w, len(w))\nprint(t, n)\n",
    // floats, strs, comparisons, containers, f-strings
    "x = 1.5\ny = x * 4 - 0.25\nprint(y, y > 5, 3 < 2, 'ab' + 'cd', 'ab' < 'b', 2 == 2.0)\n\
     d = {'k': [1, 2], 'j': (3,)}\nd['z'] = {1, 2}\nprint(d, sorted(d), f'{y:.3f} {x!r:>6}')\n\
     a, b = divmod(17, 5)\nprint(a, b, [i * i for i in range(6)], 'x'.join(['1', '2']))\n",
    // calls with keywords to builtins, methods, globals written from functions
    "count = 0\ndef bump(k):\n    global count\n    count = count + k\n    return count\n\
     bump(2)\nbump(3)\nprint(count, 'a-b-c'.split('-', maxsplit=1), sep=' | ', end='!\\n')\n",
    // an uncaught exception: exit 1 and the same stdout up to it
    "def f(x):\n    return x // 0\nprint('before')\nf(3)\nprint('after')\n",
    "def g(a, b):\n    return a\nprint(g(1))\n",
];

#[test]
fn programs_match_the_interpreter() {
    for src in PROGRAMS {
        let (want_out, want_status) = interpret(src);
        let (out, status, err) = sandboxed(src, Limits::default());
        assert_eq!(out, want_out, "stdout of {:?}\nstderr: {}", src, err);
        assert_eq!(status, want_status, "status of {:?}\nstderr: {}", src, err);
    }
}

#[test]
fn uncaught_exception_prints_a_cpython_last_line() {
    let (_, status, err) = sandboxed("def f(x):\n    return x // 0\nf(3)\n", Limits::default());
    assert_eq!(status, 1);
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{}",
        err
    );
    assert!(err.contains("  File \"t.py\", line 2, in f\n"), "{}", err);
    assert!(
        err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"),
        "{}",
        err
    );
    let (_, status, err) = sandboxed("def g(a, b):\n    return a\ng(1)\n", Limits::default());
    assert_eq!(status, 1);
    assert!(
        err.ends_with("TypeError: g() missing 1 required positional argument: 'b'\n"),
        "{}",
        err
    );
}

#[test]
fn unsupported_constructs_are_refused_at_build_time() {
    for (src, what) in [
        (
            "class A:\n    pass\n",
            "class definitions are not supported",
        ),
        (
            "try:\n    pass\nexcept Exception:\n    pass\n",
            "try/except/finally",
        ),
        ("import os\n", "import statements are not supported"),
        (
            "def g():\n    yield 1\n",
            "generators (yield) are not supported",
        ),
        (
            "def f(a=1):\n    return a\n",
            "default parameter values are not supported",
        ),
    ] {
        let e = build(src, "t.py").expect_err(src);
        let msg = e.to_string();
        assert!(msg.starts_with("molt build: "), "{}", msg);
        assert!(msg.contains(what), "{}", msg);
        assert!(msg.contains("by the wasm tier yet (t.py, line"), "{}", msg);
    }
    let e = build("x = (\n", "t.py").expect_err("syntax error");
    assert!(e.to_string().contains("SyntaxError"), "{}", e);
}

fn rejected(bytes: &[u8]) -> String {
    match Sandbox::new(Limits::default()).load(bytes) {
        Err(SandboxError::Rejected(m)) => m,
        other => panic!("not rejected: {:?}", other.map(|_| ())),
    }
}

#[test]
fn forged_and_corrupted_modules_are_rejected() {
    let wasm = build("print(6 * 7)\n", "t.py").unwrap();
    // A byte of code changed after building.
    let mut bad = wasm.clone();
    let mid = bad.len() / 3;
    bad[mid] ^= 0x40;
    let m = rejected(&bad);
    assert!(
        m.contains("corrupted") || m.contains("invalid wasm") || m.contains("truncated"),
        "{}",
        m
    );
    // Another molt version.
    let mut other = wasm.clone();
    let v = format::MOLT_VERSION.as_bytes();
    let at = other
        .windows(v.len())
        .rposition(|w| w == v)
        .expect("version in the module");
    other[at] = other[at].wrapping_add(1);
    assert!(rejected(&other).contains("this is molt"));
    // Truncated, empty, random bytes, a plain wasm module without the molt section.
    assert!(!rejected(&wasm[..wasm.len() - 5]).is_empty());
    assert!(!rejected(&[]).is_empty());
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    assert!(!rejected(&noise).is_empty());
    let plain = wasm_encoder::Module::new().finish();
    assert!(rejected(&plain).contains("no molt section"));
}

#[test]
fn fuel_stops_an_infinite_loop_and_the_host_goes_on() {
    let (_, status, err) = sandboxed(
        "print('start')\nwhile True:\n    pass\n",
        Limits {
            fuel: Some(2_000_000),
            max_memory: None,
        },
    );
    assert_eq!(status, EXIT_LIMIT);
    assert!(err.contains("out of fuel"), "{}", err);
    let (out, status, _) = sandboxed("print('next')\n", Limits::default());
    assert_eq!((out.as_str(), status), ("next\n", 0));
}

#[test]
fn memory_limit_stops_unbounded_allocation() {
    let (_, status, err) = sandboxed(
        "xs = []\nwhile True:\n    xs.append([1])\n",
        Limits {
            fuel: None,
            max_memory: Some(8 << 20),
        },
    );
    assert_eq!(status, EXIT_LIMIT);
    assert!(err.contains("--max-memory"), "{}", err);
}

/// A module written by hand (with a valid molt section) that uses a handle
/// after it was released, or one never issued.
fn handle_forger(stale: bool) -> Vec<u8> {
    use wasm_encoder::*;
    let mut m = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([], [ValType::I64]); // 0 main
    types.ty().function([ValType::I32], [ValType::I64]); // 1 load_const
    types.ty().function([], [ValType::I32]); // 2 enter
    types
        .ty()
        .function([ValType::I32, ValType::I64], [ValType::I64]); // 3 leave
    types
        .ty()
        .function([ValType::I64, ValType::I32], [ValType::I64]); // 4 getattr
    m.section(&types);
    let mut imports = ImportSection::new();
    imports.import("molt", "load_const", EntityType::Function(1));
    imports.import("molt", "enter", EntityType::Function(2));
    imports.import("molt", "leave", EntityType::Function(3));
    imports.import("molt", "getattr", EntityType::Function(4));
    m.section(&imports);
    let mut funcs = FunctionSection::new();
    funcs.function(0);
    m.section(&funcs);
    let mut mems = MemorySection::new();
    mems.memory(MemoryType {
        minimum: 1,
        maximum: Some(1),
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    m.section(&mems);
    let mut exports = ExportSection::new();
    exports.export("main", ExportKind::Func, 4);
    exports.export("memory", ExportKind::Memory, 0);
    m.section(&exports);
    let mut f = Function::new([(1, ValType::I64)]);
    if stale {
        f.instruction(&Instruction::Call(1))
            .instruction(&Instruction::Drop);
        // The handle of constant 0, then its scope is left: the handle is released.
        f.instruction(&Instruction::I32Const(0))
            .instruction(&Instruction::Call(0))
            .instruction(&Instruction::LocalSet(0));
        f.instruction(&Instruction::I32Const(0))
            .instruction(&Instruction::I64Const(molt_vm::Value::NONE.0 as i64))
            .instruction(&Instruction::Call(2))
            .instruction(&Instruction::Drop);
    } else {
        // Pointer tag, generation 7, shard 0, index 12345: never issued.
        let made_up = (0xFFFAu64 << 48) | (7u64 << 32) | 12345;
        f.instruction(&Instruction::I64Const(made_up as i64))
            .instruction(&Instruction::LocalSet(0));
    }
    f.instruction(&Instruction::LocalGet(0))
        .instruction(&Instruction::I32Const(0))
        .instruction(&Instruction::Call(3))
        .instruction(&Instruction::End);
    let mut code = CodeSection::new();
    code.function(&f);
    m.section(&code);
    let before = m.clone().finish();
    let meta = Metadata {
        consts: vec![Const::Str("upper".into())],
        codes: vec![CodeMeta {
            name: "<module>".into(),
            qualname: "<module>".into(),
            filename: "forged.py".into(),
            first_line: 1,
            argcount: 0,
            params: vec![],
            varnames: vec![],
        }],
    };
    m.section(&CustomSection {
        name: Cow::Borrowed(format::SECTION_NAME),
        data: Cow::Owned(format::encode_section(&meta, &before)),
    });
    m.finish()
}

#[test]
fn stale_and_made_up_handles_raise_in_the_guest() {
    for (stale, why) in [(true, "stale"), (false, "invalid")] {
        let mut sb = Sandbox::new(Limits::default());
        sb.load(&handle_forger(stale))
            .expect("a well-formed molt module");
        let out = sb.run_main().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status, 1, "{}", err);
        assert!(
            err.contains("SystemError: wasm guest used a bad handle"),
            "{}",
            err
        );
        assert!(err.to_lowercase().contains(why), "{}", err);
    }
}

/// The cases listed in wasm_cases.txt behave as their recorded CPython output says.
#[test]
fn listed_differential_cases_run_in_the_wasm_tier() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let list = include_str!("wasm_cases.txt");
    let mut n = 0;
    for name in list
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let src = std::fs::read_to_string(dir.join(format!("{}.py", name))).unwrap();
        let want = std::fs::read_to_string(dir.join(format!("{}.out", name))).unwrap();
        let status =
            std::fs::read_to_string(dir.join(format!("{}.status", name))).unwrap_or_default();
        let mut lines = status.lines();
        let want_status: u8 = lines
            .next()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let want_last = lines.next().unwrap_or("");
        let wasm =
            build(&src, &format!("{}.py", name)).unwrap_or_else(|e| panic!("{}: {}", name, e));
        let mut sb = Sandbox::new(Limits {
            fuel: Some(20_000_000_000),
            max_memory: None,
        });
        sb.load(&wasm).unwrap();
        let out = sb.run_main().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            want,
            "{}: {}",
            name,
            err
        );
        assert_eq!(out.status, want_status, "{}: {}", name, err);
        if !want_last.is_empty() {
            assert_eq!(err.lines().last().unwrap_or(""), want_last, "{}", name);
        }
        n += 1;
    }
    assert!(n >= 50, "only {} listed cases", n);
}
