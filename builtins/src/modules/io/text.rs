//! `TextIOWrapper` (text over a binary buffer: encoding, newline
//! translation, line buffering) and `IncrementalNewlineDecoder`, with the
//! newline helpers `StringIO` shares.
//!
//! Reading decodes the buffer a chunk at a time into code points and
//! remembers, for each one, the byte offset just after it: `tell()` is then
//! the buffer position minus the bytes not yet consumed, a plain byte offset
//! (the cookie CPython gives whenever its decoder has no pending state).

use super::{
    add_methods, add_property, call_method, closed_error, getattr, opt_str, size_arg, state,
    unsupported,
};
use crate::str_methods::{self, Codec};
use molt_vm::class::{class_name, type_name, type_of};
use molt_vm::object::NativeState;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};

const CHUNK_SIZE: usize = 8192;

const SEEN_CR: u8 = 1;
const SEEN_LF: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The `newline` argument of a text stream.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Newline {
    /// None: any line ending reads as `\n`.
    Universal,
    /// '': any line ending ends a line, left as it is.
    Untranslated,
    Lf,
    Cr,
    CrLf,
}

impl Newline {
    pub fn parse(s: &str) -> Option<Newline> {
        match s {
            "" => Some(Newline::Untranslated),
            "\n" => Some(Newline::Lf),
            "\r" => Some(Newline::Cr),
            "\r\n" => Some(Newline::CrLf),
            _ => None,
        }
    }
    fn universal(self) -> bool {
        matches!(self, Newline::Universal | Newline::Untranslated)
    }
    /// What `\n` becomes on write, if anything.
    fn write_nl(self) -> Option<&'static str> {
        match self {
            Newline::Cr => Some("\r"),
            Newline::CrLf => Some("\r\n"),
            _ => None,
        }
    }
}

/// Universal-newline decoding of `input`: a trailing `\r` waits for the next
/// call (unless `final`) in case a `\n` follows; `seen` collects the kinds of
/// line ending met; with `translate` they all become `\n`.
pub fn translate_newlines(
    input: &str,
    pendingcr: &mut bool,
    final_: bool,
    translate: bool,
    seen: &mut u8,
) -> String {
    let mut s = String::with_capacity(input.len() + 1);
    if *pendingcr && (!input.is_empty() || final_) {
        s.push('\r');
        *pendingcr = false;
    }
    s.push_str(input);
    if !final_ && s.ends_with('\r') {
        s.pop();
        *pendingcr = true;
    }
    if !s.contains('\r') {
        if s.contains('\n') {
            *seen |= SEEN_LF;
        }
        return s;
    }
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\r' {
            *seen |= if b.get(i + 1) == Some(&b'\n') {
                SEEN_CRLF
            } else {
                SEEN_CR
            };
        } else if c == b'\n' && (i == 0 || b[i - 1] != b'\r') {
            *seen |= SEEN_LF;
        }
    }
    if translate {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

/// The `newlines` attribute for the kinds of line ending seen.
pub fn newlines_value(vm: &mut Vm, seen: u8) -> Value {
    let mut kinds = Vec::new();
    if seen & SEEN_CR != 0 {
        kinds.push("\r");
    }
    if seen & SEEN_LF != 0 {
        kinds.push("\n");
    }
    if seen & SEEN_CRLF != 0 {
        kinds.push("\r\n");
    }
    match kinds.len() {
        0 => Value::NONE,
        1 => vm.new_str(kinds[0]),
        _ => {
            let items = kinds.iter().map(|k| vm.new_str(k)).collect();
            vm.new_tuple(items)
        }
    }
}

/// The index just past the line ending of the line starting at `start`,
/// looking from `from` on; None when the buffer holds no complete line
/// (a final `\r` may still be followed by `\n` unless at `eof`).
pub fn line_end_from(
    buf: &[char],
    start: usize,
    from: usize,
    nl: Newline,
    eof: bool,
) -> Option<usize> {
    let from = from.max(start);
    match nl {
        Newline::Universal | Newline::Lf => buf[from..]
            .iter()
            .position(|&c| c == '\n')
            .map(|i| from + i + 1),
        Newline::Cr => buf[from..]
            .iter()
            .position(|&c| c == '\r')
            .map(|i| from + i + 1),
        Newline::CrLf => {
            let from = from.saturating_sub(1).max(start);
            (from..buf.len().saturating_sub(1))
                .find(|&i| buf[i] == '\r' && buf[i + 1] == '\n')
                .map(|i| i + 2)
        }
        Newline::Untranslated => {
            let i = from + buf[from..].iter().position(|&c| c == '\r' || c == '\n')?;
            if buf[i] == '\n' {
                return Some(i + 1);
            }
            match buf.get(i + 1) {
                Some('\n') => Some(i + 2),
                Some(_) => Some(i + 1),
                None if eof => Some(i + 1),
                None => None,
            }
        }
    }
}

pub fn line_end(buf: &[char], start: usize, nl: Newline, eof: bool) -> Option<usize> {
    line_end_from(buf, start, start, nl, eof)
}

// ----- TextIOWrapper -----

pub struct TextIO {
    /// NONE before `__init__` and after `detach`.
    buffer: Value,
    detached: bool,
    encoding: Value,
    codec: Codec,
    errors: Value,
    newline: Newline,
    line_buffering: bool,
    write_through: bool,
    readable: bool,
    writable: bool,
    seekable: bool,
    telling: bool,
    has_read1: bool,
    /// Decoded text not yet returned is `decoded[dpos..]`; `ends[i]` is the
    /// byte offset (from the base) just after `decoded[i]`.
    decoded: Vec<char>,
    ends: Vec<u64>,
    dpos: usize,
    /// Bytes read but not decodable yet (an incomplete UTF-8 sequence).
    carry: Vec<u8>,
    /// Bytes given to the decoder since the base.
    fed: u64,
    pendingcr: bool,
    cr_end: u64,
    seen: u8,
    /// Encoded text not yet passed to the buffer.
    pending: Vec<u8>,
}

impl NativeState for TextIO {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.buffer);
        f(self.encoding);
        f(self.errors);
    }
}

