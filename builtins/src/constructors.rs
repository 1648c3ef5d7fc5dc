//! `__new__` and `__init__` of the builtin classes: what `int(x)`,
//! `list(it)`, `object()`, `type(name, bases, ns)`, `Exception(msg)` and
//! friends do, including for user subclasses of them.

use crate::args::parse;
use molt_vm::class::{is_subclass, type_name, type_of};
use molt_vm::object::{GcCell, IterState, Kind, Layout};
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::ops::{self, str_of};
use molt_vm::vm::class_data;
use molt_vm::{Args, PyResult, Value, Vm};
use num_bigint::BigInt;
use std::cell::Cell;

macro_rules! reg {
    ($vm:expr, $cls:ident, $name:literal, $f:expr) => {{
        let c = $vm.t.$cls;
        $vm.add_native(c, $name, $f);
    }};
}

pub fn register(vm: &mut Vm) {
    reg!(vm, object, "__new__", object_new);
    reg!(vm, object, "__init__", object_init);
    reg!(vm, type_, "__new__", type_new);
    reg!(vm, type_, "__init__", noop_init);
    reg!(vm, module, "__new__", module_new);
    reg!(vm, module, "__init__", module_init);
    reg!(vm, int, "__new__", int_new);
    reg!(vm, bool_, "__new__", bool_new);
    reg!(vm, float, "__new__", float_new);
    reg!(vm, complex, "__new__", complex_new);
    reg!(vm, str_, "__new__", str_new);
    reg!(vm, bytes, "__new__", bytes_new);
    reg!(vm, bytearray, "__new__", bytearray_new);
    reg!(vm, tuple, "__new__", tuple_new);
    reg!(vm, frozenset, "__new__", frozenset_new);
    for c in [vm.t.list, vm.t.dict, vm.t.set] {
        vm.add_native(c, "__new__", container_new);
    }
    reg!(vm, list, "__init__", list_init);
    reg!(vm, dict, "__init__", dict_init);
    reg!(vm, set, "__init__", set_init);
    reg!(vm, range, "__new__", range_new);
    reg!(vm, slice, "__new__", slice_new);
    reg!(vm, enumerate, "__new__", enumerate_new);
    reg!(vm, zip, "__new__", zip_new);
    reg!(vm, map, "__new__", map_new);
    reg!(vm, filter, "__new__", filter_new);
    reg!(vm, reversed, "__new__", reversed_new);
    reg!(vm, property, "__new__", property_new);
    reg!(vm, classmethod, "__new__", classmethod_new);
    reg!(vm, staticmethod, "__new__", staticmethod_new);
    reg!(vm, super_, "__new__", super_new);
    reg!(vm, none_type, "__new__", none_new);
    let be = vm.exc.BaseException;
    vm.add_native(be, "__new__", exception_new);
    vm.add_native(be, "__init__", exception_init);
}

fn noop_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn cls_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    match args.pos.first() {
        Some(c) if molt_vm::class::is_class(*c) => Ok(*c),
        _ => Err(vm.type_error(format!("{}.__new__(X): X is not a type object", name))),
    }
}

fn object_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "object")?;
    let cd = class_data(cls);
    if (args.pos.len() > 1 || args.has_kw()) && is_object_slot(vm, cls, vm.names.__init__) {
        let msg = format!("{}() takes no arguments", molt_vm::class::class_name(cls));
        return Err(vm.type_error(msg));
    }
    if cd.builtin && cls.is(vm.t.object) {
        return Ok(vm.new_instance(cls));
    }
    // The nearest builtin or native base must make plain instances: one
    // with a payload of its own (`object.__new__(list_reverseiterator)`,
    // a deque) needs its own `__new__`.
    let mro = cd.mro.get().clone();
    if let Some(base) = mro.into_iter().find(|c| {
        let d = class_data(*c);
        d.builtin || d.native_module
    }) {
        let bd = class_data(base);
        let own_new = !is_object_slot(vm, base, vm.names.__new__);
        let payload = bd.builtin && !matches!(bd.layout, Layout::Object | Layout::Exception);
        if !base.is(vm.t.object) && bd.layout != Layout::Exception && (own_new || payload) {
            let msg = format!(
                "object.__new__({}) is not safe, use {}.__new__()",
                molt_vm::class::class_name(cls),
                molt_vm::class::class_name(base)
            );
            return Err(vm.type_error(msg));
        }
    }
    Ok(match cd.layout {
        Layout::Object => vm.new_instance(cls),
        Layout::Exception => vm.new_exception(cls, vec![]),
        _ => vm.new_instance(cls),
    })
}

/// Does `cls` inherit `name` unchanged from `object`?
fn is_object_slot(vm: &Vm, cls: Value, name: Value) -> bool {
    let mine = molt_vm::class::lookup(vm, cls, name);
    let objects = vm.dict_get_str(class_data(vm.t.object).dict, name);
    matches!((mine, objects), (Some(a), Some(b)) if a.is(b))
}

