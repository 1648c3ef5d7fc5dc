//! `_collections`: `deque`, `defaultdict`, `_count_elements`, `_tuplegetter`
//! and the deque iterators, as CPython 3.11's C module (the pure-Python
//! `collections` package builds on these).
//!
//! A deque keeps a mutation counter (`state`) as CPython does: iterators
//! and the searching methods compare it after every call into Python code
//! and raise "deque mutated during iteration" when it changed.  Assigning
//! an item or reversing does not count as a mutation, appending, popping,
//! rotating and clearing do.

use super::native::{
    class, class_getitem, is_callable, is_slot, iter_self, keywords, methods, new_args, new_class,
    pin, positional, property, short_name, ssize, stop, this, tp_name,
};
use super::set;
use molt_vm::bytecode::CmpOp;
use molt_vm::class::{isinstance, type_of};
use molt_vm::object::{Kind, Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use std::collections::VecDeque;

use molt_vm::ops::repr::repr_guard;

// ----- deque -----

struct Deque {
    buf: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped by every mutation that moves items (see the module docs).
    state: u64,
}
impl NativeState for Deque {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        self.buf.iter().for_each(|v| f(*v));
    }
}

impl Deque {
    fn push_back(&mut self, v: Value) {
        self.state = self.state.wrapping_add(1);
        if self.maxlen == Some(0) {
            return;
        }
        self.buf.push_back(v);
        if Some(self.buf.len()) > self.maxlen && self.maxlen.is_some() {
            self.buf.pop_front();
        }
    }
    fn push_front(&mut self, v: Value) {
        self.state = self.state.wrapping_add(1);
        if self.maxlen == Some(0) {
            return;
        }
        self.buf.push_front(v);
        if Some(self.buf.len()) > self.maxlen && self.maxlen.is_some() {
            self.buf.pop_back();
        }
    }
    fn clear(&mut self) {
        if !self.buf.is_empty() {
            self.state = self.state.wrapping_add(1);
            self.buf.clear();
        }
    }
    fn rotate(&mut self, n: i64) {
        let len = self.buf.len();
        if len <= 1 {
            return;
        }
        self.state = self.state.wrapping_add(1);
        let k = n.rem_euclid(len as i64) as usize;
        self.buf.rotate_right(k);
    }
}

fn dq(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut Deque)> {
    this::<Deque>(vm, args, "collections.deque", meth)
}

fn deque_state(vm: &mut Vm, v: Value) -> PyResult<&'static mut Deque> {
    dq(vm, &Args::new(&[v]), "__iter__").map(|(_, s)| s)
}

fn mutated(vm: &mut Vm) -> molt_vm::PyErr {
    vm.runtime_error("deque mutated during iteration")
}

fn deque_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, _) = new_args(vm, &args, "deque")?;
    Ok(vm.new_native_object(
        cls,
        Deque {
            buf: VecDeque::new(),
            maxlen: None,
            state: 0,
        },
    ))
}

fn deque_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__init__")?;
    let a = keywords(
        vm,
        "deque",
        &args.pos[1..],
        &args,
        &["iterable", "maxlen"],
        0,
        2,
    )?;
    let maxlen = match a[1] {
        None => None,
        Some(m) if m.is_none() => None,
        Some(m) => {
            let n = match num_of(m) {
                Some(Num::Small(n)) if !m.is_float() => n,
                Some(Num::Big(_)) => {
                    return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
                }
                _ => return Err(vm.type_error("an integer is required")),
            };
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    let st = deque_state(vm, me)?;
    st.maxlen = maxlen;
    st.clear();
    if let Some(it) = a[0] {
        extend(vm, me, it, false)?;
    }
    Ok(Value::NONE)
}

/// Append (or prepend) every item of `iterable`.
fn extend(vm: &mut Vm, me: Value, iterable: Value, left: bool) -> PyResult<()> {
    // Extending a deque with itself: take a snapshot first.
    let iterable = if iterable.is(me) {
        let items: Vec<Value> = deque_state(vm, me)?.buf.iter().copied().collect();
        vm.new_list(items)
    } else {
        iterable
    };
    pin(vm, iterable);
    let it = ops::get_iter(vm, iterable)?;
    pin(vm, it);
    while let Some(v) = ops::next(vm, it)? {
        let st = deque_state(vm, me)?;
        if left {
            st.push_front(v);
        } else {
            st.push_back(v);
        }
    }
    Ok(())
}

fn deque_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "append")?;
    let x = one_arg(vm, &args, "deque.append")?;
    st.push_back(x);
    Ok(Value::NONE)
}

