# Modulo takes the sign of the divisor.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (6, 3), (-6, 3), (0, 3), (3, 7), (-3, 7)]
for a, b in pairs:
    print(a, "%", b, "=", a % b)
print(10 ** 25 % 97, -(10 ** 25) % 97, 10 ** 25 % -97)
for a, b in pairs:
    assert (a // b) * b + a % b == a
print("identity holds")
x = 100
x %= 7
print(x)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(-1 % 2 ** 64)
