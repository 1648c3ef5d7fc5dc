//! Printing uncaught exceptions the way CPython does: chained causes and
//! contexts, `Traceback (most recent call last):`, file/line/function
//! entries with their source lines, and the final `Type: message` line.

use molt_vm::class::class_name;
use molt_vm::exceptions::exc_data;
use molt_vm::frame::code_of;
use molt_vm::ops::{self, str_of};
use molt_vm::vm::class_data;
use molt_vm::{Value, Vm};
use std::collections::HashMap;

/// The text CPython prints for an uncaught exception.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut out = String::new();
    let mut seen = vec![];
    format_chain(vm, e, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, e: Value, out: &mut String, seen: &mut Vec<u64>) {
    seen.push(e.0);
    if let Some(d) = exc_data(e) {
        let (cause, context, suppress) = (d.cause, d.context, d.suppress_context);
        if !cause.is_none() && !seen.contains(&cause.0) {
            format_chain(vm, cause, out, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if !context.is_none() && !suppress && !seen.contains(&context.0) {
            format_chain(vm, context, out, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    format_one(vm, e, out);
}

fn format_one(vm: &mut Vm, e: Value, out: &mut String) {
    let mut sources: HashMap<String, Option<Vec<String>>> = HashMap::new();
    if let Some(d) = exc_data(e) {
        let entries = d.traceback.clone();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        for t in entries.iter().rev() {
            let code = code_of(t.code);
            let file = str_of(code.filename).unwrap_or("?").to_string();
            let name = str_of(code.name).unwrap_or("?");
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                file, t.line, name
            ));
            let lines = sources.entry(file.clone()).or_insert_with(|| {
                std::fs::read_to_string(&file)
                    .ok()
                    .map(|s| s.lines().map(|l| l.to_string()).collect())
            });
            if let Some(lines) = lines {
                if let Some(l) = lines.get(t.line as usize - 1) {
                    let l = l.trim();
                    if !l.is_empty() {
                        out.push_str(&format!("    {}\n", l));
                    }
                }
            }
        }
    }
    let cls = e.as_obj().class();
    if molt_vm::class::is_subclass(cls, vm.exc.SyntaxError) {
        let get = |vm: &mut Vm, n: &str| {
            let k = vm.intern(n);
            molt_vm::ops::attr::load_instance_attr(e, k)
        };
        let file = get(vm, "filename")
            .and_then(str_of)
            .unwrap_or("<unknown>")
            .to_string();
        let line = get(vm, "lineno")
            .filter(|v| v.is_small_int())
            .map(|v| v.as_small_int())
            .unwrap_or(1);
        let text = get(vm, "text").and_then(str_of).unwrap_or("").to_string();
        let offset = get(vm, "offset")
            .filter(|v| v.is_small_int())
            .map(|v| v.as_small_int())
            .unwrap_or(1);
        out.push_str(&format!("  File \"{}\", line {}\n", file, line));
        if !text.trim().is_empty() {
            let stripped = text.trim_start();
            let removed = text.len() - stripped.len();
            out.push_str(&format!("    {}\n", stripped.trim_end()));
            let caret = (offset as usize).saturating_sub(1).saturating_sub(removed);
            out.push_str(&format!("    {}^\n", " ".repeat(caret)));
        }
        let msg = get(vm, "msg")
            .and_then(str_of)
            .unwrap_or("invalid syntax")
            .to_string();
        out.push_str(&format!("{}: {}\n", exc_type_name(vm, cls), msg));
        return;
    }
    let msg = match ops::repr::exception_str(vm, e) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    let name = exc_type_name(vm, cls);
    if msg.is_empty() {
        out.push_str(&format!("{}\n", name));
    } else {
        out.push_str(&format!("{}: {}\n", name, msg));
    }
}

/// `module.Qualname`, with `builtins` and `__main__` left out as CPython does.
pub fn exc_type_name(vm: &Vm, cls: Value) -> String {
    let cd = class_data(cls);
    let qual = str_of(cd.qualname.get())
        .unwrap_or(class_name(cls))
        .to_string();
    match molt_vm::ops::repr::module_name_of_class(vm, cls) {
        Some(m) if m != "builtins" && m != "__main__" => format!("{}.{}", m, qual),
        _ => qual,
    }
}

/// `sys.unraisablehook`'s default output, for an exception that cannot
/// propagate: "Exception ignored {msg}: <obj>" and the traceback (`msg`
/// names the context: "in" for a weakref callback, "in atexit callback").
pub fn format_unraisable(vm: &mut Vm, e: Value, msg: &str, obj: Value) -> String {
    let what = match ops::repr(vm, obj) {
        Ok(r) => str_of(r).unwrap_or("?").to_string(),
        Err(_) => "<object repr() failed>".to_string(),
    };
    let text = format_exception(vm, e);
    format!("Exception ignored {}: {}\n{}", msg, what, text)
}
