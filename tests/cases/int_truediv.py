# True division of ints always yields a float.
print(7 / 2, -7 / 2, 6 / 3, 1 / 3, 2 / 3)
print(type(6 / 3).__name__)
print(10 ** 20 / 10 ** 10)
print(1 / 7, 22 / 7)
print(10 ** 30 / 3)
print((2 ** 53 + 1) / 1)
print(-1 / 3)
print(0 / 5, 0 / -5)
x = 9
x /= 2
print(x)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(10 ** 400 / 1)
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 / 10 ** 399)
