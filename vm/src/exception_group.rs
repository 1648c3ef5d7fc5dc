//! Exception groups (PEP 654): splitting a group by a condition while keeping
//! its nesting and metadata, and the two operations `try`/`except*` is built
//! on: matching a clause against the unhandled part of a group, and the
//! group to raise once every clause has run.  The algorithms are CPython
//! 3.11's (`Objects/exceptions.c`, `exception_group_match` in `ceval.c`).

use crate::class::{is_class, is_subclass, type_of};
use crate::exceptions::exc_data;
use crate::object::Kind;
use crate::ops;
use crate::value::Value;
use crate::vm::{Args, PyResult, Vm};
use std::collections::HashSet;

/// `(message, exceptions)` of a group, None for any other value.
pub fn group_parts(v: Value) -> Option<(Value, Value)> {
    exc_data(v).and_then(|d| d.group)
}

/// The direct sub-exceptions of a group (empty for anything else).
pub fn sub_exceptions(v: Value) -> Vec<Value> {
    group_parts(v)
        .and_then(|(_, excs)| ops::tuple_items(excs))
        .map(|s| s.to_vec())
        .unwrap_or_default()
}

/// What `split`/`subgroup` select by.
enum Matcher {
    /// An exception class or a tuple of them.
    Type(Value),
    /// A callable other than a class, called with each exception.
    Predicate(Value),
    /// Leaf exceptions by identity (used to rebuild re-raised groups).
    Leaves(HashSet<usize>),
}

fn is_exception_class(vm: &Vm, v: Value) -> bool {
    is_class(v) && is_subclass(v, vm.exc.BaseException)
}

fn is_callable(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(_) | Kind::Native(_) | Kind::BoundMethod { .. } | Kind::Class(_)) => {
            true
        }
        _ => {
            let cls = type_of(vm, v);
            crate::class::lookup(vm, cls, vm.names.__call__).is_some()
        }
    }
}

fn matcher_of(vm: &mut Vm, v: Value) -> PyResult<Matcher> {
    if is_callable(vm, v) && !is_class(v) {
        return Ok(Matcher::Predicate(v));
    }
    if is_exception_class(vm, v) {
        return Ok(Matcher::Type(v));
    }
    let exact_tuple =
        matches!(v.obj().map(|o| &o.kind), Some(Kind::Tuple(_))) && type_of(vm, v).is(vm.t.tuple);
    if exact_tuple {
        let items = ops::tuple_items(v).unwrap_or(&[]);
        if items.iter().all(|t| is_exception_class(vm, *t)) {
            return Ok(Matcher::Type(v));
        }
    }
    Err(vm.type_error("expected a function, exception type or tuple of exception types"))
}

/// `PyErr_GivenExceptionMatches`: is the exception `exc` an instance of
/// `ty`, a class or a (nested) tuple of classes?
pub fn exception_matches(vm: &Vm, exc: Value, ty: Value) -> bool {
    if let Some(items) = ops::tuple_items(ty) {
        return items.iter().any(|t| exception_matches(vm, exc, *t));
    }
    is_class(ty) && is_subclass(type_of(vm, exc), ty)
}

fn check_match(vm: &mut Vm, exc: Value, m: &Matcher) -> PyResult<bool> {
    match m {
        Matcher::Type(t) => Ok(exception_matches(vm, exc, *t)),
        Matcher::Predicate(f) => {
            let r = ops::call1(vm, *f, exc)?;
            ops::truthy(vm, r)
        }
        Matcher::Leaves(ids) => {
            Ok(group_parts(exc).is_none() && ids.contains(&(exc.obj_ptr() as usize)))
        }
    }
}

/// `orig.derive(excs)` with `orig`'s traceback, cause, context and a copy of
/// its notes: one part of a split.  None when `excs` is empty.
fn subset(vm: &mut Vm, orig: Value, excs: Vec<Value>) -> PyResult<Option<Value>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let list = vm.new_list(excs);
    let derive = vm.intern("derive");
    let eg = ops::call_method(vm, orig, derive, &[list])?;
    if group_parts(eg).is_none() {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    // Build the original's traceback object now, so that the parts share it.
    crate::exceptions::traceback_object(vm, orig);
    if let (Some(o), Some(d)) = (exc_data(orig), exc_data(eg)) {
        if !o.traceback.is_empty() {
            d.traceback = o.traceback.clone();
            // The parts share the original's traceback object.
            d.tb_object = o.tb_object;
        }
        d.context = o.context;
        d.cause = o.cause;
        // Setting a cause (PyException_SetCause) suppresses the context.
        d.suppress_context = true;
    }
    let notes_name = vm.intern("__notes__");
    if let Some(notes) = ops::getattr_opt(vm, orig, notes_name)? {
        // Notes that are not a sequence are ignored, as CPython does.
        if is_sequence(vm, notes) {
            let items = ops::iter::collect(vm, notes)?;
            let copy = vm.new_list(items);
            ops::setattr(vm, eg, notes_name, copy)?;
        }
    }
    Ok(Some(eg))
}

