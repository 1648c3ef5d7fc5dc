//! `itertools`: lazy iterator building blocks, as CPython 3.11's C module.
//!
//! Every iterator is a class with Rust state.  `__next__` copies what it
//! needs out of the state, calls into Python (user iterators, predicates,
//! key functions may run arbitrary code, even re-enter the same object),
//! then fetches the state again to update it: no state borrow is held
//! across such a call.

use super::native::{
    class, classmethod, iter_self, keywords, methods, new_args, new_class, next_result, pin,
    positional, short_name, ssize, stop, this,
};
use super::set;
use molt_vm::bytecode::BinOp;
use molt_vm::class::type_of;
use molt_vm::object::{Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};

/// Absent value in a state slot (CPython's NULL); never seen by Python code.
const NULL: Value = Value::UNBOUND;

fn trace_all(f: &mut dyn FnMut(Value), vals: &[Value]) {
    for v in vals {
        f(*v);
    }
}

fn call1(vm: &mut Vm, f: Value, a: Value) -> PyResult<Value> {
    ops::call(vm, f, Args::new(&[a]))
}

/// `next(it)` for a state slot that may be NULL (exhausted).
fn next_of(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    if it.is(NULL) || it.is_none() {
        return Ok(None);
    }
    pin(vm, it);
    ops::next(vm, it)
}

// ----- count -----

struct Count {
    cnt: Value,
    step: Value,
}
impl NativeState for Count {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.cnt, self.step]);
    }
}

fn is_number(vm: &Vm, v: Value) -> bool {
    if num_of(v).is_some() {
        return true;
    }
    if let Some(molt_vm::object::Kind::Complex(..)) = v.obj().map(|o| &o.kind) {
        return true;
    }
    let cls = type_of(vm, v);
    [vm.names.__index__, vm.names.__int__, vm.names.__float__]
        .iter()
        .any(|n| molt_vm::class::lookup(vm, cls, *n).is_some())
}

fn count_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "count")?;
    let a = keywords(vm, "count", pos, &args, &["start", "step"], 0, 2)?;
    let cnt = a[0].unwrap_or(Value::small_int_unchecked(0));
    let step = a[1].unwrap_or(Value::small_int_unchecked(1));
    if !is_number(vm, cnt) || !is_number(vm, step) {
        return Err(vm.type_error("a number is required"));
    }
    // CPython counts ints by one as machine integers: `count(True)` yields 1, 2, ...
    let unit = matches!(num_of(step), Some(Num::Small(1))) && !step.is_float();
    let cnt = if unit && cnt.is_bool() {
        ops::arith::int_value(vm, cnt)
    } else {
        cnt
    };
    Ok(vm.new_native_object(cls, Count { cnt, step }))
}

fn count_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Count>(vm, &args, "itertools.count", "__next__")?;
    let (cnt, step) = (st.cnt, st.step);
    let next = if cnt.is_small_int() && step.is_small_int() {
        vm.new_int(cnt.as_small_int() + step.as_small_int())
    } else {
        pin(vm, cnt);
        ops::binary(vm, BinOp::Add, cnt, step)?
    };
    let (_, st) = this::<Count>(vm, &args, "itertools.count", "__next__")?;
    st.cnt = next;
    Ok(cnt)
}

fn count_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Count>(vm, &args, "itertools.count", "__repr__")?;
    let (cnt, step) = (st.cnt, st.step);
    let name = short_name(vm, me);
    let c = ops::repr_string(vm, cnt)?;
    // A step of exactly int 1 is left out.
    let unit = matches!(num_of(step), Some(Num::Small(1))) && !step.is_float();
    let s = if unit {
        format!("{}({})", name, c)
    } else {
        format!("{}({}, {})", name, c, ops::repr_string(vm, step)?)
    };
    Ok(vm.new_string(s))
}

fn count_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Count>(vm, &args, "itertools.count", "__reduce__")?;
    let (cnt, step) = (st.cnt, st.step);
    let unit = matches!(num_of(step), Some(Num::Small(1))) && !step.is_float();
    let t = if unit {
        vm.new_tuple(vec![cnt])
    } else {
        vm.new_tuple(vec![cnt, step])
    };
    let cls = type_of(vm, me);
    Ok(vm.new_tuple(vec![cls, t]))
}

// ----- cycle -----

struct Cycle {
    it: Value,
    saved: Vec<Value>,
    index: usize,
}
impl NativeState for Cycle {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.it);
        trace_all(f, &self.saved);
    }
}

fn cycle_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "cycle")?;
    let a = positional(vm, "cycle", pos, &args, 1, 1)?;
    let it = ops::get_iter(vm, a[0])?;
    Ok(vm.new_native_object(
        cls,
        Cycle {
            it,
            saved: vec![],
            index: 0,
        },
    ))
}

