# Default values are evaluated once, at definition time, in order.
log = []
def note(v):
    log.append(v)
    return v
def f(a=note("a"), b=note("b")):
    return a + b
print(log)
print(f(), f("x"), log)
n = 1
def g(v=n * 10):
    return v
n = 2
print(g())
def make():
    items = []
    def add(x, to=items):
        to.append(x)
        return to
    return add, items
add, items = make()
add(1)
add(2)
print(items)
class K:
    default = note("class attr")
    def m(self, v=default):
        return v
print(K().m(), log)
