# Augmented assignment operators on numbers.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x /= 8; print(x)
x //= 2; print(x)
x **= 3; print(x)
x %= 5; print(x)
y = 0b1111
y &= 0b1010; print(y)
y |= 0b0101; print(y)
y ^= 0b0011; print(y)
y <<= 2; print(y)
y >>= 3; print(y)
z = 2
z **= 100; print(z)
f = 1.5
f *= 2; print(f, type(f).__name__)
counts = [0, 0]
counts[1] += 7
counts[0] -= 2
print(counts)