fn object_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 || args.has_kw() {
        let cls = type_of(vm, args.pos[0]);
        if is_object_slot(vm, cls, vm.names.__new__) {
            let msg = format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                molt_vm::class::class_name(cls)
            );
            return Err(vm.type_error(msg));
        }
    }
    Ok(Value::NONE)
}

fn type_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let meta = cls_arg(vm, &args, "type")?;
    if args.pos.len() == 2 && meta.is(vm.t.type_) {
        return Ok(type_of(vm, args.pos[1]));
    }
    if args.pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let (name, bases, ns) = (args.pos[1], args.pos[2], args.pos[3]);
    if str_of(name).is_none() {
        return Err(vm.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_name(vm, name)
        )));
    }
    if !matches!(ns.obj().map(|o| &o.kind), Some(Kind::Dict(_))) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            type_name(vm, ns)
        )));
    }
    let bases_tuple = bases;
    let bases = ops::tuple_items(bases)
        .ok_or_else(|| vm.type_error("type.__new__() argument 2 must be tuple"))?
        .to_vec();
    // The most derived metaclass of the bases makes the class, when it is
    // not `meta` and has a `__new__` of its own (`type('E', (Enum,), ns)`).
    let winner = most_derived_metaclass(vm, meta, &bases)?;
    if !winner.is(meta) {
        if let Some(new) = molt_vm::class::lookup_user(vm, winner, vm.names.__new__) {
            let new = match new.obj().map(|o| &o.kind) {
                Some(Kind::StaticMethod(f)) => *f,
                _ => new,
            };
            let pos = [winner, name, bases_tuple, ns];
            return ops::call(
                vm,
                new,
                Args {
                    pos: &pos,
                    kwnames: args.kwnames,
                    kwvalues: args.kwvalues,
                },
            );
        }
    }
    let meta = winner;
    let cls = molt_vm::class::new_class(vm, meta, name, &bases, ns)?;
    // The class body's `__class__` cell (see `__build_class__`) is not a
    // class attribute: fill it with the new class.
    let cd = class_data(cls).dict;
    if let Some(cell) = vm.dict_get_str(cd, vm.names.__classcell__) {
        let k = vm.names.__classcell__;
        ops::dict_del(vm, cd, k)?;
        match cell.obj().map(|o| &o.kind) {
            Some(Kind::Cell(c)) => c.set(cls),
            _ => {
                let msg = format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    type_name(vm, cell)
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    // __set_name__ on descriptors, then __init_subclass__ on the parent.
    let entries: Vec<(Value, Value)> = match &class_data(cls).dict.as_obj().kind {
        Kind::Dict(d) => d.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    };
    for (k, v) in entries {
        let vc = type_of(vm, v);
        if !class_data(vc).builtin {
            if let Some(sn) = molt_vm::class::lookup_user(vm, vc, vm.names.__set_name__) {
                ops::call(vm, sn, Args::new(&[v, cls, k]))?;
            }
        }
    }
    let mro = class_data(cls).mro.get().clone();
    for c in mro.iter().skip(1) {
        if let Some(f) = vm.dict_get_str(class_data(*c).dict, vm.names.__init_subclass__) {
            let f = match f.obj().map(|o| &o.kind) {
                Some(Kind::ClassMethod(f)) => *f,
                _ => f,
            };
            ops::call(
                vm,
                f,
                Args {
                    pos: &[cls],
                    kwnames: args.kwnames,
                    kwvalues: args.kwvalues,
                },
            )?;
            break;
        }
    }
    Ok(cls)
}

/// The metaclass of a class with these bases: the most derived of `meta`
/// and the bases' metaclasses, or CPython's TypeError when they conflict.
pub(crate) fn most_derived_metaclass(vm: &mut Vm, meta: Value, bases: &[Value]) -> PyResult<Value> {
    let mut winner = meta;
    for &b in bases {
        let bm = type_of(vm, b);
        if molt_vm::class::is_subclass(winner, bm) {
            continue;
        }
        if molt_vm::class::is_subclass(bm, winner) {
            winner = bm;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `ModuleType(name, doc=None)`: a new empty module (what
/// `importlib.util.module_from_spec` makes).
fn module_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "module",
        &Args {
            pos: &args.pos[1..],
            ..args
        },
        &["name", "doc"],
        1,
    )?;
    let name = a[0].unwrap();
    let Some(n) = str_of(name) else {
        let msg = format!(
            "module.__init__() argument 'name' must be str, not {}",
            type_name(vm, name)
        );
        return Err(vm.type_error(msg));
    };
    let m = vm.new_module(n);
    if let Some(doc) = a[1] {
        vm.set_attr_str(m, "__doc__", doc);
    }
    Ok(m)
}

fn module_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// int(x), int(str, base): the value as a BigInt.
pub fn int_from(vm: &mut Vm, x: Value, base: Option<Value>) -> PyResult<Value> {
    if let Some(b) = base {
        let b = ops::to_index(vm, b)?;
        let s = match str_of(x) {
            Some(s) => s.to_string(),
            None => match ops::convert::bytes_of(x) {
                Some(bytes) => String::from_utf8_lossy(&bytes).to_string(),
                None => {
                    return Err(vm.type_error("int() can't convert non-string with explicit base"))
                }
            },
        };
        return parse_int(vm, &s, b as u32);
    }
    match num_of(x) {
        Some(Num::Small(_)) | Some(Num::Big(_)) => return Ok(ops::arith::int_value(vm, x)),
        Some(Num::Float(f)) => {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            return Ok(vm.new_bigint(float_to_bigint(f)));
        }
        _ => {}
    }
    if let Some(s) = str_of(x) {
        let s = s.to_string();
        return parse_int(vm, &s, 10);
    }
    if let Some(b) = ops::convert::bytes_of(x) {
        return parse_int(vm, &String::from_utf8_lossy(&b), 10);
    }
    let cls = type_of(vm, x);
    for n in [vm.names.__int__, vm.names.__index__, vm.names.__trunc__] {
        if let Some(m) = molt_vm::class::lookup(vm, cls, n) {
            let r = ops::call1(vm, m, x)?;
            if num_of(r).map_or(true, |n| matches!(n, Num::Float(_) | Num::Complex(..))) {
                let msg = format!("__int__ returned non-int (type {})", type_name(vm, r));
                return Err(vm.type_error(msg));
            }
            return Ok(ops::arith::int_value(vm, r));
        }
    }
    let msg = format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        type_name(vm, x)
    );
    Err(vm.type_error(msg))
}

pub fn float_to_bigint(f: f64) -> BigInt {
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return BigInt::from(t as i64);
    }
    let (m, e) = molt_vm::hash::frexp(t);
    let mant = (m * (1u64 << 53) as f64) as i64;
    let b = BigInt::from(mant);
    let shift = e - 53;
    if shift >= 0 {
        b << shift as usize
    } else {
        b >> (-shift) as usize
    }
}

fn parse_int(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    let invalid = |vm: &mut Vm| {
        let msg = format!(
            "invalid literal for int() with base {}: {}",
            base,
            molt_vm::ops::repr::repr_str(s)
        );
        vm.value_error(msg)
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = match base {
        0 => {
            if let Some(r) = lower.strip_prefix("0x") {
                (16, r.to_string())
            } else if let Some(r) = lower.strip_prefix("0o") {
                (8, r.to_string())
            } else if let Some(r) = lower.strip_prefix("0b") {
                (2, r.to_string())
            } else {
                if lower.len() > 1
                    && lower.starts_with('0')
                    && lower.chars().any(|c| c != '0' && c != '_')
                {
                    return Err(invalid(vm));
                }
                (10, lower.clone())
            }
        }
        16 => (16, lower.strip_prefix("0x").unwrap_or(&lower).to_string()),
        8 => (8, lower.strip_prefix("0o").unwrap_or(&lower).to_string()),
        2 => (2, lower.strip_prefix("0b").unwrap_or(&lower).to_string()),
        b => (b, lower.clone()),
    };
    // One underscore may follow a base prefix ("0x_ff"); otherwise only between digits.
    let had_prefix = digits.len() < lower.len();
    let digits = if had_prefix {
        digits
            .strip_prefix('_')
            .map(|d| d.to_string())
            .unwrap_or(digits)
    } else {
        digits
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(invalid(vm));
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let clean: String = clean
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map(|d| char::from_digit(d, 10).unwrap())
                .unwrap_or(c)
        })
        .collect();
    match BigInt::parse_bytes(clean.as_bytes(), radix) {
        Some(v) => {
            let v = if neg { -v } else { v };
            Ok(vm.new_bigint(v))
        }
        None => Err(invalid(vm)),
    }
}

fn int_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "int")?;
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "int", &rest, &["x", "base"], 0)?;
    let v = match a[0] {
        None => {
            if a[1].is_some() {
                return Err(vm.type_error("int() missing string argument"));
            }
            Value::small_int_unchecked(0)
        }
        Some(x) => int_from(vm, x, a[1])?,
    };
    if cls.is(vm.t.int) {
        return Ok(v);
    }
    let b = ops::arith::to_bigint(v).unwrap();
    Ok(vm.alloc(cls, Kind::Int(b)))
}