fn cycle_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Cycle>(vm, &args, "itertools.cycle", "__next__")?;
    let it = st.it;
    if let Some(v) = next_of(vm, it)? {
        let (_, st) = this::<Cycle>(vm, &args, "itertools.cycle", "__next__")?;
        st.saved.push(v);
        return Ok(v);
    }
    let (_, st) = this::<Cycle>(vm, &args, "itertools.cycle", "__next__")?;
    st.it = NULL;
    if st.saved.is_empty() {
        return Err(stop(vm));
    }
    let v = st.saved[st.index % st.saved.len()];
    st.index = (st.index + 1) % st.saved.len();
    Ok(v)
}

// ----- repeat -----

struct Repeat {
    obj: Value,
    /// Items left; -1 for forever.
    cnt: i64,
}
impl NativeState for Repeat {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.obj);
    }
}

fn repeat_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "repeat")?;
    let a = keywords(vm, "repeat", pos, &args, &["object", "times"], 1, 2)?;
    let cnt = match a[1] {
        Some(t) => ssize(vm, t)?.max(0),
        None => -1,
    };
    let obj = a[0].unwrap_or(Value::NONE);
    Ok(vm.new_native_object(cls, Repeat { obj, cnt }))
}

fn repeat_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Repeat>(vm, &args, "itertools.repeat", "__next__")?;
    match st.cnt {
        0 => Err(stop(vm)),
        -1 => Ok(st.obj),
        _ => {
            st.cnt -= 1;
            Ok(st.obj)
        }
    }
}

fn repeat_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Repeat>(vm, &args, "itertools.repeat", "__repr__")?;
    let (obj, cnt) = (st.obj, st.cnt);
    let name = short_name(vm, me);
    let o = ops::repr_string(vm, obj)?;
    let s = if cnt < 0 {
        format!("{}({})", name, o)
    } else {
        format!("{}({}, {})", name, o, cnt)
    };
    Ok(vm.new_string(s))
}

fn repeat_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Repeat>(vm, &args, "itertools.repeat", "__reduce__")?;
    let (obj, cnt) = (st.obj, st.cnt);
    let t = if cnt < 0 {
        vm.new_tuple(vec![obj])
    } else {
        let n = vm.new_int(cnt);
        vm.new_tuple(vec![obj, n])
    };
    let cls = type_of(vm, me);
    Ok(vm.new_tuple(vec![cls, t]))
}

fn repeat_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Repeat>(vm, &args, "itertools.repeat", "__length_hint__")?;
    if st.cnt < 0 {
        return Err(vm.type_error("len() of unsized object"));
    }
    Ok(vm.new_int(st.cnt))
}

// ----- accumulate -----

struct Accumulate {
    it: Value,
    func: Value,
    total: Value,
    initial: Value,
}
impl NativeState for Accumulate {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.it, self.func, self.total, self.initial]);
    }
}

fn accumulate_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "accumulate")?;
    let a = keywords(
        vm,
        "accumulate",
        pos,
        &args,
        &["iterable", "func", "initial"],
        1,
        2,
    )?;
    let it = ops::get_iter(vm, a[0].unwrap_or(Value::NONE))?;
    let state = Accumulate {
        it,
        func: a[1].unwrap_or(Value::NONE),
        total: NULL,
        initial: a[2].filter(|v| !v.is_none()).unwrap_or(NULL),
    };
    Ok(vm.new_native_object(cls, state))
}

fn accumulate_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = "itertools.accumulate";
    let (_, st) = this::<Accumulate>(vm, &args, name, "__next__")?;
    if !st.initial.is(NULL) {
        st.total = st.initial;
        st.initial = NULL;
        return Ok(st.total);
    }
    let (it, func) = (st.it, st.func);
    let Some(val) = next_of(vm, it)? else {
        return Err(stop(vm));
    };
    pin(vm, val);
    let (_, st) = this::<Accumulate>(vm, &args, name, "__next__")?;
    let total = st.total;
    let new = if total.is(NULL) {
        val
    } else if func.is_none() {
        pin(vm, total);
        ops::binary(vm, BinOp::Add, total, val)?
    } else {
        pin(vm, total);
        ops::call(vm, func, Args::new(&[total, val]))?
    };
    let (_, st) = this::<Accumulate>(vm, &args, name, "__next__")?;
    st.total = new;
    Ok(new)
}

// ----- chain -----

struct Chain {
    /// Iterator over the iterables; NULL when exhausted.
    source: Value,
    /// Iterator over the current iterable, or NULL.
    active: Value,
}
impl NativeState for Chain {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.source, self.active]);
    }
}

fn chain_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "chain")?;
    if args.has_kw() {
        return Err(vm.type_error("chain() takes no keyword arguments"));
    }
    let t = vm.new_tuple(pos.to_vec());
    let source = ops::get_iter(vm, t)?;
    Ok(vm.new_native_object(
        cls,
        Chain {
            source,
            active: NULL,
        },
    ))
}

fn chain_from_iterable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "chain")?;
    if args.has_kw() {
        return Err(vm.type_error("chain.from_iterable() takes no keyword arguments"));
    }
    if pos.len() != 1 {
        let msg = format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            pos.len()
        );
        return Err(vm.type_error(msg));
    }
    let source = ops::get_iter(vm, pos[0])?;
    Ok(vm.new_native_object(
        cls,
        Chain {
            source,
            active: NULL,
        },
    ))
}

