# Sign handling with a hand-written sign function and integer square root.
def sign(x):
    return (x > 0) - (x < 0)

def isqrt(n):
    if n < 0:
        raise ValueError("negative")
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x

for v in [-10, -1, 0, 1, 10, -(2 ** 80), 2 ** 80]:
    print(v, sign(v))
for n in [0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 10 ** 20, 2 ** 101]:
    print(n, isqrt(n))
try:
    isqrt(-1)
except ValueError as e:
    print("ValueError:", e)
print(sign(-0.0), sign(2.5), sign(True))