fn bool_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "bool expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    match args.pos.get(1) {
        Some(v) => Ok(Value::bool(ops::truthy(vm, *v)?)),
        None => Ok(Value::FALSE),
    }
}

pub fn parse_float(vm: &mut Vm, s: &str) -> PyResult<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let neg = lower.starts_with('-');
    let special = match body {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(f) = special {
        return Ok(if neg { -f } else { f });
    }
    let ok_chars = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || "+-.eE_".contains(c));
    let bad_underscore = t.starts_with('_')
        || t.ends_with('_')
        || t.contains("__")
        || t.contains("_.")
        || t.contains("._");
    if ok_chars && !bad_underscore {
        if let Ok(f) = t.replace('_', "").parse::<f64>() {
            return Ok(f);
        }
    }
    let msg = format!(
        "could not convert string to float: {}",
        molt_vm::ops::repr::repr_str(s)
    );
    Err(vm.value_error(msg))
}

fn float_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "float")?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "float expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let f = match args.pos.get(1) {
        None => 0.0,
        Some(v) => match str_of(*v) {
            Some(s) => {
                let s = s.to_string();
                parse_float(vm, &s)?
            }
            None => match num_of(*v) {
                Some(_) => ops::to_f64(vm, *v)?,
                None => {
                    let c = type_of(vm, *v);
                    if molt_vm::class::lookup(vm, c, vm.names.__float__).is_some()
                        || molt_vm::class::lookup(vm, c, vm.names.__index__).is_some()
                    {
                        ops::to_f64(vm, *v)?
                    } else if let Some(b) = ops::convert::bytes_of(*v) {
                        // Bytes-like objects are parsed as ASCII text.
                        let parsed = match std::str::from_utf8(&b) {
                            Ok(t) => parse_float(vm, t).ok(),
                            Err(_) => None,
                        };
                        match parsed {
                            Some(f) => f,
                            None => {
                                let r = ops::repr_string(vm, *v)?;
                                let msg = format!("could not convert string to float: {}", r);
                                return Err(vm.value_error(msg));
                            }
                        }
                    } else {
                        let msg = format!(
                            "float() argument must be a string or a real number, not '{}'",
                            type_name(vm, *v)
                        );
                        return Err(vm.type_error(msg));
                    }
                }
            },
        },
    };
    if cls.is(vm.t.float) {
        Ok(Value::float(f))
    } else {
        Ok(vm.alloc(cls, Kind::Float(f)))
    }
}

