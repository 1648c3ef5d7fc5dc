//! `math`: CPython 3.11's results and errors.
//!
//! Where CPython defers to the C library (sin, exp, erf, cbrt, nextafter, ...)
//! the same libm functions are called here, so results agree bit for bit;
//! where CPython has its own algorithm (gamma, lgamma, hypot/dist, fsum,
//! remainder, log of huge ints, factorial, comb/perm) the same algorithm is
//! used. Errors follow CPython: ValueError("math domain error") for invalid
//! arguments and singularities, OverflowError("math range error") for
//! overflow.

use super::set;
use molt_vm::class::type_name;
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

mod libm {
    extern "C" {
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn cbrt(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn modf(x: f64, ip: *mut f64) -> f64;
    }
}

macro_rules! c1 {
    ($f:ident) => {{
        fn w(x: f64) -> f64 {
            // SAFETY: a pure libm function of one double.
            unsafe { libm::$f(x) }
        }
        w as fn(f64) -> f64
    }};
}

/// The C library's cbrt. The Rust runtime links in a cbrt of its own that
/// shadows the C library's (and rounds differently), so look the C one up.
fn cbrt(x: f64) -> f64 {
    type F = extern "C" fn(f64) -> f64;
    static CBRT: std::sync::OnceLock<Option<F>> = std::sync::OnceLock::new();
    let f = CBRT.get_or_init(|| {
        // SAFETY: dlopen/dlsym with NUL-terminated names; the symbol, when
        // found, is the C library's `double cbrt(double)`.
        unsafe {
            let h = libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_NOW);
            if h.is_null() {
                return None;
            }
            let p = libc::dlsym(h, c"cbrt".as_ptr());
            if p.is_null() {
                None
            } else {
                Some(std::mem::transmute::<*mut libc::c_void, F>(p))
            }
        }
    });
    match f {
        Some(f) => f(x),
        None => c1!(cbrt)(x),
    }
}

fn c_frexp(x: f64) -> (f64, i32) {
    let mut e = 0i32;
    // SAFETY: libm frexp writes the exponent through a valid pointer.
    let m = unsafe { libm::frexp(x, &mut e) };
    (m, e)
}

fn c_ldexp(x: f64, e: i32) -> f64 {
    // SAFETY: pure libm function.
    unsafe { libm::ldexp(x, e) }
}

fn c_fmod(x: f64, y: f64) -> f64 {
    // SAFETY: pure libm function.
    unsafe { libm::fmod(x, y) }
}

fn c_pow(x: f64, y: f64) -> f64 {
    // SAFETY: pure libm function.
    unsafe { libm::pow(x, y) }
}

fn c_nextafter(x: f64, y: f64) -> f64 {
    // SAFETY: pure libm function.
    unsafe { libm::nextafter(x, y) }
}

// ---------------------------------------------------------------------------
// Errors and argument handling

fn domain(vm: &mut Vm) -> PyErr {
    vm.value_error("math domain error")
}

fn range(vm: &mut Vm) -> PyErr {
    vm.overflow_error("math range error")
}

/// How a libm-style computation failed (C's EDOM / ERANGE).
enum MathErr {
    Domain,
    Range,
}

/// CPython's `is_error`: a range error with a small result is an underflow, not an error.
fn raise(vm: &mut Vm, e: MathErr, r: f64) -> PyResult<Value> {
    match e {
        MathErr::Domain => Err(domain(vm)),
        MathErr::Range if r.abs() < 1.5 => Ok(Value::float(r)),
        MathErr::Range => Err(range(vm)),
    }
}

/// One positional argument, no keywords ("math.NAME() takes exactly one argument").
fn one(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    ops::call::check_args(vm, &format!("math.{}", name), args, 1, 1)?;
    Ok(args.pos[0])
}

/// Exactly two positional arguments ("NAME expected 2 arguments, got N").
fn two(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Value, Value)> {
    no_kw(vm, args, name)?;
    ops::call::check_args(vm, name, args, 2, 2)?;
    Ok((args.pos[0], args.pos[1]))
}

fn no_kw(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    ops::call::no_kwargs(vm, &format!("math.{}", name), args)
}

