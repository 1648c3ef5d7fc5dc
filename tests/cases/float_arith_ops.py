# Basic float operators, unary ops and abs.
a, b = 7.25, -2.5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a, +b, abs(b), -(-a))
print(b * b == 6.25, a - a, b - b)
print(1.0 / 8, 3.0 / 8, 1 / 1024)
print(0.1 * 0.1, 0.2 * 3, 1.1 + 2.2)
print(1e10 + 0.5, 1e15 + 0.3, 1e20 + 1)
print(2.0 * 1e-308, 1.5 * 2 ** 10)
x = 1.0
for i in range(5):
    x /= 3
    print(x)
