"""Helpers over specs and loaders (`importlib.util`)."""

import sys
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader

MAGIC_NUMBER = b"\xa7\r\r\n"


def resolve_name(name, package):
    if not name.startswith("."):
        return name
    if not package:
        raise ImportError(f"no package specified for {name!r} (required for relative module names)")
    level = len(name) - len(name.lstrip("."))
    from importlib import _resolve_name
    return _resolve_name(name[level:], package, level)


def find_spec(name, package=None):
    """The spec of an importable module, or None (the module's own if loaded)."""
    fullname = resolve_name(name, package) if name.startswith(".") else name
    module = sys.modules.get(fullname)
    if module is not None:
        spec = getattr(module, "__spec__", None)
        if spec is None:
            raise ValueError(f"{fullname}.__spec__ is None")
        return spec
    path = None
    parent = fullname.rpartition(".")[0]
    if parent:
        parent_module = __import__(parent, fromlist=["__path__"])
        path = getattr(parent_module, "__path__", None)
        if path is None:
            raise ModuleNotFoundError(
                f"__path__ attribute not found on {parent!r} while trying to find {fullname!r}",
                name=fullname,
            )
    from importlib.machinery import BuiltinImporter
    return BuiltinImporter.find_spec(fullname) or PathFinder.find_spec(fullname, path)


def spec_from_file_location(name, location=None, *, loader=None, submodule_search_locations=None):
    if location is None:
        return None
    location = str(location)
    if loader is None:
        loader = SourceFileLoader(name, location)
    spec = ModuleSpec(name, loader, origin=location)
    if submodule_search_locations is not None:
        spec.submodule_search_locations = list(submodule_search_locations)
    return spec


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    return ModuleSpec(name, loader, origin=origin, is_package=is_package)


def module_from_spec(spec):
    """A new module for `spec`, with its import attributes set (not executed)."""
    module = None
    if hasattr(spec.loader, "create_module"):
        module = spec.loader.create_module(spec)
    if module is None:
        module = type(sys)(spec.name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__package__ = spec.parent
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location:
        module.__file__ = spec.origin
    return module


def decode_source(source_bytes):
    return source_bytes.decode("utf-8")


def cache_from_source(path, debug_override=None, *, optimization=None):
    head, _, tail = path.rpartition("/")
    base = tail.rpartition(".")[0]
    tag = sys.implementation.cache_tag
    return f"{head}/__pycache__/{base}.{tag}.pyc" if head else f"__pycache__/{base}.{tag}.pyc"


def source_from_cache(path):
    head, _, tail = path.rpartition("/")
    directory = head.rpartition("/")[0]
    base = tail.split(".")[0]
    return f"{directory}/{base}.py" if directory else f"{base}.py"
