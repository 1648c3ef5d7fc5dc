# Native iterator and container state survives garbage collection (many
# short-lived objects are allocated while the states hold the only references).
import itertools as it
from _collections import deque, defaultdict
from _functools import partial, reduce, cmp_to_key


def fresh(n):
    for i in range(n):
        yield [i, str(i) * 3, (i, i + 1)]


a, b = it.tee(fresh(3000))
first = [x[1] for x in a]
junk = [[j] * 5 for j in range(20000)]
second = [x[2] for x in b]
print(len(first), first[-1], second[-1])

d = deque(maxlen=1000)
for x in fresh(30000):
    d.append(x)
print(len(d), d[0], d[-1])
d2 = deque()
for i in range(20000):
    d2.appendleft({'k': str(i)})
    if i % 3 == 0:
        d2.pop()
print(len(d2), d2[0], d2[-1])

groups = [(k, [v[1] for v in g]) for k, g in it.groupby(fresh(6000), key=lambda v: str(v[0] // 1000))]
print([(k, len(g), g[-1]) for k, g in groups])

c = it.chain.from_iterable(fresh(50) for _ in range(200))
print(sum(x[0] for x in c))
z = list(it.zip_longest(fresh(4000), fresh(2000), fillvalue=['fill']))
print(len(z), z[-1][1], z[1999][1][1])
p = list(it.product(['a' * 3, 'b' * 3], [str(i) for i in range(100)], repeat=2))
print(len(p), p[-1])
acc = list(it.accumulate((str(i) for i in range(3000)), lambda x, y: y + x[:10]))
print(acc[-1])
cy = it.cycle(str(i) * 2 for i in range(10))
print([next(cy) for _ in range(30000)][-3:])
pw = list(it.pairwise(str(i) for i in range(20000)))
print(pw[-1])
isl = list(it.islice((str(i) for i in range(50000)), 100, None, 997))
print(isl[-1])
dd = defaultdict(list)
for x in fresh(20000):
    dd[x[0] % 7].append(x[1])
print(sorted((k, len(v), v[-1]) for k, v in dd.items()))
parts = [partial(str.join, str(i)) for i in range(2000)]
print(parts[-1](['a', 'b']), reduce(lambda s, q: s + len(q(['x', 'y'])), parts, 0))
keys = sorted((str(i) for i in range(5000)), key=cmp_to_key(lambda x, y: len(x) - len(y) or (x > y) - (x < y)))
print(keys[:3], keys[-1])
