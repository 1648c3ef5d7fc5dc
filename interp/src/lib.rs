//! Molt's bytecode compiler and register interpreter, plus the pieces that
//! tie them to the object model: the hooks the VM calls back through,
//! `compile`, the import system and traceback printing.

pub mod calls;
pub mod compiler;
pub mod import;
pub mod inline_cache;
pub mod interpreter;
pub mod literal;
pub mod scope;
pub mod traceback;

use molt_vm::{PyResult, Value, Vm};
use rustpython_parser::{ast, Parse};

/// Install the interpreter's entry points into the VM.
pub fn install(vm: &mut Vm) {
    vm.hooks.call_function = interpreter::call_function;
    vm.hooks.resume = interpreter::resume_generator;
    vm.hooks.run_with_locals = interpreter::run_with_locals;
    vm.hooks.compile = compile_hook;
    vm.hooks.exec = interpreter::exec_code;
    vm.hooks.import = import::import_hook;
}

fn compile_hook(vm: &mut Vm, source: &str, filename: &str, mode: &str) -> PyResult<Value> {
    compile(vm, source, filename, mode)
}

/// Parse and compile `source`; mode is "exec", "eval" or "single" (REPL).
pub fn compile(vm: &mut Vm, source: &str, filename: &str, mode: &str) -> PyResult<Value> {
    let result = match mode {
        "eval" => ast::Expr::parse(source.trim_start(), filename)
            .map_err(|e| syntax_error_from_parse(vm, source, filename, &e))
            .and_then(|expr| {
                compiler::compile_expression(vm, &expr, source.trim_start(), filename)
                    .map_err(|e| syntax_error(vm, source, filename, &e))
            }),
        _ => ast::Suite::parse(source, filename)
            .map_err(|e| syntax_error_from_parse(vm, source, filename, &e))
            .and_then(|body| {
                compiler::compile_module(vm, &body, source, filename, mode == "single")
                    .map_err(|e| syntax_error(vm, source, filename, &e))
            }),
    };
    result.map_err(molt_vm::PyErr)
}

fn syntax_error(vm: &mut Vm, source: &str, filename: &str, e: &compiler::CompileError) -> Value {
    make_syntax_error(vm, source, filename, &e.msg, e.line, e.col)
}

fn syntax_error_from_parse(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    e: &rustpython_parser::ParseError,
) -> Value {
    let idx = compiler::LineIndex::new(source);
    let (line, col) = idx.line_col(u32::from(e.offset).min(source.len() as u32));
    let msg = except_clause_error(source, line)
        .map(str::to_string)
        .unwrap_or_else(|| parse_error_message(&e.error));
    make_syntax_error(vm, source, filename, &msg, line, col)
}

/// The parser rejects `except*:` and a `try` mixing `except` with
/// `except*` without saying why; CPython's messages for a parse error on
/// an `except` line.
fn except_clause_error(source: &str, line: u32) -> Option<&'static str> {
    let lines: Vec<&str> = source.lines().collect();
    let at = line.checked_sub(1)? as usize;
    let clause_kind = |text: &str| -> Option<(usize, bool)> {
        let body = text.trim_start();
        let rest = body.strip_prefix("except")?;
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            return None;
        }
        Some((text.len() - body.len(), rest.trim_start().starts_with('*')))
    };
    let (indent, star) = clause_kind(lines.get(at)?)?;
    if star {
        let after = lines[at].trim_start()["except".len()..].trim_start()[1..].trim_start();
        if after.starts_with(':') {
            return Some("expected one or more exception types");
        }
    }
    // The earlier clauses of the same `try`.
    for text in lines[..at].iter().rev() {
        let body = text.trim_start();
        let this_indent = text.len() - body.len();
        if body.is_empty() || body.starts_with('#') || this_indent > indent {
            continue;
        }
        if this_indent < indent {
            break;
        }
        match clause_kind(text) {
            Some((_, s)) if s != star => {
                return Some("cannot have both 'except' and 'except*' on the same 'try'")
            }
            Some(_) => continue,
            None => break,
        }
    }
    None
}

/// CPython's wording for the parse errors that have one; "invalid syntax" otherwise.
fn parse_error_message(e: &rustpython_parser::ParseErrorType) -> String {
    use rustpython_parser::ParseErrorType as P;
    match e {
        P::Eof => "unexpected EOF while parsing".into(),
        P::Lexical(l) => {
            let s = l.to_string();
            if s.contains("indent") {
                if s.contains("unindent") {
                    "unindent does not match any outer indentation level".into()
                } else {
                    "unexpected indent".into()
                }
            } else if s.contains("unterminated string") || s.contains("EOL") {
                "unterminated string literal (detected at line 1)".into()
            } else {
                "invalid syntax".into()
            }
        }
        _ => "invalid syntax".into(),
    }
}

fn make_syntax_error(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    msg: &str,
    line: u32,
    col: u32,
) -> Value {
    let c = if msg.contains("indent") {
        vm.exc.IndentationError
    } else {
        vm.exc.SyntaxError
    };
    let m = vm.new_str(msg);
    let e = vm.new_exception(c, vec![m]);
    let text = source
        .lines()
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
        .to_string();
    let f = vm.new_str(filename);
    let l = vm.new_int(line as i64);
    let o = vm.new_int(col as i64);
    let t = vm.new_string(text);
    vm.set_attr_str_on_instance(e, "msg", m);
    vm.set_attr_str_on_instance(e, "filename", f);
    vm.set_attr_str_on_instance(e, "lineno", l);
    vm.set_attr_str_on_instance(e, "offset", o);
    vm.set_attr_str_on_instance(e, "text", t);
    // The parser reports one position: errors are taken to end on their line.
    vm.set_attr_str_on_instance(e, "end_lineno", l);
    for n in ["end_offset", "print_file_and_line"] {
        vm.set_attr_str_on_instance(e, n, Value::NONE);
    }
    e
}
