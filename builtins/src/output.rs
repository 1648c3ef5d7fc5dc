//! Buffered standard output shared by `print` and `sys.stdout.write`;
//! flushed before anything goes to stderr, before reading stdin, and at exit.

use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static OUT: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(1 << 16));
    static UNBUFFERED: RefCell<bool> = const { RefCell::new(false) };
}

pub fn set_unbuffered(u: bool) {
    UNBUFFERED.with(|b| *b.borrow_mut() = u);
}

pub fn write_stdout(s: &str) {
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
    flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
    let _ = std::io::stderr().flush();
}
