# The math module: values (bit for bit), special values, big ints, argument
# conversion and CPython's error types and messages.
import math

INF = float("inf")
NAN = float("nan")


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "->", repr(r))


SPECIAL = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.5, 10.0, 1e-300, 5e-324,
           1e300, -1e300, 710.0, INF, -INF, NAN, 3, -7, True, 2**64]

ONE_ARG = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil",
           "cos", "cosh", "degrees", "erf", "erfc", "exp", "exp2", "expm1",
           "fabs", "floor", "frexp", "gamma", "isfinite", "isinf", "isnan",
           "lgamma", "log", "log10", "log1p", "log2", "modf", "radians", "sin",
           "sinh", "sqrt", "tan", "tanh", "trunc", "ulp"]

for name in ONE_ARG:
    f = getattr(math, name)
    for x in SPECIAL:
        show("%s(%r)" % (name, x), f, x)

# Ordinary values
vals = [0.1, 0.7, 1.3, 2.9, 4.5, 12.25, 33.3, 100.0, -0.3, -3.7, -12.5, -170.5,
        171.5, 1e-10, 1e-20, 1e-25, 200.5, -200.5, 140.1, 141.7]
for name in ["gamma", "lgamma", "erf", "erfc", "exp", "exp2", "expm1", "log1p",
             "sin", "cos", "tan", "sinh", "cosh", "tanh", "asinh", "atan", "cbrt"]:
    f = getattr(math, name)
    for x in vals:
        show("%s(%r)" % (name, x), f, x)

# Two-argument functions
PAIRS = [(0.0, 0.0), (-0.0, 0.0), (0.0, -0.0), (1.0, 0.0), (0.0, 1.0),
         (1.0, -1.0), (3.0, 2.0), (5.0, 2.0), (-5.0, 2.0), (7.5, -2.0),
         (1e308, 1e-308), (INF, 1.0), (1.0, INF), (INF, INF), (-INF, INF),
         (NAN, 1.0), (1.0, NAN), (2.0, 0.5), (-8.0, 1 / 3), (10, 400),
         (0.0, -1.0), (-0.0, -3.0), (-1.0, INF), (2, -1075)]
for name in ["atan2", "copysign", "fmod", "remainder", "pow", "nextafter", "hypot", "log"]:
    f = getattr(math, name)
    for x, y in PAIRS:
        show("%s(%r, %r)" % (name, x, y), f, x, y)

for x, y in [(5, 2), (7, 2), (-7, 2), (6.5, 1), (7.5, 1), (-6.5, 1), (1e300, 3.0),
             (3.0, 1e300), (5e-324, 1e-323)]:
    show("remainder(%r, %r)" % (x, y), math.remainder, x, y)

# ldexp / frexp / modf
for x, i in [(1.0, 10), (1.0, -1074), (1.0, -1075), (1.0, 1024), (0.5, 1024),
             (-1.5, 2**70), (1.5, -2**70), (0.0, 2**70), (INF, -5), (NAN, 3),
             (1.0, True), (3, 4)]:
    show("ldexp(%r, %r)" % (x, i), math.ldexp, x, i)
show("ldexp float exp", math.ldexp, 1.0, 2.0)
for x in [1.0, 0.1, -3.75, 1e-310, 2.0**1023, 123456789.0]:
    m, e = math.frexp(x)
    print("frexp", x, m, e, math.ldexp(m, e) == x)
    print("modf", x, math.modf(x), math.modf(-x))

# hypot and dist
print(math.hypot(), math.hypot(3), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 2, 3, 4, 5))
print(math.hypot(1e308, 1e308), math.hypot(5e-324, 5e-324), math.hypot(1e-310, 3e-310))
print(math.hypot(INF, NAN), math.hypot(NAN, 1), math.hypot(-INF, 1))
print([math.hypot(0.1 * i, 0.3 * i, 1.7) for i in range(1, 12)])
print(math.dist((1, 2), (4, 6)), math.dist([0.1, 0.2, 0.3], (1.5, -2.5, 9.0)), math.dist((), ()))
print(math.dist(iter([1.0, 1.0]), (2, 2)), math.dist((INF, 0), (0, NAN)))
show("dist len", math.dist, (1, 2), (1, 2, 3))
show("dist type", math.dist, 1, (1,))
show("dist str", math.dist, ("a",), (1,))

