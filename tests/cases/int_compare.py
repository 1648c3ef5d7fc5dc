# Comparisons between ints, big ints, floats and bools.
print(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 == 5, 5 != 5)
print(10 ** 30 > 10 ** 29, -(10 ** 30) < -(10 ** 29))
print(1 == 1.0, 1 == True, 0 == False, 2 == True)
print(2 ** 53 == float(2 ** 53), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(2 ** 53 + 1 > float(2 ** 53))
print(10 ** 400 > float("inf"), 10 ** 400 < float("inf"))
print(-(10 ** 400) > float("-inf"))
print(1 < 1.5 < 2, 3 > 2.9999)
print(max(3, 7, -2), min(3, 7, -2))
print(sorted([5, -1, 3.5, True, 0, 2 ** 65]))
print(float("nan") == float("nan"), 1 < float("nan"), 1 > float("nan"))
try:
    1 < "2"
except TypeError as e:
    print("TypeError:", e)
print(1 == "1", 1 != "1")