fn complex_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "complex", &rest, &["real", "imag"], 0)?;
    if let Some(s) = a[0].and_then(str_of) {
        if a[1].is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let s = s.to_string();
        let (r, i) = parse_complex(&s)
            .ok_or_else(|| vm.value_error("complex() arg is a malformed string"))?;
        return Ok(vm.new_complex(r, i));
    }
    let part = |vm: &mut Vm, v: Option<Value>| -> PyResult<(f64, f64)> {
        match v {
            None => Ok((0.0, 0.0)),
            Some(v)
                if num_of(v).is_none()
                    && molt_vm::class::lookup(vm, type_of(vm, v), vm.names.__complex__)
                        .is_some() =>
            {
                let m = molt_vm::class::lookup(vm, type_of(vm, v), vm.names.__complex__).unwrap();
                let c = ops::call1(vm, m, v)?;
                match num_of(c) {
                    Some(Num::Complex(r, i)) => Ok((r, i)),
                    _ => Err(vm.type_error("__complex__ returned non-complex")),
                }
            }
            Some(v) => match num_of(v) {
                Some(Num::Complex(r, i)) => Ok((r, i)),
                Some(_) => Ok((ops::to_f64(vm, v)?, 0.0)),
                None => {
                    let msg = format!(
                        "complex() first argument must be a string or a number, not '{}'",
                        type_name(vm, v)
                    );
                    Err(vm.type_error(msg))
                }
            },
        }
    };
    let is_complex = |v: Option<Value>| {
        v.is_some_and(|v| !matches!(num_of(v), Some(Num::Small(_) | Num::Big(_) | Num::Float(_))))
    };
    let (mut re, first_imag) = part(vm, a[0])?;
    let (mut im, second_imag) = part(vm, a[1])?;
    // As CPython: only a complex part contributes a cross term, so that the
    // sign of a zero (`complex(0, -0.0)`) survives.
    if is_complex(a[1]) {
        re -= second_imag;
    }
    if a[1].is_none() {
        im = first_imag;
    } else if is_complex(a[0]) {
        im += first_imag;
    }
    Ok(vm.new_complex(re, im))
}

/// Parse Python's complex literal syntax: "1+2j", "-1.5-2.5j", "j", "(3j)".
fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let num = |x: &str| -> Option<f64> {
        match x {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => x.parse::<f64>().ok(),
        }
    };
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Split at the last sign that is not part of an exponent.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        return match split {
            Some(i) => Some((body[..i].parse().ok()?, num(&body[i..])?)),
            None => Some((0.0, num(body)?)),
        };
    }
    Some((t.parse().ok()?, 0.0))
}

fn str_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "str")?;
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "str", &rest, &["object", "encoding", "errors"], 0)?;
    let s = match a[0] {
        None => vm.intern(""),
        Some(v) => {
            if a[1].is_some() || a[2].is_some() {
                match ops::convert::bytes_of(v) {
                    // str(b, encoding, errors) is b.decode(encoding, errors).
                    Some(b) => {
                        let b = vm.new_bytes(b);
                        let utf8 = vm.new_str("utf-8");
                        let strict = vm.new_str("strict");
                        let decode = vm.intern("decode");
                        let enc = a[1].unwrap_or(utf8);
                        let errors = a[2].unwrap_or(strict);
                        ops::call_method(vm, b, decode, &[enc, errors])?
                    }
                    None if str_of(v).is_some() => {
                        return Err(vm.type_error("decoding str is not supported"))
                    }
                    None => {
                        let msg = format!(
                            "decoding to str: need a bytes-like object, {} found",
                            type_name(vm, v)
                        );
                        return Err(vm.type_error(msg));
                    }
                }
            } else {
                ops::to_str(vm, v)?
            }
        }
    };
    if cls.is(vm.t.str_) {
        return Ok(s);
    }
    let text = str_of(s).unwrap_or("").to_string();
    Ok(vm.alloc(
        cls,
        Kind::Str(molt_vm::object::StrData::new(text.into_boxed_str())),
    ))
}

