# Nested comprehensions and multiple for clauses.
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
print([a + b for a in "xy" for b in "12"])
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print([[c for c in word] for word in ["hi", "yo"]])
print([x for x in range(20) if x % 2 if x % 3])
print([(i, j, k) for i in range(2) for j in range(2) for k in range(2) if i + j + k == 2])
print([y for x in [[1, [2]], [3]] for y in x])
