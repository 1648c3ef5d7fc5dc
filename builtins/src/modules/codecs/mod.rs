//! `_codecs`: the codec registry (search functions, the lookup cache, error
//! handlers) and the codec functions CPython's `codecs.py` and `encodings`
//! package are built on.  `str.encode`/`bytes.decode` come here for the
//! encodings they do not handle themselves.

pub mod errors;
pub mod text;

use super::native::{self, pin};
use super::set;
use errors::{Decoding, Encoding};
use molt_vm::class::type_name;
use molt_vm::object::Kind;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};
use text::{ByteMap, EncodingMap};

pub fn codecs_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_codecs");
    let funcs: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("lookup", lookup_fn),
        ("_forget_codec", forget_codec),
        ("encode", encode_fn),
        ("decode", decode_fn),
        ("register_error", register_error),
        ("lookup_error", lookup_error),
        ("utf_8_encode", utf_8_encode),
        ("utf_8_decode", utf_8_decode),
        ("utf_16_encode", utf_16_encode),
        ("utf_16_decode", utf_16_decode),
        ("utf_16_le_encode", utf_16_le_encode),
        ("utf_16_le_decode", utf_16_le_decode),
        ("utf_16_be_encode", utf_16_be_encode),
        ("utf_16_be_decode", utf_16_be_decode),
        ("utf_16_ex_decode", utf_16_ex_decode),
        ("utf_32_encode", utf_32_encode),
        ("utf_32_decode", utf_32_decode),
        ("utf_32_le_encode", utf_32_le_encode),
        ("utf_32_le_decode", utf_32_le_decode),
        ("utf_32_be_encode", utf_32_be_encode),
        ("utf_32_be_decode", utf_32_be_decode),
        ("utf_32_ex_decode", utf_32_ex_decode),
        ("latin_1_encode", latin_1_encode),
        ("latin_1_decode", latin_1_decode),
        ("ascii_encode", ascii_encode),
        ("ascii_decode", ascii_decode),
        ("charmap_encode", charmap_encode),
        ("charmap_decode", charmap_decode),
        ("charmap_build", charmap_build),
        ("escape_encode", escape_encode),
        ("escape_decode", escape_decode),
        ("unicode_escape_encode", unicode_escape_encode),
        ("unicode_escape_decode", unicode_escape_decode),
        ("raw_unicode_escape_encode", raw_unicode_escape_encode),
        ("raw_unicode_escape_decode", raw_unicode_escape_decode),
        ("readbuffer_encode", readbuffer_encode),
    ];
    for (n, f) in funcs {
        vm.add_native(m, n, *f);
    }
    let cls = native::new_class(
        vm,
        "builtins",
        "EncodingMap",
        &[],
        molt_vm::object::Layout::Object,
        false,
    );
    native::methods(vm, cls, &[("size", encoding_map_size)]);
    set(vm, m, "EncodingMap", cls);
    Ok(m)
}

// ----- the registry -----

