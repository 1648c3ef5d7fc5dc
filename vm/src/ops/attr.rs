//! Attribute access: `getattr`, `setattr`, `delattr` with the descriptor
//! protocol (data descriptors before instance attributes, then non-data
//! descriptors and class attributes), `__getattr__`, and the built-in
//! attributes of core objects (`__name__`, `__dict__`, `__class__`, …).

use super::{call, str_of};
use crate::class::{class_name, lookup, lookup_user, type_of};
use crate::object::{Kind, NativeFunction};
use crate::shape::{AttrStore, MAX_SHAPED_ATTRS};
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};

/// Read an instance attribute from an object's own storage.
pub fn load_instance_attr(obj: Value, name: Value) -> Option<Value> {
    match obj.as_obj().attrs()? {
        AttrStore::Shaped { shape, values } => shape.index_of(name).map(|i| values[i]),
        AttrStore::Dict(d) => {
            let h = super::str_hash(name);
            match &d.as_obj().kind {
                Kind::Dict(dd) => {
                    let mut eq = |a: Value, b: Value| Ok(super::str_values_eq(a, b));
                    crate::dict::DictTable::get(dd, h, name, &mut eq)
                        .ok()
                        .flatten()
                }
                _ => None,
            }
        }
    }
}

/// Store an instance attribute in an object's own storage (no descriptors).
pub fn store_instance_attr(vm: &mut Vm, obj: Value, name: Value, value: Value) {
    let store = obj.as_obj().attrs_or_create();
    match store {
        AttrStore::Shaped { shape, values } => {
            if let Some(i) = shape.index_of(name) {
                values[i] = value;
                return;
            }
            if values.len() < MAX_SHAPED_ATTRS {
                *shape = shape.with(name);
                values.push(value);
                return;
            }
            let d = to_dict_mode(vm, obj);
            vm.dict_set_str(d, name, value);
        }
        AttrStore::Dict(d) => {
            let d = *d;
            vm.dict_set_str(d, name, value);
        }
    }
}

/// Switch an object's attributes to a real dict (and return it): `__dict__`, deletes.
pub fn to_dict_mode(vm: &mut Vm, obj: Value) -> Value {
    let store = obj.as_obj().attrs_or_create();
    if let AttrStore::Dict(d) = store {
        return *d;
    }
    let (names, vals) = match store {
        AttrStore::Shaped { shape, values } => (shape.names.clone(), values.clone()),
        AttrStore::Dict(_) => unreachable!(),
    };
    let d = vm.new_dict();
    for (k, v) in names.into_iter().zip(vals) {
        vm.dict_set_str(d, k, v);
    }
    *obj.as_obj().attrs_or_create() = AttrStore::Dict(d);
    d
}

pub fn is_data_descriptor(vm: &Vm, d: Value) -> bool {
    match d.obj().map(|o| &o.kind) {
        Some(Kind::Property { .. }) => true,
        Some(Kind::Instance(_)) | Some(Kind::Exception(_)) | Some(Kind::NativeObject(_)) => {
            let c = type_of(vm, d);
            lookup_user(vm, c, vm.names.__set__).is_some()
                || lookup_user(vm, c, vm.names.__delete__).is_some()
        }
        _ => false,
    }
}

/// Bind a class attribute found for `obj` (None for access through the class itself).
pub fn bind(vm: &mut Vm, descr: Value, obj: Value, cls: Value) -> PyResult<Value> {
    let o = match descr.obj() {
        Some(o) => o,
        None => return Ok(descr),
    };
    match &o.kind {
        Kind::Function(_) => {
            if obj.is_unbound() {
                Ok(descr)
            } else {
                let c = vm.t.method;
                Ok(vm.alloc(
                    c,
                    Kind::BoundMethod {
                        func: descr,
                        receiver: obj,
                    },
                ))
            }
        }
        Kind::Native(n) if !n.owner.is_none() && n.bound_self.is_none() => {
            if obj.is_unbound() {
                Ok(descr)
            } else {
                let c = vm.t.builtin_function;
                Ok(vm.alloc(
                    c,
                    Kind::Native(NativeFunction {
                        name: n.name,
                        func: n.func,
                        bound_self: obj,
                        owner: n.owner,
                    }),
                ))
            }
        }
        Kind::ClassMethod(f) => {
            let c = vm.t.method;
            let f = *f;
            Ok(vm.alloc(
                c,
                Kind::BoundMethod {
                    func: f,
                    receiver: cls,
                },
            ))
        }
        Kind::StaticMethod(f) => Ok(*f),
        Kind::Property { fget, .. } => {
            if obj.is_unbound() {
                return Ok(descr);
            }
            if fget.is_none() {
                return Err(vm.attribute_error("property has no getter"));
            }
            let g = *fget;
            super::call1(vm, g, obj)
        }
        // Descriptors written in Python, or by native modules (`_tuplegetter`).
        Kind::Instance(_) | Kind::NativeObject(_) => {
            let dc = type_of(vm, descr);
            if let Some(get) = lookup_user(vm, dc, vm.names.__get__) {
                let inst = if obj.is_unbound() { Value::NONE } else { obj };
                return call(vm, get, Args::new(&[descr, inst, cls]));
            }
            Ok(descr)
        }
        _ => Ok(descr),
    }
}

