# Uncaught ValueError: "invalid literal for int() with base 10: 'x'".
print("parsing", len(["1", "22", " 3 ", "x"]), "inputs")
inputs = ["1", "22", " 3 ", "x"]
total = 0
for s in inputs:
    total += int(s)
    print("running total", total)
print("never printed")
# int() accepts surrounding whitespace, so " 3 " is fine;
# "x" is not a number, so the loop dies on the fourth item.
