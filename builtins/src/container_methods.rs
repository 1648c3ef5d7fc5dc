//! Native methods of `list`, `tuple`, `dict`, `set` and `frozenset`.
//!
//! The algorithms follow CPython 3.11's (`listobject.c`, `dictobject.c`,
//! `setobject.c`) closely enough that results, element order, error messages
//! and the order in which user `__eq__` / `__hash__` / `__lt__` run match.
//!
//! Two rules of the object model shape the code (see `object.rs`, `heap.rs`):
//! no `GcCell` borrow is held across a call that may run Python code — such
//! loops re-read the container at every step — and values copied out of a
//! container are pushed on `vm.pinned` before any such call, so that the
//! collector keeps them alive even if Python code empties the container.

use molt_vm::bytecode::CmpOp;
use molt_vm::class::{lookup_user, type_name, type_of};
use molt_vm::dict::{Dict, DictTable, Entry};
use molt_vm::object::{GcCell, Kind, NativeFn};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::set::{SetData, SetTable};
use molt_vm::{Args, PyResult, Value, Vm};
use num_traits::{Signed, ToPrimitive};

pub fn register(vm: &mut Vm) {
    let list: &[(&'static str, NativeFn)] = &[
        ("append", list_append),
        ("extend", list_extend),
        ("insert", list_insert),
        ("pop", list_pop),
        ("remove", list_remove),
        ("index", list_index),
        ("count", list_count),
        ("reverse", list_reverse),
        ("sort", list_sort),
        ("copy", list_copy),
        ("clear", list_clear),
    ];
    let tuple: &[(&'static str, NativeFn)] = &[("index", tuple_index), ("count", tuple_count)];
    let dict: &[(&'static str, NativeFn)] = &[
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("get", dict_get),
        ("setdefault", dict_setdefault),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("update", dict_update),
        ("clear", dict_clear),
        ("copy", dict_copy),
    ];
    let set: &[(&'static str, NativeFn)] = &[
        ("add", set_add),
        ("remove", set_remove),
        ("discard", set_discard),
        ("pop", set_pop),
        ("clear", set_clear),
        ("update", set_update),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
        ("copy", set_copy::<false>),
        ("union", set_union::<false>),
        ("intersection", set_intersection::<false>),
        ("difference", set_difference::<false>),
        ("symmetric_difference", set_symmetric_difference::<false>),
        ("issubset", set_issubset::<false>),
        ("issuperset", set_issuperset::<false>),
        ("isdisjoint", set_isdisjoint::<false>),
    ];
    let frozenset: &[(&'static str, NativeFn)] = &[
        ("copy", set_copy::<true>),
        ("union", set_union::<true>),
        ("intersection", set_intersection::<true>),
        ("difference", set_difference::<true>),
        ("symmetric_difference", set_symmetric_difference::<true>),
        ("issubset", set_issubset::<true>),
        ("issuperset", set_issuperset::<true>),
        ("isdisjoint", set_isdisjoint::<true>),
    ];
    let classes = [
        (vm.t.list, list),
        (vm.t.tuple, tuple),
        (vm.t.dict, dict),
        (vm.t.set, set),
        (vm.t.frozenset, frozenset),
    ];
    for (cls, methods) in classes {
        for &(name, f) in methods {
            vm.add_native(cls, name, f);
        }
    }
    // dict.fromkeys is a classmethod: the native receives the class as pos[0].
    let dict_cls = vm.t.dict;
    let f = vm.new_native("fromkeys", dict_fromkeys, dict_cls);
    let cm_cls = vm.t.classmethod;
    let cm = vm.alloc(cm_cls, Kind::ClassMethod(f));
    vm.set_attr_str(dict_cls, "fromkeys", cm);
}

// ----- receivers and argument checking -----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::List => "list",
            Ty::Tuple => "tuple",
            Ty::Dict => "dict",
            Ty::Set => "set",
            Ty::FrozenSet => "frozenset",
        }
    }

    /// Does `v` have this type's payload (the type or a subclass of it)?
    fn admits(self, v: Value) -> bool {
        matches!(
            (self, v.obj().map(|o| &o.kind)),
            (Ty::List, Some(Kind::List(_)))
                | (Ty::Tuple, Some(Kind::Tuple(_)))
                | (Ty::Dict, Some(Kind::Dict(_)))
                | (Ty::Set, Some(Kind::Set(_)))
                | (Ty::FrozenSet, Some(Kind::FrozenSet(_)))
        )
    }
}

fn set_ty(frozen: bool) -> Ty {
    if frozen {
        Ty::FrozenSet
    } else {
        Ty::Set
    }
}

/// How many arguments (besides `self`) a method takes, and so which of
/// CPython's calling conventions' error messages it uses.
#[derive(Clone, Copy)]
enum Arity {
    /// METH_NOARGS
    NoArgs,
    /// METH_O
    One,
    /// Argument Clinic positional-only parameters: min..=max.
    Range(usize, usize),
    /// METH_VARARGS
    Any,
}

/// Check `self` the way a method descriptor does and return it.
fn receiver(vm: &mut Vm, args: &Args, ty: Ty, name: &str) -> PyResult<Value> {
    let Some(&this) = args.pos.first() else {
        return Err(vm.type_error(format!(
            "unbound method {}.{}() needs an argument",
            ty.name(),
            name
        )));
    };
    if !ty.admits(this) {
        let msg = format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            name,
            ty.name(),
            type_name(vm, this)
        );
        return Err(vm.type_error(msg));
    }
    Ok(this)
}

/// "NAME expected at least N arguments, got M" (Argument Clinic's wording).
fn expected_args(name: &str, min: usize, max: usize, n: usize) -> String {
    let (qualifier, k) = if n < min {
        (if min == max { "" } else { "at least " }, min)
    } else {
        (if min == max { "" } else { "at most " }, max)
    };
    format!(
        "{} expected {}{} argument{}, got {}",
        name,
        qualifier,
        k,
        if k == 1 { "" } else { "s" },
        n
    )
}

/// Check `self`, reject keywords, check the argument count; returns `self` and the other arguments.
fn recv<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    ty: Ty,
    name: &str,
    arity: Arity,
) -> PyResult<(Value, &'a [Value])> {
    let this = receiver(vm, args, ty, name)?;
    if args.has_kw() {
        return Err(vm.type_error(format!(
            "{}.{}() takes no keyword arguments",
            ty.name(),
            name
        )));
    }
    let rest = &args.pos[1..];
    let n = rest.len();
    let msg = match arity {
        Arity::NoArgs if n != 0 => {
            format!("{}.{}() takes no arguments ({} given)", ty.name(), name, n)
        }
        Arity::One if n != 1 => format!(
            "{}.{}() takes exactly one argument ({} given)",
            ty.name(),
            name,
            n
        ),
        Arity::Range(min, max) if n < min || n > max => expected_args(name, min, max, n),
        _ => return Ok((this, rest)),
    };
    Err(vm.type_error(msg))
}

// ----- small shared helpers -----

/// Keep values alive while native code holds them across calls into Python.
fn pin(vm: &mut Vm, vals: impl IntoIterator<Item = Value>) {
    vm.pinned.extend(vals);
}

/// Call `f` on each item of `iterable` (pinned); `f` returns false to stop early.
fn for_each(
    vm: &mut Vm,
    iterable: Value,
    mut f: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    let it = ops::get_iter(vm, iterable)?;
    while let Some(x) = ops::next(vm, it)? {
        vm.pinned.push(x);
        if !f(vm, x)? {
            break;
        }
    }
    Ok(())
}

/// Equality as `PyObject_RichCompareBool(item, x, Py_EQ)`: identity first.
fn item_eq(vm: &mut Vm, item: Value, x: Value) -> PyResult<bool> {
    Ok(item.is(x) || ops::eq(vm, item, x)?)
}

fn never_eq(_: Value, _: Value) -> PyResult<bool> {
    Ok(false)
}

fn is_exact(vm: &Vm, v: Value, cls: Value) -> bool {
    type_of(vm, v).is(cls)
}

/// A `Py_ssize_t` argument (`list.insert`, `list.pop`).
fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match num_of(v) {
        Some(Num::Small(i)) => Ok(i),
        Some(Num::Big(b)) => b
            .to_i64()
            .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t")),
        _ => ops::to_index(vm, v),
    }
}

