# round() with ties-to-even and ndigits.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.4, 0.6, -0.6]:
    print(v, round(v), type(round(v)).__name__)
print(round(2.675, 2), round(2.665, 2), round(1.005, 2))
print(round(3.14159, 3), round(3.14159, 0), round(-3.14159, 1))
print(round(1234.5678, -1), round(1234.5678, -2), round(1250.0, -2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(5), round(5, 2), round(-7, 0))
print(round(0.125, 2), round(0.375, 2))
print(round(1e20), round(123.456, 10))
print(round(2.5, None), round(7.0))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError:", e)
