import sys, types
print(int | str, int | None, int | int, (int | str) == (str | int))
print(isinstance(3, int | str), isinstance(3.0, int | str), issubclass(bool, int | None))
print(type(int | str), hash(int | str) == hash(str | int))
u = int | str
print(u | float, None | int)
print(types.FunctionType, types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)
print(types.NoneType, types.ModuleType, types.MethodType, types.BuiltinFunctionType)
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x"))
ns.c = 3
print(ns)
print(sys.implementation.name == "molt" or sys.implementation.name == "cpython")
print(sys.flags.optimize, sys.warnoptions, type(sys.flags.dev_mode).__name__)
class A: pass
class B(A): pass
class C(A): pass
print([c.__name__ for c in A.__subclasses__()])
def make():
    class D(A): pass
    return len(A.__subclasses__())
print(make())
import gc
gc.collect()
print(len(A.__subclasses__()))
C2 = types.new_class("C2", (A,), {}, lambda ns: ns.update(x=5))
print(C2.__name__, C2.x, issubclass(C2, A))
it = iter(range(1 << 100, (1 << 100) + 3))
print(type(it).__name__, next(it), list(it))
