# float() parsing.
for s in ["1.5", "-2.25", "  3.0\n", "1e3", "1E-3", "+.5", "5.", "-0", "1_000.5",
          "inf", "-Infinity", "nan", "1e400", "-1e400", "1e-400", "0x10" if False else "10",
          "00012.50", "123456789012345678901234567890"]:
    print(repr(s), "->", float(s))
for bad in ["", "abc", "1.2.3", "1e", "--1", "1_", "_1", "0x1p3", "1 0"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
print(float(), float(7), float(-0.0))
try:
    float([1.0])
except TypeError as e:
    print("TypeError:", e)
