# Uncaught TypeError: "unsupported operand type(s) for +: 'int' and 'str'".
count = 3
label = " items"
print("about to add")
print(str(count) + label)
try:
    count - label
except TypeError as e:
    print("caught:", e)
result = count + label
print("never printed", result)
