# Float methods and attributes.
x = 3.75
print(x.real, x.imag, x.conjugate())
print(x.hex(), (1.0).hex(), (0.1).hex(), (-2.5).hex(), (0.0).hex())
print(float.fromhex("0x1.8p1"), float.fromhex("0x10"), float.fromhex("-0x1p-2"))
print(x.is_integer(), (4.0).is_integer())
print(x.as_integer_ratio())
print((2.5).__round__(), (3.5).__round__(), (2.567).__round__(2))
print(float.__name__, type(x).__name__)
print(x.__add__(1), x.__radd__(1), x.__rsub__(10), x.__neg__())
print(x.__mul__("a") is NotImplemented)
print(abs(-x), -x, +x)
print(isinstance(x, float), isinstance(3, float))