/// A start/stop argument of `index()` (`_PyEval_SliceIndexNotNone`: big ints clamp).
fn slice_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match num_of(v) {
        Some(Num::Small(i)) => return Ok(i),
        Some(Num::Big(b)) => {
            return Ok(b
                .to_i64()
                .unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }))
        }
        Some(_) => {}
        None => {
            let cls = type_of(vm, v);
            if lookup_user(vm, cls, vm.names.__index__).is_some() {
                return ops::to_index(vm, v);
            }
        }
    }
    Err(vm.type_error("slice indices must be integers or have an __index__ method"))
}

/// A C `int` argument (`list.sort(reverse=...)`).
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = match num_of(v) {
        Some(Num::Small(i)) => i,
        Some(Num::Big(_)) => i64::MAX,
        _ => ops::to_index(vm, v)?,
    };
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    Ok(i)
}

// ----- list and tuple -----

fn list_cell(v: Value) -> &'static GcCell<Vec<Value>> {
    match &v.as_obj().kind {
        Kind::List(l) => l,
        _ => unreachable!("list receiver checked"),
    }
}

/// Item `i` of a list or tuple, read afresh (the list may have changed).
fn seq_item(seq: Value, i: usize) -> Option<Value> {
    match &seq.as_obj().kind {
        Kind::List(l) => l.get().get(i).copied(),
        Kind::Tuple(t) => t.get(i).copied(),
        _ => None,
    }
}

fn seq_len(seq: Value) -> usize {
    match &seq.as_obj().kind {
        Kind::List(l) => l.get().len(),
        Kind::Tuple(t) => t.len(),
        _ => 0,
    }
}

