# int() parsing of strings with bases.
print(int("42"), int("-42"), int("+7"), int("  12  "), int("\t-3\n"))
print(int("1_000"), int("0"), int("-0"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0x_ff", 16))
print(int("777", 8), int("0o777", 8), int("1010", 2), int("0b1010", 2))
print(int("z", 36), int("Zz", 36), int("10", 36))
print(int("0x1f", 0), int("0o17", 0), int("0b11", 0), int("99", 0))
print(int("123456789012345678901234567890"))
print(int("11", 3), int("-11", 3))
for bad in ["x", "", "1.5", "1__0", "_1", "0x10", " ", "1 2"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    int("010", 0)
except ValueError as e:
    print("ValueError:", e)
try:
    int("5", 37)
except ValueError as e:
    print("ValueError:", e)
