# Code objects and function attributes, as CPython 3.11 exposes them.
import types


def plain(a, b=2, /, c=3, *args, d, e=5, **kw):
    "docstring"
    local1 = a + b
    for i in range(c):
        local1 += i
    other = local1
    return other


def outer(x, y):
    z = x + 1
    w = 2
    def inner(q):
        return q + z + x
    return inner


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


lam = lambda p, *, k=1: p + k

for f in (plain, outer, outer(1, 2), gen, coro, agen, lam):
    co = f.__code__
    print(co.co_name, co.co_qualname)
    print("  varnames", co.co_varnames, "nlocals", co.co_nlocals)
    print("  cellvars", co.co_cellvars, "freevars", co.co_freevars)
    print("  argcount", co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
    print("  flags", co.co_flags, "firstlineno", co.co_firstlineno)
    print("  code is bytes", type(co.co_code) is bytes, "consts is tuple", type(co.co_consts) is tuple)
    print("  names is tuple", type(co.co_names) is tuple, "stacksize>0", co.co_stacksize > 0)
    print("  filename", co.co_filename.rsplit("/", 1)[-1])
    print("  isinstance CodeType", isinstance(co, types.CodeType))

print(plain.__code__.co_consts[0])
print(gen.__code__.co_consts[0])
lines = list(plain.__code__.co_lines())
print(all(len(t) == 3 for t in lines), lines[0][0] == 0)
print(sorted({l for _, _, l in lines if l is not None})[-5:])
pos = list(plain.__code__.co_positions())
print(len(pos) * 2 == len(plain.__code__.co_code))

# Module-level code.
co = compile("x = 1\ny = x\n", "<mod>", "exec")
print(co.co_name, co.co_flags, co.co_varnames, co.co_filename, co.co_firstlineno)

# Class bodies that use __class__ keep it as a cell.
class K:
    def m(self):
        return __class__

print(K().m() is K)

# Function attributes.
print(plain.__defaults__, plain.__kwdefaults__)
print(plain.__name__, plain.__qualname__, plain.__module__, plain.__doc__)
print(plain.__globals__ is globals(), plain.__closure__)
inner = outer(10, 20)
print([c.cell_contents for c in inner.__closure__])
print(type(inner.__closure__[0]).__name__)
print(outer.__closure__, inner.__qualname__)
plain.attr = 5
print(plain.__dict__)
plain.__kwdefaults__ = {"d": 0, "e": 1}
print(plain(1, c=0), plain.__kwdefaults__)
print(lam.__annotations__, lam.__name__)
lam.__annotations__ = {"p": int}
print(lam.__annotations__)
print(plain.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else plain.__builtins__ is __builtins__)

# Assigning and deleting function attributes.
def one():
    return 1


def two():
    return 2


one.__code__ = two.__code__
print(one(), one.__name__)
for name, value in [("__name__", 7), ("__qualname__", None), ("__defaults__", [1]),
                    ("__kwdefaults__", 3), ("__code__", 1), ("__dict__", None),
                    ("__globals__", {}), ("__closure__", ())]:
    try:
        setattr(one, name, value)
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__, e)
try:
    one.__code__ = inner.__code__
except ValueError as e:
    print("ValueError", e)
del plain.__defaults__, plain.__doc__
print(plain.__defaults__, plain.__doc__)
for name in ["__name__", "__dict__", "__code__"]:
    try:
        delattr(one, name)
    except TypeError as e:
        print(name, e)
one.__dict__ = {"x": 1}
print(one.x, "x" in dir(one), "__code__" in dir(one))

# Cells, methods and functions made directly.
c = types.CellType(5)
print(c.cell_contents)
c.cell_contents = 6
print(c.cell_contents)
del c.cell_contents
try:
    c.cell_contents
except ValueError as e:
    print("ValueError", e)
print(types.MethodType(lambda self, y: (self, y), "obj")("arg"))
g = types.FunctionType(two.__code__, {"__name__": "made"}, "renamed")
print(g(), g.__name__, g.__module__)


def uses_global():
    global declared
    def declared():
        pass
    return declared


print(uses_global().__qualname__, [].append.__qualname__, dict.fromkeys.__qualname__)


def empties_cell():
    a = 1
    def f():
        return a
    del a
    try:
        print(a)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    try:
        f()
    except NameError as e:
        print("NameError", e)


empties_cell()
print(dir(5)[:2])
