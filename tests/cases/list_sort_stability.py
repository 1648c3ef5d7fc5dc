# Sorting is stable, also with reverse=True.
records = [("alice", 3), ("bob", 1), ("carol", 3), ("dave", 2), ("erin", 1), ("frank", 3)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
by_name = sorted(records)
by_score = sorted(by_name, key=lambda r: r[1])
print(by_score)
words = ["bb", "a", "ccc", "dd", "e", "fff"]
words.sort(key=len)
print(words)
words.sort(key=len, reverse=True)
print(words)
items = [(0, i) for i in range(10)]
print(sorted(items, key=lambda t: t[0], reverse=True) == items)
