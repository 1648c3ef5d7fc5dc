# Float exponentiation.
print(2.0 ** 10, 2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3))
print(10.0 ** -2, 10 ** -2, 2 ** -0.5)
print(0.0 ** 0, 0.0 ** 1, 1.0 ** 1e300, (-2.0) ** 2, (-2.0) ** 3)
print(pow(2.0, 3), pow(9, 0.5), 1.5 ** 2)
print(1e200 ** 0.5, 1.5 ** 100)
print(float("inf") ** 0, float("nan") ** 0, 1 ** float("nan"))
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    10.0 ** 400
except OverflowError as e:
    print("OverflowError:", e)
r = (-8) ** (1 / 3)
print(type(r).__name__)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print("TypeError:", e)
