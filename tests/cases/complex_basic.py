# Complex numbers: literals, arithmetic, attributes, repr.
z = 3 + 4j
print(z, repr(z), type(z).__name__)
print(z.real, z.imag, z.conjugate(), abs(z))
print(1j, -1j, 1j * 1j, 2j ** 2)
print(z + 1, z - 1j, z * 2, z * z, z / 2)
print((1 + 2j) * (3 - 4j), (1 + 2j) / (1 - 1j))
print(0j, 1 + 0j, -0j, complex(0, -0.0))
print(complex(1, 2), complex(3), complex(), complex("1+2j"), complex(" 5j "))
print(z == 3 + 4j, z != 3, 1 + 0j == 1, 2.0 + 0j == 2)
print(bool(0j), bool(1j))
print(1.5j, 1e20j, 1e-5j, 2.5 + 0.5j)
print(-z, +z)
print(complex(1, 1) ** 2)