fn chain_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    loop {
        let (_, st) = this::<Chain>(vm, &args, "itertools.chain", "__next__")?;
        let (source, active) = (st.source, st.active);
        if active.is(NULL) {
            let Some(iterable) = next_of(vm, source)? else {
                let (_, st) = this::<Chain>(vm, &args, "itertools.chain", "__next__")?;
                st.source = NULL;
                return Err(stop(vm));
            };
            match ops::get_iter(vm, iterable) {
                Ok(it) => {
                    let (_, st) = this::<Chain>(vm, &args, "itertools.chain", "__next__")?;
                    st.active = it;
                }
                Err(e) => {
                    let (_, st) = this::<Chain>(vm, &args, "itertools.chain", "__next__")?;
                    st.source = NULL;
                    return Err(e);
                }
            }
            continue;
        }
        if let Some(v) = next_of(vm, active)? {
            return Ok(v);
        }
        let (_, st) = this::<Chain>(vm, &args, "itertools.chain", "__next__")?;
        if st.active.is(active) {
            st.active = NULL;
        }
        if st.source.is(NULL) {
            return Err(stop(vm));
        }
    }
}

// ----- compress, dropwhile, takewhile, filterfalse, starmap -----

/// The state of the iterators made of one function (or selector iterator)
/// and one iterator.
struct FuncIter {
    func: Value,
    it: Value,
    /// dropwhile: dropping is over; takewhile: stopped.
    flag: bool,
}
impl NativeState for FuncIter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.func, self.it]);
    }
}

fn make_func_iter(
    vm: &mut Vm,
    args: Args,
    name: &'static str,
    func_is_iterable: bool,
) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, name)?;
    let a = positional(vm, name, pos, &args, 2, 2)?;
    let it = ops::get_iter(vm, a[1])?;
    let func = if func_is_iterable {
        ops::get_iter(vm, a[0])?
    } else {
        a[0]
    };
    Ok(vm.new_native_object(
        cls,
        FuncIter {
            func,
            it,
            flag: false,
        },
    ))
}

fn compress_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "compress")?;
    let a = keywords(vm, "compress", pos, &args, &["data", "selectors"], 2, 2)?;
    let data = ops::get_iter(vm, a[0].unwrap_or(Value::NONE))?;
    let selectors = ops::get_iter(vm, a[1].unwrap_or(Value::NONE))?;
    Ok(vm.new_native_object(
        cls,
        FuncIter {
            func: selectors,
            it: data,
            flag: false,
        },
    ))
}

fn compress_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.compress", "__next__")?;
    let (selectors, data) = (st.func, st.it);
    pin(vm, selectors);
    loop {
        let Some(d) = next_of(vm, data)? else {
            return Err(stop(vm));
        };
        pin(vm, d);
        let Some(s) = next_of(vm, selectors)? else {
            return Err(stop(vm));
        };
        if ops::truthy(vm, s)? {
            return Ok(d);
        }
    }
}

fn dropwhile_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make_func_iter(vm, args, "dropwhile", false)
}

fn dropwhile_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.dropwhile", "__next__")?;
    let (func, it) = (st.func, st.it);
    pin(vm, func);
    loop {
        let Some(item) = next_of(vm, it)? else {
            return Err(stop(vm));
        };
        let (_, st) = this::<FuncIter>(vm, &args, "itertools.dropwhile", "__next__")?;
        if st.flag {
            return Ok(item);
        }
        pin(vm, item);
        let r = call1(vm, func, item)?;
        if !ops::truthy(vm, r)? {
            let (_, st) = this::<FuncIter>(vm, &args, "itertools.dropwhile", "__next__")?;
            st.flag = true;
            return Ok(item);
        }
    }
}

fn takewhile_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make_func_iter(vm, args, "takewhile", false)
}

fn takewhile_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.takewhile", "__next__")?;
    if st.flag {
        return Err(stop(vm));
    }
    let (func, it) = (st.func, st.it);
    pin(vm, func);
    let Some(item) = next_of(vm, it)? else {
        return Err(stop(vm));
    };
    pin(vm, item);
    let r = call1(vm, func, item)?;
    if ops::truthy(vm, r)? {
        return Ok(item);
    }
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.takewhile", "__next__")?;
    st.flag = true;
    Err(stop(vm))
}

fn filterfalse_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make_func_iter(vm, args, "filterfalse", false)
}

fn filterfalse_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.filterfalse", "__next__")?;
    let (func, it) = (st.func, st.it);
    pin(vm, func);
    loop {
        let Some(item) = next_of(vm, it)? else {
            return Err(stop(vm));
        };
        pin(vm, item);
        let keep = if func.is_none() {
            ops::truthy(vm, item)?
        } else {
            let r = call1(vm, func, item)?;
            ops::truthy(vm, r)?
        };
        if !keep {
            return Ok(item);
        }
    }
}

fn starmap_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make_func_iter(vm, args, "starmap", false)
}

