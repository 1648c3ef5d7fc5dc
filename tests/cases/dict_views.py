# keys(), values(), items() are live views.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
d["d"] = 4
del d["a"]
print(k, v, i, len(k), len(v), len(i))
print("b" in k, 2 in v, ("b", 2) in i, ("b", 3) in i)
print(sorted(k & {"b", "z"}), sorted(k | {"z"}), sorted(k - {"b"}), sorted(k ^ {"b", "q"}))
print(sorted(i & {("c", 3)}), k == {"b", "c", "d"}, k <= {"b", "c", "d", "e"})
print(list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(isinstance(k, type({}.keys())), type(k).__name__, type(v).__name__, type(i).__name__)
try:
    for key in d:
        d[key + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(list(d))