/// Argument Clinic's parsing: `names` are the parameters, the first `posonly`
/// positional-only, at most `maxpos` positional, the first `required` mandatory.
fn clinic(
    vm: &mut Vm,
    fname: &str,
    args: &Args,
    names: &[&str],
    posonly: usize,
    maxpos: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos = args.pos.len();
    let total = npos + args.kwnames.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if total > names.len() {
        let msg = format!(
            "{}() takes at most {} argument{} ({} given)",
            fname,
            names.len(),
            plural(names.len()),
            total
        );
        return Err(vm.type_error(msg));
    }
    let minpos = posonly.min(required);
    if npos > maxpos || npos < minpos {
        let (word, n) = if npos > maxpos {
            (
                if required >= maxpos {
                    "exactly"
                } else {
                    "at most"
                },
                maxpos,
            )
        } else {
            (
                if minpos < maxpos {
                    "at least"
                } else {
                    "exactly"
                },
                minpos,
            )
        };
        let msg = format!(
            "{}() takes {} {} positional argument{} ({} given)",
            fname,
            word,
            n,
            plural(n),
            npos
        );
        return Err(vm.type_error(msg));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in args.pos.iter().enumerate() {
        out[i] = Some(*v);
    }
    let mut used = 0;
    for i in posonly..names.len() {
        if let Some(v) = args.kw(names[i]) {
            if i < npos {
                let msg = format!(
                    "argument for {}() given by name ('{}') and position ({})",
                    fname,
                    names[i],
                    i + 1
                );
                return Err(vm.type_error(msg));
            }
            out[i] = Some(v);
            used += 1;
        } else if i < required && out[i].is_none() {
            let msg = format!(
                "{}() missing required argument '{}' (pos {})",
                fname,
                names[i],
                i + 1
            );
            return Err(vm.type_error(msg));
        }
    }
    if used < args.kwnames.len() {
        for k in args.kwnames {
            let ks = ops::str_of(*k).unwrap_or("");
            if !names[posonly..].contains(&ks) {
                let msg = format!("'{}' is an invalid keyword argument for {}()", ks, fname);
                return Err(vm.type_error(msg));
            }
        }
    }
    Ok(out)
}

fn to_f(vm: &mut Vm, v: Value) -> PyResult<f64> {
    ops::to_f64(vm, v)
}

/// `operator.index(v)` as a BigInt.
fn to_int(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(b) = ops::arith::to_bigint(v) {
        return Ok(b);
    }
    let r = ops::convert::index_value(vm, v)?;
    match ops::arith::to_bigint(r) {
        Some(b) => Ok(b),
        None => {
            let msg = format!("__index__ returned non-int (type {})", type_name(vm, r));
            Err(vm.type_error(msg))
        }
    }
}

// ---------------------------------------------------------------------------
// One-argument functions (CPython's math_1)

/// The result checks of CPython's `math_1`.
fn math_1(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    Ok(Value::float(r))
}

macro_rules! math_fn {
    ($name:ident, $pyname:literal, $f:expr, $ovf:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let v = one(vm, &args, $pyname)?;
            let x = to_f(vm, v)?;
            let f: fn(f64) -> f64 = $f;
            math_1(vm, x, f(x), $ovf)
        }
    };
}

math_fn!(m_sin, "sin", c1!(sin), false);
math_fn!(m_cos, "cos", c1!(cos), false);
math_fn!(m_tan, "tan", c1!(tan), false);
math_fn!(m_asin, "asin", c1!(asin), false);
math_fn!(m_acos, "acos", c1!(acos), false);
math_fn!(m_atan, "atan", c1!(atan), false);
math_fn!(m_sinh, "sinh", c1!(sinh), true);
math_fn!(m_cosh, "cosh", c1!(cosh), true);
math_fn!(m_tanh, "tanh", c1!(tanh), false);
math_fn!(m_asinh, "asinh", c1!(asinh), false);
math_fn!(m_acosh, "acosh", c1!(acosh), false);
math_fn!(m_atanh, "atanh", c1!(atanh), false);
math_fn!(m_exp, "exp", c1!(exp), true);
math_fn!(m_exp2, "exp2", c1!(exp2), true);
math_fn!(m_expm1, "expm1", c1!(expm1), true);
math_fn!(m_cbrt, "cbrt", cbrt, false);
math_fn!(m_sqrt, "sqrt", f64::sqrt, false);
math_fn!(m_fabs, "fabs", f64::abs, false);
math_fn!(m_log1p, "log1p", log1p, false);

