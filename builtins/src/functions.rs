//! The builtin functions: print, len, min/max, sorted, isinstance, …

use crate::args::parse;
use crate::output::{flush_stdout, write_stdout};
use molt_vm::bytecode::{BinOp, CmpOp};
use molt_vm::class::{is_class, is_subclass, lookup, type_name, type_of};
use molt_vm::object::{IterState, Kind};
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::ops::call::check_args;
use molt_vm::ops::{self, str_of};
use molt_vm::vm::class_data;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use num_traits::{Pow, Signed, Zero};

pub fn register(vm: &mut Vm) {
    let b = vm.builtins;
    let fns: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("iter", iter),
        ("next", next),
        ("all", all),
        ("any", any),
        ("id", id),
        ("hash", hash),
        ("callable", callable),
        ("chr", chr),
        ("ord", ord),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("divmod", divmod),
        ("pow", pow),
        ("round", round),
        ("format", format),
        ("vars", vars),
        ("dir", dir),
        ("globals", globals),
        ("locals", locals),
        ("input", input),
        ("exec", exec),
        ("eval", eval),
        ("compile", compile),
        ("__build_class__", build_class),
        ("__import__", import),
        ("open", open),
    ];
    for (name, f) in fns {
        let v = vm.new_native(name, *f, Value::NONE);
        let k = vm.intern(name);
        vm.dict_set_str(b, k, v);
    }
}

fn print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = args.kw("sep").filter(|v| !v.is_none());
    let end = args.kw("end").filter(|v| !v.is_none());
    let file = args.kw("file").filter(|v| !v.is_none());
    let flush = args.kw("flush");
    for k in args.kwnames {
        if !matches!(str_of(*k), Some("sep" | "end" | "file" | "flush")) {
            let msg = format!(
                "'{}' is an invalid keyword argument for print()",
                str_of(*k).unwrap_or("?")
            );
            return Err(vm.type_error(msg));
        }
    }
    let sep_s = match sep {
        Some(s) => match str_of(s) {
            Some(x) => x.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "sep must be None or a string, not {}",
                    type_name(vm, s)
                )))
            }
        },
        None => " ".to_string(),
    };
    let end_s = match end {
        Some(s) => match str_of(s) {
            Some(x) => x.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "end must be None or a string, not {}",
                    type_name(vm, s)
                )))
            }
        },
        None => "\n".to_string(),
    };
    // The line as str text (generalized UTF-8: strs may hold surrogates).
    let mut out: Vec<u8> = Vec::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep_s.as_bytes());
        }
        if type_of(vm, *a).is(vm.t.str_) {
            out.extend_from_slice(ops::str_bytes_of(*a).unwrap_or(b""));
        } else {
            out.extend_from_slice(ops::str_string(vm, *a)?.as_bytes());
        }
    }
    out.extend_from_slice(end_s.as_bytes());
    match file {
        Some(f) => {
            let w = vm.names.write;
            let s = vm.new_text(out);
            ops::call_method(vm, f, w, &[s])?;
            if flush.map_or(false, |f| f.is(Value::TRUE)) {
                let fl = vm.names.flush;
                ops::call_method(vm, f, fl, &[])?;
            }
        }
        None => {
            if molt_vm::text::has_surrogates(&out) {
                let s = vm.new_text(out);
                let errors = crate::output::stdio_errors();
                out = crate::modules::sys::stream_bytes(vm, s, errors)?.into_owned();
            }
            write_stdout(&out);
            if flush.map_or(false, |f| f.is(Value::TRUE)) {
                flush_stdout();
            }
        }
    }
    Ok(Value::NONE)
}

fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "len", &args, 1, 1)?;
    let n = ops::convert::len(vm, args.pos[0])?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "repr", &args, 1, 1)?;
    ops::repr(vm, args.pos[0])
}

fn ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "ascii", &args, 1, 1)?;
    let r = ops::repr_string(vm, args.pos[0])?;
    Ok(vm.new_string(molt_vm::format::ascii_of(&r)))
}

fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "abs", &args, 1, 1)?;
    let v = args.pos[0];
    match num_of(v) {
        Some(Num::Small(i)) => Ok(vm.new_int(i.abs())),
        Some(Num::Big(b)) => {
            let a = b.abs();
            Ok(vm.new_bigint(a))
        }
        Some(Num::Float(f)) => Ok(Value::float(f.abs())),
        Some(Num::Complex(r, i)) => Ok(Value::float(r.hypot(i))),
        None => {
            let cls = type_of(vm, v);
            match lookup(vm, cls, vm.names.__abs__) {
                Some(m) => ops::call1(vm, m, v),
                None => {
                    let msg = format!("bad operand type for abs(): '{}'", type_name(vm, v));
                    Err(vm.type_error(msg))
                }
            }
        }
    }
}

fn min_max(vm: &mut Vm, args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = args.kw("key").filter(|k| !k.is_none());
    let default = args.kw("default");
    for k in args.kwnames {
        if !matches!(str_of(*k), Some("key" | "default")) {
            let msg = format!(
                "{}() got an unexpected keyword argument '{}'",
                name,
                str_of(*k).unwrap_or("?")
            );
            return Err(vm.type_error(msg));
        }
    }
    let items = match args.pos.len() {
        0 => return Err(vm.type_error(format!("{} expected at least 1 argument, got 0", name))),
        1 => ops::iter::collect(vm, args.pos[0])?,
        _ => {
            if default.is_some() {
                let msg = format!(
                    "Cannot specify a default for {}() with multiple positional arguments",
                    name
                );
                return Err(vm.type_error(msg));
            }
            args.pos.to_vec()
        }
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{}() arg is an empty sequence", name))),
        };
    }
    let mut best = items[0];
    let mut best_key = match key {
        Some(k) => ops::call1(vm, k, best)?,
        None => best,
    };
    vm.pinned.push(best_key);
    for &it in &items[1..] {
        let k = match key {
            Some(f) => ops::call1(vm, f, it)?,
            None => it,
        };
        if ops::richcompare_bool(vm, op, k, best_key)? {
            best = it;
            best_key = k;
            vm.pinned.push(k);
        }
    }
    Ok(best)
}

fn min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", CmpOp::Lt)
}

fn max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", CmpOp::Gt)
}

fn sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "sum", &args, &["iterable", "start"], 1)?;
    let mut acc = a[1].unwrap_or(Value::small_int_unchecked(0));
    if str_of(acc).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = ops::get_iter(vm, a[0].unwrap())?;
    // Floats are summed exactly-rounded the way CPython does (plain addition in order).
    while let Some(v) = ops::next(vm, it)? {
        acc = ops::binary(vm, BinOp::Add, acc, v)?;
    }
    Ok(acc)
}

/// Sort values (with optional key) stably using `<`.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for &i in items.iter() {
                let kv = ops::call1(vm, k, i)?;
                vm.pinned.push(kv);
                ks.push(kv);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if reverse {
        idx.reverse();
    }
    // Merge sort with a fallible comparison (stable).
    let mut err: Option<PyErr> = None;
    let mut lt = |vm: &mut Vm, a: usize, b: usize| -> bool {
        if err.is_some() {
            return false;
        }
        let (x, y) = (keys[a], keys[b]);
        if x.is_small_int() && y.is_small_int() {
            return x.as_small_int() < y.as_small_int();
        }
        if x.is_float() && y.is_float() {
            return x.as_float() < y.as_float();
        }
        match ops::richcompare_bool(vm, CmpOp::Lt, x, y) {
            Ok(b) => b,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    };
    merge_sort(vm, &mut idx, &mut lt);
    if let Some(e) = err {
        return Err(e);
    }
    if reverse {
        idx.reverse();
    }
    let sorted: Vec<Value> = idx.iter().map(|&i| items[i]).collect();
    *items = sorted;
    Ok(())
}

fn merge_sort(vm: &mut Vm, v: &mut Vec<usize>, lt: &mut impl FnMut(&mut Vm, usize, usize) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && lt(vm, v[j], v[j - 1]) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mut right = v.split_off(n / 2);
    merge_sort(vm, v, lt);
    merge_sort(vm, &mut right, lt);
    let left = std::mem::take(v);
    let (mut i, mut j) = (0, 0);
    v.reserve(n);
    while i < left.len() && j < right.len() {
        if lt(vm, right[j], left[i]) {
            v.push(right[j]);
            j += 1;
        } else {
            v.push(left[i]);
            i += 1;
        }
    }
    v.extend_from_slice(&left[i..]);
    v.extend_from_slice(&right[j..]);
}

