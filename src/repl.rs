//! The interactive prompt: line editing and history (rustyline), multi-line
//! blocks, results echoed with repr, Ctrl-C cancels the line, Ctrl-D exits.

use molt_builtins::output::{flush_stdout, write_stderr};
use molt_vm::object::Kind;
use molt_vm::Vm;
use rustyline::error::ReadlineError;

/// Does `src` need more lines before it can run?
fn incomplete(vm: &mut Vm, src: &str) -> bool {
    let last = src.lines().last().unwrap_or("");
    let first = src.lines().next().unwrap_or("");
    if first.trim_end().ends_with(':') || src.lines().count() > 1 && first.trim_end().ends_with(':')
    {
        // A compound statement ends with an empty line.
        return !last.trim().is_empty() || !src.ends_with("\n\n") && src.lines().count() == 1;
    }
    let mut depth = 0i32;
    for c in src.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    let _ = vm;
    depth > 0 || src.trim_end().ends_with('\\')
}

pub fn run(vm: &mut Vm) -> u8 {
    let main = crate::main_module(vm, None);
    let dict = match &main.as_obj().kind {
        Kind::Module(m) => m.dict,
        _ => unreachable!(),
    };
    if std::env::var_os("MOLT_REPL_QUIET").is_none() {
        println!(
            "Molt {} (Python 3.11 compatible)",
            molt_builtins::modules::VERSION
        );
        println!("Type Ctrl-D to exit.");
    }
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(_) => return 1,
    };
    let mut buf = String::new();
    loop {
        flush_stdout();
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                buf.push_str(&line);
                buf.push('\n');
                if incomplete(vm, &buf) {
                    continue;
                }
                let src = std::mem::take(&mut buf);
                if src.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(src.trim_end());
                molt_vm::interrupt::take();
                let r = molt_interp::compile(vm, &src, "<stdin>", "single")
                    .and_then(|code| (vm.hooks.exec)(vm, code, dict, dict));
                if let Err(e) = r {
                    flush_stdout();
                    if vm.exc_matches(e.0, vm.exc.SystemExit) {
                        return crate::exit_status_for(vm, e.0);
                    }
                    let text = molt_interp::traceback::format_exception(vm, e.0);
                    write_stderr(&text);
                }
                vm.pinned.clear();
            }
            Err(ReadlineError::Interrupted) => {
                buf.clear();
                write_stderr("\nKeyboardInterrupt\n");
            }
            Err(ReadlineError::Eof) => {
                println!();
                return 0;
            }
            Err(_) => return 1,
        }
    }
}
