//! Directories: the working directory, `listdir`, `scandir` and its
//! `DirEntry` objects, `mkdir`, `rmdir`.

use super::path::{
    bool_arg, dir_fd_arg, int_arg, os_string, path_arg, path_arg_or, path_error, Accept, PathArg,
};
use super::stat::{raw_stat, stat_result};
use super::types;
use crate::args::parse;
use crate::oserror::errno_error;
use molt_vm::object::{native_state, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::ffi::{CStr, CString};

fn arg(a: &[Option<Value>], i: usize) -> Value {
    a.get(i).copied().flatten().unwrap_or(Value::NONE)
}

fn cwd_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec()),
        Err(e) => Err(crate::oserror::os_error(vm, &e, None)),
    }
}

pub fn getcwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getcwd", &args, 0, 0)?;
    let b = cwd_bytes(vm)?;
    Ok(os_string(vm, &b, false))
}

pub fn getcwdb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getcwdb", &args, 0, 0)?;
    let b = cwd_bytes(vm)?;
    Ok(vm.new_bytes(b))
}

pub fn chdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "chdir", &args, &["path"], 1)?;
    let p = path_arg(vm, "chdir", "path", arg(&a, 0), Accept::PathOrFd)?;
    // SAFETY: NUL-terminated path / int fd.
    let r = unsafe {
        match p.fd {
            Some(fd) => libc::fchdir(fd),
            None => libc::chdir(p.c.as_ptr()),
        }
    };
    if r != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

pub fn mkdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "mkdir", &args, &["path", "mode", "dir_fd"], 1)?;
    let p = path_arg(vm, "mkdir", "path", arg(&a, 0), Accept::Path)?;
    let mode = match a[1] {
        Some(m) => int_arg(vm, m)? as libc::mode_t,
        None => 0o777,
    };
    let dir_fd = dir_fd_arg(vm, a[2])?;
    // SAFETY: NUL-terminated path.
    if unsafe { libc::mkdirat(dir_fd, p.c.as_ptr(), mode) } != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

pub fn rmdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "rmdir", &args, &["path", "dir_fd"], 1)?;
    let p = path_arg(vm, "rmdir", "path", arg(&a, 0), Accept::Path)?;
    let dir_fd = dir_fd_arg(vm, a[1])?;
    // SAFETY: NUL-terminated path.
    if unsafe { libc::unlinkat(dir_fd, p.c.as_ptr(), libc::AT_REMOVEDIR) } != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

/// One directory entry as readdir(3) reports it.
struct RawEntry {
    name: Vec<u8>,
    d_type: u8,
    ino: u64,
}

/// Every entry of a directory (without `.` and `..`), read from a path or
/// from an open directory fd (which is left open and unmoved for the
/// caller: a duplicate is read).
fn read_dir(p: &PathArg) -> Result<Vec<RawEntry>, ()> {
    // SAFETY: opendir/fdopendir/readdir/closedir used as documented; the
    // dirent pointer is only read before the next readdir call.
    unsafe {
        let dir = match p.fd {
            Some(fd) => {
                let dup = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0);
                if dup < 0 {
                    return Err(());
                }
                let d = libc::fdopendir(dup);
                if d.is_null() {
                    let e = crate::oserror::last_errno();
                    libc::close(dup);
                    *libc::__errno_location() = e;
                    return Err(());
                }
                libc::rewinddir(d);
                d
            }
            None => libc::opendir(p.c.as_ptr()),
        };
        if dir.is_null() {
            return Err(());
        }
        let mut out = Vec::new();
        loop {
            *libc::__errno_location() = 0;
            let ent = libc::readdir(dir);
            if ent.is_null() {
                let e = crate::oserror::last_errno();
                libc::closedir(dir);
                if e != 0 {
                    *libc::__errno_location() = e;
                    return Err(());
                }
                break;
            }
            let name = CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            out.push(RawEntry {
                name: name.to_vec(),
                d_type: (*ent).d_type,
                ino: (*ent).d_ino as u64,
            });
        }
        if p.fd.is_some() {
            // Leave the caller's fd at the start, as CPython does.
            libc::lseek(p.fd.unwrap_or(-1), 0, libc::SEEK_SET);
        }
        Ok(out)
    }
}

