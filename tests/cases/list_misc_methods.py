# Assorted list behaviours: len, bool, index assign, negative assign, nested mutation.
a = [10, 20, 30]
a[0] = 11
a[-1] = 33
print(a, len(a), bool(a), bool([]))
a[1] += 5
print(a)
a[1:2] = [a[1]] * 2
print(a)
try:
    a[10] = 1
except IndexError as e:
    print("IndexError:", e)
nested = [[], []]
nested[0].append(1)
nested[1] += [2]
print(nested)
print(a.__len__(), a.__getitem__(0), a.__contains__(33))
print(list.__name__, type(a).__name__, isinstance(a, list))
print(sum([[1], [2, 3]], []), [x for x in a if x > 15])
