//! `repr()` and `str()` of every value, with CPython's exact spelling
//! (string quoting and escapes, float repr, container recursion `[...]`).

use super::str_of;
use crate::class::{class_name, lookup_user, type_of};
use crate::object::Kind;
use crate::value::Value;
use crate::vm::{class_data, Args, PyResult, Vm};
use std::cell::RefCell;

thread_local! {
    /// Containers whose repr is being built (to print `[...]` for cycles).
    static REPR_STACK: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

pub fn repr(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(o) = v.obj() {
        let cls = o.cls.get();
        if !class_data(cls).builtin {
            if let Some(m) = lookup_user(vm, cls, vm.names.__repr__) {
                let r = super::call(vm, m, Args::new(&[v]))?;
                if str_of(r).is_none() {
                    let msg = format!(
                        "__repr__ returned non-string (type {})",
                        crate::class::type_name(vm, r)
                    );
                    return Err(vm.type_error(msg));
                }
                return Ok(r);
            }
        }
        if let Kind::Str(_) = o.kind {
            if class_data(cls).builtin {
                let s = repr_text(super::str_bytes_of(v).unwrap_or(b""));
                return Ok(vm.new_string(s));
            }
        }
    }
    let s = repr_string(vm, v)?;
    Ok(vm.new_string(s))
}

/// `str(v)` as a str value.
pub fn to_str(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(o) = v.obj() {
        let cls = o.cls.get();
        if !class_data(cls).builtin {
            if let Some(m) = lookup_user(vm, cls, vm.names.__str__) {
                let r = super::call(vm, m, Args::new(&[v]))?;
                if str_of(r).is_none() {
                    let msg = format!(
                        "__str__ returned non-string (type {})",
                        crate::class::type_name(vm, r)
                    );
                    return Err(vm.type_error(msg));
                }
                return Ok(r);
            }
            if lookup_user(vm, cls, vm.names.__repr__).is_some() {
                return repr(vm, v);
            }
        }
        match &o.kind {
            Kind::Str(_) if cls.is(vm.t.str_) => return Ok(v),
            Kind::Str(s) => {
                let s = s.bytes().to_vec();
                return Ok(vm.new_text(s));
            }
            Kind::Exception(_) => {
                let s = exception_str(vm, v)?;
                return Ok(vm.new_string(s));
            }
            _ => {}
        }
    }
    let s = repr_string(vm, v)?;
    Ok(vm.new_string(s))
}

pub fn str_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let s = to_str(vm, v)?;
    Ok(str_of(s).unwrap_or("").to_string())
}

/// str(exception): the message part of a traceback's last line.
pub fn exception_str(vm: &mut Vm, e: Value) -> PyResult<String> {
    if let Some((message, excs)) = crate::exception_group::group_parts(e) {
        let n = super::tuple_items(excs).map_or(0, |t| t.len());
        let plural = if n > 1 { "s" } else { "" };
        let m = str_of(message).unwrap_or("");
        return Ok(format!("{} ({} sub-exception{})", m, n, plural));
    }
    let args = match &e.as_obj().kind {
        Kind::Exception(d) => d.get().args,
        _ => return str_string(vm, e),
    };
    let items = super::tuple_items(args).unwrap_or(&[]).to_vec();
    if let Some(s) = unicode_error_str(vm, e) {
        return Ok(s);
    }
    let is_key_error = crate::class::is_subclass(e.as_obj().class(), vm.exc.KeyError);
    // OSError shows its errno/strerror attributes (set by `__init__` from
    // two to five arguments; natively raised ones may only have args).
    let oserror_parts = if crate::class::is_subclass(e.as_obj().class(), vm.exc.OSError) {
        let (k1, k2) = (vm.intern("errno"), vm.intern("strerror"));
        let attr = |k, i: usize| {
            crate::ops::attr::load_instance_attr(e, k)
                .or_else(|| items.get(i).copied().filter(|_| items.len() >= 2))
                .filter(|v| !v.is_none())
        };
        attr(k1, 0).zip(attr(k2, 1))
    } else {
        None
    };
    if let Some((errno, strerror)) = oserror_parts {
        let (a, b) = (str_string(vm, errno)?, str_string(vm, strerror)?);
        let fname = vm.intern("filename");
        if let Some(f) = crate::ops::attr::load_instance_attr(e, fname).filter(|f| !f.is_none()) {
            let fname2 = vm.intern("filename2");
            if let Some(f2) =
                crate::ops::attr::load_instance_attr(e, fname2).filter(|f| !f.is_none())
            {
                let (r1, r2) = (repr_string(vm, f)?, repr_string(vm, f2)?);
                return Ok(format!("[Errno {}] {}: {} -> {}", a, b, r1, r2));
            }
            return Ok(format!("[Errno {}] {}: {}", a, b, repr_string(vm, f)?));
        }
        return Ok(format!("[Errno {}] {}", a, b));
    }
    match items.len() {
        0 => Ok(String::new()),
        1 if is_key_error => repr_string(vm, items[0]),
        1 => str_string(vm, items[0]),
        _ => repr_string(vm, args),
    }
}

