# sorted returns a new list from any iterable.
data = [5, 2, 9, 1]
s = sorted(data)
print(s, data, s is data)
print(sorted("python"), sorted((3, 1)), sorted({3: "a", 1: "b"}), sorted(range(5, 0, -1)))
print(sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.casefold))
print(sorted([(1, "b"), (0, "c"), (1, "a")], key=lambda t: t[0]))
print(sorted([-5, 3, -1, 0], key=abs, reverse=True))
print(sorted(x % 7 for x in range(20)))
print(sorted([[2, 1], [1, 2], [1]]))
print(sorted([1.5, 1, True, 0.5, False]))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([None, 1])
except TypeError as e:
    print("TypeError:", e)
