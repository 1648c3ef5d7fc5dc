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

/// How many sub-exceptions of a group are printed, and how deeply groups
/// nest before the rest is elided (CPython's `max_group_width` and
/// `max_group_depth`).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// The text CPython prints for an uncaught exception.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut p = Printer {
        out: String::new(),
        seen: vec![],
        group_depth: 0,
        need_close: false,
        sources: HashMap::new(),
    };
    p.print_recursive(vm, e);
    p.out
}

/// The state of one print, as CPython's `exception_print_context`: inside
/// exception groups every line gets an indent of two spaces per level and
/// a `| ` margin.
struct Printer {
    out: String,
    seen: Vec<u64>,
    group_depth: usize,
    /// The box of the current group still needs its closing line.
    need_close: bool,
    sources: HashMap<String, Option<Vec<String>>>,
}

impl Printer {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    fn margin(&self) -> &'static str {
        if self.group_depth > 0 {
            "| "
        } else {
            ""
        }
    }

    /// Start a line: indent and margin.
    fn line_start(&mut self) {
        let s = format!("{}{}", self.indent(), self.margin());
        self.out.push_str(&s);
    }

    fn print_recursive(&mut self, vm: &mut Vm, e: Value) {
        self.print_cause_and_context(vm, e);
        if molt_vm::exception_group::group_parts(e).is_some() {
            self.print_group(vm, e);
        } else {
            self.print_one(vm, e);
        }
    }

    fn print_cause_and_context(&mut self, vm: &mut Vm, e: Value) {
        self.seen.push(e.0);
        let Some(d) = exc_data(e) else { return };
        let (cause, context, suppress) = (d.cause, d.context, d.suppress_context);
        if !cause.is_none() {
            if !self.seen.contains(&cause.0) {
                self.print_chained(
                    vm,
                    cause,
                    "The above exception was the direct cause of the following exception:\n",
                );
            }
        } else if !context.is_none() && !suppress && !self.seen.contains(&context.0) {
            self.print_chained(
                vm,
                context,
                "During handling of the above exception, another exception occurred:\n",
            );
        }
    }

    fn print_chained(&mut self, vm: &mut Vm, e: Value, message: &str) {
        let need_close = self.need_close;
        self.print_recursive(vm, e);
        self.need_close = need_close;
        self.line_start();
        self.out.push('\n');
        self.line_start();
        self.out.push_str(message);
        self.line_start();
        self.out.push('\n');
    }

    /// A group: its own traceback and message, then each sub-exception in
    /// a numbered box.
    fn print_group(&mut self, vm: &mut Vm, e: Value) {
        if self.group_depth > MAX_GROUP_DEPTH {
            self.line_start();
            self.out
                .push_str(&format!("... (max_group_depth is {})\n", MAX_GROUP_DEPTH));
            return;
        }
        if self.group_depth == 0 {
            self.group_depth += 1;
        }
        self.print_one(vm, e);
        let excs = molt_vm::exception_group::sub_exceptions(e);
        let n = excs.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, sub) in excs.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                // The closing line may be written by a nested group instead.
                self.need_close = true;
            }
            let corner = if i == 0 { "+-" } else { "  " };
            let truncated = i >= MAX_GROUP_WIDTH;
            let label = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            let s = format!(
                "{}{}+---------------- {} ----------------\n",
                self.indent(),
                corner,
                label
            );
            self.out.push_str(&s);
            self.group_depth += 1;
            if truncated {
                let more = excs.len() - MAX_GROUP_WIDTH;
                self.line_start();
                let plural = if more > 1 { "s" } else { "" };
                self.out
                    .push_str(&format!("and {} more exception{}\n", more, plural));
            } else {
                self.print_recursive(vm, *sub);
            }
            if last && self.need_close {
                let s = format!("{}+------------------------------------\n", self.indent());
                self.out.push_str(&s);
                self.need_close = false;
            }
            self.group_depth -= 1;
        }
        if self.group_depth == 1 {
            self.group_depth -= 1;
        }
    }

    fn print_traceback(&mut self, e: Value, is_group: bool) {
        let Some(d) = exc_data(e) else { return };
        let entries = d.traceback.clone();
        if entries.is_empty() {
            return;
        }
        let (header, header_margin) = if is_group {
            let m = if self.group_depth == 1 {
                "+ "
            } else {
                self.margin()
            };
            ("Exception Group Traceback (most recent call last):\n", m)
        } else {
            ("Traceback (most recent call last):\n", self.margin())
        };
        let s = format!("{}{}{}", self.indent(), header_margin, header);
        self.out.push_str(&s);
        for t in entries.iter().rev() {
            let code = code_of(t.code);
            let file = str_of(code.filename).unwrap_or("?").to_string();
            let name = str_of(code.name).unwrap_or("?");
            self.line_start();
            self.out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                file, t.line, name
            ));
            let lines = self.sources.entry(file.clone()).or_insert_with(|| {
                std::fs::read_to_string(&file)
                    .ok()
                    .map(|s| s.lines().map(|l| l.to_string()).collect())
            });
            let source = lines
                .as_ref()
                .and_then(|l| l.get((t.line as usize).wrapping_sub(1)))
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty());
            if let Some(l) = source {
                self.line_start();
                self.out.push_str(&format!("    {}\n", l));
            }
        }
    }

    fn print_one(&mut self, vm: &mut Vm, e: Value) {
        let is_group = molt_vm::exception_group::group_parts(e).is_some();
        self.print_traceback(e, is_group);
        let cls = e.as_obj().class();
        if molt_vm::class::is_subclass(cls, vm.exc.SyntaxError) {
            self.print_syntax_error(vm, e, cls);
        } else {
            let msg = match ops::repr::exception_str(vm, e) {
                Ok(s) => s,
                Err(_) => "<exception str() failed>".to_string(),
            };
            let name = exc_type_name(vm, cls);
            self.line_start();
            if msg.is_empty() {
                self.out.push_str(&format!("{}\n", name));
            } else {
                self.out.push_str(&format!("{}: {}\n", name, msg));
            }
        }
        self.print_notes(vm, e);
    }

    fn print_syntax_error(&mut self, vm: &mut Vm, e: Value, cls: Value) {
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
        self.line_start();
        self.out
            .push_str(&format!("  File \"{}\", line {}\n", file, line));
        if !text.trim().is_empty() {
            let stripped = text.trim_start();
            let removed = text.len() - stripped.len();
            self.line_start();
            self.out.push_str(&format!("    {}\n", stripped.trim_end()));
            // Offsets set by user code may be anything: keep the caret on the line.
            let offset = offset.clamp(1, text.chars().count() as i64 + 1) as usize;
            let caret = (offset - 1).saturating_sub(removed);
            self.line_start();
            self.out.push_str(&format!("    {}^\n", " ".repeat(caret)));
        }
        let msg = get(vm, "msg")
            .and_then(str_of)
            .unwrap_or("invalid syntax")
            .to_string();
        self.line_start();
        self.out
            .push_str(&format!("{}: {}\n", exc_type_name(vm, cls), msg));
    }

    /// `__notes__` after the message: each note's lines, or the repr of
    /// `__notes__` when it is not a sequence.
    fn print_notes(&mut self, vm: &mut Vm, e: Value) {
        let name = vm.intern("__notes__");
        let notes = match ops::getattr_opt(vm, e, name) {
            Ok(Some(n)) => n,
            _ => return,
        };
        if !molt_vm::exception_group::is_sequence(vm, notes) {
            self.line_start();
            let r = match ops::repr_string(vm, notes) {
                Ok(r) => r,
                Err(_) => "<__notes__ repr() failed>".to_string(),
            };
            // CPython 3.11 writes no line break after it.
            self.out.push_str(&r);
            return;
        }
        let items = ops::iter::collect(vm, notes).unwrap_or_default();
        for note in items {
            match ops::str_string(vm, note) {
                Ok(text) => {
                    for line in text.split_inclusive(is_line_break) {
                        self.line_start();
                        self.out.push_str(line);
                    }
                }
                Err(_) => self.out.push_str("<note str() failed>"),
            }
            self.out.push('\n');
        }
    }
}

/// The line boundaries of `str.splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
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