fn sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        let msg = format!("sorted expected 1 argument, got {}", args.pos.len());
        return Err(vm.type_error(msg));
    }
    let mut items = ops::iter::collect(vm, args.pos[0])?;
    let key = args.kw("key").filter(|k| !k.is_none());
    let reverse = match args.kw("reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    let l = vm.new_list(vec![]);
    sort_values(vm, &mut items, key, reverse)?;
    if let Kind::List(lst) = &l.as_obj().kind {
        *lst.get() = items;
    }
    Ok(l)
}

fn class_check(vm: &mut Vm, v: Value, cls: Value, fname: &str, sub: bool) -> PyResult<bool> {
    if let Some(items) = ops::tuple_items(cls) {
        for c in items.to_vec() {
            if class_check(vm, v, c, fname, sub)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if cls.is_ptr() && cls.as_obj().class().is(vm.union_type) {
        let n = vm.intern("__args__");
        let members = ops::getattr(vm, cls, n)?;
        return class_check(vm, v, members, fname, sub);
    }
    if !is_class(cls) {
        let msg = format!(
            "{}() arg 2 must be a type, a tuple of types, or a union",
            fname
        );
        return Err(vm.type_error(msg));
    }
    let meta = type_of(vm, cls);
    let hook = if sub {
        vm.names.__subclasscheck__
    } else {
        vm.names.__instancecheck__
    };
    if !class_data(meta).builtin {
        if let Some(m) = molt_vm::class::lookup_user(vm, meta, hook) {
            let r = ops::call2(vm, m, cls, v)?;
            return ops::truthy(vm, r);
        }
    }
    if sub {
        if !is_class(v) {
            return Err(vm.type_error("issubclass() arg 1 must be a class"));
        }
        Ok(is_subclass(v, cls))
    } else {
        Ok(is_subclass(type_of(vm, v), cls))
    }
}

fn isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "isinstance", &args, 2, 2)?;
    Ok(Value::bool(class_check(
        vm,
        args.pos[0],
        args.pos[1],
        "isinstance",
        false,
    )?))
}

fn issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "issubclass", &args, 2, 2)?;
    Ok(Value::bool(class_check(
        vm,
        args.pos[0],
        args.pos[1],
        "issubclass",
        true,
    )?))
}

fn attr_name(vm: &mut Vm, v: Value, fname: &str) -> PyResult<Value> {
    if str_of(v).is_none() {
        let _ = fname;
        let msg = format!("attribute name must be string, not '{}'", type_name(vm, v));
        return Err(vm.type_error(msg));
    }
    Ok(vm.intern_value(v))
}

fn hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "hasattr", &args, 2, 2)?;
    let n = attr_name(vm, args.pos[1], "hasattr")?;
    Ok(Value::bool(ops::getattr_opt(vm, args.pos[0], n)?.is_some()))
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "getattr", &args, 2, 3)?;
    let n = attr_name(vm, args.pos[1], "getattr")?;
    if args.pos.len() == 3 {
        return Ok(ops::getattr_opt(vm, args.pos[0], n)?.unwrap_or(args.pos[2]));
    }
    ops::getattr(vm, args.pos[0], n)
}

fn setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "setattr", &args, 3, 3)?;
    let n = attr_name(vm, args.pos[1], "setattr")?;
    ops::setattr(vm, args.pos[0], n, args.pos[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "delattr", &args, 2, 2)?;
    let n = attr_name(vm, args.pos[1], "delattr")?;
    ops::delattr(vm, args.pos[0], n)?;
    Ok(Value::NONE)
}

fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "iter", &args, 1, 2)?;
    if args.pos.len() == 2 {
        let is_callable = callable(vm, Args::new(&args.pos[..1]))?.is(Value::TRUE);
        if !is_callable {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        let c = vm.t.callable_iterator;
        return Ok(vm.new_iterator(
            c,
            IterState::Callable {
                func: args.pos[0],
                sentinel: args.pos[1],
            },
        ));
    }
    ops::get_iter(vm, args.pos[0])
}

fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "next", &args, 1, 2)?;
    let it = args.pos[0];
    let is_iter = matches!(
        it.obj().map(|o| &o.kind),
        Some(Kind::Iterator(_)) | Some(Kind::Generator(_))
    ) || lookup(vm, type_of(vm, it), vm.names.__next__).is_some();
    if !is_iter {
        let msg = format!("'{}' object is not an iterator", type_name(vm, it));
        return Err(vm.type_error(msg));
    }
    if let Some(Kind::Generator(_)) = it.obj().map(|o| &o.kind) {
        match (vm.hooks.resume)(vm, it, Value::NONE, None)? {
            molt_vm::vm::Resumed::Yielded(v) => return Ok(v),
            molt_vm::vm::Resumed::Returned(v) => {
                if args.pos.len() == 2 {
                    return Ok(args.pos[1]);
                }
                return Err(vm.stop_iteration(v));
            }
        }
    }
    match ops::next(vm, it)? {
        Some(v) => Ok(v),
        None => {
            if args.pos.len() == 2 {
                Ok(args.pos[1])
            } else {
                Err(vm.stop_iteration(Value::NONE))
            }
        }
    }
}

fn all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "all", &args, 1, 1)?;
    let it = ops::get_iter(vm, args.pos[0])?;
    while let Some(v) = ops::next(vm, it)? {
        if !ops::truthy(vm, v)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "any", &args, 1, 1)?;
    let it = ops::get_iter(vm, args.pos[0])?;
    while let Some(v) = ops::next(vm, it)? {
        if ops::truthy(vm, v)? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "id", &args, 1, 1)?;
    let v = args.pos[0];
    let n = if v.is_ptr() {
        v.obj_ptr() as i64
    } else {
        (v.0 >> 1) as i64 & 0x3fff_ffff_ffff
    };
    Ok(vm.new_int(n))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "hash", &args, 1, 1)?;
    let h = ops::hash(vm, args.pos[0])?;
    Ok(vm.new_int(h))
}

fn callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "callable", &args, 1, 1)?;
    Ok(Value::bool(crate::modules::native::is_callable(
        vm,
        args.pos[0],
    )))
}

fn chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "chr", &args, 1, 1)?;
    let i = ops::to_index(vm, args.pos[0])?;
    match u32::try_from(i) {
        Ok(cp) if cp < 0x110000 => Ok(vm.char_str(cp)),
        _ => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "ord", &args, 1, 1)?;
    let v = args.pos[0];
    if let Some(Kind::Str(s)) = v.obj().map(|o| &o.kind) {
        return match s.char_len() {
            1 => Ok(vm.new_int(s.code_point_at(0) as i64)),
            n => {
                let msg = format!(
                    "ord() expected a character, but string of length {} found",
                    n
                );
                Err(vm.type_error(msg))
            }
        };
    }
    if let Some(b) = ops::convert::bytes_of(v) {
        if b.len() == 1 {
            return Ok(vm.new_int(b[0] as i64));
        }
        let msg = format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        );
        return Err(vm.type_error(msg));
    }
    let msg = format!(
        "ord() expected string of length 1, but {} found",
        type_name(vm, v)
    );
    Err(vm.type_error(msg))
}

fn radix(vm: &mut Vm, args: Args, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
    check_args(vm, name, &args, 1, 1)?;
    let v = ops::convert::index_value(vm, args.pos[0])?;
    let Some(b) = ops::arith::to_bigint(v) else {
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    };
    let s = format!(
        "{}{}{}",
        if b.is_negative() { "-" } else { "" },
        prefix,
        b.abs().to_str_radix(r)
    );
    Ok(vm.new_string(s))
}

