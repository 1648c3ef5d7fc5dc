# Conversions between int, float, bool and strings.
print(int(3.7), int(-3.7), int(2.0), int(-0.0))
print(int(1e20), int(1.5e30))
print(int(True), int(False))
print(float(3), float(-7), float(2 ** 60), float(True))
print(str(123), repr(-45), str(10 ** 25))
print(bin(10), bin(-10), bin(0))
print(oct(8), oct(-8), hex(255), hex(-255), hex(0))
print(hex(2 ** 70))
print(bool(0), bool(7), bool(-1))
print(round(2.675 * 100), int("  9 "))
for bad in [float("inf"), float("nan")]:
    try:
        int(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
