# Conditional expressions.
for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
x = 5
y = x * 2 if x > 3 else x / 2
print(y)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
f = (lambda v: v + 1) if x else (lambda v: v - 1)
print(f(10))
calls = []
def side(v):
    calls.append(v)
    return v
r = side("a") if side(True) else side("b")
print(r, calls)
print((1 if [] else 2), ("yes" if "no" else "no"))
print(max(x, 3) if x is not None else None)
