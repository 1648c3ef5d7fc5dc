//! `BytesIO`: a binary stream over a growable in-memory buffer.

use super::{add_methods, add_property, bytes_arg, closed_error, size_arg, state};
use molt_vm::object::NativeState;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub struct BytesIO {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

impl NativeState for BytesIO {}

/// What `getbuffer()` views: an exporter of the BytesIO's own buffer, so
/// writes through the view change the stream's contents.
struct BytesIOBuffer {
    owner: Value,
}

impl NativeState for BytesIOBuffer {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.owner)
    }
    fn buffer(&self) -> Option<&[u8]> {
        molt_vm::object::native_state::<BytesIO>(self.owner).map(|b| b.buf.as_slice())
    }
    fn buffer_mut(&mut self) -> Option<&mut [u8]> {
        molt_vm::object::native_state::<BytesIO>(self.owner).map(|b| b.buf.as_mut_slice())
    }
}

impl BytesIO {
    /// The next line (through `\n`), at most `limit` bytes when limit >= 0.
    fn next_line(&mut self, limit: i64) -> Vec<u8> {
        let start = self.pos.min(self.buf.len());
        let rest = &self.buf[start..];
        let mut n = match memchr::memchr(b'\n', rest) {
            Some(i) => i + 1,
            None => rest.len(),
        };
        if limit >= 0 {
            n = n.min(limit as usize);
        }
        self.pos = start + n;
        rest[..n].to_vec()
    }

    fn write(&mut self, data: &[u8]) {
        let end = self.pos + data.len();
        if self.pos > self.buf.len() {
            self.buf.resize(self.pos, 0);
        }
        if end > self.buf.len() {
            self.buf.resize(end, 0);
        }
        self.buf[self.pos..end].copy_from_slice(data);
        self.pos = end;
    }
}

pub fn register(vm: &mut Vm, cls: Value) {
    add_methods(
        vm,
        cls,
        &[
            ("__new__", b_new),
            ("__init__", b_init),
            ("getvalue", b_getvalue),
            ("getbuffer", b_getbuffer),
            ("read", b_read),
            ("read1", b_read),
            ("readline", b_readline),
            ("readlines", b_readlines),
            ("readinto", b_readinto),
            ("readinto1", b_readinto),
            ("write", b_write),
            ("writelines", b_writelines),
            ("seek", b_seek),
            ("tell", b_tell),
            ("truncate", b_truncate),
            ("readable", b_true),
            ("writable", b_true),
            ("seekable", b_true),
            ("flush", b_flush),
            ("isatty", b_isatty),
            ("close", b_close),
            ("__iter__", b_iter),
            ("__next__", b_next),
        ],
    );
    add_property(vm, cls, "closed", b_closed, None);
}

fn bio(vm: &mut Vm, v: Value) -> PyResult<&'static mut BytesIO> {
    state::<BytesIO>(vm, v, "BytesIO")
}

fn open_bio(vm: &mut Vm, v: Value) -> PyResult<&'static mut BytesIO> {
    let b = bio(vm, v)?;
    if b.closed {
        return Err(closed_error(vm));
    }
    Ok(b)
}

fn rest<'a>(args: &'a Args) -> Args<'a> {
    Args {
        pos: &args.pos[1..],
        ..*args
    }
}

fn b_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = BytesIO {
        buf: Vec::new(),
        pos: 0,
        closed: false,
    };
    super::new_object(vm, &args, st, "BytesIO")
}

fn b_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "BytesIO", &rest(&args), &["initial_bytes"], 0)?;
    let data = match a[0] {
        Some(v) if !v.is_none() => bytes_arg(vm, v)?,
        _ => Vec::new(),
    };
    let b = bio(vm, args.pos[0])?;
    b.buf = data;
    b.pos = 0;
    b.closed = false;
    Ok(Value::NONE)
}

fn b_getvalue(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let data = open_bio(vm, args.pos[0])?.buf.clone();
    Ok(vm.new_bytes(data))
}

fn b_getbuffer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_bio(vm, args.pos[0])?;
    let cls = match vm.native_classes.get("_BytesIOBuffer") {
        Some(c) => *c,
        None => {
            let c = vm.make_native_class(
                "_io",
                "_BytesIOBuffer",
                &[],
                molt_vm::object::Layout::Object,
                false,
            );
            vm.native_classes.insert("_BytesIOBuffer", c);
            c
        }
    };
    let exporter = vm.new_native_object(cls, BytesIOBuffer { owner: args.pos[0] });
    vm.pinned.push(exporter);
    let mv = vm.native_classes["memoryview"];
    ops::call(vm, mv, Args::new(&[exporter]))
}

