//! Writable bytes-like arguments (`recv_into`, `readinto` and the like):
//! a bytearray, a writable contiguous memoryview, or a native object
//! exporting a mutable buffer (`array.array`).

use molt_vm::memoryview::memoryview_state;
use molt_vm::object::Kind;
use molt_vm::Value;

/// The bytes of `v` to write into in place, or None when `v` is not a
/// writable buffer.  Like every `GcCell` borrow, the slice must not be
/// held across a call that may run Python code.
pub fn writable(v: Value) -> Option<&'static mut [u8]> {
    match &v.obj()?.kind {
        Kind::ByteArray(b) => Some(b.get().as_mut_slice()),
        Kind::NativeObject(_) => match memoryview_state(v) {
            Some(m) => {
                if m.released || m.readonly() || m.step != 1 {
                    return None;
                }
                let base = writable(m.obj)?;
                let end = m.start.checked_add(m.len)?.min(base.len());
                base.get_mut(m.start.min(end)..end)
            }
            None => molt_vm::object::native_buffer_mut(v),
        },
        _ => None,
    }
}