pub fn listdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "listdir", &args, &["path"], 0)?;
    let p = path_arg_or(vm, "listdir", "path", a[0], ".", Accept::PathOrFd)?;
    let entries = read_dir(&p).map_err(|()| path_error(vm, &p))?;
    let names: Vec<Value> = entries
        .iter()
        .map(|e| os_string(vm, &e.name, p.is_bytes))
        .collect();
    Ok(vm.new_list(names))
}

/// A `DirEntry`: the name and type readdir gave, the stat results once
/// asked for.
struct DirEntry {
    name: Value,
    path: Value,
    /// The directory fd for entries of `scandir(fd)` (stats are relative to it).
    dir_fd: Option<i32>,
    d_type: u8,
    ino: u64,
    stat: Value,
    lstat: Value,
}

impl NativeState for DirEntry {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.name);
        f(self.path);
        f(self.stat);
        f(self.lstat);
    }
}

/// The `scandir()` iterator: entries read at creation, handed out in order.
struct ScandirIter {
    entries: Vec<Value>,
    pos: usize,
}

impl NativeState for ScandirIter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        self.entries.iter().for_each(|v| f(*v));
    }
}

pub fn scandir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "scandir", &args, &["path"], 0)?;
    let p = path_arg_or(vm, "scandir", "path", a[0], ".", Accept::PathOrFd)?;
    let raw = read_dir(&p).map_err(|()| path_error(vm, &p))?;
    let t = types(vm);
    let mut entries = Vec::with_capacity(raw.len());
    let base = p.bytes().to_vec();
    for e in raw {
        let name = os_string(vm, &e.name, p.is_bytes);
        let path = if p.fd.is_some() {
            name
        } else {
            let mut full = base.clone();
            if !full.ends_with(b"/") {
                full.push(b'/');
            }
            full.extend_from_slice(&e.name);
            os_string(vm, &full, p.is_bytes)
        };
        let entry = DirEntry {
            name,
            path,
            dir_fd: p.fd,
            d_type: e.d_type,
            ino: e.ino,
            stat: Value::NONE,
            lstat: Value::NONE,
        };
        entries.push(vm.new_native_object(t.dir_entry, entry));
    }
    Ok(vm.new_native_object(t.scandir_iter, ScandirIter { entries, pos: 0 }))
}

fn iter_state(vm: &mut Vm, v: Value) -> PyResult<&'static mut ScandirIter> {
    native_state::<ScandirIter>(v).ok_or_else(|| vm.type_error("expected a ScandirIterator"))
}

pub fn scandir_iter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().copied().unwrap_or(Value::NONE))
}

pub fn scandir_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = iter_state(vm, args.pos.first().copied().unwrap_or(Value::NONE))?;
    match s.entries.get(s.pos).copied() {
        Some(e) => {
            s.pos += 1;
            Ok(e)
        }
        None => {
            s.entries.clear();
            Err(vm.stop_iteration(Value::NONE))
        }
    }
}

pub fn scandir_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = iter_state(vm, args.pos.first().copied().unwrap_or(Value::NONE))?;
    s.entries.clear();
    s.pos = 0;
    Ok(Value::NONE)
}

pub fn scandir_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    scandir_close(vm, Args::new(&args.pos[..1.min(args.pos.len())]))?;
    Ok(Value::FALSE)
}

fn entry(vm: &mut Vm, args: &Args) -> PyResult<&'static mut DirEntry> {
    let v = args.pos.first().copied().unwrap_or(Value::NONE);
    native_state::<DirEntry>(v).ok_or_else(|| vm.type_error("expected a DirEntry"))
}

pub fn entry_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(entry(vm, &args)?.name)
}

pub fn entry_path(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(entry(vm, &args)?.path)
}

pub fn entry_inode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let ino = entry(vm, &args)?.ino;
    Ok(vm.new_bigint(ino.into()))
}

pub fn entry_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = entry(vm, &args)?.name;
    let r = ops::repr_string(vm, name)?;
    Ok(vm.new_string(format!("<DirEntry {}>", r)))
}

