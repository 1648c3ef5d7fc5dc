//! `open()` and file objects (text and binary), backed by `std::fs::File`.
//!
//! A file object is an instance of `TextIOWrapper`, `BufferedReader` or
//! `BufferedWriter` whose `_handle` attribute indexes a table of open Rust
//! files.  `close()` (or leaving a `with` block) releases the file at once;
//! files never closed stay open until the process exits.

use crate::oserror::os_error;
use molt_vm::class::type_name;
use molt_vm::object::Layout;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};

struct OpenFile {
    reader: Option<BufReader<std::fs::File>>,
    writer: Option<std::io::BufWriter<std::fs::File>>,
    binary: bool,
}

thread_local! {
    static FILES: RefCell<HashMap<i64, OpenFile>> = RefCell::new(HashMap::new());
    static NEXT: RefCell<i64> = const { RefCell::new(1) };
    static CLASSES: RefCell<Option<(Value, Value, Value)>> = const { RefCell::new(None) };
}

pub fn register(vm: &mut Vm) {
    let mk = |vm: &mut Vm, name: &str| {
        let c = vm.make_builtin_class(name, &[], Layout::Object);
        let m = vm.intern("_io");
        let k = vm.names.__module__;
        let d = molt_vm::vm::class_data(c).dict;
        vm.dict_set_str(d, k, m);
        vm.roots.push(c);
        for (n, f) in [
            ("read", read as molt_vm::object::NativeFn),
            ("readline", readline),
            ("readlines", readlines),
            ("write", write),
            ("writelines", writelines),
            ("close", close),
            ("flush", flush),
            ("seek", seek),
            ("tell", tell),
            ("readable", readable),
            ("writable", writable),
            ("__enter__", enter),
            ("__exit__", exit),
            ("__iter__", enter),
            ("__next__", next_line),
        ] {
            vm.add_native(c, n, f);
        }
        c
    };
    let text = mk(vm, "TextIOWrapper");
    let br = mk(vm, "BufferedReader");
    let bw = mk(vm, "BufferedWriter");
    CLASSES.with(|c| *c.borrow_mut() = Some((text, br, bw)));
}

/// `open(file, mode='r', ...)`
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "open",
        &args,
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let file = a[0].unwrap();
    let path = match str_of(file) {
        Some(p) => p.to_string(),
        None => {
            let msg = format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(vm, file)
            );
            return Err(vm.type_error(msg));
        }
    };
    let mode = match a[1] {
        Some(m) => str_of(m).unwrap_or("r").to_string(),
        None => "r".to_string(),
    };
    if !mode.chars().all(|c| "rwaxbt+".contains(c))
        || mode.chars().count() != mode.chars().collect::<std::collections::HashSet<_>>().len()
    {
        return Err(vm.value_error(format!("invalid mode: '{}'", mode)));
    }
    if mode.contains('b') && mode.contains('t') {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if mode.chars().filter(|c| "rwax".contains(*c)).count() != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    let binary = mode.contains('b');
    let plus = mode.contains('+');
    let mut oo = std::fs::OpenOptions::new();
    match mode.chars().find(|c| "rwax".contains(*c)).unwrap() {
        'r' => oo.read(true).write(plus),
        'w' => oo.write(true).create(true).truncate(true).read(plus),
        'a' => oo.append(true).create(true).read(plus),
        _ => oo.write(true).create_new(true).read(plus),
    };
    let f = oo.open(&path).map_err(|e| os_error(vm, &e, Some(&path)))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(vm, &e, Some(&path)));
    }
    let reads = mode.contains('r') || plus;
    let writes = !mode.contains('r') || plus;
    let state = OpenFile {
        reader: if reads {
            Some(BufReader::new(
                f.try_clone().map_err(|e| os_error(vm, &e, Some(&path)))?,
            ))
        } else {
            None
        },
        writer: if writes {
            Some(std::io::BufWriter::new(f))
        } else {
            None
        },
        binary,
    };
    let id = NEXT.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    FILES.with(|t| t.borrow_mut().insert(id, state));
    let (text, br, bw) = CLASSES.with(|c| c.borrow().unwrap());
    let cls = if !binary {
        text
    } else if reads && !writes {
        br
    } else {
        bw
    };
    let obj = vm.new_instance(cls);
    let idv = vm.new_int(id);
    vm.set_attr_str_on_instance(obj, "_handle", idv);
    let (name_v, mode_v) = (file, vm.new_string(mode));
    vm.set_attr_str_on_instance(obj, "name", name_v);
    vm.set_attr_str_on_instance(obj, "mode", mode_v);
    vm.set_attr_str_on_instance(obj, "closed", Value::FALSE);
    if !binary {
        let enc = vm.new_str("UTF-8");
        vm.set_attr_str_on_instance(obj, "encoding", enc);
    }
    Ok(obj)
}

