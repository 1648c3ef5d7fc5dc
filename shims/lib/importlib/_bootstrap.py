"""`importlib._bootstrap`: the core of the import system as CPython names
it.  Molt's import system is native; this module exposes the pieces of it
that pure-Python code reaches for (pydoc, test.support, runpy)."""

import sys
from importlib.machinery import (ModuleSpec, BuiltinImporter, FrozenImporter,
                                 PathFinder)
from importlib.util import module_from_spec


def _find_spec(name, path, target=None):
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        if find is not None:
            spec = find(name, path, target)
            if spec is not None:
                return spec
    spec = BuiltinImporter.find_spec(name)
    return spec if spec is not None else PathFinder.find_spec(name, path)


def _init_module_attrs(spec, module, *, override=False):
    for attr, value in (("__spec__", spec), ("__loader__", spec.loader),
                        ("__package__", spec.parent)):
        if override or getattr(module, attr, None) is None:
            setattr(module, attr, value)
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location and (override or getattr(module, "__file__", None) is None):
        module.__file__ = spec.origin
    return module


def _exec(spec, module):
    """Execute `spec`'s module in the existing `module` object."""
    _init_module_attrs(spec, module, override=True)
    spec.loader.exec_module(module)
    return sys.modules.get(spec.name, module)


def _load(spec):
    """Create, register and execute the module for `spec` (as `import`
    does), removing it from sys.modules again if execution fails."""
    if spec.name in sys.modules and spec.loader is BuiltinImporter:
        return sys.modules[spec.name]
    module = module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        if spec.loader is BuiltinImporter or spec.loader is None:
            del sys.modules[spec.name]
            module = __import__(spec.name)
        else:
            spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(spec.name, None)
        raise
    return sys.modules.get(spec.name, module)


def _resolve_name(name, package, level):
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    return f"{base}.{name}" if name else base


def _gcd_import(name, package=None, level=0):
    if level > 0:
        name = _resolve_name(name, package, level)
    __import__(name)
    return sys.modules[name]


class _ModuleLock:
    """Per-module import locks: molt imports on one thread, so acquiring
    always succeeds at once."""

    def __init__(self, name):
        self.name = name

    def acquire(self):
        return True

    def release(self):
        pass

    def __repr__(self):
        return f"_ModuleLock({self.name!r}) at {id(self)}"


def _get_module_lock(name):
    return _ModuleLock(name)
