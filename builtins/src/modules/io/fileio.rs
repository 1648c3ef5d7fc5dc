//! `FileIO`: unbuffered reads and writes on an OS file descriptor.

use super::{add_methods, add_property, bytes_arg, size_arg, state, unsupported};
use crate::oserror::errno_error;
use molt_vm::class::{class_name, type_name, type_of};
use molt_vm::object::{Kind, NativeState};
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::os::unix::io::{FromRawFd, IntoRawFd};

pub const MODE_ERROR: &str =
    "Must have exactly one of create/read/write/append mode and at most one plus";

// Linux's open(2) flags, for a Python `opener`.
const O_WRONLY: i64 = 0o1;
const O_RDWR: i64 = 0o2;
const O_CREAT: i64 = 0o100;
const O_EXCL: i64 = 0o200;
const O_TRUNC: i64 = 0o1000;
const O_APPEND: i64 = 0o2000;
const O_CLOEXEC: i64 = 0o2000000;

pub struct FileIO {
    /// -1 once closed (or before `__init__`).
    fd: i32,
    readable: bool,
    writable: bool,
    appending: bool,
    created: bool,
    closefd: bool,
    seekable: Option<bool>,
}

impl NativeState for FileIO {}

impl FileIO {
    fn mode(&self) -> &'static str {
        if self.created {
            if self.readable {
                "xb+"
            } else {
                "xb"
            }
        } else if self.appending {
            if self.readable {
                "ab+"
            } else {
                "ab"
            }
        } else if self.readable {
            if self.writable {
                "rb+"
            } else {
                "rb"
            }
        } else {
            "wb"
        }
    }
}

pub fn register(vm: &mut Vm, cls: Value) {
    add_methods(
        vm,
        cls,
        &[
            ("__new__", fio_new),
            ("__init__", fio_init),
            ("__repr__", fio_repr),
            ("read", fio_read),
            ("readall", fio_readall),
            ("readinto", fio_readinto),
            ("write", fio_write),
            ("seek", fio_seek),
            ("tell", fio_tell),
            ("truncate", fio_truncate),
            ("close", fio_close),
            ("fileno", fio_fileno),
            ("isatty", fio_isatty),
            ("readable", fio_readable),
            ("writable", fio_writable),
            ("seekable", fio_seekable),
        ],
    );
    add_property(vm, cls, "closed", fio_closed, None);
    add_property(vm, cls, "closefd", fio_closefd, None);
    add_property(vm, cls, "mode", fio_mode, None);
}

/// Run `f` on the open file `fd` without taking ownership of it.
fn with_fd<T>(fd: i32, f: impl FnOnce(&mut File) -> std::io::Result<T>) -> std::io::Result<T> {
    let mut file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
    f(&mut file)
}

fn io_err(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    crate::oserror::os_error(vm, e, None)
}

fn fio(vm: &mut Vm, v: Value) -> PyResult<&'static mut FileIO> {
    state::<FileIO>(vm, v, "FileIO")
}

/// The open state, or ValueError for a closed file.
fn open_fio(vm: &mut Vm, v: Value) -> PyResult<&'static mut FileIO> {
    let f = fio(vm, v)?;
    if f.fd < 0 {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(f)
}

fn fio_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = FileIO {
        fd: -1,
        readable: false,
        writable: false,
        appending: false,
        created: false,
        closefd: true,
        seekable: None,
    };
    super::new_object(vm, &args, st, "FileIO")
}