impl TextIO {
    fn avail(&self) -> usize {
        self.decoded.len() - self.dpos
    }

    fn take(&mut self, end: usize) -> String {
        let end = end.min(self.decoded.len());
        let s: String = self.decoded[self.dpos..end].iter().collect();
        self.dpos = end;
        s
    }

    /// Forget what was decoded and not consumed (after a seek or a write).
    fn reset_decoder(&mut self) {
        self.decoded.clear();
        self.ends.clear();
        self.dpos = 0;
        self.carry.clear();
        self.fed = 0;
        self.pendingcr = false;
        self.cr_end = 0;
    }

    /// Drop the consumed prefix; the base moves to just after it.
    fn compact(&mut self) {
        if self.dpos == 0 {
            return;
        }
        let shift = self.ends[self.dpos - 1];
        self.decoded.drain(..self.dpos);
        self.ends.drain(..self.dpos);
        for e in self.ends.iter_mut() {
            *e -= shift;
        }
        self.fed -= shift;
        self.cr_end = self.cr_end.saturating_sub(shift);
        self.dpos = 0;
    }

    fn emit(&mut self, c: char, end: u64) {
        self.decoded.push(c);
        self.ends.push(end);
    }

    fn push(&mut self, c: char, end: u64) {
        if self.newline.universal() {
            let translate = self.newline == Newline::Universal;
            if self.pendingcr {
                self.pendingcr = false;
                if c == '\n' {
                    self.seen |= SEEN_CRLF;
                    if !translate {
                        self.emit('\r', self.cr_end);
                    }
                    self.emit('\n', end);
                    return;
                }
                self.seen |= SEEN_CR;
                self.emit(if translate { '\n' } else { '\r' }, self.cr_end);
            }
            if c == '\r' {
                self.pendingcr = true;
                self.cr_end = end;
                return;
            }
            if c == '\n' {
                self.seen |= SEEN_LF;
            }
        }
        self.emit(c, end);
    }