/// The first index in `start..stop` whose item equals `x`, re-reading the
/// sequence after every comparison (which may have mutated it).
fn find_in(
    vm: &mut Vm,
    seq: Value,
    x: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(item) = seq_item(seq, i) else { break };
        if item_eq(vm, item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// `list.index` / `tuple.index`: `index(x, start=0, stop=sys.maxsize, /)`.
fn seq_index(vm: &mut Vm, args: Args, ty: Ty) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, ty, "index", Arity::Range(1, 3))?;
    let start = match a.get(1) {
        Some(&v) => Some(slice_index(vm, v)?),
        None => None,
    };
    let stop = match a.get(2) {
        Some(&v) => Some(slice_index(vm, v)?),
        None => None,
    };
    let len = seq_len(this) as i64;
    let norm = |i: i64| (if i < 0 { (i + len).max(0) } else { i }) as usize;
    let (start, stop) = (start.map_or(0, norm), stop.map_or(usize::MAX, norm));
    if let Some(i) = find_in(vm, this, a[0], start, stop)? {
        return Ok(vm.new_int(i as i64));
    }
    Err(if ty == Ty::List {
        let r = ops::repr_string(vm, a[0])?;
        vm.value_error(format!("{} is not in list", r))
    } else {
        vm.value_error("tuple.index(x): x not in tuple")
    })
}

/// `list.count` / `tuple.count`.
fn seq_count(vm: &mut Vm, args: Args, ty: Ty) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, ty, "count", Arity::One)?;
    let (mut n, mut i) = (0, 0);
    while let Some(item) = seq_item(this, i) {
        if item_eq(vm, item, a[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

fn list_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::List, "append", Arity::One)?;
    list_cell(this).get().push(a[0]);
    Ok(Value::NONE)
}

fn list_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::List, "extend", Arity::One)?;
    let src = a[0];
    if src.is(this) || is_exact(vm, src, vm.t.list) || is_exact(vm, src, vm.t.tuple) {
        let items = ops::seq_items(src).unwrap_or_default();
        list_cell(this).get().extend(items);
    } else {
        // Items are appended as they come: an exception mid-way keeps the earlier ones.
        for_each(vm, src, |_, x| {
            list_cell(this).get().push(x);
            Ok(true)
        })?;
    }
    Ok(Value::NONE)
}

fn list_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::List, "insert", Arity::Range(2, 2))?;
    let i = ssize_arg(vm, a[0])?;
    let l = list_cell(this).get();
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(at as usize, a[1]);
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::List, "pop", Arity::Range(0, 1))?;
    let i = match a.first() {
        Some(&v) => ssize_arg(vm, v)?,
        None => -1,
    };
    let l = list_cell(this).get();
    if l.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = l.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.remove(j as usize))
}

fn list_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::List, "remove", Arity::One)?;
    match find_in(vm, this, a[0], 0, usize::MAX)? {
        Some(i) => {
            let l = list_cell(this).get();
            if i < l.len() {
                l.remove(i);
            }
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn list_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    seq_index(vm, args, Ty::List)
}

fn list_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    seq_count(vm, args, Ty::List)
}

fn tuple_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    seq_index(vm, args, Ty::Tuple)
}

fn tuple_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    seq_count(vm, args, Ty::Tuple)
}

fn list_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::List, "reverse", Arity::NoArgs)?;
    list_cell(this).get().reverse();
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::List, "copy", Arity::NoArgs)?;
    let items = list_cell(this).get().clone();
    Ok(vm.new_list(items))
}

fn list_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::List, "clear", Arity::NoArgs)?;
    list_cell(this).get().clear();
    Ok(Value::NONE)
}