/// The registry of this VM: search functions (a list), the lookup cache
/// and the error handlers (dicts).  Made on first use, rooted for good.
pub fn registry(vm: &mut Vm) -> (Value, Value, Value) {
    if let (Some(&s), Some(&c), Some(&e)) = (
        vm.native_classes.get("_codecs.search"),
        vm.native_classes.get("_codecs.cache"),
        vm.native_classes.get("_codecs.errors"),
    ) {
        return (s, c, e);
    }
    let search = vm.new_list(vec![]);
    let cache = vm.new_dict();
    let handlers = vm.new_dict();
    vm.roots.extend([search, cache, handlers]);
    vm.native_classes.insert("_codecs.search", search);
    vm.native_classes.insert("_codecs.cache", cache);
    vm.native_classes.insert("_codecs.errors", handlers);
    let builtin: &[(&str, &'static str, molt_vm::object::NativeFn)] = &[
        ("strict", "strict_errors", errors::strict_errors),
        ("ignore", "ignore_errors", errors::ignore_errors),
        ("replace", "replace_errors", errors::replace_errors),
        (
            "xmlcharrefreplace",
            "xmlcharrefreplace_errors",
            errors::xmlcharrefreplace_errors,
        ),
        (
            "backslashreplace",
            "backslashreplace_errors",
            errors::backslashreplace_errors,
        ),
        (
            "namereplace",
            "namereplace_errors",
            errors::namereplace_errors,
        ),
        (
            "surrogateescape",
            "surrogateescape",
            errors::surrogateescape_errors,
        ),
        (
            "surrogatepass",
            "surrogatepass",
            errors::surrogatepass_errors,
        ),
    ];
    for (key, name, f) in builtin {
        let func = vm.new_native(name, *f, Value::NONE);
        let k = vm.new_str(key);
        vm.dict_set_str(handlers, k, func);
    }
    (search, cache, handlers)
}

/// CPython's normalisation of a name for the registry: lower case (ASCII),
/// spaces and hyphens to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The CodecInfo for `encoding`, from the cache or the search functions
/// (importing `encodings` first, which registers its search function).
pub fn lookup(vm: &mut Vm, encoding: &str) -> PyResult<Value> {
    let (search, cache, _) = registry(vm);
    let key = vm.new_string(normalize(encoding));
    pin(vm, key);
    if let Some(v) = ops::dict_get(vm, cache, key)? {
        return Ok(v);
    }
    if !vm.native_classes.contains_key("_codecs.imported") {
        vm.native_classes.insert("_codecs.imported", Value::NONE);
        let name = vm.new_str("encodings");
        pin(vm, name);
        // Without a standard library there is nothing to search: the
        // lookup below then fails with "unknown encoding".
        let _ = (vm.hooks.import)(vm, name, Value::NONE, Value::NONE, 0);
    }
    let funcs = ops::seq_items(search).unwrap_or_default();
    for f in funcs {
        pin(vm, f);
        let r = ops::call(vm, f, Args::new(&[key]))?;
        if r.is_none() {
            continue;
        }
        if ops::tuple_items(r).map(|t| t.len()) != Some(4) {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        ops::dict_set(vm, cache, key, r)?;
        return Ok(r);
    }
    let c = vm.exc.LookupError;
    Err(vm.err(c, format!("unknown encoding: {}", encoding)))
}

fn one_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    Ok(native::positional(vm, name, args.pos, args, 1, 1)?[0])
}

fn register(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = one_arg(vm, &args, "register")?;
    if !native::is_callable(vm, f) {
        return Err(vm.type_error("argument must be callable"));
    }
    let (search, _, _) = registry(vm);
    if let Kind::List(l) = &search.as_obj().kind {
        l.get().push(f);
    }
    Ok(Value::NONE)
}

fn unregister(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = one_arg(vm, &args, "unregister")?;
    let (search, cache, _) = registry(vm);
    if let Kind::List(l) = &search.as_obj().kind {
        let l = l.get();
        if let Some(i) = l.iter().position(|x| x.is(f)) {
            l.remove(i);
        }
    }
    if let Kind::Dict(d) = &cache.as_obj().kind {
        d.get().clear();
    }
    Ok(Value::NONE)
}

fn str_arg(vm: &mut Vm, fname: &str, n: usize, v: Value) -> PyResult<&'static str> {
    match str_of(v) {
        Some(s) => Ok(s),
        None => {
            let msg = format!(
                "{}() argument {} must be str, not {}",
                fname,
                n,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

fn lookup_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "lookup")?;
    let name = str_arg(vm, "lookup", 1, v)?;
    lookup(vm, name)
}

fn forget_codec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "_forget_codec")?;
    let name = str_arg(vm, "_forget_codec", 1, v)?;
    let (_, cache, _) = registry(vm);
    let key = vm.new_string(normalize(name));
    ops::dict_del(vm, cache, key)?;
    Ok(Value::NONE)
}

/// `encode`/`decode` through the registry: item 0 or 1 of the CodecInfo,
/// called with `(obj, errors)`; its result must be `(object, consumed)`.
fn run_codec(vm: &mut Vm, obj: Value, encoding: &str, errors: &str, dec: bool) -> PyResult<Value> {
    let info = lookup(vm, encoding)?;
    pin(vm, info);
    let f = ops::tuple_items(info).map(|t| t[dec as usize]);
    let f = match f {
        Some(f) => f,
        None => {
            let k = vm.intern(if dec { "decode" } else { "encode" });
            ops::attr::getattr(vm, info, k)?
        }
    };
    let e = vm.new_str(errors);
    let r = ops::call(vm, f, Args::new(&[obj, e]))?;
    match ops::tuple_items(r) {
        Some(&[v, _]) => Ok(v),
        _ => Err(vm.type_error(if dec {
            "decoder must return a tuple (object,integer)"
        } else {
            "encoder must return a tuple (object, integer)"
        })),
    }
}

