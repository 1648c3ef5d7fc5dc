# Star-unpacking in assignments.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
*everything, = (1, 2)
print(everything)
head, *tail = "x"
print(head, tail)
(a, *b), c = [1, 2, 3], 4
print(a, b, c)
for x, *ys in [(1, 2, 3), (4,), (5, 6)]:
    print(x, ys)
rows = [[1, 2, 3], [4, 5, 6]]
for *left, right in rows:
    print(left, right)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
