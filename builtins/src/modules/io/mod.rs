//! `_io`: the classes under `io` (raw files, buffers, text wrappers and the
//! in-memory streams) and `open()`, which is also the builtin `open`.
//!
//! The abstract bases (`_IOBase` and friends) keep their closed flag as an
//! instance attribute, as CPython does, so Python subclasses work without
//! Rust state; the concrete classes carry theirs as native state.

mod buffered;
mod bytesio;
mod fileio;
mod iobase;
mod stringio;
mod text;

use super::set;
use molt_vm::class::type_name;
use molt_vm::object::{Kind, Layout, NativeFn, NativeState};
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;

pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// Every class of the module, built once (the builtin `open` needs them
/// before anything imports `_io`).
#[derive(Clone, Copy)]
pub struct Classes {
    pub iobase: Value,
    pub rawiobase: Value,
    pub bufferediobase: Value,
    pub textiobase: Value,
    pub fileio: Value,
    pub bytesio: Value,
    pub stringio: Value,
    pub reader: Value,
    pub writer: Value,
    pub random: Value,
    pub rwpair: Value,
    pub textiowrapper: Value,
    pub newline_decoder: Value,
    pub unsupported: Value,
}

thread_local! {
    static CLASSES: RefCell<Option<Classes>> = const { RefCell::new(None) };
    /// A list of the buffered writers and text wrappers not yet closed,
    /// flushed at exit (there are no finalisers to do it).
    static OPEN_WRITERS: RefCell<Value> = const { RefCell::new(Value::NONE) };
}

pub fn classes(vm: &mut Vm) -> Classes {
    if let Some(c) = CLASSES.with(|c| *c.borrow()) {
        return c;
    }
    let c = build_classes(vm);
    CLASSES.with(|cell| *cell.borrow_mut() = Some(c));
    c
}

/// A class of this module (instances take attributes, as CPython's do).
pub(crate) fn new_class(vm: &mut Vm, name: &str, bases: &[Value], module: &str) -> Value {
    let layout = if bases.iter().any(|b| b.is(vm.exc.OSError)) {
        Layout::Exception
    } else {
        Layout::Object
    };
    vm.make_native_class(module, name, bases, layout, true)
}

fn build_classes(vm: &mut Vm) -> Classes {
    let (os, val) = (vm.exc.OSError, vm.exc.ValueError);
    // A class as Python code would make it: io.py assigns its `__module__`.
    let ns = vm.new_dict();
    let (k, m) = (vm.names.__module__, vm.intern("io"));
    vm.dict_set_str(ns, k, m);
    let (meta, name) = (vm.t.type_, vm.intern("UnsupportedOperation"));
    let unsupported = molt_vm::class::new_class(vm, meta, name, &[os, val], ns)
        .unwrap_or_else(|_| new_class(vm, "UnsupportedOperation", &[os, val], "io"));
    vm.roots.push(unsupported);
    let iobase = new_class(vm, "_IOBase", &[], "_io");
    let rawiobase = new_class(vm, "_RawIOBase", &[iobase], "_io");
    let bufferediobase = new_class(vm, "_BufferedIOBase", &[iobase], "_io");
    let textiobase = new_class(vm, "_TextIOBase", &[iobase], "_io");
    iobase::register(vm, iobase, rawiobase, bufferediobase, textiobase);
    let fileio = new_class(vm, "FileIO", &[rawiobase], "_io");
    fileio::register(vm, fileio);
    let bytesio = new_class(vm, "BytesIO", &[bufferediobase], "_io");
    bytesio::register(vm, bytesio);
    let stringio = new_class(vm, "StringIO", &[textiobase], "_io");
    stringio::register(vm, stringio);
    let reader = new_class(vm, "BufferedReader", &[bufferediobase], "_io");
    let writer = new_class(vm, "BufferedWriter", &[bufferediobase], "_io");
    let random = new_class(vm, "BufferedRandom", &[bufferediobase], "_io");
    let rwpair = new_class(vm, "BufferedRWPair", &[bufferediobase], "_io");
    buffered::register(vm, reader, writer, random, rwpair);
    let textiowrapper = new_class(vm, "TextIOWrapper", &[textiobase], "_io");
    text::register(vm, textiowrapper);
    let newline_decoder = new_class(vm, "IncrementalNewlineDecoder", &[], "_io");
    text::register_newline_decoder(vm, newline_decoder);
    let writers = vm.new_list(vec![]);
    vm.roots.push(writers);
    OPEN_WRITERS.with(|w| *w.borrow_mut() = writers);
    Classes {
        iobase,
        rawiobase,
        bufferediobase,
        textiobase,
        fileio,
        bytesio,
        stringio,
        reader,
        writer,
        random,
        rwpair,
        textiowrapper,
        newline_decoder,
        unsupported,
    }
}

