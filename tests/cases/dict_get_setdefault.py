# get and setdefault.
d = {"a": 1, "b": None}
print(d.get("a"), d.get("z"), d.get("z", 0), d.get("b", "default"))
print(d.setdefault("a", 100), d.setdefault("c", 3), d.setdefault("d"))
print(d)
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
counts = {}
for ch in "hello world":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    d.get()
except TypeError as e:
    print("TypeError:", e)
