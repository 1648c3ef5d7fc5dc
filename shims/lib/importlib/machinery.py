"""Finders, loaders and specs as `importlib.machinery` names them, for
source files on sys.path (molt has no extension modules or bytecode files)."""

import sys

SOURCE_SUFFIXES = [".py"]
DEBUG_BYTECODE_SUFFIXES = [".pyc"]
OPTIMIZED_BYTECODE_SUFFIXES = [".pyc"]
BYTECODE_SUFFIXES = [".pyc"]
EXTENSION_SUFFIXES = []


def all_suffixes():
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES


class ModuleSpec:
    """What the import system knows about a module before loading it."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self.cached = None
        self.has_location = origin is not None and not origin.startswith("<")

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    def __repr__(self):
        args = [f"name={self.name!r}", f"loader={self.loader!r}"]
        if self.origin is not None:
            args.append(f"origin={self.origin!r}")
        if self.submodule_search_locations is not None:
            args.append(f"submodule_search_locations={self.submodule_search_locations}")
        return f"ModuleSpec({', '.join(args)})"

    def __eq__(self, other):
        if not isinstance(other, ModuleSpec):
            return NotImplemented
        return (self.name, self.loader, self.origin, self.submodule_search_locations) == (
            other.name, other.loader, other.origin, other.submodule_search_locations)


class SourceFileLoader:
    """Loads a module from a `.py` file."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def get_filename(self, fullname=None):
        return self.path

    def get_data(self, path):
        with open(path, "rb") as f:
            return f.read()

    def get_source(self, fullname=None):
        return self.get_data(self.path).decode("utf-8")

    def is_package(self, fullname=None):
        return self.path.rpartition("/")[2] == "__init__.py"

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        code = compile(self.get_source(), self.path, "exec")
        exec(code, module.__dict__)

    def load_module(self, fullname=None):
        fullname = fullname or self.name
        module = type(sys)(fullname)
        module.__file__ = self.path
        sys.modules[fullname] = module
        self.exec_module(module)
        return sys.modules[fullname]

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash((self.name, self.path))


SourcelessFileLoader = SourceFileLoader


class ExtensionFileLoader(SourceFileLoader):
    """molt cannot load C extension modules."""

    def exec_module(self, module):
        raise ImportError(f"molt cannot load extension module {self.path!r}")


class BuiltinImporter:
    """Finds the modules built into molt (native and embedded)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname in sys.builtin_module_names:
            return ModuleSpec(fullname, cls, origin="built-in")
        return None


class FrozenImporter(BuiltinImporter):
    pass


class PathFinder:
    """Finds source modules and packages in `path` (default `sys.path`)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        name = fullname.rpartition(".")[2]
        for entry in sys.path if path is None else path:
            base = entry or "."
            init = f"{base}/{name}/__init__.py"
            if _is_file(init):
                spec = ModuleSpec(fullname, SourceFileLoader(fullname, init), origin=init, is_package=True)
                spec.submodule_search_locations = [f"{base}/{name}"]
                return spec
            source = f"{base}/{name}.py"
            if _is_file(source):
                return ModuleSpec(fullname, SourceFileLoader(fullname, source), origin=source)
        return None

    @classmethod
    def invalidate_caches(cls):
        pass


class FileFinder:
    def __init__(self, path, *loader_details):
        self.path = path

    def find_spec(self, fullname, target=None):
        return PathFinder.find_spec(fullname, [self.path])

    def invalidate_caches(self):
        pass


def _is_file(path):
    try:
        import posix
        return (posix.stat(path).st_mode & 0o170000) == 0o100000
    except OSError:
        return False
