//! `time`: clocks and sleep.

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

pub fn time_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("time");
    vm.add_native(m, "time", t_time);
    vm.add_native(m, "perf_counter", t_perf_counter);
    vm.add_native(m, "monotonic", t_perf_counter);
    vm.add_native(m, "process_time", t_perf_counter);
    vm.add_native(m, "sleep", t_sleep);
    Ok(m)
}