fn log1p(x: f64) -> f64 {
    // log1p(+-0.0) keeps the sign of zero.
    if x == 0.0 {
        x
    } else {
        c1!(log1p)(x)
    }
}

fn m_erf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "erf")?;
    let x = to_f(vm, v)?;
    Ok(Value::float(c1!(erf)(x)))
}

fn m_erfc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "erfc")?;
    let x = to_f(vm, v)?;
    Ok(Value::float(c1!(erfc)(x)))
}

fn m_degrees(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "degrees")?;
    let x = to_f(vm, v)?;
    Ok(Value::float(x * (180.0 / std::f64::consts::PI)))
}

fn m_radians(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "radians")?;
    let x = to_f(vm, v)?;
    Ok(Value::float(x * (std::f64::consts::PI / 180.0)))
}

fn m_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "isnan")?;
    let x = to_f(vm, v)?;
    Ok(Value::bool(x.is_nan()))
}

fn m_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "isinf")?;
    let x = to_f(vm, v)?;
    Ok(Value::bool(x.is_infinite()))
}

fn m_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "isfinite")?;
    let x = to_f(vm, v)?;
    Ok(Value::bool(x.is_finite()))
}

// ---------------------------------------------------------------------------
// Gamma functions (CPython's own Lanczos-based implementations)

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
// The denominator x*(x+1)*...*(x+11) as a polynomial.
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
/// Gamma(n) = (n-1)! for n = 1..=23, exactly as the nearest doubles.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];
const LOGPI: f64 = 1.144729885849400174143427351353058711647;

/// The Lanczos sum, a rational function of positive x.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        // Rescaled by x**-12 to avoid overflow for large x.
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x) for finite x, exact at integers and half-integers.
fn sinpi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let y = c_fmod(x.abs(), 2.0);
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => c1!(sin)(pi * y),
        1 => c1!(cos)(pi * (y - 0.5)),
        2 => c1!(sin)(pi * (1.0 - y)),
        3 => -c1!(cos)(pi * (y - 1.5)),
        _ => c1!(sin)(pi * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

fn tgamma(x: f64) -> Result<f64, (MathErr, f64)> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err((MathErr::Domain, f64::NAN));
    }
    if x == 0.0 {
        return Err((MathErr::Domain, f64::INFINITY.copysign(x)));
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err((MathErr::Domain, f64::NAN));
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        if r.is_infinite() {
            return Err((MathErr::Range, r));
        }
        return Ok(r);
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err((MathErr::Range, f64::INFINITY));
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, for the correction factor.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let exp = c1!(exp);
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= c_pow(y, absx - 0.5);
        } else {
            let s = c_pow(y, absx / 2.0 - 0.25);
            r /= s;
            r /= s;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= c_pow(y, absx - 0.5);
        } else {
            let s = c_pow(y, absx / 2.0 - 0.25);
            r *= s;
            r *= s;
        }
    }
    if r.is_infinite() {
        return Err((MathErr::Range, r));
    }
    Ok(r)
}

fn lgamma(x: f64) -> Result<f64, (MathErr, f64)> {
    if !x.is_finite() {
        if x.is_nan() {
            return Ok(x);
        }
        return Ok(f64::INFINITY);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err((MathErr::Domain, f64::INFINITY));
        }
        return Ok(0.0);
    }
    let log = c1!(log);
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-log(absx));
    }
    let mut r = log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOGPI - log(sinpi(absx).abs()) - log(absx) - r;
    }
    if r.is_infinite() {
        return Err((MathErr::Range, r));
    }
    Ok(r)
}

fn m_gamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "gamma")?;
    let x = to_f(vm, v)?;
    match tgamma(x) {
        Ok(r) => Ok(Value::float(r)),
        Err((e, r)) => raise(vm, e, r),
    }
}

fn m_lgamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "lgamma")?;
    let x = to_f(vm, v)?;
    match lgamma(x) {
        Ok(r) => Ok(Value::float(r)),
        Err((e, r)) => raise(vm, e, r),
    }
}

// ---------------------------------------------------------------------------
// Logarithms

fn log_e(x: f64) -> Result<f64, f64> {
    log_special(x, c1!(log))
}

