//! Classes: C3 linearisation, attribute lookup along the MRO, subclass
//! checks, and creating user classes (`type(name, bases, dict)`).

use crate::object::{ClassData, GcCell, Kind, Layout};
use crate::value::Value;
use crate::vm::{class_data, PyResult, Vm};
use std::cell::Cell;

/// The class of any value.
#[inline]
pub fn type_of(vm: &Vm, v: Value) -> Value {
    if v.is_ptr() {
        v.as_obj().cls.get()
    } else if v.is_float() {
        vm.t.float
    } else if v.is_small_int() {
        vm.t.int
    } else if v.is_bool() {
        vm.t.bool_
    } else if v.is(Value::NONE) {
        vm.t.none_type
    } else if v.is(Value::NOT_IMPLEMENTED) {
        vm.t.not_implemented_type
    } else {
        vm.t.ellipsis_type
    }
}

pub fn is_class(v: Value) -> bool {
    matches!(v.obj().map(|o| &o.kind), Some(Kind::Class(_)))
}

pub fn class_name(cls: Value) -> &'static str {
    crate::ops::str_of(class_data(cls).name.get()).unwrap_or("?")
}

/// `type(v).__name__`
pub fn type_name(vm: &Vm, v: Value) -> &'static str {
    class_name(type_of(vm, v))
}

pub fn is_subclass(cls: Value, base: Value) -> bool {
    if cls.is(base) {
        return true;
    }
    match &cls.as_obj().kind {
        Kind::Class(c) => c.mro.get().iter().any(|m| m.is(base)),
        _ => false,
    }
}

pub fn isinstance(vm: &Vm, v: Value, cls: Value) -> bool {
    is_subclass(type_of(vm, v), cls)
}

/// Find `name` (interned) in the class's MRO dicts.
#[inline]
pub fn lookup(vm: &Vm, cls: Value, name: Value) -> Option<Value> {
    cached_lookup(vm, cls, name, false)
}

/// Like `lookup`, but only in classes written in Python (the builtin part of
/// the MRO is served by native fast paths).
#[inline]
pub fn lookup_user(vm: &Vm, cls: Value, name: Value) -> Option<Value> {
    if class_data(cls).builtin {
        return None;
    }
    cached_lookup(vm, cls, name, true)
}

fn mro_lookup(cls: Value, name: Value, user_only: bool) -> Option<Value> {
    let h = crate::ops::str_hash(name);
    for c in class_data(cls).mro.get().iter() {
        let cd = class_data(*c);
        if user_only && cd.builtin {
            continue;
        }
        if let Kind::Dict(d) = &cd.dict.as_obj().kind {
            if let Some(v) = d.get().get_by_identity(h, name) {
                return Some(v);
            }
        }
    }
    None
}

/// One entry of the method cache: the result of an MRO lookup, valid while
/// `Vm::class_epoch` is unchanged (any class attribute change, class
/// creation or collection bumps it).
#[derive(Clone, Copy)]
pub struct TypeCacheEntry {
    cls: u64,
    name: u64,
    epoch: u64,
    result: Option<Value>,
}

pub const TYPE_CACHE_SIZE: usize = 4096;

pub fn new_type_cache() -> Box<[std::cell::Cell<TypeCacheEntry>]> {
    let empty = TypeCacheEntry {
        cls: 0,
        name: 0,
        epoch: u64::MAX,
        result: None,
    };
    (0..TYPE_CACHE_SIZE)
        .map(|_| std::cell::Cell::new(empty))
        .collect()
}

#[inline]
fn cached_lookup(vm: &Vm, cls: Value, name: Value, user_only: bool) -> Option<Value> {
    let key_name = name.0 ^ (user_only as u64);
    let slot = ((cls.0 >> 4) ^ (name.0 >> 3) ^ (user_only as u64)) as usize & (TYPE_CACHE_SIZE - 1);
    let epoch = vm.class_epoch.get();
    let e = vm.type_cache[slot].get();
    if e.cls == cls.0 && e.name == key_name && e.epoch == epoch {
        return e.result;
    }
    let result = mro_lookup(cls, name, user_only);
    vm.type_cache[slot].set(TypeCacheEntry {
        cls: cls.0,
        name: key_name,
        epoch,
        result,
    });
    result
}

/// C3 linearisation, with CPython's TypeError for an inconsistent hierarchy.
pub fn compute_mro(vm: &mut Vm, cls: Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = bases
        .iter()
        .map(|b| class_data(*b).mro.get().clone())
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|x| x.is(cand))) {
                found = Some(cand);
                break;
            }
        }
        match found {
            Some(c) => {
                out.push(c);
                for s in seqs.iter_mut() {
                    if s[0].is(c) {
                        s.remove(0);
                    }
                }
            }
            None => {
                let mut names: Vec<&str> = Vec::new();
                for s in &seqs {
                    let n = class_name(s[0]);
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                return Err(vm.type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            }
        }
    }
}

/// The instance layout for a class with these bases (the builtin payload they share).
fn layout_for(vm: &mut Vm, bases: &[Value]) -> PyResult<Layout> {
    let mut layout = Layout::Object;
    for b in bases {
        let l = class_data(*b).layout;
        if l == Layout::Object {
            continue;
        }
        if layout == Layout::Object || layout == l {
            layout = l;
        } else {
            return Err(vm.type_error("multiple bases have instance lay-out conflict"));
        }
    }
    Ok(layout)
}

