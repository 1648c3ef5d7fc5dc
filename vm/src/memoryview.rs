//! The state of a `memoryview`: a window (start, step, length in bytes)
//! onto the bytes of a `bytes`, a `bytearray` or a native object exporting
//! a buffer (`array.array`, see `NativeState::buffer`), read as one-byte
//! items (`B`, `b`, `c`) or, after a `cast` of a contiguous view or over
//! an array, as native integers (`H`, `I`, `L`, `Q` and their signed
//! forms) or floats (`f`, `d`).  The
//! Python-facing type lives in the builtins crate; this part is here so
//! that [`crate::ops::convert::bytes_of`] treats views as bytes-like.

use crate::object::{native_state, Kind, NativeState};
use crate::value::Value;

pub struct MemoryView {
    /// The exporting `bytes`, `bytearray` or native buffer exporter.
    pub obj: Value,
    pub start: usize,
    pub step: isize,
    pub len: usize,
    /// A `struct` format character: `B b c H h I i L l Q q f d`, or `w`
    /// (a 4-byte character of an `array('u')`, which cannot be read).
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
            Kind::NativeObject(_) => crate::object::native_buffer(self.obj).unwrap_or(&[]),
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

    /// Bytes per item of the format.
    pub fn itemsize(&self) -> usize {
        match self.format {
            'H' | 'h' => 2,
            'I' | 'i' | 'f' | 'w' => 4,
            'L' | 'l' | 'Q' | 'q' | 'd' => 8,
            _ => 1,
        }
    }

    /// Number of items.
    pub fn items(&self) -> usize {
        self.len / self.itemsize()
    }

    /// The items as integers (or one-byte values for `c`, as their byte;
    /// the bits of `f` and `d` items).
    pub fn item_values(&self) -> Vec<i128> {
        let size = self.itemsize();
        let signed = self.format.is_ascii_lowercase() && self.format != 'c';
        self.bytes()
            .chunks_exact(size)
            .map(|c| {
                let mut buf = [0u8; 8];
                buf[..size].copy_from_slice(c);
                let u = u64::from_ne_bytes(buf);
                if signed {
                    let shift = 64 - 8 * size as u32;
                    (((u << shift) as i64) >> shift) as i128
                } else {
                    u as i128
                }
            })
            .collect()
    }

    pub fn readonly(&self) -> bool {
        !matches!(
            self.obj.as_obj().kind,
            Kind::ByteArray(_) | Kind::NativeObject(_)
        )
    }
}

/// The view state of `v`, if it is a memoryview.
pub fn memoryview_state(v: Value) -> Option<&'static mut MemoryView> {
    native_state::<MemoryView>(v)
}