fn starmap_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<FuncIter>(vm, &args, "itertools.starmap", "__next__")?;
    let (func, it) = (st.func, st.it);
    pin(vm, func);
    let Some(item) = next_of(vm, it)? else {
        return Err(stop(vm));
    };
    let items = ops::iter::collect(vm, item)?;
    ops::call(vm, func, Args::new(&items))
}

// ----- groupby and _grouper -----

struct GroupBy {
    it: Value,
    keyfunc: Value,
    tgtkey: Value,
    currkey: Value,
    currvalue: Value,
    /// The one `_grouper` that may still advance this groupby.
    currgrouper: Value,
}
impl NativeState for GroupBy {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(
            f,
            &[
                self.it,
                self.keyfunc,
                self.tgtkey,
                self.currkey,
                self.currvalue,
                self.currgrouper,
            ],
        );
    }
}

struct Grouper {
    parent: Value,
    tgtkey: Value,
}
impl NativeState for Grouper {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.parent, self.tgtkey]);
    }
}

fn groupby_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "groupby")?;
    let a = keywords(vm, "groupby", pos, &args, &["iterable", "key"], 1, 2)?;
    let it = ops::get_iter(vm, a[0].unwrap_or(Value::NONE))?;
    let state = GroupBy {
        it,
        keyfunc: a[1].unwrap_or(Value::NONE),
        tgtkey: NULL,
        currkey: NULL,
        currvalue: NULL,
        currgrouper: Value::NONE,
    };
    Ok(vm.new_native_object(cls, state))
}

fn groupby_state(vm: &mut Vm, gb: Value) -> PyResult<&'static mut GroupBy> {
    molt_vm::object::native_state::<GroupBy>(gb)
        .ok_or_else(|| vm.type_error("descriptor '__next__' for 'groupby' objects doesn't apply"))
}

/// Advance to the next item and its key; false when the input is exhausted.
fn groupby_step(vm: &mut Vm, gb: Value) -> PyResult<bool> {
    let st = groupby_state(vm, gb)?;
    let (it, keyfunc) = (st.it, st.keyfunc);
    let Some(value) = next_of(vm, it)? else {
        return Ok(false);
    };
    let key = if keyfunc.is_none() {
        value
    } else {
        pin(vm, value);
        call1(vm, keyfunc, value)?
    };
    let st = groupby_state(vm, gb)?;
    st.currvalue = value;
    st.currkey = key;
    Ok(true)
}

fn groupby_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<GroupBy>(vm, &args, "itertools.groupby", "__next__")?;
    st.currgrouper = Value::NONE;
    // Skip the rest of the current group.
    loop {
        let st = groupby_state(vm, me)?;
        let (tgt, curr) = (st.tgtkey, st.currkey);
        if !curr.is(NULL) {
            if tgt.is(NULL) {
                break;
            }
            pin(vm, tgt);
            pin(vm, curr);
            if !ops::eq(vm, tgt, curr)? {
                break;
            }
        }
        if !groupby_step(vm, me)? {
            return Err(stop(vm));
        }
    }
    let st = groupby_state(vm, me)?;
    st.tgtkey = st.currkey;
    let key = st.currkey;
    let gcls = class(vm, "_grouper");
    let g = vm.new_native_object(
        gcls,
        Grouper {
            parent: me,
            tgtkey: key,
        },
    );
    let st = groupby_state(vm, me)?;
    st.currgrouper = g;
    Ok(vm.new_tuple(vec![key, g]))
}

fn grouper_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "_grouper")?;
    let a = positional(vm, "_grouper", pos, &args, 2, 2)?;
    if molt_vm::object::native_state::<GroupBy>(a[0]).is_none() {
        let msg = format!(
            "_grouper() argument 1 must be itertools.groupby, not {}",
            molt_vm::class::type_name(vm, a[0])
        );
        return Err(vm.type_error(msg));
    }
    Ok(vm.new_native_object(
        cls,
        Grouper {
            parent: a[0],
            tgtkey: a[1],
        },
    ))
}

fn grouper_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = this::<Grouper>(vm, &args, "itertools._grouper", "__next__")?;
    let (parent, tgt) = (st.parent, st.tgtkey);
    let gb = groupby_state(vm, parent)?;
    if !gb.currgrouper.is(me) {
        return Err(stop(vm));
    }
    if gb.currvalue.is(NULL) && !groupby_step(vm, parent)? {
        return Err(stop(vm));
    }
    let curr = groupby_state(vm, parent)?.currkey;
    pin(vm, curr);
    if !ops::eq(vm, tgt, curr)? {
        return Err(stop(vm));
    }
    let gb = groupby_state(vm, parent)?;
    let r = gb.currvalue;
    gb.currvalue = NULL;
    gb.currkey = NULL;
    next_result(vm, if r.is(NULL) { None } else { Some(r) })
}

// ----- islice -----

struct ISlice {
    /// NULL once exhausted.
    it: Value,
    next: i64,
    /// -1: no stop.
    stop: i64,
    step: i64,
    cnt: i64,
}
impl NativeState for ISlice {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.it);
    }
}

