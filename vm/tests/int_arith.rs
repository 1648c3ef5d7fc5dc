//! Property tests: int arithmetic through the VM's operators agrees with
//! num-bigint under Python's semantics (floor division, modulo with the
//! divisor's sign, shifts), across the immediate/big-int boundary.

use molt_vm::bytecode::{BinOp, CmpOp};
use molt_vm::ops::{self, arith::to_bigint};
use molt_vm::{Value, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use proptest::prelude::*;

fn int(vm: &mut Vm, b: &BigInt) -> Value {
    vm.new_bigint(b.clone())
}

fn big() -> impl Strategy<Value = BigInt> {
    prop_oneof![
        any::<i64>().prop_map(BigInt::from),
        (-1000i64..1000).prop_map(BigInt::from),
        ((1i64 << 46)..(1i64 << 48)).prop_map(BigInt::from),
        any::<i128>().prop_map(BigInt::from),
    ]
}

fn check(vm: &mut Vm, op: BinOp, a: &BigInt, b: &BigInt) -> Result<(), TestCaseError> {
    let (x, y) = (int(vm, a), int(vm, b));
    let got = ops::binary(vm, op, x, y);
    let want: Option<BigInt> = match op {
        BinOp::Add => Some(a + b),
        BinOp::Sub => Some(a - b),
        BinOp::Mul => Some(a * b),
        BinOp::FloorDiv => (!b.is_zero()).then(|| a.div_floor(b)),
        BinOp::Mod => (!b.is_zero()).then(|| a.mod_floor(b)),
        BinOp::And => Some(a & b),
        BinOp::Or => Some(a | b),
        BinOp::Xor => Some(a ^ b),
        _ => unreachable!(),
    };
    match (got, want) {
        (Ok(v), Some(w)) => {
            prop_assert_eq!(to_bigint(v).unwrap(), w.clone());
            // Values that fit stay immediate.
            let fits = w >= BigInt::from(molt_vm::value::SMALL_INT_MIN)
                && w <= BigInt::from(molt_vm::value::SMALL_INT_MAX);
            prop_assert_eq!(v.is_small_int(), fits);
        }
        (Err(e), None) => prop_assert!(vm.exc_matches(e.0, vm.exc.ZeroDivisionError)),
        (Ok(v), None) => prop_assert!(false, "expected ZeroDivisionError, got {:?}", to_bigint(v)),
        (Err(_), Some(w)) => prop_assert!(false, "unexpected error, expected {}", w),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arithmetic_matches_bigint(a in big(), b in big()) {
        let mut vm = Vm::new();
        for op in [BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::FloorDiv, BinOp::Mod, BinOp::And, BinOp::Or, BinOp::Xor] {
            check(&mut vm, op, &a, &b)?;
        }
    }

    #[test]
    fn shifts_match_bigint(a in big(), s in 0usize..100) {
        let mut vm = Vm::new();
        let x = int(&mut vm, &a);
        let sv = Value::small_int(s as i64).unwrap();
        let l = ops::binary(&mut vm, BinOp::LShift, x, sv).ok().and_then(to_bigint).unwrap();
        prop_assert_eq!(l, &a << s);
        let r = ops::binary(&mut vm, BinOp::RShift, x, sv).ok().and_then(to_bigint).unwrap();
        // Python's >> floors toward negative infinity.
        prop_assert_eq!(r, a.div_floor(&(BigInt::from(1) << s)));
    }

    #[test]
    fn comparisons_match_bigint(a in big(), b in big()) {
        let mut vm = Vm::new();
        let (x, y) = (int(&mut vm, &a), int(&mut vm, &b));
        let lt = ops::compare(&mut vm, CmpOp::Lt, x, y).unwrap();
        prop_assert_eq!(lt.is(Value::TRUE), a < b);
        let eq = ops::compare(&mut vm, CmpOp::Eq, x, y).unwrap();
        prop_assert_eq!(eq.is(Value::TRUE), a == b);
    }

    #[test]
    fn equal_ints_hash_equal_across_representations(a in big()) {
        let mut vm = Vm::new();
        let x = int(&mut vm, &a);
        let h = ops::hash(&mut vm, x).unwrap();
        if let Some(f) = num_traits::ToPrimitive::to_f64(&a) {
            if BigInt::from(f as i128) == a && f.abs() < 1e30 {
                prop_assert_eq!(h, ops::hash(&mut vm, Value::float(f)).unwrap());
            }
        }
        prop_assert!(h != -1);
        let _ = a.is_negative();
    }
}

#[test]
fn pow_and_division_edge_cases() {
    let mut vm = Vm::new();
    let two = Value::small_int(2).unwrap();
    let e = Value::small_int(100).unwrap();
    let r = ops::binary(&mut vm, BinOp::Pow, two, e).unwrap();
    assert_eq!(to_bigint(r).unwrap(), BigInt::from(1) << 100usize);
    let neg = Value::small_int(-7).unwrap();
    let r = ops::binary(&mut vm, BinOp::FloorDiv, neg, two).unwrap();
    assert_eq!(r.as_small_int(), -4);
    let r = ops::binary(&mut vm, BinOp::Mod, neg, two).unwrap();
    assert_eq!(r.as_small_int(), 1);
    let r = ops::binary(&mut vm, BinOp::TrueDiv, neg, two).unwrap();
    assert_eq!(r.as_float(), -3.5);
}