    /// Decode `input` (after any carried bytes) onto `decoded`.
    fn feed(&mut self, vm: &mut Vm, input: &[u8], final_: bool) -> PyResult<()> {
        let mut data = std::mem::take(&mut self.carry);
        let start = self.fed - data.len() as u64;
        data.extend_from_slice(input);
        self.fed += input.len() as u64;
        let mut cut = data.len();
        if !final_ && self.codec == Codec::Utf8 {
            cut = complete_utf8_prefix(&data);
        }
        let mut obj = Value::NONE;
        let errors = str_of(self.errors).unwrap_or("strict").to_string();
        match self.codec {
            Codec::Latin1 => {
                for (i, &b) in data[..cut].iter().enumerate() {
                    self.push(b as char, start + i as u64 + 1);
                }
            }
            Codec::Ascii => {
                for (i, &b) in data[..cut].iter().enumerate() {
                    if b < 0x80 {
                        self.push(b as char, start + i as u64 + 1);
                    } else {
                        if obj.is_none() {
                            obj = vm.new_bytes(data.clone());
                        }
                        let mut out = String::new();
                        str_methods::decode_error(
                            vm,
                            &data,
                            obj,
                            self.codec,
                            &errors,
                            (i, i + 1),
                            "ordinal not in range(128)",
                            &mut out,
                        )?;
                        for c in out.chars() {
                            self.push(c, start + i as u64 + 1);
                        }
                    }
                }
            }
            Codec::Utf8 => {
                let mut i = 0;
                while i < cut {
                    match std::str::from_utf8(&data[i..cut]) {
                        Ok(s) => {
                            for (k, c) in s.char_indices() {
                                self.push(c, start + (i + k + c.len_utf8()) as u64);
                            }
                            i = cut;
                        }
                        Err(e) => {
                            let good = i + e.valid_up_to();
                            let s = std::str::from_utf8(&data[i..good]).unwrap_or("");
                            for (k, c) in s.char_indices() {
                                self.push(c, start + (i + k + c.len_utf8()) as u64);
                            }
                            let (end, reason) = match e.error_len() {
                                None => (cut, "unexpected end of data"),
                                Some(1) if !(0xC2..=0xF4).contains(&data[good]) => {
                                    (good + 1, "invalid start byte")
                                }
                                Some(n) => (good + n, "invalid continuation byte"),
                            };
                            if obj.is_none() {
                                obj = vm.new_bytes(data.clone());
                            }
                            let mut out = String::new();
                            str_methods::decode_error(
                                vm,
                                &data,
                                obj,
                                self.codec,
                                &errors,
                                (good, end),
                                reason,
                                &mut out,
                            )?;
                            for c in out.chars() {
                                self.push(c, start + end as u64);
                            }
                            i = end;
                        }
                    }
                }
            }
        }
        self.carry = data[cut..].to_vec();
        if final_ && self.pendingcr {
            self.pendingcr = false;
            self.seen |= SEEN_CR;
            let c = if self.newline == Newline::Universal {
                '\n'
            } else {
                '\r'
            };
            self.emit(c, self.cr_end);
        }
        Ok(())
    }
}

/// The length of `data` without a trailing incomplete UTF-8 sequence.
fn complete_utf8_prefix(data: &[u8]) -> usize {
    let n = data.len();
    for k in 1..=3.min(n) {
        let b = data[n - k];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte: look further back
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return n,
        };
        return if need > k { n - k } else { n };
    }
    n
}

pub fn register(vm: &mut Vm, cls: Value) {
    add_methods(
        vm,
        cls,
        &[
            ("__new__", t_new),
            ("__init__", t_init),
            ("__repr__", t_repr),
            ("read", t_read),
            ("readline", t_readline),
            ("write", t_write),
            ("flush", t_flush),
            ("close", t_close),
            ("detach", t_detach),
            ("seek", t_seek),
            ("tell", t_tell),
            ("truncate", t_truncate),
            ("fileno", t_fileno),
            ("isatty", t_isatty),
            ("readable", t_readable),
            ("writable", t_writable),
            ("seekable", t_seekable),
            ("reconfigure", t_reconfigure),
            ("__next__", t_next),
        ],
    );
    for (name, f) in [
        ("encoding", t_encoding as molt_vm::object::NativeFn),
        ("errors", t_errors),
        ("newlines", t_newlines),
        ("line_buffering", t_line_buffering),
        ("write_through", t_write_through),
        ("buffer", t_buffer),
        ("name", t_name),
        ("closed", t_closed),
    ] {
        add_property(vm, cls, name, f, None);
    }
    let k = vm.new_int(CHUNK_SIZE as i64);
    vm.set_attr_str(cls, "_CHUNK_SIZE", k);
}

fn rest<'a>(args: &'a Args) -> Args<'a> {
    Args {
        pos: &args.pos[1..],
        ..*args
    }
}

fn t_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = TextIO {
        buffer: Value::NONE,
        detached: false,
        encoding: Value::NONE,
        codec: Codec::Utf8,
        errors: Value::NONE,
        newline: Newline::Universal,
        line_buffering: false,
        write_through: false,
        readable: false,
        writable: false,
        seekable: false,
        telling: false,
        has_read1: false,
        decoded: Vec::new(),
        ends: Vec::new(),
        dpos: 0,
        carry: Vec::new(),
        fed: 0,
        pendingcr: false,
        cr_end: 0,
        seen: 0,
        pending: Vec::new(),
    };
    super::new_object(vm, &args, st, "TextIOWrapper")
}

fn tio(vm: &mut Vm, v: Value) -> PyResult<&'static mut TextIO> {
    state::<TextIO>(vm, v, "TextIOWrapper")
}

