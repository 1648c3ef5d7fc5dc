# Dict comprehensions.
squares = {n: n * n for n in range(6)}
print(squares)
print({k: v for k, v in squares.items() if v % 2 == 0})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
words = ["apple", "bob", "cat", "apple", "dog"]
print({w: len(w) for w in words})
print({w[0]: w for w in words})
print({(x, y): x * y for x in range(3) for y in range(3) if x <= y})
print({i: {j: i * j for j in range(2)} for i in range(3)})
keys = ["a", "b", "c"]
vals = [1, 2, 3]
print({k: v for k, v in zip(keys, vals)}, dict(zip(keys, vals)))
x = "outer"
d = {x: i for i, x in enumerate("xyz")}
print(d, x)
