# _functools: reduce, partial, cmp_to_key.
from _functools import reduce, partial, cmp_to_key


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, ['x']), reduce(max, iter([3, 9, 2])))
print(reduce(lambda acc, x: acc + [x * 2], 'ab', []))
t(lambda: reduce())
t(lambda: reduce(1))
t(lambda: reduce(None, []))
t(lambda: reduce(lambda a, b: a + b, []))
t(lambda: reduce(lambda a, b: a + b, 5))
t(lambda: reduce(lambda a, b: a + b, [1], 1, 2))
t(lambda: reduce(lambda a, b: a + b, [1], initial=2))
t(lambda: reduce(lambda a, b: a + b, [1, 'a']))
t(lambda: reduce(None, [1, 2]))


def f(*args, **kw):
    return args, kw


p = partial(f, 1, a=2)
print(p(), p(3, b=4), p(a=5), p.func is f, p.args, p.keywords)
q = partial(p, 6, b=7)
print(q(), q.func is f, q.args, q.keywords)
print(partial(f)(), partial(f, x=1)(x=2), partial(print, sep='-')('a', 'b'))
print(repr(partial(print, 1, a=2)), repr(partial(partial(print, 1, a=2), 3, b=4)))
print(repr(partial(len)), repr(partial(max, key=str)))
t(lambda: partial())
t(lambda: partial(1))
t(lambda: partial(func=1))
t(lambda: setattr(partial(print), 'func', 2))
t(lambda: setattr(partial(print), 'args', 2))
t(lambda: setattr(partial(print), 'keywords', 2))
t(lambda: partial(f, 1)(**{'a': 1}))
pp = partial(print)
pp.attr = 5
print(pp.attr)
print(type(partial(pp)).__name__, partial(pp).func is pp)


class A:
    meth = partial(f, 'bound?')


print(A().meth(1), A.meth())


class MyPartial(partial):
    pass


mp = MyPartial(f, 1)
print(repr(MyPartial(print, 1)), mp(2), type(mp).__name__, isinstance(mp, partial))
print(partial(mp, 2).func is mp, partial(mp, 2)())


class CallOver(partial):
    def __call__(self, *a):
        return 'over', a


co = CallOver(f, 1)
print(co(2), partial(co, 3).func is co, partial(co, 3)())
print(p.__reduce__()[0] is partial, p.__reduce__()[1][0] is f, p.__reduce__()[2][1:3])
partial[int]
print(partial.__name__, partial.__module__, partial)

# recursion in repr
r = partial(print)
r.keywords['self'] = r
print(repr(r))

# cmp_to_key


def cmp(a, b):
    return (a > b) - (a < b)


def rev(a, b):
    return b - a


print(sorted([3, 1, 2], key=cmp_to_key(cmp)), sorted([3, 1, 2], key=cmp_to_key(rev)))
print(sorted(['bb', 'a', 'ccc'], key=cmp_to_key(lambda a, b: len(a) - len(b))))
K = cmp_to_key(rev)
print(K(1) < K(2), K(1) > K(2), K(1) == K(1), K(1) != K(2), K(3) <= K(3), K(3) >= K(4))
k = K(7)
print(k.obj, type(k).__name__, type(K).__name__, max([K(1), K(5), K(3)]).obj)
k.obj = 8
print(k.obj)
t(lambda: cmp_to_key())
t(lambda: cmp_to_key(1)(2) < 3)
t(lambda: cmp_to_key(1)(2) < cmp_to_key(1)(3))
t(lambda: hash(K(1)))
t(lambda: K())
t(lambda: K(1, 2))
t(lambda: cmp_to_key(mycmp=cmp)(obj=3).obj)
t(lambda: K(1) < K('a'))
print(K(1) == K(1.0), K.obj)
