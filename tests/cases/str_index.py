# str.index / str.rindex raise ValueError when missing.
s = "banana"
print(s.index("a"), s.rindex("a"), s.index("na"), s.rindex("na"))
print(s.index("a", 2), s.index("an", 2, 5), s.rindex("a", 0, 4))
try:
    s.index("x")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("x")
except ValueError as e:
    print("ValueError:", e)
try:
    s.index("b", 1)
except ValueError as e:
    print("ValueError:", e)
print("abc".index(""), "abc".rindex(""))
