//! The special methods of the builtin types as real attributes
//! (`int.__add__`, `list.__contains__`, `float.__trunc__`, …), so that
//! `super().__add__(x)`, `list.__len__(a)` and explicit dunder calls work.
//! Each delegates to the same native code the operators use.

use molt_vm::bytecode::{BinOp, CmpOp, UnOp};
use molt_vm::object::NativeFn;
use molt_vm::ops::arith::native_binary;
use molt_vm::ops::compare::native_compare;
use molt_vm::ops::{self};
use molt_vm::{Args, PyResult, Value, Vm};

fn two(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Value, Value)> {
    if args.pos.len() != 2 {
        let msg = format!(
            "{} expected 1 argument, got {}",
            name,
            args.pos.len().saturating_sub(1)
        );
        return Err(vm.type_error(msg));
    }
    Ok((args.pos[0], args.pos[1]))
}

fn not_implemented(r: Option<Value>) -> Value {
    r.unwrap_or(Value::NOT_IMPLEMENTED)
}

macro_rules! binops {
    ($($op:ident: $fwd:ident $rev:ident),* $(,)?) => {
        $(
            fn $fwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($fwd))?;
                Ok(not_implemented(native_binary(vm, BinOp::$op, a, b)?))
            }
            fn $rev(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($rev))?;
                Ok(not_implemented(native_binary(vm, BinOp::$op, b, a)?))
            }
        )*
        const BINARY: &[(BinOp, NativeFn, NativeFn)] = &[$((BinOp::$op, $fwd, $rev),)*];
    };
}

binops! {
    Add: add radd, Sub: sub rsub, Mul: mul rmul, TrueDiv: truediv rtruediv, FloorDiv: floordiv rfloordiv,
    Mod: modulo rmod, Pow: pow rpow, LShift: lshift rlshift, RShift: rshift rrshift, And: and rand,
    Or: or ror, Xor: xor rxor,
}

macro_rules! cmpops {
    ($($op:ident: $f:ident),* $(,)?) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($f))?;
                Ok(not_implemented(native_compare(vm, CmpOp::$op, a, b)?))
            }
        )*
        const COMPARE: &[(CmpOp, NativeFn)] = &[$((CmpOp::$op, $f),)*];
    };
}

cmpops! { Lt: lt, Le: le, Eq: eq, Ne: ne, Gt: gt, Ge: ge }

fn iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__iadd__")?;
    ops::inplace(vm, BinOp::Add, a, b)
}
fn imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__imul__")?;
    ops::inplace(vm, BinOp::Mul, a, b)
}
fn contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__contains__")?;
    Ok(Value::bool(ops::compare::contains(vm, a, b)?))
}
fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = ops::convert::len(vm, args.pos[0])?;
    Ok(vm.new_int(n as i64))
}
fn getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__getitem__")?;
    ops::getitem(vm, a, b)
}
fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::get_iter(vm, args.pos[0])
}
fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = ops::hash(vm, args.pos[0])?;
    Ok(vm.new_int(h))
}
fn bool_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::bool(ops::truthy(vm, args.pos[0])?))
}
fn repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = ops::repr::repr_builtin(vm, args.pos[0])?;
    Ok(vm.new_string(s))
}
fn neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnOp::Neg, args.pos[0])
}
fn pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnOp::Pos, args.pos[0])
}
fn invert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnOp::Invert, args.pos[0])
}
fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = vm.intern("abs");
    let b = vm.builtins;
    let abs_fn = vm.dict_get_str(b, f).unwrap();
    ops::call1(vm, abs_fn, args.pos[0])
}
fn to_int(vm: &mut Vm, args: Args) -> PyResult<Value> {
    crate::constructors::int_from(vm, args.pos[0], None)
}
fn to_float(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::float(ops::to_f64(vm, args.pos[0])?))
}
fn float_round_to(vm: &mut Vm, args: &Args, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = ops::to_f64(vm, args.pos[0])?;
    if !x.is_finite() {
        return Err(if x.is_nan() {
            vm.value_error("cannot convert float NaN to integer")
        } else {
            vm.overflow_error("cannot convert float infinity to integer")
        });
    }
    Ok(vm.new_bigint(crate::constructors::float_to_bigint(f(x))))
}
fn trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_round_to(vm, &args, f64::trunc)
}
fn floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_round_to(vm, &args, f64::floor)
}
fn ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_round_to(vm, &args, f64::ceil)
}
fn int_identity(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(ops::arith::int_value(vm, args.pos[0]))
}