/// The state of an initialised wrapper with its buffer attached.
fn live(vm: &mut Vm, v: Value) -> PyResult<&'static mut TextIO> {
    let t = tio(vm, v)?;
    if t.detached {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    if t.buffer.is_none() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(t)
}

fn buffer_closed(vm: &mut Vm, buffer: Value) -> PyResult<bool> {
    super::buffered::is_closed(vm, buffer)
}

/// The live state, or ValueError for a closed file.
fn open_text(vm: &mut Vm, v: Value) -> PyResult<&'static mut TextIO> {
    let buffer = live(vm, v)?.buffer;
    if buffer_closed(vm, buffer)? {
        return Err(closed_error(vm));
    }
    live(vm, v)
}

/// Resolve an encoding name to its codec (`locale` is UTF-8 here).
fn codec_for(vm: &mut Vm, enc: &str) -> PyResult<Codec> {
    if enc == "locale" {
        return Ok(Codec::Utf8);
    }
    str_methods::lookup_codec(vm, enc)
}

fn parse_newline(vm: &mut Vm, v: Option<Value>, what: &str) -> PyResult<Newline> {
    match v {
        None => Ok(Newline::Universal),
        Some(v) if v.is_none() => Ok(Newline::Universal),
        Some(v) => match str_of(v) {
            Some(s) => match Newline::parse(s) {
                Some(n) => Ok(n),
                None => Err(vm.value_error(format!("illegal newline value: {}", s))),
            },
            None => {
                let msg = format!("{} must be str or None, not {}", what, type_name(vm, v));
                Err(vm.type_error(msg))
            }
        },
    }
}

fn t_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(
        vm,
        "TextIOWrapper",
        &rest(&args),
        &[
            "buffer",
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        1,
    )?;
    let buffer = a[0].unwrap_or(Value::NONE);
    let encoding = opt_str(vm, a[1], "TextIOWrapper() argument 'encoding'")?;
    let errors = opt_str(vm, a[2], "TextIOWrapper() argument 'errors'")?;
    let newline = parse_newline(vm, a[3], "TextIOWrapper() argument 'newline'")?;
    let line_buffering = match a[4] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let write_through = match a[5] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let enc_name = match encoding {
        None | Some("locale") => "UTF-8",
        Some(e) => e,
    };
    let codec = codec_for(vm, enc_name)?;
    let enc_v = vm.new_str(enc_name);
    let err_v = vm.new_str(errors.unwrap_or("strict"));
    let r = call_method(vm, buffer, "readable", &[])?;
    let readable = ops::truthy(vm, r)?;
    let w = call_method(vm, buffer, "writable", &[])?;
    let writable = ops::truthy(vm, w)?;
    let s = call_method(vm, buffer, "seekable", &[])?;
    let seekable = ops::truthy(vm, s)?;
    let has_read1 = super::getattr_opt(vm, buffer, "read1")?.is_some();
    let t = tio(vm, obj)?;
    t.buffer = buffer;
    t.detached = false;
    t.encoding = enc_v;
    t.codec = codec;
    t.errors = err_v;
    t.newline = newline;
    t.line_buffering = line_buffering;
    t.write_through = write_through;
    t.readable = readable;
    t.writable = writable;
    t.seekable = seekable;
    t.telling = seekable;
    t.has_read1 = has_read1;
    t.reset_decoder();
    t.seen = 0;
    t.pending.clear();
    if writable && super::buffered::over_file(buffer) {
        super::track_writer(vm, obj);
    }
    Ok(Value::NONE)
}

fn t_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let mut s = format!("<{}", class_name(type_of(vm, obj)));
    for attr in ["name", "mode"] {
        match getattr(vm, obj, attr) {
            Ok(v) => {
                let r = ops::repr_string(vm, v)?;
                s.push_str(&format!(" {}={}", attr, r));
            }
            Err(e) => {
                let ex = vm.exc.Exception;
                if !vm.exc_matches(e.0, ex) {
                    return Err(e);
                }
            }
        }
    }
    let enc = tio(vm, obj)?.encoding;
    if !enc.is_none() {
        let r = ops::repr_string(vm, enc)?;
        s.push_str(&format!(" encoding={}", r));
    }
    s.push('>');
    Ok(vm.new_string(s))
}

/// Pass pending encoded text to the buffer.
fn write_flush(vm: &mut Vm, obj: Value) -> PyResult<()> {
    let t = live(vm, obj)?;
    if t.pending.is_empty() {
        return Ok(());
    }
    let data = std::mem::take(&mut t.pending);
    let buffer = t.buffer;
    let b = vm.new_bytes(data);
    call_method(vm, buffer, "write", &[b])?;
    Ok(())
}