fn bytes_from(vm: &mut Vm, v: Option<Value>, enc: Option<Value>) -> PyResult<Vec<u8>> {
    let v = match v {
        None => return Ok(vec![]),
        Some(v) => v,
    };
    if let Some(s) = str_of(v) {
        if enc.is_none() {
            return Err(vm.type_error("string argument without an encoding"));
        }
        let e = str_of(enc.unwrap()).unwrap_or("utf-8").to_ascii_lowercase();
        return Ok(match e.as_str() {
            "latin-1" | "latin1" | "iso-8859-1" => s.chars().map(|c| c as u32 as u8).collect(),
            _ => s.as_bytes().to_vec(),
        });
    }
    if let Some(b) = ops::convert::bytes_of(v) {
        return Ok(b);
    }
    if let Some(Num::Small(n)) = num_of(v) {
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    let items = ops::iter::collect(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        match num_of(i) {
            Some(Num::Small(n)) if (0..256).contains(&n) => out.push(n as u8),
            Some(Num::Small(_)) => return Err(vm.value_error("bytes must be in range(0, 256)")),
            _ => {
                let msg = format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(vm, i)
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "bytes", &rest, &["source", "encoding", "errors"], 0)?;
    let b = bytes_from(vm, a[0], a[1])?;
    Ok(vm.new_bytes(b))
}

fn bytearray_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "bytearray", &rest, &["source", "encoding", "errors"], 0)?;
    let b = bytes_from(vm, a[0], a[1])?;
    Ok(vm.new_bytearray(b))
}

fn tuple_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "tuple")?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "tuple expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let items = match args.pos.get(1) {
        Some(v) => {
            if cls.is(vm.t.tuple) && type_of(vm, *v).is(vm.t.tuple) {
                return Ok(*v);
            }
            ops::iter::collect(vm, *v)?
        }
        None => vec![],
    };
    Ok(vm.alloc(cls, Kind::Tuple(items.into_boxed_slice())))
}

fn frozenset_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "frozenset")?;
    let s = vm.alloc(
        cls,
        Kind::FrozenSet(Box::new(GcCell::new(molt_vm::set::SetData::new()))),
    );
    if let Some(v) = args.pos.get(1) {
        for i in ops::iter::collect(vm, *v)? {
            ops::set_add(vm, s, i)?;
        }
    }
    Ok(s)
}

fn container_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args, "list")?;
    let kind = match class_data(cls).layout {
        Layout::List => Kind::List(GcCell::new(vec![])),
        Layout::Dict => Kind::Dict(Box::new(GcCell::new(molt_vm::dict::Dict::new()))),
        _ => Kind::Set(Box::new(GcCell::new(molt_vm::set::SetData::new()))),
    };
    Ok(vm.alloc(cls, kind))
}

fn list_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let items = match args.pos.get(1) {
        Some(v) => ops::iter::collect(vm, *v)?,
        None => vec![],
    };
    if let Kind::List(l) = &args.pos[0].as_obj().kind {
        *l.get() = items;
    }
    Ok(Value::NONE)
}

fn set_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "set expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    if let Some(v) = args.pos.get(1) {
        for i in ops::iter::collect(vm, *v)? {
            ops::set_add(vm, args.pos[0], i)?;
        }
    }
    Ok(Value::NONE)
}

/// dict(mapping_or_pairs, **kw) — also used by dict.update.
pub fn dict_merge_into(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    if let Some(Kind::Dict(sd)) = src.obj().map(|o| &o.kind) {
        let entries: Vec<(Value, Value)> = sd.get().iter().map(|e| (e.key, e.value)).collect();
        for (k, v) in entries {
            ops::dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    let keys_n = vm.names.keys;
    if let Some(keys) = ops::getattr_opt(vm, src, keys_n)? {
        let ks = ops::call0(vm, keys)?;
        for k in ops::iter::collect(vm, ks)? {
            let v = ops::getitem(vm, src, k)?;
            ops::dict_set(vm, d, k, v)?;
        }
        return Ok(());
    }
    let items = ops::iter::collect(vm, src)?;
    for (i, item) in items.into_iter().enumerate() {
        let pair = match ops::iter::collect(vm, item) {
            Ok(p) => p,
            Err(_) => {
                let msg = format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    i
                );
                return Err(vm.type_error(msg));
            }
        };
        if pair.len() != 2 {
            let msg = format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                i,
                pair.len()
            );
            return Err(vm.value_error(msg));
        }
        ops::dict_set(vm, d, pair[0], pair[1])?;
    }
    Ok(())
}