fn bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(vm, args, "bin", 2, "0b")
}
fn oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(vm, args, "oct", 8, "0o")
}
fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix(vm, args, "hex", 16, "0x")
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "divmod", &args, 2, 2)?;
    let (a, b) = (args.pos[0], args.pos[1]);
    if num_of(a).is_none() || num_of(b).is_none() {
        let cls = type_of(vm, a);
        let dn = vm.intern("__divmod__");
        if let Some(m) = molt_vm::class::lookup_user(vm, cls, dn) {
            return ops::call2(vm, m, a, b);
        }
        let msg = format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            type_name(vm, a),
            type_name(vm, b)
        );
        return Err(vm.type_error(msg));
    }
    let is_zero = matches!(num_of(b), Some(Num::Small(0)))
        || matches!(num_of(b), Some(Num::Float(f)) if f == 0.0);
    if is_zero {
        let msg = if matches!(num_of(a), Some(Num::Float(_)))
            || matches!(num_of(b), Some(Num::Float(_)))
        {
            "float divmod()"
        } else {
            "integer division or modulo by zero"
        };
        return Err(vm.zero_division(msg));
    }
    let q = ops::binary(vm, BinOp::FloorDiv, a, b)?;
    let r = ops::binary(vm, BinOp::Mod, a, b)?;
    Ok(vm.new_tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "pow", &args, &["base", "exp", "mod"], 2)?;
    let (x, y) = (a[0].unwrap(), a[1].unwrap());
    match a[2].filter(|m| !m.is_none()) {
        None => ops::binary(vm, BinOp::Pow, x, y),
        Some(m) => {
            let (bx, by, bm) = match (
                ops::arith::to_bigint(x),
                ops::arith::to_bigint(y),
                ops::arith::to_bigint(m),
            ) {
                (Some(p), Some(q), Some(r)) => (p, q, r),
                _ => {
                    return Err(vm.type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ))
                }
            };
            if bm.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let r = if by.is_negative() {
                // Modular inverse.
                let inv = mod_inverse(&bx, &bm).ok_or_else(|| {
                    vm.value_error("base is not invertible for the given modulus")
                })?;
                inv.modpow(&(-by), &bm.abs())
            } else {
                bx.modpow(&by, &bm.abs())
            };
            let r = if !r.is_zero() && bm.is_negative() {
                r + &bm
            } else {
                r
            };
            let r = if r.is_negative() && bm.is_positive() {
                r + &bm
            } else {
                r
            };
            Ok(vm.new_bigint(r))
        }
    }
}

fn mod_inverse(a: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_integer::Integer;
    let m = m.abs();
    let e = a.mod_floor(&m).extended_gcd(&m);
    if e.gcd != num_bigint::BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(&m))
}

/// `round(number, ndigits=None)`; also `int.__round__` and `float.__round__`.
pub(crate) fn round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "round", &args, &["number", "ndigits"], 1)?;
    let x = a[0].unwrap();
    let nd = a[1].filter(|v| !v.is_none());
    match num_of(x) {
        Some(Num::Float(f)) => match nd {
            None => {
                if !f.is_finite() {
                    return Err(if f.is_nan() {
                        vm.value_error("cannot convert float NaN to integer")
                    } else {
                        vm.overflow_error("cannot convert float infinity to integer")
                    });
                }
                let r = f.round_ties_even();
                let r = <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(r)
                    .unwrap_or_default();
                Ok(vm.new_bigint(r))
            }
            Some(n) => {
                let n = ops::to_index(vm, n)?;
                Ok(Value::float(round_float(f, n)))
            }
        },
        Some(Num::Small(_)) | Some(Num::Big(_)) => match nd {
            None => Ok(ops::arith::int_value(vm, x)),
            Some(n) => {
                let n = ops::to_index(vm, n)?;
                if n >= 0 {
                    return Ok(ops::arith::int_value(vm, x));
                }
                let p = num_bigint::BigInt::from(10).pow((-n) as u32);
                let b = ops::arith::to_bigint(x).unwrap();
                use num_integer::Integer;
                let (q, r) = b.div_mod_floor(&p);
                let twice = &r * 2;
                let q = if twice > p || (twice == p && q.is_odd()) {
                    q + 1
                } else {
                    q
                };
                Ok(vm.new_bigint(q * p))
            }
        },
        _ => {
            let cls = type_of(vm, x);
            match lookup(vm, cls, vm.names.__round__) {
                Some(m) => match nd {
                    Some(n) => ops::call2(vm, m, x, n),
                    None => ops::call1(vm, m, x),
                },
                None => {
                    let msg = format!("type {} doesn't define __round__ method", type_name(vm, x));
                    Err(vm.type_error(msg))
                }
            }
        }
    }
}

