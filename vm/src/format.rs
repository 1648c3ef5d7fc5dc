//! Number and string formatting: float repr (shortest round-trip, CPython's
//! spelling), the format-spec mini-language (`format()`, f-strings,
//! `str.format`) and printf-style `%` formatting.

use crate::ops::arith::{num_of, Num};
use crate::ops::{repr_string, str_of, str_string};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// Shortest digits and decimal exponent of a finite, non-zero float: value = 0.d1d2… × 10^exp.
fn shortest_digits(f: f64) -> (String, i32) {
    let mut s = format!("{:e}", f.abs());
    // When the float lies exactly halfway between two shortest candidates
    // that both read back as it (only possible with 16 or more digits),
    // CPython takes the even one: the correctly rounded value at that
    // length, which Rust's exact formatting gives (half to even).
    let len = s.find('e').unwrap_or(s.len()) - usize::from(s.contains('.'));
    if len >= 16 {
        let even = format!("{:.*e}", len - 1, f.abs());
        // Beside a power of two the gaps differ and only one candidate may
        // read back as `f`.
        if even.parse::<f64>() == Ok(f.abs()) {
            s = even;
        }
    }
    let (mant, exp) = s.split_once('e').unwrap();
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap();
    (digits, exp + 1)
}

pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let (digits, decpt) = shortest_digits(f);
    let sign = if f < 0.0 { "-" } else { "" };
    format!("{}{}", sign, place_digits(&digits, decpt, true, 16))
}

/// Lay out digits with the decimal point at `decpt`, switching to exponent
/// notation outside -4 <= exp < `sci_limit` as repr does.
fn place_digits(digits: &str, decpt: i32, force_point: bool, sci_limit: i32) -> String {
    let exp = decpt - 1;
    let n = digits.len() as i32;
    if exp < -4 || exp >= sci_limit {
        let mut s = String::new();
        s.push_str(&digits[..1]);
        if n > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
        return s;
    }
    if decpt <= 0 {
        format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
    } else if decpt >= n {
        format!(
            "{}{}{}",
            digits,
            "0".repeat((decpt - n) as usize),
            if force_point { ".0" } else { "" }
        )
    } else {
        format!(
            "{}.{}",
            &digits[..decpt as usize],
            &digits[decpt as usize..]
        )
    }
}

pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let s = float_repr(x);
        s.strip_suffix(".0").map(|t| t.to_string()).unwrap_or(s)
    };
    if re == 0.0 && !re.is_sign_negative() {
        format!("{}j", fmt(im))
    } else {
        let ims = fmt(im);
        let sign = if ims.starts_with('-') || im.is_nan() && ims.starts_with('-') {
            ""
        } else {
            "+"
        };
        format!("({}{}{}j)", fmt(re), sign, ims)
    }
}

/// A parsed format spec.
#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(vm: &mut Vm, spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = Some(decimal_count(vm, &chars[start..i])?);
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(vm.value_error("Format specifier missing precision"));
        }
        s.precision = Some(decimal_count(vm, &chars[start..i])?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err(vm.value_error("Invalid format specifier"));
    }
    Ok(s)
}

/// A width or precision in a format spec; CPython's error past `Py_ssize_t`.
fn decimal_count(vm: &mut Vm, digits: &[char]) -> PyResult<usize> {
    digits
        .iter()
        .collect::<String>()
        .parse::<isize>()
        .map(|n| n as usize)
        .map_err(|_| vm.value_error("Too many decimal digits in format string"))
}

/// CPython formats floats with an `int` precision.
fn check_float_precision(vm: &mut Vm, spec: &Spec) -> PyResult<()> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(vm.value_error("precision too big"));
    }
    Ok(())
}

