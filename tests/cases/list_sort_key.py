# list.sort and sorted with key and reverse.
nums = [5, -3, 2, -8, 0, 7, -1]
a = nums[:]
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.sort(key=abs)
print(a)
a.sort(key=lambda x: -x)
print(a)
words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w.lower()), reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]))
print(sorted("hello"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}))
r = a.sort()
print(r)
try:
    [1, "a", 2].sort()
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([1, 2], key=5)
except TypeError as e:
    print("TypeError:", e)
