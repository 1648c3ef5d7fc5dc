# bytes literals, indexing, slicing and repr.
b = b"hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1])
print(type(b[0]).__name__, type(b[0:1]).__name__)
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes(b"copy"))
print(b"a" + b"b", b"ab" * 3, b"e" in b"hello", 108 in b"hello")
print(b"abc" == b"abc", b"abc" < b"abd", b"" < b"\x00")
print(list(b"AB"), b"\n\t\\'\"", repr(b"it's"), repr(b'say "x"'))
print(b"abc".hex(), bytes.fromhex("de ad be ef"), b"\x01\x02".hex(":"))
print(b"x" == "x", b"%d-%s" % (5, b"z"))
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError:", e)
