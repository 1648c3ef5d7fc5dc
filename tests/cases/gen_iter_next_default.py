# iter() and next() with defaults and sentinels.
it = iter([10, 20])
print(next(it), next(it), next(it, "no more"), next(it, None))
print(next(iter(""), "empty string"), next(iter({}), "empty dict"))
d = {"a": 1, "b": 2}
keys = iter(d)
print(next(keys), next(keys))
items = iter(d.items())
print(next(items))
values = [3, 1, 4, 1, 5, 0, 9]
pos = iter(range(len(values)))
def reader():
    return values[next(pos)]
print(list(iter(reader, 0)))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
it2 = iter([1, 2, 3])
print(iter(it2) is it2, list(it2))
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError:", e)
