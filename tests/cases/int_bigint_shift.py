# Left/right shifts, including big and negative values.
print(1 << 0, 1 << 1, 1 << 10, 1 << 64, 1 << 100)
print(5 << 3, -5 << 3)
print(1024 >> 3, 1023 >> 3, 1 >> 1, 0 >> 5)
print(-1 >> 1, -1 >> 100, -16 >> 2, -17 >> 2)
big = 12345678901234567890123
print(big << 7, big >> 7)
print((big << 100) >> 100 == big)
print(-big >> 10)
print((1 << 200) >> 199)
x = 3
x <<= 4
print(x)
x >>= 2
print(x)
print(True << 3, 8 >> True)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError:", e)
