# Recursive generators for permutations, combinations and subsets.
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [x] + rest
def combinations(items, k):
    if k == 0:
        yield []
        return
    for i in range(len(items)):
        for rest in combinations(items[i + 1:], k - 1):
            yield [items[i]] + rest
def subsets(items):
    if not items:
        yield []
        return
    for rest in subsets(items[1:]):
        yield rest
        yield [items[0]] + rest
print(list(permutations([1, 2, 3])))
print(["".join(p) for p in permutations("abc")])
print(list(combinations("abcd", 2)))
print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))
print(sum(1 for _ in permutations(list(range(6)))))
