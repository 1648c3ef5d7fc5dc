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