fn fio_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "FileIO",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["file", "mode", "closefd", "opener"],
        1,
    )?;
    let file = a[0].unwrap_or(Value::NONE);
    let mode = match a[1] {
        None => "r",
        Some(m) => match str_of(m) {
            Some(s) => s,
            None => {
                let msg = format!(
                    "FileIO() argument 'mode' must be str, not {}",
                    type_name(vm, m)
                );
                return Err(vm.type_error(msg));
            }
        },
    };
    let closefd = match a[2] {
        None => true,
        Some(c) => ops::truthy(vm, c)?,
    };
    let opener = a[3].unwrap_or(Value::NONE);

    // Re-initialising an open FileIO closes what it had.
    {
        let st = fio(vm, obj)?;
        if st.fd >= 0 && st.closefd {
            drop(unsafe { File::from_raw_fd(st.fd) });
        }
        st.fd = -1;
    }

    let (mut r, mut w, mut ap, mut cr, mut plus) = (false, false, false, false, false);
    let mut rwa = 0;
    let mut seen = String::new();
    for c in mode.chars() {
        if seen.contains(c) || !"xrwab+".contains(c) {
            return Err(vm.value_error(format!("invalid mode: {}", mode)));
        }
        seen.push(c);
        match c {
            'x' => {
                cr = true;
                w = true;
                rwa += 1;
            }
            'r' => {
                r = true;
                rwa += 1;
            }
            'w' => {
                w = true;
                rwa += 1;
            }
            'a' => {
                w = true;
                ap = true;
                rwa += 1;
            }
            '+' => {
                r = true;
                w = true;
                plus = true;
            }
            _ => {}
        }
    }
    if rwa != 1 {
        return Err(vm.value_error(MODE_ERROR));
    }
    let _ = plus;
    let truncating = seen.contains('w');

    let fd: i32;
    if file.is_small_int() || matches!(file.obj().map(|o| &o.kind), Some(Kind::Int(_))) {
        if file.is_float() || file.is_bool() {
            return Err(vm.type_error("integer argument expected, got float"));
        }
        let n = ops::to_index(vm, file)?;
        if n < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        if n > i32::MAX as i64 {
            return Err(vm.overflow_error("fd is greater than maximum"));
        }
        fd = n as i32;
        if !closefd {
            // Nothing to do: the caller keeps ownership.
        }
    } else {
        if !closefd {
            return Err(vm.value_error("Cannot use closefd=False with file name"));
        }
        let path_bytes: Vec<u8> = match file.obj().map(|o| &o.kind) {
            Some(Kind::Str(_)) => crate::modules::posix::fs_encode(vm, file)?,
            Some(Kind::Bytes(b)) => b.to_vec(),
            _ => {
                let msg = format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    type_name(vm, file)
                );
                return Err(vm.type_error(msg));
            }
        };
        if path_bytes.contains(&0) {
            return Err(vm.value_error("embedded null byte"));
        }
        let mut flags = if r && w {
            O_RDWR
        } else if w {
            O_WRONLY
        } else {
            0
        };
        if cr {
            flags |= O_EXCL | O_CREAT;
        }
        if truncating {
            flags |= O_CREAT | O_TRUNC;
        }
        if ap {
            flags |= O_APPEND | O_CREAT;
        }
        flags |= O_CLOEXEC;
        if !opener.is_none() {
            let fl = vm.new_int(flags);
            let res = ops::call(vm, opener, Args::new(&[file, fl]))?;
            if !(res.is_small_int() || matches!(res.obj().map(|o| &o.kind), Some(Kind::Int(_)))) {
                return Err(vm.type_error("expected integer from opener"));
            }
            let n = ops::to_index(vm, res)?;
            if n < 0 {
                return Err(vm.value_error(format!("opener returned {}", n)));
            }
            fd = n as i32;
        } else {
            let path = std::ffi::OsStr::from_bytes(&path_bytes);
            let mut oo = std::fs::OpenOptions::new();
            oo.read(r)
                .write(w && !ap)
                .append(ap)
                .truncate(truncating)
                .mode(0o666);
            if cr {
                oo.create_new(true);
            } else if truncating || ap {
                oo.create(true);
            }
            match oo.open(path) {
                Ok(f) => fd = f.into_raw_fd(),
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(5);
                    return Err(errno_error(vm, errno, Some(file)));
                }
            }
        }
    }
    // fstat: a bad descriptor, and directories, are refused here.
    let meta = with_fd(fd, |f| f.metadata());
    let owns = closefd;
    let meta = match meta {
        Ok(m) => m,
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(9);
            return Err(errno_error(vm, errno, None));
        }
    };
    if meta.is_dir() {
        if owns {
            drop(unsafe { File::from_raw_fd(fd) });
        }
        return Err(errno_error(vm, 21, Some(file)));
    }
    let blksize = if meta.blksize() > 1 {
        meta.blksize() as i64
    } else {
        super::DEFAULT_BUFFER_SIZE as i64
    };
    let st = fio(vm, obj)?;
    st.fd = fd;
    st.readable = r;
    st.writable = w;
    st.appending = ap;
    st.created = cr;
    st.closefd = closefd;
    st.seekable = None;
    let bs = vm.new_int(blksize);
    vm.set_attr_str_on_instance(obj, "_blksize", bs);
    vm.set_attr_str_on_instance(obj, "name", file);
    if ap {
        let _ = with_fd(fd, |f| f.seek(SeekFrom::End(0)));
    }
    Ok(Value::NONE)
}

