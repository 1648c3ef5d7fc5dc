# id() and 'is': only compared, never printed.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
print(type(id(a)).__name__)
x = None
print(x is None, x is not None, None is None)
t = ()
print(t == (), type(t) is tuple)
def f():
    pass
print(f is f, f() is None)
class K:
    pass
k1, k2 = K(), K()
print(k1 is k2, k1 is not k2, id(k1) != id(k2))
objs = [K() for _ in range(5)]
print(len({id(o) for o in objs}) == 5)
print(True is True, (1 == 1) is True, bool(1) is True)
print(int is type(1), type(a) is list)
