//! `math`: CPython's results and errors for the functions of libm.

use super::set;
use molt_vm::class::type_name;
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

fn f1(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    ops::call::check_args(vm, name, args, 1, 1)?;
    ops::to_f64(vm, args.pos[0])
}

fn domain(vm: &mut Vm) -> molt_vm::PyErr {
    vm.value_error("math domain error")
}

fn checked(vm: &mut Vm, r: f64, x: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

macro_rules! math_fn {
    ($name:ident, $pyname:literal, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let x = f1(vm, &args, $pyname)?;
            let f: fn(f64) -> f64 = $f;
            checked(vm, f(x), x)
        }
    };
}

math_fn!(m_sin, "sin", f64::sin);
math_fn!(m_cos, "cos", f64::cos);
math_fn!(m_tan, "tan", f64::tan);
math_fn!(m_asin, "asin", f64::asin);
math_fn!(m_acos, "acos", f64::acos);
math_fn!(m_atan, "atan", f64::atan);
math_fn!(m_sinh, "sinh", f64::sinh);
math_fn!(m_cosh, "cosh", f64::cosh);
math_fn!(m_tanh, "tanh", f64::tanh);
math_fn!(m_exp, "exp", f64::exp);
math_fn!(m_expm1, "expm1", f64::exp_m1);
math_fn!(m_log1p, "log1p", f64::ln_1p);
math_fn!(m_fabs, "fabs", f64::abs);
math_fn!(m_degrees, "degrees", f64::to_degrees);
math_fn!(m_radians, "radians", f64::to_radians);

fn m_sqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "sqrt")?;
    if x < 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.sqrt()))
}

fn m_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "log", &args, 1, 2)?;
    let ln = |vm: &mut Vm, v: Value| -> PyResult<f64> {
        // Big ints: log of the value without converting it to a float first.
        if let Some(Num::Big(b)) = num_of(v) {
            if b.is_positive() {
                let bits = b.bits() as i64;
                let shift = (bits - 60).max(0) as usize;
                let top = (b >> shift).to_f64().unwrap_or(f64::MAX);
                return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
            }
            return Err(domain(vm));
        }
        let x = ops::to_f64(vm, v)?;
        if x <= 0.0 {
            return Err(domain(vm));
        }
        Ok(x.ln())
    };
    let a = ln(vm, args.pos[0])?;
    if args.pos.len() == 2 {
        let b = ln(vm, args.pos[1])?;
        if b == 0.0 {
            return Err(vm.zero_division("float division by zero"));
        }
        return Ok(Value::float(a / b));
    }
    Ok(Value::float(a))
}

fn m_log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "log2")?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log2()))
}

fn m_log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "log10")?;
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x.log10()))
}

fn m_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "pow", &args, 2, 2)?;
    let x = ops::to_f64(vm, args.pos[0])?;
    let y = ops::to_f64(vm, args.pos[1])?;
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain(vm));
    }
    checked(vm, x.powf(y), x)
}

fn m_atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "atan2", &args, 2, 2)?;
    let y = ops::to_f64(vm, args.pos[0])?;
    let x = ops::to_f64(vm, args.pos[1])?;
    Ok(Value::float(y.atan2(x)))
}

fn m_hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for v in args.pos {
        let x = ops::to_f64(vm, *v)?;
        acc = acc.hypot(x);
    }
    Ok(Value::float(acc))
}

fn m_copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "copysign", &args, 2, 2)?;
    let x = ops::to_f64(vm, args.pos[0])?;
    let y = ops::to_f64(vm, args.pos[1])?;
    Ok(Value::float(x.copysign(y)))
}

fn m_fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "fmod", &args, 2, 2)?;
    let x = ops::to_f64(vm, args.pos[0])?;
    let y = ops::to_f64(vm, args.pos[1])?;
    if y == 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::float(x % y))
}

