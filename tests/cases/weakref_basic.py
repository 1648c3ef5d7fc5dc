import _weakref, gc
ref = _weakref.ref
class C:
    def __init__(self, n): self.n = n
    def m(self): return self.n

def make():
    c = C(1)
    r = ref(c)
    print(r() is c, ref(c) is r, _weakref.getweakrefcount(c))
    r2 = ref(c, lambda w: print("callback", w is r2, w()))
    print(r2 is not r, _weakref.getweakrefcount(c), r == r2, hash(r) == hash(c))
    print(r.__callback__ is None, r2.__callback__ is not None)
    return r, r2
r, r2 = make()
gc.collect()
print(r(), r2(), repr(r)[:12], repr(r).endswith("; dead>"))
try:
    ref(1)
except TypeError as e:
    print(e)
try:
    ref([])
except TypeError as e:
    print(e)
class K(ref):
    __slots__ = ('key',)
    def __new__(cls, ob, cb, key):
        self = ref.__new__(cls, ob, cb)
        self.key = key
        return self
    def __init__(self, ob, cb, key):
        super().__init__(ob, cb)
def make2():
    d = C(5)
    k = K(d, None, "kk")
    print(k.key, k() is d, type(k).__name__, isinstance(k, ref))
    p = _weakref.proxy(d)
    print(p.n, p.m(), type(p).__name__)
    p.n = 7
    print(d.n)
    def f(): return 3
    pf = _weakref.proxy(f)
    print(pf())
    return p, k
p, k = make2()
gc.collect()
print(k())
try:
    p.n
except ReferenceError as e:
    print("ReferenceError", e)
print(ref.__name__, ref.__module__, gc.isenabled())
def cb(w):
    1/0
def make3():
    o = C(0)
    return ref(o, cb)
w = make3()
gc.collect()
d = {}
def make4():
    o = C(1)
    d["a"] = ref(o)
make4()
gc.collect()
_weakref._remove_dead_weakref(d, "a")
print(d)
