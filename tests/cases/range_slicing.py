# Slicing a range gives another range.
r = range(0, 20, 2)
print(r[2:5], r[::2], r[::-1], r[-3:], r[1:-1:3])
print(list(r[2:5]), list(r[::-1]))
print(range(10)[::-3], list(range(10)[::-3]))
print(range(5, -5, -1)[2:], range(100)[50:10:-10])
print(range(3)[10:], len(range(3)[10:]))
print(reversed(range(3)).__class__.__name__, list(reversed(range(1, 10, 3))))
print(list(reversed(range(10, 0, -4))), sum(range(1, 101)))
for i in range(3, -4, -3):
    print(i, end=" ")
print()