fn codec_args(
    vm: &mut Vm,
    args: &Args,
    name: &str,
) -> PyResult<(Value, &'static str, &'static str)> {
    let a = crate::args::parse(vm, name, args, &["obj", "encoding", "errors"], 1)?;
    let enc = match a[1] {
        Some(v) => str_arg(vm, name, 2, v)?,
        None => "utf-8",
    };
    let err = match a[2] {
        Some(v) => str_arg(vm, name, 3, v)?,
        None => "strict",
    };
    Ok((a[0].unwrap_or(Value::NONE), enc, err))
}

fn encode_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (obj, enc, err) = codec_args(vm, &args, "encode")?;
    run_codec(vm, obj, enc, err, false)
}

fn decode_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (obj, enc, err) = codec_args(vm, &args, "decode")?;
    run_codec(vm, obj, enc, err, true)
}

fn register_error(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = native::positional(vm, "register_error", args.pos, &args, 2, 2)?;
    let name = str_arg(vm, "register_error", 1, a[0])?;
    if !native::is_callable(vm, a[1]) {
        return Err(vm.type_error("handler must be callable"));
    }
    let (_, _, handlers) = registry(vm);
    let k = vm.new_str(name);
    ops::dict_set(vm, handlers, k, a[1])?;
    Ok(Value::NONE)
}

fn lookup_error(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "lookup_error")?;
    let name = str_arg(vm, "lookup_error", 1, v)?;
    let (_, _, handlers) = registry(vm);
    match ops::dict_get(vm, handlers, v)? {
        Some(f) => Ok(f),
        None => Err(errors::unknown_handler(vm, name)),
    }
}

// ----- argument helpers of the codec functions -----

/// The data argument of a decoder: bytes-like (`str_ok`: a str too, as UTF-8).
fn data_arg(vm: &mut Vm, v: Value, str_ok: bool) -> PyResult<Vec<u8>> {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => Ok(b.to_vec()),
        Some(Kind::ByteArray(b)) => Ok(b.get().clone()),
        Some(Kind::Str(s)) if str_ok => Ok(s.as_str().as_bytes().to_vec()),
        _ => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// The errors argument: None means strict.
fn errors_arg(vm: &mut Vm, fname: &str, n: usize, v: Option<&Value>) -> PyResult<&'static str> {
    match v {
        None => Ok("strict"),
        Some(v) if v.is_none() => Ok("strict"),
        Some(v) => match str_of(*v) {
            Some(s) => Ok(s),
            None => {
                let msg = format!(
                    "{}() argument {} must be str or None, not {}",
                    fname,
                    n,
                    type_name(vm, *v)
                );
                Err(vm.type_error(msg))
            }
        },
    }
}

fn bool_arg(vm: &mut Vm, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => ops::convert::truthy(vm, *v),
    }
}

fn int_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(0),
        Some(v) => native::ssize(vm, *v),
    }
}

fn pair(vm: &mut Vm, v: Value, n: usize) -> Value {
    let n = vm.new_int(n as i64);
    vm.new_tuple(vec![v, n])
}

/// The str argument of an encoder, as code points.
fn text_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<Vec<u32>> {
    str_arg(vm, fname, 1, v)?;
    Ok(ops::str_data(v)
        .map(|d| d.code_points().collect())
        .unwrap_or_default())
}

/// The name CPython's UTF encoders give in their errors.
fn utf_codec_name(width: usize, order: i64) -> &'static str {
    match (width, order) {
        (1, _) => "utf-8",
        (2, 0) => "utf-16",
        (2, -1) => "utf-16-le",
        (2, _) => "utf-16-be",
        (_, 0) => "utf-32",
        (_, -1) => "utf-32-le",
        _ => "utf-32-be",
    }
}

// ----- the codec functions -----

