# partition / rpartition always return 3-tuples.
print("key=value=more".partition("="))
print("key=value=more".rpartition("="))
print("no separator".partition("="), "no separator".rpartition("="))
print("".partition("x"), "x".partition("x"), "abcabc".partition("bc"))
print("user@host.example.com".partition("@"))
head, sep, tail = "a::b::c".rpartition("::")
print(head, sep, tail)
for line in ["name: Alice", "age:  30", "bad line"]:
    k, sep, v = line.partition(":")
    print(repr(k), bool(sep), repr(v.strip()))
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError:", e)
