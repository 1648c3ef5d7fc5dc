//! Native modules: what CPython writes in C, molt writes here in Rust, one
//! file per module.  Each module has an init function that builds the module
//! object; [`NATIVE_MODULES`] lists them for the import system.

pub mod array;
pub mod atexit;
pub mod binascii;
pub mod bisect;
pub mod codecs;
pub mod collections;
pub mod contextvars;
pub mod errno;
pub mod fcntl;
pub mod functools;
pub mod gc;
pub mod hashes;
pub mod heapq;
pub mod io;
pub mod itertools;
pub mod locale;
pub mod math;
pub mod native;
pub mod posix;
pub mod posixsubprocess;
pub mod random;
pub mod select;
pub mod signal;
pub mod socket;
pub mod sre;
pub mod stat;
pub mod stdin;
pub mod string;
pub mod struct_;
pub mod sys;
pub mod thread;
pub mod time;
pub mod unicodedata;
pub mod weakref;

use molt_vm::object::Kind;
use molt_vm::{PyResult, Value, Vm};

pub use sys::{sys_module, VERSION};

/// Every native module importable by name (`sys` is built separately, with
/// the command line's argv and path).
pub const NATIVE_MODULES: &[(&str, fn(&mut Vm) -> PyResult<Value>)] = &[
    ("math", math::math_module),
    ("time", time::time_module),
    ("_weakref", weakref::weakref_module),
    ("gc", gc::gc_module),
    ("_sre", sre::sre_module),
    ("itertools", itertools::itertools_module),
    ("_collections", collections::collections_module),
    ("_functools", functools::functools_module),
    ("_io", io::io_module),
    ("posix", posix::posix_module),
    ("errno", errno::errno_module),
    ("_stat", stat::stat_module),
    ("atexit", atexit::atexit_module),
    ("_signal", signal::signal_module),
    ("_random", random::random_module),
    ("_md5", hashes::md5_module),
    ("_sha1", hashes::sha1_module),
    ("_sha256", hashes::sha256_module),
    ("_sha512", hashes::sha512_module),
    ("_sha3", hashes::sha3_module),
    ("_blake2", hashes::blake2_module),
    ("_bisect", bisect::bisect_module),
    ("_heapq", heapq::heapq_module),
    ("_codecs", codecs::codecs_module),
    ("_string", string::string_module),
    ("_locale", locale::locale_module),
    ("unicodedata", unicodedata::unicodedata_module),
    ("_thread", thread::thread_module),
    ("_struct", struct_::struct_module),
    ("binascii", binascii::binascii_module),
    ("array", array::array_module),
    ("_contextvars", contextvars::contextvars_module),
    ("select", select::select_module),
    ("_socket", socket::socket_module),
    ("_posixsubprocess", posixsubprocess::posixsubprocess_module),
    ("fcntl", fcntl::fcntl_module),
];

/// The namespace dict of a module object.
pub fn module_dict(m: Value) -> Value {
    match &m.as_obj().kind {
        Kind::Module(md) => md.dict,
        _ => m,
    }
}

/// Bind `name` in module `m`.
pub fn set(vm: &mut Vm, m: Value, name: &str, v: Value) {
    let k = vm.intern(name);
    vm.dict_set_str(module_dict(m), k, v);
}

/// Bind a table of integer constants (`AF_INET`, `O_RDONLY`…) in module `m`.
pub fn set_ints(vm: &mut Vm, m: Value, table: &[(&str, i64)]) {
    for &(name, v) in table {
        let v = vm.new_int(v);
        set(vm, m, name, v);
    }
}