fn utf_8_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = native::positional(vm, "utf_8_encode", args.pos, &args, 1, 2)?;
    let chars = text_arg(vm, "utf_8_encode", a[0])?;
    let errors = errors_arg(vm, "utf_8_encode", 2, a.get(1))?;
    let mut cx = Encoding::new("utf-8", &chars, a[0], errors);
    let b = text::utf_encode(vm, &mut cx, 1, 0)?;
    let b = vm.new_bytes(b);
    Ok(pair(vm, b, chars.len()))
}

/// The common shape of `X_decode(data, errors=None, final=False)`.
fn decoder_args(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    max: usize,
) -> PyResult<(Vec<u8>, &'static str, Vec<Value>)> {
    let a = native::positional(vm, name, args.pos, args, 1, max)?;
    let data = data_arg(vm, a[0], false)?;
    let errors = errors_arg(vm, name, 2, a.get(1))?;
    Ok((data, errors, a.get(2..).unwrap_or(&[]).to_vec()))
}

fn utf_8_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (data, errors, rest) = decoder_args(vm, &args, "utf_8_decode", 3)?;
    let fin = bool_arg(vm, rest.first(), false)?;
    let mut cx = Decoding::new("utf-8", &data, args.pos[0], errors);
    let (s, n) = text::utf8_decode(vm, &mut cx, fin)?;
    let s = vm.new_text(s.into_bytes());
    Ok(pair(vm, s, n))
}

fn wide_encode(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    width: usize,
    fixed: Option<i64>,
) -> PyResult<Value> {
    let max = if fixed.is_some() { 2 } else { 3 };
    let a = native::positional(vm, name, args.pos, args, 1, max)?;
    let chars = text_arg(vm, name, a[0])?;
    let errors = errors_arg(vm, name, 2, a.get(1))?;
    let order = match fixed {
        Some(o) => o,
        None => int_arg(vm, a.get(2))?.signum(),
    };
    let mut cx = Encoding::new(utf_codec_name(width, order), &chars, a[0], errors);
    let b = text::utf_encode(vm, &mut cx, width, order)?;
    let b = vm.new_bytes(b);
    Ok(pair(vm, b, chars.len()))
}

/// UTF-16/32 decoding; `ex` returns the byte order too.
fn wide_decode(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    width: usize,
    fixed: Option<i64>,
    ex: bool,
) -> PyResult<Value> {
    let (data, errors, rest) = decoder_args(vm, args, name, if ex { 4 } else { 3 })?;
    let (mut order, fin) = match (fixed, ex) {
        (Some(o), _) => (o, bool_arg(vm, rest.first(), false)?),
        (None, true) => (
            int_arg(vm, rest.first())?.signum(),
            bool_arg(vm, rest.get(1), false)?,
        ),
        (None, false) => (0, bool_arg(vm, rest.first(), false)?),
    };
    let mut cx = Decoding::new("utf-16", &data, args.pos[0], errors);
    let (s, n) = text::utf_wide_decode(vm, &mut cx, width, &mut order, fin)?;
    let s = vm.new_text(s.into_bytes());
    let n = vm.new_int(n as i64);
    if ex {
        let o = vm.new_int(order);
        Ok(vm.new_tuple(vec![s, n, o]))
    } else {
        Ok(vm.new_tuple(vec![s, n]))
    }
}

macro_rules! wide {
    ($enc:ident, $dec:ident, $width:expr, $fixed:expr) => {
        fn $enc(vm: &mut Vm, args: Args) -> PyResult<Value> {
            wide_encode(vm, &args, stringify!($enc), $width, $fixed)
        }
        fn $dec(vm: &mut Vm, args: Args) -> PyResult<Value> {
            wide_decode(vm, &args, stringify!($dec), $width, $fixed, false)
        }
    };
}

wide!(utf_16_encode, utf_16_decode, 2, None);
wide!(utf_16_le_encode, utf_16_le_decode, 2, Some(-1));
wide!(utf_16_be_encode, utf_16_be_decode, 2, Some(1));
wide!(utf_32_encode, utf_32_decode, 4, None);
wide!(utf_32_le_encode, utf_32_le_decode, 4, Some(-1));
wide!(utf_32_be_encode, utf_32_be_decode, 4, Some(1));

