//! Path and fd arguments: str, bytes and `os.PathLike` objects become the
//! bytes the OS sees, remembering whether results should be str or bytes
//! (bytes in, bytes out) and what to name in an error.  Also the errno
//! helpers every posix function uses.

use crate::modules::codecs::errors::unicode_exc;
use crate::oserror::{errno_error, errno_error2, last_errno};
use molt_vm::class::{lookup, type_name, type_of};
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{PyErr, PyResult, Value, Vm};
use std::ffi::CString;

/// A converted path argument.
pub struct PathArg {
    /// The str or bytes after `__fspath__` (what errors name as filename).
    pub obj: Value,
    /// The path as the OS sees it (NUL-terminated).
    pub c: CString,
    /// Results derived from it are bytes.
    pub is_bytes: bool,
    /// An open directory/file descriptor was given instead of a path.
    pub fd: Option<i32>,
}

impl PathArg {
    pub fn bytes(&self) -> &[u8] {
        self.c.as_bytes()
    }
    pub fn filename(&self) -> Option<Value> {
        if self.fd.is_some() {
            None
        } else {
            Some(self.obj)
        }
    }
}

/// What a path parameter accepts besides str, bytes and `os.PathLike`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    Path,
    PathOrFd,
}

/// `os.fspath(v)`: str and bytes as they are, else `__fspath__()`.
pub fn fspath(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    if is_str_or_bytes(v) {
        return Ok(Some(v));
    }
    let cls = type_of(vm, v);
    let n = vm.intern("__fspath__");
    let Some(m) = lookup(vm, cls, n) else {
        return Ok(None);
    };
    let r = ops::call1(vm, m, v)?;
    if !is_str_or_bytes(r) {
        let msg = format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            molt_vm::class::class_name(cls),
            type_name(vm, r)
        );
        return Err(vm.type_error(msg));
    }
    Ok(Some(r))
}

fn is_str_or_bytes(v: Value) -> bool {
    matches!(
        v.obj().map(|o| &o.kind),
        Some(Kind::Str(_) | Kind::Bytes(_))
    )
}

fn is_int(v: Value) -> bool {
    v.is_small_int() || v.is_bool() || matches!(v.obj().map(|o| &o.kind), Some(Kind::Int(_)))
}

/// Convert argument `argname` of `func`.
pub fn path_arg(
    vm: &mut Vm,
    func: &str,
    argname: &str,
    v: Value,
    accept: Accept,
) -> PyResult<PathArg> {
    convert(vm, func, argname, v, accept, false)
}

fn convert(
    vm: &mut Vm,
    func: &str,
    argname: &str,
    v: Value,
    accept: Accept,
    none_ok: bool,
) -> PyResult<PathArg> {
    if accept == Accept::PathOrFd && is_int(v) {
        let fd = fd_arg(vm, v)?;
        return Ok(PathArg {
            obj: v,
            c: CString::default(),
            is_bytes: false,
            fd: Some(fd),
        });
    }
    // bytearray is still accepted (CPython warns that it is deprecated).
    let converted = match v.obj().map(|o| &o.kind) {
        Some(Kind::ByteArray(_)) => Some(v),
        _ => fspath(vm, v)?,
    };
    let Some(p) = converted else {
        let what = match (accept, none_ok) {
            (Accept::Path, false) => "string, bytes or os.PathLike",
            (Accept::Path, true) => "string, bytes, os.PathLike or None",
            (Accept::PathOrFd, false) => "string, bytes, os.PathLike or integer",
            (Accept::PathOrFd, true) => "string, bytes, os.PathLike, integer or None",
        };
        let msg = format!(
            "{}: {} should be {}, not {}",
            func,
            argname,
            what,
            type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    };
    let (raw, is_bytes) = match ops::str_of(p) {
        Some(_) => (fs_encode(vm, p)?, false),
        None => (ops::convert::bytes_of(p).unwrap_or_default(), true),
    };
    let c = CString::new(raw).map_err(|_| vm.value_error("embedded null byte"))?;
    Ok(PathArg {
        obj: p,
        c,
        is_bytes,
        fd: None,
    })
}

/// An optional path argument (None or absent: `default`).
pub fn path_arg_or(
    vm: &mut Vm,
    func: &str,
    argname: &str,
    v: Option<Value>,
    default: &str,
    accept: Accept,
) -> PyResult<PathArg> {
    match v {
        Some(v) if !v.is_none() => convert(vm, func, argname, v, accept, true),
        _ => {
            let s = vm.new_str(default);
            path_arg(vm, func, argname, s, accept)
        }
    }
}

/// A file descriptor argument (an int that fits a C int).
pub fn fd_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = int_arg(vm, v)?;
    if n > i32::MAX as i64 {
        return Err(vm.overflow_error("signed integer is greater than maximum"));
    }
    if n < i32::MIN as i64 {
        return Err(vm.overflow_error("signed integer is less than minimum"));
    }
    Ok(n as i32)
}