/// `list.sort(*, key=None, reverse=False)`.
///
/// As in CPython the list is empty while it is being sorted; if Python code
/// (a key function or `__lt__`) puts anything into it meanwhile, that is
/// discarded and ValueError("list modified during sort") raised.  A fresh
/// empty Vec has no capacity, so any growth of the list is detectable.
fn list_sort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = receiver(vm, &args, Ty::List, "sort")?;
    if args.pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let (mut key, mut reverse) = (Value::NONE, None);
    for (&name, &v) in args.kwnames.iter().zip(args.kwvalues) {
        match ops::str_of(name) {
            Some("key") => key = v,
            Some("reverse") => reverse = Some(v),
            other => {
                let msg = format!(
                    "'{}' is an invalid keyword argument for sort()",
                    other.unwrap_or("?")
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    let reverse = match reverse {
        Some(v) => c_int(vm, v)? != 0,
        None => false,
    };
    let cell = list_cell(this);
    let mut items = std::mem::take(cell.get());
    pin(vm, items.iter().copied());
    let sorted = sort_items(vm, &mut items, key, reverse);
    let list = cell.get();
    let modified = !list.is_empty() || list.capacity() != 0;
    *list = items;
    sorted?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::NONE)
}

/// Sort `items` in place; on error they are left in some order, all present.
fn sort_items(vm: &mut Vm, items: &mut Vec<Value>, key: Value, reverse: bool) -> PyResult<()> {
    let mut keys = if key.is_none() {
        items.clone()
    } else {
        let mut keys = Vec::with_capacity(items.len());
        for &x in items.iter() {
            let k = ops::call1(vm, key, x)?;
            vm.pinned.push(k);
            keys.push(k);
        }
        keys
    };
    if items.len() < 2 {
        return Ok(());
    }
    // Reversing before and after a stable ascending sort keeps equal items in order.
    if reverse {
        items.reverse();
        keys.reverse();
    }
    let mut perm: Vec<usize> = (0..items.len()).collect();
    let result = timsort(vm, &keys, &mut perm);
    let sorted: Vec<Value> = perm.iter().map(|&i| items[i]).collect();
    *items = sorted;
    if reverse {
        items.reverse();
    }
    result
}

fn lt(vm: &mut Vm, keys: &[Value], a: usize, b: usize) -> PyResult<bool> {
    ops::richcompare_bool(vm, CmpOp::Lt, keys[a], keys[b])
}

/// Stable sort of `perm` (indices into `keys`) by `keys[i] < keys[j]`.
///
/// Runs are found and extended to `minrun` by binary insertion exactly as
/// CPython's timsort does, so for lists shorter than 64 the same comparisons
/// happen in the same order; longer runs are merged pairwise without
/// galloping.  `perm` stays a permutation if a comparison raises.
fn timsort(vm: &mut Vm, keys: &[Value], perm: &mut [usize]) -> PyResult<()> {
    let n = perm.len();
    let minrun = min_run(n);
    let mut runs = Vec::new();
    let mut lo = 0;
    while lo < n {
        let (mut len, descending) = count_run(vm, keys, &perm[lo..])?;
        if descending {
            perm[lo..lo + len].reverse();
        }
        if len < minrun {
            let force = minrun.min(n - lo);
            binary_insertion(vm, keys, &mut perm[lo..lo + force], len)?;
            len = force;
        }
        runs.push((lo, len));
        lo += len;
    }
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len() / 2 + 1);
        for pair in runs.chunks(2) {
            match *pair {
                [(start, a), (_, b)] => {
                    merge(vm, keys, &mut perm[start..start + a + b], a)?;
                    merged.push((start, a + b));
                }
                [run] => merged.push(run),
                _ => unreachable!(),
            }
        }
        runs = merged;
    }
    Ok(())
}

fn min_run(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Length of the run at the start of `p`, and whether it is strictly descending.
fn count_run(vm: &mut Vm, keys: &[Value], p: &[usize]) -> PyResult<(usize, bool)> {
    if p.len() == 1 {
        return Ok((1, false));
    }
    let descending = lt(vm, keys, p[1], p[0])?;
    let mut n = 2;
    while n < p.len() && lt(vm, keys, p[n], p[n - 1])? == descending {
        n += 1;
    }
    Ok((n, descending))
}

/// Binary insertion sort of `p`, whose first `start` items are already sorted.
fn binary_insertion(vm: &mut Vm, keys: &[Value], p: &mut [usize], start: usize) -> PyResult<()> {
    for s in start.max(1)..p.len() {
        let pivot = p[s];
        let (mut l, mut r) = (0, s);
        while l < r {
            let m = l + (r - l) / 2;
            if lt(vm, keys, pivot, p[m])? {
                r = m;
            } else {
                l = m + 1;
            }
        }
        p.copy_within(l..s, l + 1);
        p[l] = pivot;
    }
    Ok(())
}

/// Merge the sorted halves `p[..mid]` and `p[mid..]`; `p` is untouched on error.
fn merge(vm: &mut Vm, keys: &[Value], p: &mut [usize], mid: usize) -> PyResult<()> {
    let mut out = Vec::with_capacity(p.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < p.len() {
        if lt(vm, keys, p[j], p[i])? {
            out.push(p[j]);
            j += 1;
        } else {
            out.push(p[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&p[i..mid]);
    out.extend_from_slice(&p[j..]);
    p.copy_from_slice(&out);
    Ok(())
}

// ----- dict -----

fn dict_cell(v: Value) -> &'static GcCell<Dict> {
    match &v.as_obj().kind {
        Kind::Dict(d) => d,
        _ => unreachable!("dict receiver checked"),
    }
}

fn dict_lookup(vm: &mut Vm, d: Value, hash: i64, key: Value) -> PyResult<Option<Value>> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    DictTable::get(dict_cell(d), hash, key, &mut eq)
}

fn dict_insert(vm: &mut Vm, d: Value, hash: i64, key: Value, value: Value) -> PyResult<()> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    DictTable::insert(dict_cell(d), hash, key, value, &mut eq)
}

fn dict_remove(vm: &mut Vm, d: Value, hash: i64, key: Value) -> PyResult<Option<Value>> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    DictTable::remove(dict_cell(d), hash, key, &mut eq)
}

fn dict_entries(d: Value) -> Vec<Entry> {
    dict_cell(d).get().iter().copied().collect()
}

fn dict_view(vm: &mut Vm, args: Args, name: &str, which: u8) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Dict, name, Arity::NoArgs)?;
    let cls = match which {
        0 => vm.t.dict_keys,
        1 => vm.t.dict_values,
        _ => vm.t.dict_items,
    };
    Ok(vm.alloc(cls, Kind::DictView { dict: this, which }))
}