/// `isatty()` of a FileIO that `open` just made.
pub fn raw_isatty(raw: Value) -> bool {
    use std::io::IsTerminal;
    match molt_vm::object::native_state::<FileIO>(raw) {
        Some(f) if f.fd >= 0 => unsafe { std::os::fd::BorrowedFd::borrow_raw(f.fd) }.is_terminal(),
        _ => false,
    }
}

/// The block size `open` buffers a FileIO with.
pub fn raw_blksize(vm: &mut Vm, raw: Value) -> Option<i64> {
    molt_vm::object::native_state::<FileIO>(raw)?;
    let k = vm.intern("_blksize");
    ops::attr::load_instance_attr(raw, k)
        .filter(|v| v.is_small_int())
        .map(|v| v.as_small_int())
}

fn fio_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let cname = class_name(type_of(vm, obj)).to_string();
    let (fd, mode, closefd) = {
        let f = fio(vm, obj)?;
        (f.fd, f.mode(), f.closefd)
    };
    if fd < 0 {
        return Ok(vm.new_string(format!("<{} [closed]>", cname)));
    }
    let cfd = if closefd { "True" } else { "False" };
    let s = match super::getattr_opt(vm, obj, "name")? {
        Some(name) => {
            let r = ops::repr_string(vm, name)?;
            format!("<{} name={} mode='{}' closefd={}>", cname, r, mode, cfd)
        }
        None => format!("<{} fd={} mode='{}' closefd={}>", cname, fd, mode, cfd),
    };
    Ok(vm.new_string(s))
}

fn check_readable(vm: &mut Vm, obj: Value) -> PyResult<i32> {
    let f = open_fio(vm, obj)?;
    if !f.readable {
        return Err(unsupported(vm, "File not open for reading"));
    }
    Ok(f.fd)
}

fn check_writable(vm: &mut Vm, obj: Value) -> PyResult<i32> {
    let f = open_fio(vm, obj)?;
    if !f.writable {
        return Err(unsupported(vm, "File not open for writing"));
    }
    Ok(f.fd)
}

