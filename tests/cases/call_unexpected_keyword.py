# TypeError messages for unexpected keyword arguments.
def f(a, b=1):
    pass
def g(*args):
    pass
def h(x, /):
    pass
for call in [lambda: f(1, c=2), lambda: f(a=1, zz=0), lambda: g(k=1), lambda: h(x=1),
             lambda: len(obj=[1]), lambda: (lambda: 0)(q=1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
class P:
    def __init__(self, x):
        self.x = x
try:
    P(y=2)
except TypeError as e:
    print("TypeError:", e)
try:
    P(1, x=2)
except TypeError as e:
    print("TypeError:", e)
