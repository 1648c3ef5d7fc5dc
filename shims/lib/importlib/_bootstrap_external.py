"""`importlib._bootstrap_external`: path-based finders and file loaders,
as CPython names them (molt's are in `importlib.machinery`)."""

from importlib.machinery import (SOURCE_SUFFIXES, BYTECODE_SUFFIXES,
                                 EXTENSION_SUFFIXES, SourceFileLoader,
                                 SourcelessFileLoader, ExtensionFileLoader,
                                 PathFinder, FileFinder)
from importlib.util import (MAGIC_NUMBER, cache_from_source, source_from_cache,
                            decode_source, spec_from_file_location)

_POPULATE = object()


def _path_join(*parts):
    return "/".join(p.rstrip("/") for p in parts if p) or ""


def _path_split(path):
    head, _, tail = path.rpartition("/")
    return head, tail