/// Correctly rounded `round(f, n)` via decimal formatting (what CPython's dtoa does).
fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || n > 308 {
        return f;
    }
    if n < -308 {
        return 0.0f64.copysign(f);
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        s.parse().unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = (f / p).round_ties_even() * p;
        if y.is_finite() {
            y
        } else {
            f
        }
    }
}

fn format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "format", &args, 1, 2)?;
    let spec = args.pos.get(1).copied().unwrap_or(Value::NONE);
    molt_vm::format::format_value(vm, args.pos[0], spec)
}

fn vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "vars", &args, 0, 1)?;
    if args.pos.is_empty() {
        return locals(vm, args);
    }
    let d = vm.names.__dict__;
    match ops::getattr_opt(vm, args.pos[0], d)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

fn dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "dir", &args, 0, 1)?;
    let mut names: Vec<String> = vec![];
    if args.pos.is_empty() {
        let l = locals(vm, args)?;
        if let Kind::Dict(d) = &l.as_obj().kind {
            names = d
                .get()
                .keys()
                .iter()
                .filter_map(|k| str_of(*k).map(|s| s.to_string()))
                .collect();
        }
    } else {
        let v = args.pos[0];
        let add_dict = |d: Value, names: &mut Vec<String>| {
            if let Kind::Dict(dd) = &d.as_obj().kind {
                for k in dd.get().keys() {
                    if let Some(s) = str_of(k) {
                        names.push(s.to_string());
                    }
                }
            }
        };
        match v.obj().map(|o| &o.kind) {
            Some(Kind::Module(m)) => add_dict(m.dict, &mut names),
            Some(Kind::Class(c)) => {
                for k in c.mro.get().clone() {
                    add_dict(class_data(k).dict, &mut names);
                }
            }
            kind => {
                // A bound method shows its function's attributes.
                let own = match kind {
                    Some(Kind::BoundMethod { func, .. }) => *func,
                    _ => v,
                };
                if let Some(Kind::Function(_)) = own.obj().map(|o| &o.kind) {
                    names.extend(
                        [
                            "__annotations__",
                            "__builtins__",
                            "__call__",
                            "__closure__",
                            "__code__",
                            "__defaults__",
                            "__dict__",
                            "__doc__",
                            "__globals__",
                            "__kwdefaults__",
                            "__module__",
                            "__name__",
                            "__qualname__",
                        ]
                        .iter()
                        .map(|s| s.to_string()),
                    );
                }
                if let Some(a) = own.obj().and_then(|o| o.attrs()) {
                    match a {
                        molt_vm::shape::AttrStore::Shaped { shape, .. } => names.extend(
                            shape
                                .names
                                .iter()
                                .filter_map(|n| str_of(*n).map(|s| s.to_string())),
                        ),
                        molt_vm::shape::AttrStore::Dict(d) => add_dict(*d, &mut names),
                    }
                }
                let cls = type_of(vm, v);
                for k in class_data(cls).mro.get().clone() {
                    add_dict(class_data(k).dict, &mut names);
                }
            }
        }
    }
    names.sort();
    names.dedup();
    let vals: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
    Ok(vm.new_list(vals))
}

fn current_frame(vm: &Vm) -> Option<&'static mut molt_vm::frame::Frame> {
    vm.frames.last().map(|f| unsafe { &mut **f })
}

fn globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match current_frame(vm) {
        Some(f) => Ok(f.globals),
        None => Ok(vm.new_dict()),
    }
}

fn locals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let f = match current_frame(vm) {
        Some(f) => f,
        None => return Ok(vm.new_dict()),
    };
    if !f.locals.is_none() {
        return Ok(f.locals);
    }
    let d = vm.new_dict();
    let code = f.code();
    for (i, n) in code.varnames.iter().enumerate() {
        let mut v = f.regs[i];
        if let Some(Kind::Cell(c)) = v.obj().map(|o| &o.kind) {
            v = c.get();
        }
        if !v.is_unbound() {
            vm.dict_set_str(d, *n, v);
        }
    }
    Ok(d)
}

