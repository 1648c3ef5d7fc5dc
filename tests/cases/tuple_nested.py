# Nested tuples and tuple unpacking in loops.
points = ((0, 0), (3, 4), (-1, 2))
for x, y in points:
    print(x, y, (x * x + y * y) ** 0.5)
nested = (1, (2, (3, (4, ()))))
depth = 0
node = nested
while node:
    depth += 1
    node = node[1]
print("depth", depth)
(a, (b, c)), d = (1, (2, 3)), 4
print(a, b, c, d)
print(tuple(zip((1, 2), ("a", "b"))))
print(((1, 2), (3, 4))[1][0], len(((),)), ((),) == ((),))
print(sorted(points, key=lambda p: p[1]))