fn deque_appendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "appendleft")?;
    let x = one_arg(vm, &args, "deque.appendleft")?;
    st.push_front(x);
    Ok(Value::NONE)
}

/// The single argument of a METH_O method.
fn one_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    if args.pos.len() != 2 {
        let msg = format!(
            "{}() takes exactly one argument ({} given)",
            name,
            args.pos.len() - 1
        );
        return Err(vm.type_error(msg));
    }
    Ok(args.pos[1])
}

/// A METH_NOARGS method's check.
fn no_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    if args.pos.len() != 1 {
        let msg = format!(
            "{}() takes no arguments ({} given)",
            name,
            args.pos.len() - 1
        );
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn deque_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "pop")?;
    no_args(vm, &args, "deque.pop")?;
    match st.buf.pop_back() {
        Some(v) => {
            st.state = st.state.wrapping_add(1);
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_popleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "popleft")?;
    no_args(vm, &args, "deque.popleft")?;
    match st.buf.pop_front() {
        Some(v) => {
            st.state = st.state.wrapping_add(1);
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "extend")?;
    let x = one_arg(vm, &args, "deque.extend")?;
    extend(vm, me, x, false)?;
    Ok(Value::NONE)
}

fn deque_extendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "extendleft")?;
    let x = one_arg(vm, &args, "deque.extendleft")?;
    extend(vm, me, x, true)?;
    Ok(Value::NONE)
}

fn deque_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__iadd__")?;
    let x = one_arg(vm, &args, "deque.__iadd__")?;
    extend(vm, me, x, false)?;
    Ok(me)
}

fn deque_rotate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "rotate")?;
    let a = positional(vm, "deque.rotate", &args.pos[1..], &args, 0, 1)?;
    let n = match a.first() {
        Some(v) => ssize(vm, *v)?,
        None => 1,
    };
    deque_state(vm, me)?.rotate(n);
    Ok(Value::NONE)
}

fn deque_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "reverse")?;
    no_args(vm, &args, "deque.reverse")?;
    st.buf.make_contiguous().reverse();
    Ok(Value::NONE)
}

fn deque_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "clear")?;
    no_args(vm, &args, "deque.clear")?;
    st.clear();
    Ok(Value::NONE)
}

/// `type(d)(d)` or `type(d)(d, maxlen)`, as CPython copies subclass instances.
fn deque_copy_of(vm: &mut Vm, me: Value) -> PyResult<Value> {
    let st = deque_state(vm, me)?;
    let (items, maxlen) = (st.buf.clone(), st.maxlen);
    let cls = type_of(vm, me);
    if cls.is(class(vm, "deque")) {
        return Ok(vm.new_native_object(
            cls,
            Deque {
                buf: items,
                maxlen,
                state: 0,
            },
        ));
    }
    match maxlen {
        None => ops::call(vm, cls, Args::new(&[me])),
        Some(m) => {
            let mv = vm.new_int(m as i64);
            ops::call(vm, cls, Args::new(&[me, mv]))
        }
    }
}

fn deque_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "copy")?;
    no_args(vm, &args, "deque.copy")?;
    deque_copy_of(vm, me)
}

fn deque_dunder_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__copy__")?;
    no_args(vm, &args, "deque.__copy__")?;
    deque_copy_of(vm, me)
}