fn input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_args(vm, "input", &args, 0, 1)?;
    if let Some(p) = args.pos.first() {
        let s = ops::str_string(vm, *p)?;
        write_stdout(&s);
    }
    flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => {
            let c = vm.exc.EOFError;
            Err(vm.err(c, "EOF when reading a line"))
        }
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_string(line))
        }
        Err(e) => {
            let c = vm.exc.OSError;
            Err(vm.err(c, e.to_string()))
        }
    }
}

fn code_for(vm: &mut Vm, src: Value, mode: &str) -> PyResult<Value> {
    if let Some(Kind::Code(_)) = src.obj().map(|o| &o.kind) {
        return Ok(src);
    }
    let s = match str_of(src) {
        Some(s) => s.to_string(),
        None => match ops::convert::bytes_of(src) {
            Some(b) => String::from_utf8_lossy(&b).to_string(),
            None => {
                let msg = format!(
                    "{}() arg 1 must be a string, bytes or code object",
                    if mode == "eval" { "eval" } else { "exec" }
                );
                return Err(vm.type_error(msg));
            }
        },
    };
    (vm.hooks.compile)(vm, &s, "<string>", mode)
}

fn exec_or_eval(vm: &mut Vm, args: Args, mode: &str) -> PyResult<Value> {
    check_args(vm, mode, &args, 1, 3)?;
    let code = code_for(vm, args.pos[0], mode)?;
    if let Some(Kind::Code(c)) = code.obj().map(|o| &o.kind) {
        // A closure's code needs its cells, which only a function supplies.
        if !c.free_regs.is_empty() {
            let msg = format!(
                "code object passed to {}() may not contain free variables",
                mode
            );
            return Err(vm.type_error(msg));
        }
    }
    let (globals, locals) = match (
        args.pos.get(1).copied().filter(|v| !v.is_none()),
        args.pos.get(2).copied().filter(|v| !v.is_none()),
    ) {
        (Some(g), Some(l)) => (g, l),
        (Some(g), None) => (g, g),
        (None, l) => {
            let f = current_frame(vm);
            let g = f.as_ref().map(|f| f.globals).unwrap_or(Value::NONE);
            let loc = match l {
                Some(l) => l,
                None => {
                    if f.as_ref().map_or(true, |f| !f.locals.is_none()) {
                        f.map(|f| f.locals).unwrap_or(g)
                    } else {
                        locals(vm, Args::new(&[]))?
                    }
                }
            };
            (g, loc)
        }
    };
    if !matches!(globals.obj().map(|o| &o.kind), Some(Kind::Dict(_))) {
        let msg = format!(
            "{}() globals must be a dict, not {}",
            mode,
            type_name(vm, globals)
        );
        return Err(vm.type_error(msg));
    }
    let bk = vm.names.__builtins__;
    if vm.dict_get_str(globals, bk).is_none() {
        let b = vm.builtins;
        vm.dict_set_str(globals, bk, b);
    }
    let r = (vm.hooks.exec)(vm, code, globals, locals)?;
    Ok(if mode == "eval" { r } else { Value::NONE })
}

fn exec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    exec_or_eval(vm, args, "exec")
}

fn eval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    exec_or_eval(vm, args, "eval")
}

fn compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "compile",
        &args,
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
        3,
    )?;
    let src = str_of(a[0].unwrap()).unwrap_or("").to_string();
    let filename = ops::str_string(vm, a[1].unwrap())?;
    let mode = str_of(a[2].unwrap()).unwrap_or("").to_string();
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    }
    (vm.hooks.compile)(vm, &src, &filename, &mode)
}

