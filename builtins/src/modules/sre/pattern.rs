//! `_sre.compile`, `re.Pattern` and `SRE_Scanner`.

use super::matchobj::new_match;
use super::{clamp, classes, is_callable, rest, run, slice, subject, this, Found, Mode, Subject};
use molt_vm::class::type_name;
use molt_vm::object::{IterState, Kind, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::rc::Rc;

/// The state of a `re.Pattern`.
pub(crate) struct PatternData {
    /// The source (str, bytes or None).
    pub pattern: Value,
    pub flags: i64,
    pub code: Rc<[u32]>,
    /// Number of capturing groups.
    pub groups: usize,
    pub groupindex: Value,
    pub indexgroup: Value,
    /// Some(true) for a bytes pattern, None for a pattern of None.
    pub is_bytes: Option<bool>,
}

impl NativeState for PatternData {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.pattern);
        f(self.groupindex);
        f(self.indexgroup);
    }
}

pub(crate) const METHODS: &[(&str, NativeFn)] = &[
    ("match", p_match),
    ("fullmatch", p_fullmatch),
    ("search", p_search),
    ("findall", p_findall),
    ("finditer", p_finditer),
    ("scanner", p_scanner),
    ("sub", p_sub),
    ("subn", p_subn),
    ("split", p_split),
    ("__repr__", p_repr),
    ("__eq__", p_eq),
    ("__ne__", p_ne),
    ("__hash__", p_hash),
    ("__copy__", p_copy),
    ("__deepcopy__", p_deepcopy),
];

pub(crate) const GETTERS: &[(&str, NativeFn)] = &[
    ("pattern", g_pattern),
    ("flags", g_flags),
    ("groups", g_groups),
    ("groupindex", g_groupindex),
];

