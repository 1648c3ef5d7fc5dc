# Set operators (printed sorted for determinism).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b, [9])), sorted(a.intersection(b, {4})), sorted(a.difference([1], [2])))
print(sorted(a.symmetric_difference([1, 10])))
print(len(a), 3 in a, 7 in a, 7 not in a)
s = set("mississippi")
print(sorted(s), len(s))
print(sorted({x % 3 for x in range(10)}))
print(set() == set(), {1, 2} == {2, 1}, {1} == {1.0}, {1, True})
e = set()
print(e, len(e), bool(e), type({}).__name__, type(e).__name__)
try:
    {1} + {2}
except TypeError as err:
    print("TypeError:", err)
try:
    {[1]}
except TypeError as err:
    print("TypeError:", err)
