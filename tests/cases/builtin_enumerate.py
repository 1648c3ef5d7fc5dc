# enumerate with and without start.
fruits = ["apple", "banana", "cherry"]
for i, f in enumerate(fruits):
    print(i, f)
for i, f in enumerate(fruits, 1):
    print(i, f)
print(list(enumerate("ab", start=-2)), list(enumerate([])))
print(list(enumerate(range(3), 10 ** 20)))
e = enumerate("xyz")
print(next(e), next(e), list(e), list(e))
print(dict(enumerate("abc")))
print([i for i, c in enumerate("banana") if c == "a"])
try:
    enumerate(5)
except TypeError as err:
    print("TypeError:", err)
