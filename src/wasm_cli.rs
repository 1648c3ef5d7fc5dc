//! The wasm tier's commands:
//!
//!     molt build --target wasm app.py [-o app.wasm]
//!     molt run [--fuel N] [--max-memory MB] app.wasm [args…]
//!     molt run --sandbox [--fuel N] [--max-memory MB] app.py [args…]
//!
//! Exit status: the program's (0, or 1 for an uncaught exception), 2 for a
//! usage error or a build refused, `EXIT_LIMIT` (3) when a limit stopped
//! the guest, `EXIT_REJECTED` (4) when the module was rejected.

use molt_wasm_host::{build, Limits, Sandbox, EXIT_REJECTED};
use std::io::Write;
use std::process::ExitCode;

/// Handle `args` if they are a wasm tier command.
pub fn wasm_cli(args: &[String]) -> Option<ExitCode> {
    match args.first().map(|s| s.as_str()) {
        Some("build") => Some(build_cmd(&args[1..])),
        Some("run") => {
            let mut i = 1;
            let mut limits = Limits::default();
            let mut sandbox = false;
            while i < args.len() {
                match args[i].as_str() {
                    "--sandbox" => sandbox = true,
                    "--fuel" => match args.get(i + 1).and_then(|v| v.parse::<u64>().ok()) {
                        Some(n) => {
                            limits.fuel = Some(n);
                            i += 1;
                        }
                        None => return Some(usage("--fuel needs a number of instructions")),
                    },
                    "--max-memory" => match args.get(i + 1).and_then(|v| v.parse::<u64>().ok()) {
                        Some(mb) => {
                            limits.max_memory = Some(mb.saturating_mul(1 << 20));
                            i += 1;
                        }
                        None => return Some(usage("--max-memory needs a number of megabytes")),
                    },
                    _ => break,
                }
                i += 1;
            }
            let file = args.get(i)?;
            let limited = limits.fuel.is_some() || limits.max_memory.is_some();
            if !(sandbox || file.ends_with(".wasm")) {
                if limited {
                    return Some(usage(
                        "--fuel and --max-memory need --sandbox or a .wasm file",
                    ));
                }
                return None;
            }
            Some(run_cmd(file, sandbox && !file.ends_with(".wasm"), limits))
        }
        _ => None,
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("molt: {}", msg);
    eprintln!("usage: molt build --target wasm FILE.py [-o FILE.wasm]");
    eprintln!("       molt run [--fuel N] [--max-memory MB] FILE.wasm [args...]");
    eprintln!("       molt run --sandbox [--fuel N] [--max-memory MB] FILE.py [args...]");
    ExitCode::from(2)
}

fn build_source(file: &str) -> Result<Vec<u8>, ExitCode> {
    let src = std::fs::read_to_string(file).map_err(|e| {
        eprintln!("molt build: cannot read {}: {}", file, e);
        ExitCode::from(2)
    })?;
    build(&src, file).map_err(|e| {
        eprintln!("{}", e);
        ExitCode::from(2)
    })
}

fn build_cmd(args: &[String]) -> ExitCode {
    let mut target = None;
    let mut out = None;
    let mut input = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--target" => {
                target = args.get(i + 1).cloned();
                i += 1;
            }
            "-o" => {
                out = args.get(i + 1).cloned();
                i += 1;
            }
            s if s.starts_with("--target=") => target = Some(s[9..].to_string()),
            s if s.starts_with('-') => return usage(&format!("unknown option {}", s)),
            s => input = Some(s.to_string()),
        }
        i += 1;
    }
    if target.as_deref() != Some("wasm") {
        return usage("build needs --target wasm (the only target)");
    }
    let Some(input) = input else {
        return usage("build needs a .py file");
    };
    let out = out.unwrap_or_else(|| {
        let stem = input.strip_suffix(".py").unwrap_or(&input);
        format!("{}.wasm", stem)
    });
    let bytes = match build_source(&input) {
        Ok(b) => b,
        Err(c) => return c,
    };
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("molt build: cannot write {}: {}", out, e);
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn run_cmd(file: &str, compile: bool, limits: Limits) -> ExitCode {
    let bytes = if compile {
        match build_source(file) {
            Ok(b) => b,
            Err(c) => return c,
        }
    } else {
        match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("molt: cannot read {}: {}", file, e);
                return ExitCode::from(2);
            }
        }
    };
    let mut sb = Sandbox::new(limits);
    if let Err(e) = sb.load(&bytes) {
        eprintln!("{}", e);
        return ExitCode::from(EXIT_REJECTED);
    }
    match sb.run_main() {
        Ok(out) => {
            let _ = std::io::stdout().write_all(&out.stdout);
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().write_all(&out.stderr);
            ExitCode::from(out.status)
        }
        Err(e) => {
            eprintln!("{}", e);
            ExitCode::from(EXIT_REJECTED)
        }
    }
}
