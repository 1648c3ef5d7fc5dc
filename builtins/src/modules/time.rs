//! `time`: clocks, sleep, and calendar time through the C library
//! (`gmtime`, `localtime`, `mktime`, `strftime`, the time zone).

use crate::output::flush_stdout;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

fn t_time(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Ok(Value::float(d.as_secs_f64()))
}

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

fn t_perf_counter(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::float(START.with(|s| s.elapsed().as_secs_f64())))
}

fn t_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "sleep", &args, 1, 1)?;
    let s = ops::to_f64(vm, args.pos[0])?;
    if s < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    flush_stdout();
    std::thread::sleep(std::time::Duration::from_secs_f64(s));
    Ok(Value::NONE)
}

// ----- calendar time -----

extern "C" {
    /// POSIX: read `TZ` into the C library's time-zone state (not in the libc crate).
    fn tzset();
}

const STRUCT_TIME_FIELDS: &[&str] = &[
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

fn struct_time_class(vm: &mut Vm) -> PyResult<Value> {
    if let Some(&c) = vm.native_classes.get("time.struct_time") {
        return Ok(c);
    }
    let c = crate::structseq::new_type(vm, "time", "struct_time", STRUCT_TIME_FIELDS, 9)?;
    vm.roots.push(c);
    vm.native_classes.insert("time.struct_time", c);
    Ok(c)
}

/// A `struct_time` from the C library's broken-down time.
fn struct_time(vm: &mut Vm, tm: &libc::tm) -> PyResult<Value> {
    let cls = struct_time_class(vm)?;
    let i = |n: i64| Value::small_int_unchecked(n);
    let zone = if tm.tm_zone.is_null() {
        Value::NONE
    } else {
        let z = unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) };
        vm.new_string(z.to_string_lossy().into_owned())
    };
    let values = vec![
        i(tm.tm_year as i64 + 1900),
        i(tm.tm_mon as i64 + 1),
        i(tm.tm_mday as i64),
        i(tm.tm_hour as i64),
        i(tm.tm_min as i64),
        i(tm.tm_sec as i64),
        i((tm.tm_wday as i64 + 6) % 7),
        i(tm.tm_yday as i64 + 1),
        i(tm.tm_isdst as i64),
        zone,
        i(tm.tm_gmtoff),
    ];
    Ok(crate::structseq::new(vm, cls, values))
}

/// The seconds argument of gmtime/localtime/ctime (now when absent or None).
fn seconds_arg(vm: &mut Vm, args: &Args) -> PyResult<libc::time_t> {
    match args.pos.first().copied().filter(|v| !v.is_none()) {
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as libc::time_t)
            .unwrap_or(0)),
        Some(v) => {
            let f = ops::to_f64(vm, v)?;
            if !f.is_finite() || f.abs() > 1e18 {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.floor() as libc::time_t)
        }
    }
}

fn broken_down(vm: &mut Vm, args: &Args, local: bool) -> PyResult<libc::tm> {
    let t = seconds_arg(vm, args)?;
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe {
        if local {
            tzset();
            !libc::localtime_r(&t, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&t, &mut tm).is_null()
        }
    };
    if !ok {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(tm)
}

fn t_gmtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "gmtime", &args, 0, 1)?;
    let tm = broken_down(vm, &args, false)?;
    struct_time(vm, &tm)
}

fn t_localtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "localtime", &args, 0, 1)?;
    let tm = broken_down(vm, &args, true)?;
    struct_time(vm, &tm)
}

/// A `struct_time` (or 9-tuple) argument as the C library's `tm`.
fn tm_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<libc::tm> {
    let items = ops::seq_items(v).unwrap_or_default();
    if items.len() < 9 {
        let msg = format!("{}(): illegal time tuple argument", func);
        return Err(vm.type_error(msg));
    }
    let mut n = [0i64; 9];
    for (k, item) in items.iter().take(9).enumerate() {
        n[k] = ops::to_index(vm, *item)?;
    }
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    Ok(tm)
}

fn t_mktime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "mktime", &args, 1, 1)?;
    let mut tm = tm_arg(vm, args.pos[0], "mktime")?;
    let t = unsafe {
        tzset();
        libc::mktime(&mut tm)
    };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::float(t as f64))
}

