# Bitwise operators on ints, including negatives.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~b)
print(bin(a & b), bin(a | b), bin(a ^ b))
for x in [-1, -2, -8, -255]:
    print(x, x & 0xFF, x | 1, x ^ -1, x & -x)
print(-5 & 3, -5 | 3, -5 ^ 3, -5 & -3, -5 | -3, -5 ^ -3)
print(0 & 0, 0 | 0, 0 ^ 0, ~0)
print(255 & 15, 256 | 1, 7 ^ 7)
n = 0
for bit in [0, 3, 5]:
    n |= 1 << bit
print(n, bin(n), n & (1 << 3) != 0, n & (1 << 4) != 0)
n &= ~(1 << 3)
print(n)
n ^= 0b11
print(n)
def popcount(v):
    c = 0
    while v:
        v &= v - 1
        c += 1
    return c
print(popcount(255), popcount(2 ** 40 - 1))
try:
    1.0 & 1
except TypeError as e:
    print("TypeError:", e)
