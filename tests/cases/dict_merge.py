# The | and |= operators on dicts, and {**a, **b}.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b)
print(b | a)
print({**a, **b}, {**b, **a}, {**a, "w": 0})
c = a.copy()
c |= b
print(c, a)
c |= [("q", 9)]
print(c)
print(a | {}, {} | a)
try:
    a | [("k", 1)]
except TypeError as e:
    print("TypeError:", e)
print(dict(a, **{"extra": 1}), dict(a, y=99))
