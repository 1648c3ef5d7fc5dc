# zip stops at the shortest; strict=True checks lengths.
a = [1, 2, 3]
b = "abcd"
print(list(zip(a, b)), list(zip(a)), list(zip()), list(zip(a, b, [True, False])))
print(dict(zip(b, a)), list(zip(*[(1, "x"), (2, "y")])))
names, ages = zip(*[("ann", 30), ("bob", 25)])
print(names, ages)
print(list(zip(a, a[1:])))
try:
    list(zip(a, b, strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip("abcd", a, strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(zip(a, "xyz", strict=True)))
try:
    zip(1, 2)
except TypeError as e:
    print("TypeError:", e)
