//! `unicodedata`: the Unicode Character Database as CPython 3.11 has it
//! (Unicode 14.0.0).  The property, decomposition and composition tables in
//! `tables.rs` are generated from CPython's own module (`gen_tables.py`),
//! so they match it exactly.  Character names come from the
//! `unicode_names2` crate, which carries a newer Unicode (16): names are
//! stable, so only characters not assigned in Unicode 14 differ, and those
//! are filtered out here.  Name aliases newer than Unicode 14 are still
//! accepted by `lookup`, and named sequences are not supported.

mod tables;

use super::native::positional;
use super::set;
use molt_vm::class::type_name;
use molt_vm::ops::str_of;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn unicodedata_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("unicodedata");
    let funcs: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("name", name),
        ("lookup", lookup),
        ("category", category),
        ("bidirectional", bidirectional),
        ("combining", combining),
        ("mirrored", mirrored),
        ("east_asian_width", east_asian_width),
        ("decomposition", decomposition),
        ("decimal", decimal),
        ("digit", digit),
        ("numeric", numeric),
        ("normalize", normalize),
        ("is_normalized", is_normalized),
    ];
    for (n, f) in funcs {
        vm.add_native(m, n, *f);
    }
    let v = vm.new_str("14.0.0");
    set(vm, m, "unidata_version", v);
    Ok(m)
}

// ----- table lookups -----

fn record(c: char) -> (u8, u8, u8, bool, u8) {
    let cp = c as u32;
    let i = tables::RANGES.partition_point(|&(start, _)| start <= cp);
    let rec = tables::RANGES[i.saturating_sub(1)].1;
    tables::RECORDS[rec as usize]
}

fn category_of(c: char) -> &'static str {
    tables::CATEGORIES[record(c).0 as usize]
}

fn ccc(c: char) -> u8 {
    record(c).4
}

fn decomposition_of(c: char) -> Option<&'static str> {
    let cp = c as u32;
    tables::DECOMPOSITION
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .map(|i| tables::DECOMPOSITION[i].1)
}

fn numeric_of(c: char) -> Option<(i8, i8, f64)> {
    let cp = c as u32;
    tables::NUMERIC
        .binary_search_by_key(&cp, |&(k, ..)| k)
        .ok()
        .map(|i| {
            let (_, d, g, n) = tables::NUMERIC[i];
            (d, g, n)
        })
}

/// The name of `c` in Unicode 14, if it has one.
pub fn char_name(c: char) -> Option<String> {
    if category_of(c) == "Cn" {
        return None;
    }
    unicode_names2::name(c).map(|n| n.to_string())
}

/// The character called `name` (names and aliases, any case) in Unicode 14.
pub fn lookup_name(name: &str) -> Option<char> {
    unicode_names2::character(name).filter(|&c| category_of(c) != "Cn")
}

// ----- normalization -----

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

fn decompose_into(c: char, compat: bool, out: &mut Vec<char>) {
    let cp = c as u32;
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        let parts = [
            L_BASE + s / N_COUNT,
            V_BASE + (s % N_COUNT) / T_COUNT,
            T_BASE + s % T_COUNT,
        ];
        let n = if parts[2] == T_BASE { 2 } else { 3 };
        out.extend(parts[..n].iter().filter_map(|&p| char::from_u32(p)));
        return;
    }
    match decomposition_of(c) {
        Some(d) if compat || !d.starts_with('<') => {
            for part in d.split(' ').filter(|p| !p.starts_with('<')) {
                if let Some(ch) = u32::from_str_radix(part, 16).ok().and_then(char::from_u32) {
                    decompose_into(ch, compat, out);
                }
            }
        }
        _ => out.push(c),
    }
}

/// Full decomposition in canonical order.
fn decompose(s: &str, compat: bool) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_into(c, compat, &mut out);
    }
    // Canonical ordering: stable sort of each run of non-starters.
    let mut i = 0;
    while i < out.len() {
        if ccc(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && ccc(out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| ccc(c));
    }
    out
}

fn compose_pair(a: char, b: char) -> Option<char> {
    let (a, b) = (a as u32, b as u32);
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        let s = S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
        return char::from_u32(s);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE) % T_COUNT == 0
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return char::from_u32(a + (b - T_BASE));
    }
    tables::COMPOSITION
        .binary_search_by_key(&(a, b), |&(x, y, _)| (x, y))
        .ok()
        .and_then(|i| char::from_u32(tables::COMPOSITION[i].2))
}

