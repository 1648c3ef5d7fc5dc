# Comparisons between lists are lexicographic.
print([1, 2, 3] == [1, 2, 3], [1, 2] == [2, 1], [] == [], [1] == (1,))
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0])
print([1, [2, 3]] < [1, [2, 4]], ["a", "b"] < ["a", "c"])
print([1, 2] != [1, 2], [1.0, 2] == [1, 2.0], [True] == [1])
nan = float("nan")
x = [nan]
print(x == x, [nan] == [nan])
print(max([[1, 2], [1, 3], [0, 9]]), sorted([[2], [1, 5], [1]]))
try:
    [1, "a"] < [1, 2]
except TypeError as e:
    print("TypeError:", e)
print([1, "a"] == [1, 2])