fn b_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "read", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    let b = open_bio(vm, args.pos[0])?;
    let start = b.pos.min(b.buf.len());
    let avail = b.buf.len() - start;
    let n = if size < 0 {
        avail
    } else {
        (size as usize).min(avail)
    };
    let data = b.buf[start..start + n].to_vec();
    b.pos = start + n;
    Ok(vm.new_bytes(data))
}

fn b_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "readline", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    let line = open_bio(vm, args.pos[0])?.next_line(size);
    Ok(vm.new_bytes(line))
}

fn b_readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "readlines", &rest(&args), &["size"], 0)?;
    let hint = size_arg(vm, a[0])?;
    let b = open_bio(vm, args.pos[0])?;
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let l = b.next_line(-1);
        if l.is_empty() {
            break;
        }
        total += l.len();
        lines.push(l);
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    let vals = lines.into_iter().map(|l| vm.new_bytes(l)).collect();
    Ok(vm.new_list(vals))
}

fn b_readinto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "readinto", &rest(&args), 1, 1)?;
    let len = super::buffer_len(vm, args.pos[1])?;
    let b = open_bio(vm, args.pos[0])?;
    let start = b.pos.min(b.buf.len());
    let n = len.min(b.buf.len() - start);
    let data = b.buf[start..start + n].to_vec();
    b.pos = start + n;
    super::fill_buffer(vm, args.pos[1], &data)?;
    Ok(vm.new_int(n as i64))
}

fn b_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &rest(&args), 1, 1)?;
    open_bio(vm, args.pos[0])?;
    let data = bytes_arg(vm, args.pos[1])?;
    open_bio(vm, args.pos[0])?.write(&data);
    Ok(vm.new_int(data.len() as i64))
}

fn b_writelines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "writelines", &rest(&args), 1, 1)?;
    open_bio(vm, args.pos[0])?;
    let it = ops::iter::get_iter(vm, args.pos[1])?;
    while let Some(line) = ops::iter::next(vm, it)? {
        let data = bytes_arg(vm, line)?;
        open_bio(vm, args.pos[0])?.write(&data);
    }
    Ok(Value::NONE)
}

fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::to_index(vm, v)
}

fn b_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "seek", &rest(&args), 1, 2)?;
    let pos = index_arg(vm, args.pos[1])?;
    let whence = match args.pos.get(2) {
        Some(w) => index_arg(vm, *w)?,
        None => 0,
    };
    let b = open_bio(vm, args.pos[0])?;
    let new = match whence {
        0 => {
            if pos < 0 {
                return Err(vm.value_error(format!("negative seek value {}", pos)));
            }
            pos
        }
        1 => (b.pos as i64 + pos).max(0),
        2 => (b.buf.len() as i64 + pos).max(0),
        _ => {
            let msg = format!("invalid whence ({}, should be 0, 1 or 2)", whence);
            return Err(vm.value_error(msg));
        }
    };
    b.pos = new as usize;
    Ok(vm.new_int(new))
}

fn b_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = open_bio(vm, args.pos[0])?.pos;
    Ok(vm.new_int(p as i64))
}

fn b_truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "truncate", &rest(&args), 0, 1)?;
    open_bio(vm, args.pos[0])?;
    let size = match args.pos.get(1) {
        Some(v) if !v.is_none() => index_arg(vm, *v)?,
        _ => open_bio(vm, args.pos[0])?.pos as i64,
    };
    if size < 0 {
        return Err(vm.value_error(format!("negative size value {}", size)));
    }
    let b = open_bio(vm, args.pos[0])?;
    if (size as usize) < b.buf.len() {
        b.buf.truncate(size as usize);
    }
    Ok(vm.new_int(size))
}

fn b_true(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_bio(vm, args.pos[0])?;
    Ok(Value::TRUE)
}

fn b_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_bio(vm, args.pos[0])?;
    Ok(Value::NONE)
}

fn b_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_bio(vm, args.pos[0])?;
    Ok(Value::FALSE)
}

fn b_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bio(vm, args.pos[0])?;
    b.closed = true;
    b.buf = Vec::new();
    Ok(Value::NONE)
}

fn b_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(bio(vm, args.pos[0])?.closed))
}

fn b_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_bio(vm, args.pos[0])?;
    Ok(args.pos[0])
}

fn b_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let line = open_bio(vm, args.pos[0])?.next_line(-1);
    if line.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_bytes(line))
}
