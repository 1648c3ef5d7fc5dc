# Methods and attributes of int.
n = 1000
print(n.bit_length(), (0).bit_length(), (-1).bit_length(), (2 ** 100).bit_length())
print((255).bit_count(), (-7).bit_count())
print(n.real, n.imag, n.numerator, n.denominator)
print(n.conjugate())
print((10).as_integer_ratio())
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"))
print((-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print(int.from_bytes(b"\xff\xfe", "big", signed=True))
print((5).__add__(3), (5).__mul__(2))
print(int(), int(3.99), int(-3.99), int("7"))
print(isinstance(n, int), type(n) is int)
print((7).__neg__(), (7).__abs__(), (-7).__abs__())
print((17).__floordiv__(5), (17).__mod__(5))
try:
    (1000).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