fn utf_16_ex_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    wide_decode(vm, &args, "utf_16_ex_decode", 2, None, true)
}

fn utf_32_ex_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    wide_decode(vm, &args, "utf_32_ex_decode", 4, None, true)
}

/// ASCII, Latin-1 and charmap encoding of `args`.
fn bytes_encode(vm: &mut Vm, args: &Args, name: &str, codec: &'static str) -> PyResult<Value> {
    let max = if codec == "charmap" { 3 } else { 2 };
    let a = native::positional(vm, name, args.pos, args, 1, max)?;
    let chars = text_arg(vm, name, a[0])?;
    let errors = errors_arg(vm, name, 2, a.get(1))?;
    let (map, reason) = match codec {
        "ascii" => (ByteMap::Limit(0x80), "ordinal not in range(128)"),
        "latin-1" => (ByteMap::Limit(0x100), "ordinal not in range(256)"),
        _ => match a.get(2) {
            Some(m) if !m.is_none() => (ByteMap::Charmap(*m), "character maps to <undefined>"),
            _ => (ByteMap::Limit(0x100), "ordinal not in range(256)"),
        },
    };
    let codec = match (&map, codec) {
        (ByteMap::Limit(_), "charmap") => "latin-1",
        _ => codec,
    };
    let mut cx = Encoding::new(codec, &chars, a[0], errors);
    let b = text::encode_bytes(vm, &mut cx, &map, reason)?;
    let b = vm.new_bytes(b);
    Ok(pair(vm, b, chars.len()))
}

fn latin_1_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_encode(vm, &args, "latin_1_encode", "latin-1")
}

fn ascii_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_encode(vm, &args, "ascii_encode", "ascii")
}

fn charmap_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bytes_encode(vm, &args, "charmap_encode", "charmap")
}

fn latin_1_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (data, _, _) = decoder_args(vm, &args, "latin_1_decode", 2)?;
    let s = vm.new_string(text::latin1_decode(&data));
    Ok(pair(vm, s, data.len()))
}

fn ascii_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (data, errors, _) = decoder_args(vm, &args, "ascii_decode", 2)?;
    let mut cx = Decoding::new("ascii", &data, args.pos[0], errors);
    let s = text::ascii_decode(vm, &mut cx)?;
    let s = vm.new_text(s.into_bytes());
    Ok(pair(vm, s, data.len()))
}

fn charmap_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (data, errors, rest) = decoder_args(vm, &args, "charmap_decode", 3)?;
    let s = match rest.first() {
        Some(m) if !m.is_none() => {
            let mut cx = Decoding::new("charmap", &data, args.pos[0], errors);
            text::charmap_decode(vm, &mut cx, *m)?.into_bytes()
        }
        _ => text::latin1_decode(&data).into_bytes(),
    };
    let s = vm.new_text(s);
    Ok(pair(vm, s, data.len()))
}

/// `charmap_build(decoding_table)`: the encoding map of a decoding table
/// (an `EncodingMap` for the usual 256 characters, else a dict).
fn charmap_build(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "charmap_build")?;
    let s = str_arg(vm, "charmap_build", 1, v)?;
    let chars: Vec<char> = s.chars().collect();
    // CPython's compact map needs U+0000 first and fits in its levels.
    let levels = |shift: u32| {
        let mut v: Vec<u32> = chars.iter().map(|&c| c as u32 >> shift).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let compact = chars.len() == 256
        && chars[0] == '\0'
        && chars.iter().all(|&c| (c as u32) < 0x10000)
        && levels(11) < 0xFF
        && levels(7) < 0xFF;
    if compact {
        let mut map = std::collections::HashMap::new();
        for (i, &c) in chars.iter().enumerate() {
            if c != '\u{FFFE}' {
                map.insert(c as u32, i as u8);
            }
        }
        let cls = native::class(vm, "EncodingMap");
        return Ok(vm.new_native_object(cls, EncodingMap { map }));
    }
    let d = vm.new_dict();
    for (i, &c) in chars.iter().enumerate() {
        let k = vm.new_int(c as i64);
        let v = vm.new_int(i as i64);
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(d)
}

fn encoding_map_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = native::this::<EncodingMap>(vm, &args, "EncodingMap", "size")?;
    // CPython reports the bytes its three-level table takes.
    let levels = |shift: u32| {
        let mut v: Vec<u32> = m.map.keys().map(|&c| c >> shift).collect();
        v.sort_unstable();
        v.dedup();
        v.len() as i64
    };
    let n = 63 + 16 * levels(11) + 128 * levels(7);
    Ok(vm.new_int(n))
}