/// The message of a UnicodeEncodeError/DecodeError/TranslateError, made
/// from its attributes as CPython does (so changing `start` changes it).
fn unicode_error_str(vm: &mut Vm, e: Value) -> Option<String> {
    let cls = e.as_obj().class();
    let kind = if crate::class::is_subclass(cls, vm.exc.UnicodeEncodeError) {
        0
    } else if crate::class::is_subclass(cls, vm.exc.UnicodeDecodeError) {
        1
    } else if crate::class::is_subclass(cls, vm.exc.UnicodeTranslateError) {
        2
    } else {
        return None;
    };
    let mut attr = |name: &str| {
        let k = vm.intern(name);
        crate::ops::attr::load_instance_attr(e, k)
    };
    let object = attr("object")?;
    let (start, end) = (attr("start")?, attr("end")?);
    let (reason, encoding) = (attr("reason")?, attr("encoding"));
    let reason = str_of(reason).unwrap_or("");
    let encoding = encoding.and_then(str_of).unwrap_or("");
    if !start.is_small_int() || !end.is_small_int() {
        return None;
    }
    let (start, end) = (start.as_small_int(), end.as_small_int());
    let one = end == start + 1;
    if kind == 1 {
        let data = crate::ops::convert::bytes_of(object)?;
        if one && start >= 0 && (start as usize) < data.len() {
            return Some(format!(
                "'{}' codec can't decode byte 0x{:02x} in position {}: {}",
                encoding, data[start as usize], start, reason
            ));
        }
        return Some(format!(
            "'{}' codec can't decode bytes in position {}-{}: {}",
            encoding,
            start,
            end - 1,
            reason
        ));
    }
    let text = super::str_data(object)?;
    let prefix = if kind == 0 {
        format!("'{}' codec can't encode", encoding)
    } else {
        "can't translate".to_string()
    };
    let c = if one && start >= 0 && (start as usize) < text.char_len() {
        Some(text.code_point_at(start as usize))
    } else {
        None
    };
    Some(match c {
        Some(c) => {
            let esc = if c < 0x100 {
                format!("\\x{:02x}", c)
            } else if c < 0x10000 {
                format!("\\u{:04x}", c)
            } else {
                format!("\\U{:08x}", c)
            };
            format!(
                "{} character '{}' in position {}: {}",
                prefix, esc, start, reason
            )
        }
        None => format!(
            "{} characters in position {}-{}: {}",
            prefix,
            start,
            end - 1,
            reason
        ),
    })
}

/// Python's repr of a str.
pub fn repr_str(s: &str) -> String {
    repr_text(s.as_bytes())
}

