# Walrus inside comprehensions binds in the enclosing scope.
data = [1, 4, 9, 16, 25]
roots = [r for x in data if (r := int(x ** 0.5)) % 2]
print(roots, r)
def f():
    last = None
    vals = [last := v * 2 for v in range(3)]
    return vals, last
print(f())
running = 0
sums = [running := running + x for x in data]
print(sums, running)
found = any((hit := x) > 10 for x in data)
print(found, hit)
print([(y := x, y + 1) for x in range(2)], y)
