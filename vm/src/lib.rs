//! Molt's object model, shared by every tier: the NaN-boxed `Value`, heap
//! objects and the GC, shapes, dicts and sets, classes, the builtin
//! exception hierarchy, the object protocols (`ops`), formatting, and the
//! register bytecode format.

pub mod bytecode;
pub mod class;
pub mod dict;
pub mod exception_group;
pub mod exceptions;
pub mod format;
pub mod frame;
pub mod frameobj;
pub mod handles;
pub mod hash;
pub mod heap;
pub mod interrupt;
pub mod memoryview;
pub mod names;
pub mod object;
pub mod ops;
pub mod range;
pub mod set;
pub mod shape;
pub mod text;
pub mod value;
pub mod vm;
pub mod weakref;

pub use value::Value;
pub use vm::{Args, PyErr, PyResult, Vm};
