# itertools: product, permutations, combinations, combinations_with_replacement, groupby.
import itertools as it


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(list(it.product('ab', range(3))))
print(list(it.product([0, 1], repeat=3)))
print(list(it.product('ab', 'xy', repeat=2))[:5], len(list(it.product('ab', 'xy', repeat=2))))
print(list(it.product()), list(it.product(repeat=0)), list(it.product('ab', [])))
print(list(it.product('a', repeat=0)))
t(lambda: it.product(x=1))
t(lambda: it.product([1], repeat=-1))
t(lambda: it.product([1], repeat='a'))
t(lambda: it.product(1))

print(list(it.permutations('abc')))
print(list(it.permutations(range(4), 2)))
print(list(it.permutations('ab', 0)), list(it.permutations('ab', 3)), list(it.permutations([])))
print(list(it.permutations([1, 2], r=None)), len(list(it.permutations(range(6)))))
t(lambda: it.permutations())
t(lambda: it.permutations([1], -1))
t(lambda: it.permutations([1], 'a'))
t(lambda: it.permutations([1], 2.0))

print(list(it.combinations('ABCD', 2)))
print(list(it.combinations(range(5), 3)))
print(list(it.combinations('ab', 0)), list(it.combinations('ab', 3)), list(it.combinations([], 0)))
print(len(list(it.combinations(range(10), 4))))
t(lambda: it.combinations([1]))
t(lambda: it.combinations([1], -1))
t(lambda: it.combinations([1], 2, 3))
t(lambda: it.combinations([1], 2, r=3))
t(lambda: it.combinations([1], 'a'))

print(list(it.combinations_with_replacement('ABC', 2)))
print(list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement([], 0)))
print(list(it.combinations_with_replacement('ab', 0)), len(list(it.combinations_with_replacement(range(5), 3))))
t(lambda: it.combinations_with_replacement([1], -1))
t(lambda: it.combinations_with_replacement([1]))

# the input is read once, eagerly
log = []


def g():
    for i in range(3):
        log.append(i)
        yield i


p = it.permutations(g(), 2)
print(log, next(p), list(p)[-1])
c = it.combinations(iter([3, 1, 2]), 2)
print(list(c), list(c))

# groupby
for k, g in it.groupby('AAAABBBCCDAABBB'):
    print(k, list(g))
print([k for k, g in it.groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in it.groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
print(list(it.groupby([])))
groups = list(it.groupby('aabbc'))
print([(k, list(g)) for k, g in groups])
gb = it.groupby('aaabbb')
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2))
gb = it.groupby([1, 1, 2, 2, 3])
k, g = next(gb)
print(next(g), next(gb)[0], next(gb)[0])
t(lambda: next(gb))
print(type(g).__name__, type(gb).__name__)
t(lambda: it.groupby())
t(lambda: it.groupby([], key=None, x=1))
t(lambda: it.groupby([], None, 3))
t(lambda: list(it.groupby([1, 'a', 'a'], key=lambda x: x + 1)))
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
for key, grp in it.groupby(sorted(words), key=lambda w: w[0]):
    print(key, list(grp))


class Noisy:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print('eq', self.v, other.v)
        return self.v == other.v


print([len(list(g)) for k, g in it.groupby([Noisy(1), Noisy(1), Noisy(2)])])

# subclasses and laziness
class P(it.product):
    pass


print(list(P('ab', repeat=2)), type(P('a')).__name__)
print(sum(1 for _ in it.product(range(10), repeat=4)))
print(it.permutations, it.combinations_with_replacement)
