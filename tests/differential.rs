//! The differential suite: every `tests/cases/NAME.py` runs under molt and
//! must reproduce CPython 3.11's stdout (`NAME.out`), exit status and last
//! stderr line (`NAME.status`), as recorded by `tests/regen.py`.
//!
//! Cases listed in `tests/known_failures.txt` are expected to fail (the
//! honest to-do list); the suite also fails when one of them starts to
//! pass, so that the list is kept exact.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("cases")
}

struct Outcome {
    name: String,
    ok: bool,
    detail: String,
}

fn last_nonempty_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// How the JIT is set for a run of the suite: every mode must give the same answers.
#[derive(Clone, Copy)]
enum JitMode {
    /// `MOLT_JIT=0`: the interpreter alone.
    Off,
    /// The default settings.
    Default,
    /// `MOLT_JIT_THRESHOLD=1`: every loop is recorded on its first back-edge.
    Hot,
}

fn run_case(name: &str, mode: JitMode) -> Outcome {
    let dir = cases_dir();
    let expected_out = std::fs::read(dir.join(format!("{}.out", name))).unwrap_or_default();
    let status = std::fs::read_to_string(dir.join(format!("{}.status", name))).unwrap_or_default();
    let mut lines = status.lines();
    let expected_rc: i32 = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    let expected_err = lines.next().unwrap_or("").to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_molt"))
        .arg(format!("{}.py", name))
        .current_dir(&dir)
        .env("PYTHONHASHSEED", "0")
        .envs(match mode {
            JitMode::Off => vec![("MOLT_JIT", "0")],
            JitMode::Default => vec![],
            JitMode::Hot => vec![("MOLT_JIT_THRESHOLD", "1")],
        })
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn molt");
    let start = Instant::now();
    let (stdout, stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut { stdout }, &mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut { stderr }, &mut b);
        b
    });
    let rc = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st.code().unwrap_or(-1),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome {
                    name: name.into(),
                    ok: false,
                    detail: "timeout".into(),
                };
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                return Outcome {
                    name: name.into(),
                    ok: false,
                    detail: e.to_string(),
                }
            }
        }
    };
    let out = out_t.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).to_string();
    let last_err = last_nonempty_line(&err);
    let mut problems = vec![];
    if out != expected_out {
        let got = String::from_utf8_lossy(&out);
        let want = String::from_utf8_lossy(&expected_out);
        let first_diff = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        problems.push(format!(
            "stdout differs at line {}: got {:?}, want {:?}",
            first_diff + 1,
            got.lines().nth(first_diff).unwrap_or("<eof>"),
            want.lines().nth(first_diff).unwrap_or("<eof>")
        ));
    }
    if rc != expected_rc {
        problems.push(format!("exit status {} (want {})", rc, expected_rc));
    }
    if last_err != expected_err {
        problems.push(format!(
            "last stderr line {:?} (want {:?})",
            last_err, expected_err
        ));
    }
    Outcome {
        name: name.into(),
        ok: problems.is_empty(),
        detail: problems.join("; "),
    }
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/cases")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".py"))
                .map(|n| n.to_string())
        })
        .collect();
    names.sort();
    if let Ok(filter) = std::env::var("MOLT_TEST_FILTER") {
        names.retain(|n| n.contains(&filter));
    }
    names
}

fn known_failures() -> BTreeSet<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("known_failures.txt");
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn differential_suite_interpreted() {
    run_suite(JitMode::Off, "interpreted");
}

#[test]
fn differential_suite_jit_default() {
    run_suite(JitMode::Default, "JIT at its default threshold");
}

#[test]
fn differential_suite_jit_hot() {
    run_suite(JitMode::Hot, "JIT forced hot");
}

fn run_suite(mode: JitMode, label: &str) {
    let names = case_names();
    assert!(!names.is_empty(), "no test cases found");
    let queue = Mutex::new(names.clone());
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().unwrap().pop();
                match next {
                    Some(n) => {
                        let r = run_case(&n, mode);
                        results.lock().unwrap().push(r);
                    }
                    None => break,
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let known = known_failures();
    let passed = results.iter().filter(|r| r.ok).count();
    let unexpected: Vec<&Outcome> = results
        .iter()
        .filter(|r| !r.ok && !known.contains(&r.name))
        .collect();
    let fixed: Vec<&Outcome> = results
        .iter()
        .filter(|r| r.ok && known.contains(&r.name))
        .collect();
    println!(
        "differential suite ({}): {} of {} cases match CPython 3.11",
        label,
        passed,
        results.len()
    );
    for r in &unexpected {
        println!("FAIL {}: {}", r.name, r.detail);
    }
    for r in &fixed {
        println!("FIXED {} (remove it from tests/known_failures.txt)", r.name);
    }
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} unexpected failures, {} known failures now pass",
        unexpected.len(),
        fixed.len()
    );
}
