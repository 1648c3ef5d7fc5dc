//! Methods of the core types other than str/bytes and containers:
//! `object`, `type`, generators, builtin iterators, `property`, numbers,
//! and `str.format`.

use molt_vm::class::{type_name, type_of};
use molt_vm::object::Kind;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::ops::{self, str_of};
use molt_vm::vm::class_data;
use molt_vm::{Args, PyResult, Value, Vm};
use num_traits::Signed;

pub fn register(vm: &mut Vm) {
    let o = vm.t.object;
    vm.add_native(o, "__repr__", object_repr);
    vm.add_native(o, "__str__", object_str);
    vm.add_native(o, "__eq__", object_eq);
    vm.add_native(o, "__ne__", object_ne);
    vm.add_native(o, "__hash__", object_hash);
    vm.add_native(o, "__format__", object_format);
    vm.add_native(o, "__setattr__", object_setattr);
    vm.add_native(o, "__getattribute__", object_getattribute);
    vm.add_native(o, "__delattr__", object_delattr);
    vm.add_native(o, "__init_subclass__", object_init_subclass);
    vm.add_native(o, "__subclasshook__", object_subclasshook);
    vm.add_native(o, "__reduce_ex__", object_reduce_ex);
    vm.add_native(o, "__reduce__", object_reduce);
    vm.add_native(o, "__getstate__", object_getstate);
    let t = vm.t.type_;
    vm.add_native(t, "mro", type_mro);
    vm.add_native(t, "__subclasses__", type_subclasses);
    // Descriptors in `type.__dict__`, as `inspect.getattr_static` reads them.
    crate::modules::native::getset(vm, t, "__mro__", type_mro_get);
    crate::modules::native::getset(vm, t, "__dict__", type_dict_get);
    let iters = [
        vm.t.list_iterator,
        vm.t.list_reverseiterator,
        vm.t.tuple_iterator,
        vm.t.str_iterator,
        vm.t.bytes_iterator,
        vm.t.range_iterator,
        vm.t.longrange_iterator,
        vm.t.dict_keyiterator,
        vm.t.dict_valueiterator,
        vm.t.dict_itemiterator,
        vm.t.set_iterator,
        vm.t.reversed,
        vm.t.enumerate,
        vm.t.zip,
        vm.t.map,
        vm.t.filter,
        vm.t.callable_iterator,
        vm.t.seq_iterator,
    ];
    for c in iters {
        vm.add_native(c, "__next__", iter_next);
        vm.add_native(c, "__iter__", identity);
    }
    let p = vm.t.property;
    vm.add_native(p, "setter", property_setter);
    vm.add_native(p, "getter", property_getter);
    vm.add_native(p, "deleter", property_deleter);
    let t = &vm.t;
    for c in [
        t.property,
        t.function,
        t.classmethod,
        t.staticmethod,
        t.getset_descriptor,
    ] {
        vm.add_native(c, "__get__", descriptor_get);
    }
    let i = vm.t.int;
    vm.add_native(i, "bit_length", int_bit_length);
    vm.add_native(i, "bit_count", int_bit_count);
    vm.add_native(i, "as_integer_ratio", int_as_integer_ratio);
    vm.add_native(i, "conjugate", identity);
    vm.add_native(i, "__index__", identity);
    vm.add_native(i, "__int__", identity);
    let f = vm.t.float;
    vm.add_native(f, "is_integer", float_is_integer);
    vm.add_native(f, "conjugate", identity);
    vm.add_native(f, "as_integer_ratio", float_as_integer_ratio);
    vm.add_native(f, "__float__", identity);
    vm.add_native(f, "hex", float_hex);
    crate::modules::native::classmethod(vm, f, "__getformat__", float_getformat);
    let r = vm.t.range;
    vm.add_native(r, "index", range_index);
    vm.add_native(r, "count", range_count);
    let sl = vm.t.slice;
    vm.add_native(sl, "indices", slice_indices);
    let c = vm.t.complex;
    vm.add_native(c, "conjugate", complex_conjugate);
    let s = vm.t.str_;
    vm.add_native(s, "format", str_format);
    vm.add_native(s, "format_map", str_format_map);
    // Traceback frames are snapshots holding no locals: clearing one
    // (`traceback.clear_frames`, unittest's assertRaises) has nothing to do.
    let fr = vm.t.frame;
    vm.add_native(fr, "clear", return_none);
    let bf = vm.t.builtin_function;
    vm.add_native(bf, "__reduce__", builtin_reduce);
    vm.add_native(bf, "__reduce_ex__", builtin_reduce);
    let be = vm.exc.BaseException;
    vm.add_native(be, "with_traceback", identity);
    vm.add_native(be, "__str__", exception_str);
    // Explicit calls (`dict.__getitem__(d, k)`, `super().__setitem__(k, v)`)
    // act on the builtin payload, whatever a subclass overrides.
    let t = &vm.t;
    let subscriptable = [
        t.list,
        t.tuple,
        t.dict,
        t.str_,
        t.bytes,
        t.bytearray,
        t.range,
    ];
    let mutable = [t.list, t.dict, t.bytearray];
    for c in subscriptable {
        vm.add_native(c, "__getitem__", slot_getitem);
    }
    for c in mutable {
        vm.add_native(c, "__setitem__", slot_setitem);
        vm.add_native(c, "__delitem__", slot_delitem);
    }
    // PEP 585: `list[int]` and friends are `types.GenericAlias`es.
    let t = &vm.t;
    for c in [t.list, t.tuple, t.dict, t.set, t.frozenset, t.type_] {
        crate::modules::native::classmethod(
            vm,
            c,
            "__class_getitem__",
            crate::modules::native::class_getitem,
        );
    }
    let (l, d) = (vm.t.list, vm.t.dict);
    vm.add_native(l, "__len__", any_len);
    vm.add_native(d, "__len__", any_len);
}