/// Canonical composition of a decomposed, canonically ordered string.
fn compose(chars: Vec<char>) -> String {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    // Combining class of the last character kept since the starter (None:
    // the starter is the previous character).
    let mut last: Option<u8> = None;
    for c in chars {
        let cc = ccc(c);
        if let Some(si) = starter {
            let blocked = matches!(last, Some(l) if l == 0 || l >= cc);
            if !blocked {
                if let Some(comp) = compose_pair(out[si], c) {
                    out[si] = comp;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last = None;
        } else {
            last = Some(cc);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

fn normalized(form: &str, s: &str) -> Option<String> {
    Some(match form {
        "NFD" => decompose(s, false).into_iter().collect(),
        "NFKD" => decompose(s, true).into_iter().collect(),
        "NFC" => compose(decompose(s, false)),
        "NFKC" => compose(decompose(s, true)),
        _ => return None,
    })
}

// ----- the functions -----

fn char_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<char> {
    if let Some(s) = str_of(v) {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(c);
        }
    }
    let msg = format!(
        "{}() argument must be a unicode character, not {}",
        fname,
        type_name(vm, v)
    );
    Err(vm.type_error(msg))
}

/// `f(chr)` or `f(chr, default)`: the character and the default.
fn char_args(vm: &mut Vm, args: &Args, fname: &str, max: usize) -> PyResult<(char, Option<Value>)> {
    let a = positional(vm, fname, args.pos, args, 1, max)?;
    let c = char_arg(vm, fname, a[0])?;
    Ok((c, a.get(1).copied()))
}

fn name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, default) = char_args(vm, &args, "name", 2)?;
    match char_name(c) {
        Some(n) => Ok(vm.new_string(n)),
        None => default.ok_or_else(|| vm.value_error("no such name")),
    }
}

fn lookup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "lookup", args.pos, &args, 1, 1)?;
    let n = match str_of(a[0]) {
        Some(s) => s,
        None => {
            let msg = format!("lookup() argument must be str, not {}", type_name(vm, a[0]));
            return Err(vm.type_error(msg));
        }
    };
    match lookup_name(n) {
        Some(c) => Ok(vm.new_string(c.to_string())),
        None => {
            let k = vm.new_string(format!("undefined character name '{}'", n));
            Err(vm.key_error(k))
        }
    }
}

fn category(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "category", 1)?;
    Ok(vm.new_str(category_of(c)))
}

fn bidirectional(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "bidirectional", 1)?;
    Ok(vm.new_str(tables::BIDIRECTIONAL[record(c).1 as usize]))
}

fn east_asian_width(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "east_asian_width", 1)?;
    Ok(vm.new_str(tables::EAST_ASIAN_WIDTH[record(c).2 as usize]))
}

fn mirrored(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "mirrored", 1)?;
    Ok(Value::small_int_unchecked(record(c).3 as i64))
}

fn combining(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "combining", 1)?;
    Ok(Value::small_int_unchecked(ccc(c) as i64))
}

fn decomposition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, _) = char_args(vm, &args, "decomposition", 1)?;
    Ok(vm.new_str(decomposition_of(c).unwrap_or("")))
}

fn decimal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, default) = char_args(vm, &args, "decimal", 2)?;
    match numeric_of(c) {
        Some((d, _, _)) if d >= 0 => Ok(Value::small_int_unchecked(d as i64)),
        _ => default.ok_or_else(|| vm.value_error("not a decimal")),
    }
}

fn digit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, default) = char_args(vm, &args, "digit", 2)?;
    match numeric_of(c) {
        Some((_, d, _)) if d >= 0 => Ok(Value::small_int_unchecked(d as i64)),
        _ => default.ok_or_else(|| vm.value_error("not a digit")),
    }
}

fn numeric(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (c, default) = char_args(vm, &args, "numeric", 2)?;
    match numeric_of(c) {
        Some((_, _, n)) => Ok(Value::float(n)),
        _ => default.ok_or_else(|| vm.value_error("not a numeric character")),
    }
}

/// `(form, text)` of normalize/is_normalized.
fn form_args(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(&'static str, &'static str)> {
    let a = positional(vm, fname, args.pos, args, 2, 2)?;
    let mut strs = [""; 2];
    for i in 0..2 {
        strs[i] = match str_of(a[i]) {
            Some(s) => s,
            None => {
                let msg = format!(
                    "{}() argument {} must be str, not {}",
                    fname,
                    i + 1,
                    type_name(vm, a[i])
                );
                return Err(vm.type_error(msg));
            }
        };
    }
    Ok((strs[0], strs[1]))
}

fn normalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (form, s) = form_args(vm, &args, "normalize")?;
    match normalized(form, s) {
        Some(r) if r == s => Ok(args.pos[1]),
        Some(r) => Ok(vm.new_string(r)),
        None => Err(vm.value_error("invalid normalization form")),
    }
}

fn is_normalized(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (form, s) = form_args(vm, &args, "is_normalized")?;
    match normalized(form, s) {
        Some(r) => Ok(Value::bool(r == s)),
        None => Err(vm.value_error("invalid normalization form")),
    }
}