/// `__build_class__(body, name, *bases, metaclass=None, **kw)`
/// PEP 560: a base that is not a class but has `__mro_entries__`
/// (`list[int]`, `typing.Generic[T]`) is replaced by what that returns.
fn resolve_bases(vm: &mut Vm, bases: &[Value]) -> PyResult<Vec<Value>> {
    let name = vm.intern("__mro_entries__");
    let mut out = Vec::with_capacity(bases.len());
    let mut all: Option<Value> = None;
    for &b in bases {
        if is_class(b) {
            out.push(b);
            continue;
        }
        let Some(entries) = ops::getattr_opt(vm, b, name)? else {
            out.push(b);
            continue;
        };
        let all = *all.get_or_insert_with(|| vm.new_tuple(bases.to_vec()));
        let r = ops::call1(vm, entries, all)?;
        match ops::tuple_items(r) {
            Some(items) => out.extend_from_slice(items),
            None => return Err(vm.type_error("__mro_entries__ must return a tuple")),
        }
    }
    Ok(out)
}

fn build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let (body, name) = (args.pos[0], args.pos[1]);
    let orig_bases = args.pos[2..].to_vec();
    let bases = resolve_bases(vm, &orig_bases)?;
    let meta = args.kw("metaclass");
    let mut kwnames = vec![];
    let mut kwvalues = vec![];
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        if str_of(*k) != Some("metaclass") {
            kwnames.push(*k);
            kwvalues.push(*v);
        }
    }
    let meta = match meta {
        // CPython starts from the first base's type, so `class C(5)` calls int().
        None => {
            let first = bases.first().map_or(vm.t.type_, |&b| type_of(vm, b));
            crate::constructors::most_derived_metaclass(vm, first, &bases)?
        }
        Some(m) if is_class(m) => crate::constructors::most_derived_metaclass(vm, m, &bases)?,
        Some(m) => m,
    };
    let ns = match molt_vm::class::lookup_user(vm, type_of(vm, meta), vm.names.__prepare__).or_else(
        || {
            if is_class(meta) {
                molt_vm::class::lookup_user(vm, meta, vm.names.__prepare__)
            } else {
                None
            }
        },
    ) {
        Some(p) => {
            let bt = vm.new_tuple(bases.clone());
            let p = ops::attr::bind(vm, p, Value::UNBOUND, meta)?;
            let p = match p.obj().map(|o| &o.kind) {
                Some(Kind::Function(_)) => {
                    let mc = vm.t.method;
                    vm.alloc(
                        mc,
                        Kind::BoundMethod {
                            func: p,
                            receiver: meta,
                        },
                    )
                }
                _ => p,
            };
            ops::call(vm, p, Args::new(&[name, bt]))?
        }
        None => vm.new_dict(),
    };
    if bases != orig_bases {
        let k = vm.intern("__orig_bases__");
        let ob = vm.new_tuple(orig_bases);
        ops::setitem(vm, ns, k, ob)?;
    }
    let cell = (vm.hooks.run_with_locals)(vm, body, ns)?;
    // As in CPython, the body's `__class__` cell travels in the namespace
    // so that `type.__new__` fills it before `__set_name__` and
    // `__init_subclass__` run (they may call methods that use `super()`).
    let has_cell = matches!(cell.obj().map(|o| &o.kind), Some(Kind::Cell(_)));
    if has_cell {
        let k = vm.names.__classcell__;
        ops::setitem(vm, ns, k, cell)?;
    }
    let bt = vm.new_tuple(bases);
    let cls = ops::call(
        vm,
        meta,
        Args {
            pos: &[name, bt, ns],
            kwnames: &kwnames,
            kwvalues: &kwvalues,
        },
    )?;
    if let Some(Kind::Cell(c)) = cell.obj().map(|o| &o.kind) {
        c.set(cls);
    }
    Ok(cls)
}

fn import(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "__import__",
        &args,
        &["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let name = a[0].unwrap();
    if str_of(name).is_none() {
        return Err(vm.type_error("__import__() argument 1 must be str"));
    }
    let globals = a[1]
        .filter(|v| !v.is_none())
        .unwrap_or_else(|| vm.new_dict());
    let fromlist = a[3].unwrap_or(Value::NONE);
    let fromlist = if fromlist.is_none() {
        fromlist
    } else {
        let items = ops::iter::collect(vm, fromlist)?;
        vm.new_tuple(items)
    };
    let level = match a[4] {
        Some(l) => ops::to_index(vm, l)?,
        None => 0,
    };
    let name = vm.intern_value(name);
    (vm.hooks.import)(vm, name, globals, fromlist, level)
}

fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    crate::modules::io::open(vm, args)
}
