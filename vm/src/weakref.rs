//! Weak references: the part the collector must know about.  A weak
//! reference does not keep its referent alive; when a collection finds the
//! referent unreachable it clears every weak reference to it and runs their
//! callbacks afterwards (see `heap.rs`).  The `weakref.ref` type itself
//! (calling, hashing, comparing) lives in the `_weakref` native module.

use crate::object::{GcCell, Kind, WeakRefData};
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// Can `v` be weakly referenced?  As in CPython: not immediates, and not
    /// the builtin value types whose instances have no weakref slot.
    pub fn can_weakref(&self, v: Value) -> bool {
        let Some(o) = v.obj() else { return false };
        match &o.kind {
            Kind::Int(_)
            | Kind::Float(_)
            | Kind::Complex(..)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
            | Kind::Range { .. }
            | Kind::Slice { .. }
            | Kind::Cell(_)
            | Kind::Iterator(_)
            | Kind::Exception(_) // allowed below for subclasses
            | Kind::Str(_)
            | Kind::List(_)
            | Kind::Tuple(_)
            | Kind::Dict(_)
            | Kind::DictView { .. } => {
                // Instances of user subclasses of these builtins carry a
                // weakref slot in CPython (except int, tuple, bytes).
                matches!(o.kind, Kind::Exception(_))
                    || (!crate::vm::class_data(o.class()).builtin
                        && matches!(o.kind, Kind::Str(_) | Kind::List(_) | Kind::Dict(_)))
            }
            _ => true,
        }
    }

    /// A new weak reference of class `cls` to `referent` (which must satisfy
    /// [`Vm::can_weakref`]).
    pub fn new_weakref(&mut self, cls: Value, referent: Value, callback: Value) -> Value {
        let r = self.alloc(
            cls,
            Kind::WeakRef(GcCell::new(WeakRefData {
                referent,
                callback,
                hash: None,
            })),
        );
        self.heap
            .weak_refs
            .entry(referent.obj_ptr() as usize)
            .or_default()
            .push(r);
        r
    }

    /// Every live weak reference to `referent`, oldest first.
    pub fn weakrefs_to(&self, referent: Value) -> Vec<Value> {
        if !referent.is_ptr() {
            return vec![];
        }
        let refs = self.heap.weak_refs.get(&(referent.obj_ptr() as usize));
        refs.map(|r| {
            r.iter()
                .copied()
                .filter(|w| !weak_referent(*w).is_none())
                .collect()
        })
        .unwrap_or_default()
    }
}

/// The object a weak reference points to, or NONE once it has died.
pub fn weak_referent(r: Value) -> Value {
    match r.obj().map(|o| &o.kind) {
        Some(Kind::WeakRef(w)) => w.get().referent,
        _ => Value::NONE,
    }
}

pub fn weak_data(r: Value) -> Option<&'static mut WeakRefData> {
    match r.obj().map(|o| &o.kind) {
        Some(Kind::WeakRef(w)) => Some(w.get()),
        _ => None,
    }
}
