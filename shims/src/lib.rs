//! Standard-library modules written in Python, embedded in the molt binary
//! so that they import on a machine without CPython.

/// Source text of an embedded module, and whether it is a package.
pub fn source(name: &str) -> Option<(&'static str, bool)> {
    MODULES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, s, p)| (*s, *p))
}

/// (module name, source, is a package), one entry per file under `lib/`.
const MODULES: &[(&str, &str, bool)] = &[
    ("types", include_str!("../lib/types.py"), false),
    ("_typeforms", include_str!("../lib/_typeforms.py"), false),
    ("_ast", include_str!("../lib/_ast.py"), false),
    ("_imp", include_str!("../lib/_imp.py"), false),
    (
        "importlib",
        include_str!("../lib/importlib/__init__.py"),
        true,
    ),
    (
        "importlib.machinery",
        include_str!("../lib/importlib/machinery.py"),
        false,
    ),
    (
        "importlib.util",
        include_str!("../lib/importlib/util.py"),
        false,
    ),
    (
        "importlib._bootstrap",
        include_str!("../lib/importlib/_bootstrap.py"),
        false,
    ),
    (
        "importlib._bootstrap_external",
        include_str!("../lib/importlib/_bootstrap_external.py"),
        false,
    ),
];
