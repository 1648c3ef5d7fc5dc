//! Signals: the C-level handler (installed by the `_signal` module and the
//! binary) only records the signal in async-signal-safe flags; the
//! interpreter polls one summary flag at safepoints (loop back-edges and
//! calls) and, when it is set, runs the Python-level handlers there, in the
//! interpreter thread, where an exception they raise can propagate.

use crate::value::Value;
use crate::vm::{Args, PyResult, Vm};
use std::sync::atomic::{AtomicBool, Ordering};

/// One more than the highest signal number (Linux's real-time signals end at 64).
pub const NSIG: usize = 65;

/// Set when any signal in `TRIPPED` is set: the one byte the hot path reads.
static PENDING: AtomicBool = AtomicBool::new(false);

#[allow(clippy::declare_interior_mutable_const)]
const CLEAR: AtomicBool = AtomicBool::new(false);
/// Which signals arrived since their handlers last ran.
static TRIPPED: [AtomicBool; NSIG] = [CLEAR; NSIG];

const SIGINT: usize = 2;

thread_local! {
    /// The Python-level handlers, a list indexed by signal number (kept
    /// alive by `Vm::roots`), once the `_signal` module exists.  Without
    /// it, SIGINT raises KeyboardInterrupt and other signals are dropped.
    static HANDLERS: std::cell::Cell<Value> = const { std::cell::Cell::new(Value::NONE) };
}

/// Record that `signum` arrived (async-signal-safe).
pub fn trip(signum: i32) {
    if let Some(t) = TRIPPED.get(signum as usize) {
        t.store(true, Ordering::SeqCst);
        // After the per-signal flag, so a poll that sees PENDING sees it too.
        PENDING.store(true, Ordering::SeqCst);
    }
}

/// Record a Ctrl-C (async-signal-safe).
pub fn request() {
    trip(SIGINT as i32);
}

/// Is any signal waiting for its Python-level handler?  One load: the check
/// the interpreter makes at every safepoint.
#[inline(always)]
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Forget every pending signal (the REPL does this before each input).
pub fn take() -> bool {
    let was = PENDING.swap(false, Ordering::SeqCst);
    for t in TRIPPED.iter() {
        t.store(false, Ordering::SeqCst);
    }
    was
}

/// Address of the summary flag (one byte, non-zero when a signal is
/// pending), which compiled traces poll at their loop back-edge.
pub fn flag_address() -> *const u8 {
    PENDING.as_ptr() as *const u8
}

/// Install the table of Python-level handlers (a list of `NSIG` entries).
pub fn set_handler_table(list: Value) {
    HANDLERS.with(|h| h.set(list));
}

/// Run the handlers of the signals that arrived, lowest number first.  An
/// exception from one propagates; signals not handled yet stay pending for
/// the next safepoint.
pub fn run_handlers(vm: &mut Vm) -> PyResult<()> {
    if !PENDING.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let table = HANDLERS.with(|h| h.get());
    for (signum, t) in TRIPPED.iter().enumerate() {
        if !t.swap(false, Ordering::SeqCst) {
            continue;
        }
        let handler = match crate::ops::seq_items(table) {
            Some(items) => items.get(signum).copied().unwrap_or(Value::NONE),
            None if signum == SIGINT => Value::NONE,
            None => continue,
        };
        let r = if handler.is_none() && signum == SIGINT && table.is_none() {
            let c = vm.exc.KeyboardInterrupt;
            Err(crate::PyErr(vm.new_exception(c, vec![])))
        } else if handler.is_none() || handler.is_small_int() {
            // SIG_DFL / SIG_IGN / a handler installed outside Python.
            Ok(Value::NONE)
        } else {
            let n = Value::small_int_unchecked(signum as i64);
            // The handler may replace itself in the table while it runs.
            vm.pinned.push(handler);
            // CPython passes the frame that was running when the signal was handled.
            let frame = match vm.frames.len() {
                0 => Value::NONE,
                len => crate::frameobj::frame_object(vm, len - 1),
            };
            crate::ops::call(vm, handler, Args::new(&[n, frame]))
        };
        if let Err(e) = r {
            if TRIPPED.iter().any(|t| t.load(Ordering::SeqCst)) {
                PENDING.store(true, Ordering::SeqCst);
            }
            return Err(e);
        }
    }
    Ok(())
}
