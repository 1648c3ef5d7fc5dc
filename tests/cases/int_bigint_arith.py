# Arbitrary-precision integer arithmetic.
a = 123456789012345678901234567890
b = 987654321098765432109876543210
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(-a * b)
print(a * 0, a * 1, a * -1)
big = 2 ** 64
print(big, big - 1, big + 1)
print(big * big)
print((2 ** 63 - 1) + 1)
print(-(2 ** 63) - 1)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(f // (2 ** 20), f % 1000003)
print(abs(-a), -(-a) == a)
print(a > b, a < b, a == a + 0)
print(10 ** 30 - 1)
print(len(str(2 ** 1000)))
print(sum(range(10 ** 6, 10 ** 6 + 100)) * 10 ** 20)
