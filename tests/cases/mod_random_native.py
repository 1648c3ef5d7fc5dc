# _random.Random: CPython's Mersenne Twister numbers, state and errors.
import _random
import _sha512


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


R = _random.Random
print(R, type(R(1)))
for s in [0, 1, 5, -5, 42, 2**32 - 1, 2**32, 2**64 - 1, -(2**64) + 1, 2**100, 3**200, True]:
    r = R(s)
    print(s if s < 10**20 else 'big', [r.random() for _ in range(3)], r.getrandbits(32))

# Seeds of other types go through their hash (as an unsigned word).
for s in [1.5, -1.5, 0.0, (1, 2), 'abc' if False else None]:
    if s is None:
        continue
    print(s, R(s).random())
t(lambda: R([1]))

# random.py seeds str/bytes through sha512 (version 2): the same int here.
a = b'hello'
print(R(int.from_bytes(a + _sha512.sha512(a).digest(), 'big')).random())

# getrandbits of many sizes.
r = R(12345)
for k in [0, 1, 2, 7, 8, 31, 32, 33, 63, 64, 65, 100, 128, 1000]:
    print(k, r.getrandbits(k))
t(lambda: r.getrandbits(-1))
t(lambda: r.getrandbits(1.0))
t(lambda: r.getrandbits())
t(lambda: r.getrandbits(k=3))
t(lambda: r.getrandbits(2**31))
t(lambda: r.getrandbits(2**70))
print(R(5).getrandbits(True))

# State round trip.
r = R(2024)
st = r.getstate()
print(type(st), len(st), st[:3], st[-1])
x = [r.random() for _ in range(700)]
r.setstate(st)
print(x == [r.random() for _ in range(700)], r.getstate()[-1])
r2 = R()
r2.setstate(r.getstate())
print(r.random() == r2.random(), r.getrandbits(77) == r2.getrandbits(77))

t(lambda: R().setstate([0] * 625))
t(lambda: R().setstate((0,) * 624))
t(lambda: R().setstate((0,) * 624 + (625,)))
t(lambda: R().setstate((0,) * 624 + (-1,)))
t(lambda: R().setstate((0,) * 624 + (624,)))
t(lambda: R().setstate((-1,) * 624 + (624,)))
t(lambda: R().setstate((2**32,) * 624 + (624,)))
t(lambda: R().setstate((2**64,) * 624 + (624,)))
t(lambda: R().setstate((1.0,) * 624 + (624,)))
t(lambda: R().setstate((1,) * 624 + (1.0,)))
t(lambda: R().setstate((1,) * 624 + (2**64,)))
t(lambda: R().setstate())


def f():
    r = R()
    r.setstate((2**32 + 5,) * 624 + (3,))
    return r.getstate()[:2], r.getstate()[-1], r.random()


t(f)

# Argument rules of __new__/__init__ and the methods.
t(lambda: R(1, 2))
t(lambda: R(x=1))
t(lambda: R(5).random(1))
t(lambda: R(5).seed(1, 2))
t(lambda: R(5).seed(a=1))
t(lambda: R(5).seed())
t(lambda: R(5).getstate(1))
r = R(7)
r.seed(7)
print(r.random() == R(7).random())
r.seed(None)
print(0.0 <= r.random() < 1.0)
print(0.0 <= R().random() < 1.0)
t(lambda: R.__new__(R, 1, 2).getstate()[:2])
t(lambda: R.__new__(R, x=3).getstate()[-1])
t(lambda: R.__new__(int))
t(lambda: R.__init__(R(), 1, 2))
t(lambda: R.__init__(R(), x=1))
t(lambda: R.__init__(5))
t(lambda: R.random(5))
t(lambda: R.seed(5))


# Subclasses: random.Random subclasses this and calls super().seed.
class S(R):
    def __init__(self, *a, **k):
        print('init', a, k)
        super().__init__()


print(S(1, 2, x=3).random() < 1)


class S2(R):
    pass


t(lambda: S2(x=3))
t(lambda: S2(1, 2))
print(S2(7).random() == R(7).random())


class S3(R):
    def __new__(cls, *a, **k):
        return super().__new__(cls, *a, **k)


t(lambda: S3(x=3))
t(lambda: S3(1, 2))


class NoSeed(R):
    def __init__(self):
        pass


n = NoSeed()
print(n.random(), n.getstate()[-1], n.getstate()[:3])


class Py(R):
    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None):
        super().seed(a)
        self.gauss_next = None


p = Py(99)
p.extra = 1
print(p.gauss_next, p.extra, p.random() == R(99).random())
