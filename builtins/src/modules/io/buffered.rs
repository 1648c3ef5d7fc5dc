//! `BufferedReader`, `BufferedWriter`, `BufferedRandom` and
//! `BufferedRWPair`: buffering over a raw stream, which may be a FileIO or
//! any Python object with the raw methods.
//!
//! The state is never borrowed across a call into the raw stream (which may
//! run Python code): each step takes what it needs, calls, then looks again.

use super::{
    add_methods, add_property, bytes_arg, call_method, classes, size_arg, state, truthy_attr,
    DEFAULT_BUFFER_SIZE,
};
use molt_vm::class::{class_name, type_name, type_of};
use molt_vm::object::NativeState;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Reader,
    Writer,
    Random,
}

pub struct Buffered {
    /// NONE before `__init__` and after `detach`.
    raw: Value,
    which: Which,
    size: usize,
    /// Read-ahead: `rbuf[rpos..]` is what the raw stream gave beyond the
    /// logical position.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Written but not yet passed to the raw stream.
    wbuf: Vec<u8>,
    detached: bool,
}

impl NativeState for Buffered {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.raw);
    }
}

impl Buffered {
    fn avail(&self) -> usize {
        self.rbuf.len() - self.rpos
    }
    fn take(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.avail());
        let out = self.rbuf[self.rpos..self.rpos + n].to_vec();
        self.rpos += n;
        if self.rpos == self.rbuf.len() {
            self.rbuf.clear();
            self.rpos = 0;
        }
        out
    }
    fn writable(&self) -> bool {
        self.which != Which::Reader
    }
}

pub struct RWPair {
    reader: Value,
    writer: Value,
}

impl NativeState for RWPair {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.reader);
        f(self.writer);
    }
}

pub fn register(vm: &mut Vm, reader: Value, writer: Value, random: Value, rwpair: Value) {
    let common: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("__repr__", b_repr),
        ("seek", b_seek),
        ("tell", b_tell),
        ("close", b_close),
        ("detach", b_detach),
        ("fileno", b_fileno),
        ("isatty", b_isatty),
        ("seekable", b_seekable),
    ];
    let reading: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("read", b_read),
        ("read1", b_read1),
        ("peek", b_peek),
        ("readline", b_readline),
        ("readinto", b_readinto),
        ("readinto1", b_readinto1),
        ("readable", b_readable),
        ("__next__", b_next),
    ];
    let writing: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("write", b_write),
        ("truncate", b_truncate),
        ("writable", b_writable),
    ];
    for (cls, which) in [
        (reader, Which::Reader),
        (writer, Which::Writer),
        (random, Which::Random),
    ] {
        let new: molt_vm::object::NativeFn = match which {
            Which::Reader => new_reader,
            Which::Writer => new_writer,
            Which::Random => new_random,
        };
        add_methods(vm, cls, &[("__new__", new), ("__init__", b_init)]);
        add_methods(vm, cls, common);
        if which != Which::Writer {
            add_methods(vm, cls, reading);
        }
        if which != Which::Reader {
            add_methods(vm, cls, writing);
        }
        let flush: molt_vm::object::NativeFn = if which == Which::Reader {
            b_simple_flush
        } else {
            b_flush
        };
        vm.add_native(cls, "flush", flush);
        add_property(vm, cls, "closed", b_closed, None);
        add_property(vm, cls, "name", b_name, None);
        add_property(vm, cls, "mode", b_mode, None);
        add_property(vm, cls, "raw", b_raw, None);
    }
    add_methods(
        vm,
        rwpair,
        &[
            ("__new__", p_new),
            ("__init__", p_init),
            ("read", p_read),
            ("read1", p_read1),
            ("peek", p_peek),
            ("readinto", p_readinto),
            ("readinto1", p_readinto1),
            ("write", p_write),
            ("flush", p_flush),
            ("readable", p_readable),
            ("writable", p_writable),
            ("close", p_close),
            ("isatty", p_isatty),
        ],
    );
    add_property(vm, rwpair, "closed", p_closed, None);
}

fn new_buffered(vm: &mut Vm, args: &Args, which: Which, name: &str) -> PyResult<Value> {
    let st = Buffered {
        raw: Value::NONE,
        which,
        size: DEFAULT_BUFFER_SIZE,
        rbuf: Vec::new(),
        rpos: 0,
        wbuf: Vec::new(),
        detached: false,
    };
    super::new_object(vm, args, st, name)
}