# fsum
print(math.fsum([]), math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum([2.0**53, -0.5, -2.0**-54]))
print(math.fsum([1, 2, 3]), math.fsum(range(10)), math.fsum(x / 7 for x in range(100)))
print(math.fsum([-0.0]), math.fsum([-0.0, -0.0]), math.fsum([INF, 1.0]), math.fsum([-INF, 3]))
print(math.fsum([NAN, 1.0]), math.fsum([INF, NAN]))
show("fsum inf-inf", math.fsum, [INF, -INF])
show("fsum overflow", math.fsum, [1e308, 1e308])
show("fsum bigint", math.fsum, [10**1000])
show("fsum str", math.fsum, [1, "a"])
show("fsum noniter", math.fsum, 5)

# prod
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod(range(1, 30)), math.prod([2.5, 4]))
print(math.prod([1, 2], start=10), math.prod([], start="x"), math.prod([3], start="ab"))
print(math.prod([2**40, 2**40, 2**40]), math.prod(x for x in [1.5, 2, 3]))
show("prod()", math.prod)
show("prod kw iterable", math.prod, iterable=[1])
show("prod bad kw", math.prod, [1], begin=3)
show("prod 2 pos", math.prod, [1], 2)
show("prod noniter", math.prod, 3)
show("prod types", math.prod, ["a", "b"])

# Integer functions
print(math.gcd(), math.gcd(0), math.gcd(-12), math.gcd(12, 18), math.gcd(-12, 18, 27), math.gcd(0, 0))
print(math.gcd(2**200 * 3, 2**100 * 9), math.gcd(True, 4), math.gcd(1, 2**80))
print(math.lcm(), math.lcm(0), math.lcm(-4), math.lcm(4, 6), math.lcm(4, -6, 10), math.lcm(0, 5), math.lcm(2**70, 3))
show("gcd float", math.gcd, 1.0, 2)
show("lcm str", math.lcm, 2, "3")
show("lcm after zero still checks", math.lcm, 0, 1.5)

for n in [0, 1, 5, 20, 21, 25, 50, 100]:
    print("factorial", n, math.factorial(n))
big = math.factorial(3000)
print(big.bit_length(), big % (10**9 + 7), big == math.prod(range(1, 3001)))
print(math.factorial(True))
show("factorial neg", math.factorial, -1)
show("factorial bigneg", math.factorial, -10**100)
show("factorial big", math.factorial, 10**100)
show("factorial float", math.factorial, 5.0)
show("factorial str", math.factorial, "5")

for n, k in [(10, 3), (10, 0), (10, 10), (10, 11), (0, 0), (52, 5), (100, 50), (1000, 3), (10**20, 3), (67, 33)]:
    print("comb", n, k, math.comb(n, k), "perm", math.perm(n, k))
print(math.perm(5), math.perm(5, None), math.comb(2**70, 2), math.perm(2**70, 2))
print(math.comb(3000, 1500) % 1000000007, math.perm(2000, 1000) % 1000000007)
show("comb neg n", math.comb, -1, 2)
show("comb neg k", math.comb, 3, -1)
show("perm neg n", math.perm, -1, 2)
show("perm neg k", math.perm, 3, -1)
show("perm huge k", math.perm, 2**70, 2**64)
show("comb huge", math.comb, 2**70, 2**64)
show("comb float", math.comb, 5.0, 2)
show("comb 1 arg", math.comb, 5)
show("perm 3 args", math.perm, 5, 2, 1)

for n in [0, 1, 2, 3, 4, 15, 16, 17, 2**52 + 1, 2**64 - 1, 2**64, 10**40, 10**101 + 12345]:
    print("isqrt", n, math.isqrt(n))
print(math.isqrt(True))
show("isqrt neg", math.isqrt, -1)
show("isqrt float", math.isqrt, 4.0)

# logs of big ints and with bases
print(math.log(10**1000), math.log10(10**1000), math.log2(2**5000), math.log(2**1023 * 3))
print(math.log(10**400, 10), math.log(8, 2), math.log(100, 10), math.log(2, 0.5), math.log(7, 7))
print(math.log(True), math.log10(1000), math.log2(1024), math.log2(3), math.log10(2**1100))
print(math.log1p(1e-20), math.log1p(-0.0), math.log(5, 10**400))
show("log 0", math.log, 0)
show("log neg big", math.log, -10**1000)
show("log base 1", math.log, 10, 1)
show("log base -0.0", math.log, 1.0, -0.0)
show("log base 0", math.log, 10, 0)
show("log no args", math.log)
show("log 3 args", math.log, 1, 2, 3)
show("log kw", math.log, 1, base=2)
show("log str", math.log, "x")
show("log10 0", math.log10, 0)
show("log2 neg", math.log2, -1)

