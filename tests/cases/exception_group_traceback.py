# How exception groups are printed: traceback.format_exception to stdout
# (carets dropped: they need column positions), then an uncaught group.
import os
import traceback


def show(e, **kw):
    for chunk in traceback.format_exception(e, **kw):
        for line in chunk.splitlines():
            if line.strip(" |+") and set(line.strip(" |+")) <= set("^~"):
                continue
            # File names as given on the command line, whatever the directory.
            print(line.replace(__file__, os.path.basename(__file__)))
    print("=" * 20)


def inner():
    raise ValueError("inner")


def make():
    try:
        inner()
    except ValueError as v:
        v.add_note("note about v")
        v.add_note("two\nlines")
        raise ExceptionGroup("outer", [
            v,
            TypeError("t"),
            ExceptionGroup("nested", [KeyError("k"), OSError("o")]),
        ])


try:
    make()
except ExceptionGroup as e:
    caught = e
show(caught)

wide = ExceptionGroup("wide", [ValueError(i) for i in range(18)])
show(wide)

tall = ValueError("bottom")
for i in range(12):
    tall = ExceptionGroup(f"level {i}", [tall])
show(tall)
show(wide, limit=0)


def except_star():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("from handler")


try:
    except_star()
except ExceptionGroup as e:
    show(e)

te = traceback.TracebackException.from_exception(caught)
print(len(te.exceptions), [type(x).__name__ for x in [caught]])
except_star()
