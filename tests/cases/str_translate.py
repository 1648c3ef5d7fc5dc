# str.maketrans and str.translate.
table = str.maketrans("abc", "xyz")
print("aabbcc-abc".translate(table))
print(sorted(table.items()))
table2 = str.maketrans({"a": "1", "b": None, "c": "333"})
print("abcabc".translate(table2))
table3 = str.maketrans("ae", "AE", "xyz")
print("a lazy fox jumped".translate(table3))
print("hello".translate({ord("l"): "L", ord("o"): None}))
rot13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm")
msg = "Hello, World!".translate(rot13)
print(msg, msg.translate(rot13))
try:
    str.maketrans("ab", "x")
except ValueError as e:
    print("ValueError:", e)