fn dict_keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, "keys", 0)
}

fn dict_values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, "values", 1)
}

fn dict_items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dict_view(vm, args, "items", 2)
}

fn dict_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Dict, "get", Arity::Range(1, 2))?;
    let h = ops::hash(vm, a[0])?;
    let found = dict_lookup(vm, this, h, a[0])?;
    Ok(found.unwrap_or_else(|| a.get(1).copied().unwrap_or(Value::NONE)))
}

fn dict_setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Dict, "setdefault", Arity::Range(1, 2))?;
    let (key, default) = (a[0], a.get(1).copied().unwrap_or(Value::NONE));
    let h = ops::hash(vm, key)?;
    if let Some(v) = dict_lookup(vm, this, h, key)? {
        return Ok(v);
    }
    dict_insert(vm, this, h, key, default)?;
    Ok(default)
}

fn dict_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Dict, "pop", Arity::Range(1, 2))?;
    let (key, default) = (a[0], a.get(1).copied());
    // An empty dict answers without hashing the key.
    let found = if dict_cell(this).get().is_empty() {
        None
    } else {
        let h = ops::hash(vm, key)?;
        dict_remove(vm, this, h, key)?
    };
    found.or(default).ok_or_else(|| vm.key_error(key))
}

fn dict_popitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Dict, "popitem", Arity::NoArgs)?;
    match DictTable::pop_last(dict_cell(this)) {
        Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
        None => {
            let c = vm.exc.KeyError;
            Err(vm.err(c, "popitem(): dictionary is empty"))
        }
    }
}

/// `dict.update([other], /, **kwargs)`
fn dict_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = receiver(vm, &args, Ty::Dict, "update")?;
    let rest = &args.pos[1..];
    if rest.len() > 1 {
        return Err(vm.type_error(expected_args("update", 0, 1, rest.len())));
    }
    if let Some(&src) = rest.first() {
        update_dict(vm, this, src)?;
    }
    for (&k, &v) in args.kwnames.iter().zip(args.kwvalues) {
        ops::dict_set(vm, this, k, v)?;
    }
    Ok(Value::NONE)
}

/// `dict_update_arg`: a dict, a mapping (anything with `keys`), or an iterable of pairs.
fn update_dict(vm: &mut Vm, dst: Value, src: Value) -> PyResult<()> {
    if is_exact(vm, src, vm.t.dict) {
        return merge_dict(vm, dst, src);
    }
    let keys_name = vm.names.keys;
    let Some(keys) = ops::getattr_opt(vm, src, keys_name)? else {
        return merge_pairs(vm, dst, src);
    };
    // Dict subclasses that keep dict's iteration are merged directly.
    let cls = type_of(vm, src);
    if matches!(src.as_obj().kind, Kind::Dict(_))
        && lookup_user(vm, cls, vm.names.__iter__).is_none()
    {
        return merge_dict(vm, dst, src);
    }
    let ks = ops::call(vm, keys, Args::new(&[]))?;
    for_each(vm, ks, |vm, k| {
        let v = ops::getitem(vm, src, k)?;
        vm.pinned.push(v);
        ops::dict_set(vm, dst, k, v)?;
        Ok(true)
    })
}

/// Insert every entry of the dict `src` into `dst`, reusing the stored hashes.
fn merge_dict(vm: &mut Vm, dst: Value, src: Value) -> PyResult<()> {
    if src.is(dst) {
        return Ok(());
    }
    let entries = dict_entries(src);
    pin(vm, entries.iter().flat_map(|e| [e.key, e.value]));
    let slots = dict_cell(src).get().slots();
    for e in entries {
        dict_insert(vm, dst, e.hash, e.key, e.value)?;
        if dict_cell(src).get().slots() != slots {
            return Err(vm.runtime_error("dict mutated during update"));
        }
    }
    Ok(())
}

/// `PyDict_MergeFromSeq2`: each item must be a 2-item sequence.
fn merge_pairs(vm: &mut Vm, dst: Value, src: Value) -> PyResult<()> {
    let mut index = 0usize;
    for_each(vm, src, |vm, item| {
        let exact_seq = is_exact(vm, item, vm.t.list) || is_exact(vm, item, vm.t.tuple);
        let pair = match exact_seq {
            true => ops::seq_items(item).unwrap_or_default(),
            false => match ops::iter::collect(vm, item) {
                Ok(p) => p,
                Err(e) if vm.exc_matches(e.0, vm.exc.TypeError) => {
                    let msg = format!(
                        "cannot convert dictionary update sequence element #{} to a sequence",
                        index
                    );
                    return Err(vm.type_error(msg));
                }
                Err(e) => return Err(e),
            },
        };
        if pair.len() != 2 {
            let msg = format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                index,
                pair.len()
            );
            return Err(vm.value_error(msg));
        }
        pin(vm, pair.iter().copied());
        ops::dict_set(vm, dst, pair[0], pair[1])?;
        index += 1;
        Ok(true)
    })
}

