# divmod on ints, big ints and mixed signs.
for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 1), (5, 17)]:
    q, r = divmod(a, b)
    print(a, b, (q, r), q * b + r == a)
print(divmod(10 ** 30, 7))
print(divmod(-(10 ** 30), 7))
print(divmod(2 ** 100, -(2 ** 50) - 1))
print(divmod(True, 2))
print(divmod(7.5, 2))
print(divmod(-7.5, 2))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