fn log_2(x: f64) -> Result<f64, f64> {
    log_special(x, c1!(log2))
}

fn log_10(x: f64) -> Result<f64, f64> {
    log_special(x, c1!(log10))
}

/// Special values of a logarithm; Err carries the C result of a domain error.
fn log_special(x: f64, f: fn(f64) -> f64) -> Result<f64, f64> {
    if x.is_nan() {
        return Ok(x);
    }
    if x > 0.0 {
        return Ok(if x.is_infinite() { x } else { f(x) });
    }
    if x == 0.0 {
        Err(f64::NEG_INFINITY)
    } else {
        Err(f64::NAN)
    }
}

/// A positive BigInt as (m, e) with m in [0.5, 1), n ~= m * 2**e, m correctly rounded.
fn big_frexp(b: &BigInt) -> (f64, i64) {
    let bits = b.bits() as i64;
    let (top, shift) = if bits > 64 {
        let shift = (bits - 64) as usize;
        let t: BigInt = b >> shift;
        let mut t = t.to_u64().unwrap_or(u64::MAX);
        // A sticky bit for the discarded low bits keeps the rounding correct.
        if b.trailing_zeros().map_or(true, |z| (z as usize) < shift) {
            t |= 1;
        }
        (t, shift as i64)
    } else {
        (b.to_u64().unwrap_or(0), 0)
    };
    let f = top as f64; // correctly rounded (half-even)
    let (m, e) = c_frexp(f);
    (m, e as i64 + shift)
}

/// CPython's `loghelper`: logarithm of ints of any size, else of the float value.
fn loghelper(vm: &mut Vm, v: Value, f: fn(f64) -> Result<f64, f64>) -> PyResult<f64> {
    if let Some(b) = ops::arith::to_bigint(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        return match b.to_f64().filter(|x| x.is_finite()) {
            Some(x) => Ok(f(x).unwrap_or(f64::NAN)),
            None => {
                let (m, e) = big_frexp(&b);
                Ok(f(m).unwrap_or(f64::NAN) + f(2.0).unwrap_or(f64::NAN) * e as f64)
            }
        };
    }
    let x = to_f(vm, v)?;
    match f(x) {
        Ok(r) => {
            if r.is_nan() && !x.is_nan() || r.is_infinite() && x.is_finite() {
                return Err(domain(vm));
            }
            Ok(r)
        }
        Err(_) => Err(domain(vm)),
    }
}

fn m_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::no_kwargs(vm, "log", &args)?;
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, args.pos[0], log_e)?;
    if args.pos.len() == 2 {
        let den = loghelper(vm, args.pos[1], log_e)?;
        if den == 0.0 {
            return Err(vm.zero_division("float division by zero"));
        }
        return Ok(Value::float(num / den));
    }
    Ok(Value::float(num))
}

fn m_log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "log2")?;
    Ok(Value::float(loghelper(vm, v, log_2)?))
}

fn m_log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "log10")?;
    Ok(Value::float(loghelper(vm, v, log_10)?))
}

// ---------------------------------------------------------------------------
// Two-argument float functions (CPython's math_2 and friends)

/// The result checks of CPython's `math_2`.
fn math_2(vm: &mut Vm, x: f64, y: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return raise(vm, MathErr::Range, r);
    }
    Ok(Value::float(r))
}

fn two_f(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    let (a, b) = two(vm, args, name)?;
    let x = to_f(vm, a)?;
    let y = to_f(vm, b)?;
    Ok((x, y))
}

fn atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    // SAFETY: pure libm function.
    unsafe { libm::atan2(y, x) }
}

fn m_atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_f(vm, &args, "atan2")?;
    math_2(vm, y, x, atan2(y, x))
}

fn m_copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, &args, "copysign")?;
    math_2(vm, x, y, x.copysign(y))
}

fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = c_fmod(absx, absy);
        // Compare m with absy - m rather than with absy / 2 (which may be inexact).
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: pick the even multiple.
            m - 2.0 * c_fmod(0.5 * (absx - m), absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_remainder(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, &args, "remainder")?;
    math_2(vm, x, y, remainder(x, y))
}

fn m_fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = c_fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::float(r))
}

fn m_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, &args, "pow")?;
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && c_fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(Value::float(r));
    }
    r = c_pow(x, y);
    if r.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() {
        if x == 0.0 {
            return Err(domain(vm));
        }
        return raise(vm, MathErr::Range, r);
    }
    Ok(Value::float(r))
}

