# Results of mixing int, bool, float and complex.
vals = [True, 3, 2.5, 1 + 1j]
for x in vals:
    for y in vals:
        r = x + y
        print(type(x).__name__, "+", type(y).__name__, "=", type(r).__name__, r)
print(3 * 2.0, 3 - True, 2.5 * 1j, 4 / 2, 4 // 2.0, 7 % 2.5)
print(type(4 // 2.0).__name__, type(True // True).__name__)
print(sum([1, 2.5, True]), sum([1j, 2]))
print(1 + 2 ** 0.5 > 2, int(2.9) + float(1))
