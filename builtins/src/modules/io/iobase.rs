//! `_IOBase`, `_RawIOBase`, `_BufferedIOBase` and `_TextIOBase`: the
//! default implementations every stream inherits, written in terms of the
//! methods a subclass provides (`read`, `readinto`, `write`, `readline`...).

use super::{
    add_methods, add_property, call_method, closed_error, getattr_opt, size_arg, truthy_attr,
    unsupported, DEFAULT_BUFFER_SIZE,
};
use molt_vm::class::type_name;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn register(vm: &mut Vm, iobase: Value, raw: Value, buffered: Value, text: Value) {
    add_methods(
        vm,
        iobase,
        &[
            ("seek", base_seek),
            ("tell", base_tell),
            ("truncate", base_truncate),
            ("flush", base_flush),
            ("close", base_close),
            ("seekable", false_method),
            ("readable", false_method),
            ("writable", false_method),
            ("_checkClosed", check_closed_method),
            ("_checkSeekable", check_seekable),
            ("_checkReadable", check_readable),
            ("_checkWritable", check_writable),
            ("fileno", base_fileno),
            ("isatty", base_isatty),
            ("__enter__", base_enter),
            ("__exit__", base_exit),
            ("__iter__", base_iter),
            ("__next__", base_next),
            ("readline", base_readline),
            ("readlines", base_readlines),
            ("writelines", base_writelines),
        ],
    );
    add_property(vm, iobase, "closed", base_closed, None);
    add_methods(
        vm,
        raw,
        &[
            ("read", raw_read),
            ("readall", raw_readall),
            ("readinto", not_implemented),
            ("write", not_implemented),
        ],
    );
    add_methods(
        vm,
        buffered,
        &[
            ("detach", buffered_detach),
            ("read", buffered_read),
            ("read1", buffered_read1),
            ("write", buffered_write),
            ("readinto", buffered_readinto),
            ("readinto1", buffered_readinto1),
        ],
    );
    add_methods(
        vm,
        text,
        &[
            ("detach", text_detach),
            ("read", text_read),
            ("readline", text_readline),
            ("write", text_write),
        ],
    );
    add_property(vm, text, "encoding", none_getter, None);
    add_property(vm, text, "newlines", none_getter, None);
    add_property(vm, text, "errors", none_getter, None);
}

const CLOSED_ATTR: &str = "__IOBase_closed";

fn is_closed_flag(vm: &mut Vm, obj: Value) -> bool {
    let k = vm.intern(CLOSED_ATTR);
    obj.is_ptr()
        && obj.as_obj().attrs().is_some()
        && ops::attr::load_instance_attr(obj, k).is_some_and(|v| v.is(Value::TRUE))
}

/// Raise ValueError if `obj.closed` says the stream is closed.
pub fn check_closed(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if truthy_attr(vm, obj, "closed")? {
        return Err(closed_error(vm));
    }
    Ok(())
}

fn base_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(is_closed_flag(vm, args.pos[0])))
}

fn base_seek(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "seek"))
}

fn base_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (zero, one) = (Value::small_int_unchecked(0), Value::small_int_unchecked(1));
    call_method(vm, args.pos[0], "seek", &[zero, one])
}

fn base_truncate(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "truncate"))
}

fn base_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if is_closed_flag(vm, args.pos[0]) {
        return Err(closed_error(vm));
    }
    Ok(Value::NONE)
}

fn base_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    if is_closed_flag(vm, obj) {
        return Ok(Value::NONE);
    }
    let r = call_method(vm, obj, "flush", &[]);
    vm.set_attr_str_on_instance(obj, CLOSED_ATTR, Value::TRUE);
    r.map(|_| Value::NONE)
}

fn false_method(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

fn none_getter(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn check_closed_method(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_closed(vm, args.pos[0])?;
    Ok(Value::NONE)
}

fn check_capability(vm: &mut Vm, args: &Args, method: &str, msg: &str) -> PyResult<Value> {
    let r = call_method(vm, args.pos[0], method, &[])?;
    if !ops::truthy(vm, r)? {
        let msg = match args.pos.get(1) {
            Some(m) if !m.is_none() => ops::str_of(*m).unwrap_or(msg).to_string(),
            _ => msg.to_string(),
        };
        return Err(unsupported(vm, &msg));
    }
    Ok(Value::TRUE)
}

fn check_seekable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_capability(vm, &args, "seekable", "File or stream is not seekable.")
}

fn check_readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_capability(vm, &args, "readable", "File or stream is not readable.")
}

fn check_writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_capability(vm, &args, "writable", "File or stream is not writable.")
}

fn base_fileno(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "fileno"))
}

fn base_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_closed(vm, args.pos[0])?;
    Ok(Value::FALSE)
}

fn base_enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_closed(vm, args.pos[0])?;
    Ok(args.pos[0])
}

fn base_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    call_method(vm, args.pos[0], "close", &[])?;
    Ok(Value::NONE)
}

fn base_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_closed(vm, args.pos[0])?;
    Ok(args.pos[0])
}

fn base_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let line = call_method(vm, args.pos[0], "readline", &[])?;
    if ops::convert::len(vm, line)? == 0 {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(line)
}

