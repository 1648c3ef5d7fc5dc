"""molt's importlib: the import system's Python-facing API over molt's
native import machinery (sys.modules, sys.path, packages, the embedded
shims)."""

import sys


def _resolve_name(name, package, level):
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    return f"{base}.{name}" if name else base


def import_module(name, package=None):
    """Import a module; `name` may be relative (`.mod`) to `package`."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError(
                "the 'package' argument is required to perform a relative "
                f"import for {name!r}"
            )
        for character in name:
            if character != ".":
                break
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return sys.modules[name]


def reload(module):
    """Re-run the module's code in its existing namespace."""
    name = getattr(module, "__name__", None)
    if name is None or sys.modules.get(name) is not module:
        raise ImportError(f"module {name} not in sys.modules", name=name)
    spec = getattr(module, "__spec__", None)
    path = getattr(module, "__file__", None)
    if path is None or path.startswith("<"):
        return module
    with open(path) as f:
        source = f.read()
    exec(compile(source, path, "exec"), module.__dict__)
    return module


def invalidate_caches():
    """molt keeps no finder caches."""


def __getattr__(name):
    if name in ("machinery", "util", "abc"):
        return import_module("importlib." + name)
    raise AttributeError(f"module 'importlib' has no attribute {name!r}")