fn escape_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = native::positional(vm, "escape_encode", args.pos, &args, 1, 2)?;
    let data = match a[0].obj().map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => b.to_vec(),
        _ => {
            let msg = format!(
                "escape_encode() argument 1 must be bytes, not {}",
                type_name(vm, a[0])
            );
            return Err(vm.type_error(msg));
        }
    };
    errors_arg(vm, "escape_encode", 2, a.get(1))?;
    let b = vm.new_bytes(text::escape_encode(&data));
    Ok(pair(vm, b, data.len()))
}

fn escape_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = native::positional(vm, "escape_decode", args.pos, &args, 1, 2)?;
    let data = data_arg(vm, a[0], true)?;
    let errors = errors_arg(vm, "escape_decode", 2, a.get(1))?;
    let b = text::escape_decode(vm, &data, errors)?;
    let b = vm.new_bytes(b);
    Ok(pair(vm, b, data.len()))
}

fn escape_codec_decode(vm: &mut Vm, args: &Args, name: &str, raw: bool) -> PyResult<Value> {
    let a = native::positional(vm, name, args.pos, args, 1, 3)?;
    let data = data_arg(vm, a[0], true)?;
    let errors = errors_arg(vm, name, 2, a.get(1))?;
    let fin = bool_arg(vm, a.get(2), true)?;
    let codec = if raw {
        "rawunicodeescape"
    } else {
        "unicodeescape"
    };
    let mut cx = Decoding::new(codec, &data, a[0], errors);
    let (s, n) = text::unicode_escape_decode(vm, &mut cx, raw, fin)?;
    let s = vm.new_text(s.into_bytes());
    Ok(pair(vm, s, n))
}

fn unicode_escape_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    escape_codec_decode(vm, &args, "unicode_escape_decode", false)
}

fn raw_unicode_escape_decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    escape_codec_decode(vm, &args, "raw_unicode_escape_decode", true)
}

fn escape_codec_encode(vm: &mut Vm, args: &Args, name: &str, raw: bool) -> PyResult<Value> {
    let a = native::positional(vm, name, args.pos, args, 1, 2)?;
    let chars = text_arg(vm, name, a[0])?;
    errors_arg(vm, name, 2, a.get(1))?;
    let b = vm.new_bytes(text::unicode_escape_encode(&chars, raw));
    Ok(pair(vm, b, chars.len()))
}

fn unicode_escape_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    escape_codec_encode(vm, &args, "unicode_escape_encode", false)
}

fn raw_unicode_escape_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    escape_codec_encode(vm, &args, "raw_unicode_escape_encode", true)
}

fn readbuffer_encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = native::positional(vm, "readbuffer_encode", args.pos, &args, 1, 2)?;
    let data = data_arg(vm, a[0], true)?;
    errors_arg(vm, "readbuffer_encode", 2, a.get(1))?;
    let n = data.len();
    let b = vm.new_bytes(data);
    Ok(pair(vm, b, n))
}

// ----- str.encode / bytes.decode -----

/// The codecs `str.encode`/`bytes.decode` run without the registry.
#[derive(Clone, Copy)]
enum Builtin {
    Utf8,
    Ascii,
    Latin1,
    /// UTF-16 (width 2) or UTF-32 (4) with a byte order.
    Wide(usize, i64),
}

fn builtin_codec(name: &str) -> Option<Builtin> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Some(match norm.as_str() {
        "utf_16" | "utf16" | "u16" => Builtin::Wide(2, 0),
        "utf_16_le" | "utf_16le" => Builtin::Wide(2, -1),
        "utf_16_be" | "utf_16be" => Builtin::Wide(2, 1),
        "utf_32" | "utf32" | "u32" => Builtin::Wide(4, 0),
        "utf_32_le" | "utf_32le" => Builtin::Wide(4, -1),
        "utf_32_be" | "utf_32be" => Builtin::Wide(4, 1),
        _ => match crate::str_methods::native_codec(name)? {
            crate::str_methods::Codec::Utf8 => Builtin::Utf8,
            crate::str_methods::Codec::Ascii => Builtin::Ascii,
            crate::str_methods::Codec::Latin1 => Builtin::Latin1,
        },
    })
}

