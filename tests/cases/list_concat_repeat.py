# List concatenation and repetition.
a = [1, 2]
b = [3]
print(a + b, b + a, a * 3, 0 * a, a * -1, [] * 5)
grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
c = a
c += [9]
print(a, c is a)
d = a
d = d + [10]
print(a, d, d is a)
e = [1]
e *= 3
print(e)
try:
    [1] + (2,)
except TypeError as e2:
    print("TypeError:", e2)
try:
    [1] * 2.0
except TypeError as e2:
    print("TypeError:", e2)
