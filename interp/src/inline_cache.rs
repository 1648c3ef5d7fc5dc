//! Inline caches for attribute loads, stores and method calls on instances
//! of Python classes: after one full lookup, an instruction remembers the
//! receiver's class and shape and the attribute's slot (or the method), and
//! later executions that see the same class and shape skip the lookup.  Any
//! change to any class (and every collection) bumps `Vm::class_epoch`, which
//! invalidates every cache at once.

use molt_vm::bytecode::{CodeObject, InlineCache};
use molt_vm::class::{lookup, lookup_user};
use molt_vm::object::Kind;
use molt_vm::ops::{self, attr::is_data_descriptor};
use molt_vm::shape::AttrStore;
use molt_vm::{PyResult, Value, Vm};
use std::rc::Rc;

/// Marks a store cache entry whose store adds the attribute (a shape transition).
const ADDS_ATTRIBUTE: u64 = 1 << 63;

/// The plain-instance attribute store of `v`, with its class.
#[inline]
fn instance(v: Value) -> Option<(Value, &'static mut AttrStore)> {
    let o = v.obj()?;
    match &o.kind {
        Kind::Instance(a) => Some((o.cls.get(), a.get())),
        _ => None,
    }
}

#[inline]
fn shape_id(a: &AttrStore) -> usize {
    match a {
        AttrStore::Shaped { shape, .. } => Rc::as_ptr(shape) as usize,
        AttrStore::Dict(_) => 0,
    }
}

/// May loads of `name` on instances of `cls` read the instance slot directly?
fn plain_instance_attr(vm: &Vm, cls: Value, name: Value) -> bool {
    lookup_user(vm, cls, vm.names.__getattribute__).is_none()
        && lookup(vm, cls, name).map_or(true, |d| !is_data_descriptor(vm, d))
}

pub fn load_attr(
    vm: &mut Vm,
    code: &CodeObject,
    pc: usize,
    obj: Value,
    name: Value,
) -> PyResult<Value> {
    if let Some((cls, store)) = instance(obj) {
        let e = code.caches[pc].get();
        if let AttrStore::Shaped { shape, values } = &*store {
            if e.cls == cls.0
                && e.shape == Rc::as_ptr(shape) as usize
                && e.epoch == vm.class_epoch.get()
            {
                return Ok(values[e.data as usize]);
            }
        }
        let v = ops::getattr(vm, obj, name)?;
        if let Some((_, AttrStore::Shaped { shape, values })) = instance(obj) {
            if let Some(i) = shape.index_of(name) {
                if values[i].is(v) && plain_instance_attr(vm, cls, name) {
                    let entry = InlineCache {
                        cls: cls.0,
                        shape: Rc::as_ptr(shape) as usize,
                        epoch: vm.class_epoch.get(),
                        data: i as u64,
                    };
                    code.caches[pc].set(entry);
                }
            }
        }
        return Ok(v);
    }
    ops::getattr(vm, obj, name)
}

pub fn store_attr(
    vm: &mut Vm,
    code: &CodeObject,
    pc: usize,
    obj: Value,
    name: Value,
    value: Value,
) -> PyResult<()> {
    if let Some((cls, store)) = instance(obj) {
        let e = code.caches[pc].get();
        let before = shape_id(store);
        if let AttrStore::Shaped { shape, values } = store {
            if e.cls == cls.0
                && e.shape == Rc::as_ptr(shape) as usize
                && e.epoch == vm.class_epoch.get()
            {
                if e.data & ADDS_ATTRIBUTE != 0 {
                    // The shape transition this store made last time (kept alive by the old shape).
                    *shape = shape.with(name);
                    values.push(value);
                } else {
                    values[e.data as usize] = value;
                }
                return Ok(());
            }
        }
        ops::setattr(vm, obj, name, value)?;
        if let Some((_, AttrStore::Shaped { shape, .. })) = instance(obj) {
            if let Some(i) = shape.index_of(name) {
                let eligible = lookup_user(vm, cls, vm.names.__setattr__).is_none()
                    && lookup(vm, cls, name).map_or(true, |d| !is_data_descriptor(vm, d));
                let after = Rc::as_ptr(shape) as usize;
                if eligible && before != 0 {
                    let (key_shape, data) = if before == after {
                        (after, i as u64)
                    } else {
                        (before, ADDS_ATTRIBUTE)
                    };
                    let entry = InlineCache {
                        cls: cls.0,
                        shape: key_shape,
                        epoch: vm.class_epoch.get(),
                        data,
                    };
                    code.caches[pc].set(entry);
                }
            }
        }
        return Ok(());
    }
    ops::setattr(vm, obj, name, value)
}

/// For `recv.name(...)` on an instance of a Python class: the plain function
/// to call with `recv` as its first argument, when the cache knows it.
#[inline]
pub fn cached_method(vm: &Vm, code: &CodeObject, pc: usize, recv: Value) -> Option<Value> {
    let (cls, store) = instance(recv)?;
    let e = code.caches[pc].get();
    if e.cls == cls.0
        && e.shape == shape_id(store)
        && e.shape != 0
        && e.epoch == vm.class_epoch.get()
    {
        return Some(Value(e.data));
    }
    None
}

/// Remember that `recv.name` resolved to the class function `method`.
pub fn remember_method(vm: &Vm, code: &CodeObject, pc: usize, recv: Value, method: Value) {
    if let Some((cls, store)) = instance(recv) {
        let shape = shape_id(store);
        if shape != 0 && matches!(method.obj().map(|o| &o.kind), Some(Kind::Function(_))) {
            code.caches[pc].set(InlineCache {
                cls: cls.0,
                shape,
                epoch: vm.class_epoch.get(),
                data: method.0,
            });
        }
    }
}
