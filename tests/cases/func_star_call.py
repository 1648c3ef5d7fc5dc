# Calling with * and ** unpacking.
def f(a, b, c=0, *args, d=None, **kw):
    return a, b, c, args, d, kw
args = [1, 2]
kwargs = {"d": 4, "e": 5}
print(f(*args))
print(f(*args, **kwargs))
print(f(*range(6)))
print(f(*"xy", c="z"))
print(f(0, *[1], **{"c": 2}))
print(f(*(1, 2), *[3, 4], d=1, **{"z": 26}))
print(max(*[3, 7, 5]), "-".join([*"abc"]))
gen = (i * i for i in range(3))
print(f(*gen))
def g(**kw):
    return sorted(kw.items())
print(g(**{"b": 2}, **{"a": 1}))
try:
    f(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    f(**[1])
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, **{"a": 3})
except TypeError as e:
    print("TypeError:", e)
