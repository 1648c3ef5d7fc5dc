#!/usr/bin/env python3
"""Regenerate shims/lib/_ast.py's node table from CPython 3.11's own `_ast`.

The table is data (the node classes of Python's grammar, their bases,
fields and attributes); the behaviour around it is written by hand in the
shim.  Run with python3.11 from the repository root."""
import _ast
import sys

assert sys.version_info[:2] == (3, 11), "needs CPython 3.11"
lines = []
seen = set()


def visit(cls):
    if cls in seen:
        return
    seen.add(cls)
    base = cls.__bases__[0]
    if base is not object and base not in seen:
        visit(base)
    if cls is not _ast.AST:
        fields = " ".join(cls._fields)
        attrs = " ".join(getattr(cls, "_attributes", ()))
        lines.append(f"{cls.__name__}:{base.__name__}:{fields}:{attrs}")
    for sub in cls.__subclasses__():
        if sub.__module__ in ("ast", "_ast") and sub.__name__ in vars(_ast):
            visit(sub)


visit(_ast.AST)
path = "shims/lib/_ast.py"
text = open(path).read()
start = text.index('_NODES = """') + len('_NODES = """')
end = text.index('"""', start)
open(path, "w").write(text[:start] + "\n" + "\n".join(lines) + "\n" + text[end:])
print(f"{len(lines)} node classes")
