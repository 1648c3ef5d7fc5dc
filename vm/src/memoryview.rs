//! The state of a `memoryview`: a window (start, step, length) onto the
//! bytes of a `bytes` or `bytearray`.  Only the one-byte format `B` (and its
//! `c`/`b` casts) exists: molt has no other buffer exporters yet.  The
//! Python-facing type lives in the builtins crate; this part is here so
//! that [`crate::ops::convert::bytes_of`] treats views as bytes-like.

use crate::object::{native_state, Kind, NativeState};
use crate::value::Value;

pub struct MemoryView {
    /// The exporting `bytes` or `bytearray`.
    pub obj: Value,
    pub start: usize,
    pub step: isize,
    pub len: usize,
    /// `'B'`, `'b'` or `'c'`.
    pub format: char,
    pub released: bool,
}

impl NativeState for MemoryView {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.obj)
    }
}

impl MemoryView {
    /// The underlying buffer as it is now (a bytearray can have shrunk).
    fn buffer(&self) -> &'static [u8] {
        match &self.obj.as_obj().kind {
            Kind::Bytes(b) => b,
            Kind::ByteArray(b) => b.get().as_slice(),
            _ => &[],
        }
    }

    /// Index into the buffer of the view's `i`th element.
    pub fn offset(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    /// The viewed bytes (empty if the buffer no longer covers the view).
    pub fn bytes(&self) -> Vec<u8> {
        let buf = self.buffer();
        (0..self.len)
            .map(|i| self.offset(i))
            .map_while(|o| buf.get(o).copied())
            .collect()
    }

    pub fn readonly(&self) -> bool {
        !matches!(self.obj.as_obj().kind, Kind::ByteArray(_))
    }
}

/// The view state of `v`, if it is a memoryview.
pub fn memoryview_state(v: Value) -> Option<&'static mut MemoryView> {
    native_state::<MemoryView>(v)
}
