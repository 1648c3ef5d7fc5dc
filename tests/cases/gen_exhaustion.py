# Iterators are single-use; iterables can be iterated again.
g = (x for x in range(3))
print(list(g), list(g), sum(g))
m = map(str, [1, 2])
print(list(m), list(m))
z = zip("ab", "cd")
print(list(z), list(z))
e = enumerate("ab")
print(list(e), list(e))
r = reversed([1, 2])
print(list(r), list(r))
f = filter(None, [0, 1, 2])
print(2 in f, list(f))
it = iter([1, 2, 3, 4])
print(3 in it, list(it))
lst = [1, 2]
print(list(lst), list(lst))
def gen():
    yield from range(3)
g2 = gen()
for x in g2:
    if x == 1:
        break
print(list(g2))