fn class_arg(vm: &mut Vm, args: &Args, what: &str) -> PyResult<Value> {
    match args.pos.first() {
        Some(c) if molt_vm::class::is_class(*c) => Ok(*c),
        _ => Err(vm.type_error(format!(
            "descriptor '{}' for 'type' objects doesn't apply to this object",
            what
        ))),
    }
}

fn type_mro_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = class_arg(vm, &args, "__mro__")?;
    let m = class_data(c).mro.get().clone();
    Ok(vm.new_tuple(m))
}

fn type_dict_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = class_arg(vm, &args, "__dict__")?;
    Ok(class_data(c).dict)
}

/// `cls.__subclasses__()`: the live classes that name `cls` as a base.
fn type_subclasses(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.pos[0];
    if !molt_vm::class::is_class(cls) {
        return Err(vm.type_error("descriptor '__subclasses__' requires a 'type' object"));
    }
    let refs = class_data(cls).subclasses.get();
    refs.retain(|r| !molt_vm::weakref::weak_referent(*r).is_none());
    let live: Vec<Value> = refs
        .iter()
        .map(|r| molt_vm::weakref::weak_referent(*r))
        .collect();
    Ok(vm.new_list(live))
}

fn copyreg_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = vm.new_str("copyreg");
    let copyreg = (vm.hooks.import)(vm, m, Value::NONE, Value::NONE, 0)?;
    let n = vm.intern(name);
    ops::getattr(vm, copyreg, n)
}

/// `object.__reduce__()`: copyreg's protocol-0 reduction.
fn object_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = copyreg_attr(vm, "_reduce_ex")?;
    ops::call2(vm, f, args.pos[0], Value::small_int_unchecked(0))
}