/// Find `x`; the RuntimeError when the deque changes during a comparison.
fn find(vm: &mut Vm, me: Value, x: Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let st = deque_state(vm, me)?;
    let state = st.state;
    let mut i = start;
    while i < stop {
        let st = deque_state(vm, me)?;
        let Some(&item) = st.buf.get(i) else {
            break;
        };
        pin(vm, item);
        let eq = item.is(x) || ops::eq(vm, item, x)?;
        if deque_state(vm, me)?.state != state {
            return Err(mutated(vm));
        }
        if eq {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn deque_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "count")?;
    let x = one_arg(vm, &args, "deque.count")?;
    let state = st.state;
    let mut n = 0;
    let mut i = 0;
    loop {
        let st = deque_state(vm, me)?;
        let Some(&item) = st.buf.get(i) else {
            break;
        };
        pin(vm, item);
        if item.is(x) || ops::eq(vm, item, x)? {
            n += 1;
        }
        if deque_state(vm, me)?.state != state {
            return Err(mutated(vm));
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

/// A slice index for `index()`: clamped, negative counted from the end.
fn clamp_index(vm: &mut Vm, v: Value, len: usize) -> PyResult<usize> {
    let i = match num_of(ops::convert::index_value(vm, v)?) {
        Some(Num::Small(i)) => i,
        Some(Num::Big(b)) => {
            if num_traits::Signed::is_negative(b) {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => 0,
    };
    let len = len as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    Ok(i as usize)
}

fn deque_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "index")?;
    if args.has_kw() {
        return Err(vm.type_error("index() takes no keyword arguments"));
    }
    let n = args.pos.len() - 1;
    if n == 0 {
        return Err(vm.type_error("index() takes at least 1 argument (0 given)"));
    }
    if n > 3 {
        let msg = format!("index() takes at most 3 arguments ({} given)", n);
        return Err(vm.type_error(msg));
    }
    let len = st.buf.len();
    let x = args.pos[1];
    let start = match args.pos.get(2) {
        Some(v) => clamp_index(vm, *v, len)?,
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(v) => clamp_index(vm, *v, len)?,
        None => len,
    };
    match find(vm, me, x, start, stop)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => {
            let msg = format!("{} is not in deque", ops::repr_string(vm, x)?);
            Err(vm.value_error(msg))
        }
    }
}

fn deque_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "insert")?;
    if args.has_kw() {
        return Err(vm.type_error("deque.insert() takes no keyword arguments"));
    }
    if args.pos.len() != 3 {
        let msg = format!(
            "insert() takes exactly 2 arguments ({} given)",
            args.pos.len() - 1
        );
        return Err(vm.type_error(msg));
    }
    let a = &args.pos[1..];
    if st.maxlen == Some(st.buf.len()) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let i = ssize(vm, a[0])?;
    let st = deque_state(vm, me)?;
    let len = st.buf.len() as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    st.buf.insert(i as usize, a[1]);
    st.state = st.state.wrapping_add(1);
    Ok(Value::NONE)
}

fn deque_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "remove")?;
    let x = one_arg(vm, &args, "deque.remove")?;
    let len = st.buf.len();
    let found = match find(vm, me, x, 0, len) {
        Ok(f) => f,
        Err(e) if vm.exc_matches(e.0, vm.exc.RuntimeError) => {
            return Err(vm.index_error("deque mutated during iteration"))
        }
        Err(e) => return Err(e),
    };
    match found {
        Some(i) => {
            let st = deque_state(vm, me)?;
            st.buf.remove(i);
            st.state = st.state.wrapping_add(1);
            Ok(Value::NONE)
        }
        None => {
            let msg = format!("{} is not in deque", ops::repr_string(vm, x)?);
            Err(vm.value_error(msg))
        }
    }
}

fn deque_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "__len__")?;
    let n = st.buf.len() as i64;
    Ok(vm.new_int(n))
}

fn deque_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__contains__")?;
    let x = one_arg(vm, &args, "deque.__contains__")?;
    let len = st.buf.len();
    Ok(Value::bool(find(vm, me, x, 0, len)?.is_some()))
}

/// An item index: ints and `__index__` only, negative from the end.
fn item_index(vm: &mut Vm, key: Value, len: usize) -> PyResult<usize> {
    let is_int = matches!(num_of(key), Some(Num::Small(_)) | Some(Num::Big(_))) && !key.is_float()
        || molt_vm::class::lookup_user(vm, type_of(vm, key), vm.names.__index__).is_some();
    if !is_int {
        let msg = format!(
            "sequence index must be integer, not '{}'",
            molt_vm::class::type_name(vm, key)
        );
        return Err(vm.type_error(msg));
    }
    let i = ops::to_index(vm, key)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__getitem__")?;
    let key = one_arg(vm, &args, "deque.__getitem__")?;
    let len = st.buf.len();
    let i = item_index(vm, key, len)?;
    let st = deque_state(vm, me)?;
    match st.buf.get(i) {
        Some(v) => Ok(*v),
        None => Err(vm.index_error("deque index out of range")),
    }
}

fn deque_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__setitem__")?;
    let a = positional(vm, "", &args.pos[1..], &args, 2, 2)?;
    let len = st.buf.len();
    let i = item_index(vm, a[0], len)?;
    let st = deque_state(vm, me)?;
    match st.buf.get_mut(i) {
        Some(slot) => {
            *slot = a[1];
            Ok(Value::NONE)
        }
        None => Err(vm.index_error("deque index out of range")),
    }
}

fn deque_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__delitem__")?;
    let key = one_arg(vm, &args, "deque.__delitem__")?;
    let len = st.buf.len();
    let i = item_index(vm, key, len)?;
    let st = deque_state(vm, me)?;
    if i >= st.buf.len() {
        return Err(vm.index_error("deque index out of range"));
    }
    st.buf.remove(i);
    st.state = st.state.wrapping_add(1);
    Ok(Value::NONE)
}

