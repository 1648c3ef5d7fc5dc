# Keyword-only parameters.
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=5), f(a=0, b=0))
def g(*args, sep=", ", end="."):
    return sep.join(map(str, args)) + end
print(g(1, 2, 3), g(1, 2, sep="-"), g(end="!"))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    g(1, bad=2)
except TypeError as e:
    print("TypeError:", e)
def h(*, x, y):
    return x - y
print(h(y=1, x=10))
try:
    h(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(f.__code__.co_kwonlyargcount, h.__kwdefaults__, f.__kwdefaults__)
