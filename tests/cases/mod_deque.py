# _collections.deque: methods, maxlen, indexing, mutation during iteration, operators, repr.
from _collections import deque


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.extend('ab')
d.extendleft('xy')
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d)
d.rotate(100)
print(d)
d.reverse()
print(d, d.count('a'), d.count(99), d.index('a'), 'x' in d, 'q' in d)
d.insert(2, 'ins')
d.insert(-1, 'neg')
d.insert(100, 'end')
d.insert(-100, 'start')
print(d)
d.remove('ins')
print(d)
d[1] = 'set'
del d[0]
del d[-1]
print(d, d[1], d[-2])
c = d.copy()
c.clear()
print(c, d == d.copy(), d.copy() is not d, d.__copy__())
print(deque(), deque(()), deque(range(5)), deque('abc'), bool(deque()), bool(deque([0])))

# maxlen
m = deque([1, 2, 3], maxlen=2)
print(m, m.maxlen, deque().maxlen)
m.append(4)
m.appendleft(0)
print(m)
m.extend(range(10))
print(m)
m.extendleft('abc')
print(m)
print(deque(maxlen=0), deque([1, 2], 0), deque('abcdef', 3))
z = deque(maxlen=0)
z.append(1)
z.extend([1, 2])
print(z, len(z))
t(lambda: deque([1], 1).insert(0, 2))
t(lambda: deque([], -1))
t(lambda: deque([], 'a'))
t(lambda: deque([], 2.5))
t(lambda: deque([], 2**70))
t(lambda: deque([], maxlen=None, x=1))
t(lambda: deque([], 2, 3))
t(lambda: deque(1))
t(lambda: setattr(deque(), 'maxlen', 5))
t(lambda: setattr(deque(), 'foo', 5))

# errors
t(lambda: deque().pop())
t(lambda: deque().popleft())
t(lambda: deque()[0])
t(lambda: deque([1])[1])
t(lambda: deque([1])[-2])
t(lambda: deque([1])['a'])
t(lambda: deque([1])[1:2])
t(lambda: deque([1])[2**70])
t(lambda: deque([1]).index(2))
t(lambda: deque([1]).remove(2))
t(lambda: deque(['a']).remove('b'))
t(lambda: deque([1]).rotate('a'))
t(lambda: deque([1]).rotate(1, 2))
t(lambda: deque([1]).append())
t(lambda: deque([1]).append(1, 2))
t(lambda: deque([1]).count())
t(lambda: deque([1]).index())
t(lambda: deque([1]).pop(0))
t(lambda: deque([1, 2, 3]).index(3, 0, 2))
t(lambda: deque.append(5, 1))
t(lambda: deque().__setitem__(0, 1))
t(lambda: deque().__delitem__(0))
t(lambda: deque([1]) + [1])
t(lambda: deque([1]) * 'a')
t(lambda: deque([1]) < [1])
t(lambda: hash(deque()))

# index with start/stop
d = deque('abcabc')
print(d.index('b'), d.index('b', 2), d.index('c', -1), d.index('a', -100, 100), d.index('a', 1, 4))
t(lambda: d.index('a', 1, 3))
t(lambda: d.index('a', 2**80))

# mutation during iteration


def mut(op):
    d = deque([1, 2, 3, 4])
    out = []
    try:
        for x in d:
            out.append(x)
            if x == 2:
                op(d)
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    print(out, d)


mut(lambda d: d.__setitem__(2, 99))
mut(lambda d: d.reverse())
mut(lambda d: d.rotate(1))
mut(lambda d: d.rotate(0))
mut(lambda d: d.append(5))
mut(lambda d: d.appendleft(5))
mut(lambda d: d.pop())
mut(lambda d: d.clear())
mut(lambda d: d.extend([]))
mut(lambda d: d.remove(4))
mut(lambda d: d.insert(0, 7))
mut(lambda d: d.__delitem__(3))
mut(lambda d: d.__iadd__([]))
mut(lambda d: d.__imul__(1))
mut(lambda d: d.__imul__(2))
mut(lambda d: d.count(1))
mut(lambda d: d.__init__([1, 2, 3, 4]))


def rmut(op):
    d = deque([1, 2, 3, 4])
    out = []
    try:
        for x in reversed(d):
            out.append(x)
            if x == 3:
                op(d)
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    print(out, d)


rmut(lambda d: d.__setitem__(0, 99))
rmut(lambda d: d.pop())


class Evil:
    def __init__(self, d):
        self.d = d

    def __eq__(self, other):
        self.d.append(0)
        return False


for meth in ('count', 'index', 'remove', '__contains__'):
    d = deque()
    d.extend([Evil(d), 2])
    try:
        print(getattr(d, meth)(2))
    except Exception as e:
        print(meth, type(e).__name__, e)

# iterators
it = iter(deque([1, 2, 3]))
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
r = reversed(deque('abc'))
print(type(r).__name__, list(r))
print(list(reversed(deque())), list(deque(reversed(deque(range(4))))))

# comparisons and operators
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1]) != deque([1, 2]))
print(deque([1]) < deque([1, 2]), deque([1, 3]) > deque([1, 2, 5]), deque() <= deque(), deque('b') >= deque('a'))
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, 3 * deque([0]), deque([1]) * 0, deque([1]) * -1)
d = deque([1, 2, 3], 4)
print(d * 3, 3 * d, d + deque([5, 6]), d + deque())
d *= 3
print(d)
e = deque([1, 2])
e += 'ab'
e += e
print(e)
e *= 0
print(e)
f = deque([1, 2])
f.extend(f)
f.extendleft(f)
print(f)

# repr
d = deque()
d.append(d)
print(d, repr(deque([d])))
print(repr(deque([1, 'a', None], maxlen=5)), str(deque(['x'])))

# reduce, class_getitem, subclass
print(deque([1, 2]).__reduce__()[:3], deque([1, 2], 5).__reduce__()[:3])
print(list(deque([1, 2]).__reduce__()[3]))
deque[int]


class MyDeque(deque):
    def __init__(self, iterable=(), maxlen=None, tag='t'):
        super().__init__(iterable, maxlen)
        self.tag = tag


md = MyDeque([1, 2, 3], 2, tag='x')
print(md, md.tag, md.maxlen, type(md.copy()).__name__, md.copy(), isinstance(md, deque))
print(md + deque([9]), type(md * 2).__name__)


class Plain(deque):
    pass


print(repr(Plain('ab')), repr(Plain('ab', 1)), Plain([1]) == deque([1]))
print(deque.__name__, deque.__module__, deque, type(iter(deque())))
big = deque(range(100000))
big.rotate(12345)
print(big[0], big[-1], sum(big), big.index(0))
while len(big) > 3:
    big.pop()
    big.popleft()
print(big)
t(lambda: deque().insert(1))
t(lambda: deque().insert(1, 2, x=3))
t(lambda: deque().rotate(n=2))
t(lambda: deque().__setitem__(1))