fn deque_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__repr__")?;
    let items: Vec<Value> = st.buf.iter().copied().collect();
    let maxlen = st.maxlen;
    vm.pinned.extend(items.iter().copied());
    let name = short_name(vm, me);
    let inner = repr_guard(me, || {
        let mut parts = Vec::with_capacity(items.len());
        for v in &items {
            parts.push(ops::repr_string(vm, *v)?);
        }
        Ok(parts.join(", "))
    })?;
    let s = match (inner, maxlen) {
        (None, _) => "[...]".to_string(),
        (Some(i), None) => format!("{}([{}])", name, i),
        (Some(i), Some(m)) => format!("{}([{}], maxlen={})", name, i, m),
    };
    Ok(vm.new_string(s))
}

fn deque_richcompare(vm: &mut Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, op.dunder())?;
    let other = one_arg(vm, &args, "deque.__eq__")?;
    let a: Vec<Value> = st.buf.iter().copied().collect();
    let Some(ost) = molt_vm::object::native_state::<Deque>(other) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let b: Vec<Value> = ost.buf.iter().copied().collect();
    if (op == CmpOp::Eq || op == CmpOp::Ne) && a.len() != b.len() {
        return Ok(Value::bool(op == CmpOp::Ne));
    }
    vm.pinned.extend(a.iter().copied());
    vm.pinned.extend(b.iter().copied());
    // The first differing pair decides; else the lengths do.
    for (x, y) in a.iter().zip(b.iter()) {
        if x.is(*y) || ops::eq(vm, *x, *y)? {
            continue;
        }
        return match op {
            CmpOp::Eq => Ok(Value::FALSE),
            CmpOp::Ne => Ok(Value::TRUE),
            _ => ops::compare(vm, op, *x, *y),
        };
    }
    Ok(Value::bool(
        op.holds(a.len() as i64, b.len() as i64) == Some(true),
    ))
}

macro_rules! cmp_method {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            deque_richcompare(vm, args, $op)
        }
    };
}
cmp_method!(deque_eq, CmpOp::Eq);
cmp_method!(deque_ne, CmpOp::Ne);
cmp_method!(deque_lt, CmpOp::Lt);
cmp_method!(deque_le, CmpOp::Le);
cmp_method!(deque_gt, CmpOp::Gt);
cmp_method!(deque_ge, CmpOp::Ge);

fn deque_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__add__")?;
    let other = one_arg(vm, &args, "deque.__add__")?;
    if molt_vm::object::native_state::<Deque>(other).is_none() {
        let msg = format!(
            "can only concatenate deque (not \"{}\") to deque",
            tp_name(vm, other)
        );
        return Err(vm.type_error(msg));
    }
    let new = deque_copy_of(vm, me)?;
    pin(vm, new);
    extend(vm, new, other, false)?;
    Ok(new)
}

/// The repeat count of `d * n`, with the sequence TypeError for non-ints.
fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<i64> {
    let is_int = matches!(num_of(n), Some(Num::Small(_)) | Some(Num::Big(_))) && !n.is_float()
        || molt_vm::class::lookup_user(vm, type_of(vm, n), vm.names.__index__).is_some();
    if !is_int {
        let msg = format!(
            "can't multiply sequence by non-int of type '{}'",
            tp_name(vm, n)
        );
        return Err(vm.type_error(msg));
    }
    match ssize(vm, n) {
        Ok(i) => Ok(i),
        Err(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// Repeat the deque's items `n` times in place (keeping the last `maxlen`).
fn repeat_in_place(vm: &mut Vm, me: Value, n: i64) -> PyResult<()> {
    let st = deque_state(vm, me)?;
    if n <= 0 {
        st.clear();
        return Ok(());
    }
    let len = st.buf.len();
    if n == 1 || len == 0 {
        return Ok(());
    }
    let total = (len as u128) * (n as u128);
    let keep = match st.maxlen {
        Some(m) => total.min(m as u128),
        None => total,
    };
    if keep > (1u128 << 32) {
        let c = vm.exc.MemoryError;
        return Err(molt_vm::PyErr(vm.new_exception(c, vec![])));
    }
    // Item p of the repetition is item p % len of the original.
    let items: Vec<Value> = st.buf.iter().copied().collect();
    let first = (total - keep) as u128;
    let new: VecDeque<Value> = (0..keep as u128)
        .map(|k| items[((first + k) % len as u128) as usize])
        .collect();
    st.buf = new;
    st.state = st.state.wrapping_add(1);
    Ok(())
}

fn deque_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__mul__")?;
    let n = one_arg(vm, &args, "deque.__mul__")?;
    let n = repeat_count(vm, n)?;
    let new = deque_copy_of(vm, me)?;
    pin(vm, new);
    repeat_in_place(vm, new, n)?;
    Ok(new)
}

fn deque_imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__imul__")?;
    let n = one_arg(vm, &args, "deque.__imul__")?;
    let n = repeat_count(vm, n)?;
    repeat_in_place(vm, me, n)?;
    Ok(me)
}

fn deque_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = dq(vm, &args, "__reduce__")?;
    let maxlen = st.maxlen;
    let cls = type_of(vm, me);
    let empty = vm.new_tuple(vec![]);
    let init = match maxlen {
        None => empty,
        Some(m) => {
            let mv = vm.new_int(m as i64);
            vm.new_tuple(vec![empty, mv])
        }
    };
    let it = new_deque_iter(vm, me, false)?;
    Ok(vm.new_tuple(vec![cls, init, Value::NONE, it]))
}

