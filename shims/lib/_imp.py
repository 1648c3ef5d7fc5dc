"""The parts of CPython's `_imp` that code outside the import system uses
(`test.support.import_helper`, `imp`): molt's import machinery is its own,
so there are no frozen modules and no extension modules."""

import sys

check_hash_based_pycs = 'never'

_lock_depth = 0


def acquire_lock():
    global _lock_depth
    _lock_depth += 1


def release_lock():
    global _lock_depth
    if _lock_depth == 0:
        raise RuntimeError("not holding the import lock")
    _lock_depth -= 1


def lock_held():
    return _lock_depth > 0


def extension_suffixes():
    return []


def is_builtin(name):
    return 1 if name in sys.builtin_module_names else 0


def is_frozen(name):
    return False


def is_frozen_package(name):
    raise ImportError(f"No such frozen object named {name!r}", name=name)


def find_frozen(name, *, withdata=False):
    return None


def get_frozen_object(name, data=None):
    raise ImportError(f"No such frozen object named {name!r}", name=name)


def init_frozen(name):
    return None


def _frozen_module_names():
    return ()


def _override_frozen_modules_for_tests(override):
    pass


def _fix_co_filename(code, path):
    pass


def source_hash(key, source):
    raise NotImplementedError("molt does not write hash-based pycs")