fn round_to_int(
    vm: &mut Vm,
    args: Args,
    name: &str,
    dunder: Value,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    ops::call::check_args(vm, name, &args, 1, 1)?;
    let v = args.pos[0];
    match num_of(v) {
        Some(Num::Small(_)) | Some(Num::Big(_)) => Ok(ops::arith::int_value(vm, v)),
        Some(Num::Float(x)) => {
            if x.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            let b = crate::constructors::float_to_bigint(f(x));
            Ok(vm.new_bigint(b))
        }
        _ => {
            let cls = molt_vm::class::type_of(vm, v);
            match molt_vm::class::lookup(vm, cls, dunder) {
                Some(m) => ops::call1(vm, m, v),
                None => {
                    let x = ops::to_f64(vm, v)?;
                    let b = crate::constructors::float_to_bigint(f(x));
                    Ok(vm.new_bigint(b))
                }
            }
        }
    }
}

fn m_floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = vm.names.__floor__;
    round_to_int(vm, args, "floor", d, f64::floor)
}
fn m_ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = vm.names.__ceil__;
    round_to_int(vm, args, "ceil", d, f64::ceil)
}
fn m_trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = vm.names.__trunc__;
    round_to_int(vm, args, "trunc", d, f64::trunc)
}

fn int_arg(vm: &mut Vm, v: Value, fname: &str) -> PyResult<BigInt> {
    match num_of(v) {
        Some(Num::Small(i)) => Ok(BigInt::from(i)),
        Some(Num::Big(b)) => Ok(b.clone()),
        _ => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            let _ = fname;
            Err(vm.type_error(msg))
        }
    }
}

fn m_gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use num_integer::Integer;
    let mut acc = BigInt::zero();
    for v in args.pos {
        let b = int_arg(vm, *v, "gcd")?;
        acc = acc.gcd(&b);
    }
    Ok(vm.new_bigint(acc))
}

fn m_factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "factorial", &args, 1, 1)?;
    if let Some(Num::Float(_)) = num_of(args.pos[0]) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = ops::to_index(vm, args.pos[0])?;
    if n < 0 {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let mut acc = BigInt::from(1);
    for i in 2..=n {
        acc *= i;
    }
    Ok(vm.new_bigint(acc))
}

fn m_isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "isqrt", &args, 1, 1)?;
    let n = int_arg(vm, args.pos[0], "isqrt")?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn m_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "isnan")?;
    Ok(Value::bool(x.is_nan()))
}
fn m_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "isinf")?;
    Ok(Value::bool(x.is_infinite()))
}
fn m_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = f1(vm, &args, "isfinite")?;
    Ok(Value::bool(x.is_finite()))
}

fn m_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "isclose", &args, 2, 2)?;
    let a = ops::to_f64(vm, args.pos[0])?;
    let b = ops::to_f64(vm, args.pos[1])?;
    let rel = match args.kw("rel_tol") {
        Some(v) => ops::to_f64(vm, v)?,
        None => 1e-9,
    };
    let abs = match args.kw("abs_tol") {
        Some(v) => ops::to_f64(vm, v)?,
        None => 0.0,
    };
    if a == b {
        return Ok(Value::TRUE);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (a - b).abs();
    Ok(Value::bool(
        d <= (rel * b.abs()).max(rel * a.abs()) || d <= abs,
    ))
}

fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "fsum", &args, 1, 1)?;
    // Shewchuk's exact summation (as CPython's msum).
    let mut partials: Vec<f64> = Vec::new();
    for v in ops::iter::collect(vm, args.pos[0])? {
        let mut x = ops::to_f64(vm, v)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(Value::float(partials.iter().sum()))
}

fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut acc = args.kw("start").unwrap_or(Value::small_int_unchecked(1));
    for v in ops::iter::collect(vm, args.pos[0])? {
        acc = ops::binary(vm, molt_vm::bytecode::BinOp::Mul, acc, v)?;
    }
    Ok(acc)
}

pub fn math_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("math");
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        set(vm, m, name, Value::float(v));
    }
    let fns: &[(&'static str, molt_vm::object::NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("exp", m_exp),
        ("expm1", m_expm1),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("pow", m_pow),
        ("fabs", m_fabs),
        ("hypot", m_hypot),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("gcd", m_gcd),
        ("factorial", m_factorial),
        ("isqrt", m_isqrt),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("isclose", m_isclose),
        ("fsum", m_fsum),
        ("prod", m_prod),
        ("degrees", m_degrees),
        ("radians", m_radians),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