/// `readline(size=-1)` over `peek` (when the stream has it) or `read(1)`.
fn base_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "readline",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["size"],
        0,
    )?;
    let limit = size_arg(vm, a[0])?;
    let peek = getattr_opt(vm, obj, "peek")?;
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let mut n = 1;
        if let Some(p) = peek {
            let ahead = ops::call(vm, p, Args::new(&[Value::small_int_unchecked(1)]))?;
            let ahead = ops::convert::bytes_of(ahead).unwrap_or_default();
            if !ahead.is_empty() {
                n = match ahead.iter().position(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => ahead.len(),
                };
                if limit >= 0 {
                    n = n.min((limit as usize) - out.len());
                }
            }
        }
        let nv = vm.new_int(n as i64);
        let b = call_method(vm, obj, "read", &[nv])?;
        if b.is_none() {
            break;
        }
        let data = match ops::convert::bytes_of(b) {
            Some(d) if ops::str_of(b).is_none() => d,
            _ => {
                let msg = format!(
                    "read() should have returned a bytes object, not '{}'",
                    type_name(vm, b)
                );
                let c = vm.exc.OSError;
                return Err(vm.err(c, msg));
            }
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
        if out.ends_with(b"\n") {
            break;
        }
    }
    Ok(vm.new_bytes(out))
}

fn base_readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "readlines",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["hint"],
        0,
    )?;
    let hint = size_arg(vm, a[0])?;
    let it = ops::iter::get_iter(vm, obj)?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    while let Some(line) = ops::iter::next(vm, it)? {
        total += ops::convert::len(vm, line)?;
        lines.push(line);
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn base_writelines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "writelines", &Args::new(&args.pos[1..]), 1, 1)?;
    let obj = args.pos[0];
    check_closed(vm, obj)?;
    let it = ops::iter::get_iter(vm, args.pos[1])?;
    while let Some(line) = ops::iter::next(vm, it)? {
        call_method(vm, obj, "write", &[line])?;
    }
    Ok(Value::NONE)
}

// ----- _RawIOBase -----

fn raw_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "read",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["size"],
        0,
    )?;
    let size = size_arg(vm, a[0])?;
    if size < 0 {
        return call_method(vm, obj, "readall", &[]);
    }
    let b = vm.new_bytearray(vec![0; size as usize]);
    let n = call_method(vm, obj, "readinto", &[b])?;
    if n.is_none() {
        return Ok(Value::NONE);
    }
    let n = ops::to_index(vm, n)?;
    let data = match b.obj().map(|o| &o.kind) {
        Some(Kind::ByteArray(d)) => {
            let d = d.get();
            if n < 0 || n as usize > d.len() {
                let msg = format!("readinto returned {} outside buffer size {}", n, d.len());
                return Err(vm.value_error(msg));
            }
            d[..n as usize].to_vec()
        }
        _ => vec![],
    };
    Ok(vm.new_bytes(data))
}

fn raw_readall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let mut out: Vec<u8> = Vec::new();
    let mut got_any = false;
    loop {
        let size = vm.new_int(DEFAULT_BUFFER_SIZE as i64);
        let b = call_method(vm, obj, "read", &[size])?;
        if b.is_none() {
            if !got_any {
                return Ok(Value::NONE);
            }
            break;
        }
        got_any = true;
        let data = match ops::convert::bytes_of(b) {
            Some(d) if ops::str_of(b).is_none() => d,
            _ => return Err(vm.type_error("read() should return bytes")),
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
    }
    Ok(vm.new_bytes(out))
}

fn not_implemented(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let c = vm.exc.NotImplementedError;
    Err(molt_vm::PyErr(vm.new_exception(c, vec![])))
}

// ----- _BufferedIOBase -----

fn buffered_detach(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "detach"))
}

fn buffered_read(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "read"))
}

fn buffered_read1(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "read1"))
}

fn buffered_write(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "write"))
}

fn readinto_with(vm: &mut Vm, args: &Args, method: &str) -> PyResult<Value> {
    ops::call::check_args(vm, method, &Args::new(&args.pos[1..]), 1, 1)?;
    let (obj, b) = (args.pos[0], args.pos[1]);
    let len = super::buffer_len(vm, b)?;
    let n = vm.new_int(len as i64);
    let read = if method == "readinto" {
        "read"
    } else {
        "read1"
    };
    let data = call_method(vm, obj, read, &[n])?;
    let data = match ops::convert::bytes_of(data) {
        Some(d) if ops::str_of(data).is_none() => d,
        _ => return Err(vm.type_error("read() should return bytes")),
    };
    let n = super::fill_buffer(vm, b, &data)?;
    Ok(vm.new_int(n as i64))
}

fn buffered_readinto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    readinto_with(vm, &args, "readinto")
}

fn buffered_readinto1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    readinto_with(vm, &args, "readinto1")
}

// ----- _TextIOBase -----

fn text_detach(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "detach"))
}

fn text_read(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "read"))
}

fn text_readline(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "readline"))
}

fn text_write(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(unsupported(vm, "write"))
}