/// An int argument (`__index__`, but not float).
pub fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() || matches!(v.obj().map(|o| &o.kind), Some(Kind::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    match ops::to_index(vm, v) {
        Err(e) if vm.exc_matches(e.0, vm.exc.IndexError) => {
            Err(vm.overflow_error("Python int too large to convert to C long"))
        }
        r => r,
    }
}

/// An optional `dir_fd` argument: AT_FDCWD when None or absent.
pub fn dir_fd_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    match v {
        Some(v) if !v.is_none() => fd_arg(vm, v),
        _ => Ok(libc::AT_FDCWD),
    }
}

/// A boolean keyword (`follow_symlinks=True`).
pub fn bool_arg(vm: &mut Vm, v: Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => ops::truthy(vm, v),
        None => Ok(default),
    }
}

/// The OSError for the last failed call, naming `path` if it was one.
pub fn path_error(vm: &mut Vm, path: &PathArg) -> PyErr {
    let e = last_errno();
    errno_error(vm, e, path.filename())
}

/// The OSError for the last failed call on two paths.
pub fn path_error2(vm: &mut Vm, a: &PathArg, b: &PathArg) -> PyErr {
    let e = last_errno();
    errno_error2(vm, e, a.filename(), b.filename())
}

/// The OSError for the last failed call, with no filename.
pub fn last_error(vm: &mut Vm) -> PyErr {
    let e = last_errno();
    errno_error(vm, e, None)
}

/// Run a system call again after EINTR, once the Python-level signal
/// handlers have run (PEP 475); a handler's exception ends the retry.
pub fn retry<T: PartialEq + From<i8>>(
    vm: &mut Vm,
    mut call: impl FnMut() -> T,
) -> PyResult<Result<T, ()>> {
    loop {
        let r = call();
        if r != T::from(-1) {
            return Ok(Ok(r));
        }
        if last_errno() != libc::EINTR {
            return Ok(Err(()));
        }
        molt_vm::interrupt::run_handlers(vm)?;
    }
}

/// A str or bytes result of the same type as `like`.
pub fn os_string(vm: &mut Vm, raw: &[u8], as_bytes: bool) -> Value {
    if as_bytes {
        vm.new_bytes(raw.to_vec())
    } else {
        fs_decode(vm, raw)
    }
}

/// `os.fsencode` of a str: UTF-8 with `surrogateescape`, so names that
/// came from undecodable bytes turn back into the same bytes.
pub fn fs_encode(vm: &mut Vm, s: Value) -> PyResult<Vec<u8>> {
    let text = ops::str_bytes_of(s).unwrap_or(b"");
    molt_vm::text::encode_utf8_escaping(text).map_err(|i| {
        let cls = vm.exc.UnicodeEncodeError;
        let reason = "surrogates not allowed";
        PyErr(unicode_exc(vm, cls, "utf-8", s, i, i + 1, reason))
    })
}

/// `os.fsdecode` of OS bytes: UTF-8 with `surrogateescape`.
pub fn fs_decode(vm: &mut Vm, raw: &[u8]) -> Value {
    vm.new_text(molt_vm::text::decode_utf8_escaping(raw))
}

/// A zeroed buffer of `n` bytes, or MemoryError when it cannot be had.
pub fn buffer(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        let c = vm.exc.MemoryError;
        return Err(PyErr(vm.new_exception(c, vec![])));
    }
    v.resize(n, 0);
    Ok(v)
}
