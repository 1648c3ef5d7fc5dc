//! The collector frees unreachable objects (cycles included) and keeps
//! everything reachable from roots.

use molt_vm::object::Kind;
use molt_vm::{Value, Vm};

fn list_items(v: Value) -> Vec<Value> {
    match &v.as_obj().kind {
        Kind::List(l) => l.get().clone(),
        _ => panic!("not a list"),
    }
}

fn link(a: Value, b: Value) {
    if let Kind::List(l) = &a.as_obj().kind {
        l.get().push(b);
    }
}

#[test]
fn unreachable_cycles_are_freed() {
    let mut vm = Vm::new();
    vm.collect();
    let base = vm.heap.live_objects();
    for _ in 0..10_000 {
        let a = vm.new_list(vec![]);
        let b = vm.new_list(vec![a]);
        link(a, b);
    }
    assert!(vm.heap.live_objects() >= base + 20_000);
    vm.pinned.clear();
    vm.collect();
    assert_eq!(
        vm.heap.live_objects(),
        base,
        "cyclic garbage survived a collection"
    );
}

#[test]
fn rooted_and_pinned_objects_survive() {
    let mut vm = Vm::new();
    let s = vm.new_str("kept alive through a list");
    let kept = vm.new_list(vec![s]);
    vm.roots.push(kept);
    vm.pinned.clear();
    let pinned = vm.new_tuple(vec![Value::small_int(7).unwrap()]);
    vm.collect();
    // Both are still intact after collection.
    assert_eq!(
        molt_vm::ops::str_of(list_items(kept)[0]),
        Some("kept alive through a list")
    );
    assert_eq!(
        molt_vm::ops::tuple_items(pinned).unwrap()[0].as_small_int(),
        7
    );
}

#[test]
fn collection_runs_only_when_the_budget_is_spent() {
    let mut vm = Vm::new();
    let before = vm.heap.collections;
    vm.safepoint(0).unwrap();
    assert_eq!(vm.heap.collections, before);
    for _ in 0..100_000 {
        vm.new_list(vec![]);
    }
    vm.safepoint(0).unwrap();
    assert_eq!(vm.heap.collections, before + 1);
}

#[test]
fn exported_objects_are_roots_until_released() {
    let mut vm = Vm::new();
    vm.pinned.clear();
    vm.collect();
    let base = vm.heap.live_objects();
    let s = vm.new_str("only reachable through a handle");
    let list = vm.new_list(vec![s]);
    let h = vm.handles.export(list).unwrap();
    // A weak reference (itself rooted) tells whether the list died.
    let object = vm.t.object;
    let weak = vm.new_weakref(object, list, Value::NONE);
    vm.roots.push(weak);
    vm.pinned.clear();
    vm.collect();
    assert_eq!(vm.heap.live_objects(), base + 3);
    let back = vm.handles.resolve(h).unwrap();
    assert!(back.is(list));
    assert!(molt_vm::weakref::weak_referent(weak).is(list));
    assert_eq!(
        molt_vm::ops::str_of(list_items(back)[0]),
        Some("only reachable through a handle")
    );
    // Another thread can resolve it too (it gets the same word).
    let table = vm.handles.clone();
    let bits = std::thread::spawn(move || table.resolve(h).unwrap().0)
        .join()
        .unwrap();
    assert_eq!(bits, list.0);

    vm.handles.release(h).unwrap();
    vm.collect();
    assert!(molt_vm::weakref::weak_referent(weak).is_none());
    assert_eq!(vm.heap.live_objects(), base + 1, "only the weakref is left");
    assert_eq!(
        vm.handles.resolve(h),
        Err(molt_vm::handles::HandleError::Stale)
    );
    assert!(vm.handles.is_empty());
}
