# Loop variables persist after the loop; loops over changing lists.
for i in range(3):
    pass
print(i)
for i in []:
    pass
print(i)
for ch in "abc":
    last = ch
print(ch, last)
items = [1, 2, 3, 4]
for x in items:
    if x == 2:
        items.remove(x)
print(items)
nums = [1, 2, 3]
for x in nums:
    if len(nums) < 6:
        nums.append(x * 10)
print(nums)
for i in range(3):
    i = 10
    print(i, end=" ")
print()
for a, b in [(1, 2), (3, 4)]:
    pass
print(a, b)
class Obj:
    pass
o = Obj()
for o.attr in [1, 2, 3]:
    pass
print(o.attr)
d = {}
for d["k"] in "ab":
    pass
lst = [0, 0]
for lst[0] in range(5):
    pass
print(d, lst)