fn me(vm: &mut Vm, args: &Args) -> PyResult<(Value, &'static mut PatternData)> {
    this::<PatternData>(vm, args, "re.Pattern")
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`
pub(crate) fn compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let names = [
        "pattern",
        "flags",
        "code",
        "groups",
        "groupindex",
        "indexgroup",
    ];
    let a = super::parse(vm, "compile", &args, &names, 6)?;
    let a: Vec<Value> = a.into_iter().map(|v| v.unwrap_or(Value::NONE)).collect();
    let (pattern, flags_v, code_v, groups_v, groupindex, indexgroup) =
        (a[0], a[1], a[2], a[3], a[4], a[5]);
    let flags = ops::to_index(vm, flags_v)?;
    let items = match code_v.obj().map(|o| &o.kind) {
        Some(Kind::List(l)) => l.get().clone(),
        _ => {
            let msg = format!(
                "compile() argument 'code' must be list, not {}",
                type_name(vm, code_v)
            );
            return Err(vm.type_error(msg));
        }
    };
    let mut code = Vec::with_capacity(items.len());
    for it in items {
        let i = ops::to_index(vm, it)?;
        match u32::try_from(i) {
            Ok(c) => code.push(c),
            Err(_) if i < 0 => {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"))
            }
            Err(_) => return Err(vm.overflow_error("regular expression code size limit exceeded")),
        }
    }
    let groups = ops::to_index(vm, groups_v)?;
    if !matches!(groupindex.obj().map(|o| &o.kind), Some(Kind::Dict(_))) {
        let msg = format!(
            "compile() argument 'groupindex' must be dict, not {}",
            type_name(vm, groupindex)
        );
        return Err(vm.type_error(msg));
    }
    if ops::tuple_items(indexgroup).is_none() {
        let msg = format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            type_name(vm, indexgroup)
        );
        return Err(vm.type_error(msg));
    }
    if groups < 0 || groups > super::MAXGROUPS {
        return Err(vm.runtime_error("invalid SRE code"));
    }
    let is_bytes = if pattern.is_none() {
        None
    } else {
        Some(subject(vm, pattern)?.is_bytes)
    };
    // A private copy, so that the pattern's groupindex cannot change.
    let gi = vm.new_dict();
    let entries: Vec<(Value, Value)> = match &groupindex.as_obj().kind {
        Kind::Dict(d) => d.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => Vec::new(),
    };
    for (k, v) in entries {
        ops::dict_set(vm, gi, k, v)?;
    }
    let data = PatternData {
        pattern,
        flags,
        code: code.into(),
        groups: groups as usize,
        groupindex: gi,
        indexgroup,
        is_bytes,
    };
    let cls = classes().pattern;
    Ok(vm.new_native_object(cls, data))
}

/// The subject, checked against the pattern's kind.
fn checked_subject(vm: &mut Vm, p: &PatternData, string: Value) -> PyResult<Subject> {
    let s = subject(vm, string)?;
    match p.is_bytes {
        Some(true) if !s.is_bytes => {
            Err(vm.type_error("cannot use a bytes pattern on a string-like object"))
        }
        Some(false) if s.is_bytes => {
            Err(vm.type_error("cannot use a string pattern on a bytes-like object"))
        }
        _ => Ok(s),
    }
}

/// (string, subject, pos, endpos) from `string, pos=0, endpos=maxsize`.
fn string_pos_end(
    vm: &mut Vm,
    name: &str,
    args: &Args,
    p: &PatternData,
) -> PyResult<(Value, Subject, usize, usize)> {
    let a = super::parse(vm, name, &rest(args), &["string", "pos", "endpos"], 1)?;
    let string = a[0].unwrap_or(Value::NONE);
    let subj = checked_subject(vm, p, string)?;
    let len = subj.len();
    let pos = clamp(vm, a[1], 0, len)?;
    let endpos = clamp(vm, a[2], len, len)?;
    Ok((string, subj, pos, endpos))
}

fn one(vm: &mut Vm, args: Args, name: &str, mode: Mode) -> PyResult<Value> {
    let (pv, p) = me(vm, &args)?;
    let (string, subj, pos, endpos) = string_pos_end(vm, name, &args, p)?;
    let (code, groups) = (p.code.clone(), p.groups);
    match run(vm, &code, groups, &subj, pos, endpos, mode, false)? {
        Some(f) => Ok(new_match(vm, pv, string, pos, endpos, f)),
        None => Ok(Value::NONE),
    }
}

fn p_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one(vm, args, "match", Mode::Match)
}

fn p_fullmatch(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one(vm, args, "fullmatch", Mode::FullMatch)
}

fn p_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    one(vm, args, "search", Mode::Search)
}

/// Group `g` (1-based) of a found match, or `empty` when it did not take part.
fn group_slice(vm: &mut Vm, string: Value, f: &Found, g: usize, empty: Value) -> Value {
    let (s, e) = (f.marks[2 * g - 2], f.marks[2 * g - 1]);
    if s < 0 || e < 0 {
        return empty;
    }
    slice(vm, string, s as usize, e as usize)
}

/// Every successive match from `pos`, as CPython's findall/sub/split walk
/// them: after an empty match the next one may not be empty at the same
/// place.  `each` gets every match; `limit` 0 means no limit.
fn each_match(
    vm: &mut Vm,
    p: &PatternData,
    subj: &Subject,
    pos: usize,
    endpos: usize,
    limit: i64,
    mut each: impl FnMut(&mut Vm, Found) -> PyResult<()>,
) -> PyResult<()> {
    let (code, groups) = (p.code.clone(), p.groups);
    let mut start = pos;
    let mut must_advance = false;
    let mut n = 0i64;
    while limit == 0 || n < limit {
        if start > endpos {
            break;
        }
        let f = match run(
            vm,
            &code,
            groups,
            subj,
            start,
            endpos,
            Mode::Search,
            must_advance,
        )? {
            Some(f) => f,
            None => break,
        };
        must_advance = f.end == f.start;
        start = f.end;
        n += 1;
        each(vm, f)?;
    }
    Ok(())
}

fn p_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, p) = me(vm, &args)?;
    let (string, subj, pos, endpos) = string_pos_end(vm, "findall", &args, p)?;
    let groups = p.groups;
    let mut out = Vec::new();
    let empty = slice(vm, string, 0, 0);
    each_match(vm, p, &subj, pos, endpos, 0, |vm, f| {
        let item = match groups {
            0 => slice(vm, string, f.start, f.end),
            1 => group_slice(vm, string, &f, 1, empty),
            _ => {
                let items = (1..=groups)
                    .map(|g| group_slice(vm, string, &f, g, empty))
                    .collect();
                vm.new_tuple(items)
            }
        };
        out.push(item);
        Ok(())
    })?;
    Ok(vm.new_list(out))
}

fn p_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, p) = me(vm, &args)?;
    let a = super::parse(vm, "split", &rest(&args), &["string", "maxsplit"], 1)?;
    let string = a[0].unwrap_or(Value::NONE);
    let maxsplit = match a[1] {
        Some(v) => ops::to_index(vm, v)?,
        None => 0,
    };
    let subj = checked_subject(vm, p, string)?;
    let len = subj.len();
    let groups = p.groups;
    let mut out = Vec::new();
    let mut last = 0;
    if maxsplit >= 0 {
        each_match(vm, p, &subj, 0, len, maxsplit, |vm, f| {
            let piece = slice(vm, string, last, f.start);
            out.push(piece);
            for g in 1..=groups {
                let item = group_slice(vm, string, &f, g, Value::NONE);
                out.push(item);
            }
            last = f.end;
            Ok(())
        })?;
    }
    let tail = slice(vm, string, last, len);
    out.push(tail);
    Ok(vm.new_list(out))
}

fn p_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, _) = subx(vm, args, "sub")?;
    Ok(r)
}

fn p_subn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (r, n) = subx(vm, args, "subn")?;
    let n = vm.new_int(n);
    Ok(vm.new_tuple(vec![r, n]))
}

/// Does the str or bytes-like `v` contain a backslash?  None for other values.
fn has_backslash(v: Value) -> Option<bool> {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(s)) => Some(s.bytes().contains(&b'\\')),
        Some(Kind::Bytes(b)) => Some(b.contains(&b'\\')),
        Some(Kind::ByteArray(b)) => Some(b.get().contains(&b'\\')),
        _ => None,
    }
}

fn subx(vm: &mut Vm, args: Args, name: &str) -> PyResult<(Value, i64)> {
    let (pv, p) = me(vm, &args)?;
    let a = super::parse(vm, name, &rest(&args), &["repl", "string", "count"], 2)?;
    let repl = a[0].unwrap_or(Value::NONE);
    let string = a[1].unwrap_or(Value::NONE);
    let count = match a[2] {
        Some(v) => ops::to_index(vm, v)?,
        None => 0,
    };
    // A callable is called with each match; a template without
    // backslashes is used as it is; any other goes through re._subx.
    let (filter, callable) = if is_callable(vm, repl) {
        (repl, true)
    } else if has_backslash(repl) == Some(false) {
        (repl, false)
    } else {
        let f = super::call_re(vm, "_subx", &[pv, repl])?;
        (f, is_callable(vm, f))
    };
    let subj = checked_subject(vm, p, string)?;
    let len = subj.len();
    let mut pieces = Vec::new();
    let mut last = 0;
    let mut n = 0i64;
    if count >= 0 {
        each_match(vm, p, &subj, 0, len, count, |vm, f| {
            if last < f.start {
                let piece = slice(vm, string, last, f.start);
                pieces.push(piece);
            }
            last = f.end;
            n += 1;
            let item = if callable {
                let m = new_match(vm, pv, string, 0, len, f);
                ops::call1(vm, filter, m)?
            } else {
                filter
            };
            if !item.is_none() {
                pieces.push(item);
            }
            Ok(())
        })?;
    }
    if last < len {
        let piece = slice(vm, string, last, len);
        pieces.push(piece);
    }
    let joined = join(vm, string, subj.is_bytes, &pieces)?;
    Ok((joined, n))
}

/// `"".join(pieces)` or `b"".join(pieces)`, with their error messages.
fn join(vm: &mut Vm, string: Value, is_bytes: bool, pieces: &[Value]) -> PyResult<Value> {
    if pieces.is_empty() {
        return Ok(slice(vm, string, 0, 0));
    }
    if is_bytes {
        let mut out = Vec::new();
        for (i, v) in pieces.iter().enumerate() {
            match v.obj().map(|o| &o.kind) {
                Some(Kind::Bytes(b)) => out.extend_from_slice(b),
                Some(Kind::ByteArray(b)) => out.extend_from_slice(b.get()),
                _ => {
                    let msg = format!(
                        "sequence item {}: expected a bytes-like object, {} found",
                        i,
                        type_name(vm, *v)
                    );
                    return Err(vm.type_error(msg));
                }
            }
        }
        Ok(vm.new_bytes(out))
    } else {
        let exact_str = |v: Value| v.obj().is_some_and(|o| o.cls.get().is(vm.t.str_));
        if pieces.len() == 1 && exact_str(pieces[0]) {
            return Ok(pieces[0]);
        }
        let mut out = String::new();
        for (i, v) in pieces.iter().enumerate() {
            match ops::str_of(*v) {
                Some(s) => out.push_str(s),
                None => {
                    let msg = format!(
                        "sequence item {}: expected str instance, {} found",
                        i,
                        type_name(vm, *v)
                    );
                    return Err(vm.type_error(msg));
                }
            }
        }
        Ok(vm.new_string(out))
    }
}

fn p_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, p) = me(vm, &args)?;
    const NAMES: [(&str, i64); 9] = [
        ("re.TEMPLATE", 1),
        ("re.IGNORECASE", 2),
        ("re.LOCALE", 4),
        ("re.MULTILINE", 8),
        ("re.DOTALL", 16),
        ("re.UNICODE", 32),
        ("re.VERBOSE", 64),
        ("re.DEBUG", 128),
        ("re.ASCII", 256),
    ];
    let mut flags = p.flags;
    let pattern = p.pattern;
    // re.UNICODE is implied for str patterns.
    if ops::str_of(pattern).is_some() && flags & (4 | 32 | 256) == 32 {
        flags &= !32;
    }
    let src = super::repr_cut(vm, pattern, 200)?;
    if flags == 0 {
        return Ok(vm.new_string(format!("re.compile({})", src)));
    }
    let mut parts = Vec::new();
    for (name, bit) in NAMES {
        if flags & bit != 0 {
            parts.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        parts.push(format!("{:#x}", flags));
    }
    Ok(vm.new_string(format!("re.compile({}, {})", src, parts.join("|"))))
}

fn same_pattern(vm: &mut Vm, args: &Args) -> PyResult<Option<bool>> {
    let (a, pa) = me(vm, args)?;
    let b = args.pos.get(1).copied().unwrap_or(Value::NONE);
    let pb = match molt_vm::object::native_state::<PatternData>(b) {
        Some(pb) => pb,
        None => return Ok(None),
    };
    if a.is(b) {
        return Ok(Some(true));
    }
    if pa.flags != pb.flags || pa.is_bytes != pb.is_bytes || pa.code != pb.code {
        return Ok(Some(false));
    }
    let (x, y) = (pa.pattern, pb.pattern);
    Ok(Some(ops::eq(vm, x, y)?))
}

fn p_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(match same_pattern(vm, &args)? {
        Some(b) => Value::bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn p_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(match same_pattern(vm, &args)? {
        Some(b) => Value::bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn p_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, p) = me(vm, &args)?;
    let (pattern, flags, code) = (p.pattern, p.flags, p.code.clone());
    let mut h = ops::hash(vm, pattern)?;
    let bytes: Vec<u8> = code.iter().flat_map(|c| c.to_le_bytes()).collect();
    h ^= molt_vm::hash::hash_bytes(&bytes);
    h ^= flags;
    h ^= code.len() as i64;
    if h == -1 {
        h = -2;
    }
    Ok(vm.new_int(h))
}

fn p_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__copy__", &args, 1, 1)?;
    let (v, _) = me(vm, &args)?;
    Ok(v)
}

fn p_deepcopy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__deepcopy__", &args, 2, 2)?;
    let (v, _) = me(vm, &args)?;
    Ok(v)
}

fn g_pattern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(me(vm, &args)?.1.pattern)
}

fn g_flags(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = me(vm, &args)?.1.flags;
    Ok(vm.new_int(f))
}

fn g_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = me(vm, &args)?.1.groups;
    Ok(vm.new_int(g as i64))
}

fn g_groupindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let gi = me(vm, &args)?.1.groupindex;
    let entries: Vec<(Value, Value)> = match &gi.as_obj().kind {
        Kind::Dict(d) => d.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => Vec::new(),
    };
    let out = vm.new_dict();
    for (k, v) in entries {
        ops::dict_set(vm, out, k, v)?;
    }
    Ok(out)
}

// ----- SRE_Scanner -----

pub(crate) struct ScannerData {
    pattern: Value,
    string: Value,
    subj: Subject,
    pos: usize,
    endpos: usize,
    /// Where the next match is looked for; None once exhausted.
    next: Option<usize>,
    must_advance: bool,
}

impl NativeState for ScannerData {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.pattern);
        f(self.string);
    }
}

pub(crate) const SCANNER_METHODS: &[(&str, NativeFn)] = &[("match", s_match), ("search", s_search)];

fn new_scanner(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let (pv, p) = me(vm, args)?;
    let (string, subj, pos, endpos) = string_pos_end(vm, name, args, p)?;
    let data = ScannerData {
        pattern: pv,
        string,
        subj,
        pos,
        endpos,
        next: Some(pos),
        must_advance: false,
    };
    let cls = classes().scanner;
    Ok(vm.new_native_object(cls, data))
}

fn p_scanner(vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_scanner(vm, &args, "scanner")
}

fn p_finditer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sc = new_scanner(vm, &args, "finditer")?;
    let name = vm.intern("search");
    let search = ops::getattr(vm, sc, name)?;
    let cls = vm.t.callable_iterator;
    Ok(vm.new_iterator(
        cls,
        IterState::Callable {
            func: search,
            sentinel: Value::NONE,
        },
    ))
}

fn scan(vm: &mut Vm, args: Args, name: &str, mode: Mode) -> PyResult<Value> {
    ops::call::check_args(vm, name, &args, 1, 1)?;
    let (_, s) = this::<ScannerData>(vm, &args, "_sre.SRE_Scanner")?;
    let start = match s.next {
        Some(p) => p,
        None => return Ok(Value::NONE),
    };
    let pv = s.pattern;
    let (code, groups) = match molt_vm::object::native_state::<PatternData>(pv) {
        Some(p) => (p.code.clone(), p.groups),
        None => return Ok(Value::NONE),
    };
    let found = run(
        vm,
        &code,
        groups,
        &s.subj,
        start,
        s.endpos,
        mode,
        s.must_advance,
    )?;
    match found {
        None => {
            s.next = None;
            Ok(Value::NONE)
        }
        Some(f) => {
            s.must_advance = f.end == f.start;
            s.next = Some(f.end);
            let (string, pos, endpos) = (s.string, s.pos, s.endpos);
            Ok(new_match(vm, pv, string, pos, endpos, f))
        }
    }
}

fn s_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    scan(vm, args, "match", Mode::Match)
}

fn s_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    scan(vm, args, "search", Mode::Search)
}

pub(crate) fn scanner_pattern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, s) = this::<ScannerData>(vm, &args, "_sre.SRE_Scanner")?;
    Ok(s.pattern)
}
