# Keyword arguments preserve the order they were passed in.
def show(**kw):
    return list(kw.items())
print(show(b=1, a=2, c=3))
print(show(**{"z": 1, "y": 2}, x=3))
print(show(c=1, **{"a": 2}, b=3))
def pass_through(*args, **kw):
    return show(**kw)
print(pass_through(1, q=1, p=2))
def f(a, b, c):
    return (a, b, c)
print(f(c=3, a=1, b=2), f(1, c=3, b=2))
print(dict(b=2, a=1), list(dict(y=1, x=2)))
