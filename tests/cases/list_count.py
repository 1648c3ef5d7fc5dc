# list.count uses equality.
a = [1, 2, 2, 3, 3, 3, "3", 3.0, True]
print(a.count(3), a.count("3"), a.count(1), a.count(2), a.count(99))
print([[1], [1], [2]].count([1]), [None, None].count(None))
nan = float("nan")
print([nan, nan].count(nan), [float("nan")].count(float("nan")))
words = "the cat and the hat and the bat".split()
print({w: words.count(w) for w in words})
print(max(set(words), key=lambda w: (words.count(w), w)))
print([1, [1], (1,)].count(1), [].count(None))
print("abcabc".count("a"), list("abcabc").count("a"))
