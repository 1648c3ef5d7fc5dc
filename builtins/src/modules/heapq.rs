//! `_heapq`: the heap-queue functions of CPython 3.11's C module under
//! `heapq.py`, on lists (and list subclasses), comparing with Python's `<`.
//!
//! A comparison may run Python code that changes the list, so after each
//! one the length is checked again ("list changed size during iteration")
//! and the items are read again before they are moved, as CPython does;
//! the compared items are pinned meanwhile, since the list may drop them.

use super::native::pin;
use molt_vm::bytecode::CmpOp;
use molt_vm::class::type_name;
use molt_vm::object::{GcCell, Kind, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

/// A heap: the items of a list (or list subclass) argument.
type Heap = &'static GcCell<Vec<Value>>;

fn items(heap: Heap) -> &'static mut Vec<Value> {
    heap.get()
}

fn len(heap: Heap) -> usize {
    heap.get().len()
}

fn changed(vm: &mut Vm) -> molt_vm::PyErr {
    vm.runtime_error("list changed size during iteration")
}

fn out_of_range(vm: &mut Vm) -> molt_vm::PyErr {
    vm.index_error("index out of range")
}

/// `a < b`, keeping both alive while Python code runs.
fn less(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let base = vm.pinned.len();
    pin(vm, a);
    pin(vm, b);
    let r = ops::compare::richcompare_bool(vm, CmpOp::Lt, a, b);
    vm.pinned.truncate(base);
    r
}

/// Move the item at `pos` up towards `start` while it is smaller than its
/// parent (larger, for a max-heap).
fn sift_down(vm: &mut Vm, heap: Heap, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = len(heap);
    if pos >= size {
        return Err(out_of_range(vm));
    }
    let mut newitem = items(heap)[pos];
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = items(heap)[parentpos];
        let up = if max {
            less(vm, parent, newitem)?
        } else {
            less(vm, newitem, parent)?
        };
        if size != len(heap) {
            return Err(changed(vm));
        }
        if !up {
            break;
        }
        // Read both again: the comparison may have replaced them.
        items(heap).swap(parentpos, pos);
        newitem = items(heap)[parentpos];
        pos = parentpos;
    }
    Ok(())
}

/// Move the item at `pos` down to a leaf along the smaller children, then
/// back up to its place (fewer comparisons than stopping early).
fn sift_up(vm: &mut Vm, heap: Heap, mut pos: usize, max: bool) -> PyResult<()> {
    let end = len(heap);
    let start = pos;
    if pos >= end {
        return Err(out_of_range(vm));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (l, r) = (items(heap)[child], items(heap)[child + 1]);
            let left_first = if max {
                less(vm, r, l)?
            } else {
                less(vm, l, r)?
            };
            if end != len(heap) {
                return Err(changed(vm));
            }
            if !left_first {
                child += 1;
            }
        }
        items(heap).swap(child, pos);
        pos = child;
    }
    sift_down(vm, heap, start, pos, max)
}

/// The list argument, or CPython's TypeError (`argument 1` when the
/// function takes two).
fn heap_arg(vm: &mut Vm, fname: &str, v: Value, numbered: bool) -> PyResult<Heap> {
    if let Some(Kind::List(l)) = v.obj().map(|o| &o.kind) {
        return Ok(l);
    }
    let msg = format!(
        "{}() argument{} must be list, not {}",
        fname,
        if numbered { " 1" } else { "" },
        type_name(vm, v)
    );
    Err(vm.type_error(msg))
}

/// The heap of a one-argument function.
fn one(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<Heap> {
    if args.has_kw() {
        return Err(vm.type_error(format!("_heapq.{}() takes no keyword arguments", fname)));
    }
    if args.pos.len() != 1 {
        let msg = format!(
            "_heapq.{}() takes exactly one argument ({} given)",
            fname,
            args.pos.len()
        );
        return Err(vm.type_error(msg));
    }
    heap_arg(vm, fname, args.pos[0], false)
}

/// The heap and item of a two-argument function.
fn two(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(Heap, Value)> {
    if args.has_kw() {
        return Err(vm.type_error(format!("_heapq.{}() takes no keyword arguments", fname)));
    }
    if args.pos.len() != 2 {
        let msg = format!("{} expected 2 arguments, got {}", fname, args.pos.len());
        return Err(vm.type_error(msg));
    }
    Ok((heap_arg(vm, fname, args.pos[0], true)?, args.pos[1]))
}

fn heappush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (heap, item) = two(vm, &args, "heappush")?;
    items(heap).push(item);
    let last = len(heap) - 1;
    sift_down(vm, heap, 0, last, false)?;
    Ok(Value::NONE)
}

fn pop(vm: &mut Vm, heap: Heap, max: bool) -> PyResult<Value> {
    let Some(last) = items(heap).pop() else {
        return Err(out_of_range(vm));
    };
    let v = items(heap);
    if v.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut v[0], last);
    pin(vm, top);
    sift_up(vm, heap, 0, max)?;
    Ok(top)
}

fn replace(vm: &mut Vm, heap: Heap, item: Value, max: bool) -> PyResult<Value> {
    let v = items(heap);
    if v.is_empty() {
        return Err(out_of_range(vm));
    }
    let top = std::mem::replace(&mut v[0], item);
    pin(vm, top);
    sift_up(vm, heap, 0, max)?;
    Ok(top)
}

fn heapify_with(vm: &mut Vm, heap: Heap, max: bool) -> PyResult<Value> {
    // Sift every parent, the last first; leaves are heaps already.
    for i in (0..len(heap) / 2).rev() {
        sift_up(vm, heap, i, max)?;
    }
    Ok(Value::NONE)
}

fn heappop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let heap = one(vm, &args, "heappop")?;
    pop(vm, heap, false)
}

fn heapreplace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (heap, item) = two(vm, &args, "heapreplace")?;
    replace(vm, heap, item, false)
}

fn heappushpop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (heap, item) = two(vm, &args, "heappushpop")?;
    let Some(&top) = items(heap).first() else {
        return Ok(item);
    };
    if !less(vm, top, item)? {
        return Ok(item);
    }
    // The comparison may have emptied the list.
    if items(heap).is_empty() {
        return Err(out_of_range(vm));
    }
    replace(vm, heap, item, false)
}

fn heapify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let heap = one(vm, &args, "heapify")?;
    heapify_with(vm, heap, false)
}

fn heapify_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let heap = one(vm, &args, "_heapify_max")?;
    heapify_with(vm, heap, true)
}

fn heappop_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let heap = one(vm, &args, "_heappop_max")?;
    pop(vm, heap, true)
}

fn heapreplace_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (heap, item) = two(vm, &args, "_heapreplace_max")?;
    replace(vm, heap, item, true)
}

/// `_heapq.__about__` (CPython has a long essay on heaps here).
const ABOUT: &str = "Heap queues\n\nHeaps are lists where a[k] <= a[2*k+1] and a[k] <= a[2*k+2]\n\
for every k, so a[0] is the smallest item.\n";

pub fn heapq_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_heapq");
    let fns: &[(&'static str, NativeFn)] = &[
        ("heappush", heappush),
        ("heappop", heappop),
        ("heapreplace", heapreplace),
        ("heappushpop", heappushpop),
        ("heapify", heapify),
        ("_heapify_max", heapify_max),
        ("_heappop_max", heappop_max),
        ("_heapreplace_max", heapreplace_max),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    let about = vm.new_str(ABOUT);
    super::set(vm, m, "__about__", about);
    Ok(m)
}
