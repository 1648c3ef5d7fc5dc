//! `sys.stdin`: a text reader over file descriptor 0 with the methods of
//! CPython's TextIOWrapper that programs use (read, readline, readlines,
//! iteration).  It reads through the same buffered handle as `input()`, so
//! the two can be mixed without losing data.  Text is UTF-8 with the
//! standard streams' error handler.

use crate::args::parse;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::io::{BufRead, Read};

/// The `sys.stdin` object.
pub fn make(vm: &mut Vm) -> Value {
    let cls = vm.make_builtin_class("StdIn", &[], molt_vm::object::Layout::Object);
    vm.add_native(cls, "read", read);
    vm.add_native(cls, "readline", readline);
    vm.add_native(cls, "readlines", readlines);
    vm.add_native(cls, "__iter__", iter_self);
    vm.add_native(cls, "__next__", next_line);
    vm.add_native(cls, "__enter__", iter_self);
    vm.add_native(cls, "__exit__", exit);
    vm.add_native(cls, "fileno", fileno);
    vm.add_native(cls, "isatty", isatty);
    vm.add_native(cls, "readable", yes);
    vm.add_native(cls, "writable", no);
    vm.add_native(cls, "seekable", seekable);
    vm.add_native(cls, "close", exit);
    let inst = vm.new_instance(cls);
    vm.roots.push(inst);
    for (name, value) in [
        ("name", "<stdin>"),
        ("mode", "r"),
        ("encoding", "utf-8"),
        ("errors", crate::output::stdio_errors()),
    ] {
        let v = vm.new_str(value);
        vm.set_attr_str_on_instance(inst, name, v);
    }
    vm.set_attr_str_on_instance(inst, "closed", Value::FALSE);
    vm.set_attr_str_on_instance(inst, "newlines", Value::NONE);
    vm.set_attr_str_on_instance(inst, "line_buffering", Value::FALSE);
    inst
}

/// Raw bytes as text: UTF-8 with the stream's error handler.  Newlines are
/// kept as they are (CPython opens stdin with `newline="\n"` on POSIX).
fn text(vm: &mut Vm, raw: Vec<u8>) -> PyResult<Value> {
    let errors = crate::output::stdio_errors();
    crate::modules::codecs::decode_bytes(vm, &raw, Value::NONE, "utf-8", errors)
}

fn io_error(vm: &mut Vm, e: std::io::Error) -> molt_vm::PyErr {
    let c = vm.exc.OSError;
    vm.err(c, e.to_string())
}

/// A size argument: None or negative means "all".
fn size_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => {
            let n = ops::to_index(vm, v)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

/// One line, at most `limit` bytes (extended to finish a UTF-8 sequence).
fn read_line_bytes(limit: Option<usize>) -> std::io::Result<Vec<u8>> {
    crate::output::flush_stdout();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let mut line = Vec::new();
    match limit {
        None => {
            lock.read_until(b'\n', &mut line)?;
        }
        Some(n) => {
            let mut byte = [0u8; 1];
            while line.len() < n || is_continuation_pending(&line) {
                if lock.read(&mut byte)? == 0 {
                    break;
                }
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
        }
    }
    Ok(line)
}

/// True if `b` ends inside a UTF-8 sequence.
fn is_continuation_pending(b: &[u8]) -> bool {
    if b.is_empty() {
        return false;
    }
    let start = b.iter().rposition(|&c| c & 0xc0 != 0x80).unwrap_or(0);
    b.len() - start < molt_vm::text::seq_len(b[start]) && b[start] >= 0xc0
}

fn readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "readline", &Args::new(&args.pos[1..]), &["size"], 0)?;
    let limit = size_arg(vm, a[0])?;
    let raw = read_line_bytes(limit).map_err(|e| io_error(vm, e))?;
    text(vm, raw)
}

fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "read", &Args::new(&args.pos[1..]), &["size"], 0)?;
    crate::output::flush_stdout();
    let raw = match size_arg(vm, a[0])? {
        None => {
            let mut all = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut all)
                .map_err(|e| io_error(vm, e))?;
            all
        }
        Some(n) => {
            let mut out = Vec::new();
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            let mut byte = [0u8; 1];
            while out.len() < n || is_continuation_pending(&out) {
                if lock.read(&mut byte).map_err(|e| io_error(vm, e))? == 0 {
                    break;
                }
                out.push(byte[0]);
            }
            out
        }
    };
    text(vm, raw)
}

fn readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "readlines", &Args::new(&args.pos[1..]), &["hint"], 0)?;
    let hint = size_arg(vm, a[0])?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let raw = read_line_bytes(None).map_err(|e| io_error(vm, e))?;
        if raw.is_empty() {
            break;
        }
        total += raw.len();
        let line = text(vm, raw)?;
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn next_line(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let raw = read_line_bytes(None).map_err(|e| io_error(vm, e))?;
    if raw.is_empty() {
        return Err(crate::modules::native::stop(vm));
    }
    text(vm, raw)
}

fn iter_self(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos[0])
}

fn exit(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn fileno(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::small_int_unchecked(0))
}

fn isatty(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    Ok(Value::bool(std::io::stdin().is_terminal()))
}

/// Whether fd 0 supports seeking (a file or /dev/null, not a pipe or tty).
fn seekable(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    // SAFETY: lseek on fd 0 with SEEK_CUR moves nothing.
    let r = unsafe { libc::lseek(0, 0, libc::SEEK_CUR) };
    Ok(Value::bool(r >= 0))
}

fn yes(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::TRUE)
}

fn no(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}