fn new_reader(vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_buffered(vm, &args, Which::Reader, "BufferedReader")
}

fn new_writer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_buffered(vm, &args, Which::Writer, "BufferedWriter")
}

fn new_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_buffered(vm, &args, Which::Random, "BufferedRandom")
}

fn st(vm: &mut Vm, v: Value) -> PyResult<&'static mut Buffered> {
    match molt_vm::object::native_state::<Buffered>(v) {
        Some(s) => Ok(s),
        None => {
            let msg = format!(
                "descriptor requires a buffered object but received a '{}'",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The state of an initialised, attached buffer.
fn live(vm: &mut Vm, v: Value) -> PyResult<&'static mut Buffered> {
    let s = st(vm, v)?;
    if s.detached {
        return Err(vm.value_error("raw stream has been detached"));
    }
    if s.raw.is_none() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(s)
}

fn raw_closed(vm: &mut Vm, raw: Value) -> PyResult<bool> {
    if super::fileio::native_fd(vm, raw).is_some() {
        return Ok(false);
    }
    truthy_attr(vm, raw, "closed")
}

/// `buffer.closed` without attribute lookups when `buffer` is one of this
/// module's buffered objects over an open FileIO (the text layer asks on
/// every write).
pub fn is_closed(vm: &mut Vm, buffer: Value) -> PyResult<bool> {
    let c = classes(vm);
    let cls = type_of(vm, buffer);
    if cls.is(c.reader) || cls.is(c.writer) || cls.is(c.random) {
        if let Some(s) = molt_vm::object::native_state::<Buffered>(buffer) {
            if !s.raw.is_none() {
                let raw = s.raw;
                return raw_closed(vm, raw);
            }
        }
    }
    truthy_attr(vm, buffer, "closed")
}

/// Whether `buffer` is a buffered object over a FileIO (what exit flushes).
pub fn over_file(buffer: Value) -> bool {
    molt_vm::object::native_state::<Buffered>(buffer)
        .is_some_and(|s| molt_vm::object::native_state::<super::fileio::FileIO>(s.raw).is_some())
}

/// ValueError "`what` of closed file" unless read-ahead is left.
fn check_closed(vm: &mut Vm, obj: Value, what: &str) -> PyResult<()> {
    let raw = live(vm, obj)?.raw;
    if raw_closed(vm, raw)? && live(vm, obj)?.avail() == 0 {
        return Err(vm.value_error(format!("{} of closed file", what)));
    }
    Ok(())
}

fn rest<'a>(args: &'a Args) -> Args<'a> {
    Args {
        pos: &args.pos[1..],
        ..*args
    }
}

fn b_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "BufferedReader",
        &rest(&args),
        &["raw", "buffer_size"],
        1,
    )?;
    let raw = a[0].unwrap_or(Value::NONE);
    let size = match a[1] {
        Some(v) => ops::to_index(vm, v)?,
        None => DEFAULT_BUFFER_SIZE as i64,
    };
    let which = st(vm, obj)?.which;
    if which != Which::Writer {
        call_method(vm, raw, "_checkReadable", &[])?;
    }
    if which != Which::Reader {
        call_method(vm, raw, "_checkWritable", &[])?;
    }
    if which == Which::Random {
        call_method(vm, raw, "_checkSeekable", &[])?;
    }
    if size <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    let s = st(vm, obj)?;
    s.raw = raw;
    s.size = size as usize;
    s.rbuf.clear();
    s.rpos = 0;
    s.wbuf.clear();
    s.detached = false;
    // Exit flushes writers to files (objects in memory need not be kept).
    if which != Which::Reader
        && molt_vm::object::native_state::<super::fileio::FileIO>(raw).is_some()
    {
        super::track_writer(vm, obj);
    }
    Ok(Value::NONE)
}

// ----- talking to the raw stream -----

/// One raw read of at most `n` bytes: Some(empty) at EOF, None if it would block.
fn raw_read(vm: &mut Vm, raw: Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    let nv = vm.new_int(n as i64);
    let r = call_method(vm, raw, "read", &[nv])?;
    if r.is_none() {
        return Ok(None);
    }
    match ops::convert::bytes_of(r) {
        Some(b) if ops::str_of(r).is_none() => {
            if b.len() > n {
                let msg = format!(
                    "raw read() returned invalid length {} (should have been between 0 and {})",
                    b.len(),
                    n
                );
                let c = vm.exc.OSError;
                return Err(vm.err(c, msg));
            }
            Ok(Some(b))
        }
        _ => {
            let msg = format!("read() should return bytes, not '{}'", type_name(vm, r));
            Err(vm.type_error(msg))
        }
    }
}