/// `object.__reduce_ex__(protocol)`: a class's own `__reduce__` if it has
/// one; else copyreg's reduction (protocols 0 and 1) or the `__newobj__`
/// form with `__getnewargs__` and `__getstate__` (protocol 2 and up).
fn object_reduce_ex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__reduce_ex__", &Args::new(&args.pos[1..]), 1, 1)?;
    let (me, protocol) = (args.pos[0], args.pos[1]);
    let cls = type_of(vm, me);
    let reduce = vm.intern("__reduce__");
    let own = molt_vm::class::lookup(vm, cls, reduce);
    let objects = vm.dict_get_str(class_data(vm.t.object).dict, reduce);
    if own.is_some()
        && !own
            .map(|r| r.is(objects.unwrap_or(Value::NONE)))
            .unwrap_or(false)
    {
        let bound = ops::getattr(vm, me, reduce)?;
        return ops::call0(vm, bound);
    }
    let protocol = ops::to_index(vm, protocol)?;
    if protocol < 2 {
        let f = copyreg_attr(vm, "_reduce_ex")?;
        let p = vm.new_int(protocol);
        return ops::call2(vm, f, me, p);
    }
    let newobj = copyreg_attr(vm, "__newobj__")?;
    let getnewargs = vm.intern("__getnewargs__");
    let mut newargs = vec![cls];
    if let Some(f) = ops::getattr_opt(vm, me, getnewargs)? {
        let a = ops::call0(vm, f)?;
        newargs.extend(ops::tuple_items(a).unwrap_or(&[]).iter().copied());
    }
    let newargs = vm.new_tuple(newargs);
    let getstate = vm.intern("__getstate__");
    let gs = ops::getattr(vm, me, getstate)?;
    let state = ops::call0(vm, gs)?;
    let listitems = if molt_vm::class::isinstance(vm, me, vm.t.list) {
        ops::get_iter(vm, me)?
    } else {
        Value::NONE
    };
    let dictitems = if molt_vm::class::isinstance(vm, me, vm.t.dict) {
        let items = vm.intern("items");
        let it = ops::call_method(vm, me, items, &[])?;
        ops::get_iter(vm, it)?
    } else {
        Value::NONE
    };
    Ok(vm.new_tuple(vec![newobj, newargs, state, listitems, dictitems]))
}

/// `object.__getstate__()`: the instance dict (None when empty), paired
/// with a dict of the `__slots__` values when the class has slots.
fn object_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos[0];
    let d = ops::getattr_opt(vm, me, vm.names.__dict__)?;
    let state = match d {
        Some(d) if ops::convert::len_of(d) > 0 => d,
        _ => Value::NONE,
    };
    let cls = type_of(vm, me);
    let mut slot_names = vec![];
    for c in class_data(cls).mro.get().clone() {
        if let Some(names) = class_data(c).slots.get() {
            slot_names.extend(names.iter().copied());
        }
    }
    if slot_names.is_empty() {
        return Ok(state);
    }
    let slots = vm.new_dict();
    for n in slot_names {
        if ops::str_of(n).is_some_and(|s| s == "__dict__" || s == "__weakref__") {
            continue;
        }
        if let Some(v) = ops::getattr_opt(vm, me, n)? {
            ops::dict_set(vm, slots, n, v)?;
        }
    }
    let slots = if ops::convert::len_of(slots) > 0 {
        slots
    } else {
        Value::NONE
    };
    Ok(vm.new_tuple(vec![state, slots]))
}

/// `object.__subclasshook__(subclass)`: no opinion (abc's default).
fn object_subclasshook(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

/// `float.__getformat__('double' | 'float')`: how the machine stores floats.
fn float_getformat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__getformat__", &Args::new(&args.pos[1..]), 1, 1)?;
    match ops::str_of(args.pos[1]) {
        Some("double" | "float") => Ok(vm.new_str(if cfg!(target_endian = "little") {
            "IEEE, little-endian"
        } else {
            "IEEE, big-endian"
        })),
        Some(_) => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
        None => {
            let msg = format!(
                "__getformat__() argument must be str, not {}",
                molt_vm::class::type_name(vm, args.pos[1])
            );
            Err(vm.type_error(msg))
        }
    }
}