fn deque_maxlen(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = dq(vm, &args, "maxlen")?;
    Ok(match st.maxlen {
        Some(m) => vm.new_int(m as i64),
        None => Value::NONE,
    })
}

fn deque_maxlen_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'maxlen' of 'collections.deque' objects is not writable"))
}

// ----- deque iterators -----

struct DequeIter {
    deque: Value,
    index: usize,
    state: u64,
    /// Items left.
    counter: usize,
    reverse: bool,
}
impl NativeState for DequeIter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.deque);
    }
}

fn new_deque_iter(vm: &mut Vm, d: Value, reverse: bool) -> PyResult<Value> {
    let st = deque_state(vm, d)?;
    let len = st.buf.len();
    let state = DequeIter {
        deque: d,
        index: if reverse { len.wrapping_sub(1) } else { 0 },
        state: st.state,
        counter: len,
        reverse,
    };
    let cls = class(
        vm,
        if reverse {
            "_deque_reverse_iterator"
        } else {
            "_deque_iterator"
        },
    );
    Ok(vm.new_native_object(cls, state))
}

fn deque_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__iter__")?;
    new_deque_iter(vm, me, false)
}

fn deque_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, _) = dq(vm, &args, "__reversed__")?;
    new_deque_iter(vm, me, true)
}

fn dequeiter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, it) = this::<DequeIter>(vm, &args, "_collections._deque_iterator", "__next__")?;
    let d = deque_state(vm, it.deque)?;
    if d.state != it.state {
        it.counter = 0;
        return Err(mutated(vm));
    }
    if it.counter == 0 {
        return Err(stop(vm));
    }
    let Some(&v) = d.buf.get(it.index) else {
        it.counter = 0;
        return Err(stop(vm));
    };
    it.counter -= 1;
    it.index = if it.reverse {
        it.index.wrapping_sub(1)
    } else {
        it.index + 1
    };
    Ok(v)
}

fn dequeiter_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, it) = this::<DequeIter>(vm, &args, "_collections._deque_iterator", "__length_hint__")?;
    let n = it.counter as i64;
    Ok(vm.new_int(n))
}

fn dequeiter_new_impl(vm: &mut Vm, args: Args, reverse: bool) -> PyResult<Value> {
    let name = if reverse {
        "_deque_reverse_iterator"
    } else {
        "_deque_iterator"
    };
    let (_, pos) = new_args(vm, &args, name)?;
    let a = positional(vm, name, pos, &args, 1, 2)?;
    if molt_vm::object::native_state::<Deque>(a[0]).is_none() {
        let msg = format!(
            "{}() argument 1 must be collections.deque, not {}",
            name,
            molt_vm::class::type_name(vm, a[0])
        );
        return Err(vm.type_error(msg));
    }
    let it = new_deque_iter(vm, a[0], reverse)?;
    if let Some(n) = a.get(1) {
        let n = ssize(vm, *n)?;
        for _ in 0..n.max(0) {
            if ops::next(vm, it)?.is_none() {
                break;
            }
        }
    }
    Ok(it)
}

fn dequeiter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dequeiter_new_impl(vm, args, false)
}

fn dequereviter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    dequeiter_new_impl(vm, args, true)
}

// ----- defaultdict -----

fn factory_name(vm: &mut Vm) -> Value {
    vm.intern("default_factory")
}

