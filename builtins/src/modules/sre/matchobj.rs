//! `re.Match`.

use super::pattern::PatternData;
use super::{classes, rest, slice, this, Found};
use molt_vm::object::{native_state, Kind, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

pub(crate) struct MatchData {
    string: Value,
    /// The `re.Pattern` that matched.
    pattern: Value,
    pos: usize,
    endpos: usize,
    /// Span of every group, group 0 first; (-1, -1) when unset.
    regs: Vec<(isize, isize)>,
    lastindex: isize,
}

impl NativeState for MatchData {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.string);
        f(self.pattern);
    }
}

pub(crate) fn new_match(
    vm: &mut Vm,
    pattern: Value,
    string: Value,
    pos: usize,
    endpos: usize,
    f: Found,
) -> Value {
    let mut regs = vec![(f.start as isize, f.end as isize)];
    for pair in f.marks.chunks(2) {
        let (s, e) = (pair[0], pair.get(1).copied().unwrap_or(-1));
        regs.push(if s < 0 || e < 0 { (-1, -1) } else { (s, e) });
    }
    let data = MatchData {
        string,
        pattern,
        pos,
        endpos,
        regs,
        lastindex: f.lastindex,
    };
    let cls = classes().match_;
    vm.new_native_object(cls, data)
}

pub(crate) const METHODS: &[(&str, NativeFn)] = &[
    ("group", m_group),
    ("groups", m_groups),
    ("groupdict", m_groupdict),
    ("start", m_start),
    ("end", m_end),
    ("span", m_span),
    ("expand", m_expand),
    ("__getitem__", m_getitem),
    ("__repr__", m_repr),
    ("__copy__", m_copy),
    ("__deepcopy__", m_deepcopy),
];

pub(crate) const GETTERS: &[(&str, NativeFn)] = &[
    ("string", g_string),
    ("re", g_re),
    ("pos", g_pos),
    ("endpos", g_endpos),
    ("lastindex", g_lastindex),
    ("lastgroup", g_lastgroup),
    ("regs", g_regs),
];

fn me(vm: &mut Vm, args: &Args) -> PyResult<(Value, &'static mut MatchData)> {
    this::<MatchData>(vm, args, "re.Match")
}

fn groupindex_of(pattern: Value) -> Value {
    native_state::<PatternData>(pattern).map_or(Value::NONE, |p| p.groupindex)
}