/// `PyNumber_AsSsize_t` with any error turned into -1 (islice's parsing).
fn ssize_or_minus_one(vm: &mut Vm, v: Value) -> i64 {
    let base = vm.pinned.len();
    let r = ssize(vm, v).unwrap_or(-1);
    vm.pinned.truncate(base);
    r
}

fn islice_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "islice")?;
    let a = positional(vm, "islice", pos, &args, 2, 4)?;
    let stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    if a.len() == 2 {
        if !a[1].is_none() {
            stop = ssize_or_minus_one(vm, a[1]);
            if stop == -1 {
                return Err(vm.value_error(stop_msg));
            }
        }
    } else {
        if !a[1].is_none() {
            start = ssize_or_minus_one(vm, a[1]);
        }
        if !a[2].is_none() {
            stop = ssize_or_minus_one(vm, a[2]);
            if stop == -1 {
                return Err(vm.value_error(stop_msg));
            }
        }
    }
    if start < 0 || stop < -1 {
        return Err(vm.value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    if a.len() == 4 && !a[3].is_none() {
        step = ssize_or_minus_one(vm, a[3]);
    }
    if step < 1 {
        return Err(vm.value_error("Step for islice() must be a positive integer or None."));
    }
    let it = ops::get_iter(vm, a[0])?;
    Ok(vm.new_native_object(
        cls,
        ISlice {
            it,
            next: start,
            stop,
            step,
            cnt: 0,
        },
    ))
}

fn islice_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
    let it = st.it;
    if it.is(NULL) {
        return Err(stop(vm));
    }
    pin(vm, it);
    let exhausted = |vm: &mut Vm| -> PyResult<Value> {
        let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
        st.it = NULL;
        Err(stop(vm))
    };
    loop {
        let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
        if st.cnt >= st.next {
            break;
        }
        if ops::next(vm, it)?.is_none() {
            return exhausted(vm);
        }
        let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
        st.cnt += 1;
    }
    let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
    if st.stop != -1 && st.cnt >= st.stop {
        return exhausted(vm);
    }
    let Some(item) = ops::next(vm, it)? else {
        return exhausted(vm);
    };
    let (_, st) = this::<ISlice>(vm, &args, "itertools.islice", "__next__")?;
    st.cnt += 1;
    let old = st.next;
    st.next = match old.checked_add(st.step) {
        Some(n) if st.stop == -1 || n <= st.stop => n,
        _ => st.stop,
    };
    Ok(item)
}

// ----- pairwise -----

struct Pairwise {
    it: Value,
    old: Value,
}
impl NativeState for Pairwise {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.it, self.old]);
    }
}

fn pairwise_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "pairwise")?;
    let a = positional(vm, "pairwise", pos, &args, 1, 1)?;
    let it = ops::get_iter(vm, a[0])?;
    Ok(vm.new_native_object(cls, Pairwise { it, old: NULL }))
}

fn pairwise_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Pairwise>(vm, &args, "itertools.pairwise", "__next__")?;
    let it = st.it;
    if it.is(NULL) {
        return Err(stop(vm));
    }
    let mut old = st.old;
    if old.is(NULL) {
        match next_of(vm, it)? {
            Some(v) => {
                old = v;
                let (_, st) = this::<Pairwise>(vm, &args, "itertools.pairwise", "__next__")?;
                st.old = v;
            }
            None => {
                let (_, st) = this::<Pairwise>(vm, &args, "itertools.pairwise", "__next__")?;
                st.it = NULL;
                return Err(stop(vm));
            }
        }
    }
    pin(vm, old);
    let Some(new) = next_of(vm, it)? else {
        let (_, st) = this::<Pairwise>(vm, &args, "itertools.pairwise", "__next__")?;
        st.it = NULL;
        st.old = NULL;
        return Err(stop(vm));
    };
    let (_, st) = this::<Pairwise>(vm, &args, "itertools.pairwise", "__next__")?;
    st.old = new;
    Ok(vm.new_tuple(vec![old, new]))
}

// ----- tee, _tee, _tee_dataobject -----

/// Items buffered per `_tee_dataobject` link.
const LINKCELLS: usize = 57;

/// One link of the buffer that the `_tee` copies of an iterator share.
struct TeeData {
    it: Value,
    values: Vec<Value>,
    /// The following link, or NULL.
    next: Value,
    running: bool,
}
impl NativeState for TeeData {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &[self.it, self.next]);
        trace_all(f, &self.values);
    }
}

struct Tee {
    data: Value,
    index: usize,
}
impl NativeState for Tee {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.data);
    }
}

fn new_teedata(vm: &mut Vm, it: Value) -> Value {
    let cls = class(vm, "_tee_dataobject");
    vm.new_native_object(
        cls,
        TeeData {
            it,
            values: Vec::new(),
            next: NULL,
            running: false,
        },
    )
}

fn teedata(vm: &mut Vm, v: Value) -> PyResult<&'static mut TeeData> {
    molt_vm::object::native_state::<TeeData>(v)
        .ok_or_else(|| vm.type_error("a _tee_dataobject is required"))
}

