# Tuple creation, indexing, methods and operators.
t = (1, "two", 3.0, [4])
print(t, len(t), t[1], t[-1], t[1:3], t[::-1])
print((), (1,), (1), tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)))
single = 5,
print(single, type(single).__name__)
print(t.index("two"), (1, 2, 1, 1).count(1), 3.0 in t, "x" not in t)
print((1, 2) + (3,), (0,) * 3, 2 * ("a", "b"))
a, b = 1, 2
a, b = b, a
print(a, b)
t[3].append(5)
print(t)
print(tuple(x * 2 for x in range(4)))
print(max((3, 1, 2)), sorted((3, 1, 2)), sum((1, 2, 3)))
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    t[10]
except IndexError as e:
    print("IndexError:", e)