/// The group number `index` names: an int, or a name in the pattern's
/// groupindex.
fn group_index(vm: &mut Vm, m: &MatchData, index: Value) -> PyResult<usize> {
    let n = m.regs.len() as i64;
    let is_int = index.is_small_int()
        || index.is_bool()
        || matches!(index.obj().map(|o| &o.kind), Some(Kind::Int(_)));
    let i = if is_int {
        match index.obj().map(|o| &o.kind) {
            // Out of range whatever its value.
            Some(Kind::Int(_)) => -1,
            _ => ops::to_index(vm, index)?,
        }
    } else {
        let cls = molt_vm::class::type_of(vm, index);
        if molt_vm::class::lookup(vm, cls, vm.names.__index__).is_some() {
            ops::to_index(vm, index)?
        } else {
            let gi = groupindex_of(m.pattern);
            // Like CPython, a pattern without named groups looks nothing up
            // (so an unhashable index is just "no such group").
            let named =
                matches!(gi.obj().map(|o| &o.kind), Some(Kind::Dict(d)) if d.get().len() > 0);
            match if named {
                ops::dict_get(vm, gi, index)?
            } else {
                None
            } {
                Some(v) if v.is_small_int() => v.as_small_int(),
                _ => -1,
            }
        }
    };
    if i < 0 || i >= n {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

/// Group `g`'s text, or `default` when it did not take part.
fn group_value(vm: &mut Vm, m: &MatchData, g: usize, default: Value) -> Value {
    let (s, e) = m.regs[g];
    if s < 0 {
        return default;
    }
    slice(vm, m.string, s as usize, e as usize)
}

fn m_group(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    ops::call::no_kwargs(vm, "group", &args)?;
    let idx = &args.pos[1..];
    match idx.len() {
        0 => Ok(group_value(vm, m, 0, Value::NONE)),
        1 => {
            let g = group_index(vm, m, idx[0])?;
            Ok(group_value(vm, m, g, Value::NONE))
        }
        _ => {
            let mut out = Vec::with_capacity(idx.len());
            for v in idx {
                let g = group_index(vm, m, *v)?;
                out.push(group_value(vm, m, g, Value::NONE));
            }
            Ok(vm.new_tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__getitem__", &args, 2, 2)?;
    let (_, m) = me(vm, &args)?;
    let g = group_index(vm, m, args.pos[1])?;
    Ok(group_value(vm, m, g, Value::NONE))
}

fn default_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let a = super::parse(vm, name, &rest(args), &["default"], 0)?;
    Ok(a[0].unwrap_or(Value::NONE))
}

fn m_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let default = default_arg(vm, &args, "groups")?;
    let out = (1..m.regs.len())
        .map(|g| group_value(vm, m, g, default))
        .collect();
    Ok(vm.new_tuple(out))
}

fn m_groupdict(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let default = default_arg(vm, &args, "groupdict")?;
    let gi = groupindex_of(m.pattern);
    let keys: Vec<Value> = match gi.obj().map(|o| &o.kind) {
        Some(Kind::Dict(d)) => d.get().iter().map(|e| e.key).collect(),
        _ => Vec::new(),
    };
    let out = vm.new_dict();
    for k in keys {
        let g = group_index(vm, m, k)?;
        let v = group_value(vm, m, g, default);
        ops::dict_set(vm, out, k, v)?;
    }
    Ok(out)
}

/// The group argument of start/end/span (default 0).
fn group_arg(vm: &mut Vm, args: &Args, name: &str, m: &MatchData) -> PyResult<usize> {
    ops::call::no_kwargs(vm, name, args)?;
    match args.pos.len() {
        1 => Ok(0),
        2 => group_index(vm, m, args.pos[1]),
        n => {
            let msg = format!("{} expected at most 1 argument, got {}", name, n - 1);
            Err(vm.type_error(msg))
        }
    }
}

fn m_start(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let g = group_arg(vm, &args, "start", m)?;
    Ok(vm.new_int(m.regs[g].0 as i64))
}

fn m_end(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let g = group_arg(vm, &args, "end", m)?;
    Ok(vm.new_int(m.regs[g].1 as i64))
}

fn span_tuple(vm: &mut Vm, (s, e): (isize, isize)) -> Value {
    let (s, e) = (vm.new_int(s as i64), vm.new_int(e as i64));
    vm.new_tuple(vec![s, e])
}

fn m_span(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let g = group_arg(vm, &args, "span", m)?;
    Ok(span_tuple(vm, m.regs[g]))
}

fn m_expand(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (mv, m) = me(vm, &args)?;
    let a = super::parse(vm, "expand", &rest(&args), &["template"], 1)?;
    let template = a[0].unwrap_or(Value::NONE);
    let pattern = m.pattern;
    super::call_re(vm, "_expand", &[pattern, mv, template])
}

fn m_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let (s, e) = m.regs[0];
    let g0 = group_value(vm, m, 0, Value::NONE);
    let r = super::repr_cut(vm, g0, 50)?;
    Ok(vm.new_string(format!(
        "<re.Match object; span=({}, {}), match={}>",
        s, e, r
    )))
}

fn m_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__copy__", &args, 1, 1)?;
    Ok(me(vm, &args)?.0)
}

fn m_deepcopy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__deepcopy__", &args, 2, 2)?;
    Ok(me(vm, &args)?.0)
}

fn g_string(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(me(vm, &args)?.1.string)
}

fn g_re(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(me(vm, &args)?.1.pattern)
}

fn g_pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = me(vm, &args)?.1.pos;
    Ok(vm.new_int(p as i64))
}

fn g_endpos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = me(vm, &args)?.1.endpos;
    Ok(vm.new_int(p as i64))
}

fn g_lastindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let i = me(vm, &args)?.1.lastindex;
    Ok(if i < 0 {
        Value::NONE
    } else {
        vm.new_int(i as i64)
    })
}

fn g_lastgroup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    if m.lastindex < 0 {
        return Ok(Value::NONE);
    }
    let ig = native_state::<PatternData>(m.pattern).map_or(Value::NONE, |p| p.indexgroup);
    Ok(ops::tuple_items(ig)
        .and_then(|t| t.get(m.lastindex as usize).copied())
        .unwrap_or(Value::NONE))
}

fn g_regs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = me(vm, &args)?;
    let regs = m.regs.clone();
    let items = regs.into_iter().map(|r| span_tuple(vm, r)).collect();
    Ok(vm.new_tuple(items))
}
