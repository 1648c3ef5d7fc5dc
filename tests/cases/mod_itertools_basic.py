# itertools: the infinite and filtering iterators, islice, tee, zip_longest.
import itertools as it


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# count
c = it.count()
print([next(c) for _ in range(3)], c)
print(list(it.islice(it.count(5, 3), 4)))
print(list(it.islice(it.count(1.5, 0.5), 3)))
print(list(it.islice(it.count(2**60, 2**60), 3)))
print(list(it.islice(it.count(10, -2), 4)))
print(repr(it.count(5)), repr(it.count(5, 1)), repr(it.count(5, 1.0)), repr(it.count(5.0)))
print(repr(it.count(2**100, -1)), repr(it.count(step=3)), repr(it.count(True)))
c = it.count(3)
next(c)
print(c, c.__reduce__()[1])
t(lambda: it.count('a'))
t(lambda: it.count(1, 'a'))
t(lambda: it.count(1, 2, 3))
t(lambda: it.count(x=1))
t(lambda: it.count(1, start=3))

# cycle
print(list(it.islice(it.cycle('abc'), 8)))
print(list(it.cycle([])))
t(lambda: it.cycle())
t(lambda: it.cycle(1, 2))
t(lambda: it.cycle(a=1))
t(lambda: it.cycle(5))


def gen():
    print('gen start')
    yield 1
    yield 2
    print('gen end')


cy = it.cycle(gen())
print([next(cy) for _ in range(5)])

# repeat
print(list(it.repeat('x', 3)), list(it.repeat('x', 0)), list(it.repeat('x', -2)))
print(list(it.islice(it.repeat(7), 4)))
print(repr(it.repeat('a', 3)), repr(it.repeat('a')), repr(it.repeat('a', -3)), repr(it.repeat(times=2, object=[1])))
r = it.repeat(1, 5)
next(r)
print(r.__length_hint__(), r)
t(lambda: it.repeat(1).__length_hint__())
t(lambda: it.repeat())
t(lambda: it.repeat(1, 'a'))
t(lambda: it.repeat(1, 2, 3))
t(lambda: it.repeat(1, 2**70))
print(list(map(pow, range(5), it.repeat(2))))

# accumulate
print(list(it.accumulate([1, 2, 3, 4])))
print(list(it.accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(it.accumulate([3, 1, 4, 1, 5], max)))
print(list(it.accumulate([1, 2, 3], initial=100)))
print(list(it.accumulate([], initial=100)), list(it.accumulate([])))
print(list(it.accumulate(['a', 'b', 'c'])))
print(list(it.accumulate([1, 2], None, initial=None)))
t(lambda: it.accumulate())
t(lambda: it.accumulate([1], None, 3))
t(lambda: it.accumulate([1], initial=3, x=1))
t(lambda: it.accumulate([1], None, func=3))
t(lambda: list(it.accumulate([1, 'a'])))

# chain
print(list(it.chain('ab', [1, 2], (), range(2))))
print(list(it.chain()), list(it.chain.from_iterable(['ab', 'cd'])))
print(list(it.chain.from_iterable(it.repeat([1], 3))))
t(lambda: it.chain(a=1))
t(lambda: list(it.chain([1], 1)))
t(lambda: it.chain.from_iterable())
t(lambda: it.chain.from_iterable(5))
ch = it.chain([1], 5, [2])
print(next(ch))
t(lambda: next(ch))
t(lambda: next(ch))

# compress, dropwhile, takewhile, filterfalse, starmap
print(list(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(it.compress('ABC', [1, 1, 1, 1, 1])), list(it.compress(data='AB', selectors=[0, 1])))
t(lambda: it.compress([1]))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))))
print(list(it.filterfalse(None, [0, 1, '', 'a', None, []])))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(it.starmap(lambda *a: a, ['ab', [1], ()])))
t(lambda: it.dropwhile(None))
t(lambda: it.dropwhile(a=1))
t(lambda: it.takewhile(None, [1], 2))
t(lambda: it.filterfalse(None))
t(lambda: it.starmap(None))
t(lambda: list(it.starmap(pow, [1])))
t(lambda: list(it.takewhile(None, [1])))
tw = it.takewhile(lambda x: x < 3, [1, 2, 3, 4, 1])
print(list(tw), list(tw))