/// `PySequence_Check`: the builtin sequences, or a class with
/// `__getitem__` that is not a mapping (dict).
pub fn is_sequence(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(
            Kind::List(_)
            | Kind::Tuple(_)
            | Kind::Str(_)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
            | Kind::Range { .. },
        ) => true,
        Some(Kind::Dict(_) | Kind::Set(_) | Kind::FrozenSet(_)) => false,
        _ => {
            let cls = type_of(vm, v);
            !is_subclass(cls, vm.t.dict)
                && crate::class::lookup(vm, cls, vm.names.__getitem__).is_some()
        }
    }
}

/// Split `exc` into the part that matches and (with `with_rest`) the part
/// that does not, keeping the nesting of groups.
fn split_recursive(
    vm: &mut Vm,
    exc: Value,
    m: &Matcher,
    with_rest: bool,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if check_match(vm, exc, m)? {
        return Ok((Some(exc), None));
    }
    if group_parts(exc).is_none() {
        return Ok((None, with_rest.then_some(exc)));
    }
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in sub_exceptions(exc) {
        enter_recursive(vm, " in exceptiongroup_split_recursive")?;
        let r = split_recursive(vm, e, m, with_rest);
        vm.depth -= 1;
        let (a, b) = r?;
        matched.extend(a);
        rest.extend(b);
    }
    let matched = subset(vm, exc, matched)?;
    let rest = if with_rest {
        subset(vm, exc, rest)?
    } else {
        None
    };
    Ok((matched, rest))
}

/// `eg.split(cond)`: (match, rest), each a group or None.
pub fn split(vm: &mut Vm, eg: Value, cond: Value) -> PyResult<(Value, Value)> {
    let m = matcher_of(vm, cond)?;
    let (a, b) = split_recursive(vm, eg, &m, true)?;
    Ok((a.unwrap_or(Value::NONE), b.unwrap_or(Value::NONE)))
}

/// `eg.subgroup(cond)`: the matching part or None.
pub fn subgroup(vm: &mut Vm, eg: Value, cond: Value) -> PyResult<Value> {
    let m = matcher_of(vm, cond)?;
    Ok(split_recursive(vm, eg, &m, false)?.0.unwrap_or(Value::NONE))
}

/// Count a level of native recursion against the recursion limit, as
/// CPython's `Py_EnterRecursiveCall` does; the caller decrements `vm.depth`.
fn enter_recursive(vm: &mut Vm, what: &str) -> PyResult<()> {
    vm.check_native_stack(what)?;
    vm.depth += 1;
    if vm.depth > vm.recursion_limit {
        vm.depth -= 1;
        let c = vm.exc.RecursionError;
        return Err(vm.err(c, format!("maximum recursion depth exceeded{}", what)));
    }
    Ok(())
}

fn collect_leaf_ids(vm: &mut Vm, exc: Value, ids: &mut HashSet<usize>) -> PyResult<()> {
    if exc.is_none() {
        return Ok(());
    }
    match group_parts(exc) {
        None => {
            ids.insert(exc.obj_ptr() as usize);
        }
        Some(_) => {
            for e in sub_exceptions(exc) {
                enter_recursive(vm, " in collect_exception_group_leaf_ids")?;
                let r = collect_leaf_ids(vm, e, ids);
                vm.depth -= 1;
                r?;
            }
        }
    }
    Ok(())
}

/// The part of `eg` holding the leaves of the groups in `keep`, with
/// `eg`'s structure; None if there are none.
fn projection(vm: &mut Vm, eg: Value, keep: &[Value]) -> PyResult<Value> {
    let mut ids = HashSet::new();
    for e in keep {
        collect_leaf_ids(vm, *e, &mut ids)?;
    }
    let m = Matcher::Leaves(ids);
    Ok(split_recursive(vm, eg, &m, false)?.0.unwrap_or(Value::NONE))
}