fn handle(vm: &mut Vm, obj: Value) -> PyResult<i64> {
    let k = vm.intern("_handle");
    let id = molt_vm::ops::attr::load_instance_attr(obj, k)
        .filter(|v| v.is_small_int())
        .map(|v| v.as_small_int());
    match id {
        Some(id) if FILES.with(|t| t.borrow().contains_key(&id)) => Ok(id),
        _ => Err(vm.value_error("I/O operation on closed file.")),
    }
}

/// Run `f` on the open file behind `obj`.
fn with_file<T>(
    vm: &mut Vm,
    obj: Value,
    f: impl FnOnce(&mut OpenFile) -> std::io::Result<T>,
) -> PyResult<T> {
    let id = handle(vm, obj)?;
    let r = FILES.with(|t| f(t.borrow_mut().get_mut(&id).unwrap()));
    r.map_err(|e| os_error(vm, &e, None))
}

fn is_binary(vm: &mut Vm, obj: Value) -> PyResult<bool> {
    with_file(vm, obj, |f| Ok(f.binary))
}

fn not_readable(vm: &mut Vm) -> PyErr {
    let c = vm.exc.OSError;
    vm.err(c, "not readable")
}

/// Text is decoded as UTF-8 with universal newlines.
fn make_text(vm: &mut Vm, bytes: Vec<u8>, binary: bool) -> Value {
    if binary {
        return vm.new_bytes(bytes);
    }
    let s = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    vm.new_string(s)
}

fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let size = match args.pos.get(1) {
        Some(v) if !v.is_none() => ops::to_index(vm, *v)?,
        _ => -1,
    };
    let binary = is_binary(vm, obj)?;
    let data = with_file(vm, obj, |f| {
        if let Some(w) = f.writer.as_mut() {
            w.flush()?;
        }
        let r = match f.reader.as_mut() {
            Some(r) => r,
            None => return Ok(None),
        };
        let mut buf = Vec::new();
        if size < 0 {
            r.read_to_end(&mut buf)?;
        } else if binary {
            r.take(size as u64).read_to_end(&mut buf)?;
        } else {
            // `size` counts characters in text mode.
            let mut chars = 0;
            while chars < size {
                let mut one = [0u8; 1];
                if r.read(&mut one)? == 0 {
                    break;
                }
                buf.push(one[0]);
                if one[0] & 0xC0 != 0x80 {
                    chars += 1;
                }
            }
        }
        Ok(Some(buf))
    })?;
    match data {
        Some(d) => Ok(make_text(vm, d, binary)),
        None => Err(not_readable(vm)),
    }
}

fn read_one_line(vm: &mut Vm, obj: Value) -> PyResult<Option<Value>> {
    let binary = is_binary(vm, obj)?;
    let line = with_file(vm, obj, |f| {
        let r = match f.reader.as_mut() {
            Some(r) => r,
            None => return Ok(None),
        };
        let mut buf = Vec::new();
        r.read_until(b'\n', &mut buf)?;
        Ok(Some(buf))
    })?;
    match line {
        Some(l) => Ok(Some(make_text(vm, l, binary))),
        None => Err(not_readable(vm)),
    }
}

fn readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(read_one_line(vm, args.pos[0])?.unwrap())
}

