# Truth value of numbers.
for v in [0, 1, -1, 0.0, -0.0, 1e-300, 0j, 1j, float("nan"), float("inf"), 10 ** 100, False, True]:
    print(repr(v), bool(v), "truthy" if v else "falsy")
n = 3
while n:
    print("n =", n)
    n -= 1
print(not 0.0, not 2, bool(0 * 5), bool(-0))
print([x for x in [0, 1, 0.0, 2.5, 0j, -3] if x])
print(bool(0.0 * -1), bool(1e-320), bool(float("-inf")))
print(1 if 0j else 2, 3 if -1 else 4)