fn check_readable(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if !open_text(vm, obj)?.readable {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(())
}

/// Read and decode one chunk; false at end of file.
fn read_chunk(vm: &mut Vm, obj: Value) -> PyResult<bool> {
    let t = live(vm, obj)?;
    let (buffer, read1) = (t.buffer, t.has_read1);
    let n = vm.new_int(CHUNK_SIZE as i64);
    let method = if read1 { "read1" } else { "read" };
    let r = call_method(vm, buffer, method, &[n])?;
    let data = if r.is_none() {
        Vec::new()
    } else {
        match ops::convert::bytes_of(r) {
            Some(b) if str_of(r).is_none() => b,
            _ => {
                let msg = format!(
                    "underlying {}() should have returned a bytes-like object, not '{}'",
                    method,
                    type_name(vm, r)
                );
                return Err(vm.type_error(msg));
            }
        }
    };
    let eof = data.is_empty();
    let t = live(vm, obj)?;
    t.compact();
    t.feed(vm, &data, eof)?;
    Ok(!eof)
}

fn t_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "read", &rest(&args), &["size"], 0)?;
    let size = size_arg(vm, a[0])?;
    check_readable(vm, obj)?;
    write_flush(vm, obj)?;
    if size < 0 {
        let buffer = live(vm, obj)?.buffer;
        let r = call_method(vm, buffer, "read", &[])?;
        let data = if r.is_none() {
            Vec::new()
        } else {
            match ops::convert::bytes_of(r) {
                Some(b) if str_of(r).is_none() => b,
                _ => {
                    let msg = format!(
                        "underlying read() should have returned a bytes object, not '{}'",
                        type_name(vm, r)
                    );
                    return Err(vm.type_error(msg));
                }
            }
        };
        // All the rest at once: decoded in bulk, no offsets needed.
        let t = live(vm, obj)?;
        let mut out = t.take(usize::MAX);
        let mut bytes = std::mem::take(&mut t.carry);
        bytes.extend_from_slice(&data);
        let (codec, errors) = (t.codec, t.errors);
        let text = match String::from_utf8(bytes) {
            Ok(s) if codec == Codec::Utf8 || s.is_ascii() => s,
            Ok(s) => {
                let bytes = s.into_bytes();
                let bv = vm.new_bytes(bytes.clone());
                let errors = str_of(errors).unwrap_or("strict");
                str_methods::decode(vm, &bytes, bv, codec, errors)?
            }
            Err(e) => {
                let bytes = e.into_bytes();
                let bv = vm.new_bytes(bytes.clone());
                let errors = str_of(errors).unwrap_or("strict");
                str_methods::decode(vm, &bytes, bv, codec, errors)?
            }
        };
        let t = live(vm, obj)?;
        let text = if t.newline.universal() {
            let translate = t.newline == Newline::Universal;
            translate_newlines(&text, &mut t.pendingcr, true, translate, &mut t.seen)
        } else {
            text
        };
        out.push_str(&text);
        t.reset_decoder();
        return Ok(vm.new_string(out));
    }
    let size = size as usize;
    while live(vm, obj)?.avail() < size {
        if !read_chunk(vm, obj)? {
            break;
        }
    }
    let t = live(vm, obj)?;
    let end = t.dpos + size.min(t.avail());
    let out = t.take(end);
    Ok(vm.new_string(out))
}

fn readline_impl(vm: &mut Vm, obj: Value, limit: i64) -> PyResult<String> {
    check_readable(vm, obj)?;
    write_flush(vm, obj)?;
    // `scanned` chars after dpos hold no line ending (dpos moves on compaction).
    let mut scanned = 0usize;
    let end = loop {
        let t = live(vm, obj)?;
        let (start, nl) = (t.dpos, t.newline);
        if let Some(e) = line_end_from(&t.decoded, start, start + scanned, nl, false) {
            break e;
        }
        if limit >= 0 && t.avail() >= limit as usize {
            break start + limit as usize;
        }
        scanned = t.avail();
        if !read_chunk(vm, obj)? {
            let t = live(vm, obj)?;
            let (start, nl) = (t.dpos, t.newline);
            break line_end(&t.decoded, start, nl, true).unwrap_or(t.decoded.len());
        }
    };
    let t = live(vm, obj)?;
    let end = if limit >= 0 {
        end.min(t.dpos + limit as usize)
    } else {
        end
    };
    Ok(t.take(end))
}