pub fn register(vm: &mut Vm) {
    let t = &vm.t;
    let numbers = [t.int, t.bool_, t.float, t.complex];
    let sequences = [t.str_, t.bytes, t.bytearray, t.list, t.tuple];
    let containers = [
        t.str_,
        t.bytes,
        t.bytearray,
        t.list,
        t.tuple,
        t.dict,
        t.set,
        t.frozenset,
        t.range,
    ];
    let sets = [t.set, t.frozenset];
    let (list, dict, int, float) = (t.list, t.dict, t.int, t.float);
    let all: Vec<Value> = numbers.iter().chain(containers.iter()).copied().collect();
    let add = |vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn| {
        let key = vm.intern(name);
        if vm
            .dict_get_str(molt_vm::vm::class_data(cls).dict, key)
            .is_none()
        {
            vm.add_native(cls, name, f);
        }
    };
    for &cls in numbers.iter() {
        for (op, f, r) in BINARY {
            add(vm, cls, op.dunder(), *f);
            add(vm, cls, op.rdunder(), *r);
        }
        add(vm, cls, "__neg__", neg);
        add(vm, cls, "__pos__", pos);
        add(vm, cls, "__abs__", abs);
        add(vm, cls, "__bool__", bool_);
    }
    for cls in [int, vm.t.bool_] {
        add(vm, cls, "__invert__", invert);
        add(vm, cls, "__int__", int_identity);
        add(vm, cls, "__index__", int_identity);
        add(vm, cls, "__float__", to_float);
        add(vm, cls, "__trunc__", int_identity);
        add(vm, cls, "__floor__", int_identity);
        add(vm, cls, "__ceil__", int_identity);
        add(vm, cls, "__round__", crate::functions::round);
    }
    add(vm, float, "__round__", crate::functions::round);
    for cls in [int, vm.t.bool_, float, vm.t.complex, vm.t.str_] {
        add(vm, cls, "__format__", format);
    }
    add(vm, float, "__int__", to_int);
    add(vm, float, "__float__", to_float);
    add(vm, float, "__trunc__", trunc);
    add(vm, float, "__floor__", floor);
    add(vm, float, "__ceil__", ceil);
    for &cls in sequences.iter() {
        for (op, f, r) in BINARY
            .iter()
            .filter(|(op, _, _)| matches!(op, BinOp::Add | BinOp::Mul | BinOp::Mod))
        {
            add(vm, cls, op.dunder(), *f);
            if *op == BinOp::Mul {
                add(vm, cls, op.rdunder(), *r);
            }
        }
    }
    for &cls in sets.iter() {
        for (op, f, r) in BINARY
            .iter()
            .filter(|(op, _, _)| matches!(op, BinOp::And | BinOp::Or | BinOp::Xor | BinOp::Sub))
        {
            add(vm, cls, op.dunder(), *f);
            add(vm, cls, op.rdunder(), *r);
        }
    }
    add(vm, dict, "__or__", or);
    add(vm, list, "__iadd__", iadd);
    add(vm, list, "__imul__", imul);
    for &cls in all.iter() {
        for (op, f) in COMPARE {
            add(vm, cls, op.dunder(), *f);
        }
        let t = &vm.t;
        if [t.list, t.dict, t.set, t.bytearray]
            .iter()
            .any(|c| c.is(cls))
        {
            // Mutable containers are unhashable: `__hash__` is None.
            let k = vm.intern("__hash__");
            vm.dict_set_str(molt_vm::vm::class_data(cls).dict, k, Value::NONE);
        } else {
            add(vm, cls, "__hash__", hash);
        }
        add(vm, cls, "__repr__", repr);
    }
    for &cls in containers.iter() {
        add(vm, cls, "__contains__", contains);
        add(vm, cls, "__len__", len);
        if !sets.iter().any(|s| s.is(cls)) {
            add(vm, cls, "__getitem__", getitem);
        }
        add(vm, cls, "__iter__", iter);
    }
}

/// `int.__format__`, `float.__format__`, `complex.__format__`, `str.__format__`.
fn format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "__format__", &Args::new(&args.pos[1..]), 1, 1)?;
    let spec = match ops::str_of(args.pos[1]) {
        Some(s) => s.to_string(),
        None => {
            let msg = format!(
                "__format__() argument must be str, not {}",
                molt_vm::class::type_name(vm, args.pos[1])
            );
            return Err(vm.type_error(msg));
        }
    };
    if spec.is_empty() {
        // CPython: an empty spec is str(self), which a subclass may override.
        return ops::to_str(vm, args.pos[0]);
    }
    let s = molt_vm::format::format_builtin(vm, args.pos[0], &spec)?;
    Ok(vm.new_string(s))
}
