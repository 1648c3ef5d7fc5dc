# Each NaN is its own object: identity decides containment, count and dict lookup.
nan = float("nan")
other = float("nan")
print(nan is nan, nan is other, nan == nan)
print(nan in [nan], other in [nan], [nan, nan, other].count(nan))
d = {nan: 1, other: 2}
print(len(d), d[nan], d[other], len({nan, nan, other}))
inf = float("inf")
x = inf - inf
print(x is x, x in [x], (inf - inf) in [x])
print(sorted([3.0, 1.0]), max([nan, 1.0]) is nan)
vals = [float(i) / 0.5 for i in range(5)] + [nan]
print([v for v in vals if v != v] == [nan], vals.index(nan))