fn dict_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Dict, "clear", Arity::NoArgs)?;
    dict_cell(this).get().clear();
    Ok(Value::NONE)
}

/// `dict.copy()`: always a plain dict, in the same order.
fn dict_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Dict, "copy", Arity::NoArgs)?;
    let entries = dict_entries(this);
    let cls = vm.t.dict;
    let d = vm.alloc(
        cls,
        Kind::Dict(Box::new(GcCell::new(Dict::with_capacity(entries.len())))),
    );
    for e in entries {
        // Keys of one dict are distinct, so no comparison is needed.
        DictTable::insert(dict_cell(d), e.hash, e.key, e.value, &mut never_eq)?;
    }
    Ok(d)
}

/// `dict.fromkeys(iterable, value=None, /)`, a classmethod: `pos[0]` is the class.
fn dict_fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(&cls) = args.pos.first() else {
        return Err(vm.type_error("unbound method dict.fromkeys() needs an argument"));
    };
    if args.has_kw() {
        return Err(vm.type_error("dict.fromkeys() takes no keyword arguments"));
    }
    let rest = &args.pos[1..];
    if rest.is_empty() || rest.len() > 2 {
        return Err(vm.type_error(expected_args("fromkeys", 1, 2, rest.len())));
    }
    let (iterable, value) = (rest[0], rest.get(1).copied().unwrap_or(Value::NONE));
    let d = if cls.is(vm.t.dict) {
        vm.new_dict()
    } else {
        ops::call(vm, cls, Args::new(&[]))?
    };
    let exact = is_exact(vm, d, vm.t.dict);
    if exact && dict_cell(d).get().is_empty() {
        let src_cls = type_of(vm, iterable);
        if src_cls.is(vm.t.dict) || src_cls.is(vm.t.set) || src_cls.is(vm.t.frozenset) {
            for (h, k) in stored_hashes(vm, iterable, true).unwrap_or_default() {
                dict_insert(vm, d, h, k, value)?;
            }
            return Ok(d);
        }
    }
    for_each(vm, iterable, |vm, k| {
        if exact {
            ops::dict_set(vm, d, k, value)?;
        } else {
            ops::setitem(vm, d, k, value)?;
        }
        Ok(true)
    })?;
    Ok(d)
}

// ----- set and frozenset -----
//
// Methods shared by both types take `FROZEN` so that the descriptor check and
// messages name the class they were looked up on.  Results have the base type
// of the receiver (set or frozenset), never a subclass, as in CPython.

fn set_cell(v: Value) -> Option<&'static GcCell<SetData>> {
    match &v.obj()?.kind {
        Kind::Set(s) | Kind::FrozenSet(s) => Some(s),
        _ => None,
    }
}

/// The table of a value known to be a set or frozenset.
fn table(v: Value) -> &'static GcCell<SetData> {
    set_cell(v).expect("set or frozenset")
}

fn is_anyset(v: Value) -> bool {
    set_cell(v).is_some()
}

fn set_len(v: Value) -> usize {
    table(v).get().len()
}

/// An empty set of the receiver's base type.
fn new_like(vm: &mut Vm, v: Value) -> Value {
    if matches!(v.as_obj().kind, Kind::FrozenSet(_)) {
        vm.new_frozenset()
    } else {
        vm.new_set()
    }
}

fn table_add(vm: &mut Vm, set: Value, hash: i64, key: Value) -> PyResult<bool> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    SetTable::add(table(set), hash, key, &mut eq)
}

/// Add a key known not to equal any present key (copying a set into an empty one).
fn add_fresh(set: Value, hash: i64, key: Value) {
    let _ = SetTable::add(table(set), hash, key, &mut never_eq);
}

fn table_contains(vm: &mut Vm, set: Value, hash: i64, key: Value) -> PyResult<bool> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    SetTable::contains(table(set), hash, key, &mut eq)
}

fn table_discard(vm: &mut Vm, set: Value, hash: i64, key: Value) -> PyResult<bool> {
    let mut eq = |a: Value, b: Value| ops::key_eq(vm, a, b);
    SetTable::discard(table(set), hash, key, &mut eq)
}

/// (hash, key) pairs of a set in table order (not pinned: for use before any Python code runs).
fn entries_of(set: Value) -> Vec<(i64, Value)> {
    table(set).get().iter().map(|e| (e.hash, e.key)).collect()
}

/// (hash, key) pairs of a set or frozenset (any subclass), or of an exact dict
/// when `dicts`, using the stored hashes; None for other iterables.  Pinned.
fn stored_hashes(vm: &mut Vm, v: Value, dicts: bool) -> Option<Vec<(i64, Value)>> {
    let out: Vec<(i64, Value)> = match &v.obj()?.kind {
        Kind::Set(_) | Kind::FrozenSet(_) => entries_of(v),
        Kind::Dict(d) if dicts && is_exact(vm, v, vm.t.dict) => {
            d.get().iter().map(|e| (e.hash, e.key)).collect()
        }
        _ => return None,
    };
    pin(vm, out.iter().map(|p| p.1));
    Some(out)
}

