# Every kind of Python-to-Python call: positional, keywords, defaults,
# *args/**kwargs, closures, bound methods, method calls, class
# instantiation with __init__, generators, and binding errors.
import gc


def pos(a, b, c):
    return (a, b, c)


def defaults(a, b=2, *, k=3):
    return (a, b, k)


def star(*args, **kw):
    return (args, sorted(kw.items()))


def make_adder(n):
    def add(x):
        return x + n
    return add


print(pos(1, 2, 3), pos(1, c=3, b=2), pos(*[4, 5], **{"c": 6}))
print(defaults(1), defaults(1, 5), defaults(1, k=9), defaults(b=7, a=0))
print(star(), star(1, 2, x=3), star(*range(3), **{"y": 1}))
print(make_adder(10)(5), list(map(make_adder(1), [1, 2])))

for call in [lambda: pos(1, 2), lambda: pos(1, 2, 3, 4), lambda: defaults(),
             lambda: pos(1, 2, 3, d=4), lambda: defaults(1, 2, 3)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

    @staticmethod
    def origin():
        return Point(0)

    @classmethod
    def diag(cls, n):
        return cls(n, n)


p = Point(3, -4)
print(p.norm1(), p.moved(1).norm1(), p.moved(dx=1, dy=1).norm1())
m = p.moved
print(m(2, 2).x, Point.origin().norm1(), Point.diag(2).norm1(), Point.norm1(p))


class Sub(Point):
    def __init__(self, x):
        super().__init__(x, x)
        self.tag = "sub"


s = Sub(5)
print(s.norm1(), s.tag, type(s).__name__)


class BadInit:
    def __init__(self):
        return 42


try:
    BadInit()
except TypeError as e:
    print("TypeError:", e)


class RaisingInit:
    def __init__(self, v):
        raise ValueError(v)


try:
    RaisingInit("no")
except ValueError as e:
    print("ValueError:", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)

try:
    Point()
except TypeError as e:
    print("TypeError:", e)


class WithNew:
    def __new__(cls, v):
        obj = super().__new__(cls)
        obj.made = v
        return obj

    def __init__(self, v):
        self.inited = v * 2


w = WithNew(4)
print(w.made, w.inited)


class Other:
    def __new__(cls):
        return 7

    def __init__(self):
        print("never")


print(Other())


class Meta(type):
    def __call__(cls, *a):
        return ("meta", a)


class UsesMeta(metaclass=Meta):
    def __init__(self):
        print("never")


print(UsesMeta(1, 2))


class MyList(list):
    def __init__(self, n):
        super().__init__(range(n))


print(MyList(3), len(MyList(4)))


class Callable:
    def __call__(self, x):
        return x * 3


print(Callable()(4))


# Generators call functions and functions drive generators.
def gen(n):
    for i in range(n):
        yield pos(i, i, i)[0] + defaults(i)[1]


def drive():
    return sum(gen(4))


print(drive(), list(gen(2)))


def failing_gen():
    yield 1
    outer_fail()


def outer_fail():
    return 1 // 0


g = failing_gen()
next(g)
try:
    next(g)
except ZeroDivisionError:
    print("generator's callee raised")


# Registers of every live frame are roots while a collection runs.
def build(n):
    local = [n] * 3
    if n == 0:
        gc.collect()
        return local
    deeper = build(n - 1)
    return local + deeper[:3]


print(build(50)[:6])


def alloc_loop(n):
    total = 0
    for i in range(n):
        total += len(Point(i, i).moved(1).__dict__)
    return total


print(alloc_loop(30000))


# Instantiation of classes with other bases and layouts.
class E(Exception):
    def __init__(self, x, y=2):
        self.y = y


class F(Exception):
    def __init__(self, x):
        super().__init__(x, 5)


e = E(1)
print(e.args, e.y, repr(e), F(3).args)


class Slotted:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


print(Slotted(4).a)


class KwOnly:
    def __init__(self, **kw):
        self.kw = kw


print(KwOnly(a=1).kw)
try:
    Slotted()
except TypeError as e:
    print("TypeError:", e)
