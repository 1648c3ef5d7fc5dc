# _collections.defaultdict, _count_elements, _tuplegetter.
from _collections import defaultdict, _count_elements, _tuplegetter


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b'].append(3)
print(d, d['a'], len(d), 'c' in d, d.get('c'), 'c' in d)
print(d.default_factory, isinstance(d, dict), type(d).__name__, defaultdict.__mro__)
n = defaultdict(int)
for ch in 'mississippi':
    n[ch] += 1
print(n, sorted(n.items()), dict(n))
e = defaultdict()
print(e, e.default_factory)
t(lambda: e['missing'])
e.default_factory = lambda: 'dflt'
print(e['k'], dict(e))
e.default_factory = None
t(lambda: e['zz'])
print(defaultdict(None, {1: 2}), defaultdict(list, a=1), defaultdict(int, [(1, 2)], b=3))
t(lambda: defaultdict(1))
t(lambda: defaultdict(None, 1))
t(lambda: defaultdict(list, {1: 2}, {3: 4}))
t(lambda: defaultdict(list).__missing__())
t(lambda: setattr(defaultdict(), 'foo', 5))
print(defaultdict(list).__missing__('x'))
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 1
print(dict(nested['x']), list(nested))

# copy, reduce, or
d = defaultdict(list, {1: [1]})
c = d.copy()
print(c, type(c).__name__, c is not d, c[1] is d[1], d.__copy__())
print(d.__reduce__()[:4], list(d.__reduce__()[4]))
print(defaultdict().__reduce__()[:2])
print(d | {2: 3}, {0: 1} | d, type({0: 1} | d).__name__)
d |= {5: 6}
d |= [(7, 8)]
print(d)
t(lambda: defaultdict(list) | 1)

# repr recursion
r = defaultdict()
r[1] = r
print(r)


class DD(defaultdict):
    def __missing__(self, key):
        return key * 2


dd = DD(list)
print(dd, dd[4], dd, repr(DD(None)))


class DD2(defaultdict):
    pass


x = DD2(set)
x['a'].add(1)
print(x, type(x.copy()).__name__, x.copy())


class Logged(defaultdict):
    def __setitem__(self, k, v):
        print('set', k, v)
        super().__setitem__(k, v)


lg = Logged(int)
lg['q'] += 5
print(lg)
print(defaultdict.fromkeys('ab'), defaultdict.__name__, defaultdict.__module__, defaultdict)
defaultdict[int, list]

# _count_elements
counts = {}
_count_elements(counts, 'abracadabra')
print(counts)
_count_elements(counts, ['a', 'z'])
print(counts)


class Mapping:
    def __init__(self):
        self.data = {}

    def get(self, k, default):
        return self.data.get(k, default)

    def __setitem__(self, k, v):
        self.data[k] = v


m = Mapping()
_count_elements(m, [1, 2, 1])
print(m.data)
t(lambda: _count_elements())
t(lambda: _count_elements({}, 5))
t(lambda: _count_elements({}, [[1]]))

# _tuplegetter as namedtuple uses it


class Point(tuple):
    __slots__ = ()
    x = _tuplegetter(0, 'Alias for field number 0')
    y = _tuplegetter(1, 'Alias for field number 1')

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))


p = Point(3, 4)
print(p.x, p.y, p, Point.x.__doc__, type(Point.x).__name__)
t(lambda: setattr(p, 'x', 5))
t(lambda: delattr(p, 'x'))
tg = _tuplegetter(0, 'doc')
t(lambda: tg.__get__(5))
t(lambda: tg.__get__((), None))
t(lambda: tg.__get__(None, tuple) is tg)
t(lambda: _tuplegetter(5, None).__get__((1, 2)))
t(lambda: _tuplegetter(0))
t(lambda: _tuplegetter('a', 1))
print(tg.__doc__, tg.__reduce__())
tg.__doc__ = 'new'
print(tg.__doc__)
