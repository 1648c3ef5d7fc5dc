//! Buffered standard output shared by `print` and `sys.stdout.write`;
//! flushed before anything goes to stderr, before reading stdin, and at exit.

use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static OUT: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(1 << 16));
    static UNBUFFERED: RefCell<bool> = const { RefCell::new(false) };
    /// While set (embedding hosts such as the wasm sandbox), stdout and
    /// stderr text goes to these buffers instead of the process's streams.
    static CAPTURE: RefCell<Option<(Vec<u8>, Vec<u8>)>> = const { RefCell::new(None) };
}

/// Send this thread's stdout and stderr text to buffers from now on.
pub fn capture_begin() {
    flush_stdout();
    CAPTURE.with(|c| *c.borrow_mut() = Some((Vec::new(), Vec::new())));
}

/// Stop capturing and return what was written to (stdout, stderr).
pub fn capture_end() -> (Vec<u8>, Vec<u8>) {
    CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default()
}

/// Append to the capture buffer `which` (0 stdout, 1 stderr) if capturing.
fn captured(which: usize, s: &str) -> bool {
    CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(bufs) => {
            let b = if which == 0 { &mut bufs.0 } else { &mut bufs.1 };
            b.extend_from_slice(s.as_bytes());
            true
        }
        None => false,
    })
}

pub fn set_unbuffered(u: bool) {
    UNBUFFERED.with(|b| *b.borrow_mut() = u);
}

pub fn write_stdout(s: &str) {
    if captured(0, s) {
        return;
    }
    let unbuffered = UNBUFFERED.with(|b| *b.borrow());
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.extend_from_slice(s.as_bytes());
        if unbuffered || o.len() > (1 << 16) {
            let _ = std::io::stdout().write_all(&o);
            let _ = std::io::stdout().flush();
            o.clear();
        }
    });
}

pub fn flush_stdout() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        let _ = std::io::stdout().write_all(&o);
        let _ = std::io::stdout().flush();
        o.clear();
    });
}

pub fn write_stderr(s: &str) {
    if captured(1, s) {
        return;
    }
    flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
    let _ = std::io::stderr().flush();
}