fn raw_seek(vm: &mut Vm, raw: Value, pos: i64, whence: i64) -> PyResult<i64> {
    let (p, w) = (vm.new_int(pos), vm.new_int(whence));
    let r = call_method(vm, raw, "seek", &[p, w])?;
    let n = ops::to_index(vm, r)?;
    if n < 0 {
        let c = vm.exc.OSError;
        return Err(vm.err(c, format!("Raw stream returned invalid position {}", n)));
    }
    Ok(n)
}

/// Pass every pending write to the raw stream.
fn flush_writes(vm: &mut Vm, obj: Value) -> PyResult<()> {
    loop {
        let s = live(vm, obj)?;
        if s.wbuf.is_empty() {
            return Ok(());
        }
        let (raw, data) = (s.raw, s.wbuf.clone());
        let b = vm.new_bytes(data);
        let r = call_method(vm, raw, "write", &[b])?;
        if r.is_none() {
            let c = vm.exc.BlockingIOError;
            return Err(vm.err(c, "write could not complete without blocking"));
        }
        let n = ops::to_index(vm, r)?;
        let s = live(vm, obj)?;
        if n < 0 || n as usize > s.wbuf.len() {
            let c = vm.exc.OSError;
            let msg = format!(
                "raw write() returned invalid length {} (should have been between 0 and {})",
                n,
                s.wbuf.len()
            );
            return Err(vm.err(c, msg));
        }
        s.wbuf.drain(..n as usize);
    }
}

/// Flush writes and give back the read-ahead, so that the raw stream's
/// position is the logical one.
fn flush_and_rewind(vm: &mut Vm, obj: Value) -> PyResult<()> {
    flush_writes(vm, obj)?;
    let s = live(vm, obj)?;
    let (raw, avail) = (s.raw, s.avail());
    if avail > 0 {
        raw_seek(vm, raw, -(avail as i64), 1)?;
    }
    let s = live(vm, obj)?;
    s.rbuf.clear();
    s.rpos = 0;
    Ok(())
}

/// Before reading: pending writes go out first.
fn prepare_read(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if !live(vm, obj)?.wbuf.is_empty() {
        flush_writes(vm, obj)?;
    }
    Ok(())
}

/// Refill an empty read buffer with one raw read. Ok(false) at EOF or when
/// the raw stream would block.
fn fill(vm: &mut Vm, obj: Value) -> PyResult<Option<bool>> {
    let s = live(vm, obj)?;
    let (raw, size) = (s.raw, s.size);
    match raw_read(vm, raw, size)? {
        None => Ok(None),
        Some(b) if b.is_empty() => Ok(Some(false)),
        Some(b) => {
            let s = live(vm, obj)?;
            s.rbuf.drain(..s.rpos);
            s.rpos = 0;
            s.rbuf.extend_from_slice(&b);
            Ok(Some(true))
        }
    }
}

fn read_impl(vm: &mut Vm, obj: Value, size: i64) -> PyResult<Option<Vec<u8>>> {
    prepare_read(vm, obj)?;
    let s = live(vm, obj)?;
    let mut out = s.take(usize::MAX);
    let raw = s.raw;
    if size < 0 {
        if super::getattr_opt(vm, raw, "readall")?.is_some() {
            let r = call_method(vm, raw, "readall", &[])?;
            if r.is_none() {
                return Ok(if out.is_empty() { None } else { Some(out) });
            }
            match ops::convert::bytes_of(r) {
                Some(b) => out.extend_from_slice(&b),
                None => return Err(vm.type_error("readall() should return bytes")),
            }
            return Ok(Some(out));
        }
        loop {
            match raw_read(vm, raw, DEFAULT_BUFFER_SIZE)? {
                None => return Ok(if out.is_empty() { None } else { Some(out) }),
                Some(b) if b.is_empty() => return Ok(Some(out)),
                Some(b) => out.extend_from_slice(&b),
            }
        }
    }
    let size = size as usize;
    if out.len() >= size {
        // Give back what the caller did not ask for.
        let extra = out.split_off(size);
        let s = live(vm, obj)?;
        s.rbuf = extra;
        s.rpos = 0;
        return Ok(Some(out));
    }
    // Whole blocks go straight to the caller; the rest through the buffer.
    let bsize = live(vm, obj)?.size;
    while size - out.len() >= bsize {
        let need = size - out.len();
        let direct = need - need % bsize;
        match raw_read(vm, raw, direct)? {
            None => return Ok(if out.is_empty() { None } else { Some(out) }),
            Some(b) if b.is_empty() => return Ok(Some(out)),
            Some(b) => out.extend_from_slice(&b),
        }
    }
    while out.len() < size {
        let need = size - out.len();
        match fill(vm, obj)? {
            None => return Ok(if out.is_empty() { None } else { Some(out) }),
            Some(false) => break,
            Some(true) => {
                let got = live(vm, obj)?.take(need);
                out.extend_from_slice(&got);
            }
        }
    }
    Ok(Some(out))
}

