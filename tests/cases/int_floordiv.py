# Floor division rounds toward negative infinity.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (0, -5), (1, 7), (-1, 7)]
for a, b in pairs:
    print(a, "//", b, "=", a // b)
print(10 ** 20 // 3, -(10 ** 20) // 3)
print(10 ** 20 // -7)
print(7.5 // 2, -7.5 // 2)
x = 17
x //= 5
print(x)
print(True // 1, 5 // True)
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
