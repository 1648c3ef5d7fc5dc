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