fn check_defaultdict(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<Value> {
    let dd = class(vm, "defaultdict");
    match args.pos.first() {
        Some(&v) if isinstance(vm, v, dd) && matches!(v.as_obj().kind, Kind::Dict(_)) => Ok(v),
        Some(&v) => {
            let tn = molt_vm::class::type_name(vm, v);
            let msg = if is_slot(meth) {
                format!(
                    "descriptor '{}' requires a 'collections.defaultdict' object but received a '{}'",
                    meth, tn
                )
            } else {
                format!(
                    "descriptor '{}' for 'collections.defaultdict' objects doesn't apply to a '{}' object",
                    meth, tn
                )
            };
            Err(vm.type_error(msg))
        }
        None => Err(vm.type_error(format!(
            "unbound method defaultdict.{}() needs an argument",
            meth
        ))),
    }
}

fn get_factory(vm: &mut Vm, d: Value) -> Value {
    let n = factory_name(vm);
    ops::attr::load_instance_attr(d, n).unwrap_or(Value::NONE)
}

fn defaultdict_factory(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "default_factory")?;
    Ok(get_factory(vm, me))
}

fn defaultdict_factory_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "default_factory")?;
    let v = args.pos.get(1).copied().unwrap_or(Value::NONE);
    let n = factory_name(vm);
    ops::attr::store_instance_attr(vm, me, n, v);
    Ok(Value::NONE)
}

fn defaultdict_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__init__")?;
    let mut rest = &args.pos[1..];
    let mut factory = Value::NONE;
    if let Some(&f) = rest.first() {
        if !f.is_none() && !is_callable(vm, f) {
            return Err(vm.type_error("first argument must be callable or None"));
        }
        factory = f;
        rest = &rest[1..];
    }
    let n = factory_name(vm);
    ops::attr::store_instance_attr(vm, me, n, factory);
    let init = vm
        .dict_get_str(molt_vm::vm::class_data(vm.t.dict).dict, vm.names.__init__)
        .unwrap_or(Value::NONE);
    let mut pos = vec![me];
    pos.extend_from_slice(rest);
    ops::call(
        vm,
        init,
        Args {
            pos: &pos,
            kwnames: args.kwnames,
            kwvalues: args.kwvalues,
        },
    )
}

fn defaultdict_missing(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__missing__")?;
    let key = one_arg(vm, &args, "defaultdict.__missing__")?;
    let factory = get_factory(vm, me);
    if factory.is_none() {
        return Err(vm.key_error(key));
    }
    let v = ops::call(vm, factory, Args::new(&[]))?;
    pin(vm, v);
    ops::setitem(vm, me, key, v)?;
    Ok(v)
}

/// The repr of `d` as a plain dict, with `{...}` for recursion.
fn dict_repr(vm: &mut Vm, d: Value) -> PyResult<String> {
    let entries: Vec<(Value, Value)> = match &d.as_obj().kind {
        Kind::Dict(dd) => dd.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => vec![],
    };
    for (k, v) in &entries {
        vm.pinned.push(*k);
        vm.pinned.push(*v);
    }
    let r = repr_guard(d, || {
        let mut out = String::from("{");
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&ops::repr_string(vm, *k)?);
            out.push_str(": ");
            out.push_str(&ops::repr_string(vm, *v)?);
        }
        out.push('}');
        Ok(out)
    })?;
    Ok(r.unwrap_or_else(|| "{...}".to_string()))
}

fn defaultdict_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__repr__")?;
    let factory = get_factory(vm, me);
    let f = if factory.is_none() {
        "None".to_string()
    } else {
        repr_guard(factory, || ops::repr_string(vm, factory))?.unwrap_or_else(|| "...".into())
    };
    let d = dict_repr(vm, me)?;
    let name = short_name(vm, me);
    Ok(vm.new_string(format!("{}({}, {})", name, f, d)))
}

fn defaultdict_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "copy")?;
    no_args(vm, &args, "defaultdict.copy")?;
    let factory = get_factory(vm, me);
    let cls = type_of(vm, me);
    ops::call(vm, cls, Args::new(&[factory, me]))
}

fn defaultdict_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__reduce__")?;
    let factory = get_factory(vm, me);
    let cls = type_of(vm, me);
    let init = if factory.is_none() {
        vm.new_tuple(vec![])
    } else {
        vm.new_tuple(vec![factory])
    };
    let items = vm.intern("items");
    let view = ops::call_method(vm, me, items, &[])?;
    let it = ops::get_iter(vm, view)?;
    Ok(vm.new_tuple(vec![cls, init, Value::NONE, Value::NONE, it]))
}

fn is_dict(v: Value) -> bool {
    matches!(v.obj().map(|o| &o.kind), Some(Kind::Dict(_)))
}

