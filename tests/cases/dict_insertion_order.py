# Dicts keep insertion order; re-assigning keeps the position.
d = {}
d["zebra"] = 1
d["apple"] = 2
d["mango"] = 3
print(d, list(d))
d["zebra"] = 10
print(d)
del d["apple"]
d["apple"] = 20
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
e = {3: "c", 1: "a", 2: "b"}
print(e, sorted(e), list(reversed(e)))
f = dict.fromkeys("hello")
print(f)
g = {k: None for k in [5, 3, 5, 1, 3]}
print(list(g))
print({"b": 1, "a": 2} == {"a": 2, "b": 1})
