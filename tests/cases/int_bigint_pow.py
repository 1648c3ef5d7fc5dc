# Integer powers, including big results and three-argument pow.
print(2 ** 10, 2 ** 100)
print(3 ** 50)
print((-3) ** 3, (-3) ** 4)
print(-3 ** 2)
print(10 ** 0, 0 ** 0, 0 ** 5)
print(7 ** 1, 1 ** 1000)
print(pow(2, 10), pow(2, 100, 1000))
print(pow(3, 200, 1000000007))
print(pow(-2, 3, 5), pow(2, 3, -5))
print(pow(2, -1, 7), pow(3, -2, 11))
print(2 ** -1, 2 ** -2, type(2 ** -1).__name__)
print((-2) ** -3)
print(12345 ** 6)
x = 1
for _ in range(64):
    x *= 2
print(x == 2 ** 64)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