/// Create a class the way `type.__new__(meta, name, bases, ns)` does.
pub fn new_class(
    vm: &mut Vm,
    meta: Value,
    name: Value,
    bases: &[Value],
    ns: Value,
) -> PyResult<Value> {
    let bases: Vec<Value> = if bases.is_empty() {
        vec![vm.t.object]
    } else {
        bases.to_vec()
    };
    for b in &bases {
        if !is_class(*b) {
            return Err(vm.type_error("bases must be types"));
        }
        let bd = class_data(*b);
        if b.is(vm.t.bool_)
            || b.is(vm.t.range)
            || b.is(vm.t.slice)
            || b.is(vm.t.function)
            || b.is(vm.t.generator)
            || b.is(vm.t.coroutine)
            || b.is(vm.t.async_generator)
        {
            return Err(vm.type_error(format!(
                "type '{}' is not an acceptable base type",
                class_name(*b)
            )));
        }
        let _ = bd;
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| x.is(*b)) {
            return Err(vm.type_error(format!("duplicate base class {}", class_name(*b))));
        }
    }
    let layout = layout_for(vm, &bases)?;
    // Copy the namespace into a fresh dict owned by the class.
    let dict = vm.new_dict();
    if let Kind::Dict(src) = &ns.as_obj().kind {
        let entries: Vec<(Value, Value)> = src.get().iter().map(|e| (e.key, e.value)).collect();
        for (k, v) in entries {
            let k = if crate::ops::str_of(k).is_some() {
                vm.intern_value(k)
            } else {
                k
            };
            crate::ops::dict_set(vm, dict, k, v)?;
        }
    }
    // As type.__new__ does: these two are implicitly class methods.
    for name in [vm.names.__init_subclass__, vm.names.__class_getitem__] {
        if let Some(f) = vm.dict_get_str(dict, name) {
            if matches!(f.obj().map(|o| &o.kind), Some(Kind::Function(_))) {
                let cm = vm.t.classmethod;
                let wrapped = vm.alloc(cm, Kind::ClassMethod(f));
                vm.dict_set_str(dict, name, wrapped);
            }
        }
    }
    // ... and `__new__` is implicitly a static method (`cls.__dict__['__new__']`
    // has `__func__`, which enum's `_simple_enum` reads).
    if let Some(f) = vm.dict_get_str(dict, vm.names.__new__) {
        if matches!(f.obj().map(|o| &o.kind), Some(Kind::Function(_))) {
            let sm = vm.t.staticmethod;
            let wrapped = vm.alloc(sm, Kind::StaticMethod(f));
            let k = vm.names.__new__;
            vm.dict_set_str(dict, k, wrapped);
        }
    }
    if vm.dict_get_str(dict, vm.names.__eq__).is_some()
        && vm.dict_get_str(dict, vm.names.__hash__).is_none()
    {
        let k = vm.names.__hash__;
        vm.dict_set_str(dict, k, Value::NONE);
    }
    // `__qualname__` in the namespace becomes the class's own (not a dict entry).
    let qualname = match vm.dict_get_str(dict, vm.names.__qualname__) {
        Some(q) => {
            let k = vm.names.__qualname__;
            crate::ops::dict_del(vm, dict, k)?;
            q
        }
        None => name,
    };
    let slots_v = vm.dict_get_str(dict, vm.names.__slots__);
    let cls = vm.alloc(
        meta,
        Kind::Class(Box::new(ClassData {
            name: Cell::new(name),
            qualname: Cell::new(qualname),
            bases: GcCell::new(bases.clone()),
            mro: GcCell::new(vec![]),
            dict,
            layout,
            builtin: false,
            slots: GcCell::new(None),
            subclasses: GcCell::new(Vec::new()),
            native_module: false,
        })),
    );
    let mro = compute_mro(vm, cls, &bases)?;
    *class_data(cls).mro.get() = mro;
    // Internal weak references (never handed out, so their class is moot).
    let wr = vm.t.object;
    for b in bases.iter() {
        let r = vm.new_weakref(wr, cls, Value::NONE);
        class_data(*b).subclasses.get().push(r);
    }
    if let Some(sv) = slots_v {
        // `__slots__ = 'name'` is one slot, not one per character.
        let names = if crate::ops::str_of(sv).is_some() {
            vec![sv]
        } else {
            crate::ops::iter::collect(vm, sv)?
        };
        let mut interned = Vec::new();
        let mut has_dict = false;
        for n in names {
            if crate::ops::str_of(n).is_none() {
                return Err(vm.type_error("__slots__ items must be strings"));
            }
            if crate::ops::str_eq(n, "__dict__") {
                has_dict = true;
                continue;
            }
            interned.push(vm.intern_value(n));
        }
        // Slots are only a restriction when no base provides a __dict__.
        let bases_have_dict = bases.iter().any(|b| {
            let bd = class_data(*b);
            !bd.builtin && bd.slots.get().is_none()
        });
        if !has_dict && !bases_have_dict {
            let mut all = interned.clone();
            for b in &bases {
                if let Some(s) = class_data(*b).slots.get() {
                    all.extend(s.iter().copied());
                }
            }
            *class_data(cls).slots.get() = Some(all);
        }
    }
    let module_key = vm.names.__module__;
    if vm.dict_get_str(dict, module_key).is_none() {
        // Filled by the class body normally; fall back to builtins.
        let m = vm.intern("builtins");
        vm.dict_set_str(dict, module_key, m);
    }
    vm.class_epoch.set(vm.class_epoch.get() + 1);
    Ok(cls)
}
