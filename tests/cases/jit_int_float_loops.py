# Loops the JIT compiles: int and float arithmetic, branches, range iteration,
# and the guard failures that send a running trace back to the interpreter.

def int_ops(n):
    s = 0
    for i in range(-n, n):
        s += i * 3 - 7
        s ^= i & 255
        s |= 1
        if i % 5 == 0:
            s -= i // 3
        s += (i * 7) % 11 - (-i) // 4 + (-i) % 6
    return s

print(int_ops(3000))


def floor_semantics():
    out = []
    for a in range(-9, 10):
        for b in (-4, -3, 3, 4):
            out.append((a // b, a % b))
    return out

print(floor_semantics()[:12], len(floor_semantics()))


def overflow_midway(n):
    # Starts as small ints, leaves the immediate range part-way through.
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x

print(overflow_midway(60))
print(overflow_midway(200) % 1000000007)


def grows_past_48_bits():
    total = 0
    step = 1 << 40
    for i in range(600):
        total += step
    return total

print(grows_past_48_bits())


def float_loop(n):
    x = 0.0
    i = 0
    while i < n:
        x = x + i / 3.0 - 1.5
        if i % 3 == 0:
            x -= 0.25
        x = -x if i % 17 == 0 else x
        i += 1
    return x

print(float_loop(5000))


def mixed(n):
    acc = 0
    for i in range(n):
        acc += i * 0.5   # int + float becomes a float after the first iteration
    return acc

print(mixed(1000))


def type_change(values):
    total = 0
    for v in range(len(values)):
        total = total + values[v]
    return total

print(type_change([1] * 300 + [2.5] * 300 + [3] * 10))


def zero_division_inside():
    d = 5
    s = 0
    try:
        for i in range(1000):
            s += 100 // d
            d -= 1 if i % 100 == 0 else 0
    except ZeroDivisionError as e:
        print("caught", e, "at s =", s)
    try:
        x = 10.0
        for i in range(1000):
            x = x / (3 - i)
    except ZeroDivisionError as e:
        print("caught", e)

zero_division_inside()


def nan_compares():
    nan = float("nan")
    counts = [0, 0, 0, 0, 0, 0]
    x = 0.0
    for i in range(500):
        v = nan if i % 2 else x
        if v < 1.0:
            counts[0] += 1
        if v <= 1.0:
            counts[1] += 1
        if v == v:
            counts[2] += 1
        if v != v:
            counts[3] += 1
        if v > -1.0:
            counts[4] += 1
        if v >= -1.0:
            counts[5] += 1
    return counts

print(nan_compares())


def negative_steps():
    s = 0
    for i in range(1000, -1000, -7):
        s += i
    t = 0
    for i in range(0, 100000, 997):
        t -= i
    return s, t

print(negative_steps())


def truthiness(n):
    a = b = 0
    f = 0.0
    for i in range(n):
        if i % 3:
            a += 1
        if not (i % 4):
            b += 1
        f += 0.5
        if f:
            b += 0
    return a, b, f

print(truthiness(1000))


def compares(n):
    out = 0
    for i in range(n):
        if i < 10 or i >= n - 10:
            out += 1
        elif i == 500:
            out += 100
        elif i != 501 and i > 700 and i <= 702:
            out += 1000
    return out

print(compares(1000))


def loop_after_exit(n):
    # The same loop, run again after an exit, must re-enter its trace correctly.
    res = []
    for k in range(5):
        s = 0
        for i in range(n):
            s += i
        res.append(s)
    return res

print(loop_after_exit(300))


def unbound_in_loop():
    for i in range(300):
        if i == 250:
            del i
            try:
                print(i)
            except UnboundLocalError as e:
                print("UnboundLocalError:", e)
            return

unbound_in_loop()


def smallest_int_negation():
    x = -(1 << 47) + 2
    r = []
    for i in range(5):
        r.append(-x)
        x -= 1
    return r

print(smallest_int_negation())