fn bytes_or_none(vm: &mut Vm, b: Option<Vec<u8>>) -> Value {
    match b {
        Some(b) => vm.new_bytes(b),
        None => Value::NONE,
    }
}

fn b_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "read", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    if size < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    check_closed(vm, obj, "read")?;
    let r = read_impl(vm, obj, size)?;
    Ok(bytes_or_none(vm, r))
}

fn read1_impl(vm: &mut Vm, obj: Value, size: i64) -> PyResult<Vec<u8>> {
    prepare_read(vm, obj)?;
    let s = live(vm, obj)?;
    let size = if size < 0 { s.size } else { size as usize };
    if size == 0 {
        return Ok(Vec::new());
    }
    if s.avail() > 0 {
        return Ok(s.take(size));
    }
    let raw = s.raw;
    if size > s.size {
        return Ok(raw_read(vm, raw, size)?.unwrap_or_default());
    }
    fill(vm, obj)?;
    Ok(live(vm, obj)?.take(size))
}

fn b_read1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "read1", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    check_closed(vm, obj, "read")?;
    let r = read1_impl(vm, obj, size)?;
    Ok(vm.new_bytes(r))
}

fn b_peek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    ops::call::check_args(vm, "peek", &rest(&args), 0, 1)?;
    check_closed(vm, obj, "peek")?;
    prepare_read(vm, obj)?;
    if live(vm, obj)?.avail() == 0 {
        fill(vm, obj)?;
    }
    let s = live(vm, obj)?;
    let data = s.rbuf[s.rpos..].to_vec();
    Ok(vm.new_bytes(data))
}

fn readline_impl(vm: &mut Vm, obj: Value, limit: i64) -> PyResult<Vec<u8>> {
    prepare_read(vm, obj)?;
    let mut out = Vec::new();
    loop {
        let s = live(vm, obj)?;
        let room = if limit < 0 {
            usize::MAX
        } else {
            limit as usize - out.len()
        };
        if room == 0 {
            break;
        }
        let avail = &s.rbuf[s.rpos..];
        if let Some(i) = memchr::memchr(b'\n', avail) {
            let got = s.take((i + 1).min(room));
            out.extend_from_slice(&got);
            break;
        }
        let got = s.take(room);
        out.extend_from_slice(&got);
        if out.len() as i64 == limit {
            break;
        }
        match fill(vm, obj)? {
            Some(true) => {}
            _ => break,
        }
    }
    Ok(out)
}

fn b_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "readline", &rest(&args), &["size"], 0)?;
    let limit = size_arg(vm, a[0])?;
    check_closed(vm, obj, "readline")?;
    let line = readline_impl(vm, obj, limit)?;
    Ok(vm.new_bytes(line))
}

fn b_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    check_closed(vm, obj, "readline")?;
    let line = readline_impl(vm, obj, -1)?;
    if line.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_bytes(line))
}

fn readinto_impl(vm: &mut Vm, args: &Args, one: bool) -> PyResult<Value> {
    ops::call::check_args(vm, "readinto", &rest(args), 1, 1)?;
    let obj = args.pos[0];
    let n = super::buffer_len(vm, args.pos[1])?;
    check_closed(vm, obj, "readinto")?;
    let data = if one {
        read1_impl(vm, obj, n as i64)?
    } else {
        read_impl(vm, obj, n as i64)?.unwrap_or_default()
    };
    let k = super::fill_buffer(vm, args.pos[1], &data)?;
    Ok(vm.new_int(k as i64))
}

fn b_readinto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    readinto_impl(vm, &args, false)
}

fn b_readinto1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    readinto_impl(vm, &args, true)
}

