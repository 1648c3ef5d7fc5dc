# Floor division and modulo on big ints with mixed signs.
a = 3 ** 100
b = 7 ** 30
for x, y in [(a, b), (-a, b), (a, -b), (-a, -b)]:
    q = x // y
    r = x % y
    print(q)
    print(r)
    print(q * y + r == x, abs(r) < abs(y))
print(a // 1, a % 1, -a // 1)
print((10 ** 50 + 1) // 10 ** 25, (10 ** 50 + 1) % 10 ** 25)
print(-(10 ** 50) // (10 ** 25 + 1))
print(2 ** 200 // 2 ** 199, 2 ** 200 % 3)
print(divmod(-(2 ** 130), 3 ** 40))
