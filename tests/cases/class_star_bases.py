# class statements with *bases and **keywords; eval() of a closure code object.
class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        print("meta", name, [b.__name__ for b in bases], kw)
        return super().__new__(m, name, bases, ns)
bases = (object,)
kw = {"metaclass": Meta, "flag": 1}
class A(*bases, **kw):
    pass
class B(A, *(), x=2, **{"y": 3}):
    pass
print(type(B).__name__, B.__mro__[1].__name__)
try:
    exec(g.__code__) if False else None
    def f(x):
        return lambda: x + 1
    eval(f(3).__code__)
except TypeError as e:
    print("TypeError:", e)