/// Pickling a builtin function: by name (`iter`), or for a bound method
/// as `getattr(self, name)`.
fn builtin_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = args.pos[0];
    let Some(Kind::Native(n)) = f.obj().map(|o| &o.kind) else {
        return Err(
            vm.type_error("descriptor '__reduce__' requires a 'builtin_function_or_method' object")
        );
    };
    let (name, me) = (n.name, n.bound_self);
    let is_module = matches!(me.obj().map(|o| &o.kind), Some(Kind::Module(_)));
    let name = vm.new_str(name);
    if me.is_none() || is_module {
        return Ok(name);
    }
    let b = vm.builtins;
    let k = vm.intern("getattr");
    let getattr = vm.dict_get_str(b, k).unwrap_or(Value::NONE);
    let a = vm.new_tuple(vec![me, name]);
    Ok(vm.new_tuple(vec![getattr, a]))
}

fn return_none(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn identity(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos[0])
}

fn object_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos[0];
    let s = if molt_vm::class::is_class(v) || !class_data(type_of(vm, v)).builtin {
        molt_vm::ops::repr::default_repr(vm, v)
    } else {
        ops::repr_string(vm, v)?
    };
    let s = if molt_vm::class::is_class(v) {
        molt_vm::ops::repr::class_repr(vm, v)
    } else {
        s
    };
    Ok(vm.new_string(s))
}

fn object_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::repr(vm, args.pos[0])
}

fn object_eq(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(if args.pos[0].is(args.pos[1]) {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}

fn object_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = ops::compare(vm, molt_vm::bytecode::CmpOp::Eq, args.pos[0], args.pos[1])?;
    Ok(Value::bool(!ops::truthy(vm, r)?))
}

fn object_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos[0];
    let a = if v.is_ptr() { v.obj_ptr() as u64 } else { v.0 };
    Ok(vm.new_int(((a >> 4) | (a << 60)) as i64 & 0x0fff_ffff_ffff_ffff))
}

fn object_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let spec = args.pos.get(1).copied().unwrap_or(Value::NONE);
    if !spec.is_none() && !str_of(spec).unwrap_or("").is_empty() {
        let msg = format!(
            "unsupported format string passed to {}.__format__",
            type_name(vm, args.pos[0])
        );
        return Err(vm.type_error(msg));
    }
    ops::to_str(vm, args.pos[0])
}

/// An attribute name argument, interned; CPython's TypeError for a non-str.
fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if ops::str_of(v).is_none() {
        let msg = format!("attribute name must be string, not '{}'", type_name(vm, v));
        return Err(vm.type_error(msg));
    }
    Ok(vm.intern_value(v))
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(
        vm,
        "__setattr__",
        &Args::new(args.pos.get(1..).unwrap_or(&[])),
        2,
        2,
    )?;
    let n = attr_name(vm, args.pos[1])?;
    molt_vm::ops::attr::generic_setattr(vm, args.pos[0], n, args.pos[2])?;
    Ok(Value::NONE)
}

fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(
        vm,
        "__getattribute__",
        &Args::new(args.pos.get(1..).unwrap_or(&[])),
        1,
        1,
    )?;
    let (obj, name) = (args.pos[0], attr_name(vm, args.pos[1])?);
    let cls = type_of(vm, obj);
    match molt_vm::ops::attr::generic_getattr(vm, obj, cls, name)? {
        Some(v) => Ok(v),
        None => Err(molt_vm::ops::attr::no_attribute(vm, obj, name)),
    }
}

fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(
        vm,
        "__delattr__",
        &Args::new(args.pos.get(1..).unwrap_or(&[])),
        1,
        1,
    )?;
    let (obj, name) = (args.pos[0], attr_name(vm, args.pos[1])?);
    molt_vm::ops::attr::generic_delattr(vm, obj, name)?;
    Ok(Value::NONE)
}

fn object_init_subclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kw() {
        let msg = format!(
            "{}.__init_subclass__() takes no keyword arguments",
            molt_vm::class::class_name(args.pos[0])
        );
        return Err(vm.type_error(msg));
    }
    Ok(Value::NONE)
}

fn type_mro(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = class_data(args.pos[0]).mro.get().clone();
    Ok(vm.new_list(m))
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match ops::next(vm, args.pos[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::NONE)),
    }
}

