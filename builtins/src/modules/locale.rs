//! `_locale`: the C library's locale, through libc (`setlocale`,
//! `localeconv`, `nl_langinfo`).  As CPython does at startup, the first use
//! sets LC_CTYPE from the environment, and a plain "C"/"POSIX" one is
//! coerced to C.UTF-8 (PEP 538), so `locale.getpreferredencoding()` says
//! UTF-8 where CPython does.  The gettext functions are the no-op ones of a
//! C library without message catalogues.

use super::native::{self, positional};
use super::set;
use molt_vm::class::type_name;
use molt_vm::object::Layout;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};
use std::ffi::{CStr, CString};

/// The langinfo items CPython exposes, by name.
const LANGINFO: &[(&str, libc::nl_item)] = &[
    ("CODESET", libc::CODESET),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
];

const CATEGORIES: &[(&str, libc::c_int)] = &[
    ("LC_CTYPE", libc::LC_CTYPE),
    ("LC_COLLATE", libc::LC_COLLATE),
    ("LC_TIME", libc::LC_TIME),
    ("LC_MONETARY", libc::LC_MONETARY),
    ("LC_MESSAGES", libc::LC_MESSAGES),
    ("LC_NUMERIC", libc::LC_NUMERIC),
    ("LC_ALL", libc::LC_ALL),
];

pub fn locale_module(vm: &mut Vm) -> PyResult<Value> {
    init_ctype();
    let m = vm.new_module("_locale");
    let funcs: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("setlocale", setlocale),
        ("localeconv", localeconv),
        ("nl_langinfo", nl_langinfo),
        ("getencoding", getencoding),
        ("strcoll", strcoll),
        ("strxfrm", strxfrm),
        ("gettext", gettext),
        ("dgettext", dgettext),
        ("dcgettext", dcgettext),
        ("textdomain", textdomain),
        ("bindtextdomain", bindtextdomain),
        ("bind_textdomain_codeset", bind_textdomain_codeset),
    ];
    for (n, f) in funcs {
        vm.add_native(m, n, *f);
    }
    for (name, v) in CATEGORIES {
        set(vm, m, name, Value::small_int_unchecked(*v as i64));
    }
    for (name, v) in LANGINFO {
        set(vm, m, name, Value::small_int_unchecked(*v as i64));
    }
    set(vm, m, "CHAR_MAX", Value::small_int_unchecked(127));
    let exc = vm.exc.Exception;
    let err = vm.make_native_class("locale", "Error", &[exc], Layout::Exception, true);
    vm.native_classes.insert("locale.Error", err);
    set(vm, m, "Error", err);
    Ok(m)
}

/// LC_CTYPE from the environment, once, coerced from C to C.UTF-8.
fn init_ctype() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: setlocale with valid NUL-terminated strings; molt runs
        // Python code on one thread.
        unsafe {
            let r = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
            let name = if r.is_null() {
                String::new()
            } else {
                CStr::from_ptr(r).to_string_lossy().into_owned()
            };
            if name == "C" || name == "POSIX" {
                libc::setlocale(libc::LC_CTYPE, c"C.UTF-8".as_ptr());
            }
        }
    });
}

fn locale_error(vm: &mut Vm, msg: &str) -> molt_vm::PyErr {
    let c = native::class(vm, "locale.Error");
    vm.err(c, msg)
}

fn cstr(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: libc returned a NUL-terminated string it keeps alive.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
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

fn setlocale(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "setlocale", &args, &["category", "locale"], 1)?;
    let cat = native::ssize(vm, a[0].unwrap_or(Value::NONE))?;
    let cat = libc::c_int::try_from(cat).unwrap_or(-1);
    if !CATEGORIES.iter().any(|&(_, c)| c == cat) {
        return Err(locale_error(vm, "unsupported locale setting"));
    }
    let locale = match a[1] {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => Some(str_arg(vm, "setlocale", 2, v)?),
    };
    let r = match locale {
        None => unsafe { libc::setlocale(cat, std::ptr::null()) },
        Some(l) => {
            let Ok(c) = CString::new(l) else {
                return Err(vm.value_error("embedded null character"));
            };
            // SAFETY: a valid category and a NUL-terminated name.
            unsafe { libc::setlocale(cat, c.as_ptr()) }
        }
    };
    if r.is_null() {
        let msg = if locale.is_some() {
            "unsupported locale setting"
        } else {
            "locale query failed"
        };
        return Err(locale_error(vm, msg));
    }
    Ok(vm.new_string(cstr(r)))
}