# islice
print(list(it.islice('ABCDEFG', 2)))
print(list(it.islice('ABCDEFG', 2, 4)))
print(list(it.islice('ABCDEFG', 2, None)))
print(list(it.islice('ABCDEFG', 0, None, 2)))
print(list(it.islice('ABCDEFG', None)), list(it.islice('ABC', None, None, None)))
print(list(it.islice(range(100), 10, 30, 7)))
print(list(it.islice(it.count(), 0)), list(it.islice([], 3)))
t(lambda: it.islice([1]))
t(lambda: it.islice([1], 1, 2, 3, 4))
t(lambda: it.islice([1], -1))
t(lambda: it.islice([1], 'a'))
t(lambda: it.islice([1], -1, 2))
t(lambda: it.islice([1], 1, -2))
t(lambda: it.islice([1], 1, -1))
t(lambda: it.islice([1], 1, 2, 0))
t(lambda: it.islice([1], 1, 2, -1))
t(lambda: it.islice([1], 1, 2, 'x'))
t(lambda: it.islice([1], 2**70))
t(lambda: it.islice([1], 2**70, 3))
t(lambda: it.islice([1], stop=1))
t(lambda: it.islice(5, 1))
# islice consumes exactly what it needs
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
src = iter(range(10))
print(list(it.islice(src, 2, 6, 3)), next(src))


class Idx:
    def __index__(self):
        return 3


print(list(it.islice(range(10), Idx())))

# pairwise
print(list(it.pairwise('ABCD')), list(it.pairwise('A')), list(it.pairwise([])))
t(lambda: it.pairwise())
t(lambda: it.pairwise(1, 2))
t(lambda: it.pairwise(iterable=[]))

# tee
a, b = it.tee([1, 2, 3])
print(next(a), next(a), list(b), list(a))
a, b, c = it.tee(iter(range(200)), 3)
print(sum(a), sum(b), list(c)[-3:])
print(it.tee([1], 0), len(it.tee('ab', 5)))
x, y = it.tee('abc')
print(type(x).__name__, type(x) is type(y))
z = x.__copy__()
print(next(x), next(z), next(z), list(x), list(y))
x, y = it.tee(it.tee('xyz')[0])
print(list(x), list(y))
t(lambda: it.tee())
t(lambda: it.tee([1], -1))
t(lambda: it.tee([1], 'a'))
t(lambda: it.tee([1], n=2))
t(lambda: it.tee([1], 2, 3))
t(lambda: it.tee(5))
print(list(it._tee([1, 2])))

# zip_longest
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')))
print(list(it.zip_longest('AB', [1, 2, 3], [])))
print(list(it.zip_longest()), list(it.zip_longest([1])))
t(lambda: it.zip_longest(x=1))
t(lambda: it.zip_longest([1], fillvalue=1, x=2))
t(lambda: it.zip_longest(1))


def bad():
    yield 1
    raise ValueError('boom')


z = it.zip_longest(bad(), 'abc')
print(next(z))
t(lambda: next(z))
print(list(z))

# laziness: nothing is consumed before next()
log = []


def noisy(n):
    for i in range(n):
        log.append(i)
        yield i


m = it.islice(noisy(10), 2)
ch = it.chain(noisy(2), noisy(2))
print(log)
print(list(m), log)

# types, subclasses, iterator protocol
print(it.count, it.chain, it.islice, it._tee)
print(type(it.chain()).__name__, iter(it.chain()) is not None)


class MyChain(it.chain):
    def __init__(self, *args):
        self.n = len(args)


mc = MyChain('ab', 'c')
print(list(mc), mc.n, isinstance(mc, it.chain), type(mc).__name__)


class Counter(it.count):
    pass


print(repr(Counter(3)), next(Counter(3, 2)))
for i, v in zip(range(3), it.count(10)):
    print(i, v)
t(lambda: setattr(it.count(), 'x', 1))
