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
fn captured(which: usize, s: &[u8]) -> bool {
    CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(bufs) => {
            let b = if which == 0 { &mut bufs.0 } else { &mut bufs.1 };
            b.extend_from_slice(s);
            true
        }
        None => false,
    })
}

pub fn set_unbuffered(u: bool) {
    UNBUFFERED.with(|b| *b.borrow_mut() = u);
}

pub fn write_stdout(s: impl AsRef<[u8]>) {
    let s = s.as_ref();
    if captured(0, s) {
        return;
    }
    let unbuffered = UNBUFFERED.with(|b| *b.borrow());
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.extend_from_slice(s);
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

/// The error handler of `sys.stdout` and `sys.stdin`, chosen as CPython
/// does: `surrogateescape` under the C/POSIX locale (and its UTF-8
/// variants), where OS bytes that are not UTF-8 must survive a round trip;
/// `strict` otherwise.
pub fn stdio_errors() -> &'static str {
    static ERRORS: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    ERRORS.get_or_init(|| {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "C".into());
        match locale.as_str() {
            "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "UTF-8" => "surrogateescape",
            _ => "strict",
        }
    })
}

/// Str text (generalized UTF-8, see `molt_vm::text`) as the bytes a
/// standard stream writes with error handler `errors`; `Err` holds the
/// code point index of a surrogate it cannot encode.
pub fn encode_stream_text<'a>(
    text: &'a [u8],
    errors: &str,
) -> Result<std::borrow::Cow<'a, [u8]>, usize> {
    use molt_vm::text;
    if !text::has_surrogates(text) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    match errors {
        "surrogateescape" => text::encode_utf8_escaping(text).map(Into::into),
        "backslashreplace" => {
            let mut out = Vec::with_capacity(text.len());
            for cp in text::code_points(text) {
                if text::is_surrogate(cp) {
                    out.extend_from_slice(format!("\\u{:04x}", cp).as_bytes());
                } else {
                    text::push_code_point(&mut out, cp);
                }
            }
            Ok(out.into())
        }
        _ => Err(text::code_points(text)
            .position(text::is_surrogate)
            .unwrap_or(0)),
    }
}

pub fn write_stderr(s: impl AsRef<[u8]>) {
    let s = s.as_ref();
    if captured(1, s) {
        return;
    }
    flush_stdout();
    let _ = std::io::stderr().write_all(s);
    let _ = std::io::stderr().flush();
}
