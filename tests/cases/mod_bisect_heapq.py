# _bisect and _heapq: results, key functions, CPython's errors and the
# "list changed size" checks when comparisons change the heap.
from _bisect import bisect_left, bisect_right, insort_left, insort_right
import _bisect
import _heapq as H


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(sorted(n for n in dir(_bisect) if not n.startswith('__')))
print(sorted(n for n in dir(H) if not n.startswith('__')))

a = [1, 2, 2, 3, 5]
for x in [0, 1, 2, 3, 4, 5, 6]:
    print(x, bisect_left(a, x), bisect_right(a, x))
t(lambda: bisect_left(a, 2, 3))
t(lambda: bisect_left(a, 2, -1))
t(lambda: bisect_left(a, 2, 0, -1))
t(lambda: bisect_left(a, 2, 0, 100))
t(lambda: bisect_left(a, 2, 10, 2))
t(lambda: bisect_left(a, 2, hi=None))
t(lambda: bisect_left(a, 2, lo=None))
t(lambda: bisect_left(a, 2, key=None))
t(lambda: bisect_left(a, -2, key=lambda x: -x))
t(lambda: bisect_right([(1, 'a'), (2, 'b'), (2, 'c')], 2, key=lambda x: x[0]))
t(lambda: bisect_left(a))
t(lambda: bisect_left())
t(lambda: bisect_left(a, 2, 0, 5, None, 1))
t(lambda: bisect_left(a, 2, 0, 5, None))
t(lambda: bisect_left(a, 2, foo=1))
t(lambda: bisect_left(5, 2))
t(lambda: bisect_left((1, 2, 3), 2))
t(lambda: bisect_left('abc', 'b'))
t(lambda: bisect_left(a, 'x'))
t(lambda: bisect_left(a, 2, 1.0))
t(lambda: bisect_left(a, 2, 0, 2**70))
t(lambda: bisect_left(a, 2, x=1))
t(lambda: bisect_left(None, 2))
t(lambda: bisect_left(None, 2, -1))
t(lambda: bisect_left({1: 2}, 2))
t(lambda: bisect_left(a, 2, 0, 5, key=lambda x: 1 / 0))
b = [1, 3]
t(lambda: insort_left(b, 2))
t(lambda: insort_right(b, 2, key=lambda x: x))
t(lambda: insort_right(b, 9, 0, 1))
print(b)
t(lambda: insort_left((1, 2), 2))
t(lambda: insort_left(b, 2, -1))
t(lambda: insort_left(None, 2))
t(lambda: insort_left([1], 2, 0, 1, None, 7))
t(lambda: insort_left([1]))
recs = [('a', 1), ('c', 3)]
insort_left(recs, ('b', 2), key=lambda r: r[1])
insort_right(recs, ('z', 3), key=lambda r: r[1])
print(recs)


class L(list):
    def insert(self, i, x):
        print('insert', i, x)
        list.insert(self, i, x)


c = L([1, 5])
t(lambda: insort_left(c, 3))
print(c)


class Q:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return i * 10


t(lambda: bisect_left(Q(), 15))
t(lambda: bisect_right(Q(), 20))
t(lambda: bisect_left(Q(), 15, hi=-5))
print(bisect_right.__name__, insort_left.__name__)

# heapq
h = []
for x in [5, 3, 8, 1, 9, 2, 7, 7, 0]:
    H.heappush(h, x)
print(h)
print([H.heappop(h) for _ in range(9)])
t(lambda: H.heappop([]))
t(lambda: H.heappop(()))
t(lambda: H.heappush((), 1))
t(lambda: H.heappush([], 1, 2))
t(lambda: H.heappush([]))
t(lambda: H.heappush(h=[], item=1))
t(lambda: H.heappush([], 1, x=2))
t(lambda: H.heapify(5))
t(lambda: H.heapify([], 1))
t(lambda: H.heapify())
t(lambda: H.heappop())
t(lambda: H.heappop([], x=1))
t(lambda: H.heapreplace([1]))
t(lambda: H.heapreplace((), 1))
t(lambda: H.heappushpop((), 1))
t(lambda: H._heapreplace_max((), 1))
t(lambda: H._heappop_max(()))
t(lambda: H._heapify_max(()))
x = [9, 8, 7, 6, 5, 4, 3, 2, 1]
H.heapify(x)
print(x)
x = [(i * 7919) % 101 for i in range(60)]
H.heapify(x)
print(x, [H.heappop(x) for _ in range(10)])
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
H._heapify_max(x)
print(x)
t(lambda: H._heappop_max(x))
print(x)
t(lambda: H._heapreplace_max(x, 0))
print(x)
t(lambda: H._heapreplace_max([], 0))
t(lambda: H._heappop_max([]))
t(lambda: H.heapreplace([], 0))
t(lambda: H.heapreplace([1], 0))
t(lambda: H.heappushpop([], 0))
t(lambda: H.heappushpop([1], 0))
t(lambda: H.heappushpop([1], 2))
t(lambda: H.heappush([1, 'a'], 2))
t(lambda: H.heapify([1, 'a', 3]))
t(lambda: H.heappop([(1, 'x'), (1, 2), (3, 'y')]))


class Evil:
    def __init__(s, v, h):
        s.v = v
        s.h = h

    def __lt__(s, o):
        s.h.clear()
        return s.v < o.v


h = []
H.heappush(h, Evil(1, h))
t(lambda: H.heappush(h, Evil(0, h)))
h = [Evil(1, None), Evil(2, None), Evil(3, None)]
for e in h:
    e.h = h
t(lambda: H.heappop(h))
h = [Evil(3, None), Evil(2, None), Evil(1, None)]
for e in h:
    e.h = h
t(lambda: H.heapify(h))
h = [Evil(3, None), Evil(2, None)]
for e in h:
    e.h = h
t(lambda: H.heappushpop(h, Evil(5, h)))


class Grow:
    def __init__(s, v, h):
        s.v = v
        s.h = h

    def __lt__(s, o):
        s.h.append(Grow(0, None))
        return s.v < o.v


h = []
H.heappush(h, Grow(5, h))
t(lambda: H.heappush(h, Grow(0, h)))
print(len(h))


class Lst(list):
    pass


h = Lst([3, 1, 2])
H.heapify(h)
print(h, type(h).__name__)

# The pure-Python modules on top.
import bisect
import heapq
print(bisect.bisect is bisect.bisect_right, bisect.bisect_right is bisect_right)
print(heapq.heappush is H.heappush)
print(heapq.nsmallest(3, [5, 1, 4, 2, 3]), heapq.nlargest(2, [5, 1, 4, 2, 3]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
s = []
for v in [10, 3, 7]:
    bisect.insort(s, v)
print(s, bisect.bisect(s, 7))
