//! The await protocol: what `await x`, `async for` and `async with` ask of
//! objects.  Coroutine and async-generator frames are generator frames
//! (`Kind::Generator`) of the classes `coroutine` and `async_generator`;
//! `await` is `yield from` over the iterator [`get_awaitable`] returns.

use crate::class::{lookup, type_name, type_of};
use crate::object::{native_state, Kind, NativeState};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn is_generator_of(v: Value, cls: Value) -> bool {
    matches!(v.obj(), Some(o) if matches!(o.kind, Kind::Generator(_)) && o.class().is(cls))
}

pub fn is_coroutine(vm: &Vm, v: Value) -> bool {
    is_generator_of(v, vm.t.coroutine)
}

/// Call the special method `name` of `v`'s class on `v`, if it has one.
fn call_special(vm: &mut Vm, v: Value, name: &str) -> PyResult<Option<Value>> {
    let cls = type_of(vm, v);
    let n = vm.intern(name);
    match lookup(vm, cls, n) {
        Some(f) => {
            let bound = super::attr::bind(vm, f, v, cls)?;
            super::call0(vm, bound).map(Some)
        }
        None => Ok(None),
    }
}

/// The iterator `await v` delegates to: a coroutine itself, or what
/// `type(v).__await__(v)` returns (which must be an iterator).
pub fn get_awaitable(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if is_coroutine(vm, v) {
        return Ok(v);
    }
    let it = match call_special(vm, v, "__await__")? {
        Some(it) => it,
        None => {
            let msg = format!(
                "object {} can't be used in 'await' expression",
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    };
    if is_coroutine(vm, it) {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    let next = vm.names.__next__;
    let it_cls = type_of(vm, it);
    if !matches!(it.obj().map(|o| &o.kind), Some(Kind::Generator(_)))
        && lookup(vm, it_cls, next).is_none()
    {
        let msg = format!(
            "__await__() returned non-iterator of type '{}'",
            type_name(vm, it)
        );
        return Err(vm.type_error(msg));
    }
    Ok(it)
}

/// `type(v).__aiter__(v)`, for `async for`.
pub fn get_aiter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match call_special(vm, v, "__aiter__")? {
        Some(it) => Ok(it),
        None => {
            let msg = format!(
                "'async for' requires an object with __aiter__ method, got {}",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The awaitable of `type(it).__anext__(it)`, for `async for`.
pub fn get_anext(vm: &mut Vm, it: Value) -> PyResult<Value> {
    let aw = match call_special(vm, it, "__anext__")? {
        Some(aw) => aw,
        None => {
            let msg = format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                type_name(vm, it)
            );
            return Err(vm.type_error(msg));
        }
    };
    get_awaitable(vm, aw).map_err(|e| {
        if vm.exc_matches(e.0, vm.exc.TypeError) {
            let msg = format!(
                "'async for' received an invalid object from __anext__: {}",
                type_name(vm, aw)
            );
            vm.type_error(msg)
        } else {
            e
        }
    })
}

/// A value an async generator yields, told apart from values that an
/// `await` inside it passes up to the event loop.
struct AsyncGenValue(Value);

impl NativeState for AsyncGenValue {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.0)
    }
}

pub fn wrap_async_gen_value(vm: &mut Vm, v: Value) -> Value {
    let cls = vm.t.async_generator_wrapped_value;
    vm.new_native_object(cls, AsyncGenValue(v))
}

/// The value inside a wrapper made by [`wrap_async_gen_value`].
pub fn unwrap_async_gen_value(v: Value) -> Option<Value> {
    native_state::<AsyncGenValue>(v).map(|w| w.0)
}