fn dict_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let Some(&d) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'dict' object needs an argument"));
    };
    if let Some(src) = args.pos.get(1) {
        dict_merge_into(vm, d, *src)?;
    }
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        ops::dict_set(vm, d, *k, *v)?;
    }
    Ok(Value::NONE)
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match num_of(v) {
        Some(Num::Small(_)) | Some(Num::Big(_)) => Ok(ops::arith::int_value(vm, v)),
        _ => ops::convert::index_value(vm, v),
    }
}

fn range_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::no_kwargs(vm, "range", &args)?;
    let a = &args.pos[1..];
    let (start, stop, step) = match a.len() {
        1 => (
            Value::small_int_unchecked(0),
            int_arg(vm, a[0])?,
            Value::small_int_unchecked(1),
        ),
        2 => (
            int_arg(vm, a[0])?,
            int_arg(vm, a[1])?,
            Value::small_int_unchecked(1),
        ),
        3 => (int_arg(vm, a[0])?, int_arg(vm, a[1])?, int_arg(vm, a[2])?),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {}", n))),
    };
    if step.is_small_int() && step.as_small_int() == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    let c = vm.t.range;
    Ok(vm.alloc(c, Kind::Range { start, stop, step }))
}

fn slice_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = &args.pos[1..];
    let (start, stop, step) = match a.len() {
        1 => (Value::NONE, a[0], Value::NONE),
        2 => (a[0], a[1], Value::NONE),
        3 => (a[0], a[1], a[2]),
        n => return Err(vm.type_error(format!("slice expected at least 1 argument, got {}", n))),
    };
    let c = vm.t.slice;
    Ok(vm.alloc(c, Kind::Slice { start, stop, step }))
}

fn enumerate_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "enumerate", &rest, &["iterable", "start"], 1)?;
    let it = ops::get_iter(vm, a[0].unwrap())?;
    let count = match a[1] {
        Some(s) => int_arg(vm, s)?,
        None => Value::small_int_unchecked(0),
    };
    let c = vm.t.enumerate;
    Ok(vm.new_iterator(c, IterState::Enumerate { it, count }))
}

fn zip_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let strict = match args.kw("strict") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let mut its = vec![];
    for (i, v) in args.pos[1..].iter().enumerate() {
        let _ = i;
        its.push(ops::get_iter(vm, *v)?);
    }
    let c = vm.t.zip;
    Ok(vm.new_iterator(c, IterState::Zip { its, strict }))
}

fn map_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 3 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = args.pos[1];
    let mut its = vec![];
    for v in &args.pos[2..] {
        its.push(ops::get_iter(vm, *v)?);
    }
    let c = vm.t.map;
    Ok(vm.new_iterator(c, IterState::Map { func, its }))
}

fn filter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 3 {
        return Err(vm.type_error(format!(
            "filter expected 2 arguments, got {}",
            args.pos.len() - 1
        )));
    }
    let it = ops::get_iter(vm, args.pos[2])?;
    let c = vm.t.filter;
    Ok(vm.new_iterator(
        c,
        IterState::Filter {
            func: args.pos[1],
            it,
        },
    ))
}

fn reversed_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "reversed expected 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let v = args.pos[1];
    let cls = type_of(vm, v);
    if !class_data(cls).builtin {
        if let Some(m) = molt_vm::class::lookup_user(vm, cls, vm.names.__reversed__) {
            return ops::call1(vm, m, v);
        }
    }
    let seq = match v.obj().map(|o| &o.kind) {
        Some(Kind::Dict(_)) => {
            let keys = match &v.as_obj().kind {
                Kind::Dict(d) => d.get().keys(),
                _ => vec![],
            };
            vm.new_list(keys)
        }
        Some(Kind::Range { .. }) => return molt_vm::range::reversed(vm, v),
        Some(Kind::DictView { .. }) => {
            let items = ops::iter::collect(vm, v)?;
            vm.new_list(items)
        }
        Some(Kind::List(_) | Kind::Tuple(_) | Kind::Str(_) | Kind::Bytes(_)) => v,
        _ => {
            if molt_vm::class::lookup(vm, cls, vm.names.__getitem__).is_none() {
                let msg = format!("'{}' object is not reversible", type_name(vm, v));
                return Err(vm.type_error(msg));
            }
            v
        }
    };
    let n = ops::convert::len(vm, seq)?;
    let c = if matches!(seq.as_obj().kind, Kind::List(_)) {
        vm.t.list_reverseiterator
    } else {
        vm.t.reversed
    };
    Ok(vm.new_iterator(
        c,
        IterState::Reversed {
            seq,
            index: n as isize - 1,
        },
    ))
}

fn property_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let rest = Args {
        pos: &args.pos[1..],
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let a = parse(vm, "property", &rest, &["fget", "fset", "fdel", "doc"], 0)?;
    let c = vm.t.property;
    Ok(vm.alloc(
        c,
        Kind::Property {
            fget: a[0].unwrap_or(Value::NONE),
            fset: a[1].unwrap_or(Value::NONE),
            fdel: a[2].unwrap_or(Value::NONE),
            doc: a[3].unwrap_or(Value::NONE),
        },
    ))
}