/// `repr` of a str given as generalized UTF-8 (lone surrogates print as
/// `\udxxx` escapes, as in CPython).
pub fn repr_text(s: &[u8]) -> String {
    let quote = if s.contains(&b'\'') && !s.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for cp in crate::text::code_points(s) {
        let Some(c) = char::from_u32(cp) else {
            out.push_str(&format!("\\u{:04x}", cp));
            continue;
        };
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if !is_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{:02x}", n));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", n));
                } else {
                    out.push_str(&format!("\\U{:08x}", n));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// An approximation of Python's str.isprintable for one character.
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    if c.is_control() {
        return false;
    }
    !matches!(n,
        0xA0 | 0xAD | 0x1680 | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x206F | 0x3000 | 0xFEFF
        | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xD800..=0xDFFF | 0xF0000..=0x10FFFF | 0x0378 | 0x0379
        | 0x0380..=0x0383 | 0x038B | 0x038D | 0x03A2 | 0x0530 | 0x0557 | 0x0558 | 0x058B | 0x058C
        | 0x0590 | 0x05C8..=0x05CF | 0x05EB..=0x05EE | 0x05F5..=0x05FF | 0x0600..=0x0605 | 0x061C
        | 0x06DD | 0x070E | 0x070F | 0x180E | 0xE0001 | 0xE0020..=0xE007F | 0xFFFE | 0xFFFF)
}

pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote as char);
    out
}

fn with_guard(
    v: Value,
    placeholder: &str,
    f: impl FnOnce() -> PyResult<String>,
) -> PyResult<String> {
    Ok(repr_guard(v, f)?.unwrap_or_else(|| placeholder.to_string()))
}

/// Build `v`'s repr with `f`, unless it is already being built further up
/// (a container inside itself): then `None`, and the caller shows `[...]`,
/// `{...}` or the like.  One stack for every type, as CPython's.
pub fn repr_guard(v: Value, f: impl FnOnce() -> PyResult<String>) -> PyResult<Option<String>> {
    let id = v.0;
    if REPR_STACK.with(|s| s.borrow().contains(&id)) {
        return Ok(None);
    }
    REPR_STACK.with(|s| s.borrow_mut().push(id));
    let r = f();
    REPR_STACK.with(|s| s.borrow_mut().pop());
    r.map(Some)
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let r = repr(vm, *v)?;
        out.push_str(str_of(r).unwrap_or(""));
    }
    Ok(out)
}

pub fn module_name_of_class(vm: &Vm, cls: Value) -> Option<&'static str> {
    let m = vm.dict_get_str(class_data(cls).dict, vm.names.__module__)?;
    str_of(m)
}

pub fn class_repr(vm: &Vm, cls: Value) -> String {
    let cd = class_data(cls);
    let qual = str_of(cd.qualname.get()).unwrap_or("?");
    match module_name_of_class(vm, cls) {
        // Core builtin classes carry no `__module__`; native modules' classes do.
        Some(m) if m != "builtins" => format!("<class '{}.{}'>", m, qual),
        _ => format!("<class '{}'>", qual),
    }
}

/// The default `<module.Class object at 0x…>` spelling.
pub fn default_repr(vm: &Vm, v: Value) -> String {
    let cls = type_of(vm, v);
    let qual = str_of(class_data(cls).qualname.get()).unwrap_or("?");
    let m = module_name_of_class(vm, cls).unwrap_or("builtins");
    if m == "builtins" {
        format!("<{} object at {:#x}>", qual, v.obj_ptr() as usize)
    } else {
        format!("<{}.{} object at {:#x}>", m, qual, v.obj_ptr() as usize)
    }
}

/// repr as a Rust String (user `__repr__` honoured).
pub fn repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    if v.is_small_int() {
        return Ok(v.as_small_int().to_string());
    }
    if v.is_float() {
        return Ok(crate::format::float_repr(v.as_float()));
    }
    if v.is_bool() {
        return Ok(if v.is(Value::TRUE) { "True" } else { "False" }.into());
    }
    let o = match v.obj() {
        Some(o) => o,
        None => {
            return Ok(match v {
                Value::NONE => "None",
                Value::NOT_IMPLEMENTED => "NotImplemented",
                Value::ELLIPSIS => "Ellipsis",
                _ => "<unbound>",
            }
            .into())
        }
    };
    vm.check_native_stack("while getting the repr of an object")?;
    let cls = o.cls.get();
    if !class_data(cls).builtin {
        if let Some(m) = lookup_user(vm, cls, vm.names.__repr__) {
            let r = super::call(vm, m, Args::new(&[v]))?;
            return match str_of(r) {
                Some(s) => Ok(s.to_string()),
                None => {
                    let msg = format!(
                        "__repr__ returned non-string (type {})",
                        crate::class::type_name(vm, r)
                    );
                    Err(vm.type_error(msg))
                }
            };
        }
    }
    repr_builtin(vm, v)
}

