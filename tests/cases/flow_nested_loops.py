# Nested loops, breaking out of nested loops with flags and functions.
for i in range(1, 4):
    row = []
    for j in range(1, 4):
        row.append(i * j)
    print(row)
target = 12
found = None
for a in range(1, 10):
    for b in range(1, 10):
        if a * b == target and a < b:
            found = (a, b)
            break
    if found:
        break
print(found)
def find_pair(nums, total):
    for i, x in enumerate(nums):
        for y in nums[i + 1:]:
            if x + y == total:
                return x, y
    return None
print(find_pair([1, 4, 6, 9, 11], 15), find_pair([1, 2], 10))
count = 0
for i in range(5):
    for j in range(i):
        for k in range(j):
            count += 1
print(count)