/// A new `_tee` over `iterable` (a copy when it already is one).
fn tee_from_iterable(vm: &mut Vm, iterable: Value) -> PyResult<Value> {
    let it = ops::get_iter(vm, iterable)?;
    let cls = class(vm, "_tee");
    if let Some(t) = molt_vm::object::native_state::<Tee>(it) {
        let (data, index) = (t.data, t.index);
        return Ok(vm.new_native_object(cls, Tee { data, index }));
    }
    let data = new_teedata(vm, it);
    Ok(vm.new_native_object(cls, Tee { data, index: 0 }))
}

fn tee_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, pos) = new_args(vm, &args, "_tee")?;
    let a = positional(vm, "_tee", pos, &args, 1, 1)?;
    tee_from_iterable(vm, a[0])
}

fn tee_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Tee>(vm, &args, "itertools._tee", "__next__")?;
    let (mut data, mut index) = (st.data, st.index);
    if index >= LINKCELLS {
        let d = teedata(vm, data)?;
        let link = if d.next.is(NULL) {
            let it = d.it;
            let n = new_teedata(vm, it);
            teedata(vm, data)?.next = n;
            n
        } else {
            d.next
        };
        data = link;
        index = 0;
        let (_, st) = this::<Tee>(vm, &args, "itertools._tee", "__next__")?;
        st.data = data;
        st.index = 0;
    }
    let d = teedata(vm, data)?;
    let value = if index < d.values.len() {
        d.values[index]
    } else {
        if d.running {
            return Err(vm.runtime_error("cannot re-enter the tee iterator"));
        }
        d.running = true;
        let it = d.it;
        pin(vm, data);
        let r = next_of(vm, it);
        let d = teedata(vm, data)?;
        d.running = false;
        match r? {
            Some(v) => {
                d.values.push(v);
                v
            }
            None => return Err(stop(vm)),
        }
    };
    let (_, st) = this::<Tee>(vm, &args, "itertools._tee", "__next__")?;
    st.index = index + 1;
    Ok(value)
}

fn tee_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Tee>(vm, &args, "itertools._tee", "__copy__")?;
    let (data, index) = (st.data, st.index);
    let cls = class(vm, "_tee");
    Ok(vm.new_native_object(cls, Tee { data, index }))
}

fn teedata_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_tee_dataobject' instances"))
}

fn tee(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error("itertools.tee() takes no keyword arguments"));
    }
    let a = positional(vm, "tee", args.pos, &args, 1, 2)?;
    let n = match a.get(1) {
        Some(v) => ssize(vm, *v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(vm.new_tuple(vec![]));
    }
    let it = ops::get_iter(vm, a[0])?;
    let copy_name = vm.intern("__copy__");
    let cls = type_of(vm, it);
    let first = if molt_vm::class::lookup(vm, cls, copy_name).is_some() {
        it
    } else {
        tee_from_iterable(vm, it)?
    };
    pin(vm, first);
    let copy = ops::getattr(vm, first, copy_name)?;
    pin(vm, copy);
    let mut out = vec![first];
    for _ in 1..n {
        let c = ops::call(vm, copy, Args::new(&[]))?;
        pin(vm, c);
        out.push(c);
    }
    Ok(vm.new_tuple(out))
}

// ----- zip_longest -----

struct ZipLongest {
    /// NULL for exhausted inputs.
    its: Vec<Value>,
    active: usize,
    fill: Value,
}
impl NativeState for ZipLongest {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        trace_all(f, &self.its);
        f(self.fill);
    }
}

fn zip_longest_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "zip_longest")?;
    let mut fill = Value::NONE;
    if args.has_kw() {
        match args.kw("fillvalue") {
            Some(f) if args.kwnames.len() == 1 => fill = f,
            _ => {
                return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
            }
        }
    }
    let mut its = Vec::with_capacity(pos.len());
    for v in pos {
        let it = ops::get_iter(vm, *v)?;
        pin(vm, it);
        its.push(it);
    }
    let active = its.len();
    Ok(vm.new_native_object(cls, ZipLongest { its, active, fill }))
}

fn zip_longest_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = "itertools.zip_longest";
    let (_, st) = this::<ZipLongest>(vm, &args, name, "__next__")?;
    if st.its.is_empty() || st.active == 0 {
        return Err(stop(vm));
    }
    let n = st.its.len();
    let fill = st.fill;
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let (_, st) = this::<ZipLongest>(vm, &args, name, "__next__")?;
        let it = st.its[i];
        if it.is(NULL) {
            items.push(fill);
            continue;
        }
        let r = next_of(vm, it);
        let (_, st) = this::<ZipLongest>(vm, &args, name, "__next__")?;
        match r {
            Ok(Some(v)) => {
                pin(vm, v);
                items.push(v);
            }
            Ok(None) => {
                st.active = st.active.saturating_sub(1);
                if st.active == 0 {
                    return Err(stop(vm));
                }
                st.its[i] = NULL;
                items.push(fill);
            }
            Err(e) => {
                st.active = 0;
                return Err(e);
            }
        }
    }
    Ok(vm.new_tuple(items))
}

