# TypeError when an argument is given twice.
def f(a, b, c=0):
    pass
for call in [lambda: f(1, 2, a=3), lambda: f(1, 2, 3, c=4), lambda: f(1, b=2, **{"b": 3}),
             lambda: f(*[1, 2], b=5)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def g(**kw):
    return kw
try:
    g(x=1, **{"x": 2})
except TypeError as e:
    print("TypeError:", e)
try:
    g(**{"x": 1}, **{"x": 2})
except TypeError as e:
    print("TypeError:", e)
class K:
    def m(self, a):
        pass
try:
    K().m(1, self=2)
except TypeError as e:
    print("TypeError:", e)
