//! The heap and its precise, non-moving mark-and-sweep collector.
//!
//! Collection happens only at safepoints (the interpreter's loop back-edges
//! and calls), so the roots are exactly: the registers of every frame on
//! `Vm::frames`, the `pinned` stack, interned strings, builtin types and
//! modules, exceptions being handled, `Vm::roots`, and the values of the
//! live handles of `Vm::handles` (exported to code outside the heap).
//!
//! Native (Rust) code may hold values in local variables across calls that
//! run Python code.  Those values are kept alive by the pinned stack: every
//! allocation and every value returned to native code is pushed on it, and
//! an interpreter activation truncates it back to the height it had on entry
//! only when it reaches a safepoint — where everything that activation still
//! needs is in its registers.  Values pinned by native callers further down
//! the Rust stack lie below that height and stay pinned.

use crate::object::*;
use crate::value::Value;
use crate::vm::Vm;
use std::cell::Cell;

pub struct Heap {
    objects: Vec<*mut Obj>,
    /// Weak references by referent address: the collector clears them when
    /// the referent dies, and `weakref.ref(x)` finds an existing one here.
    pub(crate) weak_refs: std::collections::HashMap<usize, Vec<Value>>,
    /// Weak references whose referent died and whose callback has not run
    /// yet (rooted until it has).
    pub(crate) dead_weak_refs: Vec<Value>,
    /// Allocations since the last collection; compared with `threshold`.
    allocated: usize,
    threshold: usize,
    pub collections: usize,
    /// `gc.disable()` stops automatic collections (explicit ones still run).
    pub enabled: bool,
}

const MIN_THRESHOLD: usize = 25_000;

impl Heap {
    pub fn new() -> Heap {
        Heap {
            objects: Vec::new(),
            weak_refs: std::collections::HashMap::new(),
            dead_weak_refs: Vec::new(),
            allocated: 0,
            threshold: MIN_THRESHOLD,
            collections: 0,
            enabled: true,
        }
    }

    #[inline]
    pub fn allocate(&mut self, cls: Value, kind: Kind) -> Value {
        let obj = Box::new(Obj {
            marked: Cell::new(false),
            cls: Cell::new(cls),
            ext_attrs: GcCell::new(None),
            kind,
        });
        let p = Box::into_raw(obj);
        self.objects.push(p);
        self.allocated += 1;
        Value::from_obj(p)
    }

    /// True when enough has been allocated that the next safepoint should collect.
    #[inline(always)]
    pub fn wants_collection(&self) -> bool {
        self.allocated >= self.threshold && self.enabled
    }

    /// Allocations since the last collection.
    pub fn allocated_since_collection(&self) -> usize {
        self.allocated
    }