/// Same traceback, cause and context: `e` is (part of) `orig` re-raised
/// rather than a new exception.
fn same_metadata(e: Value, orig: Value) -> bool {
    match (exc_data(e), exc_data(orig)) {
        (Some(a), Some(b)) => {
            a.cause.is(b.cause)
                && a.context.is(b.context)
                && a.traceback.len() == b.traceback.len()
                && a.traceback.iter().zip(b.traceback.iter()).all(|(x, y)| {
                    x.code.is(y.code) && x.pc == y.pc && x.line == y.line && x.frame.is(y.frame)
                })
        }
        _ => false,
    }
}

/// `BaseExceptionGroup(message, excs)`, which is an `ExceptionGroup` when
/// every exception is an `Exception`.
pub fn new_group(vm: &mut Vm, message: &str, excs: Vec<Value>) -> PyResult<Value> {
    let m = vm.new_str(message);
    let l = vm.new_list(excs);
    let cls = vm.exc.BaseExceptionGroup;
    ops::call(vm, cls, Args::new(&[m, l]))
}

/// The TypeErrors of an `except*` clause's type: it must be an exception
/// class or a tuple of them, and not an exception group class.
pub fn check_except_star_type(vm: &mut Vm, ty: Value) -> PyResult<()> {
    let items = match ops::tuple_items(ty) {
        Some(items) => items.to_vec(),
        None => vec![ty],
    };
    for t in &items {
        if !is_exception_class(vm, *t) {
            return Err(vm.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
    }
    if items
        .iter()
        .any(|t| is_subclass(*t, vm.exc.BaseExceptionGroup))
    {
        return Err(vm.type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    Ok(())
}

/// One `except* ty` clause against the unhandled exception `exc` (None
/// when everything has been handled): `(match, rest)`.  A naked exception
/// that matches is wrapped in `ExceptionGroup("", (exc,))`; no match gives
/// `(None, exc)`.
pub fn except_star_match(vm: &mut Vm, exc: Value, ty: Value) -> PyResult<(Value, Value)> {
    check_except_star_type(vm, ty)?;
    if exc.is_none() {
        return Ok((Value::NONE, Value::NONE));
    }
    if exception_matches(vm, exc, ty) {
        if group_parts(exc).is_some() {
            return Ok((exc, Value::NONE));
        }
        let m = vm.new_str("");
        let t = vm.new_tuple(vec![exc]);
        let cls = vm.exc.BaseExceptionGroup;
        let wrapped = ops::call(vm, cls, Args::new(&[m, t]))?;
        return Ok((wrapped, Value::NONE));
    }
    if group_parts(exc).is_some() {
        let split_name = vm.intern("split");
        let pair = ops::call_method(vm, exc, split_name, &[ty])?;
        let items = ops::tuple_items(pair).unwrap_or(&[]).to_vec();
        if items.len() == 2 {
            if items[0].is_none() {
                return Ok((Value::NONE, exc));
            }
            return Ok((items[0], items[1]));
        }
        return Err(vm.type_error("split must return a 2-tuple"));
    }
    Ok((Value::NONE, exc))
}

/// The exception a `try`/`except*` raises at its end: `excs` holds what each
/// clause raised or re-raised and, last, the unhandled rest (None entries
/// are skipped).  Re-raised parts keep `orig`'s nesting; newly raised ones
/// become siblings in a new group.  None when nothing is left to raise.
pub fn prep_reraise_star(vm: &mut Vm, orig: Value, excs: &[Value]) -> PyResult<Value> {
    let excs: Vec<Value> = excs.iter().copied().filter(|e| !e.is_none()).collect();
    if excs.is_empty() {
        return Ok(Value::NONE);
    }
    if group_parts(orig).is_none() {
        // A naked exception was wrapped: only one clause could have run.
        return Ok(excs[0]);
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs {
        if same_metadata(e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let reraised_eg = projection(vm, orig, &reraised)?;
    if raised.is_empty() {
        return Ok(reraised_eg);
    }
    if !reraised_eg.is_none() {
        raised.push(reraised_eg);
    }
    if raised.len() == 1 {
        return Ok(raised[0]);
    }
    let g = new_group(vm, "", raised)?;
    if let Some(d) = exc_data(g) {
        d.reraise_only = true;
    }
    Ok(g)
}