/// A set's (hash, key) pairs, pinned.
fn set_entries(vm: &mut Vm, set: Value) -> Vec<(i64, Value)> {
    let out = entries_of(set);
    pin(vm, out.iter().map(|p| p.1));
    out
}

/// A copy with the receiver's base type.
fn copy_set(vm: &mut Vm, src: Value) -> Value {
    let out = new_like(vm, src);
    for (h, k) in entries_of(src) {
        add_fresh(out, h, k);
    }
    out
}

/// `set_update_internal`: add every element of `src` to `dst`.
fn update_set(vm: &mut Vm, dst: Value, src: Value) -> PyResult<()> {
    if dst.is(src) {
        return Ok(());
    }
    if let Some(entries) = stored_hashes(vm, src, true) {
        let fresh = is_anyset(src) && set_len(dst) == 0;
        for (h, k) in entries {
            if fresh {
                add_fresh(dst, h, k);
            } else {
                table_add(vm, dst, h, k)?;
            }
        }
        return Ok(());
    }
    for_each(vm, src, |vm, k| {
        let h = ops::hash(vm, k)?;
        table_add(vm, dst, h, k)?;
        Ok(true)
    })
}

/// `so & other` for one `other` (iterating the smaller of two sets).
fn intersect(vm: &mut Vm, so: Value, other: Value) -> PyResult<Value> {
    if so.is(other) {
        return Ok(copy_set(vm, so));
    }
    let result = new_like(vm, so);
    if is_anyset(other) {
        let (big, small) = if set_len(other) > set_len(so) {
            (other, so)
        } else {
            (so, other)
        };
        for (h, k) in set_entries(vm, small) {
            if table_contains(vm, big, h, k)? {
                table_add(vm, result, h, k)?;
            }
        }
    } else {
        for_each(vm, other, |vm, k| {
            let h = ops::hash(vm, k)?;
            if table_contains(vm, so, h, k)? {
                table_add(vm, result, h, k)?;
            }
            Ok(true)
        })?;
    }
    Ok(result)
}

fn intersect_all(vm: &mut Vm, so: Value, others: &[Value]) -> PyResult<Value> {
    if others.is_empty() {
        return Ok(copy_set(vm, so));
    }
    let mut result = so;
    for &other in others {
        result = intersect(vm, result, other)?;
    }
    Ok(result)
}

/// `so - other` for one `other` (as a fresh set, or a copy with `other` removed).
fn difference(vm: &mut Vm, so: Value, other: Value) -> PyResult<Value> {
    let other_is_dict = !is_anyset(other) && is_exact(vm, other, vm.t.dict);
    let other_len = if is_anyset(other) {
        Some(set_len(other))
    } else if other_is_dict {
        Some(dict_cell(other).get().len())
    } else {
        None
    };
    if other_len.map_or(true, |n| (set_len(so) >> 2) > n) {
        let result = copy_set(vm, so);
        difference_update(vm, result, other)?;
        return Ok(result);
    }
    let result = new_like(vm, so);
    for (h, k) in set_entries(vm, so) {
        let inside = if other_is_dict {
            dict_lookup(vm, other, h, k)?.is_some()
        } else {
            table_contains(vm, other, h, k)?
        };
        if !inside {
            table_add(vm, result, h, k)?;
        }
    }
    Ok(result)
}

/// `so -= other`
fn difference_update(vm: &mut Vm, so: Value, other: Value) -> PyResult<()> {
    if so.is(other) {
        table(so).get().clear();
        return Ok(());
    }
    if is_anyset(other) {
        for (h, k) in set_entries(vm, other) {
            table_discard(vm, so, h, k)?;
        }
        return Ok(());
    }
    for_each(vm, other, |vm, k| {
        let h = ops::hash(vm, k)?;
        table_discard(vm, so, h, k)?;
        Ok(true)
    })
}

/// `so ^= other`: each distinct element of `other` is toggled.
fn symmetric_update(vm: &mut Vm, so: Value, other: Value) -> PyResult<()> {
    if so.is(other) {
        table(so).get().clear();
        return Ok(());
    }
    let entries = match stored_hashes(vm, other, true) {
        Some(e) => e,
        None => {
            let tmp = new_like(vm, so);
            update_set(vm, tmp, other)?;
            set_entries(vm, tmp)
        }
    };
    for (h, k) in entries {
        if !table_discard(vm, so, h, k)? {
            table_add(vm, so, h, k)?;
        }
    }
    Ok(())
}