// ----- product, permutations, combinations, combinations_with_replacement -----

/// The combinatoric iterators: the input pools, index vectors and whether
/// the first result has been produced.
struct Combinatoric {
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    /// permutations: the cycles counters.
    cycles: Vec<usize>,
    r: usize,
    started: bool,
    stopped: bool,
}
impl NativeState for Combinatoric {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for p in &self.pools {
            trace_all(f, p);
        }
    }
}

impl Combinatoric {
    fn new(pools: Vec<Vec<Value>>, r: usize) -> Combinatoric {
        Combinatoric {
            pools,
            indices: vec![],
            cycles: vec![],
            r,
            started: false,
            stopped: false,
        }
    }
    fn pick(&self, pool: usize, idx: &[usize]) -> Vec<Value> {
        idx.iter().map(|&i| self.pools[pool][i]).collect()
    }
}

fn product_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "product")?;
    let kw = keywords(
        vm,
        "product",
        &[],
        &Args {
            pos: &[],
            kwnames: args.kwnames,
            kwvalues: args.kwvalues,
        },
        &["repeat"],
        0,
        1,
    )?;
    let repeat = match kw[0] {
        Some(v) => ssize(vm, v)?,
        None => 1,
    };
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::with_capacity(pos.len());
    for v in pos {
        let items = ops::iter::collect(vm, *v)?;
        let t = vm.new_tuple(items.clone());
        pin(vm, t);
        base.push(items);
    }
    let total = base.len().saturating_mul(repeat as usize);
    if total > (1 << 28) {
        return Err(vm.overflow_error("repeat argument too large"));
    }
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    Ok(vm.new_native_object(cls, Combinatoric::new(pools, 0)))
}

fn product_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Combinatoric>(vm, &args, "itertools.product", "__next__")?;
    if st.stopped {
        return Err(stop(vm));
    }
    let n = st.pools.len();
    if !st.started {
        st.started = true;
        if st.pools.iter().any(|p| p.is_empty()) {
            st.stopped = true;
            return Err(stop(vm));
        }
        st.indices = vec![0; n];
    } else {
        // Odometer: advance the rightmost index, carrying leftwards.
        let mut i = n;
        loop {
            if i == 0 {
                st.stopped = true;
                return Err(stop(vm));
            }
            i -= 1;
            st.indices[i] += 1;
            if st.indices[i] < st.pools[i].len() {
                break;
            }
            st.indices[i] = 0;
        }
    }
    let items: Vec<Value> = (0..n).map(|i| st.pools[i][st.indices[i]]).collect();
    Ok(vm.new_tuple(items))
}

/// The `r` argument of permutations (None: the pool's length).
fn perm_r(vm: &mut Vm, r: Option<Value>, n: usize) -> PyResult<usize> {
    let r = match r {
        None => return Ok(n),
        Some(v) if v.is_none() => return Ok(n),
        Some(v) => v,
    };
    let i = match num_of(r) {
        Some(Num::Small(i)) if !r.is_float() => i,
        Some(Num::Big(_)) => {
            return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        _ => return Err(vm.type_error("Expected int as r")),
    };
    if i < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(i as usize)
}

fn combo_r(vm: &mut Vm, r: Option<Value>) -> PyResult<usize> {
    let i = ssize(vm, r.unwrap_or(Value::NONE))?;
    if i < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(i as usize)
}

fn permutations_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "permutations")?;
    let a = keywords(vm, "permutations", pos, &args, &["iterable", "r"], 1, 2)?;
    let pool = ops::iter::collect(vm, a[0].unwrap_or(Value::NONE))?;
    let t = vm.new_tuple(pool.clone());
    pin(vm, t);
    let r = perm_r(vm, a[1], pool.len())?;
    Ok(vm.new_native_object(cls, Combinatoric::new(vec![pool], r)))
}

fn permutations_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Combinatoric>(vm, &args, "itertools.permutations", "__next__")?;
    if st.stopped {
        return Err(stop(vm));
    }
    let n = st.pools[0].len();
    let r = st.r;
    if !st.started {
        st.started = true;
        if r > n {
            st.stopped = true;
            return Err(stop(vm));
        }
        st.indices = (0..n).collect();
        st.cycles = (0..r).map(|i| n - i).collect();
    } else {
        if n == 0 {
            st.stopped = true;
            return Err(stop(vm));
        }
        // Decrement the rightmost cycle, rotating on rollover.
        let mut advanced = false;
        for i in (0..r).rev() {
            st.cycles[i] -= 1;
            if st.cycles[i] == 0 {
                let first = st.indices[i];
                st.indices[i..].rotate_left(1);
                st.indices[n - 1] = first;
                st.cycles[i] = n - i;
            } else {
                let j = st.cycles[i];
                st.indices.swap(i, n - j);
                advanced = true;
                break;
            }
        }
        if !advanced {
            st.stopped = true;
            return Err(stop(vm));
        }
    }
    let items = st.pick(0, &st.indices[..r]);
    Ok(vm.new_tuple(items))
}

