# Dict and set comprehensions.
print({x: x ** 3 for x in range(5)})
print({name: len(name) for name in ["ann", "bobby", "cy"] if len(name) > 2})
print(sorted({c for c in "abracadabra"}))
print(sorted({x % 5 for x in range(100)}))
inverse = {v: k for k, v in {"one": 1, "two": 2, "uno": 1}.items()}
print(inverse)
print({k: [i for i in range(k)] for k in range(4)})
print({(x, x * x) for x in range(3)} == {(0, 0), (1, 1), (2, 4)})
print({s: s.upper() for s in sorted({"b", "a"})})
print(len({i % 7: i for i in range(100)}), {i % 7: i for i in range(100)}[3])