fn m_nextafter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f(vm, &args, "nextafter")?;
    Ok(Value::float(c_nextafter(x, y)))
}

fn m_ulp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "ulp")?;
    let x = to_f(vm, v)?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::float(x));
    }
    let up = c_nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        // The largest finite float: measure the gap below it.
        return Ok(Value::float(x - c_nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::float(up - x))
}

fn m_frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "frexp")?;
    let x = to_f(vm, v)?;
    let (m, e) = if x.is_nan() || x.is_infinite() || x == 0.0 {
        (x, 0)
    } else {
        c_frexp(x)
    };
    let e = vm.new_int(e as i64);
    Ok(vm.new_tuple(vec![Value::float(m), e]))
}

fn m_ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "ldexp")?;
    let x = to_f(vm, a)?;
    let exp: i64 = match num_of(b) {
        Some(Num::Small(i)) => i,
        Some(Num::Big(n)) => {
            n.to_i64()
                .unwrap_or(if n.is_negative() { i64::MIN } else { i64::MAX })
        }
        _ => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    if exp > i32::MAX as i64 {
        return Err(range(vm));
    }
    if exp < i32::MIN as i64 {
        return Ok(Value::float(0.0f64.copysign(x)));
    }
    let r = c_ldexp(x, exp as i32);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(Value::float(r))
}

fn m_modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "modf")?;
    let x = to_f(vm, v)?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let mut ip = 0.0f64;
        // SAFETY: libm modf writes the integral part through a valid pointer.
        let f = unsafe { libm::modf(x, &mut ip) };
        (f, ip)
    };
    Ok(vm.new_tuple(vec![Value::float(f), Value::float(i)]))
}

// ---------------------------------------------------------------------------
// hypot and dist: CPython's vector_norm (scaled, compensated, corrected)

fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0; // 2**27 + 1, the Veltkamp-Dekker splitter
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = c_frexp(max);
    let mut csum = 1.0f64;
    let (mut frac1, mut frac2, mut frac3) = (0.0f64, 0.0f64, 0.0f64);
    // Add x to csum, accumulating the rounding error in frac.
    fn acc(csum: &mut f64, frac: &mut f64, x: f64) {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    }
    fn split(x: f64) -> (f64, f64) {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    }
    if max_e >= -1023 {
        let scale = c_ldexp(1.0, -max_e);
        for &v in vec {
            let x = v * scale;
            let (hi, lo) = split(x);
            acc(&mut csum, &mut frac1, hi * hi);
            acc(&mut csum, &mut frac2, 2.0 * hi * lo);
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let (hi, lo) = split(h);
        acc(&mut csum, &mut frac1, -hi * hi);
        acc(&mut csum, &mut frac2, -2.0 * hi * lo);
        acc(&mut csum, &mut frac3, -lo * lo);
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // Tiny (subnormal) max: the scale would overflow, divide by max instead.
    for &v in vec {
        let x = v / max;
        acc(&mut csum, &mut frac1, x * x);
    }
    max * (csum - 1.0 + frac1).sqrt()
}

fn m_hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, &args, "hypot")?;
    let mut coords = Vec::with_capacity(args.pos.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for v in args.pos {
        let x = to_f(vm, *v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::float(vector_norm(&coords, max, found_nan)))
}

fn m_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (p, q) = two(vm, &args, "dist")?;
    let p = ops::iter::collect(vm, p)?;
    let q = ops::iter::collect(vm, q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(q.iter()) {
        let px = to_f(vm, *a)?;
        let qx = to_f(vm, *b)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::float(vector_norm(&diffs, max, found_nan)))
}

// ---------------------------------------------------------------------------
// Rounding to int

fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let b = crate::constructors::float_to_bigint(x);
    Ok(vm.new_bigint(b))
}

/// A plain (not subclassed) int or float.
fn builtin_number(vm: &Vm, v: Value) -> Option<Num<'static>> {
    let n = num_of(v)?;
    let cls = molt_vm::class::type_of(vm, v);
    if molt_vm::vm::class_data(cls).builtin {
        Some(n)
    } else {
        None
    }
}

