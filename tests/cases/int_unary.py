# Unary minus/plus/invert and abs on ints.
for v in [0, 1, -1, 5, -5, 2 ** 70, -(2 ** 70)]:
    print(v, -v, +v, ~v, abs(v))
print(- - 5, -+-5, ~~7, not 0, not 5)
print(-0 == 0, -(-0))
x = 3
print(-x ** 2, (-x) ** 2)
print(~x + 1 == -x)
print(abs(True), -True, ~False)
print(abs(-(10 ** 30)), -abs(-7))
print([-x for x in range(3)], [~x for x in range(3)])
