//! The command line as a user meets it: options, exit statuses, stderr,
//! recursion limits, memory for cyclic garbage, and the REPL driven through
//! a pseudo-terminal.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn molt() -> Command {
    Command::new(env!("CARGO_BIN_EXE_molt"))
}

fn run(args: &[&str]) -> Output {
    molt()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run molt")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr_last(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("molt-cli-{}-{}", name, std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn missing_script_exits_2() {
    let o = run(&["/nonexistent/nope.py"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr_last(&o),
        "molt: can't open file '/nonexistent/nope.py': [Errno 2] No such file or directory"
    );
}

#[test]
fn dash_c_sets_argv() {
    let o = run(&["-c", "import sys; print(sys.argv)", "a", "b"]);
    assert_eq!(stdout(&o), "['-c', 'a', 'b']\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn script_from_stdin() {
    let mut c = molt()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin
        .take()
        .unwrap()
        .write_all(b"print(sum(range(10)))\n")
        .unwrap();
    let o = c.wait_with_output().unwrap();
    assert_eq!(stdout(&o), "45\n");
}

#[test]
fn dash_m_runs_a_module_and_imports_beside_it() {
    let d = temp_dir("m");
    std::fs::write(d.join("helper.py"), "VALUE = 41\n").unwrap();
    std::fs::write(
        d.join("tool.py"),
        "import helper\nprint(helper.VALUE + 1, __name__)\n",
    )
    .unwrap();
    let o = molt()
        .args(["-m", "tool"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "42 __main__\n");
    let o = molt()
        .args(["run", "tool.py"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "42 __main__\n");
}

#[test]
fn version_and_bad_option() {
    let o = run(&["--version"]);
    assert!(stdout(&o).starts_with("molt "));
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["-Z"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn system_exit_statuses() {
    assert_eq!(
        run(&["-c", "import sys; sys.exit(3)"]).status.code(),
        Some(3)
    );
    assert_eq!(run(&["-c", "raise SystemExit"]).status.code(), Some(0));
    let o = run(&["-c", "import sys; sys.exit('bye')"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr_last(&o), "bye");
}

#[test]
fn uncaught_exception_prints_a_traceback() {
    let o = run(&["-c", "def f():\n    return 1 / 0\nf()\n"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("Traceback (most recent call last):\n"));
    assert!(err.contains("  File \"<string>\", line 3, in <module>\n"));
    assert!(err.contains("  File \"<string>\", line 2, in f\n"));
    assert_eq!(stderr_last(&o), "ZeroDivisionError: division by zero");
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    let o = run(&["-c", "def f(n):\n    return f(n + 1)\nf(0)\n"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr_last(&o),
        "RecursionError: maximum recursion depth exceeded"
    );
}

#[test]
fn deep_recursion_under_a_raised_limit_does_not_crash() {
    let src = "import sys\nsys.setrecursionlimit(200000)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(100000))\ndef f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:\n    print('caught')\n";
    let o = run(&["-c", src]);
    assert_eq!(stdout(&o), "100000\ncaught\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn syntax_error_report() {
    let d = temp_dir("syntax");
    std::fs::write(d.join("bad.py"), "x = 1\nif x\n    pass\n").unwrap();
    let o = molt().arg("bad.py").current_dir(&d).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    // The script name is made absolute, as CPython does.
    assert!(err.contains("/bad.py\", line 2"), "{}", err);
    assert!(stderr_last(&o).starts_with("SyntaxError: "));
}

/// Run molt with `args`; its stdout and its own peak resident memory in KiB
/// (`wait4` on that child: `RUSAGE_CHILDREN` would also count the children
/// of tests running in parallel, such as the deep-recursion one).
fn run_with_peak_rss(args: &[&str]) -> (String, i64) {
    use std::io::Read;
    let mut child = molt()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run molt");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut status = 0;
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut ru) }, pid);
    (out, ru.ru_maxrss)
}

#[test]
fn ten_million_cyclic_objects_run_in_bounded_memory() {
    let src = "class Node:\n    def __init__(self):\n        self.peer = None\nfor i in range(10_000_000):\n    a = Node()\n    b = Node()\n    a.peer = b\n    b.peer = a\nprint('done')\n";
    let (out, peak) = run_with_peak_rss(&["-c", src]);
    assert_eq!(out, "done\n");
    // 20 million objects never freed would need well over a gigabyte.
    assert!(peak < 300 * 1024, "peak RSS {} KiB", peak);
}

#[test]
fn repl_through_a_pseudo_terminal() {
    let (master, slave) = unsafe {
        let (mut m, mut s) = (0, 0);
        assert_eq!(
            libc::openpty(
                &mut m,
                &mut s,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null()
            ),
            0
        );
        (m, s)
    };
    use std::os::fd::FromRawFd;
    let dup = |fd: i32| unsafe { Stdio::from_raw_fd(libc::dup(fd)) };
    let mut child = molt()
        .env("MOLT_REPL_QUIET", "1")
        .env("TERM", "dumb")
        .stdin(dup(slave))
        .stdout(dup(slave))
        .stderr(dup(slave))
        .spawn()
        .unwrap();
    unsafe { libc::close(slave) };
    let mut out = unsafe { std::fs::File::from_raw_fd(master) };
    let reader = {
        let mut r = out.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut all = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                match std::io::Read::read(&mut r, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => all.extend_from_slice(&buf[..n]),
                }
            }
            String::from_utf8_lossy(&all).to_string()
        })
    };
    let typed = [
        "x = 2",
        "for i in range(3):",
        "    x += i",
        "",
        "x * 10",
        "1/0",
        "'done'",
    ];
    for line in typed {
        std::thread::sleep(std::time::Duration::from_millis(150));
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\r").unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    out.write_all(&[4]).unwrap(); // Ctrl-D
    let status = child.wait().unwrap();
    drop(out);
    let text = reader.join().unwrap();
    assert_eq!(status.code(), Some(0), "{}", text);
    assert!(text.contains("50"), "block result missing: {}", text);
    assert!(
        text.contains("ZeroDivisionError: division by zero"),
        "{}",
        text
    );
    assert!(text.contains("'done'"), "{}", text);
}

#[test]
fn ctrl_c_raises_keyboard_interrupt() {
    let src = "import sys\ntry:\n    print('ready', flush=True)\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught')\nwhile True:\n    pass\n";
    let mut child = molt()
        .args(["-c", src])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    std::io::Read::read_exact(&mut out, &mut first).unwrap();
    assert_eq!(&first, b"ready\n");
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    std::thread::sleep(std::time::Duration::from_millis(300));
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(rest, "caught\n");
    assert_eq!(err.lines().last(), Some("KeyboardInterrupt"));
    assert_eq!(status.code(), Some(130));
}

/// With one thread, a blocking acquire of a lock this thread holds could
/// only hang (CPython deadlocks); molt raises a RuntimeError naming it, and
/// `start_new_thread` refuses instead of pretending.
#[test]
fn single_thread_deadlock_and_new_thread_raise() {
    for code in [
        "import _thread\nl = _thread.allocate_lock()\nl.acquire()\nl.acquire()",
        "import _thread\nl = _thread.allocate_lock()\nwith l:\n    with l: pass",
        "import _thread\nr = _thread.RLock()\nr._acquire_restore((1, 12345))\nr.acquire()",
    ] {
        let o = run(&["-c", code]);
        assert_eq!(o.status.code(), Some(1));
        let last = stderr_last(&o);
        assert!(
            last.starts_with("RuntimeError: deadlock:"),
            "{:?}: {}",
            code,
            last
        );
    }
    let o = run(&["-c", "import _thread\n_thread.start_new_thread(print, ())"]);
    assert_eq!(stderr_last(&o), "RuntimeError: can't start new thread");
}
