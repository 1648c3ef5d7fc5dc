# __new__ and method calls of itertools/_collections/_functools classes with
# the wrong class or self: TypeErrors, never crashes.
import itertools as it
import _collections as C
import _functools as F


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: it.count.__new__())
t(lambda: it.count.__new__(5))
t(lambda: it.count.__new__(int))
t(lambda: C.deque.__new__(it.count))
t(lambda: C.defaultdict.__new__(dict))
t(lambda: C.defaultdict.__new__(C.defaultdict))
t(lambda: F.partial.__new__(list, print))
t(lambda: C._deque_iterator.__new__(C._deque_iterator, C.deque([1, 2, 3]), 1).__next__())
t(lambda: list(C._deque_reverse_iterator(C.deque([1, 2, 3]), 1)))
t(lambda: it.dropwhile.__new__(it.takewhile, None, []))
t(lambda: it.count.__next__(5))
t(lambda: it.islice.__next__(it.count()))
t(lambda: C.deque.__init__(5))
t(lambda: C.deque.append(5, 1))
t(lambda: C.deque.__copy__([]))
t(lambda: C.defaultdict.__missing__({}, 1))
t(lambda: C.defaultdict.__repr__({}))
t(lambda: C._tuplegetter.__get__(5, 1))
t(lambda: F.partial.__call__(1))
t(lambda: it._grouper(1, 2))
t(lambda: list(it._grouper(it.groupby([]), 2)))
t(lambda: it._tee.__copy__(5))