/// The repr of a builtin payload, ignoring a subclass's `__repr__`: what
/// an explicit `int.__repr__(x)` or `list.__repr__(x)` gives.
pub fn repr_builtin(vm: &mut Vm, v: Value) -> PyResult<String> {
    let Some(o) = v.obj() else {
        return repr_string(vm, v);
    };
    vm.check_native_stack("while getting the repr of an object")?;
    let cls = o.cls.get();
    let subclass_name = || class_name(cls).to_string();
    Ok(match &o.kind {
        Kind::Str(s) => repr_text(s.bytes()),
        Kind::Int(b) => b.to_string(),
        Kind::Float(f) => crate::format::float_repr(*f),
        Kind::Complex(r, i) => crate::format::complex_repr(*r, *i),
        Kind::Bytes(b) => repr_bytes(b),
        Kind::ByteArray(b) => format!("bytearray({})", repr_bytes(b.get())),
        Kind::List(l) => {
            let items = l.get().clone();
            with_guard(v, "[...]", || Ok(format!("[{}]", join_reprs(vm, &items)?)))?
        }
        Kind::Tuple(t) => {
            let items = t.to_vec();
            with_guard(v, "(...)", || {
                Ok(if items.len() == 1 {
                    format!("({},)", join_reprs(vm, &items)?)
                } else {
                    format!("({})", join_reprs(vm, &items)?)
                })
            })?
        }
        Kind::Dict(d) => {
            let entries: Vec<(Value, Value)> = d.get().iter().map(|e| (e.key, e.value)).collect();
            with_guard(v, "{...}", || {
                let mut out = String::from("{");
                for (i, (k, val)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&repr_string(vm, *k)?);
                    out.push_str(": ");
                    out.push_str(&repr_string(vm, *val)?);
                }
                out.push('}');
                Ok(out)
            })?
        }
        Kind::Set(s) | Kind::FrozenSet(s) => {
            let keys = s.get().keys();
            let frozen = matches!(o.kind, Kind::FrozenSet(_));
            let name = subclass_name();
            with_guard(v, &format!("{}(...)", name), || {
                if keys.is_empty() {
                    return Ok(format!("{}()", name));
                }
                let inner = join_reprs(vm, &keys)?;
                Ok(if frozen || !cls.is(vm.t.set) {
                    format!("{}({{{}}})", name, inner)
                } else {
                    format!("{{{}}}", inner)
                })
            })?
        }
        Kind::Range { start, stop, step } => {
            if step.is_small_int() && step.as_small_int() == 1 {
                format!(
                    "range({}, {})",
                    repr_string(vm, *start)?,
                    repr_string(vm, *stop)?
                )
            } else {
                format!(
                    "range({}, {}, {})",
                    repr_string(vm, *start)?,
                    repr_string(vm, *stop)?,
                    repr_string(vm, *step)?
                )
            }
        }
        Kind::Slice { start, stop, step } => {
            format!(
                "slice({}, {}, {})",
                repr_string(vm, *start)?,
                repr_string(vm, *stop)?,
                repr_string(vm, *step)?
            )
        }
        Kind::Function(f) => format!(
            "<function {} at {:#x}>",
            str_of(f.qualname.get()).unwrap_or("?"),
            v.obj_ptr() as usize
        ),
        Kind::Native(n) => {
            if n.bound_self.is_none() {
                if n.owner.is_none() {
                    format!("<built-in function {}>", n.name)
                } else {
                    format!("<method '{}' of '{}' objects>", n.name, class_name(n.owner))
                }
            } else {
                format!(
                    "<built-in method {} of {} object at {:#x}>",
                    n.name,
                    crate::class::type_name(vm, n.bound_self),
                    n.bound_self.obj_ptr() as usize
                )
            }
        }
        Kind::BoundMethod { func, receiver } => {
            let name = super::call::callable_name(*func);
            format!("<bound method {} of {}>", name, repr_string(vm, *receiver)?)
        }
        Kind::Class(_) => class_repr(vm, v),
        Kind::Module(m) => {
            let name = str_of(m.name).unwrap_or("?");
            match vm.dict_get_str(m.dict, vm.names.__file__).and_then(str_of) {
                Some(f) => format!("<module '{}' from '{}'>", name, f),
                None => format!("<module '{}' (built-in)>", name),
            }
        }
        Kind::Cell(_) => format!("<cell at {:#x}>", v.obj_ptr() as usize),
        Kind::Code(c) => format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            str_of(c.name).unwrap_or("?"),
            v.obj_ptr() as usize,
            str_of(c.filename).unwrap_or("?"),
            c.first_line
        ),
        Kind::Generator(g) => {
            format!(
                "<{} object {} at {:#x}>",
                class_name(o.class()),
                str_of(g.get().qualname).unwrap_or("?"),
                v.obj_ptr() as usize
            )
        }
        Kind::Exception(e) => {
            let args = e.get().args;
            let items = super::tuple_items(args).unwrap_or(&[]).to_vec();
            let name = subclass_name();
            if items.len() == 1 {
                format!("{}({})", name, repr_string(vm, items[0])?)
            } else {
                format!("{}{}", name, repr_string(vm, args)?)
            }
        }
        Kind::DictView { dict, which } => {
            let name = ["dict_keys", "dict_values", "dict_items"][*which as usize];
            let it = super::get_iter(vm, v)?;
            let mut items = Vec::new();
            while let Some(x) = super::next(vm, it)? {
                items.push(x);
            }
            let _ = dict;
            format!("{}([{}])", name, join_reprs(vm, &items)?)
        }
        Kind::Property { fget, .. } if o.class().is(vm.t.getset_descriptor) => {
            let owner = crate::ops::attr::load_instance_attr(v, vm.names.__objclass__)
                .map(|c| class_name(c).to_string())
                .unwrap_or_default();
            let name = match &fget.as_obj().kind {
                Kind::Native(n) => n.name,
                _ => "?",
            };
            format!("<attribute '{}' of '{}' objects>", name, owner)
        }
        Kind::Property { .. } => format!("<property object at {:#x}>", v.obj_ptr() as usize),
        Kind::ClassMethod(_) => format!("<classmethod object at {:#x}>", v.obj_ptr() as usize),
        Kind::StaticMethod(_) => format!("<staticmethod object at {:#x}>", v.obj_ptr() as usize),
        Kind::Super {
            this_class,
            receiver,
        } => format!(
            "<super: <class '{}'>, <{} object>>",
            class_name(*this_class),
            crate::class::type_name(vm, *receiver)
        ),
        Kind::WeakRef(w) => {
            let r = w.get().referent;
            if r.is_none() {
                format!("<weakref at {:#x}; dead>", v.obj_ptr() as usize)
            } else {
                format!(
                    "<weakref at {:#x}; to '{}' at {:#x}>",
                    v.obj_ptr() as usize,
                    crate::class::type_name(vm, r),
                    r.obj_ptr() as usize
                )
            }
        }
        Kind::NativeObject(_) if o.class().is(vm.t.frame) => {
            match crate::frameobj::frame_state(v) {
                Some(fo) => {
                    let code = crate::frame::code_of(fo.code);
                    format!(
                        "<frame at {:#x}, file {}, line {}, code {}>",
                        v.obj_ptr() as usize,
                        repr_str(str_of(code.filename).unwrap_or("?")),
                        crate::frameobj::lineno(fo),
                        str_of(code.name).unwrap_or("?")
                    )
                }
                None => default_repr(vm, v),
            }
        }
        Kind::Iterator(_) | Kind::Instance(_) | Kind::NativeObject(_) => default_repr(vm, v),
    })
}