pub fn io_module(vm: &mut Vm) -> PyResult<Value> {
    let c = classes(vm);
    let m = vm.new_module("_io");
    let size = vm.new_int(DEFAULT_BUFFER_SIZE as i64);
    set(vm, m, "DEFAULT_BUFFER_SIZE", size);
    let blocking = vm.exc.BlockingIOError;
    set(vm, m, "BlockingIOError", blocking);
    for (name, cls) in [
        ("UnsupportedOperation", c.unsupported),
        ("_IOBase", c.iobase),
        ("_RawIOBase", c.rawiobase),
        ("_BufferedIOBase", c.bufferediobase),
        ("_TextIOBase", c.textiobase),
        ("FileIO", c.fileio),
        ("BytesIO", c.bytesio),
        ("StringIO", c.stringio),
        ("BufferedReader", c.reader),
        ("BufferedWriter", c.writer),
        ("BufferedRandom", c.random),
        ("BufferedRWPair", c.rwpair),
        ("TextIOWrapper", c.textiowrapper),
        ("IncrementalNewlineDecoder", c.newline_decoder),
    ] {
        set(vm, m, name, cls);
    }
    // The very object that is the builtin `open`.
    let k = vm.intern("open");
    match vm.dict_get_str(vm.builtins, k) {
        Some(f) => set(vm, m, "open", f),
        None => vm.add_native(m, "open", open),
    }
    vm.add_native(m, "open_code", open_code);
    vm.add_native(m, "text_encoding", text_encoding);
    Ok(m)
}

// ----- helpers shared by the classes -----

