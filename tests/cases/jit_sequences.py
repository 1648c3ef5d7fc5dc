# Loops over lists and tuples, indexing and item assignment, and global
# loads, as compiled traces run them (and leave them).

SCALE = 3
OFFSET = 0.5

def total(items):
    t = 0
    for x in items:
        t += x * SCALE
    return t

print(total(list(range(1000))))
print(total(tuple(range(500))))
print(total([1, 2, 3] * 100 + [1.5] * 50))


def index_loop(xs):
    n = len(xs)
    acc = 0.0
    for i in range(n):
        acc += xs[i] * OFFSET + xs[-1 - i]
    return acc

print(index_loop([float(i) for i in range(400)]))


def assign_loop(n):
    out = [0] * n
    for i in range(n):
        out[i] = i * i
        if i > 0:
            out[i - 1] += 1
    return out[:5], out[-5:], sum(out)

print(assign_loop(600))


def out_of_range(xs):
    i = 0
    total = 0
    try:
        while True:
            total += xs[i]
            i += 1
    except IndexError as e:
        print("IndexError:", e, "after", i)
    return total

print(out_of_range(list(range(700))))


def mutate_while_iterating():
    xs = list(range(300))
    seen = 0
    for x in xs:
        seen += 1
        if x == 250:
            xs.append(-1)
        if len(xs) > 305:
            break
    return seen, len(xs)

print(mutate_while_iterating())


def nested_lists(rows):
    grid = [[r * 10 + c for c in range(8)] for r in range(rows)]
    s = 0
    for row in grid:
        for v in row:
            s += v
    return s

print(nested_lists(100))


def global_changes():
    global SCALE
    acc = 0
    for i in range(600):
        acc += SCALE
        if i == 300:
            SCALE = 10
    SCALE = 3
    return acc

print(global_changes())


def mixed_items():
    items = [1, 2.5, True, None, "s", (1, 2)] * 60
    counts = [0, 0]
    for v in items:
        if v is None:
            counts[0] += 1
        else:
            counts[1] += 1
    return counts

print(mixed_items())


def tuple_of_floats(pts):
    sx = sy = 0.0
    for p in pts:
        sx += p[0]
        sy += p[1]
    return sx, sy

print(tuple_of_floats([(i * 0.5, -i * 0.25) for i in range(800)]))


def index_errors():
    xs = [1, 2, 3]
    for i in range(500):
        xs[i % 3] = i
    try:
        for i in range(500):
            xs[i] = 0
    except IndexError as e:
        print("IndexError:", e)
    print(xs)

index_errors()