fn round_to_int(
    vm: &mut Vm,
    args: Args,
    name: &str,
    dunder: Value,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let v = one(vm, &args, name)?;
    match builtin_number(vm, v) {
        Some(Num::Float(x)) => return float_to_int(vm, f(x)),
        Some(Num::Small(_)) | Some(Num::Big(_)) => return Ok(ops::arith::int_value(vm, v)),
        _ => {}
    }
    let cls = molt_vm::class::type_of(vm, v);
    if let Some(m) = molt_vm::class::lookup(vm, cls, dunder) {
        return call_special(vm, m, v, cls);
    }
    let x = to_f(vm, v)?;
    float_to_int(vm, f(x))
}

/// Call a special method found on the type: bound through its descriptor
/// protocol (whose `__get__` may raise), as CPython's `_PyObject_LookupSpecial`.
fn call_special(vm: &mut Vm, m: Value, v: Value, cls: Value) -> PyResult<Value> {
    let bound = ops::attr::bind(vm, m, v, cls)?;
    ops::call0(vm, bound)
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
    let v = one(vm, &args, "trunc")?;
    match builtin_number(vm, v) {
        Some(Num::Float(x)) => return float_to_int(vm, x.trunc()),
        Some(Num::Small(_)) | Some(Num::Big(_)) => return Ok(ops::arith::int_value(vm, v)),
        _ => {}
    }
    let cls = molt_vm::class::type_of(vm, v);
    let d = vm.names.__trunc__;
    match molt_vm::class::lookup(vm, cls, d) {
        Some(m) => call_special(vm, m, v, cls),
        None => {
            let msg = format!("type {} doesn't define __trunc__ method", type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}

// ---------------------------------------------------------------------------
// Integer functions

fn m_gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, &args, "gcd")?;
    let mut acc = BigInt::zero();
    for v in args.pos {
        let b = to_int(vm, *v)?;
        if !acc.is_one() {
            acc = acc.gcd(&b);
        }
    }
    Ok(vm.new_bigint(acc))
}

fn m_lcm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, &args, "lcm")?;
    let mut acc = BigInt::one();
    for (i, v) in args.pos.iter().enumerate() {
        let b = to_int(vm, *v)?;
        if i == 0 {
            acc = b.abs();
        } else if !acc.is_zero() {
            acc = if b.is_zero() {
                BigInt::zero()
            } else {
                (&acc / acc.gcd(&b) * &b).abs()
            };
        }
    }
    Ok(vm.new_bigint(acc))
}

/// The product of the odd numbers in [lo, hi) (lo odd), by binary splitting.
fn odd_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    let count = (hi - lo).div_ceil(2);
    let top_bits = 64 - (hi - 1).leading_zeros() as u64;
    if count.saturating_mul(top_bits) <= 64 {
        let mut p = 1u64;
        let mut j = lo;
        while j < hi {
            p *= j;
            j += 2;
        }
        return BigInt::from(p);
    }
    let mid = (lo + count) | 1;
    odd_product(lo, mid) * odd_product(mid, hi)
}

/// n! as odd_part << (n - popcount(n)), the odd part built from products of odd ranges.
fn factorial(n: u64) -> BigInt {
    if n < 21 {
        return BigInt::from((1..=n).product::<u64>());
    }
    let mut inner = BigInt::one();
    let mut outer = BigInt::one();
    let mut upper = 3u64;
    let nbits = 64 - n.leading_zeros() as i64;
    for i in (0..=nbits - 2).rev() {
        let v = n >> i;
        if v <= 2 {
            continue;
        }
        let lower = upper;
        upper = (v + 1) | 1;
        inner *= odd_product(lower, upper);
        outer *= &inner;
    }
    outer << (n - n.count_ones() as u64)
}

fn m_factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "factorial")?;
    let n = to_int(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = match n.to_i64() {
        Some(n) => n as u64,
        None => {
            return Err(vm.overflow_error(format!(
                "factorial() argument should not exceed {}",
                i64::MAX
            )))
        }
    };
    Ok(vm.new_bigint(factorial(n)))
}

/// n * (n+1) * ... * (n+k-1), by binary splitting.
fn rising_product(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k <= 16 {
        let mut p = n.clone();
        for i in 1..k {
            p *= n + i;
        }
        return p;
    }
    let j = k / 2;
    rising_product(n, j) * rising_product(&(n + j), k - j)
}