fn defaultdict_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__or__")?;
    let other = one_arg(vm, &args, "defaultdict.__or__")?;
    if !is_dict(other) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let factory = get_factory(vm, me);
    let cls = type_of(vm, me);
    let new = ops::call(vm, cls, Args::new(&[factory, me]))?;
    pin(vm, new);
    crate::constructors::dict_merge_into(vm, new, other)?;
    Ok(new)
}

fn defaultdict_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__ror__")?;
    let other = one_arg(vm, &args, "defaultdict.__ror__")?;
    if !is_dict(other) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let factory = get_factory(vm, me);
    let cls = type_of(vm, me);
    let new = ops::call(vm, cls, Args::new(&[factory, other]))?;
    pin(vm, new);
    crate::constructors::dict_merge_into(vm, new, me)?;
    Ok(new)
}

fn defaultdict_ior(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = check_defaultdict(vm, &args, "__ior__")?;
    let other = one_arg(vm, &args, "defaultdict.__ior__")?;
    crate::constructors::dict_merge_into(vm, me, other)?;
    Ok(me)
}

// ----- _count_elements -----

fn count_elements(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "_count_elements", args.pos, &args, 2, 2)?;
    let (mapping, iterable) = (a[0], a[1]);
    let it = ops::get_iter(vm, iterable)?;
    pin(vm, it);
    // A dict (or subclass) that keeps dict's get and __setitem__ is updated directly.
    let cls = type_of(vm, mapping);
    let get_n = vm.intern("get");
    let plain = is_dict(mapping)
        && molt_vm::class::lookup_user(vm, cls, get_n).is_none()
        && molt_vm::class::lookup_user(vm, cls, vm.names.__setitem__).is_none();
    let one = Value::small_int_unchecked(1);
    let zero = Value::small_int_unchecked(0);
    let (get, setitem) = if plain {
        (Value::NONE, Value::NONE)
    } else {
        let g = ops::getattr(vm, mapping, get_n)?;
        let s = ops::getattr(vm, mapping, vm.names.__setitem__)?;
        pin(vm, g);
        pin(vm, s);
        (g, s)
    };
    while let Some(x) = ops::next(vm, it)? {
        pin(vm, x);
        if plain {
            let old = ops::dict_get(vm, mapping, x)?.unwrap_or(zero);
            let new = ops::binary(vm, molt_vm::bytecode::BinOp::Add, old, one)?;
            ops::dict_set(vm, mapping, x, new)?;
        } else {
            let old = ops::call(vm, get, Args::new(&[x, zero]))?;
            let new = ops::binary(vm, molt_vm::bytecode::BinOp::Add, old, one)?;
            ops::call(vm, setitem, Args::new(&[x, new]))?;
        }
    }
    Ok(Value::NONE)
}

// ----- _tuplegetter -----

struct TupleGetter {
    index: i64,
    doc: Value,
}
impl NativeState for TupleGetter {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.doc);
    }
}

fn tg(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut TupleGetter)> {
    this::<TupleGetter>(vm, args, "_collections._tuplegetter", meth)
}

fn tuplegetter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, pos) = new_args(vm, &args, "_tuplegetter")?;
    let a = positional(vm, "_tuplegetter", pos, &args, 2, 2)?;
    let index = ssize(vm, a[0])?;
    Ok(vm.new_native_object(cls, TupleGetter { index, doc: a[1] }))
}

fn tuplegetter_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = tg(vm, &args, "__get__")?;
    let index = st.index;
    let a = positional(vm, "__get__", &args.pos[1..], &args, 1, 2)?;
    let obj = a[0];
    if obj.is_none() {
        return Ok(me);
    }
    match obj.obj().map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => {
            if index < 0 || index as usize >= t.len() {
                return Err(vm.index_error("tuple index out of range"));
            }
            Ok(t[index as usize])
        }
        _ => {
            let msg = format!(
                "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
                index,
                tp_name(vm, obj)
            );
            Err(vm.type_error(msg))
        }
    }
}

fn tuplegetter_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    tg(vm, &args, "__set__")?;
    Err(vm.attribute_error("can't set attribute"))
}

fn tuplegetter_delete(vm: &mut Vm, args: Args) -> PyResult<Value> {
    tg(vm, &args, "__delete__")?;
    Err(vm.attribute_error("can't delete attribute"))
}

fn tuplegetter_doc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = tg(vm, &args, "__doc__")?;
    Ok(st.doc)
}

fn tuplegetter_doc_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, st) = tg(vm, &args, "__doc__")?;
    st.doc = args.pos.get(1).copied().unwrap_or(Value::NONE);
    Ok(Value::NONE)
}