fn classmethod_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "classmethod expected 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let c = vm.t.classmethod;
    Ok(vm.alloc(c, Kind::ClassMethod(args.pos[1])))
}

fn staticmethod_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "staticmethod expected 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let c = vm.t.staticmethod;
    Ok(vm.alloc(c, Kind::StaticMethod(args.pos[1])))
}

fn super_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this_class, receiver) = match args.pos.len() {
        3 => (args.pos[1], args.pos[2]),
        1 => {
            // Zero-argument form: the __class__ cell and first argument of the calling function.
            let f = match vm.frames.last() {
                Some(f) => unsafe { &**f },
                None => return Err(vm.runtime_error("super(): no arguments")),
            };
            let code = f.code();
            if code.argcount == 0 && code.flags & molt_vm::bytecode::flags::VARARGS == 0 {
                return Err(vm.runtime_error("super(): no arguments"));
            }
            let mut first = f.regs[0];
            if let Some(Kind::Cell(c)) = first.obj().map(|o| &o.kind) {
                first = c.get();
            }
            let pos = code
                .freevars
                .iter()
                .position(|n| str_of(*n) == Some("__class__"));
            let cell = match pos {
                Some(i) => f.regs[code.free_regs[i] as usize],
                None => return Err(vm.runtime_error("super(): __class__ cell not found")),
            };
            let cls = match cell.obj().map(|o| &o.kind) {
                Some(Kind::Cell(c)) => c.get(),
                _ => Value::UNBOUND,
            };
            if cls.is_unbound() {
                return Err(vm.runtime_error("super(): empty __class__ cell"));
            }
            (cls, first)
        }
        2 => (args.pos[1], Value::NONE),
        _ => return Err(vm.type_error("super() takes at most 2 arguments")),
    };
    if !molt_vm::class::is_class(this_class) {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name(vm, this_class)
        )));
    }
    let ok = is_subclass(type_of(vm, receiver), this_class)
        || (molt_vm::class::is_class(receiver) && is_subclass(receiver, this_class));
    if !ok && !receiver.is_none() {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    let c = vm.t.super_;
    Ok(vm.alloc(
        c,
        Kind::Super {
            this_class,
            receiver,
        },
    ))
}

fn none_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 || args.has_kw() {
        return Err(vm.type_error("NoneType takes no arguments"));
    }
    Ok(Value::NONE)
}

/// The OSError subclass CPython picks for an errno (`OSError(2, ...)` is a FileNotFoundError).
fn oserror_subclass(vm: &Vm, errno: i64) -> Option<Value> {
    let e = &vm.exc;
    Some(match errno {
        2 => e.FileNotFoundError,
        17 => e.FileExistsError,
        1 | 13 => e.PermissionError,
        21 => e.IsADirectoryError,
        20 => e.NotADirectoryError,
        10 => e.ChildProcessError,
        4 => e.InterruptedError,
        3 => e.ProcessLookupError,
        11 | 115 | 114 => e.BlockingIOError,
        32 | 108 => e.BrokenPipeError,
        111 => e.ConnectionRefusedError,
        104 => e.ConnectionResetError,
        103 => e.ConnectionAbortedError,
        110 => e.TimeoutError,
        _ => return None,
    })
}

fn exception_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut cls = cls_arg(vm, &args, "BaseException")?;
    if cls.is(vm.exc.OSError) && args.pos.len() >= 3 {
        if let Some(Num::Small(errno)) = num_of(args.pos[1]) {
            if let Some(sub) = oserror_subclass(vm, errno) {
                cls = sub;
            }
        }
    }
    let e = vm.new_exception(cls, args.pos[1..].to_vec());
    Ok(e)
}

fn exception_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = args.pos[0];
    let t = vm.new_tuple(args.pos[1..].to_vec());
    if let Some(d) = molt_vm::exceptions::exc_data(e) {
        d.args = t;
    }
    // Attributes of the exceptions that carry more than args.
    let cls = type_of(vm, e);
    let first = args.pos.get(1).copied().unwrap_or(Value::NONE);
    if is_subclass(cls, vm.exc.StopIteration) {
        vm.set_attr_str_on_instance(e, "value", first);
    } else if is_subclass(cls, vm.exc.SystemExit) {
        let code = if args.pos.len() > 2 { t } else { first };
        vm.set_attr_str_on_instance(e, "code", code);
    } else if is_subclass(cls, vm.exc.KeyError) || is_subclass(cls, vm.exc.ImportError) {
        if is_subclass(cls, vm.exc.ImportError) {
            let n = args.kw("name").unwrap_or(Value::NONE);
            vm.set_attr_str_on_instance(e, "name", n);
            vm.set_attr_str_on_instance(e, "msg", first);
        }
    } else if is_subclass(cls, vm.exc.OSError) {
        oserror_init(vm, e, &args.pos[1..]);
    } else if is_subclass(cls, vm.exc.UnicodeError) && !cls.is(vm.exc.UnicodeError) {
        unicode_error_init(vm, e, cls, &args.pos[1..])?;
    } else if is_subclass(cls, vm.exc.SyntaxError) {
        syntax_error_init(vm, e, &args.pos[1..])?;
    } else if is_subclass(cls, vm.exc.NameError) || is_subclass(cls, vm.exc.AttributeError) {
        let n = args.kw("name").unwrap_or(Value::NONE);
        vm.set_attr_str_on_instance(e, "name", n);
    }
    let _ = Cell::new(0);
    Ok(Value::NONE)
}