fn b_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &rest(&args), 1, 1)?;
    let obj = args.pos[0];
    let data = bytes_arg(vm, args.pos[1])?;
    let raw = live(vm, obj)?.raw;
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("write to closed file"));
    }
    // Writes land at the logical position: give back any read-ahead first.
    if live(vm, obj)?.avail() > 0 {
        flush_and_rewind(vm, obj)?;
    }
    let s = live(vm, obj)?;
    if data.len() <= s.size - s.wbuf.len().min(s.size) {
        s.wbuf.extend_from_slice(&data);
        return Ok(vm.new_int(data.len() as i64));
    }
    // It does not fit: out with what is buffered, then the data itself
    // while it is larger than the buffer, and keep the tail.
    flush_writes(vm, obj)?;
    let mut rest: &[u8] = &data;
    while rest.len() > live(vm, obj)?.size {
        let raw = live(vm, obj)?.raw;
        let b = vm.new_bytes(rest.to_vec());
        let r = call_method(vm, raw, "write", &[b])?;
        if r.is_none() {
            let c = vm.exc.BlockingIOError;
            return Err(vm.err(c, "write could not complete without blocking"));
        }
        let n = ops::to_index(vm, r)?;
        if n <= 0 || n as usize > rest.len() {
            let c = vm.exc.OSError;
            let msg = format!(
                "raw write() returned invalid length {} (should have been between 0 and {})",
                n,
                rest.len()
            );
            return Err(vm.err(c, msg));
        }
        rest = &rest[n as usize..];
    }
    live(vm, obj)?.wbuf.extend_from_slice(rest);
    Ok(vm.new_int(data.len() as i64))
}

fn b_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let raw = live(vm, obj)?.raw;
    if raw_closed(vm, raw)? {
        return Err(vm.value_error("flush of closed file"));
    }
    flush_and_rewind(vm, obj)?;
    Ok(Value::NONE)
}

fn b_simple_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let raw = live(vm, args.pos[0])?.raw;
    call_method(vm, raw, "flush", &[])
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::to_index(vm, v)
}

fn b_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "seek", &rest(&args), 1, 2)?;
    let obj = args.pos[0];
    let pos = int_arg(vm, args.pos[1])?;
    let whence = match args.pos.get(2) {
        Some(w) => int_arg(vm, *w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("whence value {} unsupported", whence)));
    }
    check_closed(vm, obj, "seek")?;
    let raw = live(vm, obj)?.raw;
    call_method(vm, raw, "_checkSeekable", &[])?;
    flush_writes(vm, obj)?;
    let s = live(vm, obj)?;
    let pos = if whence == 1 {
        pos - s.avail() as i64
    } else {
        pos
    };
    let r = raw_seek(vm, raw, pos, whence)?;
    let s = live(vm, obj)?;
    s.rbuf.clear();
    s.rpos = 0;
    Ok(vm.new_int(r))
}

fn b_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let raw = live(vm, obj)?.raw;
    let r = call_method(vm, raw, "tell", &[])?;
    let p = ops::to_index(vm, r)?;
    if p < 0 {
        let c = vm.exc.OSError;
        return Err(vm.err(c, format!("Raw stream returned invalid position {}", p)));
    }
    let s = live(vm, obj)?;
    let p = p - s.avail() as i64 + s.wbuf.len() as i64;
    Ok(vm.new_int(p.max(0)))
}

fn b_truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "truncate", &rest(&args), 0, 1)?;
    let obj = args.pos[0];
    check_closed(vm, obj, "truncate")?;
    flush_and_rewind(vm, obj)?;
    let raw = live(vm, obj)?.raw;
    let pos = args.pos.get(1).copied().unwrap_or(Value::NONE);
    call_method(vm, raw, "truncate", &[pos])
}

fn b_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let raw = live(vm, obj)?.raw;
    if raw_closed(vm, raw)? {
        super::untrack_writer(obj);
        return Ok(Value::NONE);
    }
    let flushed = if live(vm, obj)?.writable() {
        flush_writes(vm, obj)
    } else {
        Ok(())
    };
    super::untrack_writer(obj);
    let s = live(vm, obj)?;
    s.rbuf.clear();
    s.rpos = 0;
    s.wbuf.clear();
    let closed = call_method(vm, raw, "close", &[]);
    match (flushed, closed) {
        (Err(e), Err(e2)) => {
            if let Some(d) = molt_vm::exceptions::exc_data(e2.0) {
                d.context = e.0;
            }
            Err(e2)
        }
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(e),
        _ => Ok(Value::NONE),
    }
}

