# Conversions between float and int, exactness.
print(int(1e20), int(-1e20), int(1.9999999999999999))
print(int(2.5), int(-2.5), int(0.99999))
print(float(2 ** 53), float(2 ** 53 + 1), float(2 ** 53 + 2))
print(float(10 ** 22), float(10 ** 23))
print((1.5).is_integer(), (2.0).is_integer(), (-0.0).is_integer())
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.75).as_integer_ratio())
print((3.0).as_integer_ratio())
print(2 ** 63 == float(2 ** 63), 2 ** 63 - 1 == float(2 ** 63 - 1))
print(int(float(2 ** 63 - 1)))
print(1.0 == 1, hash(1.0) == hash(1), hash(-2.0) == hash(-2))
print(float(True) + 1, 3 + 0.0, type(3 + 0.0).__name__)
try:
    float(2 ** 1100)
except OverflowError as e:
    print("OverflowError:", e)
print((2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__())