fn t_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "readline", &rest(&args), &["size"], 0)?;
    let limit = size_arg(vm, a[0])?;
    let line = readline_impl(vm, obj, limit)?;
    Ok(vm.new_string(line))
}

fn t_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    live(vm, obj)?.telling = false;
    let line = readline_impl(vm, obj, -1)?;
    if line.is_empty() {
        let t = live(vm, obj)?;
        t.reset_decoder();
        t.telling = t.seekable;
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(vm.new_string(line))
}

fn t_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &rest(&args), 1, 1)?;
    let obj = args.pos[0];
    let v = args.pos[1];
    let text = match str_of(v) {
        Some(s) => s,
        None => {
            let msg = format!("write() argument must be str, not {}", type_name(vm, v));
            return Err(vm.type_error(msg));
        }
    };
    let t = open_text(vm, obj)?;
    if !t.writable {
        return Err(unsupported(vm, "not writable"));
    }
    let n = text.chars().count();
    let haslf = text.contains('\n');
    let needflush = t.line_buffering && (haslf || text.contains('\r'));
    let translated;
    let text = match t.newline.write_nl() {
        Some(nl) if haslf => {
            translated = text.replace('\n', nl);
            translated.as_str()
        }
        _ => text,
    };
    let (codec, errors) = (t.codec, t.errors);
    let bytes = if codec == Codec::Utf8 {
        text.as_bytes().to_vec()
    } else {
        let errors = str_of(errors).unwrap_or("strict");
        str_methods::encode(vm, text, v, codec, errors)?
    };
    let t = live(vm, obj)?;
    if t.avail() > 0 || !t.carry.is_empty() || t.pendingcr {
        t.reset_decoder();
    }
    t.pending.extend_from_slice(&bytes);
    if t.pending.len() >= CHUNK_SIZE || needflush || t.write_through {
        write_flush(vm, obj)?;
    }
    if needflush {
        let buffer = live(vm, obj)?.buffer;
        call_method(vm, buffer, "flush", &[])?;
    }
    Ok(vm.new_int(n as i64))
}

fn t_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let t = open_text(vm, obj)?;
    t.telling = t.seekable;
    write_flush(vm, obj)?;
    let buffer = live(vm, obj)?.buffer;
    call_method(vm, buffer, "flush", &[])
}

fn t_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let buffer = live(vm, obj)?.buffer;
    if buffer_closed(vm, buffer)? {
        super::untrack_writer(obj);
        return Ok(Value::NONE);
    }
    let flushed = call_method(vm, obj, "flush", &[]);
    super::untrack_writer(obj);
    let closed = call_method(vm, buffer, "close", &[]);
    match (flushed, closed) {
        (Err(e), Err(e2)) => {
            if let Some(d) = molt_vm::exceptions::exc_data(e2.0) {
                d.context = e.0;
            }
            Err(e2)
        }
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(e),
        _ => Ok(Value::NONE),
    }
}

fn t_detach(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let buffer = live(vm, obj)?.buffer;
    call_method(vm, obj, "flush", &[])?;
    super::untrack_writer(obj);
    let t = live(vm, obj)?;
    t.detached = true;
    t.buffer = Value::NONE;
    Ok(buffer)
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    ops::to_index(vm, v)
}

fn t_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "seek", &rest(&args), 1, 2)?;
    let obj = args.pos[0];
    let mut cookie = int_arg(vm, args.pos[1])?;
    let whence = match args.pos.get(2) {
        Some(w) => int_arg(vm, *w)?,
        None => 0,
    };
    if !open_text(vm, obj)?.seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    match whence {
        1 => {
            if cookie != 0 {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            let r = call_method(vm, obj, "tell", &[])?;
            cookie = ops::to_index(vm, r)?;
        }
        2 => {
            if cookie != 0 {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            call_method(vm, obj, "flush", &[])?;
            let t = live(vm, obj)?;
            t.reset_decoder();
            let buffer = t.buffer;
            let (z, two) = (Value::small_int_unchecked(0), Value::small_int_unchecked(2));
            return call_method(vm, buffer, "seek", &[z, two]);
        }
        0 => {}
        _ => {
            let msg = format!("invalid whence ({}, should be 0, 1 or 2)", whence);
            return Err(vm.value_error(msg));
        }
    }
    if cookie < 0 {
        return Err(vm.value_error(format!("negative seek position {}", cookie)));
    }
    call_method(vm, obj, "flush", &[])?;
    let t = live(vm, obj)?;
    t.reset_decoder();
    let buffer = t.buffer;
    let c = vm.new_int(cookie);
    call_method(vm, buffer, "seek", &[c])?;
    Ok(c)
}

fn t_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let t = open_text(vm, obj)?;
    if !t.seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    if !t.telling {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "telling position disabled by next() call"));
    }
    call_method(vm, obj, "flush", &[])?;
    let buffer = live(vm, obj)?.buffer;
    let r = call_method(vm, buffer, "tell", &[])?;
    let pos = ops::to_index(vm, r)?;
    let t = live(vm, obj)?;
    let consumed = if t.dpos == 0 { 0 } else { t.ends[t.dpos - 1] };
    let unread = t.fed.saturating_sub(consumed) as i64;
    vm_int(vm, pos - unread)
}

