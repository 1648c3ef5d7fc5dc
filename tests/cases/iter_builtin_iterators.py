# Iterators over builtin containers.
for label, container in [("list", [1, 2]), ("tuple", (3, 4)), ("str", "xy"), ("bytes", b"AB"),
                         ("dict", {"a": 1, "b": 2}), ("range", range(2)), ("set", {7})]:
    it = iter(container)
    print(label, next(it), list(it))
d = {"one": 1, "two": 2}
print(list(iter(d.keys())), list(iter(d.values())), list(iter(d.items())))
l = [1, 2, 3]
it = iter(l)
next(it)
l.append(4)
print(list(it))
l2 = [1, 2, 3]
it2 = iter(l2)
l2.pop()
print(list(it2))
s = "hello"
print(list(zip(iter(s), iter(s))), [c for c in iter(iter(iter("ab")))])