fn property_with(vm: &mut Vm, args: &Args, which: usize) -> PyResult<Value> {
    let (fget, fset, fdel, doc) = match &args.pos[0].as_obj().kind {
        Kind::Property {
            fget,
            fset,
            fdel,
            doc,
        } => (*fget, *fset, *fdel, *doc),
        _ => return Err(vm.type_error("descriptor requires a property")),
    };
    let f = args.pos[1];
    let (fget, fset, fdel) = match which {
        0 => (f, fset, fdel),
        1 => (fget, f, fdel),
        _ => (fget, fset, f),
    };
    let c = type_of(vm, args.pos[0]);
    Ok(vm.alloc(
        c,
        Kind::Property {
            fget,
            fset,
            fdel,
            doc,
        },
    ))
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, &args, 0)
}
fn property_setter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, &args, 1)
}
fn property_deleter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, &args, 2)
}

/// `__get__(obj, type=None)` of the builtin descriptors (functions,
/// class and static methods, properties): the VM's own binding.
fn descriptor_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__get__", &Args::new(&args.pos[1..]), 1, 2)?;
    let (descr, obj) = (args.pos[0], args.pos[1]);
    let owner = args.pos.get(2).copied().filter(|o| !o.is_none());
    if obj.is_none() {
        let Some(owner) = owner else {
            return Err(vm.type_error("__get__(None, None) is invalid"));
        };
        return molt_vm::ops::attr::bind(vm, descr, Value::UNBOUND, owner);
    }
    let cls = owner.unwrap_or_else(|| type_of(vm, obj));
    molt_vm::ops::attr::bind(vm, descr, obj, cls)
}

fn int_bit_length(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = match num_of(args.pos[0]) {
        Some(Num::Small(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Some(Num::Big(b)) => b.abs().bits() as i64,
        _ => 0,
    };
    Ok(vm.new_int(n))
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = ops::arith::int_value(vm, args.pos[0]);
    Ok(vm.new_tuple(vec![v, Value::small_int_unchecked(1)]))
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = ops::to_f64(vm, args.pos[0])?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    // f = m * 2**e exactly, with m an integer.
    let (mut m, mut e) = molt_vm::hash::frexp(f);
    let mut k = 0;
    while m != m.floor() && k < 1100 {
        m *= 2.0;
        e -= 1;
        k += 1;
    }
    let mut num = num_bigint::BigInt::from(m as i128);
    let mut den = num_bigint::BigInt::from(1);
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    // Reduce by the common power of two.
    while num_integer::Integer::is_even(&num) && den > num_bigint::BigInt::from(1) {
        num >>= 1usize;
        den >>= 1usize;
    }
    let (n, d) = (vm.new_bigint(num), vm.new_bigint(den));
    Ok(vm.new_tuple(vec![n, d]))
}

fn int_bit_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = match num_of(args.pos[0]) {
        Some(Num::Small(i)) => i.unsigned_abs().count_ones() as i64,
        Some(Num::Big(b)) => b
            .abs()
            .to_u64_digits()
            .1
            .iter()
            .map(|d| d.count_ones() as i64)
            .sum(),
        _ => 0,
    };
    Ok(vm.new_int(n))
}

/// The position of `v` in a range, if it is one of its values.
fn range_position(vm: &mut Vm, r: Value, v: Value) -> PyResult<Option<i64>> {
    if !matches!(num_of(v), Some(Num::Small(_)) | Some(Num::Big(_))) || v.is_float() {
        let n = molt_vm::ops::compare::contains(vm, r, v)?;
        return Ok(if n { Some(-1) } else { None });
    }
    let (start, step) = match &r.as_obj().kind {
        Kind::Range { start, step, .. } => (*start, *step),
        _ => return Ok(None),
    };
    if !molt_vm::ops::compare::contains(vm, r, v)? {
        return Ok(None);
    }
    let off = ops::binary(vm, molt_vm::bytecode::BinOp::Sub, v, start)?;
    let idx = ops::binary(vm, molt_vm::bytecode::BinOp::FloorDiv, off, step)?;
    Ok(Some(ops::to_index(vm, idx)?))
}

fn range_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "index", &Args::new(&args.pos[1..]), 1, 1)?;
    match range_position(vm, args.pos[0], args.pos[1])? {
        Some(i) if i >= 0 => Ok(vm.new_int(i)),
        _ => {
            let r = ops::repr_string(vm, args.pos[1])?;
            Err(vm.value_error(format!("{} is not in range", r)))
        }
    }
}

