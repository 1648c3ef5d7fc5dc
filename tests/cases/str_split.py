# str.split with and without separators and maxsplit.
s = "  the quick  brown\tfox\njumps  "
print(s.split())
print(s.split(" "))
print("a,b,,c,".split(","))
print("a,b,,c,".split(",", 1))
print("a,b,,c,".split(",", maxsplit=2))
print("a::b::c".split("::"))
print("".split(), "".split(","), "   ".split())
print("abc".split("abc"), "abcabc".split("b"))
print("one two three".split(None, 1))
print("  lead and trail  ".split(maxsplit=1))
print("x".split("x"), "xx".split("x"))
print("1 2 3".split(" ", 0), "1 2 3".split(" ", -1))
print("\u00e9t\u00e9 caf\u00e9".split())
print("a\x0bb\x0cc\x1cd".split())
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
