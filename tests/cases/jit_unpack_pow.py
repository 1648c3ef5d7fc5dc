# Unpacking inside compiled loops, and float powers with every edge case
# the compiled code hands back to the interpreter.

def pairs_sum(pairs):
    sx = sy = 0.0
    for a, b in pairs:
        sx += a * 2
        sy -= b
    return sx, sy

print(pairs_sum([(i * 0.5, i) for i in range(600)]))
print(pairs_sum([[1.0, 2.0]] * 300))


def wrong_length():
    items = [(1, 2)] * 300 + [(1, 2, 3)]
    try:
        for a, b in items:
            pass
    except ValueError as e:
        print("ValueError:", e)

wrong_length()


def powers(xs):
    out = []
    for x in xs:
        out.append(x ** 0.5)
    return out

print(powers([float(i) for i in range(1, 20)])[-3:])


def pow_edges():
    vals = [2.0] * 300 + [-8.0, 0.0, 1e308, float("inf"), float("nan")]
    res = []
    for v in vals:
        try:
            r = v ** 0.5 + v ** 2.0
        except (ZeroDivisionError, OverflowError) as e:
            r = type(e).__name__
        res.append(r)
    print(res[-5:], len(res))
    acc = 0.0
    for i in range(400):
        try:
            acc += (i * 0.01) ** -1.0
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    print(acc)

pow_edges()


def int_float_pow(n):
    s = 0.0
    for i in range(1, n):
        s += i ** 0.5 + 2 ** (i * 0.001)
    return s

print(int_float_pow(1000))
