//! Shapes (hidden classes) for instance attributes.
//!
//! Instances built the same way (same attribute names assigned in the same
//! order) share one `Shape`, so an attribute access is "compare the shape
//! pointer, load a slot" — the check made by the interpreter's inline caches
//! and, later, by JIT guards.  Names are interned strings, compared by
//! identity.  An instance whose attributes are deleted, or that grows past
//! `MAX_SHAPED_ATTRS`, or whose `__dict__` is asked for, switches to a real
//! dict for good.

use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

pub const MAX_SHAPED_ATTRS: usize = 48;

pub struct Shape {
    pub names: Vec<Value>,
    transitions: RefCell<Vec<(Value, Rc<Shape>)>>,
}

impl Shape {
    pub fn root() -> Rc<Shape> {
        Rc::new(Shape {
            names: Vec::new(),
            transitions: RefCell::new(Vec::new()),
        })
    }

    #[inline]
    pub fn index_of(&self, name: Value) -> Option<usize> {
        self.names.iter().position(|n| n.is(name))
    }

    /// The shape reached by adding `name`; shared by every instance that takes this step.
    pub fn with(self: &Rc<Shape>, name: Value) -> Rc<Shape> {
        if let Some((_, s)) = self.transitions.borrow().iter().find(|(n, _)| n.is(name)) {
            return s.clone();
        }
        let mut names = self.names.clone();
        names.push(name);
        let next = Rc::new(Shape {
            names,
            transitions: RefCell::new(Vec::new()),
        });
        self.transitions.borrow_mut().push((name, next.clone()));
        next
    }
}

pub enum AttrStore {
    Shaped {
        shape: Rc<Shape>,
        values: Vec<Value>,
    },
    /// A dict object holding the attributes (after `__dict__` was taken, a delete, or many names).
    Dict(Value),
}

thread_local! {
    static ROOT_SHAPE: Rc<Shape> = Shape::root();
}

impl AttrStore {
    pub fn new() -> AttrStore {
        AttrStore::Shaped {
            shape: ROOT_SHAPE.with(|r| r.clone()),
            values: Vec::new(),
        }
    }

    pub fn shape_ptr(&self) -> *const Shape {
        match self {
            AttrStore::Shaped { shape, .. } => Rc::as_ptr(shape),
            AttrStore::Dict(_) => std::ptr::null(),
        }
    }

    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        match self {
            AttrStore::Shaped { values, .. } => values.iter().for_each(|v| f(*v)),
            AttrStore::Dict(d) => f(*d),
        }
    }
}

impl Default for AttrStore {
    fn default() -> Self {
        AttrStore::new()
    }
}
