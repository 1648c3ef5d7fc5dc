//! `StringIO`: a text stream over an in-memory buffer of code points.

use super::text::{line_end, newlines_value, translate_newlines, Newline};
use super::{add_methods, add_property, size_arg, state};
use molt_vm::class::type_name;
use molt_vm::object::NativeState;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};

pub struct StringIO {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
    newline: Newline,
    /// Kinds of line ending seen so far (for `newlines`).
    seen: u8,
}

impl NativeState for StringIO {}

impl StringIO {
    fn write(&mut self, s: &str) -> usize {
        let n = s.chars().count();
        let text = match self.newline {
            Newline::Universal | Newline::Untranslated => {
                let translate = self.newline == Newline::Universal;
                let mut pending = false;
                translate_newlines(s, &mut pending, true, translate, &mut self.seen)
            }
            Newline::Cr => s.replace('\n', "\r"),
            Newline::CrLf => s.replace('\n', "\r\n"),
            Newline::Lf => s.to_string(),
        };
        if self.pos > self.buf.len() {
            self.buf.resize(self.pos, '\0');
        }
        let chars: Vec<char> = text.chars().collect();
        let end = self.pos + chars.len();
        if end > self.buf.len() {
            self.buf.resize(end, '\0');
        }
        self.buf[self.pos..end].copy_from_slice(&chars);
        self.pos = end;
        n
    }

    fn readline(&mut self, limit: i64) -> String {
        let start = self.pos.min(self.buf.len());
        let mut end = line_end(&self.buf, start, self.newline, true).unwrap_or(self.buf.len());
        if limit >= 0 {
            end = end.min(start + limit as usize);
        }
        self.pos = end;
        self.buf[start..end].iter().collect()
    }
}

pub fn register(vm: &mut Vm, cls: Value) {
    add_methods(
        vm,
        cls,
        &[
            ("__new__", s_new),
            ("__init__", s_init),
            ("getvalue", s_getvalue),
            ("read", s_read),
            ("readline", s_readline),
            ("write", s_write),
            ("seek", s_seek),
            ("tell", s_tell),
            ("truncate", s_truncate),
            ("readable", s_true),
            ("writable", s_true),
            ("seekable", s_true),
            ("close", s_close),
            ("__next__", s_next),
        ],
    );
    add_property(vm, cls, "closed", s_closed, None);
    add_property(vm, cls, "line_buffering", s_line_buffering, None);
    add_property(vm, cls, "newlines", s_newlines, None);
}

fn sio(vm: &mut Vm, v: Value) -> PyResult<&'static mut StringIO> {
    state::<StringIO>(vm, v, "StringIO")
}

fn open_sio(vm: &mut Vm, v: Value) -> PyResult<&'static mut StringIO> {
    let s = sio(vm, v)?;
    if s.closed {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(s)
}

fn rest<'a>(args: &'a Args) -> Args<'a> {
    Args {
        pos: &args.pos[1..],
        ..*args
    }
}

fn s_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = StringIO {
        buf: Vec::new(),
        pos: 0,
        closed: false,
        newline: Newline::Lf,
        seen: 0,
    };
    super::new_object(vm, &args, st, "StringIO")
}

fn s_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "StringIO",
        &rest(&args),
        &["initial_value", "newline"],
        0,
    )?;
    let newline = match a[1] {
        None => Newline::Lf,
        Some(v) if v.is_none() => Newline::Universal,
        Some(v) => match str_of(v) {
            Some(s) => match Newline::parse(s) {
                Some(n) => n,
                None => {
                    let msg = format!("illegal newline value: {}", ops::repr_string(vm, v)?);
                    return Err(vm.value_error(msg));
                }
            },
            None => {
                let msg = format!("newline must be str or None, not {}", type_name(vm, v));
                return Err(vm.type_error(msg));
            }
        },
    };
    let initial = match a[0] {
        Some(v) if !v.is_none() => match str_of(v) {
            Some(s) => s,
            None => {
                let msg = format!(
                    "initial_value must be str or None, not {}",
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            }
        },
        _ => "",
    };
    let s = sio(vm, args.pos[0])?;
    s.buf.clear();
    s.pos = 0;
    s.closed = false;
    s.newline = newline;
    s.seen = 0;
    if !initial.is_empty() {
        s.write(initial);
        s.pos = 0;
    }
    Ok(Value::NONE)
}

