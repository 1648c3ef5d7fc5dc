//! `OSError` and its subclasses from operating-system error numbers, with
//! CPython's choice of subclass (`FileNotFoundError` for ENOENT, ...) and
//! its `errno`, `strerror` and `filename` attributes.

use molt_vm::{PyErr, Value, Vm};

/// The text `os.strerror(errno)` gives.
pub fn strerror(errno: i32) -> String {
    let msg = std::io::Error::from_raw_os_error(errno).to_string();
    match msg.find(" (os error") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// The `OSError` subclass CPython raises for `errno`.
pub fn class_for_errno(vm: &Vm, errno: i32) -> Value {
    let e = &vm.exc;
    match errno {
        2 => e.FileNotFoundError,            // ENOENT
        17 => e.FileExistsError,             // EEXIST
        21 => e.IsADirectoryError,           // EISDIR
        20 => e.NotADirectoryError,          // ENOTDIR
        1 | 13 => e.PermissionError,         // EPERM, EACCES
        11 | 114 | 115 => e.BlockingIOError, // EAGAIN, EALREADY, EINPROGRESS
        10 => e.ChildProcessError,           // ECHILD
        32 | 108 => e.BrokenPipeError,       // EPIPE, ESHUTDOWN
        103 => e.ConnectionAbortedError,     // ECONNABORTED
        111 => e.ConnectionRefusedError,     // ECONNREFUSED
        104 => e.ConnectionResetError,       // ECONNRESET
        4 => e.InterruptedError,             // EINTR
        3 => e.ProcessLookupError,           // ESRCH
        110 => e.TimeoutError,               // ETIMEDOUT
        _ => e.OSError,
    }
}

/// `OSError(errno, strerror[, filename])` of the right subclass.
pub fn errno_error(vm: &mut Vm, errno: i32, filename: Option<Value>) -> PyErr {
    errno_error2(vm, errno, filename, None)
}

/// The same with a second filename (`rename`, `link`: "'a' -> 'b'").  As
/// in CPython, `args` is `(errno, strerror)`; the filenames are attributes.
pub fn errno_error2(
    vm: &mut Vm,
    errno: i32,
    filename: Option<Value>,
    filename2: Option<Value>,
) -> PyErr {
    let cls = class_for_errno(vm, errno);
    let n = vm.new_int(errno as i64);
    let m = vm.new_string(strerror(errno));
    // As in CPython, `args` leaves out the filename (`str` shows it).
    let ex = vm.new_exception(cls, vec![n, m]);
    vm.set_attr_str_on_instance(ex, "errno", n);
    vm.set_attr_str_on_instance(ex, "strerror", m);
    vm.set_attr_str_on_instance(ex, "filename", filename.unwrap_or(Value::NONE));
    vm.set_attr_str_on_instance(ex, "filename2", filename2.unwrap_or(Value::NONE));
    PyErr(ex)
}

/// The error number the last failed system call left.
pub fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The `OSError` for a Rust I/O error (errno when the OS gave one).
pub fn os_error(vm: &mut Vm, e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let f = filename.map(|f| vm.new_str(f));
    match e.raw_os_error() {
        Some(errno) => errno_error(vm, errno, f),
        None => {
            let c = vm.exc.OSError;
            vm.err(c, e.to_string())
        }
    }
}
