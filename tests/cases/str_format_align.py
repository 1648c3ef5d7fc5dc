# Aligning and truncating strings in format specs.
words = ["a", "abc", "abcdef", "abcdefghij"]
for w in words:
    print(f"|{w:<6}|{w:>6}|{w:^6}|{w:.4}|{w:*^8.3}|")
print("|%-6s|%6s|%.2s|" % ("ab", "cd", "efgh"))
print("|{:=<10}|{:_>10}|".format("left", "right"))
table = [("Name", "Qty", "Price"), ("Widget", 3, 4.5), ("Gadget", 12, 19.99)]
for row in table:
    print("{:<8}{:>5}{:>8}".format(*row))
try:
    format("abc", "=5")
except ValueError as e:
    print("ValueError:", e)
try:
    format("abc", "+")
except ValueError as e:
    print("ValueError:", e)