fn localeconv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "localeconv", args.pos, &args, 0, 0)?;
    // SAFETY: localeconv returns a pointer to static storage, read at once.
    let lc = unsafe { &*libc::localeconv() };
    let d = vm.new_dict();
    let grouping = |vm: &mut Vm, p: *const libc::c_char| -> Value {
        let bytes = cstr(p).into_bytes();
        let mut items = Vec::new();
        for b in bytes {
            items.push(Value::small_int_unchecked(b as i64));
            if b == 127 {
                break;
            }
        }
        vm.new_list(items)
    };
    let strs = [
        ("int_curr_symbol", lc.int_curr_symbol),
        ("currency_symbol", lc.currency_symbol),
        ("mon_decimal_point", lc.mon_decimal_point),
        ("mon_thousands_sep", lc.mon_thousands_sep),
    ];
    let mut entries: Vec<(&str, Value)> = Vec::new();
    for (k, p) in strs {
        let v = vm.new_string(cstr(p));
        entries.push((k, v));
    }
    entries.push(("mon_grouping", grouping(vm, lc.mon_grouping)));
    for (k, p) in [
        ("positive_sign", lc.positive_sign),
        ("negative_sign", lc.negative_sign),
    ] {
        let v = vm.new_string(cstr(p));
        entries.push((k, v));
    }
    for (k, c) in [
        ("int_frac_digits", lc.int_frac_digits),
        ("frac_digits", lc.frac_digits),
        ("p_cs_precedes", lc.p_cs_precedes),
        ("p_sep_by_space", lc.p_sep_by_space),
        ("n_cs_precedes", lc.n_cs_precedes),
        ("n_sep_by_space", lc.n_sep_by_space),
        ("p_sign_posn", lc.p_sign_posn),
        ("n_sign_posn", lc.n_sign_posn),
    ] {
        entries.push((k, Value::small_int_unchecked(c as i64)));
    }
    for (k, p) in [
        ("decimal_point", lc.decimal_point),
        ("thousands_sep", lc.thousands_sep),
    ] {
        let v = vm.new_string(cstr(p));
        entries.push((k, v));
    }
    entries.push(("grouping", grouping(vm, lc.grouping)));
    for (k, v) in entries {
        let k = vm.new_str(k);
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(d)
}

fn nl_langinfo(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "nl_langinfo", args.pos, &args, 1, 1)?;
    let item = native::ssize(vm, a[0])?;
    match LANGINFO.iter().find(|&&(_, v)| v as i64 == item) {
        // SAFETY: a known item; the result is copied at once.
        Some(&(_, v)) => Ok(vm.new_string(cstr(unsafe { libc::nl_langinfo(v) }))),
        None => Err(vm.value_error("unsupported langinfo constant")),
    }
}

fn getencoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getencoding", args.pos, &args, 0, 0)?;
    // SAFETY: CODESET is a valid item; the result is copied at once.
    let cs = cstr(unsafe { libc::nl_langinfo(libc::CODESET) });
    // Like CPython, an unknown or ASCII C-locale codeset means UTF-8.
    let cs = if cs.is_empty() || cs == "ANSI_X3.4-1968" {
        "UTF-8".to_string()
    } else {
        cs
    };
    Ok(vm.new_string(cs))
}

fn strcoll(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "strcoll", args.pos, &args, 2, 2)?;
    let x = str_arg(vm, "strcoll", 1, a[0])?;
    let y = str_arg(vm, "strcoll", 2, a[1])?;
    let (Ok(cx), Ok(cy)) = (CString::new(x), CString::new(y)) else {
        return Err(vm.value_error("embedded null character"));
    };
    // SAFETY: two NUL-terminated strings.
    let r = unsafe { libc::strcoll(cx.as_ptr(), cy.as_ptr()) };
    Ok(vm.new_int(r.signum() as i64))
}

fn strxfrm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "strxfrm", args.pos, &args, 1, 1)?;
    str_arg(vm, "strxfrm", 1, a[0])?;
    Ok(a[0])
}

fn gettext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "gettext", args.pos, &args, 1, 1)?;
    str_arg(vm, "gettext", 1, a[0])?;
    Ok(a[0])
}

fn dgettext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "dgettext", args.pos, &args, 2, 2)?;
    str_arg(vm, "dgettext", 2, a[1])?;
    Ok(a[1])
}

fn dcgettext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "dcgettext", args.pos, &args, 3, 3)?;
    str_arg(vm, "dcgettext", 2, a[1])?;
    Ok(a[1])
}

fn textdomain(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "textdomain", args.pos, &args, 1, 1)?;
    if a[0].is_none() {
        return Ok(vm.new_str("messages"));
    }
    str_arg(vm, "textdomain", 1, a[0])?;
    Ok(a[0])
}

fn bindtextdomain(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "bindtextdomain", args.pos, &args, 2, 2)?;
    Ok(if a[1].is_none() {
        vm.new_str("/usr/share/locale")
    } else {
        a[1]
    })
}

fn bind_textdomain_codeset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "bind_textdomain_codeset", args.pos, &args, 2, 2)?;
    Ok(a[1])
}
