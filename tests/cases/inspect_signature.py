# inspect.signature and friends on functions, methods, classes and partials.
import functools
import inspect
from typing import List, Optional


def f(a, b: int = 2, /, c=3, *args, d, e: "str" = "x", **kw) -> bool:
    """Doc of f."""


print(inspect.signature(f))
print(inspect.signature(lambda x, *, y=1: 0))
print(inspect.signature(lambda: None))


class A:
    """Doc of A."""

    def __init__(self, p, q: Optional[int] = None):
        self.p = p

    def m(self, x, y=1):
        return x

    @classmethod
    def cm(cls, z):
        pass

    @staticmethod
    def sm(q=None):
        pass

    @property
    def prop(self):
        return 1


a = A(1)
print(inspect.signature(A.m), inspect.signature(a.m))
print(inspect.signature(A.cm), inspect.signature(A.sm))
print(inspect.signature(A))


class WithNew:
    def __new__(cls, n, *, flag=False):
        return super().__new__(cls)


print(inspect.signature(WithNew))


class Callable:
    def __call__(self, u, v=0):
        pass


print(inspect.signature(Callable()))

sig = inspect.signature(f)
for name, p in sig.parameters.items():
    print(name, p.kind.name, p.default, p.annotation)
print(sig.return_annotation)
ba = sig.bind(1, 2, 3, 4, d=5, z=6)
print(ba.arguments)
ba = sig.bind_partial(1)
ba.apply_defaults()
print(ba.arguments)
try:
    sig.bind(1, 2)
except TypeError as e:
    print("TypeError", e)
print(sig.replace(return_annotation=inspect.Signature.empty))
print(str(sig.parameters["e"]), repr(sig.parameters["a"]))


@functools.wraps(f)
def w(*a, **k):
    return f(*a, **k)


print(inspect.signature(w), w.__wrapped__ is f, w.__name__, w.__doc__)
print(inspect.signature(w, follow_wrapped=False))
print(inspect.signature(functools.partial(f, 1, d=3)))
print(inspect.signature(functools.partial(A.m, a)))


def annotated(x: List[int], y: "Optional[str]" = None) -> List[str]:
    return []


print(inspect.signature(annotated))
print(inspect.get_annotations(annotated))
print(annotated.__annotations__)

try:
    inspect.signature(int)
except ValueError as e:
    print("ValueError", e)
try:
    inspect.signature(42)
except TypeError as e:
    print("TypeError", e)

print(inspect.getfullargspec(f))
print(inspect.getcallargs(f, 1, d=4))
print(inspect.isfunction(f), inspect.ismethod(a.m), inspect.isclass(A), inspect.iscode(f.__code__))
print(inspect.getsource(A.m), end="")
print(inspect.getdoc(A), inspect.getdoc(f), inspect.getmodule(f).__name__)
print(inspect.getsourcelines(f)[1], len(inspect.getsourcelines(A.m)[0]))
print(inspect.getfile(f).rsplit("/", 1)[-1])


def gen():
    yield 1


async def co():
    pass


async def agen():
    yield 1


print(inspect.isgeneratorfunction(gen), inspect.iscoroutinefunction(co),
      inspect.isasyncgenfunction(agen), inspect.isgeneratorfunction(f))
g = gen()
print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
g.close()
print(inspect.getgeneratorstate(g))
print(inspect.unwrap(w) is f)
print([n for n, _ in inspect.getmembers(A, inspect.isfunction)])
print(inspect.getattr_static(a, "prop").__class__.__name__)