fn perm_comb_args(vm: &mut Vm, nv: Value, kv: Value) -> PyResult<Option<(BigInt, BigInt)>> {
    let n = to_int(vm, nv)?;
    let k = to_int(vm, kv)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if n < k {
        return Ok(None);
    }
    Ok(Some((n, k)))
}

fn m_perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, &args, "perm")?;
    ops::call::check_args(vm, "perm", &args, 1, 2)?;
    if args.pos.len() == 1 || args.pos[1].is_none() {
        return m_factorial(vm, Args::new(&args.pos[..1]));
    }
    let (n, k) = match perm_comb_args(vm, args.pos[0], args.pos[1])? {
        Some(nk) => nk,
        None => return Ok(Value::small_int_unchecked(0)),
    };
    let k = match k.to_i64() {
        Some(k) => k as u64,
        None => return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX))),
    };
    let r = rising_product(&(&n - k + 1u32), k);
    Ok(vm.new_bigint(r))
}

fn m_comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (nv, kv) = two(vm, &args, "comb")?;
    let (n, k) = match perm_comb_args(vm, nv, kv)? {
        Some(nk) => nk,
        None => return Ok(Value::small_int_unchecked(0)),
    };
    let k = (&n - &k).min(k);
    let k = match k.to_i64() {
        Some(k) => k as u64,
        None => {
            return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)))
        }
    };
    let r = rising_product(&(&n - k + 1u32), k) / factorial(k);
    Ok(vm.new_bigint(r))
}

fn m_isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "isqrt")?;
    let n = to_int(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

// ---------------------------------------------------------------------------
// Sums, products, comparisons

fn m_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = clinic(
        vm,
        "isclose",
        &args,
        &["a", "b", "rel_tol", "abs_tol"],
        0,
        2,
        2,
    )?;
    let x = to_f(vm, a[0].unwrap())?;
    let y = to_f(vm, a[1].unwrap())?;
    let rel = match a[2] {
        Some(v) => to_f(vm, v)?,
        None => 1e-9,
    };
    let abs = match a[3] {
        Some(v) => to_f(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (y - x).abs();
    Ok(Value::bool(
        d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs,
    ))
}

/// Shewchuk/Hettinger exact summation with CPython's special-value and
/// half-even rounding rules.
fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one(vm, &args, "fsum")?;
    let it = ops::get_iter(vm, v)?;
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = ops::next(vm, it)? {
        let mut x = to_f(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // Either intermediate overflow, or an inf/nan summand.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = clinic(vm, "prod", &args, &["iterable", "start"], 1, 1, 1)?;
    let mut acc = a[1].unwrap_or(Value::small_int_unchecked(1));
    let it = ops::get_iter(vm, a[0].unwrap())?;
    while let Some(v) = ops::next(vm, it)? {
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
        ("acos", m_acos),
        ("acosh", m_acosh),
        ("asin", m_asin),
        ("asinh", m_asinh),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("atanh", m_atanh),
        ("cbrt", m_cbrt),
        ("ceil", m_ceil),
        ("comb", m_comb),
        ("copysign", m_copysign),
        ("cos", m_cos),
        ("cosh", m_cosh),
        ("degrees", m_degrees),
        ("dist", m_dist),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("exp", m_exp),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("fabs", m_fabs),
        ("factorial", m_factorial),
        ("floor", m_floor),
        ("fmod", m_fmod),
        ("frexp", m_frexp),
        ("fsum", m_fsum),
        ("gamma", m_gamma),
        ("gcd", m_gcd),
        ("hypot", m_hypot),
        ("isclose", m_isclose),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isqrt", m_isqrt),
        ("lcm", m_lcm),
        ("ldexp", m_ldexp),
        ("lgamma", m_lgamma),
        ("log", m_log),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("log2", m_log2),
        ("modf", m_modf),
        ("nextafter", m_nextafter),
        ("perm", m_perm),
        ("pow", m_pow),
        ("prod", m_prod),
        ("radians", m_radians),
        ("remainder", m_remainder),
        ("sin", m_sin),
        ("sinh", m_sinh),
        ("sqrt", m_sqrt),
        ("tan", m_tan),
        ("tanh", m_tanh),
        ("trunc", m_trunc),
        ("ulp", m_ulp),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
