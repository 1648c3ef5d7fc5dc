# Frame objects: sys._getframe, f_back chains, f_locals, tracebacks' frames,
# and the traceback/inspect functions built on them.
import inspect
import io
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def clean(s):
    return s.replace(HERE, "")


def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno


def f(a, b=2):
    x = a + b
    fr = sys._getframe()
    print(fr.f_code.co_name, fr.f_lineno, fr.f_lasti >= 0)
    print([(k, v) for k, v in fr.f_locals.items() if k != "fr"], "fr" in fr.f_locals)
    print(fr.f_back.f_code.co_name, fr.f_globals is globals())
    print(fr.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else True)
    print(where())
    return fr


fr = f(1)
# A finished frame keeps its code, line and locals.
print(fr.f_code.co_name, fr.f_lineno, sorted(k for k in fr.f_locals))
print(fr.f_back is sys._getframe(), sys._getframe() is sys._getframe())
print(type(fr).__name__, inspect.isframe(fr), isinstance(fr, type(sys._getframe())))
print(sys._getframe().f_code.co_name, sys._getframe().f_back)
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError", e)


def closure():
    v = 10
    def g():
        w = v + 1
        return sys._getframe().f_locals
    return g()


print(closure())

# Module-level frames: f_locals is the globals dict.
print(sys._getframe().f_locals is globals())


class Body:
    inside = sys._getframe().f_locals.get("inside", "absent")
    name = sys._getframe().f_code.co_name
    qual = sys._getframe().f_locals["__qualname__"]


print(Body.inside, Body.name, Body.qual)


def level3():
    buf = io.StringIO()
    traceback.print_stack(file=buf, limit=3)
    print(clean(buf.getvalue()), end="")
    return [(fs.name, fs.lineno, fs.line) for fs in traceback.extract_stack()]


def level2():
    return level3()


def level1():
    return level2()


out = level1()
print(clean(str(out[-3:])))
print(inspect.currentframe().f_code.co_name)


def stack_names():
    return [(fi.function, fi.lineno, fi.code_context[0].strip() if fi.code_context else None)
            for fi in inspect.stack()]


print(stack_names())

# Tracebacks hold the frames.


def fails(n):
    local = n * 2
    raise KeyError(local)


def calls():
    fails(21)


try:
    calls()
except KeyError as e:
    tb = e.__traceback__
    print(tb.tb_frame is sys._getframe(), tb.tb_lineno, tb.tb_lasti >= 0)
    frames = []
    t = tb
    while t is not None:
        frames.append((t.tb_frame.f_code.co_name, t.tb_lineno))
        t = t.tb_next
    print(frames)
    last = tb.tb_next.tb_next
    print(last.tb_frame.f_locals, last.tb_frame.f_back.f_code.co_name)
    print(clean(traceback.format_exc()))
    print([(s.name, s.lineno, s.line) for s in traceback.extract_tb(tb)])
    print(clean("".join(traceback.format_exception(type(e), e, tb))))
    print(traceback.format_exception_only(type(e), e))

try:
    try:
        calls()
    except KeyError:
        raise RuntimeError("again")
except RuntimeError:
    print(clean(traceback.format_exc()))

# Generators' frames are frames too.


def gen():
    yield sys._getframe().f_code.co_name
    yield sys._getframe().f_back.f_code.co_name


print(list(gen()))
print(repr(sys._getframe()).startswith("<frame at 0x"))
print(clean(repr(fr)).split(",", 1)[1])