/// Is `info` a codec for text (not `rot13` or `hex`)?
fn check_text_encoding(vm: &mut Vm, info: Value, encoding: &str, what: &str) -> PyResult<()> {
    let k = vm.intern("_is_text_encoding");
    if let Some(v) = ops::attr::getattr_opt(vm, info, k)? {
        if !ops::convert::truthy(vm, v)? {
            let c = vm.exc.LookupError;
            let msg = format!(
                "'{}' is not a text encoding; use codecs.{}() to handle arbitrary codecs",
                encoding, what
            );
            return Err(vm.err(c, msg));
        }
    }
    Ok(())
}

/// `str.encode(encoding, errors)` of the str `obj`.
pub fn encode_str(vm: &mut Vm, obj: Value, encoding: &str, errors: &str) -> PyResult<Value> {
    let Some(d) = ops::str_data(obj) else {
        return Err(vm.type_error("encode() argument must be str"));
    };
    if let Some(codec) = builtin_codec(encoding) {
        if matches!(codec, Builtin::Utf8) && !d.has_surrogates() {
            return Ok(vm.new_bytes(d.bytes().to_vec()));
        }
        let chars: Vec<u32> = d.code_points().collect();
        let out = match codec {
            Builtin::Utf8 => {
                let mut cx = Encoding::new("utf-8", &chars, obj, errors);
                text::utf_encode(vm, &mut cx, 1, 0)?
            }
            Builtin::Wide(w, o) => {
                let mut cx = Encoding::new(utf_codec_name(w, o), &chars, obj, errors);
                text::utf_encode(vm, &mut cx, w, o)?
            }
            Builtin::Ascii | Builtin::Latin1 => {
                let (name, limit, reason) = match codec {
                    Builtin::Ascii => ("ascii", 0x80, "ordinal not in range(128)"),
                    _ => ("latin-1", 0x100, "ordinal not in range(256)"),
                };
                let mut cx = Encoding::new(name, &chars, obj, errors);
                text::encode_bytes(vm, &mut cx, &ByteMap::Limit(limit), reason)?
            }
        };
        return Ok(vm.new_bytes(out));
    }
    let info = lookup(vm, encoding)?;
    pin(vm, info);
    check_text_encoding(vm, info, encoding, "encode")?;
    let v = run_codec(vm, obj, encoding, errors, false)?;
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Bytes(_)) => Ok(v),
        Some(Kind::ByteArray(b)) => {
            let b = b.get().clone();
            Ok(vm.new_bytes(b))
        }
        _ => {
            let msg = format!(
                "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                encoding,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

/// `bytes.decode(encoding, errors)` of `data` (the bytes object `obj`).
pub fn decode_bytes(
    vm: &mut Vm,
    data: &[u8],
    obj: Value,
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    if let Some(codec) = builtin_codec(encoding) {
        let s = match codec {
            Builtin::Utf8 => {
                let mut cx = Decoding::new("utf-8", data, obj, errors);
                text::utf8_decode(vm, &mut cx, true)?.0
            }
            Builtin::Ascii => {
                let mut cx = Decoding::new("ascii", data, obj, errors);
                text::ascii_decode(vm, &mut cx)?
            }
            Builtin::Latin1 => return Ok(vm.new_string(text::latin1_decode(data))),
            Builtin::Wide(w, mut o) => {
                let mut cx = Decoding::new("utf-16", data, obj, errors);
                text::utf_wide_decode(vm, &mut cx, w, &mut o, true)?.0
            }
        };
        return Ok(vm.new_text(s.into_bytes()));
    }
    let info = lookup(vm, encoding)?;
    pin(vm, info);
    check_text_encoding(vm, info, encoding, "decode")?;
    let v = run_codec(vm, obj, encoding, errors, true)?;
    if str_of(v).is_some() {
        return Ok(v);
    }
    let msg = format!(
        "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
        encoding,
        type_name(vm, v)
    );
    Err(vm.type_error(msg))
}