fn range_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "count", &Args::new(&args.pos[1..]), 1, 1)?;
    let found = range_position(vm, args.pos[0], args.pos[1])?.is_some();
    Ok(Value::small_int_unchecked(found as i64))
}

fn slice_indices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "indices", &Args::new(&args.pos[1..]), 1, 1)?;
    let n = ops::to_index(vm, args.pos[1])?;
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step, _) =
        molt_vm::ops::subscript::slice_indices(vm, args.pos[0], n as usize)?;
    let t = vec![
        vm.new_int(start as i64),
        vm.new_int(stop as i64),
        vm.new_int(step as i64),
    ];
    Ok(vm.new_tuple(t))
}

fn float_is_integer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = ops::to_f64(vm, args.pos[0])?;
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn float_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = ops::to_f64(vm, args.pos[0])?;
    let (m, e) = molt_vm::hash::frexp(f.abs());
    let s = if f == 0.0 {
        format!("{}0x0.0p+0", if f.is_sign_negative() { "-" } else { "" })
    } else {
        let mant = ((m * 2.0 - 1.0) * (1u64 << 52) as f64) as u64;
        let e = e - 1;
        format!(
            "{}0x1.{:013x}p{}{}",
            if f < 0.0 { "-" } else { "" },
            mant,
            if e >= 0 { "+" } else { "-" },
            e.abs()
        )
    };
    Ok(vm.new_string(s))
}

fn complex_conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match num_of(args.pos[0]) {
        Some(Num::Complex(r, i)) => Ok(vm.new_complex(r, -i)),
        _ => Ok(args.pos[0]),
    }
}

fn exception_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = molt_vm::ops::repr::exception_str(vm, args.pos[0])?;
    Ok(vm.new_string(s))
}

/// The receiver of a subscript slot wrapper: an object with a builtin
/// sequence or mapping payload.
fn subscript_receiver(vm: &mut Vm, args: &Args, name: &str, nargs: usize) -> PyResult<Value> {
    ops::call::check_args(vm, name, &Args::new(&args.pos[1..]), nargs, nargs)?;
    let o = args.pos[0];
    let ok = matches!(
        o.obj().map(|o| &o.kind),
        Some(
            Kind::List(_)
                | Kind::Tuple(_)
                | Kind::Dict(_)
                | Kind::Str(_)
                | Kind::Bytes(_)
                | Kind::ByteArray(_)
                | Kind::Range { .. }
        )
    );
    if !ok {
        let msg = format!(
            "descriptor '{}' requires a builtin sequence or mapping but received '{}'",
            name,
            molt_vm::class::type_name(vm, o)
        );
        return Err(vm.type_error(msg));
    }
    Ok(o)
}

fn slot_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let o = subscript_receiver(vm, &args, "__getitem__", 1)?;
    ops::subscript::getitem_builtin(vm, o, args.pos[1])
}

fn slot_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let o = subscript_receiver(vm, &args, "__setitem__", 2)?;
    ops::subscript::setitem_builtin(vm, o, args.pos[1], args.pos[2])?;
    Ok(Value::NONE)
}

fn slot_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let o = subscript_receiver(vm, &args, "__delitem__", 1)?;
    ops::subscript::delitem_builtin(vm, o, args.pos[1])?;
    Ok(Value::NONE)
}

fn any_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(vm.new_int(ops::convert::len_of(args.pos[0]) as i64))
}