    pub fn live_objects(&self) -> usize {
        self.objects.len()
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for p in self.objects.drain(..) {
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

/// Call `f` on every value directly referenced by `obj`.
fn trace(obj: &Obj, f: &mut impl FnMut(Value)) {
    f(obj.cls.get());
    if let Some(a) = obj.ext_attrs.get().as_deref() {
        a.for_each_value(&mut *f);
    }
    match &obj.kind {
        Kind::Instance(a) => a.get().for_each_value(&mut *f),
        Kind::Int(_)
        | Kind::Float(_)
        | Kind::Complex(..)
        | Kind::Str(_)
        | Kind::Bytes(_)
        | Kind::ByteArray(_) => {}
        Kind::List(l) => l.get().iter().for_each(|v| f(*v)),
        Kind::Tuple(t) => t.iter().for_each(|v| f(*v)),
        Kind::Dict(d) => d.get().for_each_value(&mut *f),
        Kind::Set(s) | Kind::FrozenSet(s) => s.get().for_each_value(&mut *f),
        Kind::Range { start, stop, step } | Kind::Slice { start, stop, step } => {
            f(*start);
            f(*stop);
            f(*step);
        }
        Kind::Function(func) => {
            f(func.code.get());
            f(func.globals);
            f(func.name.get());
            f(func.qualname.get());
            f(func.defaults.get());
            f(func.kwdefaults.get());
            f(func.closure);
            f(func.module);
            f(func.doc.get());
            f(func.annotations.get());
        }
        Kind::Native(n) => {
            f(n.bound_self);
            f(n.owner);
        }
        Kind::BoundMethod { func, receiver } => {
            f(*func);
            f(*receiver);
        }
        Kind::Class(c) => {
            f(c.name.get());
            f(c.qualname.get());
            c.bases.get().iter().for_each(|v| f(*v));
            c.mro.get().iter().for_each(|v| f(*v));
            f(c.dict);
            if let Some(s) = c.slots.get() {
                s.iter().for_each(|v| f(*v));
            }
            c.subclasses.get().iter().for_each(|v| f(*v));
        }
        Kind::Module(m) => {
            f(m.name);
            f(m.dict);
        }
        Kind::Cell(c) => f(c.get()),
        Kind::Code(c) => c.for_each_value(&mut *f),
        Kind::Generator(g) => {
            let g = g.get();
            f(g.name);
            f(g.qualname);
            if let Some(fr) = &g.frame {
                fr.for_each_value(&mut *f);
            }
        }
        Kind::Iterator(it) => match it.get() {
            IterState::Seq { seq, .. } => f(*seq),
            IterState::StrBytes { s, .. } => f(*s),
            IterState::Range { .. } | IterState::Exhausted => {}
            IterState::LongRange { next, stop, step } => {
                f(*next);
                f(*stop);
                f(*step);
            }
            IterState::Dict { dict, .. } => f(*dict),
            IterState::Set { set, .. } => f(*set),
            IterState::Reversed { seq, .. } => f(*seq),
            IterState::Enumerate { it, count } => {
                f(*it);
                f(*count);
            }
            IterState::Zip { its, .. } => its.iter().for_each(|v| f(*v)),
            IterState::Map { func, its } => {
                f(*func);
                its.iter().for_each(|v| f(*v));
            }
            IterState::Filter { func, it } => {
                f(*func);
                f(*it);
            }
            IterState::Callable { func, sentinel } => {
                f(*func);
                f(*sentinel);
            }
            IterState::GetItem { obj, .. } => f(*obj),
        },
        Kind::Exception(e) => {
            let e = e.get();
            f(e.args);
            f(e.cause);
            f(e.context);
            f(e.tb_object.0);
            if let Some((message, excs)) = e.group {
                f(message);
                f(excs);
            }
            e.traceback.iter().for_each(|t| {
                f(t.code);
                f(t.globals);
                f(t.frame);
            });
        }
        Kind::Property {
            fget,
            fset,
            fdel,
            doc,
        } => {
            f(*fget);
            f(*fset);
            f(*fdel);
            f(*doc);
        }
        Kind::ClassMethod(v) | Kind::StaticMethod(v) => f(*v),
        Kind::Super {
            this_class,
            receiver,
        } => {
            f(*this_class);
            f(*receiver);
        }
        Kind::DictView { dict, .. } => f(*dict),
        Kind::NativeObject(state) => state.get().trace(&mut *f),
        // The referent is deliberately not traced.
        Kind::WeakRef(w) => f(w.get().callback),
    }
}

impl Vm {
    /// The interpreter's safepoint (loop back-edges and calls): collect if
    /// the allocation budget is spent (then run weak-reference callbacks),
    /// and run the handlers of signals that arrived; an exception a handler
    /// raises propagates from here.  `pinned_base` is the current
    /// activation's base on the pinned stack.
    #[inline(always)]
    pub fn safepoint(&mut self, pinned_base: usize) -> crate::PyResult<()> {
        // Everything this activation pinned is in its registers by now.
        self.pinned.truncate(pinned_base);
        if self.heap.wants_collection() {
            self.collect();
            if !self.heap.dead_weak_refs.is_empty() {
                self.run_weak_callbacks();
            }
        }
        if crate::interrupt::pending() {
            crate::interrupt::run_handlers(self)?;
        }
        Ok(())
    }

    /// After marking: forget weak references that are garbage themselves,
    /// and clear those whose referent is garbage, queueing their callbacks.
    fn clear_dead_weak_refs(&mut self) {
        let heap = &mut self.heap;
        let dead = &mut heap.dead_weak_refs;
        heap.weak_refs.retain(|&addr, refs| {
            refs.retain(|r| r.as_obj().marked.get());
            let referent_alive = unsafe { &*(addr as *const Obj) }.marked.get();
            if !referent_alive {
                for r in refs.iter() {
                    if let Kind::WeakRef(w) = &r.as_obj().kind {
                        let w = w.get();
                        w.referent = Value::NONE;
                        if !w.callback.is_none() {
                            dead.push(*r);
                        }
                    }
                }
                return false;
            }
            !refs.is_empty()
        });
    }

    /// Run the callbacks of weak references cleared by the last collection.
    /// Called where running Python code is safe (after a safepoint's
    /// collection); an exception in a callback is reported, not raised.
    pub fn run_weak_callbacks(&mut self) {
        while let Some(r) = self.heap.dead_weak_refs.pop() {
            let cb = match &r.as_obj().kind {
                Kind::WeakRef(w) => std::mem::replace(&mut w.get().callback, Value::NONE),
                _ => continue,
            };
            self.pinned.push(r);
            if let Err(e) = crate::ops::call::call(self, cb, crate::Args::new(&[r])) {
                (self.hooks.report_unraisable)(self, e.0, "in", cb);
            }
        }
    }

    /// A full mark-and-sweep collection; returns the number of objects freed.
    pub fn collect(&mut self) -> usize {
        let mut stack: Vec<Value> = Vec::with_capacity(1024);
        {
            let mut push = |v: Value| {
                if v.is_ptr() {
                    stack.push(v)
                }
            };
            for &fp in &self.frames {
                unsafe { &*fp }.for_each_value(&mut push);
            }
            self.pinned.iter().for_each(|v| push(*v));
            self.handling.iter().for_each(|v| push(*v));
            self.roots.iter().for_each(|v| push(*v));
            self.handles.for_each_live(&mut push);
            self.t.for_each(&mut push);
            self.exc.for_each(&mut push);
            self.names.for_each(&mut push);
            self.interned_for_each(&mut push);
            push(self.builtins);
            push(self.modules);
            push(self.context);
            self.heap.dead_weak_refs.iter().for_each(|v| push(*v));
        }
        while let Some(v) = stack.pop() {
            let obj = v.as_obj();
            if obj.marked.get() {
                continue;
            }
            obj.marked.set(true);
            trace(obj, &mut |c: Value| {
                if c.is_ptr() && !c.as_obj().marked.get() {
                    stack.push(c)
                }
            });
        }
        self.clear_dead_weak_refs();
        let before = self.heap.objects.len();
        self.heap.objects.retain(|&p| {
            let o = unsafe { &*p };
            if o.marked.get() {
                o.marked.set(false);
                true
            } else {
                drop(unsafe { Box::from_raw(p) });
                false
            }
        });
        let live = self.heap.objects.len();
        let freed = before - live;
        self.heap.allocated = 0;
        // Collect again after allocating twice the surviving heap: marking stays amortised O(1).
        self.heap.threshold = MIN_THRESHOLD.max(live * 2);
        self.heap.collections += 1;
        self.class_epoch.set(self.class_epoch.get() + 1);
        freed
    }
}