fn vm_int(vm: &mut Vm, n: i64) -> PyResult<Value> {
    Ok(vm.new_int(n))
}

fn t_truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "truncate", &rest(&args), 0, 1)?;
    let obj = args.pos[0];
    call_method(vm, obj, "flush", &[])?;
    let pos = match args.pos.get(1) {
        Some(p) if !p.is_none() => *p,
        _ => call_method(vm, obj, "tell", &[])?,
    };
    let buffer = live(vm, obj)?.buffer;
    call_method(vm, buffer, "truncate", &[pos])
}

fn delegate(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let buffer = live(vm, args.pos[0])?.buffer;
    call_method(vm, buffer, name, &[])
}

fn t_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "fileno")
}

fn t_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "isatty")
}

fn t_readable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "readable")
}

fn t_writable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "writable")
}

fn t_seekable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    delegate(vm, &args, "seekable")
}

fn t_reconfigure(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    if args.pos.len() > 1 {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let names = [
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let mut vals: [Option<Value>; 5] = [None; 5];
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        let ks = str_of(*k).unwrap_or("");
        match names.iter().position(|n| *n == ks) {
            Some(i) => vals[i] = Some(*v),
            None => {
                let msg = format!("reconfigure() got an unexpected keyword argument '{}'", ks);
                return Err(vm.type_error(msg));
            }
        }
    }
    let encoding = opt_str(vm, vals[0], "reconfigure() argument 'encoding'")?;
    let errors = opt_str(vm, vals[1], "reconfigure() argument 'errors'")?;
    let newline = match vals[2] {
        Some(v) => Some(parse_newline(
            vm,
            Some(v),
            "reconfigure() argument 'newline'",
        )?),
        None => None,
    };
    let t = live(vm, obj)?;
    let started = !t.decoded.is_empty() || !t.carry.is_empty() || t.fed > 0;
    if started && (encoding.is_some() || errors.is_some() || newline.is_some()) {
        return Err(unsupported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    call_method(vm, obj, "flush", &[])?;
    if let Some(enc) = encoding {
        let codec = codec_for(vm, enc)?;
        let name = if enc == "locale" { "UTF-8" } else { enc };
        let ev = vm.new_str(name);
        let errv = vm.new_str(errors.unwrap_or("strict"));
        let t = live(vm, obj)?;
        t.codec = codec;
        t.encoding = ev;
        t.errors = errv;
    } else if let Some(err) = errors {
        let errv = vm.new_str(err);
        live(vm, obj)?.errors = errv;
    }
    if let Some(nl) = newline {
        live(vm, obj)?.newline = nl;
    }
    if let Some(v) = vals[3] {
        if !v.is_none() {
            let b = ops::truthy(vm, v)?;
            live(vm, obj)?.line_buffering = b;
        }
    }
    if let Some(v) = vals[4] {
        if !v.is_none() {
            let b = ops::truthy(vm, v)?;
            live(vm, obj)?.write_through = b;
        }
    }
    Ok(Value::NONE)
}

fn t_encoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(tio(vm, args.pos[0])?.encoding)
}

fn t_errors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(tio(vm, args.pos[0])?.errors)
}

fn t_newlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = live(vm, args.pos[0])?;
    if !t.readable || !t.newline.universal() {
        return Ok(Value::NONE);
    }
    let seen = t.seen;
    Ok(newlines_value(vm, seen))
}

fn t_line_buffering(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(live(vm, args.pos[0])?.line_buffering))
}

fn t_write_through(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(live(vm, args.pos[0])?.write_through))
}

fn t_buffer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(live(vm, args.pos[0])?.buffer)
}

fn t_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let buffer = live(vm, args.pos[0])?.buffer;
    getattr(vm, buffer, "name")
}

fn t_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let buffer = live(vm, args.pos[0])?.buffer;
    getattr(vm, buffer, "closed")
}

// ----- IncrementalNewlineDecoder -----

pub struct NewlineDecoder {
    decoder: Value,
    translate: bool,
    pendingcr: bool,
    seen: u8,
    ready: bool,
}

