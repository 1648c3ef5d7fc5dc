# Tuple comparison is lexicographic and element-wise.
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), () < (0,))
print((1, 2) == (1, 2), (1, 2) == [1, 2], (1, 2.0) == (1.0, 2))
print((1, "a") < (1, "b"), ("a", 1) < ("a", 1))
people = [("smith", "john", 40), ("doe", "jane", 30), ("smith", "anna", 25)]
print(sorted(people))
print(min(people), max(people))
print(sorted(people, key=lambda p: (p[2] > 28, p[1])))
try:
    (1, 2) < (1, "x")
except TypeError as e:
    print("TypeError:", e)
print((1, 2) < (2, "x"))