/// `OSError(errno, strerror[, filename[, winerror[, filename2]]])`: with
/// two to five arguments they become attributes (the others are None), and
/// a filename leaves `args` as `(errno, strerror)`, as in CPython.
fn oserror_init(vm: &mut Vm, e: Value, a: &[Value]) {
    let mut attrs = [Value::NONE; 4];
    if (2..=5).contains(&a.len()) {
        attrs[0] = a[0];
        attrs[1] = a[1];
        attrs[2] = a.get(2).copied().unwrap_or(Value::NONE);
        attrs[3] = a.get(4).copied().unwrap_or(Value::NONE);
        if !attrs[2].is_none() {
            let t = vm.new_tuple(a[..2].to_vec());
            if let Some(d) = molt_vm::exceptions::exc_data(e) {
                d.args = t;
            }
        }
    }
    for (name, v) in ["errno", "strerror", "filename", "filename2"]
        .iter()
        .zip(attrs)
    {
        vm.set_attr_str_on_instance(e, name, v);
    }
}

/// `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`:
/// every attribute exists (None when not given), as in CPython.
fn syntax_error_init(vm: &mut Vm, e: Value, a: &[Value]) -> PyResult<()> {
    let names = [
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
    ];
    let msg = a.first().copied().unwrap_or(Value::NONE);
    vm.set_attr_str_on_instance(e, "msg", msg);
    vm.set_attr_str_on_instance(e, "print_file_and_line", Value::NONE);
    let details = match a.get(1) {
        Some(&d) if a.len() == 2 => match ops::tuple_items(d) {
            Some(items) if (4..=6).contains(&items.len()) => items.to_vec(),
            _ => return Err(vm.index_error("tuple index out of range")),
        },
        _ => vec![],
    };
    for (i, n) in names.iter().enumerate() {
        let v = details.get(i).copied().unwrap_or(Value::NONE);
        vm.set_attr_str_on_instance(e, n, v);
    }
    Ok(())
}

/// `UnicodeEncodeError(encoding, object, start, end, reason)` and its
/// decode/translate siblings: check the arguments as CPython does and keep
/// them as attributes (`str()` formats the message from them).
fn unicode_error_init(vm: &mut Vm, e: Value, cls: Value, a: &[Value]) -> PyResult<()> {
    let (decode, translate) = (
        is_subclass(cls, vm.exc.UnicodeDecodeError),
        is_subclass(cls, vm.exc.UnicodeTranslateError),
    );
    if !decode && !translate && !is_subclass(cls, vm.exc.UnicodeEncodeError) {
        return Ok(());
    }
    let n = if translate { 4 } else { 5 };
    if a.len() != n {
        let msg = format!("function takes exactly {} arguments ({} given)", n, a.len());
        return Err(vm.type_error(msg));
    }
    let want = |vm: &mut Vm, i: usize, ok: bool, what: &str| -> PyResult<()> {
        if ok {
            Ok(())
        } else {
            let msg = format!(
                "argument {} must be {}, not {}",
                i + 1,
                what,
                type_name(vm, a[i])
            );
            Err(vm.type_error(msg))
        }
    };
    let a = if translate {
        vec![Value::NONE, a[0], a[1], a[2], a[3]]
    } else {
        want(vm, 0, str_of(a[0]).is_some(), "str")?;
        a.to_vec()
    };
    let off = if translate { 1 } else { 0 };
    let mut object = a[1];
    if decode {
        match object.obj().map(|o| &o.kind) {
            Some(Kind::Bytes(_)) => {}
            Some(Kind::ByteArray(b)) => {
                let data = b.get().clone();
                object = vm.new_bytes(data);
            }
            _ => {
                let msg = format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, object)
                );
                return Err(vm.type_error(msg));
            }
        }
    } else {
        want(vm, 1 - off, str_of(object).is_some(), "str")?;
    }
    for i in [2, 3] {
        let ok = matches!(num_of(a[i]), Some(Num::Small(_) | Num::Big(_)));
        if !ok {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, a[i])
            );
            return Err(vm.type_error(msg));
        }
    }
    want(vm, 4 - off, str_of(a[4]).is_some(), "str")?;
    for (name, v) in [
        ("encoding", a[0]),
        ("object", object),
        ("start", a[2]),
        ("end", a[3]),
        ("reason", a[4]),
    ] {
        vm.set_attr_str_on_instance(e, name, v);
    }
    Ok(())
}
