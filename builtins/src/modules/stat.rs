//! `_stat`: file mode constants, the `S_IS*` tests and `filemode`, which
//! `stat.py` takes instead of its pure-Python versions.

use super::set;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use num_traits::{Signed, ToPrimitive};

const S_IFMT: u32 = 0o170000;
const S_IFSOCK: u32 = 0o140000;
const S_IFLNK: u32 = 0o120000;
const S_IFREG: u32 = 0o100000;
const S_IFBLK: u32 = 0o060000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFIFO: u32 = 0o010000;

/// The single `mode` argument, converted as C's `mode_t` (unsigned 32 bits).
fn mode_arg(vm: &mut Vm, name: &str, args: &Args) -> PyResult<u32> {
    molt_vm::ops::call::check_args(vm, name, args, 1, 1)?;
    let v = args.pos[0];
    let n = match num_of(v) {
        Some(Num::Small(i)) => num_bigint::BigInt::from(i),
        Some(Num::Big(b)) => b.clone(),
        _ => return Err(vm.type_error("an integer is required")),
    };
    if n.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    n.to_u32()
        .ok_or_else(|| vm.overflow_error("mode out of range"))
}

macro_rules! s_is {
    ($fname:ident, $pyname:literal, $fmt:expr) => {
        fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let m = mode_arg(vm, $pyname, &args)?;
            let fmt: u32 = $fmt;
            Ok(Value::bool(fmt != 0 && m & S_IFMT == fmt))
        }
    };
}

s_is!(s_isdir, "S_ISDIR", S_IFDIR);
s_is!(s_ischr, "S_ISCHR", S_IFCHR);
s_is!(s_isblk, "S_ISBLK", S_IFBLK);
s_is!(s_isreg, "S_ISREG", S_IFREG);
s_is!(s_isfifo, "S_ISFIFO", S_IFIFO);
s_is!(s_islnk, "S_ISLNK", S_IFLNK);
s_is!(s_issock, "S_ISSOCK", S_IFSOCK);
// Solaris doors, event ports and BSD whiteouts do not exist on Linux.
s_is!(s_isdoor, "S_ISDOOR", 0);
s_is!(s_isport, "S_ISPORT", 0);
s_is!(s_iswht, "S_ISWHT", 0);

fn s_imode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = mode_arg(vm, "S_IMODE", &args)?;
    Ok(vm.new_int((m & 0o7777) as i64))
}

fn s_ifmt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = mode_arg(vm, "S_IFMT", &args)?;
    Ok(vm.new_int((m & S_IFMT) as i64))
}

/// `ls -l`'s ten-character mode string.
pub fn filemode_string(m: u32) -> String {
    let kind = match m & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFCHR => 'c',
        S_IFBLK => 'b',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    // (read bit, write bit, exec bit, special bit, char if special+exec, if special only)
    let triads = [
        (0o400, 0o200, 0o100, 0o4000, 's', 'S'),
        (0o040, 0o020, 0o010, 0o2000, 's', 'S'),
        (0o004, 0o002, 0o001, 0o1000, 't', 'T'),
    ];
    for (r, w, x, special, both, only) in triads {
        s.push(if m & r != 0 { 'r' } else { '-' });
        s.push(if m & w != 0 { 'w' } else { '-' });
        s.push(match (m & x != 0, m & special != 0) {
            (true, true) => both,
            (false, true) => only,
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    s
}

fn filemode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = mode_arg(vm, "filemode", &args)?;
    Ok(vm.new_string(filemode_string(m)))
}

pub fn stat_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_stat");
    let consts: &[(&str, i64)] = &[
        ("SF_APPEND", 0x40000),
        ("SF_ARCHIVED", 0x10000),
        ("SF_IMMUTABLE", 0x20000),
        ("SF_NOUNLINK", 0x100000),
        ("SF_SNAPSHOT", 0x200000),
        ("ST_MODE", 0),
        ("ST_INO", 1),
        ("ST_DEV", 2),
        ("ST_NLINK", 3),
        ("ST_UID", 4),
        ("ST_GID", 5),
        ("ST_SIZE", 6),
        ("ST_ATIME", 7),
        ("ST_MTIME", 8),
        ("ST_CTIME", 9),
        ("S_ENFMT", 0o2000),
        ("S_IEXEC", 0o100),
        ("S_IFBLK", S_IFBLK as i64),
        ("S_IFCHR", S_IFCHR as i64),
        ("S_IFDIR", S_IFDIR as i64),
        ("S_IFDOOR", 0),
        ("S_IFIFO", S_IFIFO as i64),
        ("S_IFLNK", S_IFLNK as i64),
        ("S_IFPORT", 0),
        ("S_IFREG", S_IFREG as i64),
        ("S_IFSOCK", S_IFSOCK as i64),
        ("S_IFWHT", 0),
        ("S_IREAD", 0o400),
        ("S_IRGRP", 0o040),
        ("S_IROTH", 0o004),
        ("S_IRUSR", 0o400),
        ("S_IRWXG", 0o070),
        ("S_IRWXO", 0o007),
        ("S_IRWXU", 0o700),
        ("S_ISGID", 0o2000),
        ("S_ISUID", 0o4000),
        ("S_ISVTX", 0o1000),
        ("S_IWGRP", 0o020),
        ("S_IWOTH", 0o002),
        ("S_IWRITE", 0o200),
        ("S_IWUSR", 0o200),
        ("S_IXGRP", 0o010),
        ("S_IXOTH", 0o001),
        ("S_IXUSR", 0o100),
        ("UF_APPEND", 0x4),
        ("UF_COMPRESSED", 0x20),
        ("UF_HIDDEN", 0x8000),
        ("UF_IMMUTABLE", 0x2),
        ("UF_NODUMP", 0x1),
        ("UF_NOUNLINK", 0x10),
        ("UF_OPAQUE", 0x8),
    ];
    for &(name, v) in consts {
        set(vm, m, name, Value::small_int_unchecked(v));
    }
    for (name, f) in [
        ("S_ISDIR", s_isdir as molt_vm::object::NativeFn),
        ("S_ISCHR", s_ischr),
        ("S_ISBLK", s_isblk),
        ("S_ISREG", s_isreg),
        ("S_ISFIFO", s_isfifo),
        ("S_ISLNK", s_islnk),
        ("S_ISSOCK", s_issock),
        ("S_ISDOOR", s_isdoor),
        ("S_ISPORT", s_isport),
        ("S_ISWHT", s_iswht),
        ("S_IMODE", s_imode),
        ("S_IFMT", s_ifmt),
        ("filemode", filemode),
    ] {
        vm.add_native(m, name, f);
    }
    Ok(m)
}
