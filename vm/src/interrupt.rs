//! Ctrl-C: the signal handler (installed by the binary) only sets a flag;
//! the interpreter checks it at safepoints and raises KeyboardInterrupt there.

use std::sync::atomic::{AtomicBool, Ordering};

static PENDING: AtomicBool = AtomicBool::new(false);

/// Record an interrupt (async-signal-safe).
pub fn request() {
    PENDING.store(true, Ordering::Relaxed);
}

/// Take a pending interrupt, if any.
#[inline(always)]
pub fn take() -> bool {
    PENDING.load(Ordering::Relaxed) && PENDING.swap(false, Ordering::Relaxed)
}

/// Address of the flag (one byte, non-zero when an interrupt is pending),
/// which compiled traces poll at their loop back-edge.
pub fn flag_address() -> *const u8 {
    PENDING.as_ptr() as *const u8
}
