# str() and repr() of builtin exceptions.
excs = [ValueError("bad value"), KeyError("key"), KeyError(42), KeyError(), IndexError("idx"),
        TypeError("t", 1), ZeroDivisionError(), StopIteration(5), SystemExit(3),
        OSError(2, "No such file"), AttributeError("attr"), Exception(), Exception(""),
        RuntimeError(None), NameError("n"), AssertionError("msg")]
for e in excs:
    print(type(e).__name__, "| str:", repr(str(e)), "| repr:", repr(e))
print(StopIteration(5).value, SystemExit(3).code, SystemExit().code, OSError(2, "x").errno)
try:
    {}["missing key"]
except KeyError as e:
    print(str(e), repr(e), e.args)