pub fn getattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Value> {
    let cls = type_of(vm, obj);
    if !class_data(cls).builtin {
        let ga = lookup_user(vm, cls, vm.names.__getattribute__);
        let gattr = lookup_user(vm, cls, vm.names.__getattr__);
        let first = match ga {
            Some(f) => call(vm, f, Args::new(&[obj, name])).map(Some),
            None => generic_getattr(vm, obj, cls, name),
        };
        return match (first, gattr) {
            (Ok(Some(v)), _) => Ok(v),
            (Ok(None), None) => Err(no_attribute(vm, obj, name)),
            (Ok(None), Some(g)) => call(vm, g, Args::new(&[obj, name])),
            (Err(e), Some(g)) if vm.exc_matches(e.0, vm.exc.AttributeError) => {
                call(vm, g, Args::new(&[obj, name]))
            }
            (Err(e), _) => Err(e),
        };
    }
    match getattr_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(vm, obj, name)),
    }
}

pub fn no_attribute(vm: &mut Vm, obj: Value, name: Value) -> crate::PyErr {
    let n = str_of(name).unwrap_or("?");
    let msg = match obj.obj().map(|o| &o.kind) {
        Some(Kind::Module(m)) => format!(
            "module '{}' has no attribute '{}'",
            str_of(m.name).unwrap_or("?"),
            n
        ),
        Some(Kind::Class(_)) => {
            format!("type object '{}' has no attribute '{}'", class_name(obj), n)
        }
        _ => format!(
            "'{}' object has no attribute '{}'",
            crate::class::type_name(vm, obj),
            n
        ),
    };
    let e = vm.attribute_error(msg);
    vm.set_attr_str_on_instance(e.0, "name", name);
    vm.set_attr_str_on_instance(e.0, "obj", obj);
    e
}

/// `getattr(obj, name)`, or None when the attribute does not exist
/// (AttributeError from descriptors and `__getattr__` is turned into None too).
pub fn getattr_opt(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    let cls = type_of(vm, obj);
    let cd = class_data(cls);
    if !cd.builtin {
        if let Some(ga) = lookup_user(vm, cls, vm.names.__getattribute__) {
            let r = call(vm, ga, Args::new(&[obj, name]));
            return catch_attribute_error(vm, r);
        }
    }
    match generic_getattr(vm, obj, cls, name) {
        Ok(Some(v)) => return Ok(Some(v)),
        Ok(None) => {}
        Err(e) if vm.exc_matches(e.0, vm.exc.AttributeError) && !cd.builtin => {}
        Err(e) => return Err(e),
    }
    if !cd.builtin {
        if let Some(ga) = lookup_user(vm, cls, vm.names.__getattr__) {
            let r = call(vm, ga, Args::new(&[obj, name]));
            return catch_attribute_error(vm, r);
        }
    }
    Ok(None)
}

