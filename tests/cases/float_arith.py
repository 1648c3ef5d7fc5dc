# Float arithmetic and repr of the results.
print(0.1 + 0.2)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(1.1 * 3, 3.3 / 3, 1 - 0.9)
print(1 / 3, 2 / 3, 10 / 3)
print(2.5 + 2.5, 1.5 * 2, 7.0 / 2)
print(100.0 * 1.1, 0.1 * 3)
print(1e16 + 1, 1e16 + 2)
print(2.0 ** 0.5, 10 ** 0.5)
print(-1.5 * -2, -0.5 + 0.5)
total = 0.0
for _ in range(10):
    total += 0.1
print(total)
print(sum([0.1] * 10))
print(3.0 - 1e-16, 1.0 + 1e-16)
print(1e308 * 10, -1e308 * 10)
print(5e-324 / 2, 5e-324)
print(123.456 - 123, 1234567.0 * 1000)
