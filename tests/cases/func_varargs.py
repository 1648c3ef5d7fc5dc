# *args and **kwargs.
def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2))
print(f(a=1, b=2))
print(f(1, "x", k=None))
def total(first, *rest):
    return first + sum(rest)
print(total(1), total(1, 2, 3))
def describe(name, **attrs):
    parts = [f"{k}={v}" for k, v in attrs.items()]
    return name + "(" + ", ".join(parts) + ")"
print(describe("point", x=1, y=2), describe("empty"))
def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3))
def combined(a, b=0, *args, key="k", **kwargs):
    return a, b, args, key, kwargs
print(combined(1, 2, 3, 4, key="K", extra=True))
print(type(f(1)[0]).__name__, type(f(a=1)[1]).__name__)
