# Ways of building dicts.
print(dict(), dict(a=1, b=2), dict([("a", 1), ("b", 2)]), dict({"a": 1}))
print(dict(zip(["x", "y"], [1, 2])), dict([("k", 1)], k=2), dict(((1, 2), (3, 4))))
print(dict.fromkeys(["a", "b"]), dict.fromkeys("ab", 0), dict.fromkeys([]))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)
print(dict([["list", "pair"]]), dict(["ab"]))
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
print(type(dict()).__name__, isinstance({}, dict))
