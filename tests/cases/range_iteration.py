# Iterating ranges in loops, including negative steps and big bounds.
total = 0
for i in range(1, 11):
    total += i
print(total)
for i in range(10, 0, -3):
    print(i, end=",")
print()
print([i for i in range(-3, 3)], [i for i in range(3, -3, -2)])
it = iter(range(2))
print(next(it), next(it), next(it, "end"))
big = range(10 ** 18, 10 ** 18 + 3)
print(list(big), big[1], len(big))
print(max(range(7)), min(range(7, 0, -1)), sorted(range(3), reverse=True))
print(list(zip(range(3), range(10, 13))), list(enumerate(range(5, 8))))
