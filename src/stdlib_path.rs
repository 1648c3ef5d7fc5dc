//! Where the pure-Python modules of an installed CPython 3.11 live.  Molt
//! imports those standard-library modules that it does not implement
//! natively or ship in `shims/`, from (in order):
//!
//! 1. `MOLT_STDLIB`, if set (set it to an empty string to use none);
//! 2. the `lib/python3.11` directory beside a `python3.11` or `python3`
//!    found on `PATH` (symlinks resolved; for a pyenv shim, the newest
//!    3.11 under pyenv's `versions/`).

use std::path::{Path, PathBuf};

/// The CPython 3.11 standard-library directory, if one is found.
pub fn find() -> Option<String> {
    if let Ok(dir) = std::env::var("MOLT_STDLIB") {
        return (!dir.is_empty()).then_some(dir);
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for exe in ["python3.11", "python3"] {
            let candidate = dir.join(exe);
            if !candidate.is_file() {
                continue;
            }
            if let Some(lib) = beside(&candidate).or_else(|| pyenv_version(&dir)) {
                return Some(lib.to_string_lossy().into_owned());
            }
        }
    }
    None
}

/// `<prefix>/lib/python3.11` for the interpreter at `exe` (`<prefix>/bin/..`).
fn beside(exe: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(exe).ok()?;
    let lib = real.parent()?.parent()?.join("lib").join("python3.11");
    is_stdlib(&lib).then_some(lib)
}

/// pyenv puts shell-script shims on PATH; its interpreters are under
/// `<root>/versions/<version>/`.
fn pyenv_version(shims: &Path) -> Option<PathBuf> {
    if shims.file_name()? != "shims" {
        return None;
    }
    let versions = shims.parent()?.join("versions");
    let mut found: Vec<PathBuf> = std::fs::read_dir(versions)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("3.11"))
        .map(|e| e.path().join("lib").join("python3.11"))
        .filter(|lib| is_stdlib(lib))
        .collect();
    found.sort();
    found.pop()
}

fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file()
}
