# Ranges past 64-bit ints: indexing, slicing, membership, equality, hashing, reversal.
big = range(2**64, 2**64 + 10, 3)
print(big, len(big), big[0], big[-1], big[1:3], big[::-1])
print(2**64 + 3 in big, 2**64 + 4 in big, 3.0 in range(5), True in range(2))
print(range(0, 10**20)[-1], range(10**20)[10**19:10**19 + 3])
print(list(reversed(range(0))), list(reversed(range(5))), list(reversed(range(10, 0, -3))))
print(list(reversed(range(2**64, 2**64 + 3))))
print(range(0) == range(4, 4), range(1, 2) == range(1, 5, 10), range(1, 9, 2) == range(1, 10, 2))
print(hash(range(0)) == hash(range(3, 3)), hash(range(5)) == hash(range(0, 5, 1)), hash(range(1, 2)) == hash(range(1, 3, 5)))
print({range(3): "a"}[range(0, 3)], range(10)[2:100:3], range(-5, 5)[-3:], range(10)[True])
print(big.count(2**64 + 3), big.index(2**64 + 6), range(5).count(2.0))
for bad in [1.5, "x", None]:
    try:
        range(10)[bad]
    except TypeError as e:
        print("TypeError:", e)
try:
    range(3)[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    len(range(2**64))
except OverflowError as e:
    print("OverflowError:", e)
