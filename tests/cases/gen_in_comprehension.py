# Generators consumed inside comprehensions and builtins.
def squares(n):
    for i in range(n):
        yield i * i
print([s for s in squares(5) if s % 2 == 0])
print({s: s ** 0.5 for s in squares(4)})
print(sorted({s % 5 for s in squares(10)}))
print([list(squares(k)) for k in range(4)])
print([x + y for x in squares(3) for y in squares(2)])
pairs = zip(squares(4), "abcd")
print(dict(pairs))
print(list(map(str, squares(4))), list(filter(None, squares(3))))
print(sum(squares(100)), min(squares(5)), max(squares(5)))
print(list(enumerate(squares(3), 1)))
gen = squares(5)
print([next(gen) for _ in range(2)], list(gen))
