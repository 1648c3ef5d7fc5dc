//! `_sre`: the regular expression engine under CPython's pure-Python `re`
//! package.  `re._compiler` turns a pattern into a flat list of opcodes and
//! calls `_sre.compile`; this module runs that code (see `engine`) and
//! provides the `re.Pattern`, `re.Match` and `SRE_Scanner` types.

mod chars;
mod engine;
mod matchobj;
mod pattern;

use super::set;
use engine::Matcher;
use molt_vm::class::type_name;
use molt_vm::object::{Kind, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;

pub const MAGIC: i64 = 20220615;
pub const MAXGROUPS: i64 = 1073741823;

/// The classes this module defines, made once per thread.
#[derive(Clone, Copy)]
pub(crate) struct Classes {
    pattern: Value,
    match_: Value,
    scanner: Value,
}

thread_local! {
    static CLASSES: RefCell<Option<Classes>> = const { RefCell::new(None) };
}

pub(crate) fn classes() -> Classes {
    CLASSES.with(|c| c.borrow().expect("_sre classes are made before any object"))
}

/// A class whose dunders (repr, ==, hash, []) are honoured by the object
/// protocols, as they are for classes written in Python.
fn make_class(
    vm: &mut Vm,
    module: &str,
    name: &str,
    methods: &[(&'static str, NativeFn)],
) -> Value {
    let ns = vm.new_dict();
    let k = vm.names.__module__;
    let m = vm.new_str(module);
    vm.dict_set_str(ns, k, m);
    let n = vm.new_str(name);
    let meta = vm.t.type_;
    let cls = molt_vm::class::new_class(vm, meta, n, &[], ns)
        .expect("creating a class from a fresh namespace cannot fail");
    vm.roots.push(cls);
    for (name, f) in methods {
        vm.add_native(cls, name, *f);
    }
    cls
}

/// A read-only attribute computed by `f(self)`.
fn add_getter(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let fget = vm.new_native(name, f, cls);
    let c = vm.t.property;
    let p = vm.alloc(
        c,
        Kind::Property {
            fget,
            fset: Value::NONE,
            fdel: Value::NONE,
            doc: Value::NONE,
        },
    );
    vm.set_attr_str(cls, name, p);
}

fn add_classmethod(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let native = vm.new_native(name, f, cls);
    let c = vm.t.classmethod;
    let cm = vm.alloc(c, Kind::ClassMethod(native));
    vm.set_attr_str(cls, name, cm);
}

pub fn sre_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sre");
    // Made afresh for every interpreter that imports the module.
    {
        let pattern = make_class(vm, "re", "Pattern", pattern::METHODS);
        for (name, f) in pattern::GETTERS {
            add_getter(vm, pattern, name, *f);
        }
        let match_ = make_class(vm, "re", "Match", matchobj::METHODS);
        for (name, f) in matchobj::GETTERS {
            add_getter(vm, match_, name, *f);
        }
        for cls in [pattern, match_] {
            add_classmethod(
                vm,
                cls,
                "__class_getitem__",
                crate::modules::native::class_getitem,
            );
        }
        let scanner = make_class(vm, "_sre", "SRE_Scanner", pattern::SCANNER_METHODS);
        add_getter(vm, scanner, "pattern", pattern::scanner_pattern);
        CLASSES.with(|c| {
            *c.borrow_mut() = Some(Classes {
                pattern,
                match_,
                scanner,
            })
        });
    }
    vm.add_native(m, "compile", pattern::compile);
    vm.add_native(m, "getcodesize", getcodesize);
    vm.add_native(m, "ascii_iscased", ascii_iscased);
    vm.add_native(m, "unicode_iscased", unicode_iscased);
    vm.add_native(m, "ascii_tolower", ascii_tolower);
    vm.add_native(m, "unicode_tolower", unicode_tolower);
    let v = vm.new_int(MAGIC);
    set(vm, m, "MAGIC", v);
    set(vm, m, "CODESIZE", Value::small_int_unchecked(4));
    let v = vm.new_int(engine::MAXREPEAT as i64);
    set(vm, m, "MAXREPEAT", v);
    let v = vm.new_int(MAXGROUPS);
    set(vm, m, "MAXGROUPS", v);
    let v = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    set(vm, m, "copyright", v);
    Ok(m)
}

fn getcodesize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getcodesize", &args, 0, 0)?;
    Ok(Value::small_int_unchecked(4))
}

/// The `character` argument of the case helpers, as a C int.
fn character(vm: &mut Vm, name: &str, args: &Args) -> PyResult<u32> {
    ops::call::check_args(vm, name, args, 1, 1)?;
    let v = args.pos[0];
    if ops::str_of(v).is_some() || v.is_float() {
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    }
    let i = ops::to_index(vm, v)?;
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return Err(vm.overflow_error(if i < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        }));
    }
    Ok(i as i32 as u32)
}

