# Subset / superset / disjoint comparisons.
a = {1, 2}
b = {1, 2, 3}
print(a <= b, a < b, b >= a, b > a, a < a, a <= a)
print(a.issubset(b), b.issuperset(a), a.issubset([1, 2]), a.isdisjoint({3, 4}), a.isdisjoint(b))
print({1, 2} < {1, 3}, {1, 2} > {1, 3}, {1, 2} == {1, 3})
print(set() < a, set() <= set(), frozenset([1, 2]) == {1, 2})
print(sorted([{3}, {1, 2}, {1}], key=len))
groups = [{"a", "b"}, {"b", "c"}, {"d"}]
for i, g in enumerate(groups):
    for h in groups[i + 1:]:
        print(sorted(g), sorted(h), g.isdisjoint(h), sorted(g & h))
