//! Standard-library modules written in Python, embedded in the molt binary
//! so that they import on a machine without CPython.

/// Source text of an embedded module, and whether it is a package.
pub fn source(name: &str) -> Option<(&'static str, bool)> {
    MODULES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, s, p)| (*s, *p))
}

const MODULES: &[(&str, &str, bool)] = &[];