fn ascii_iscased(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = character(vm, "ascii_iscased", &args)?;
    Ok(Value::bool(chars::ascii_iscased(c)))
}

fn unicode_iscased(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = character(vm, "unicode_iscased", &args)?;
    Ok(Value::bool(chars::unicode_iscased(c)))
}

fn ascii_tolower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = character(vm, "ascii_tolower", &args)?;
    Ok(vm.new_int(chars::ascii_lower(c) as i32 as i64))
}

fn unicode_tolower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = character(vm, "unicode_tolower", &args)?;
    Ok(vm.new_int(chars::unicode_lower(c) as i32 as i64))
}

/// `import name` from native code.
fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let n = vm.intern(name);
    let globals = vm.new_dict();
    (vm.hooks.import)(vm, n, globals, Value::NONE, 0)
}

/// `re.<name>(args...)`: the hooks `re` provides for templates.
fn call_re(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let re = import(vm, "re")?;
    let n = vm.intern(name);
    let f = ops::getattr(vm, re, n)?;
    ops::call(vm, f, Args::new(args))
}

// ----- the subject of a match -----

enum Units {
    /// Bytes, or the UTF-8 of an ASCII str (one byte per code point),
    /// borrowed from an immutable object the caller keeps alive.
    Borrowed(&'static [u8]),
    /// A copy of a bytearray (Python code may resize the original).
    Owned(Vec<u8>),
    /// The code points of a non-ASCII str.
    Wide(Vec<u32>),
}

pub(crate) struct Subject {
    units: Units,
    pub is_bytes: bool,
}

impl Subject {
    pub fn len(&self) -> usize {
        match &self.units {
            Units::Borrowed(b) => b.len(),
            Units::Owned(b) => b.len(),
            Units::Wide(w) => w.len(),
        }
    }
}

/// The subject's code units, or the TypeError CPython raises for a value
/// that is neither a str nor a bytes-like object.
pub(crate) fn subject(vm: &mut Vm, v: Value) -> PyResult<Subject> {
    let (units, is_bytes) = match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(s)) => {
            if s.is_ascii() {
                (Units::Borrowed(s.bytes()), false)
            } else {
                (Units::Wide(s.code_points().collect()), false)
            }
        }
        Some(Kind::Bytes(b)) => (Units::Borrowed(b), true),
        Some(Kind::ByteArray(b)) => (Units::Owned(b.get().clone()), true),
        _ => {
            let msg = format!(
                "expected string or bytes-like object, got '{}'",
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    };
    Ok(Subject { units, is_bytes })
}

/// A successful match: group 0's span, the group marks and lastindex.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub marks: Vec<isize>,
    pub lastindex: isize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Match,
    FullMatch,
    Search,
}

fn engine_error(vm: &mut Vm, e: engine::Error) -> PyErr {
    match e {
        engine::Error::Interrupted => {
            let c = vm.exc.KeyboardInterrupt;
            PyErr(vm.new_exception(c, vec![]))
        }
        engine::Error::Invalid => vm.runtime_error("internal error in regular expression engine"),
    }
}

