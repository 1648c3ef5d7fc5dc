# BaseExceptionGroup / ExceptionGroup objects: construction, split, subgroup,
# derive, notes.


def attempt(f):
    try:
        r = f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return r


print(attempt(lambda: BaseExceptionGroup("m")))
print(attempt(lambda: BaseExceptionGroup("m", [ValueError()], 3)))
print(attempt(lambda: BaseExceptionGroup(1, [ValueError()])))
print(attempt(lambda: BaseExceptionGroup("m", {ValueError()})))
print(attempt(lambda: BaseExceptionGroup("m", [])))
print(attempt(lambda: BaseExceptionGroup("m", [ValueError(), 5])))
print(attempt(lambda: ExceptionGroup("m", [KeyboardInterrupt()])))
print(attempt(lambda: ExceptionGroup("m", [ValueError()], extra=1)))

g = BaseExceptionGroup("msg", [ValueError(1), TypeError(2)])
print(type(g).__name__, g.message, g.exceptions, g.args, str(g), repr(g))
print(type(BaseExceptionGroup("b", (KeyboardInterrupt(), ValueError()))).__name__)
print(ExceptionGroup.__mro__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
print(str(ExceptionGroup("one", [ValueError()])), str(ExceptionGroup("", [ValueError()] * 3)))
print(BaseExceptionGroup[int])
print(attempt(lambda: setattr(g, "message", "x")), attempt(lambda: setattr(g, "exceptions", ())))


class MyEG(ExceptionGroup):
    pass


print(attempt(lambda: MyEG("m", [KeyboardInterrupt()])))
m = MyEG("mine", [ValueError(1)])
print(type(m).__name__, type(m.derive([TypeError()])).__name__)

eg = ExceptionGroup("top", [
    ValueError(1),
    TypeError(2),
    ExceptionGroup("mid", [ValueError(3), KeyError(4), ExceptionGroup("low", [ValueError(5)])]),
])
for cond in [ValueError, (TypeError, KeyError), LookupError, ExceptionGroup, OSError,
             lambda e: isinstance(e, ValueError) and e.args[0] > 2,
             lambda e: isinstance(e, ExceptionGroup) and e.message == "low"]:
    match, rest = eg.split(cond)
    print("split", repr(match), "|", repr(rest))
    print("subgroup", repr(eg.subgroup(cond)))
print(eg.split(ExceptionGroup)[0] is eg, eg.subgroup(lambda e: True) is eg)
for bad in [1, (ValueError, 2), [ValueError], int, "x"]:
    print(attempt(lambda: eg.split(bad)), "/", attempt(lambda: eg.subgroup(bad)))

# split copies the metadata of each group it rebuilds.
try:
    try:
        raise KeyError("ctx")
    except KeyError:
        raise eg from OSError("cause")
except ExceptionGroup as raised:
    caught = raised
caught.add_note("a note")
match, rest = caught.split(ValueError)
for part in (match, rest):
    print(repr(part.__cause__), repr(part.__context__), part.__suppress_context__,
          part.__notes__, part.__notes__ is caught.__notes__,
          part.__traceback__ is caught.__traceback__)


# derive decides the type of the parts.
class Coded(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj

    def derive(self, excs):
        return Coded(self.message, excs, self.code)


c = Coded("coded", [ValueError(1), TypeError(2)], 42)
a, b = c.split(ValueError)
print(type(a).__name__, a.code, a.args, type(b).__name__, b.code)


class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 5


print(attempt(lambda: BadDerive("bad", [ValueError(), TypeError()]).split(ValueError)))

# add_note and __notes__.
e = ValueError("v")
print(hasattr(e, "__notes__"))
e.add_note("first")
e.add_note("second")
print(e.__notes__, e.__dict__)
print(attempt(lambda: e.add_note(3)))
e.__notes__ = ()
print(attempt(lambda: e.add_note("x")))

# Deep nesting reaches the recursion limit instead of crashing.
import sys

deep = TypeError(0)
for i in range(sys.getrecursionlimit() + 5):
    deep = ExceptionGroup("d", [deep])
print(attempt(lambda: deep.split(TypeError)))
print(attempt(lambda: deep.subgroup(TypeError)))
