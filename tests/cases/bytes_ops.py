# bytes construction, comparison and iteration.
print(bytes(), bytes(0), bytes(2), bytes([0, 127, 128, 255]), bytes("abc", "ascii"))
print(bytes((x * 2 for x in range(4))), bytes(bytearray(b"ba")))
data = b"\x00\x10\x20\x7f\x80\xff"
print([b for b in data], sum(data), max(data), data.count(0))
print(b"ab" < b"b", b"abc" > b"ab", sorted([b"b", b"a", b"ab"]))
print(b"A"[0] == 65, b"AB"[1:] == b"B", bytes([65]) == b"A")
print(b"hello world".split(b" "), b"-".join([b"x", b"y", b"z"]))
print(repr(bytes(range(30, 40))), repr(b"\r\n\t"), repr(b"\x7f\x80"))
try:
    bytes("abc")
except TypeError as e:
    print("TypeError:", e)
try:
    bytes(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    b"abc".decode("ascii")[5]
except IndexError as e:
    print("IndexError:", e)
print(bytes.fromhex("").hex() == "", b"x" * 0)
