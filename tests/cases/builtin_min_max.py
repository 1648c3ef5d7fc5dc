# min and max with key and default.
print(min(3, 1, 2), max(3, 1, 2), min([5, 9, 1]), max("hello"), min("b", "a", "c"))
words = ["pear", "fig", "banana", "kiwi", "plum"]
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]))
print(min([], default=None), max([], default="none"), max([1], default=0))
print(max([(1, "b"), (1, "a"), (0, "z")]), min([[3], [1, 2]]))
print(max([1, 3, 3.0, 2]), max([3.0, 3, 1]), min([-0.0, 0.0]), min([0.0, -0.0]))
print(max({"a": 5, "b": 9}, key={"a": 5, "b": 9}.get))
print(max(range(10), key=lambda x: x % 4), min(range(10), key=lambda x: -x))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min()
except TypeError as e:
    print("TypeError:", e)
try:
    max(1, 2, default=0)
except TypeError as e:
    print("TypeError:", e)
try:
    max(1)
except TypeError as e:
    print("TypeError:", e)