/// One read(2) of at most `n` bytes (None when it would block).
fn read_some(fd: i32, n: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = vec![0u8; n];
    loop {
        match with_fd(fd, |f| f.read(&mut buf)) {
            Ok(k) => {
                buf.truncate(k);
                return Ok(Some(buf));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}

/// Read everything up to end of file.
pub fn read_all_fd(fd: i32) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    loop {
        match with_fd(fd, |f| f.read_to_end(&mut out)) {
            Ok(_) => return Ok(Some(out)),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                return Ok(if out.is_empty() { None } else { Some(out) })
            }
            Err(e) => return Err(e),
        }
    }
}

fn fio_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
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
    let fd = check_readable(vm, obj)?;
    let r = if size < 0 {
        read_all_fd(fd)
    } else {
        read_some(fd, size as usize)
    };
    match r {
        Ok(Some(b)) => Ok(vm.new_bytes(b)),
        Ok(None) => Ok(Value::NONE),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn fio_readall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = check_readable(vm, args.pos[0])?;
    match read_all_fd(fd) {
        Ok(Some(b)) => Ok(vm.new_bytes(b)),
        Ok(None) => Ok(Value::NONE),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn fio_readinto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "readinto", &Args::new(&args.pos[1..]), 1, 1)?;
    let fd = check_readable(vm, args.pos[0])?;
    let n = super::buffer_len(vm, args.pos[1])?;
    match read_some(fd, n) {
        Ok(Some(b)) => {
            let k = super::fill_buffer(vm, args.pos[1], &b)?;
            Ok(vm.new_int(k as i64))
        }
        Ok(None) => Ok(Value::NONE),
        Err(e) => Err(io_err(vm, &e)),
    }
}

/// One write(2) of `data`, returning how much went out (None if it would block).
pub fn write_some(fd: i32, data: &[u8]) -> std::io::Result<Option<usize>> {
    loop {
        match with_fd(fd, |f| f.write(data)) {
            Ok(k) => return Ok(Some(k)),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}

fn fio_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &Args::new(&args.pos[1..]), 1, 1)?;
    let fd = check_writable(vm, args.pos[0])?;
    let data = bytes_arg(vm, args.pos[1])?;
    match write_some(fd, &data) {
        Ok(Some(k)) => Ok(vm.new_int(k as i64)),
        Ok(None) => Ok(Value::NONE),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::to_index(vm, v)
}

/// lseek(2) with Python's whence values.
pub fn seek_fd(fd: i32, pos: i64, whence: i64) -> std::io::Result<u64> {
    let target = match whence {
        0 if pos < 0 => return Err(std::io::Error::from_raw_os_error(22)),
        0 => SeekFrom::Start(pos as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => return Err(std::io::Error::from_raw_os_error(22)),
    };
    with_fd(fd, |f| f.seek(target))
}

fn fio_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "seek", &Args::new(&args.pos[1..]), 1, 2)?;
    let pos = int_arg(vm, args.pos[1])?;
    let whence = match args.pos.get(2) {
        Some(w) => int_arg(vm, *w)?,
        None => 0,
    };
    let fd = open_fio(vm, args.pos[0])?.fd;
    match seek_fd(fd, pos, whence) {
        Ok(p) => Ok(vm.new_int(p as i64)),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn fio_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "tell", &Args::new(&args.pos[1..]), 0, 0)?;
    let fd = open_fio(vm, args.pos[0])?.fd;
    match seek_fd(fd, 0, 1) {
        Ok(p) => Ok(vm.new_int(p as i64)),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn fio_truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "truncate", &Args::new(&args.pos[1..]), 0, 1)?;
    let obj = args.pos[0];
    open_fio(vm, obj)?;
    let fd = check_writable(vm, obj)?;
    let size = match args.pos.get(1) {
        Some(v) if !v.is_none() => int_arg(vm, *v)?,
        _ => match seek_fd(fd, 0, 1) {
            Ok(p) => p as i64,
            Err(e) => return Err(io_err(vm, &e)),
        },
    };
    if size < 0 {
        return Err(io_err(vm, &std::io::Error::from_raw_os_error(22)));
    }
    match with_fd(fd, |f| f.set_len(size as u64)) {
        Ok(()) => Ok(vm.new_int(size)),
        Err(e) => Err(io_err(vm, &e)),
    }
}

fn fio_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = fio(vm, args.pos[0])?;
    if f.fd >= 0 {
        if f.closefd {
            drop(unsafe { File::from_raw_fd(f.fd) });
        }
        f.fd = -1;
    }
    // What `_IOBase.close` records (its `flush` looks at it).
    vm.set_attr_str_on_instance(args.pos[0], "__IOBase_closed", Value::TRUE);
    Ok(Value::NONE)
}

fn fio_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(fio(vm, args.pos[0])?.fd < 0))
}

fn fio_closefd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(fio(vm, args.pos[0])?.closefd))
}

fn fio_mode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = fio(vm, args.pos[0])?.mode();
    Ok(vm.new_str(m))
}

fn fio_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = open_fio(vm, args.pos[0])?.fd;
    Ok(vm.new_int(fd as i64))
}

fn fio_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    open_fio(vm, args.pos[0])?;
    Ok(Value::bool(raw_isatty(args.pos[0])))
}

fn fio_readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(open_fio(vm, args.pos[0])?.readable))
}

fn fio_writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(open_fio(vm, args.pos[0])?.writable))
}

fn fio_seekable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = open_fio(vm, args.pos[0])?;
    if f.seekable.is_none() {
        f.seekable = Some(seek_fd(f.fd, 0, 1).is_ok());
    }
    Ok(Value::bool(f.seekable.unwrap_or(false)))
}

/// The descriptor of an open FileIO of exactly this class (the buffered
/// layer's fast path), or None.
pub fn native_fd(vm: &mut Vm, raw: Value) -> Option<i32> {
    let fc = super::classes(vm).fileio;
    if !type_of(vm, raw).is(fc) {
        return None;
    }
    match molt_vm::object::native_state::<FileIO>(raw) {
        Some(f) if f.fd >= 0 => Some(f.fd),
        _ => None,
    }
}