fn readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut lines = vec![];
    loop {
        let l = read_one_line(vm, args.pos[0])?.unwrap();
        if ops::convert::len_of(l) == 0 {
            break;
        }
        lines.push(l);
    }
    Ok(vm.new_list(lines))
}

fn next_line(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = read_one_line(vm, args.pos[0])?.unwrap();
    if ops::convert::len_of(l) == 0 {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(l)
}

fn write_value(vm: &mut Vm, obj: Value, v: Value) -> PyResult<usize> {
    let binary = is_binary(vm, obj)?;
    let (bytes, n) = if binary {
        match ops::convert::bytes_of(v) {
            Some(b) => {
                let n = b.len();
                (b, n)
            }
            None => {
                let msg = format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            }
        }
    } else {
        match str_of(v) {
            Some(s) => (s.as_bytes().to_vec(), s.chars().count()),
            None => {
                let msg = format!("write() argument must be str, not {}", type_name(vm, v));
                return Err(vm.type_error(msg));
            }
        }
    };
    let ok = with_file(vm, obj, |f| match f.writer.as_mut() {
        Some(w) => w.write_all(&bytes).map(|_| true),
        None => Ok(false),
    })?;
    if !ok {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "not writable"));
    }
    Ok(n)
}

fn write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &Args::new(&args.pos[1..]), 1, 1)?;
    let n = write_value(vm, args.pos[0], args.pos[1])?;
    Ok(vm.new_int(n as i64))
}

fn writelines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    for line in ops::iter::collect(vm, args.pos[1])? {
        write_value(vm, args.pos[0], line)?;
    }
    Ok(Value::NONE)
}

fn flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    with_file(vm, args.pos[0], |f| match f.writer.as_mut() {
        Some(w) => w.flush(),
        None => Ok(()),
    })?;
    Ok(Value::NONE)
}

fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    if let Ok(id) = handle(vm, obj) {
        let state = FILES.with(|t| t.borrow_mut().remove(&id));
        if let Some(mut s) = state {
            if let Some(w) = s.writer.as_mut() {
                w.flush().map_err(|e| os_error(vm, &e, None))?;
            }
        }
    }
    vm.set_attr_str_on_instance(obj, "closed", Value::TRUE);
    Ok(Value::NONE)
}

fn seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let off = ops::to_index(
        vm,
        args.pos
            .get(1)
            .copied()
            .unwrap_or(Value::small_int_unchecked(0)),
    )?;
    let whence = match args.pos.get(2) {
        Some(w) => ops::to_index(vm, *w)?,
        None => 0,
    };
    let pos = with_file(vm, args.pos[0], |f| {
        let target = match whence {
            1 => SeekFrom::Current(off),
            2 => SeekFrom::End(off),
            _ => SeekFrom::Start(off as u64),
        };
        if let Some(w) = f.writer.as_mut() {
            w.flush()?;
            let p = w.get_mut().seek(target)?;
            if let Some(r) = f.reader.as_mut() {
                r.seek(SeekFrom::Start(p))?;
            }
            return Ok(p);
        }
        f.reader.as_mut().unwrap().seek(target)
    })?;
    Ok(vm.new_int(pos as i64))
}

fn tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = with_file(vm, args.pos[0], |f| {
        if let Some(r) = f.reader.as_mut() {
            return r.stream_position();
        }
        let w = f.writer.as_mut().unwrap();
        w.flush()?;
        w.get_mut().stream_position()
    })?;
    Ok(vm.new_int(pos as i64))
}

fn readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(with_file(vm, args.pos[0], |f| {
        Ok(f.reader.is_some())
    })?))
}

fn writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(with_file(vm, args.pos[0], |f| {
        Ok(f.writer.is_some())
    })?))
}

fn enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    handle(vm, args.pos[0])?;
    Ok(args.pos[0])
}

fn exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    close(vm, Args::new(&args.pos[..1]))?;
    Ok(Value::FALSE)
}

/// Flush every file still open (at exit).
pub fn flush_all() {
    FILES.with(|t| {
        for f in t.borrow_mut().values_mut() {
            if let Some(w) = f.writer.as_mut() {
                let _ = w.flush();
            }
        }
    });
}