/// `so <= other`, where a non-set `other` is first made into a set.
fn is_subset(vm: &mut Vm, so: Value, other: Value) -> PyResult<bool> {
    let other = if is_anyset(other) {
        other
    } else {
        let tmp = vm.new_set();
        update_set(vm, tmp, other)?;
        tmp
    };
    if set_len(so) > set_len(other) {
        return Ok(false);
    }
    for (h, k) in set_entries(vm, so) {
        if !table_contains(vm, other, h, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Remove `key`, looking a set key up as the equal frozenset (set.remove/discard).
fn discard_key(vm: &mut Vm, set: Value, key: Value) -> PyResult<bool> {
    match ops::set_discard(vm, set, key) {
        Err(e)
            if matches!(key.obj().map(|o| &o.kind), Some(Kind::Set(_)))
                && vm.exc_matches(e.0, vm.exc.TypeError) =>
        {
            let frozen = vm.new_frozenset();
            for (h, k) in entries_of(key) {
                add_fresh(frozen, h, k);
            }
            ops::set_discard(vm, set, frozen)
        }
        r => r,
    }
}

fn set_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Set, "add", Arity::One)?;
    ops::set_add(vm, this, a[0])?;
    Ok(Value::NONE)
}

fn set_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Set, "remove", Arity::One)?;
    if !discard_key(vm, this, a[0])? {
        return Err(vm.key_error(a[0]));
    }
    Ok(Value::NONE)
}

fn set_discard(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, Ty::Set, "discard", Arity::One)?;
    discard_key(vm, this, a[0])?;
    Ok(Value::NONE)
}

fn set_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Set, "pop", Arity::NoArgs)?;
    match SetTable::pop(table(this)) {
        Some(k) => Ok(k),
        None => {
            let c = vm.exc.KeyError;
            Err(vm.err(c, "pop from an empty set"))
        }
    }
}

fn set_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, Ty::Set, "clear", Arity::NoArgs)?;
    table(this).get().clear();
    Ok(Value::NONE)
}

fn set_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, Ty::Set, "update", Arity::Any)?;
    for &other in others {
        update_set(vm, this, other)?;
    }
    Ok(Value::NONE)
}

fn set_intersection_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, Ty::Set, "intersection_update", Arity::Any)?;
    let tmp = intersect_all(vm, this, others)?;
    if !tmp.is(this) {
        std::mem::swap(table(this).get(), table(tmp).get());
    }
    Ok(Value::NONE)
}

fn set_difference_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, Ty::Set, "difference_update", Arity::Any)?;
    for &other in others {
        difference_update(vm, this, other)?;
    }
    Ok(Value::NONE)
}

fn set_symmetric_difference_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(
        vm,
        &args,
        Ty::Set,
        "symmetric_difference_update",
        Arity::One,
    )?;
    symmetric_update(vm, this, a[0])?;
    Ok(Value::NONE)
}

fn set_copy<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, _) = recv(vm, &args, set_ty(FROZEN), "copy", Arity::NoArgs)?;
    if FROZEN && is_exact(vm, this, vm.t.frozenset) {
        return Ok(this);
    }
    Ok(copy_set(vm, this))
}

fn set_union<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, set_ty(FROZEN), "union", Arity::Any)?;
    let result = copy_set(vm, this);
    for &other in others {
        update_set(vm, result, other)?;
    }
    Ok(result)
}

fn set_intersection<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, set_ty(FROZEN), "intersection", Arity::Any)?;
    intersect_all(vm, this, others)
}

fn set_difference<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, others) = recv(vm, &args, set_ty(FROZEN), "difference", Arity::Any)?;
    let Some((&first, rest)) = others.split_first() else {
        return Ok(copy_set(vm, this));
    };
    let result = difference(vm, this, first)?;
    for &other in rest {
        difference_update(vm, result, other)?;
    }
    Ok(result)
}

fn set_symmetric_difference<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(
        vm,
        &args,
        set_ty(FROZEN),
        "symmetric_difference",
        Arity::One,
    )?;
    // As CPython: a set made from `other`, then toggled by this set's elements.
    let result = new_like(vm, this);
    update_set(vm, result, a[0])?;
    symmetric_update(vm, result, this)?;
    Ok(result)
}

fn set_issubset<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, set_ty(FROZEN), "issubset", Arity::One)?;
    Ok(Value::bool(is_subset(vm, this, a[0])?))
}

fn set_issuperset<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, set_ty(FROZEN), "issuperset", Arity::One)?;
    let other = a[0];
    if is_anyset(other) {
        return Ok(Value::bool(is_subset(vm, other, this)?));
    }
    let mut all = true;
    for_each(vm, other, |vm, k| {
        let h = ops::hash(vm, k)?;
        all = table_contains(vm, this, h, k)?;
        Ok(all)
    })?;
    Ok(Value::bool(all))
}

fn set_isdisjoint<const FROZEN: bool>(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = recv(vm, &args, set_ty(FROZEN), "isdisjoint", Arity::One)?;
    let other = a[0];
    if this.is(other) {
        return Ok(Value::bool(set_len(this) == 0));
    }
    if is_exact(vm, other, vm.t.set) || is_exact(vm, other, vm.t.frozenset) {
        let (big, small) = if set_len(other) > set_len(this) {
            (other, this)
        } else {
            (this, other)
        };
        for (h, k) in set_entries(vm, small) {
            if table_contains(vm, big, h, k)? {
                return Ok(Value::FALSE);
            }
        }
        return Ok(Value::TRUE);
    }
    let mut disjoint = true;
    for_each(vm, other, |vm, k| {
        let h = ops::hash(vm, k)?;
        disjoint = !table_contains(vm, this, h, k)?;
        Ok(disjoint)
    })?;
    Ok(Value::bool(disjoint))
}