fn catch_attribute_error(vm: &mut Vm, r: PyResult<Value>) -> PyResult<Option<Value>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e.0, vm.exc.AttributeError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `object.__getattribute__`: descriptors, instance dict, class attributes.
pub fn generic_getattr(
    vm: &mut Vm,
    obj: Value,
    cls: Value,
    name: Value,
) -> PyResult<Option<Value>> {
    if let Some(Kind::Super {
        this_class,
        receiver,
    }) = obj.obj().map(|o| &o.kind)
    {
        // Search the receiver's MRO after `this_class`.
        let (this_class, receiver) = (*this_class, *receiver);
        let start = if crate::class::is_class(receiver)
            && crate::class::is_subclass(receiver, this_class)
        {
            receiver
        } else {
            type_of(vm, receiver)
        };
        let mro = class_data(start).mro.get().clone();
        let h = super::str_hash(name);
        let mut after = false;
        for c in mro {
            if after {
                if let Kind::Dict(d) = &class_data(c).dict.as_obj().kind {
                    if let Some(v) = d.get().get_by_identity(h, name) {
                        let inst = if start.is(receiver) {
                            Value::UNBOUND
                        } else {
                            receiver
                        };
                        if inst.is_unbound() {
                            if let Some(Kind::ClassMethod(f)) = v.obj().map(|o| &o.kind) {
                                let f = *f;
                                let mc = vm.t.method;
                                return Ok(Some(
                                    vm.alloc(mc, Kind::BoundMethod { func: f, receiver }),
                                ));
                            }
                        }
                        return bind(vm, v, inst, start).map(Some);
                    }
                }
            }
            if c.is(this_class) {
                after = true;
            }
        }
        if super::str_eq(name, "__class__") {
            return Ok(Some(vm.t.super_));
        }
        return Ok(None);
    }
    // A class: look through its own MRO (with the metaclass's data descriptors first).
    if let Some(Kind::Class(_)) = obj.obj().map(|o| &o.kind) {
        if let Some(meta_d) = lookup(vm, cls, name) {
            if is_data_descriptor(vm, meta_d) {
                return bind(vm, meta_d, obj, cls).map(Some);
            }
        }
        if let Some(v) = lookup(vm, obj, name) {
            return bind(vm, v, Value::UNBOUND, obj).map(Some);
        }
        if let Some(v) = special_attr(vm, obj, name)? {
            return Ok(Some(v));
        }
        if let Some(meta_d) = lookup(vm, cls, name) {
            return bind(vm, meta_d, obj, cls).map(Some);
        }
        return Ok(None);
    }
    if let Some(Kind::Module(m)) = obj.obj().map(|o| &o.kind) {
        if let Some(v) = vm.dict_get_str(m.dict, name) {
            return Ok(Some(v));
        }
        if super::str_eq(name, "__dict__") {
            return Ok(Some(m.dict));
        }
        if let Some(v) = lookup(vm, cls, name) {
            return bind(vm, v, obj, cls).map(Some);
        }
        return Ok(None);
    }
    let descr = lookup(vm, cls, name);
    if let Some(d) = descr {
        if is_data_descriptor(vm, d) {
            return bind(vm, d, obj, cls).map(Some);
        }
    }
    if obj.is_ptr() {
        if let Some(v) = load_instance_attr(obj, name) {
            return Ok(Some(v));
        }
    }
    if let Some(d) = descr {
        return bind(vm, d, obj, cls).map(Some);
    }
    special_attr(vm, obj, name)
}

/// Whether a native function is the function of that name in `builtins`.
fn is_builtins_function(vm: &mut Vm, f: &NativeFunction) -> bool {
    if !f.owner.is_none() {
        return false;
    }
    let key = vm.intern(f.name);
    match vm.dict_get_str(vm.builtins, key).and_then(|b| b.obj()) {
        Some(o) => matches!(&o.kind, Kind::Native(g) if g.func as usize == f.func as usize),
        None => false,
    }
}

