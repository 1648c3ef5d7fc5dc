# Uncaught IndexError from a list: "list index out of range".
items = ["a", "b", "c"]
for i in range(len(items)):
    print(i, items[i])
print("last:", items[-1])
print("slice past the end is fine:", items[2:10])
try:
    items[5]
except IndexError:
    print("caught once")
print(items[3])
print("never printed")