fn t_strftime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "strftime", &args, 1, 2)?;
    let Some(fmt) = ops::str_of(args.pos[0]) else {
        let msg = format!(
            "strftime() argument 1 must be str, not {}",
            molt_vm::class::type_name(vm, args.pos[0])
        );
        return Err(vm.type_error(msg));
    };
    let fmt = fmt.to_string();
    let tm = match args.pos.get(1) {
        Some(&t) => tm_arg(vm, t, "strftime")?,
        None => broken_down(vm, &Args::new(&[]), true)?,
    };
    if fmt.is_empty() {
        return Ok(vm.new_str(""));
    }
    let Ok(cfmt) = std::ffi::CString::new(fmt) else {
        return Err(vm.value_error("embedded null character"));
    };
    // Grow the buffer until the result fits (strftime returns 0 when it does not).
    let mut size = 256;
    loop {
        let mut buf = vec![0u8; size];
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                size,
                cfmt.as_ptr(),
                &tm,
            )
        };
        if n > 0 || size > 1 << 16 {
            buf.truncate(n);
            return Ok(vm.new_string(String::from_utf8_lossy(&buf).into_owned()));
        }
        size *= 4;
    }
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Sun Jun 20 23:21:05 1993`, as asctime and ctime spell it.
fn asctime_text(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[((tm.tm_wday + 6) % 7) as usize],
        MONTHS[tm.tm_mon.clamp(0, 11) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year + 1900
    )
}

fn t_asctime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "asctime", &args, 0, 1)?;
    let tm = match args.pos.first() {
        Some(&t) => tm_arg(vm, t, "asctime")?,
        None => broken_down(vm, &Args::new(&[]), true)?,
    };
    Ok(vm.new_string(asctime_text(&tm)))
}

fn t_ctime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "ctime", &args, 0, 1)?;
    let tm = broken_down(vm, &args, true)?;
    Ok(vm.new_string(asctime_text(&tm)))
}

fn nanos(d: std::time::Duration) -> i64 {
    d.as_nanos().min(i64::MAX as u128) as i64
}

fn t_time_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Ok(vm.new_int(nanos(d)))
}

fn t_perf_counter_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let d = START.with(|s| s.elapsed());
    Ok(vm.new_int(nanos(d)))
}

/// `timezone`, `altzone`, `daylight` and `tzname` from the C library.
fn set_timezone(vm: &mut Vm, m: Value) {
    unsafe { tzset() };
    // The offsets of January and July of this year tell standard and summer time.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as libc::time_t)
        .unwrap_or(0);
    let year_start = now - now % (365 * 86400);
    let probe = |t: libc::time_t| {
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        unsafe { libc::localtime_r(&t, &mut tm) };
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned()
        };
        (tm.tm_gmtoff, zone)
    };
    let (jan, jan_zone) = probe(year_start);
    let (jul, jul_zone) = probe(year_start + 182 * 86400);
    let (std_off, std_zone, dst_off, dst_zone) = if jan <= jul {
        (jan, jan_zone, jul, jul_zone)
    } else {
        (jul, jul_zone, jan, jan_zone)
    };
    let tz = vm.new_int(-std_off);
    super::set(vm, m, "timezone", tz);
    let alt = vm.new_int(-dst_off);
    super::set(vm, m, "altzone", alt);
    super::set(
        vm,
        m,
        "daylight",
        Value::small_int_unchecked((std_off != dst_off) as i64),
    );
    let (a, b) = (vm.new_string(std_zone), vm.new_string(dst_zone));
    let names = vm.new_tuple(vec![a, b]);
    super::set(vm, m, "tzname", names);
}

/// `get_clock_info(name)`: how each clock of this module is read (every
/// clock but `time` is `Instant`, CLOCK_MONOTONIC, on Linux).
fn t_get_clock_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "get_clock_info", &args, 1, 1)?;
    let name = match ops::str_of(args.pos[0]) {
        Some(n) => n,
        None => {
            let msg = format!(
                "get_clock_info() argument 1 must be str, not {}",
                molt_vm::class::type_name(vm, args.pos[0])
            );
            return Err(vm.type_error(msg));
        }
    };
    let (implementation, monotonic) = match name {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false),
        "monotonic" | "perf_counter" | "process_time" => ("clock_gettime(CLOCK_MONOTONIC)", true),
        _ => return Err(vm.value_error("unknown clock")),
    };
    let imp = vm.new_str(implementation);
    Ok(crate::namespace::new_namespace(
        vm,
        &[
            ("implementation", imp),
            ("monotonic", Value::bool(monotonic)),
            ("adjustable", Value::bool(!monotonic)),
            ("resolution", Value::float(1e-9)),
        ],
    ))
}

pub fn time_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("time");
    let st = struct_time_class(vm)?;
    super::set(vm, m, "struct_time", st);
    set_timezone(vm, m);
    for (name, f) in [
        ("gmtime", t_gmtime as molt_vm::object::NativeFn),
        ("localtime", t_localtime),
        ("mktime", t_mktime),
        ("strftime", t_strftime),
        ("asctime", t_asctime),
        ("ctime", t_ctime),
        ("time_ns", t_time_ns),
        ("monotonic_ns", t_perf_counter_ns),
        ("perf_counter_ns", t_perf_counter_ns),
        ("process_time_ns", t_perf_counter_ns),
    ] {
        vm.add_native(m, name, f);
    }
    vm.add_native(m, "time", t_time);
    vm.add_native(m, "perf_counter", t_perf_counter);
    vm.add_native(m, "monotonic", t_perf_counter);
    vm.add_native(m, "process_time", t_perf_counter);
    vm.add_native(m, "sleep", t_sleep);
    vm.add_native(m, "get_clock_info", t_get_clock_info);
    Ok(m)
}
