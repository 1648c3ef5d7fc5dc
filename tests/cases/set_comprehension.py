# Set comprehensions and dedup patterns.
nums = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
uniq = {n for n in nums}
print(sorted(uniq), len(uniq))
print(sorted({n % 4 for n in nums if n > 2}))
words = ["Apple", "apple", "APPLE", "banana", "Banana"]
print(sorted({w.lower() for w in words}))
seen = set()
ordered = []
for n in nums:
    if n not in seen:
        seen.add(n)
        ordered.append(n)
print(ordered)
print(list(dict.fromkeys(nums)))
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs))
print({1, 2, 3})
print({10, 20} == {x * 10 for x in (1, 2)})
