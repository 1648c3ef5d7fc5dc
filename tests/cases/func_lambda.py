# Lambda expressions.
square = lambda x: x * x
print(square(7), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, z=2))
print((lambda x, y=10: x + y)(1), (lambda x, *, y: x - y)(5, y=3))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda s: s[::-1], ["abc", "xy"])))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print(square.__name__, (lambda: 0).__name__)
fns = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b}
print(fns["add"](2, 3), fns["sub"](2, 3))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
print((lambda: (yield))  is not None)
