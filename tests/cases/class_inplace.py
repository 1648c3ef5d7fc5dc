# In-place operators, with and without __iadd__.
class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __iadd__(self, other):
        self.items.extend(other)
        return self
    def __isub__(self, other):
        for o in other:
            self.items.remove(o)
        return self
    def __imul__(self, n):
        self.items *= n
        return self
class Plain:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return Plain(self.v + other)
b = Bag([1])
alias = b
b += [2, 3]
b -= [1]
b *= 2
print(b.items, alias is b)
p = Plain(1)
q = p
p += 10
print(p.v, q.v, p is q)
class Weird:
    def __iadd__(self, other):
        return "replaced"
w = Weird()
w += 1
print(w)
class NoOps:
    pass
x = NoOps()
try:
    x += 1
except TypeError as e:
    print("TypeError:", e)
lst = [1]
t = (lst,)
t[0].__iadd__([2])
print(t)