fn s_getvalue(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let text: String = open_sio(vm, args.pos[0])?.buf.iter().collect();
    Ok(vm.new_string(text))
}

fn s_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "read", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    let s = open_sio(vm, args.pos[0])?;
    let start = s.pos.min(s.buf.len());
    let avail = s.buf.len() - start;
    let n = if size < 0 {
        avail
    } else {
        (size as usize).min(avail)
    };
    let text: String = s.buf[start..start + n].iter().collect();
    s.pos = start + n;
    Ok(vm.new_string(text))
}

fn s_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "readline", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    let line = open_sio(vm, args.pos[0])?.readline(size);
    Ok(vm.new_string(line))
}

fn s_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let line = open_sio(vm, args.pos[0])?.readline(-1);
    if line.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_string(line))
}

fn s_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &rest(&args), 1, 1)?;
    let v = args.pos[1];
    let text = match str_of(v) {
        Some(t) => t,
        None => {
            let msg = format!("string argument expected, got '{}'", type_name(vm, v));
            return Err(vm.type_error(msg));
        }
    };
    let n = open_sio(vm, args.pos[0])?.write(text);
    Ok(vm.new_int(n as i64))
}

fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::to_index(vm, v)
}

fn s_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "seek", &rest(&args), 1, 2)?;
    let pos = index_arg(vm, args.pos[1])?;
    let whence = match args.pos.get(2) {
        Some(w) => index_arg(vm, *w)?,
        None => 0,
    };
    let s = open_sio(vm, args.pos[0])?;
    match whence {
        0 | 1 | 2 => {}
        _ => {
            let msg = format!("Invalid whence ({}, should be 0, 1 or 2)", whence);
            return Err(vm.value_error(msg));
        }
    }
    if whence == 0 && pos < 0 {
        return Err(vm.value_error(format!("Negative seek position {}", pos)));
    }
    if whence != 0 && pos != 0 {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "Can't do nonzero cur-relative seeks"));
    }
    let new = match whence {
        0 => pos as usize,
        1 => s.pos,
        _ => s.buf.len(),
    };
    s.pos = new;
    Ok(vm.new_int(new as i64))
}

fn s_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = open_sio(vm, args.pos[0])?.pos;
    Ok(vm.new_int(p as i64))
}

fn s_truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "truncate", &rest(&args), 0, 1)?;
    open_sio(vm, args.pos[0])?;
    let size = match args.pos.get(1) {
        Some(v) if !v.is_none() => index_arg(vm, *v)?,
        _ => open_sio(vm, args.pos[0])?.pos as i64,
    };
    if size < 0 {
        return Err(vm.value_error(format!("Negative size value {}", size)));
    }
    let s = open_sio(vm, args.pos[0])?;
    if (size as usize) < s.buf.len() {
        s.buf.truncate(size as usize);
    }
    Ok(vm.new_int(size))
}

fn s_true(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_sio(vm, args.pos[0])?;
    Ok(Value::TRUE)
}

fn s_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sio(vm, args.pos[0])?;
    s.closed = true;
    s.buf = Vec::new();
    Ok(Value::NONE)
}

fn s_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(sio(vm, args.pos[0])?.closed))
}

fn s_line_buffering(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_sio(vm, args.pos[0])?;
    Ok(Value::FALSE)
}

fn s_newlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = open_sio(vm, args.pos[0])?;
    if !matches!(s.newline, Newline::Universal | Newline::Untranslated) {
        return Ok(Value::NONE);
    }
    let seen = s.seen;
    Ok(newlines_value(vm, seen))
}