impl NativeState for NewlineDecoder {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.decoder);
    }
}

pub fn register_newline_decoder(vm: &mut Vm, cls: Value) {
    add_methods(
        vm,
        cls,
        &[
            ("__new__", d_new),
            ("__init__", d_init),
            ("decode", d_decode),
            ("getstate", d_getstate),
            ("setstate", d_setstate),
            ("reset", d_reset),
        ],
    );
    add_property(vm, cls, "newlines", d_newlines, None);
}

fn d_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = NewlineDecoder {
        decoder: Value::NONE,
        translate: false,
        pendingcr: false,
        seen: 0,
        ready: false,
    };
    super::new_object(vm, &args, st, "IncrementalNewlineDecoder")
}

fn dec(vm: &mut Vm, v: Value) -> PyResult<&'static mut NewlineDecoder> {
    let d = state::<NewlineDecoder>(vm, v, "IncrementalNewlineDecoder")?;
    if !d.ready {
        return Err(vm.value_error("IncrementalNewlineDecoder.__init__() not called"));
    }
    Ok(d)
}

fn d_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "IncrementalNewlineDecoder",
        &rest(&args),
        &["decoder", "translate", "errors"],
        2,
    )?;
    let decoder = a[0].unwrap_or(Value::NONE);
    let translate = ops::truthy(vm, a[1].unwrap_or(Value::FALSE))?;
    let d = state::<NewlineDecoder>(vm, args.pos[0], "IncrementalNewlineDecoder")?;
    d.decoder = decoder;
    d.translate = translate;
    d.pendingcr = false;
    d.seen = 0;
    d.ready = true;
    Ok(Value::NONE)
}

fn d_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let obj = args.pos[0];
    let a = crate::args::parse(vm, "decode", &rest(&args), &["input", "final"], 1)?;
    let input = a[0].unwrap_or(Value::NONE);
    let final_ = match a[1] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let decoder = dec(vm, obj)?.decoder;
    let output = if decoder.is_none() {
        input
    } else {
        let k = vm.intern("decode");
        let f = ops::getattr(vm, decoder, k)?;
        let fin = Value::bool(final_);
        let kn = [vm.intern("final")];
        ops::call(
            vm,
            f,
            Args {
                pos: &[input],
                kwnames: &kn,
                kwvalues: &[fin],
            },
        )?
    };
    let text = match str_of(output) {
        Some(s) => s,
        None => {
            let msg = format!(
                "decoder should return a string result, not '{}'",
                type_name(vm, output)
            );
            return Err(vm.type_error(msg));
        }
    };
    let d = dec(vm, obj)?;
    let out = translate_newlines(text, &mut d.pendingcr, final_, d.translate, &mut d.seen);
    Ok(vm.new_string(out))
}

fn d_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dec(vm, args.pos[0])?;
    let (decoder, pending) = (d.decoder, d.pendingcr);
    let (buf, flag) = if decoder.is_none() {
        (vm.new_bytes(vec![]), 0)
    } else {
        let st = call_method(vm, decoder, "getstate", &[])?;
        let items = ops::seq_items(st).unwrap_or_default();
        if items.len() != 2 {
            return Err(vm.type_error("illegal decoder state"));
        }
        let f = ops::to_index(vm, items[1])?;
        (items[0], f)
    };
    let flag = (flag << 1) | pending as i64;
    let fv = vm.new_int(flag);
    Ok(vm.new_tuple(vec![buf, fv]))
}

fn d_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "setstate", &rest(&args), 1, 1)?;
    let obj = args.pos[0];
    let items = match ops::tuple_items(args.pos[1]) {
        Some(i) if i.len() == 2 => i.to_vec(),
        _ => return Err(vm.type_error("state argument must be a tuple")),
    };
    let flag = ops::to_index(vm, items[1])?;
    let d = dec(vm, obj)?;
    d.pendingcr = flag & 1 != 0;
    let decoder = d.decoder;
    if !decoder.is_none() {
        let f = vm.new_int(flag >> 1);
        let t = vm.new_tuple(vec![items[0], f]);
        call_method(vm, decoder, "setstate", &[t])?;
    }
    Ok(Value::NONE)
}

fn d_reset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = dec(vm, args.pos[0])?;
    d.seen = 0;
    d.pendingcr = false;
    let decoder = d.decoder;
    if !decoder.is_none() {
        call_method(vm, decoder, "reset", &[])?;
    }
    Ok(Value::NONE)
}

fn d_newlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let seen = dec(vm, args.pos[0])?.seen;
    Ok(newlines_value(vm, seen))
}
