# Float overflow produces inf in arithmetic but raises in some conversions.
print(1e308 * 10, 1e308 + 1e308, -1e308 * 10)
print(float(10 ** 308), 1e308 * 1.5 > 1e308)
try:
    float(10 ** 309)
except OverflowError as e:
    print("OverflowError:", e)
try:
    2.0 ** 5000
except OverflowError as e:
    print("OverflowError:", e)
try:
    10 ** 400 * 1.0
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 // 10 ** 399, 10 ** 400 > 1e308)
print(1e-320 * 1e-10, 2 ** 1023 * 2.0)
try:
    print(2 ** 1024 * 1.0)
except OverflowError as e:
    print("OverflowError:", e)
