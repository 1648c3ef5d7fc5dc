# Float floor division and modulo follow the same sign rules as ints.
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (1.0, 0.1), (5.0, 2.5), (-0.0, 3)]:
    print(a, b, a // b, a % b, divmod(a, b))
print(3.5 % 1, -3.5 % 1, 0.3 % 0.1)
print(1e20 % 3, -1e-20 % 1)
for op in ["/", "//", "%"]:
    try:
        if op == "/":
            1.0 / 0
        elif op == "//":
            1.0 // 0.0
        else:
            1.0 % 0
    except ZeroDivisionError as e:
        print(op, "ZeroDivisionError:", e)
try:
    divmod(1.5, 0.0)
except ZeroDivisionError as e:
    print("divmod ZeroDivisionError:", e)