/// The entry's stat (following symlinks or not), fetched once.
fn entry_stat_value(vm: &mut Vm, this: Value, follow: bool) -> PyResult<Value> {
    let e = native_state::<DirEntry>(this).ok_or_else(|| vm.type_error("expected a DirEntry"))?;
    let cached = if follow { e.stat } else { e.lstat };
    if !cached.is_none() {
        return Ok(cached);
    }
    // A symlink's stat without following is its lstat; anything else
    // follows to the same result either way, so one call can fill both.
    if follow && e.d_type != libc::DT_LNK && e.d_type != libc::DT_UNKNOWN && !e.lstat.is_none() {
        e.stat = e.lstat;
        return Ok(e.stat);
    }
    let (dir_fd, path_v) = match e.dir_fd {
        Some(fd) => (fd, e.name),
        None => (libc::AT_FDCWD, e.path),
    };
    let raw = match ops::str_of(path_v) {
        Some(s) => s.as_bytes().to_vec(),
        None => ops::convert::bytes_of(path_v).unwrap_or_default(),
    };
    let c = CString::new(raw).map_err(|_| vm.value_error("embedded null byte"))?;
    let st = match raw_stat(dir_fd, &c, follow) {
        Ok(st) => st,
        Err(()) => {
            let errno = crate::oserror::last_errno();
            return Err(errno_error(vm, errno, Some(path_v)));
        }
    };
    let v = stat_result(vm, &st);
    let e = native_state::<DirEntry>(this).ok_or_else(|| vm.type_error("expected a DirEntry"))?;
    if follow {
        e.stat = v;
    } else {
        e.lstat = v;
    }
    Ok(v)
}

fn follow_kw(vm: &mut Vm, name: &str, args: &Args) -> PyResult<bool> {
    let rest = Args {
        pos: &args.pos[1.min(args.pos.len())..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    if !rest.pos.is_empty() {
        let msg = format!(
            "DirEntry.{}() takes no positional arguments ({} given)",
            name,
            rest.pos.len()
        );
        return Err(vm.type_error(msg));
    }
    let a = parse(vm, name, &rest, &["follow_symlinks"], 0)?;
    bool_arg(vm, a[0], true)
}

pub fn entry_stat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let follow = follow_kw(vm, "stat", &args)?;
    entry(vm, &args)?;
    entry_stat_value(vm, args.pos[0], follow)
}

/// Whether the entry is of type `fmt` (S_IFDIR, S_IFREG), using the type
/// readdir gave when it can; a vanished file is just "no".
fn entry_is(vm: &mut Vm, args: Args, name: &str, fmt: u32, dt: u8) -> PyResult<Value> {
    let follow = follow_kw(vm, name, &args)?;
    let e = entry(vm, &args)?;
    if e.d_type != libc::DT_UNKNOWN && !(follow && e.d_type == libc::DT_LNK) {
        return Ok(Value::bool(e.d_type == dt));
    }
    match entry_stat_value(vm, args.pos[0], follow) {
        Ok(st) => {
            let mode = ops::tuple_items(st)
                .and_then(|t| t.first().copied())
                .filter(|m| m.is_small_int())
                .map(|m| m.as_small_int() as u32)
                .unwrap_or(0);
            Ok(Value::bool(mode & 0o170000 == fmt))
        }
        Err(err) if vm.exc_matches(err.0, vm.exc.FileNotFoundError) => Ok(Value::FALSE),
        Err(err) => Err(err),
    }
}

pub fn entry_is_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    entry_is(vm, args, "is_dir", 0o040000, libc::DT_DIR)
}

pub fn entry_is_file(vm: &mut Vm, args: Args) -> PyResult<Value> {
    entry_is(vm, args, "is_file", 0o100000, libc::DT_REG)
}

pub fn entry_is_symlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "is_symlink", &args, 1, 1)?;
    let e = entry(vm, &args)?;
    if e.d_type != libc::DT_UNKNOWN {
        return Ok(Value::bool(e.d_type == libc::DT_LNK));
    }
    let kw = vm.intern("follow_symlinks");
    let f = [Value::FALSE];
    let a = Args {
        pos: &args.pos[..1],
        kwnames: std::slice::from_ref(&kw),
        kwvalues: &f,
    };
    entry_is(vm, a, "is_symlink", 0o120000, libc::DT_LNK)
}

pub fn entry_fspath(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(entry(vm, &args)?.path)
}
