# Uncaught TypeError: 'can only concatenate str (not "int") to str'.
name = "answer: "
value = 42
print(name + str(value))
print(name + f"{value}")
print("%s%d" % (name, value))
try:
    name + 1.5
except TypeError as e:
    print("caught:", e)
print(name + value)
print("never printed")
