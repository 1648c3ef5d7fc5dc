# print() with sep, end and multiple arguments.
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ")
print("a", "b", sep="\n")
print("no newline", end="")
print(" <- continued")
print("x", end="|\n")
print()
print(1, 2.5, None, True, [1], (2,), {"k": 3}, sep=" ; ")
print(*range(5), sep="-", end=".\n")
print("sep None", "uses space", sep=None)
print("end None", end=None)
print("", "", sep="[]")
print("multi\nline", "second")
for i in range(3):
    print(i, end=" ")
print()
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError:", e)
