# format() of complex numbers: every type, width, alignment, sign, grouping and the errors.
for z in [1+2j, -1.5-0.25j, 2j, -2j, complex(0,-0.0), complex(-0.0, 1), 1e20+1j, complex(float('nan'), float('inf')), 12345.678+9876.5j]:
    for spec in ["", ".2f", "10", "<20", "^20.3e", "+", " .1g", "g", "G", ".3", ",.2f", "_", "z.1f", "#g", "*>30"]:
        try:
            print(repr(spec), repr(format(z, spec)))
        except ValueError as e:
            print(repr(spec), "ValueError", e)
for spec in ["010", "=10", "d", "%"]:
    try:
        print(format(1+2j, spec))
    except ValueError as e:
        print("ValueError", e)
print(f"{1+2j:>12}|{3-4j!r:^14}|")
print(list(reversed(range(0))), list(reversed(range(5))), list(reversed(range(10, 0, -3))), list(reversed(range(2**64, 2**64+3))))
