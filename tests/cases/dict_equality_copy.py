# Dict equality ignores order; copy is shallow.
a = {"x": [1, 2], "y": 2}
b = {"y": 2, "x": [1, 2]}
print(a == b, a is b, a != {"x": [1, 2]})
c = a.copy()
c["x"].append(3)
c["y"] = 99
print(a, c)
d = dict(a)
print(d == a, d is a)
print({1: "a"} == {1.0: "a"}, {} == dict(), {1: 2} == [(1, 2)])
try:
    {1: 1} < {2: 2}
except TypeError as e:
    print("TypeError:", e)
print(len(a), bool({}), bool({0: 0}))
