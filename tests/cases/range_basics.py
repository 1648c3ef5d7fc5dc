# range objects: len, indexing, membership, repr, equality.
r = range(10)
print(r, list(r), len(r), r[3], r[-1])
print(range(2, 20, 3), list(range(2, 20, 3)), len(range(2, 20, 3)))
print(list(range(10, 0, -2)), list(range(0, -5, -1)), list(range(5, 5)), list(range(5, 0)))
print(3 in r, 10 in r, -1 in r, 3.0 in r, "3" in r)
print(range(0, 10, 2).index(6), range(0, 10, 2).count(6), range(0, 10, 2).count(5))
print(range(0) == range(5, 5), range(0, 3) == range(3), range(1, 10, 2) == range(1, 11, 2))
print(r.start, r.stop, r.step, range(1, 2, 3).step)
print(range(0, 10 ** 20)[-1], 10 ** 19 in range(0, 10 ** 20, 2))
try:
    range(1, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    r[10]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
print(bool(range(0)), bool(range(1)))