/// Attributes every object of a kind has without a class-dict entry.
fn special_attr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Option<Value>> {
    let n = match str_of(name) {
        Some(n) => n,
        None => return Ok(None),
    };
    if n == "__class__" {
        return Ok(Some(type_of(vm, obj)));
    }
    let o = match obj.obj() {
        Some(o) => o,
        None => return Ok(numeric_attr(vm, obj, n)),
    };
    let v = match (&o.kind, n) {
        (Kind::Class(c), "__name__") => {
            // Classes of native modules are named as CPython's C types
            // (`collections.deque`, used in messages); `__name__` is the
            // part after the module, which is their qualname.
            let (name, qual) = (c.name.get(), c.qualname.get());
            match (str_of(name), str_of(qual)) {
                (Some(n), Some(q))
                    if c.native_module
                        && n.len() > q.len()
                        && n.ends_with(q)
                        && n[..n.len() - q.len()].ends_with('.') =>
                {
                    qual
                }
                _ => name,
            }
        }
        (Kind::Class(c), "__qualname__") => c.qualname.get(),
        (Kind::Class(c), "__mro__") => {
            let m = c.mro.get().clone();
            vm.new_tuple(m)
        }
        (Kind::Class(c), "__bases__") => {
            let b = c.bases.get().clone();
            vm.new_tuple(b)
        }
        (Kind::Class(c), "__base__") => c.bases.get().first().copied().unwrap_or(Value::NONE),
        (Kind::Class(c), "__dict__") => c.dict,
        (Kind::Class(_), "__doc__") => Value::NONE,
        (Kind::Class(_), "__module__") => vm.intern("builtins"),
        (Kind::Function(f), "__name__") => f.name.get(),
        (Kind::Function(f), "__qualname__") => f.qualname.get(),
        (Kind::Function(f), "__defaults__") => f.defaults.get(),
        (Kind::Function(f), "__kwdefaults__") => f.kwdefaults.get(),
        (Kind::Function(f), "__globals__") => f.globals,
        (Kind::Function(f), "__closure__") => f.closure,
        (Kind::Function(f), "__code__") => f.code.get(),
        (Kind::Function(f), "__annotations__") => {
            let a = f.annotations.get();
            if !a.is_none() {
                return Ok(Some(a));
            }
            let d = vm.new_dict();
            f.annotations.set(d);
            d
        }
        (Kind::Function(f), "__builtins__") => {
            let g = f.globals;
            let key = vm.intern("__builtins__");
            match vm.dict_get_str(g, key) {
                Some(b) => match &b.as_obj().kind {
                    Kind::Module(m) => m.dict,
                    _ => b,
                },
                None => vm.builtins,
            }
        }
        (Kind::Function(f), "__module__") => f.module,
        (Kind::Function(f), "__doc__") => f.doc.get(),
        (Kind::Function(_), "__dict__") => to_dict_mode(vm, obj),
        (Kind::Native(f), "__name__") => vm.new_str(f.name),
        (Kind::Native(f), "__qualname__") => match f.owner.obj().map(|c| &c.kind) {
            // Methods of builtin types: `list.append`.
            Some(Kind::Class(c)) => {
                let q = format!("{}.{}", str_of(c.qualname.get()).unwrap_or("?"), f.name);
                vm.new_str(&q)
            }
            _ => vm.new_str(f.name),
        },
        (Kind::Native(f), "__self__") => {
            if f.bound_self.is_none() && is_builtins_function(vm, f) {
                // Functions of `builtins` are bound to that module.
                let key = vm.intern("builtins");
                return Ok(Some(
                    vm.dict_get_str(vm.modules, key).unwrap_or(Value::NONE),
                ));
            }
            f.bound_self
        }
        (Kind::Native(_), "__doc__") => Value::NONE,
        (Kind::BoundMethod { func, .. }, "__func__") => *func,
        (Kind::BoundMethod { receiver, .. }, "__self__") => *receiver,
        // Class methods of builtin types (`dict.fromkeys`) are named by the class.
        (Kind::BoundMethod { func, receiver }, "__qualname__")
            if crate::class::is_class(*receiver)
                && matches!(&func.as_obj().kind, Kind::Native(f) if f.owner.is_none()) =>
        {
            let fname = match &func.as_obj().kind {
                Kind::Native(f) => f.name,
                _ => "?",
            };
            let q = format!(
                "{}.{}",
                str_of(class_data(*receiver).qualname.get()).unwrap_or("?"),
                fname
            );
            vm.new_str(&q)
        }
        (Kind::BoundMethod { func, .. }, _) => return getattr_opt(vm, *func, name),
        (Kind::Code(c), "co_name") => c.name,
        (Kind::Code(c), "co_filename") => c.filename,
        (Kind::Code(c), "co_firstlineno") => vm.new_int(c.first_line as i64),
        (Kind::Code(c), "co_argcount") => vm.new_int(c.argcount as i64),
        (Kind::Code(c), "co_posonlyargcount") => vm.new_int(c.posonlyargcount as i64),
        (Kind::Code(c), "co_kwonlyargcount") => vm.new_int(c.kwonlyargcount as i64),
        (Kind::Code(c), "co_nlocals") => vm.new_int(c.co_varnames().len() as i64),
        (Kind::Code(c), "co_qualname") => c.qualname,
        (Kind::Code(c), "co_freevars") => {
            let v = c.co_freevars();
            vm.new_tuple(v)
        }
        (Kind::Code(c), "co_cellvars") => {
            let v = c.co_cellvars();
            vm.new_tuple(v)
        }
        (Kind::Code(c), "co_varnames") => {
            let v = c.co_varnames();
            vm.new_tuple(v)
        }
        (Kind::Code(c), "co_names") => {
            let v = c.names.clone();
            vm.new_tuple(v)
        }
        (Kind::Code(c), "co_consts") => {
            // Function code starts with its docstring (None without one).
            let mut v = Vec::with_capacity(c.consts.len() + 1);
            if c.flags & crate::bytecode::flags::USES_LOCALS_DICT == 0 {
                v.push(c.docstring);
            }
            v.extend(c.consts.iter().copied());
            vm.new_tuple(v)
        }
        (Kind::Code(c), "co_flags") => vm.new_int(c.co_flags() as i64),
        (Kind::Code(c), "co_stacksize") => {
            let n = (c.nregs as i64 - c.nlocals as i64).max(1);
            vm.new_int(n)
        }
        // Two bytes per instruction, so offsets (`f_lasti`, `tb_lasti`) are
        // CPython-style: instruction index * 2.  The opcodes are NOPs: molt's
        // own instructions are not CPython's.
        (Kind::Code(c), "co_code") => {
            let b: Vec<u8> = c.ops.iter().flat_map(|_| [9u8, 0]).collect();
            vm.new_bytes(b)
        }
        (Kind::Code(_), "co_linetable")
        | (Kind::Code(_), "co_exceptiontable")
        | (Kind::Code(_), "co_lnotab") => vm.new_bytes(Vec::new()),
        (Kind::NativeObject(_), _) if o.cls.get().is(vm.t.frame) => {
            return crate::frameobj::frame_attr(vm, obj, n);
        }
        (Kind::Module(m), "__name__") => m.name,
        (Kind::Exception(e), "args") => e.get().args,
        (Kind::Exception(e), "__cause__") => e.get().cause,
        (Kind::Exception(e), "__context__") => e.get().context,
        (Kind::Exception(e), "__suppress_context__") => Value::bool(e.get().suppress_context),
        (Kind::Exception(_), "__traceback__") => crate::exceptions::traceback_object(vm, obj),
        (Kind::Exception(_), "__dict__") => to_dict_mode(vm, obj),
        (Kind::Instance(_), "__dict__") => {
            if class_data(o.cls.get()).slots.get().is_some() {
                return Ok(None);
            }
            to_dict_mode(vm, obj)
        }
        // Instances of Python subclasses of builtin and native classes
        // (`class L(list)`) keep attributes as plain instances do.
        (_, "__dict__")
            if !class_data(o.cls.get()).builtin
                && class_data(o.cls.get()).slots.get().is_none() =>
        {
            to_dict_mode(vm, obj)
        }
        (Kind::Generator(g), "__name__") => g.get().name,
        (Kind::Generator(g), "__qualname__") => g.get().qualname,
        (Kind::Generator(g), _) if n.len() > 3 && n[2..].starts_with('_') => {
            // gi_* for generators, cr_* for coroutines, ag_* for async generators.
            let cls = o.cls.get();
            let prefix = if cls.is(vm.t.coroutine) {
                "cr"
            } else if cls.is(vm.t.async_generator) {
                "ag"
            } else {
                "gi"
            };
            if &n[..2] != prefix {
                return Ok(None);
            }
            let g = g.get();
            match &n[3..] {
                "running" => Value::bool(g.running),
                "frame" => match &mut g.frame {
                    // A running generator's frame is on the stack.
                    Some(f) if g.running => {
                        let fp: *mut crate::frame::Frame = &mut **f;
                        crate::frameobj::frame_object_of(vm, unsafe { &mut *fp })
                    }
                    Some(f) => {
                        let fp: *const crate::frame::Frame = &**f;
                        crate::frameobj::snapshot_frame_object(vm, unsafe { &*fp })
                    }
                    None => Value::NONE,
                },
                "code" => match &g.frame {
                    Some(f) => f.code,
                    None => return Ok(None),
                },
                "await" if prefix != "gi" => Value::NONE,
                "yieldfrom" if prefix == "gi" => Value::NONE,
                "suspended" if prefix != "ag" => {
                    Value::bool(g.frame.as_ref().is_some_and(|f| f.pc > 0))
                }
                _ => return Ok(None),
            }
        }
        (Kind::Property { fget, .. }, "fget") => *fget,
        (Kind::Property { fset, .. }, "fset") => *fset,
        (Kind::Property { fdel, .. }, "fdel") => *fdel,
        (Kind::Property { doc, fget, .. }, "__doc__") => {
            if doc.is_none() && !fget.is_none() {
                return getattr_opt(vm, *fget, name);
            }
            *doc
        }
        (Kind::ClassMethod(f), "__func__") | (Kind::StaticMethod(f), "__func__") => *f,
        (Kind::Range { start, .. }, "start") => *start,
        (Kind::Range { stop, .. }, "stop") => *stop,
        (Kind::Range { step, .. }, "step") => *step,
        (Kind::Slice { start, .. }, "start") => *start,
        (Kind::Slice { stop, .. }, "stop") => *stop,
        (Kind::Slice { step, .. }, "step") => *step,
        (Kind::Complex(re, _), "real") => Value::float(*re),
        (Kind::Complex(_, im), "imag") => Value::float(*im),
        (Kind::Int(_), _) | (Kind::Float(_), _) => return Ok(numeric_attr(vm, obj, n)),
        (Kind::Cell(c), "cell_contents") => {
            if c.get().is_unbound() {
                return Err(vm.value_error("Cell is empty"));
            }
            c.get()
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

fn numeric_attr(vm: &mut Vm, obj: Value, n: &str) -> Option<Value> {
    let is_int = obj.is_small_int()
        || obj.is_bool()
        || matches!(obj.obj().map(|o| &o.kind), Some(Kind::Int(_)));
    match n {
        "real" if is_int => Some(super::arith::int_value(vm, obj)),
        "imag" if is_int => Some(Value::small_int_unchecked(0)),
        "numerator" if is_int => Some(super::arith::int_value(vm, obj)),
        "denominator" if is_int => Some(Value::small_int_unchecked(1)),
        "real" if obj.is_float() => Some(obj),
        "imag" if obj.is_float() => Some(Value::float(0.0)),
        _ => None,
    }
}

pub fn setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let cls = type_of(vm, obj);
    let cd = class_data(cls);
    if !cd.builtin {
        if let Some(sa) = lookup_user(vm, cls, vm.names.__setattr__) {
            call(vm, sa, Args::new(&[obj, name, value]))?;
            return Ok(());
        }
    }
    generic_setattr(vm, obj, name, value)
}

/// `object.__setattr__`
pub fn generic_setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let cls = type_of(vm, obj);
    if let Some(d) = lookup(vm, cls, name) {
        match d.obj().map(|o| &o.kind) {
            Some(Kind::Property { fset, .. }) => {
                if fset.is_none() {
                    let msg = format!(
                        "property '{}' of '{}' object has no setter",
                        str_of(name).unwrap_or("?"),
                        class_name(cls)
                    );
                    return Err(vm.attribute_error(msg));
                }
                let f = *fset;
                call(vm, f, Args::new(&[obj, value]))?;
                return Ok(());
            }
            Some(Kind::Instance(_)) | Some(Kind::NativeObject(_)) => {
                let dc = type_of(vm, d);
                if let Some(set) = lookup_user(vm, dc, vm.names.__set__) {
                    call(vm, set, Args::new(&[d, obj, value]))?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    let o = match obj.obj() {
        Some(o) => o,
        None => return Err(cannot_set(vm, obj, name)),
    };
    match &o.kind {
        Kind::Class(c) => {
            if c.builtin {
                let msg = format!(
                    "cannot set '{}' attribute of immutable type '{}'",
                    str_of(name).unwrap_or("?"),
                    class_name(obj)
                );
                return Err(vm.type_error(msg));
            }
            let name = vm.intern_value(name);
            // The names live in the class itself, not in its dict.
            if super::str_eq(name, "__name__") || super::str_eq(name, "__qualname__") {
                if str_of(value).is_none() {
                    let msg = format!(
                        "can only assign string to {}.{}, not '{}'",
                        class_name(obj),
                        str_of(name).unwrap_or("?"),
                        crate::class::type_name(vm, value)
                    );
                    return Err(vm.type_error(msg));
                }
                if super::str_eq(name, "__name__") {
                    c.name.set(value);
                } else {
                    c.qualname.set(value);
                }
                return Ok(());
            }
            vm.dict_set_str(c.dict, name, value);
            vm.class_epoch.set(vm.class_epoch.get() + 1);
            Ok(())
        }
        Kind::Module(m) => {
            vm.dict_set_str(m.dict, name, value);
            Ok(())
        }
        Kind::Exception(e) if super::str_eq(name, "__cause__") => {
            e.get().cause = value;
            e.get().suppress_context = true;
            Ok(())
        }
        Kind::Exception(e) if super::str_eq(name, "__context__") => {
            e.get().context = value;
            Ok(())
        }
        Kind::Exception(e) if super::str_eq(name, "__suppress_context__") => {
            e.get().suppress_context = super::truthy(vm, value)?;
            Ok(())
        }
        Kind::Exception(e) if super::str_eq(name, "args") => {
            let items = super::iter::collect(vm, value)?;
            e.get().args = vm.new_tuple(items);
            Ok(())
        }
        Kind::Cell(c) if super::str_eq(name, "cell_contents") => {
            c.set(value);
            Ok(())
        }
        Kind::Function(f) => match set_function_attr(vm, f, obj, name, value)? {
            true => Ok(()),
            false => store_checked(vm, obj, cls, name, value),
        },
        Kind::Instance(_) | Kind::Exception(_) => store_checked(vm, obj, cls, name, value),
        _ if !class_data(cls).builtin => store_checked(vm, obj, cls, name, value),
        _ => Err(cannot_set(vm, obj, name)),
    }
}

fn is_kind_dict(v: Value) -> bool {
    matches!(v.obj().map(|o| &o.kind), Some(Kind::Dict(_)))
}

fn is_kind_tuple(v: Value) -> bool {
    matches!(v.obj().map(|o| &o.kind), Some(Kind::Tuple(_)))
}

/// Assignment to a function's special attributes, with CPython's checks;
/// false for other names (they go to the function's `__dict__`).
fn set_function_attr(
    vm: &mut Vm,
    f: &crate::object::FunctionData,
    obj: Value,
    name: Value,
    value: Value,
) -> PyResult<bool> {
    let n = str_of(name).unwrap_or("");
    match n {
        "__name__" | "__qualname__" => {
            if str_of(value).is_none() {
                return Err(vm.type_error(format!("{} must be set to a string object", n)));
            }
            if n == "__name__" {
                f.name.set(value)
            } else {
                f.qualname.set(value)
            }
        }
        "__doc__" => f.doc.set(value),
        "__defaults__" => {
            if !value.is_none() && !is_kind_tuple(value) {
                return Err(vm.type_error("__defaults__ must be set to a tuple object"));
            }
            f.defaults.set(value)
        }
        "__kwdefaults__" => {
            if !value.is_none() && !is_kind_dict(value) {
                return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
            }
            f.kwdefaults.set(value)
        }
        "__annotations__" => {
            if !value.is_none() && !is_kind_dict(value) {
                return Err(vm.type_error("__annotations__ must be set to a dict object"));
            }
            f.annotations.set(value)
        }
        "__code__" => {
            let new = match value.obj().map(|o| &o.kind) {
                Some(Kind::Code(c)) => c,
                _ => return Err(vm.type_error("__code__ must be set to a code object")),
            };
            let nclosure = super::tuple_items(f.closure).map_or(0, |t| t.len());
            let nfree = new.co_freevars().len();
            if nfree != nclosure {
                let msg = format!(
                    "{}() requires a code object with {} free vars, not {}",
                    str_of(f.name.get()).unwrap_or("?"),
                    nclosure,
                    nfree
                );
                return Err(vm.value_error(msg));
            }
            f.code.set(value)
        }
        "__dict__" => {
            if !is_kind_dict(value) {
                let msg = format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    crate::class::type_name(vm, value)
                );
                return Err(vm.type_error(msg));
            }
            *obj.as_obj().attrs_or_create() = AttrStore::Dict(value);
        }
        "__globals__" | "__closure__" | "__builtins__" => {
            return Err(vm.attribute_error("readonly attribute"))
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Deleting a function's special attributes: the optional ones become
/// None (or are forgotten), the others cannot be deleted.
fn del_function_attr(vm: &mut Vm, f: &crate::object::FunctionData, name: Value) -> PyResult<bool> {
    let n = str_of(name).unwrap_or("");
    match n {
        "__defaults__" => f.defaults.set(Value::NONE),
        "__kwdefaults__" => f.kwdefaults.set(Value::NONE),
        "__doc__" => f.doc.set(Value::NONE),
        "__annotations__" => f.annotations.set(Value::NONE),
        "__name__" | "__qualname__" => {
            return Err(vm.type_error(format!("{} must be set to a string object", n)))
        }
        "__code__" => return Err(vm.type_error("__code__ must be set to a code object")),
        "__dict__" => return Err(vm.type_error("cannot delete __dict__")),
        "__globals__" | "__closure__" | "__builtins__" => {
            return Err(vm.attribute_error("readonly attribute"))
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn store_checked(vm: &mut Vm, obj: Value, cls: Value, name: Value, value: Value) -> PyResult<()> {
    let name = if vm.is_interned(name) {
        name
    } else {
        vm.intern_value(name)
    };
    if let Some(slots) = class_data(cls).slots.get() {
        if !slots.iter().any(|s| s.is(name)) {
            let msg = format!(
                "'{}' object has no attribute '{}'",
                class_name(cls),
                str_of(name).unwrap_or("?")
            );
            return Err(vm.attribute_error(msg));
        }
    }
    if super::str_eq(name, "__class__") {
        if crate::class::is_class(value) {
            obj.as_obj().cls.set(value);
            return Ok(());
        }
        return Err(vm.type_error("__class__ must be set to a class"));
    }
    store_instance_attr(vm, obj, name, value);
    Ok(())
}

fn cannot_set(vm: &mut Vm, obj: Value, name: Value) -> crate::PyErr {
    let cls = type_of(vm, obj);
    if lookup(vm, cls, name).is_some() {
        let msg = format!(
            "'{}' object attribute '{}' is read-only",
            class_name(cls),
            str_of(name).unwrap_or("?")
        );
        return vm.attribute_error(msg);
    }
    let msg = format!(
        "'{}' object has no attribute '{}'",
        crate::class::type_name(vm, obj),
        str_of(name).unwrap_or("?")
    );
    vm.attribute_error(msg)
}

pub fn delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let cls = type_of(vm, obj);
    if !class_data(cls).builtin {
        if let Some(da) = lookup_user(vm, cls, vm.names.__delattr__) {
            call(vm, da, Args::new(&[obj, name]))?;
            return Ok(());
        }
    }
    generic_delattr(vm, obj, name)
}

/// `object.__delattr__` (and `type.__delattr__` for classes): data
/// descriptors' deleters, then the instance's, class's or module's dict,
/// without consulting a user `__delattr__`.
pub fn generic_delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let cls = type_of(vm, obj);
    if let Some(d) = lookup(vm, cls, name) {
        match d.obj().map(|o| &o.kind) {
            Some(Kind::Property { fdel, .. }) => {
                if fdel.is_none() {
                    let msg = format!(
                        "property '{}' of '{}' object has no deleter",
                        str_of(name).unwrap_or("?"),
                        class_name(cls)
                    );
                    return Err(vm.attribute_error(msg));
                }
                let f = *fdel;
                call(vm, f, Args::new(&[obj]))?;
                return Ok(());
            }
            Some(Kind::Instance(_)) | Some(Kind::NativeObject(_)) => {
                let dc = type_of(vm, d);
                if let Some(del) = lookup_user(vm, dc, vm.names.__delete__) {
                    call(vm, del, Args::new(&[d, obj]))?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if let Some(Kind::Function(f)) = obj.obj().map(|o| &o.kind) {
        if del_function_attr(vm, f, name)? {
            return Ok(());
        }
    }
    if let Some(Kind::Cell(c)) = obj.obj().map(|o| &o.kind) {
        if super::str_eq(name, "cell_contents") {
            c.set(Value::UNBOUND);
            return Ok(());
        }
    }
    let target_dict = match obj.obj().map(|o| &o.kind) {
        Some(Kind::Class(c)) if !c.builtin => {
            vm.class_epoch.set(vm.class_epoch.get() + 1);
            Some(c.dict)
        }
        Some(Kind::Module(m)) => Some(m.dict),
        Some(_) if obj.as_obj().attrs().is_some() => Some(to_dict_mode(vm, obj)),
        _ => None,
    };
    if let Some(d) = target_dict {
        if super::dict_del(vm, d, name)?.is_some() {
            return Ok(());
        }
    }
    Err(no_attribute(vm, obj, name))
}
