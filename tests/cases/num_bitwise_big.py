# Bitwise operators on big and negative big ints.
a = 2 ** 100 + 12345
b = 2 ** 90 - 1
print(a & b)
print(a | b)
print(a ^ b)
print(~a)
print(-a & b)
print(-a | b)
print(-a ^ -b)
print(a & -1 == a, a | 0 == a, a ^ a)
print((-(2 ** 70)) & (2 ** 80 - 1))
print(hex((1 << 128) - 1 & 0xF0F0F0F0F0F0F0F0F0F0))
print(-(2 ** 64) >> 3, -(2 ** 64 + 1) >> 64)
print((2 ** 65) & (2 ** 64), (2 ** 65) | (2 ** 64))