fn combinations_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "combinations")?;
    let a = keywords(vm, "combinations", pos, &args, &["iterable", "r"], 2, 2)?;
    let pool = ops::iter::collect(vm, a[0].unwrap_or(Value::NONE))?;
    let t = vm.new_tuple(pool.clone());
    pin(vm, t);
    let r = combo_r(vm, a[1])?;
    Ok(vm.new_native_object(cls, Combinatoric::new(vec![pool], r)))
}

fn combinations_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = this::<Combinatoric>(vm, &args, "itertools.combinations", "__next__")?;
    if st.stopped {
        return Err(stop(vm));
    }
    let n = st.pools[0].len();
    let r = st.r;
    if !st.started {
        st.started = true;
        if r > n {
            st.stopped = true;
            return Err(stop(vm));
        }
        st.indices = (0..r).collect();
    } else {
        // The rightmost index that is not at its maximum (i + n - r).
        let Some(i) = (0..r).rev().find(|&i| st.indices[i] != i + n - r) else {
            st.stopped = true;
            return Err(stop(vm));
        };
        st.indices[i] += 1;
        for j in i + 1..r {
            st.indices[j] = st.indices[j - 1] + 1;
        }
    }
    let items = st.pick(0, &st.indices);
    Ok(vm.new_tuple(items))
}

fn cwr_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "combinations_with_replacement")?;
    let a = keywords(
        vm,
        "combinations_with_replacement",
        pos,
        &args,
        &["iterable", "r"],
        2,
        2,
    )?;
    let pool = ops::iter::collect(vm, a[0].unwrap_or(Value::NONE))?;
    let t = vm.new_tuple(pool.clone());
    pin(vm, t);
    let r = combo_r(vm, a[1])?;
    Ok(vm.new_native_object(cls, Combinatoric::new(vec![pool], r)))
}

fn cwr_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = "itertools.combinations_with_replacement";
    let (_, st) = this::<Combinatoric>(vm, &args, name, "__next__")?;
    if st.stopped {
        return Err(stop(vm));
    }
    let n = st.pools[0].len();
    let r = st.r;
    if !st.started {
        st.started = true;
        if n == 0 && r > 0 {
            st.stopped = true;
            return Err(stop(vm));
        }
        st.indices = vec![0; r];
    } else {
        let Some(i) = (0..r).rev().find(|&i| st.indices[i] != n - 1) else {
            st.stopped = true;
            return Err(stop(vm));
        };
        let v = st.indices[i] + 1;
        for j in i..r {
            st.indices[j] = v;
        }
    }
    let items = st.pick(0, &st.indices);
    Ok(vm.new_tuple(items))
}

// ----- the module -----

pub fn itertools_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("itertools");
    let classes: &[(&'static str, NativeFn, NativeFn)] = &[
        ("count", count_new, count_next),
        ("cycle", cycle_new, cycle_next),
        ("repeat", repeat_new, repeat_next),
        ("accumulate", accumulate_new, accumulate_next),
        ("chain", chain_new, chain_next),
        ("compress", compress_new, compress_next),
        ("dropwhile", dropwhile_new, dropwhile_next),
        ("takewhile", takewhile_new, takewhile_next),
        ("filterfalse", filterfalse_new, filterfalse_next),
        ("starmap", starmap_new, starmap_next),
        ("groupby", groupby_new, groupby_next),
        ("_grouper", grouper_new, grouper_next),
        ("islice", islice_new, islice_next),
        ("pairwise", pairwise_new, pairwise_next),
        ("_tee", tee_new, tee_next),
        ("zip_longest", zip_longest_new, zip_longest_next),
        ("product", product_new, product_next),
        ("permutations", permutations_new, permutations_next),
        ("combinations", combinations_new, combinations_next),
        ("combinations_with_replacement", cwr_new, cwr_next),
    ];
    for (name, new, next) in classes {
        let cls = new_class(vm, "itertools", name, &[], Layout::Object, false);
        methods(
            vm,
            cls,
            &[
                ("__new__", *new),
                ("__iter__", iter_self),
                ("__next__", *next),
            ],
        );
        set(vm, m, name, cls);
    }
    let c = class(vm, "count");
    vm.add_native(c, "__repr__", count_repr);
    vm.add_native(c, "__reduce__", count_reduce);
    let c = class(vm, "repeat");
    vm.add_native(c, "__repr__", repeat_repr);
    vm.add_native(c, "__length_hint__", repeat_length_hint);
    vm.add_native(c, "__reduce__", repeat_reduce);
    let c = class(vm, "chain");
    classmethod(vm, c, "from_iterable", chain_from_iterable);
    classmethod(vm, c, "__class_getitem__", super::native::class_getitem);
    let c = class(vm, "_tee");
    vm.add_native(c, "__copy__", tee_copy);
    let td = new_class(
        vm,
        "itertools",
        "_tee_dataobject",
        &[],
        Layout::Object,
        false,
    );
    vm.add_native(td, "__new__", teedata_new);
    set(vm, m, "_tee_dataobject", td);
    vm.add_native(m, "tee", tee);
    Ok(m)
}
