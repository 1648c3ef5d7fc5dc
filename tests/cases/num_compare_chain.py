# Chained comparisons evaluate each operand at most once.
calls = []
def v(x):
    calls.append(x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 > 0, 5 > 3 < 4, 1 <= 1 < 2 <= 2)
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
print(v(1) < v(5) > v(2) == v(2), calls)
x = 5
print(0 < x < 10, 0 < x < 5, 0 <= x <= 5)
two = 2
print(1 < two is not None, (1 < two) is True)
a, b, c = [1], [1], [1]
print(a == b == c, a is b is c)
print(1 in [1, 2] in [[1, 2]], "a" < "b" < "c")
print(not 1 < 2 < 3)