fn b_detach(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let raw = live(vm, obj)?.raw;
    if live(vm, obj)?.writable() {
        flush_writes(vm, obj)?;
    }
    super::untrack_writer(obj);
    let s = live(vm, obj)?;
    s.detached = true;
    s.raw = Value::NONE;
    Ok(raw)
}

fn delegate(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let raw = live(vm, args.pos[0])?.raw;
    call_method(vm, raw, name, &[])
}

fn b_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "fileno")
}

fn b_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "isatty")
}

fn b_seekable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "seekable")
}

fn b_readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "readable")
}

fn b_writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "writable")
}

fn b_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let raw = live(vm, args.pos[0])?.raw;
    super::getattr(vm, raw, "closed")
}

fn b_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let raw = live(vm, args.pos[0])?.raw;
    super::getattr(vm, raw, "name")
}

fn b_mode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let raw = live(vm, args.pos[0])?.raw;
    super::getattr(vm, raw, "mode")
}

fn b_raw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(st(vm, args.pos[0])?.raw)
}

fn b_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    // The class's tp_name: `_io.BufferedReader`, or a subclass's own name.
    let cname = class_name(type_of(vm, obj)).to_string();
    let name = match super::getattr(vm, obj, "name") {
        Ok(n) => Some(n),
        Err(e) => {
            let (ve, ae) = (vm.exc.ValueError, vm.exc.AttributeError);
            if vm.exc_matches(e.0, ve) || vm.exc_matches(e.0, ae) {
                None
            } else {
                return Err(e);
            }
        }
    };
    let s = match name {
        Some(n) => format!("<{} name={}>", cname, ops::repr_string(vm, n)?),
        None => format!("<{}>", cname),
    };
    Ok(vm.new_string(s))
}

// ----- BufferedRWPair -----

fn p_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = RWPair {
        reader: Value::NONE,
        writer: Value::NONE,
    };
    super::new_object(vm, &args, st, "BufferedRWPair")
}

fn pair(vm: &mut Vm, v: Value) -> PyResult<&'static mut RWPair> {
    let p = state::<RWPair>(vm, v, "BufferedRWPair")?;
    if p.reader.is_none() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(p)
}

fn p_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "BufferedRWPair",
        &rest(&args),
        &["reader", "writer", "buffer_size"],
        2,
    )?;
    let (r, w) = (a[0].unwrap_or(Value::NONE), a[1].unwrap_or(Value::NONE));
    let size = match a[2] {
        Some(v) => v,
        None => vm.new_int(DEFAULT_BUFFER_SIZE as i64),
    };
    call_method(vm, r, "_checkReadable", &[])?;
    call_method(vm, w, "_checkWritable", &[])?;
    let c = classes(vm);
    let reader = ops::call(vm, c.reader, Args::new(&[r, size]))?;
    let writer = ops::call(vm, c.writer, Args::new(&[w, size]))?;
    let p = state::<RWPair>(vm, args.pos[0], "BufferedRWPair")?;
    p.reader = reader;
    p.writer = writer;
    Ok(Value::NONE)
}

fn forward(vm: &mut Vm, args: &Args, to_writer: bool, name: &str) -> PyResult<Value> {
    let p = pair(vm, args.pos[0])?;
    let target = if to_writer { p.writer } else { p.reader };
    let k = vm.intern(name);
    let f = ops::getattr(vm, target, k)?;
    ops::call(vm, f, rest(args))
}

fn p_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "read")
}

fn p_read1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "read1")
}

fn p_peek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "peek")
}

fn p_readinto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "readinto")
}

fn p_readinto1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "readinto1")
}

fn p_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, true, "write")
}

fn p_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, true, "flush")
}

fn p_readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, false, "readable")
}

fn p_writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    forward(vm, &args, true, "writable")
}

fn p_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let w = forward(vm, &args, true, "isatty")?;
    if ops::truthy(vm, w)? {
        return Ok(Value::TRUE);
    }
    forward(vm, &args, false, "isatty")
}

fn p_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let w = forward(vm, &args, true, "close");
    let r = forward(vm, &args, false, "close");
    w?;
    r
}

fn p_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let w = pair(vm, args.pos[0])?.writer;
    super::getattr(vm, w, "closed")
}