/// Run `code` once over `subj[..end]` from `pos`.
pub(crate) fn run(
    vm: &mut Vm,
    code: &[u32],
    groups: usize,
    subj: &Subject,
    pos: usize,
    end: usize,
    mode: Mode,
    must_advance: bool,
) -> PyResult<Option<Found>> {
    fn go<T: engine::Text + ?Sized>(
        code: &[u32],
        groups: usize,
        text: &T,
        pos: usize,
        end: usize,
        mode: Mode,
        must_advance: bool,
    ) -> Result<Option<Found>, engine::Error> {
        let mut m = Matcher::new(code, text, end, groups);
        m.must_advance = must_advance;
        m.match_all = mode == Mode::FullMatch;
        let ok = if mode == Mode::Search {
            m.search(pos)?
        } else {
            m.match_at(pos)?
        };
        Ok(ok.then(|| Found {
            start: m.start,
            end: m.match_end,
            marks: std::mem::take(&mut m.marks),
            lastindex: m.lastindex,
        }))
    }
    let r = match &subj.units {
        Units::Borrowed(b) => go(code, groups, *b, pos, end, mode, must_advance),
        Units::Owned(b) => go(code, groups, &b[..], pos, end, mode, must_advance),
        Units::Wide(w) => go(code, groups, &w[..], pos, end, mode, must_advance),
    };
    r.map_err(|e| engine_error(vm, e))
}

/// `string[start:end]` with the type CPython gives it: str for str
/// subjects, bytes for bytes-like ones.
pub(crate) fn slice(vm: &mut Vm, string: Value, start: usize, end: usize) -> Value {
    let end = end.max(start);
    match string.obj().map(|o| &o.kind) {
        Some(Kind::Str(s)) => {
            let (a, b) = (start.min(s.char_len()), end.min(s.char_len()));
            if a == 0 && b == s.char_len() && string.as_obj().cls.get().is(vm.t.str_) {
                return string;
            }
            let t = s.slice(a, b).to_owned();
            vm.new_string(t)
        }
        Some(Kind::Bytes(b)) => {
            let (a, e) = (start.min(b.len()), end.min(b.len()));
            let v = b[a..e].to_vec();
            vm.new_bytes(v)
        }
        Some(Kind::ByteArray(b)) => {
            let b = b.get();
            let (a, e) = (start.min(b.len()), end.min(b.len()));
            let v = b[a..e].to_vec();
            vm.new_bytes(v)
        }
        _ => Value::NONE,
    }
}

/// Clamp a `pos`/`endpos` argument into `0..=len` the way CPython does.
pub(crate) fn clamp(vm: &mut Vm, v: Option<Value>, default: usize, len: usize) -> PyResult<usize> {
    let v = match v {
        Some(v) => v,
        None => return Ok(default.min(len)),
    };
    let i = match v.obj().map(|o| &o.kind) {
        Some(Kind::Int(b)) => {
            use num_traits::Signed;
            if b.is_negative() {
                0
            } else {
                len as i64
            }
        }
        _ => ops::to_index(vm, v)?,
    };
    Ok(i.clamp(0, len as i64) as usize)
}

/// The self argument of a method, with its state.
pub(crate) fn this<T: molt_vm::object::NativeState>(
    vm: &mut Vm,
    args: &Args,
    what: &str,
) -> PyResult<(Value, &'static mut T)> {
    if let Some(&v) = args.pos.first() {
        if let Some(s) = molt_vm::object::native_state::<T>(v) {
            return Ok((v, s));
        }
    }
    let msg = format!("descriptor requires a '{}' object", what);
    Err(vm.type_error(msg))
}

/// Argument parsing with the wording of CPython's argument clinic.
pub(crate) fn parse(
    vm: &mut Vm,
    fname: &str,
    args: &Args,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    for k in args.kwnames {
        let k = ops::str_of(*k).unwrap_or("");
        if !names.contains(&k) {
            let msg = format!("'{}' is an invalid keyword argument for {}()", k, fname);
            return Err(vm.type_error(msg));
        }
    }
    crate::args::parse(vm, fname, args, names, required)
}

/// The method's own arguments (without self).
pub(crate) fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        pos: args.pos.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    }
}

/// `callable(v)`.
pub(crate) fn is_callable(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(_) | Kind::Native(_) | Kind::BoundMethod { .. } | Kind::Class(_)) => {
            true
        }
        _ => {
            let cls = molt_vm::class::type_of(vm, v);
            molt_vm::class::lookup(vm, cls, vm.names.__call__).is_some()
        }
    }
}

/// repr(v), cut to `n` code points (CPython's `%.<n>R`).
pub(crate) fn repr_cut(vm: &mut Vm, v: Value, n: usize) -> PyResult<String> {
    let r = ops::repr_string(vm, v)?;
    Ok(match r.char_indices().nth(n) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    })
}