fn tuplegetter_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, st) = tg(vm, &args, "__reduce__")?;
    let (index, doc) = (st.index, st.doc);
    let cls = type_of(vm, me);
    let i = vm.new_int(index);
    let t = vm.new_tuple(vec![i, doc]);
    Ok(vm.new_tuple(vec![cls, t]))
}

// ----- the module -----

pub fn collections_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_collections");

    let deque = new_class(vm, "collections", "deque", &[], Layout::Object, false);
    let deque_methods: &[(&'static str, NativeFn)] = &[
        ("__new__", deque_new),
        ("__init__", deque_init),
        ("append", deque_append),
        ("appendleft", deque_appendleft),
        ("pop", deque_pop),
        ("popleft", deque_popleft),
        ("extend", deque_extend),
        ("extendleft", deque_extendleft),
        ("rotate", deque_rotate),
        ("reverse", deque_reverse),
        ("clear", deque_clear),
        ("copy", deque_copy),
        ("__copy__", deque_dunder_copy),
        ("count", deque_count),
        ("index", deque_index),
        ("insert", deque_insert),
        ("remove", deque_remove),
        ("__len__", deque_len),
        ("__contains__", deque_contains),
        ("__getitem__", deque_getitem),
        ("__setitem__", deque_setitem),
        ("__delitem__", deque_delitem),
        ("__iter__", deque_iter),
        ("__reversed__", deque_reversed),
        ("__repr__", deque_repr),
        ("__eq__", deque_eq),
        ("__ne__", deque_ne),
        ("__lt__", deque_lt),
        ("__le__", deque_le),
        ("__gt__", deque_gt),
        ("__ge__", deque_ge),
        ("__add__", deque_add),
        ("__mul__", deque_mul),
        ("__rmul__", deque_mul),
        ("__iadd__", deque_iadd),
        ("__imul__", deque_imul),
        ("__reduce__", deque_reduce),
    ];
    methods(vm, deque, deque_methods);
    vm.set_attr_str(deque, "__hash__", Value::NONE);
    let fset = vm.new_native("maxlen", deque_maxlen_set, Value::NONE);
    property(vm, deque, "maxlen", deque_maxlen, fset);
    super::native::classmethod(vm, deque, "__class_getitem__", class_getitem);
    set(vm, m, "deque", deque);

    for (name, new) in [
        ("_deque_iterator", dequeiter_new as NativeFn),
        ("_deque_reverse_iterator", dequereviter_new),
    ] {
        let c = new_class(vm, "_collections", name, &[], Layout::Object, false);
        methods(
            vm,
            c,
            &[
                ("__new__", new),
                ("__iter__", iter_self),
                ("__next__", dequeiter_next),
                ("__length_hint__", dequeiter_length_hint),
            ],
        );
        set(vm, m, name, c);
    }

    let dict = vm.t.dict;
    let dd = new_class(
        vm,
        "collections",
        "defaultdict",
        &[dict],
        Layout::Dict,
        false,
    );
    // The factory lives in the instance's attribute store, behind a property.
    let fset = vm.new_native("default_factory", defaultdict_factory_set, Value::NONE);
    property(vm, dd, "default_factory", defaultdict_factory, fset);
    methods(
        vm,
        dd,
        &[
            ("__init__", defaultdict_init),
            ("__missing__", defaultdict_missing),
            ("__repr__", defaultdict_repr),
            ("copy", defaultdict_copy),
            ("__copy__", defaultdict_copy),
            ("__reduce__", defaultdict_reduce),
            ("__or__", defaultdict_or),
            ("__ror__", defaultdict_ror),
            ("__ior__", defaultdict_ior),
        ],
    );
    super::native::classmethod(vm, dd, "__class_getitem__", class_getitem);
    set(vm, m, "defaultdict", dd);

    let tgc = new_class(
        vm,
        "_collections",
        "_tuplegetter",
        &[],
        Layout::Object,
        false,
    );
    methods(
        vm,
        tgc,
        &[
            ("__new__", tuplegetter_new),
            ("__get__", tuplegetter_get),
            ("__set__", tuplegetter_set),
            ("__delete__", tuplegetter_delete),
            ("__reduce__", tuplegetter_reduce),
        ],
    );
    let fset = vm.new_native("__doc__", tuplegetter_doc_set, Value::NONE);
    property(vm, tgc, "__doc__", tuplegetter_doc, fset);
    set(vm, m, "_tuplegetter", tgc);

    vm.add_native(m, "_count_elements", count_elements);
    Ok(m)
}