# floor, ceil, trunc with dunders and conversions
class F:
    def __floor__(self):
        return "floor!"
    def __ceil__(self):
        return "ceil!"
    def __trunc__(self):
        return "trunc!"
    def __float__(self):
        return 2.5

class G:
    def __float__(self):
        return -2.5

class I:
    def __index__(self):
        return 7

class FS(float):
    def __floor__(self):
        return "subclass floor"

class Bad:
    def __float__(self):
        return 1

print(math.floor(F()), math.ceil(F()), math.trunc(F()), math.sqrt(F()))
print(math.floor(G()), math.ceil(G()), math.floor(FS(3.5)), math.ceil(FS(3.5)))
print(math.floor(2**100), math.ceil(-5), math.trunc(-5.9), math.floor(-0.5), math.ceil(-0.5))
print(math.floor(1e300) == 10**300, math.trunc(True), math.floor(False))
show("trunc G", math.trunc, G())
show("trunc str", math.trunc, "x")
show("floor inf", math.floor, INF)
show("ceil nan", math.ceil, NAN)
show("trunc inf", math.trunc, -INF)
show("floor str", math.floor, "x")
print(math.sqrt(I()), math.factorial(I()), math.gcd(I(), 21), math.isqrt(I()), math.log(I()))
print(math.comb(I(), 2), math.perm(I(), I()), math.ldexp(I(), 1) if False else None)
show("ldexp index", math.ldexp, 1.0, I())
show("sqrt bad float", math.sqrt, Bad())
show("sqrt str", math.sqrt, "4")
show("sqrt None", math.sqrt, None)
show("sqrt complex", math.sqrt, 1j)
show("exp bigint", math.exp, 10**400)
show("sin kw", math.sin, x=1)
show("sin 0 args", math.sin)
show("atan2 1 arg", math.atan2, 1)
show("atan2 kw", math.atan2, 1, x=2)
show("pow 3 args", math.pow, 1, 2, 3)
show("hypot kw", math.hypot, 1, y=2)
show("hypot str", math.hypot, 1, "2")

# isclose
print(math.isclose(1, 1 + 1e-10), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
print(math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(INF, INF))
print(math.isclose(INF, -INF), math.isclose(NAN, NAN), math.isclose(a=1, b=1.0))
show("isclose neg tol", math.isclose, 1, 2, rel_tol=-1)
show("isclose 3 pos", math.isclose, 1, 2, 3)
show("isclose 0", math.isclose)
show("isclose 1", math.isclose, 1)
show("isclose bad kw", math.isclose, 1, 2, tol=3)
show("isclose dup", math.isclose, 1, 2, a=3)

# Constants
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, math.tau == 2 * math.pi)
print(math.copysign(1.0, math.nan), math.isnan(math.nan), math.isinf(math.inf))

# ulp, nextafter
print(math.ulp(1.0), math.ulp(-1.0), math.ulp(0.0), math.ulp(5e-324), math.ulp(1.7976931348623157e308), math.ulp(2**80))
print(math.nextafter(0.0, 1.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 1.0), math.nextafter(1.7976931348623157e308, INF))
print(math.nextafter(-0.0, 0.0), math.nextafter(NAN, 1.0), math.nextafter(1.0, NAN))

# int and float subclasses
class MyInt(int):
    pass

class MyFloat(float):
    pass

print(math.floor(MyInt(2**80 + 1)), math.ceil(MyInt(-3)), math.trunc(MyInt(2**70 + 1)))
print(math.floor(MyFloat(2.5)), math.trunc(MyFloat(-2.5)), math.sqrt(MyFloat(6.25)))
print(math.log(MyInt(10**400)), math.gcd(MyInt(6), 4), math.ldexp(1.0, MyInt(3)), math.ldexp(3.0, MyInt(-2)))
print(math.factorial(MyInt(6)), math.comb(MyInt(6), MyInt(2)), math.isqrt(MyInt(99)))