/// str.format / format_map: fields `{name!conv:spec}` with attribute and index access.
fn format_impl(
    vm: &mut Vm,
    fmt: &str,
    pos: &[Value],
    kw: &dyn Fn(&mut Vm, &str) -> PyResult<Option<Value>>,
) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut auto = 0usize;
    let mut manual = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if i + 1 < chars.len() && chars[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (format specs may nest one level).
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '{' {
                    depth += 1;
                } else if chars[j] == '}' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth != 0 {
                return Err(vm.value_error("expected '}' before end of string"));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            let (name_part, rest) = match field.find([':', '!']) {
                Some(k) => (&field[..k], &field[k..]),
                None => (&field[..], ""),
            };
            let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
                let conv = r.chars().next();
                let after = &r[conv.map_or(0, |c| c.len_utf8())..];
                (conv, after.strip_prefix(':').unwrap_or(""))
            } else {
                (None, rest.strip_prefix(':').unwrap_or(""))
            };
            // Resolve the field name: first part, then .attr / [key] accessors.
            let first_end = name_part.find(['.', '[']).unwrap_or(name_part.len());
            let first = &name_part[..first_end];
            let mut v = if first.is_empty() {
                if manual {
                    return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
                }
                let idx = auto;
                auto += 1;
                match pos.get(idx) {
                    Some(v) => *v,
                    None => {
                        return Err(vm.index_error(format!(
                            "Replacement index {} out of range for positional args tuple",
                            idx
                        )))
                    }
                }
            } else if let Ok(n) = first.parse::<usize>() {
                if auto > 0 {
                    return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
                }
                manual = true;
                match pos.get(n) {
                    Some(v) => *v,
                    None => {
                        return Err(vm.index_error(format!(
                            "Replacement index {} out of range for positional args tuple",
                            n
                        )))
                    }
                }
            } else {
                match kw(vm, first)? {
                    Some(v) => v,
                    None => {
                        let k = vm.new_str(first);
                        return Err(vm.key_error(k));
                    }
                }
            };
            let mut rest = &name_part[first_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let end = r.find(['.', '[']).unwrap_or(r.len());
                    let an = vm.intern(&r[..end]);
                    v = ops::getattr(vm, v, an)?;
                    rest = &r[end..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let end = r.find(']').unwrap_or(r.len());
                    let key = &r[..end];
                    let kv = match key.parse::<i64>() {
                        Ok(n) => vm.new_int(n),
                        Err(_) => vm.new_str(key),
                    };
                    v = ops::getitem(vm, v, kv)?;
                    rest = &r[(end + 1).min(r.len())..];
                } else {
                    break;
                }
            }
            v = match conv {
                Some('r') => ops::repr(vm, v)?,
                Some('s') => ops::to_str(vm, v)?,
                Some('a') => {
                    let r = ops::repr_string(vm, v)?;
                    vm.new_string(molt_vm::format::ascii_of(&r))
                }
                Some(c) => {
                    return Err(vm.value_error(format!("Unknown conversion specifier {}", c)))
                }
                None => v,
            };
            // Nested fields inside the spec.
            let spec = if spec.contains('{') {
                format_impl(vm, spec, pos, kw)?
            } else {
                spec.to_string()
            };
            let sv = vm.new_string(spec);
            let r = molt_vm::format::format_value(vm, v, sv)?;
            out.push_str(str_of(r).unwrap_or(""));
        } else if c == '}' {
            if i + 1 < chars.len() && chars[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn str_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fmt = str_of(args.pos[0]).unwrap_or("").to_string();
    let names = args.kwnames.to_vec();
    let vals = args.kwvalues.to_vec();
    let kw = move |_vm: &mut Vm, k: &str| -> PyResult<Option<Value>> {
        Ok(names
            .iter()
            .position(|n| str_of(*n) == Some(k))
            .map(|i| vals[i]))
    };
    let s = format_impl(vm, &fmt, &args.pos[1..], &kw)?;
    Ok(vm.new_string(s))
}

fn str_format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "format_map", &Args::new(&args.pos[1..]), 1, 1)?;
    let fmt = str_of(args.pos[0]).unwrap_or("").to_string();
    let m = args.pos[1];
    let kw = move |vm: &mut Vm, k: &str| -> PyResult<Option<Value>> {
        let kv = vm.new_str(k);
        ops::getitem(vm, m, kv).map(Some)
    };
    let s = format_impl(vm, &fmt, &[], &kw)?;
    Ok(vm.new_string(s))
}
