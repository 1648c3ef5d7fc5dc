# Complex edge cases and errors.
print((1 + 1j) ** 0, (2 + 0j) ** 2, 1j ** 3)
print(complex("-1.5-2.5j"), complex("j"), complex("-j"), complex("1e3j"))
print(repr(complex(-0.0, 0.0)), repr(complex(0.0, -0.0)), repr(-(1 + 0j)))
print(complex(float("inf"), 1), complex(1, float("nan")))
print((3 + 4j).__abs__(), abs(-2j))
print(hash(1 + 0j) == hash(1), hash(complex(2, 0)) == hash(2.0))
try:
    (1 + 1j) < (2 + 2j)
except TypeError as e:
    print("TypeError:", e)
try:
    1j / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    complex("1+2")
except ValueError as e:
    print("ValueError:", e)
try:
    int(1j)
except TypeError as e:
    print("TypeError:", e)
print(type(1 + 2j + 3.0).__name__, (1 + 2j) * True)