pub(crate) fn closed_error(vm: &mut Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

pub(crate) fn unsupported(vm: &mut Vm, msg: &str) -> PyErr {
    let c = classes(vm).unsupported;
    vm.err(c, msg)
}

/// `obj.name(*args)`
pub(crate) fn call_method(vm: &mut Vm, obj: Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let k = vm.intern(name);
    ops::call::call_method(vm, obj, k, args)
}

pub(crate) fn getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Value> {
    let k = vm.intern(name);
    ops::getattr(vm, obj, k)
}

pub(crate) fn getattr_opt(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let k = vm.intern(name);
    ops::attr::getattr_opt(vm, obj, k)
}

pub(crate) fn truthy_attr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<bool> {
    let v = getattr(vm, obj, name)?;
    ops::truthy(vm, v)
}

/// The Rust state of a concrete class's instance, or CPython's TypeError
/// for a method called on the wrong kind of object.
pub(crate) fn state<T: NativeState>(vm: &mut Vm, v: Value, cls: &str) -> PyResult<&'static mut T> {
    match molt_vm::object::native_state::<T>(v) {
        Some(s) => Ok(s),
        None => {
            let msg = format!(
                "descriptor requires a '_io.{}' object but received a '{}'",
                cls,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// A `__new__` for class `cls` (first argument) making an object in its
/// initial state; `__init__` fills it in.
pub(crate) fn new_object(
    vm: &mut Vm,
    args: &Args,
    state: impl NativeState,
    name: &str,
) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(c) if molt_vm::class::is_class(*c) => *c,
        _ => {
            let msg = format!("{}.__new__(X): X is not a type object", name);
            return Err(vm.type_error(msg));
        }
    };
    Ok(vm.new_native_object(cls, state))
}

/// A read-only (or, with `set`, writable) property computed by natives.
pub(crate) fn add_property(
    vm: &mut Vm,
    cls: Value,
    name: &'static str,
    get: NativeFn,
    setter: Option<NativeFn>,
) {
    let fget = vm.new_native(name, get, cls);
    let fset = match setter {
        Some(f) => vm.new_native(name, f, cls),
        None => Value::NONE,
    };
    let pc = vm.t.property;
    let p = vm.alloc(
        pc,
        Kind::Property {
            fget,
            fset,
            fdel: Value::NONE,
            doc: Value::NONE,
        },
    );
    vm.set_attr_str(cls, name, p);
}

pub(crate) fn add_methods(vm: &mut Vm, cls: Value, methods: &[(&'static str, NativeFn)]) {
    for (name, f) in methods {
        vm.add_native(cls, name, *f);
    }
}

/// An optional size argument: None or missing means -1.
pub(crate) fn size_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(-1),
        Some(v) if v.is_none() => Ok(-1),
        Some(v) => {
            let is_int = v.is_small_int()
                || v.is_bool()
                || matches!(v.obj().map(|o| &o.kind), Some(Kind::Int(_)));
            if !is_int {
                let msg = format!(
                    "argument should be integer or None, not '{}'",
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            }
            ops::to_index(vm, v)
        }
    }
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
pub(crate) fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match ops::convert::bytes_of(v) {
        Some(b) if str_of(v).is_none() => Ok(b),
        _ => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// Copy `data` into the writable buffer `b` (a bytearray), returning the count.
pub(crate) fn fill_buffer(vm: &mut Vm, b: Value, data: &[u8]) -> PyResult<usize> {
    match b.obj().map(|o| &o.kind) {
        Some(Kind::ByteArray(buf)) => {
            let buf = buf.get();
            let n = data.len().min(buf.len());
            buf[..n].copy_from_slice(&data[..n]);
            Ok(n)
        }
        _ => {
            let msg = format!(
                "readinto() argument must be read-write bytes-like object, not {}",
                type_name(vm, b)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The length of a writable buffer argument.
pub(crate) fn buffer_len(vm: &mut Vm, b: Value) -> PyResult<usize> {
    match b.obj().map(|o| &o.kind) {
        Some(Kind::ByteArray(buf)) => Ok(buf.get().len()),
        _ => {
            let msg = format!(
                "readinto() argument must be read-write bytes-like object, not {}",
                type_name(vm, b)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// Remember a writer so that exit flushes it if nobody closes it.
pub(crate) fn track_writer(vm: &mut Vm, obj: Value) {
    let _ = vm;
    let l = OPEN_WRITERS.with(|w| *w.borrow());
    if let Some(Kind::List(items)) = l.obj().map(|o| &o.kind) {
        items.get().push(obj);
    }
}

pub(crate) fn untrack_writer(obj: Value) {
    let l = OPEN_WRITERS.with(|w| *w.borrow());
    if let Some(Kind::List(items)) = l.obj().map(|o| &o.kind) {
        items.get().retain(|v| !v.is(obj));
    }
}

/// Flush every writer still open (at exit), text wrappers before the
/// buffers under them.
pub fn flush_all(vm: &mut Vm) {
    let l = OPEN_WRITERS.with(|w| *w.borrow());
    let items = match l.obj().map(|o| &o.kind) {
        Some(Kind::List(items)) => std::mem::take(items.get()),
        _ => return,
    };
    for obj in items.iter().rev() {
        let _ = call_method(vm, *obj, "flush", &[]);
    }
}

// ----- open() -----

const OPEN_PARAMS: [&str; 8] = [
    "file",
    "mode",
    "buffering",
    "encoding",
    "errors",
    "newline",
    "closefd",
    "opener",
];

/// An optional str argument (None when missing or None).
pub(crate) fn opt_str(vm: &mut Vm, v: Option<Value>, what: &str) -> PyResult<Option<&'static str>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match str_of(v) {
            Some(s) => Ok(Some(s)),
            None => {
                let msg = format!("{} must be str or None, not {}", what, type_name(vm, v));
                Err(vm.type_error(msg))
            }
        },
    }
}

pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    for k in args.kwnames {
        let ks = str_of(*k).unwrap_or("");
        if !OPEN_PARAMS.contains(&ks) {
            let msg = format!("'{}' is an invalid keyword argument for open()", ks);
            return Err(vm.type_error(msg));
        }
    }
    let a = crate::args::parse(vm, "open", &args, &OPEN_PARAMS, 1)?;
    let file = a[0].unwrap_or(Value::NONE);
    let mode = match a[1] {
        None => "r",
        Some(m) => match str_of(m) {
            Some(s) => s,
            None => {
                let msg = format!(
                    "open() argument 'mode' must be str, not {}",
                    type_name(vm, m)
                );
                return Err(vm.type_error(msg));
            }
        },
    };
    let buffering = match a[2] {
        None => -1,
        Some(b) => {
            if b.is_float() {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            ops::to_index(vm, b)?
        }
    };
    let encoding = opt_str(vm, a[3], "open() argument 'encoding'")?;
    let errors = opt_str(vm, a[4], "open() argument 'errors'")?;
    let newline = opt_str(vm, a[5], "open() argument 'newline'")?;
    let closefd = match a[6] {
        None => true,
        Some(c) => ops::truthy(vm, c)?,
    };
    let opener = a[7].unwrap_or(Value::NONE);

    // Which of create/read/write/append, and the modifiers.
    let mut seen = std::collections::HashSet::new();
    let (mut creating, mut reading, mut writing, mut appending, mut updating) =
        (false, false, false, false, false);
    let (mut text, mut binary) = (false, false);
    for c in mode.chars() {
        let ok = "xrwabt+".contains(c) && seen.insert(c);
        if !ok {
            return Err(vm.value_error(format!("invalid mode: '{}'", mode)));
        }
        match c {
            'x' => creating = true,
            'r' => reading = true,
            'w' => writing = true,
            'a' => appending = true,
            '+' => updating = true,
            't' => text = true,
            _ => binary = true,
        }
    }
    if text && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    match [creating, reading, writing, appending]
        .iter()
        .filter(|x| **x)
        .count()
    {
        1 => {}
        0 => return Err(vm.value_error(fileio::MODE_ERROR)),
        _ => return Err(vm.value_error("must have exactly one of create/read/write/append mode")),
    }
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if let Some(nl) = newline {
        if !matches!(nl, "" | "\n" | "\r" | "\r\n") {
            return Err(vm.value_error(format!("illegal newline value: {}", nl)));
        }
    }

    let mut raw_mode = String::new();
    if creating {
        raw_mode.push('x');
    }
    if reading {
        raw_mode.push('r');
    }
    if writing {
        raw_mode.push('w');
    }
    if appending {
        raw_mode.push('a');
    }
    if updating {
        raw_mode.push('+');
    }
    let c = classes(vm);
    let rm = vm.new_string(raw_mode);
    let cfd = Value::bool(closefd);
    let raw = ops::call(vm, c.fileio, Args::new(&[file, rm, cfd, opener]))?;
    let result = open_layers(
        vm,
        raw,
        (mode, binary, updating, creating || writing || appending),
        buffering,
        (encoding, errors, newline),
    );
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            let _ = call_method(vm, raw, "close", &[]);
            Err(e)
        }
    }
}

/// Wrap a freshly opened FileIO in the buffer and text layers `open` asks for.
fn open_layers(
    vm: &mut Vm,
    raw: Value,
    (mode, binary, updating, writing): (&str, bool, bool, bool),
    buffering: i64,
    (encoding, errors, newline): (Option<&str>, Option<&str>, Option<&str>),
) -> PyResult<Value> {
    let c = classes(vm);
    let mut buffering = buffering;
    let mut line_buffering = false;
    let isatty = fileio::raw_isatty(raw);
    if buffering == 1 || (buffering < 0 && isatty) {
        buffering = -1;
        line_buffering = true;
    }
    if buffering < 0 {
        buffering = fileio::raw_blksize(vm, raw).unwrap_or(DEFAULT_BUFFER_SIZE as i64);
    }
    if buffering == 0 {
        if binary {
            return Ok(raw);
        }
        return Err(vm.value_error("can't have unbuffered text I/O"));
    }
    let cls = if updating {
        c.random
    } else if writing {
        c.writer
    } else {
        c.reader
    };
    let size = vm.new_int(buffering);
    let buffer = ops::call(vm, cls, Args::new(&[raw, size]))?;
    if binary {
        return Ok(buffer);
    }
    let enc = match encoding {
        Some(e) => vm.new_str(e),
        None => vm.new_str("UTF-8"),
    };
    let err = match errors {
        Some(e) => vm.new_str(e),
        None => Value::NONE,
    };
    let nl = match newline {
        Some(n) => vm.new_str(n),
        None => Value::NONE,
    };
    let wrapper = ops::call(
        vm,
        c.textiowrapper,
        Args::new(&[buffer, enc, err, nl, Value::bool(line_buffering)]),
    );
    let wrapper = match wrapper {
        Ok(w) => w,
        Err(e) => {
            let _ = call_method(vm, buffer, "close", &[]);
            return Err(e);
        }
    };
    let m = vm.new_str(mode);
    vm.set_attr_str_on_instance(wrapper, "mode", m);
    Ok(wrapper)
}

fn open_code(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "open_code", &args, &["path"], 1)?;
    let path = a[0].unwrap_or(Value::NONE);
    if str_of(path).is_none() {
        let msg = format!(
            "open_code() argument 'path' must be str, not {}",
            type_name(vm, path)
        );
        return Err(vm.type_error(msg));
    }
    let rb = vm.new_str("rb");
    open(vm, Args::new(&[path, rb]))
}

fn text_encoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "text_encoding", &args, &["encoding", "stacklevel"], 1)?;
    let e = a[0].unwrap_or(Value::NONE);
    if e.is_none() {
        return Ok(vm.new_str("locale"));
    }
    Ok(e)
}