/// Pad `body` (already signed) to the spec's width.
fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec.align.unwrap_or(if spec.zero && spec.fill.is_none() {
        '='
    } else {
        default_align
    });
    let len = sign.chars().count() + body.chars().count();
    let width = spec.width.unwrap_or(0);
    if len >= width {
        return format!("{}{}", sign, body);
    }
    let n = width - len;
    let f = |k: usize| std::iter::repeat(fill).take(k).collect::<String>();
    match align {
        '<' => format!("{}{}{}", sign, body, f(n)),
        '^' => format!("{}{}{}{}", f(n / 2), sign, body, f(n - n / 2)),
        '=' => format!("{}{}{}", sign, f(n), body),
        _ => format!("{}{}{}", f(n), sign, body),
    }
}

fn group_digits(int_part: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn sign_str(spec: &Spec, negative: bool) -> &'static str {
    if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// `format(value, spec)` for the builtin types.
pub fn format_builtin(vm: &mut Vm, v: Value, spec_str: &str) -> PyResult<String> {
    if let Some(n) = num_of(v) {
        let spec = parse_spec(vm, spec_str)?;
        return match n {
            Num::Small(_) if v.is_bool() && spec.ty.is_none() => Ok(pad(
                &spec,
                "",
                if v.is(Value::TRUE) { "True" } else { "False" },
                '<',
            )),
            Num::Small(_) | Num::Big(_)
                if !matches!(spec.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
            {
                if spec_str.is_empty() {
                    let iv = crate::ops::arith::int_value(vm, v);
                    return repr_string(vm, iv);
                }
                format_int(vm, &crate::ops::arith::to_bigint(v).unwrap(), &spec)
            }
            Num::Small(i) => format_float(vm, i as f64, &spec),
            Num::Big(b) => {
                let f = crate::ops::arith::bigint_to_f64(vm, b)?;
                format_float(vm, f, &spec)
            }
            Num::Float(f) => {
                if spec_str.is_empty() {
                    return Ok(float_repr(f));
                }
                format_float(vm, f, &spec)
            }
            Num::Complex(r, i) => {
                if spec_str.is_empty() {
                    return Ok(complex_repr(r, i));
                }
                let spec = parse_spec(vm, spec_str)?;
                format_complex(vm, r, i, &spec)
            }
        };
    }
    if let Some(s) = str_of(v) {
        if spec_str.is_empty() {
            return Ok(s.to_string());
        }
        let spec = parse_spec(vm, spec_str)?;
        if let Some(t) = spec.ty {
            if t != 's' {
                let msg = format!("Unknown format code '{}' for object of type 'str'", t);
                return Err(vm.value_error(msg));
            }
        }
        if spec.sign.is_some() {
            return Err(vm.value_error("Sign not allowed in string format specifier"));
        }
        if spec.align == Some('=') {
            return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
        }
        let body: String = match spec.precision {
            Some(p) => s.chars().take(p).collect(),
            None => s.to_string(),
        };
        return Ok(pad(&spec, "", &body, '<'));
    }
    if spec_str.is_empty() {
        return str_string(vm, v);
    }
    let msg = format!(
        "unsupported format string passed to {}.__format__",
        crate::class::type_name(vm, v)
    );
    Err(vm.type_error(msg))
}

fn format_int(vm: &mut Vm, b: &BigInt, spec: &Spec) -> PyResult<String> {
    if spec.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    let neg = b.is_negative();
    let a = b.abs();
    let (digits, prefix) = match spec.ty {
        None | Some('d') | Some('n') => (a.to_str_radix(10), ""),
        Some('b') => (a.to_str_radix(2), "0b"),
        Some('o') => (a.to_str_radix(8), "0o"),
        Some('x') => (a.to_str_radix(16), "0x"),
        Some('X') => (a.to_str_radix(16).to_uppercase(), "0X"),
        Some('c') => {
            let c = b
                .to_u32()
                .and_then(char::from_u32)
                .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(pad(spec, "", &c.to_string(), '<'));
        }
        Some(t) => {
            let msg = format!("Unknown format code '{}' for object of type 'int'", t);
            return Err(vm.value_error(msg));
        }
    };
    let every = if matches!(spec.ty, Some('b' | 'o' | 'x' | 'X')) {
        4
    } else {
        3
    };
    let mut body = match spec.grouping {
        Some(sep) => group_digits(&digits, sep, every),
        None => digits,
    };
    let sign = format!(
        "{}{}",
        sign_str(spec, neg),
        if spec.alt { prefix } else { "" }
    );
    if spec.zero && spec.align.is_none() && spec.fill.is_none() {
        if let (Some(sep), Some(w)) = (spec.grouping, spec.width) {
            // Zero padding interacts with grouping: pad digits, then regroup.
            let want = w.saturating_sub(sign.len());
            let mut raw: String = body.chars().filter(|c| *c != sep).collect();
            while group_digits(&raw, sep, every).len() < want {
                raw.insert(0, '0');
            }
            body = group_digits(&raw, sep, every);
        }
    }
    Ok(pad(spec, &sign, &body, '>'))
}

/// Format a finite float with `prec` digits after the point in exponent form, Python style.
/// A double's exact decimal expansion has at most 1074 digits after the
/// point and 767 significant digits: past those, more precision only adds
/// zeros, which are appended here (Rust's formatter caps precision at 65535).
const EXACT_DECIMALS: usize = 1100;
const EXACT_SIGNIFICANT: usize = 800;

/// `f` with `decimals` digits after the point, correctly rounded.
pub fn fixed_digits(f: f64, decimals: usize) -> String {
    if decimals <= EXACT_DECIMALS {
        return format!("{:.*}", decimals, f);
    }
    let mut s = format!("{:.*}", EXACT_DECIMALS, f);
    s.extend(std::iter::repeat_n('0', decimals - EXACT_DECIMALS));
    s
}

/// `f` in Rust's exponent form (`d.ddde-5`) with `prec` digits after the point.
fn exp_digits(f: f64, prec: usize) -> String {
    if prec <= EXACT_SIGNIFICANT {
        return format!("{:.*e}", prec, f);
    }
    let s = format!("{:.*e}", EXACT_SIGNIFICANT, f);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    format!("{}{}e{}", m, "0".repeat(prec - EXACT_SIGNIFICANT), e)
}

fn fmt_exp(f: f64, prec: usize, upper: bool) -> String {
    let s = exp_digits(f, prec);
    let (m, e) = s.split_once('e').unwrap();
    let e: i32 = e.parse().unwrap();
    format!(
        "{}{}{}{:02}",
        m,
        if upper { 'E' } else { 'e' },
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

/// The %g / :g conversion.
fn fmt_general(f: f64, prec: usize, alt: bool, upper: bool, repr_style: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if f == 0.0 {
        let mut s = String::from("0");
        if alt {
            s.push('.');
            s.push_str(&"0".repeat(p - 1));
        } else if repr_style {
            s.push_str(".0");
        }
        return s;
    }
    let es = exp_digits(f, p.min(EXACT_SIGNIFICANT) - 1);
    let exp: i32 = es.split_once('e').unwrap().1.parse().unwrap();
    let mut s = if exp < -4 || exp >= p as i32 {
        let s = fmt_exp(f, p - 1, upper);
        if alt {
            s
        } else {
            let (m, e) = s.split_once(if upper { 'E' } else { 'e' }).unwrap();
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            format!("{}{}{}", m, if upper { 'E' } else { 'e' }, e)
        }
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = fixed_digits(f, decimals);
        if alt {
            if s.contains('.') {
                s
            } else {
                format!("{}.", s)
            }
        } else if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if repr_style && !s.contains(['.', 'e', 'E']) && !s.contains("inf") && !s.contains("nan") {
        s.push_str(".0");
    }
    s
}

fn format_float(vm: &mut Vm, f: f64, spec: &Spec) -> PyResult<String> {
    check_float_precision(vm, spec)?;
    let neg = f.is_sign_negative()
        && !(spec.z
            && format_float_body(f.abs(), spec)
                .chars()
                .all(|c| c == '0' || c == '.'));
    let neg = neg && !f.is_nan();
    let a = f.abs();
    if let Some(t) = spec.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            let msg = format!("Unknown format code '{}' for object of type 'float'", t);
            return Err(vm.value_error(msg));
        }
    }
    let mut body = format_float_body(a, spec);
    if let Some(sep) = spec.grouping {
        let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => (body[..i].to_string(), body[i..].to_string()),
            None => (body.clone(), String::new()),
        };
        body = format!("{}{}", group_digits(&int_part, sep, 3), rest);
    }
    Ok(pad(spec, sign_str(spec, neg), &body, '>'))
}

/// `format(complex, spec)`: both parts formatted as floats, then padded as
/// one field (CPython's `format_complex_internal`).
fn format_complex(vm: &mut Vm, re: f64, im: f64, spec: &Spec) -> PyResult<String> {
    check_float_precision(vm, spec)?;
    if spec.zero {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    // No type: like str() (parentheses, no zero real part), with 'g'
    // digits when a precision is given.
    let bare = spec.ty.is_none();
    let (ty, repr_style) = match spec.ty {
        None if spec.precision.is_none() => (None, true),
        None | Some('n') => (Some('g'), false),
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => (Some(t), false),
        Some(t) => {
            let msg = format!("Unknown format code '{}' for object of type 'complex'", t);
            return Err(vm.value_error(msg));
        }
    };
    let part_spec = Spec {
        ty,
        precision: spec.precision,
        alt: spec.alt,
        ..Spec::default()
    };
    let part = |x: f64| -> (bool, String) {
        let mut body = if repr_style {
            let r = float_repr(x.abs());
            r.strip_suffix(".0").map(str::to_string).unwrap_or(r)
        } else {
            format_float_body(x.abs(), &part_spec)
        };
        if let Some(sep) = spec.grouping {
            let cut = body
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len());
            body = format!("{}{}", group_digits(&body[..cut], sep, 3), &body[cut..]);
        }
        let rounds_to_zero = body.chars().all(|c| c == '0' || c == '.');
        let neg = x.is_sign_negative() && !x.is_nan() && !(spec.z && rounds_to_zero);
        (neg, body)
    };
    let sign = |neg: bool| if neg { "-" } else { sign_str(spec, false) };
    let skip_re = bare && re == 0.0 && re.is_sign_positive();
    let (im_neg, im_body) = part(im);
    let body = if skip_re {
        format!("{}{}j", sign(im_neg), im_body)
    } else {
        let (re_neg, re_body) = part(re);
        let (open, close) = if bare { ("(", ")") } else { ("", "") };
        let im_sign = if im_neg { "-" } else { "+" };
        format!("{open}{}{re_body}{im_sign}{im_body}j{close}", sign(re_neg))
    };
    Ok(pad(spec, "", &body, '>'))
}

fn format_float_body(a: f64, spec: &Spec) -> String {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    if a.is_nan() {
        return if upper { "NAN" } else { "nan" }.into();
    }
    if a.is_infinite() {
        let s = if upper { "INF" } else { "inf" };
        return if spec.ty == Some('%') {
            format!("{}%", s)
        } else {
            s.into()
        };
    }
    match spec.ty {
        Some('f') | Some('F') => {
            let s = fixed_digits(a, spec.precision.unwrap_or(6));
            if spec.alt && !s.contains('.') {
                format!("{}.", s)
            } else {
                s
            }
        }
        Some('e') | Some('E') => fmt_exp(a, spec.precision.unwrap_or(6), upper),
        Some('g') | Some('G') | Some('n') => {
            fmt_general(a, spec.precision.unwrap_or(6), spec.alt, upper, false)
        }
        Some('%') => format!("{}%", fixed_digits(a * 100.0, spec.precision.unwrap_or(6))),
        _ => match spec.precision {
            None => float_repr(a),
            Some(p) => fmt_general(a, p, spec.alt, false, true),
        },
    }
}

/// printf-style `str % args`.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = str_of(fmt).unwrap_or("").to_string();
    let out = percent_core(vm, &f, args, false)?;
    Ok(vm.new_string(out))
}

pub fn percent_format_bytes(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = crate::ops::convert::bytes_of(fmt).unwrap_or_default();
    let text: String = f.iter().map(|b| *b as char).collect();
    let out = percent_core(vm, &text, args, true)?;
    Ok(vm.new_bytes(out.chars().map(|c| c as u32 as u8).collect()))
}

fn percent_core(vm: &mut Vm, f: &str, args: Value, bytes_mode: bool) -> PyResult<String> {
    let is_tuple = matches!(
        args.obj().map(|o| &o.kind),
        Some(crate::object::Kind::Tuple(_))
    );
    let is_mapping = !is_tuple
        && str_of(args).is_none()
        && matches!(
            args.obj().map(|o| &o.kind),
            Some(crate::object::Kind::Dict(_))
        );
    let items: Vec<Value> = if is_tuple {
        crate::ops::tuple_items(args).unwrap().to_vec()
    } else {
        vec![args]
    };
    let mut idx = 0;
    let mut out = String::with_capacity(f.len() + 16);
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let next_arg = |vm: &mut Vm, idx: &mut usize| -> PyResult<Value> {
        if *idx < items.len() {
            *idx += 1;
            Ok(items[*idx - 1])
        } else {
            Err(vm.type_error("not enough arguments for format string"))
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let mut key_val = None;
        if chars[i] == '(' {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            let key: String = chars[start..i - 1].iter().collect();
            if !is_mapping
                && !matches!(
                    args.obj().map(|o| &o.kind),
                    Some(crate::object::Kind::Dict(_))
                )
            {
                return Err(vm.type_error("format requires a mapping"));
            }
            let k = vm.new_string(key);
            key_val = Some(crate::ops::getitem(vm, args, k)?);
        }
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(vm, &mut idx)?;
            let w = crate::ops::to_index(vm, w)?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                spec.width = chars[start..i].iter().collect::<String>().parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = next_arg(vm, &mut idx)?;
                let p = crate::ops::to_index(vm, p)?;
                if p > i32::MAX as i64 {
                    return Err(vm.overflow_error("Python int too large to convert to C int"));
                }
                spec.precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                let p = if digits.is_empty() {
                    0
                } else {
                    match digits.parse::<i32>() {
                        Ok(p) => p as usize,
                        Err(_) => return Err(vm.value_error("precision too big")),
                    }
                };
                spec.precision = Some(p);
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        if spec.align == Some('<') {
            spec.zero = false;
        }
        let v = match key_val {
            Some(v) => v,
            None => next_arg(vm, &mut idx)?,
        };
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = if conv == 's' {
                    if bytes_mode {
                        match crate::ops::convert::bytes_of(v) {
                            Some(b) => b.iter().map(|c| *c as char).collect(),
                            None => str_string(vm, v)?,
                        }
                    } else {
                        str_string(vm, v)?
                    }
                } else if conv == 'a' {
                    ascii_of(&repr_string(vm, v)?)
                } else {
                    repr_string(vm, v)?
                };
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                spec.zero = false;
                pad(&spec, "", &s, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let b = match num_of(v) {
                    Some(Num::Small(i)) => BigInt::from(i),
                    Some(Num::Big(b)) => b.clone(),
                    Some(Num::Float(fl)) if matches!(conv, 'd' | 'i' | 'u') => {
                        if !fl.is_finite() {
                            return Err(
                                vm.overflow_error("cannot convert float infinity to integer")
                            );
                        }
                        <BigInt as num_traits::FromPrimitive>::from_f64(fl.trunc())
                            .unwrap_or_default()
                    }
                    _ => {
                        let msg = if matches!(conv, 'd' | 'i' | 'u') {
                            format!(
                                "%{} format: a real number is required, not {}",
                                conv,
                                crate::class::type_name(vm, v)
                            )
                        } else {
                            format!(
                                "%{} format: an integer is required, not {}",
                                conv,
                                crate::class::type_name(vm, v)
                            )
                        };
                        return Err(vm.type_error(msg));
                    }
                };
                let neg = b.is_negative();
                let a = b.abs();
                let digits = match conv {
                    'x' => a.to_str_radix(16),
                    'X' => a.to_str_radix(16).to_uppercase(),
                    'o' => a.to_str_radix(8),
                    _ => a.to_str_radix(10),
                };
                let digits = match spec.precision {
                    Some(p) if digits.len() < p => {
                        format!("{}{}", "0".repeat(p - digits.len()), digits)
                    }
                    _ => digits,
                };
                let prefix = if spec.alt {
                    match conv {
                        'x' => "0x",
                        'X' => "0X",
                        'o' => "0o",
                        _ => "",
                    }
                } else {
                    ""
                };
                let sign = format!("{}{}", sign_str(&spec, neg), prefix);
                pad(&spec, &sign, &digits, '>')
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let fl = match num_of(v) {
                    Some(_) => crate::ops::to_f64(vm, v)?,
                    None => {
                        let cls = crate::class::type_of(vm, v);
                        if crate::class::lookup(vm, cls, vm.names.__float__).is_some() {
                            crate::ops::to_f64(vm, v)?
                        } else {
                            let msg = format!(
                                "must be real number, not {}",
                                crate::class::type_name(vm, v)
                            );
                            return Err(vm.type_error(msg));
                        }
                    }
                };
                spec.ty = Some(conv);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                let body = format_float_body(fl.abs(), &spec);
                pad(
                    &spec,
                    sign_str(&spec, fl.is_sign_negative() && !fl.is_nan()),
                    &body,
                    '>',
                )
            }
            'c' => {
                let s = match num_of(v) {
                    Some(Num::Small(i)) => match char::from_u32(i as u32) {
                        Some(c) if i >= 0 => c.to_string(),
                        _ => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    },
                    _ => match str_of(v) {
                        Some(s) if s.chars().count() == 1 => s.to_string(),
                        _ => return Err(vm.type_error("%c requires int or char")),
                    },
                };
                pad(&spec, "", &s, '>')
            }
            other => {
                let msg = format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other,
                    other as u32,
                    i - 1
                );
                return Err(vm.value_error(msg));
            }
        };
        out.push_str(&piece);
    }
    if idx < items.len() && !is_mapping && (is_tuple || idx == 0) {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// `ascii()`: escape non-ASCII characters of a repr.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    out
}

/// `format(v, spec)`: `__format__` for user classes, the mini-language for builtins.
pub fn format_value(vm: &mut Vm, v: Value, spec: Value) -> PyResult<Value> {
    let spec_s = if spec.is_none() {
        ""
    } else {
        str_of(spec).unwrap_or("")
    };
    let cls = crate::class::type_of(vm, v);
    if spec_s.is_empty() && cls.is(vm.t.str_) {
        return Ok(v);
    }
    if !crate::vm::class_data(cls).builtin {
        if let Some(m) = crate::class::lookup_user(vm, cls, vm.names.__format__) {
            let sv = if spec.is_none() { vm.intern("") } else { spec };
            let r = crate::ops::call2(vm, m, v, sv)?;
            if str_of(r).is_none() {
                let msg = format!(
                    "__format__ must return a str, not {}",
                    crate::class::type_name(vm, r)
                );
                return Err(vm.type_error(msg));
            }
            return Ok(r);
        }
        if spec_s.is_empty() {
            return crate::ops::to_str(vm, v);
        }
    }
    let s = format_builtin(vm, v, spec_s)?;
    Ok(vm.new_string(s))
}
