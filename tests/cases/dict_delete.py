# Deleting dict entries and KeyError messages.
d = {"a": 1, 2: "two", (3, 4): "tuple", None: "none"}
del d["a"]
print(d)
del d[(3, 4)]
print(d)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    d[5]
except KeyError as e:
    print("KeyError:", e, e.args)
try:
    d[(1, 2)]
except KeyError as e:
    print("KeyError:", e)
try:
    d[""]
except KeyError as e:
    print("KeyError:", e)
d.clear()
print(d, len(d))
