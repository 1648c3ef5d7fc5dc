# bytes/bytearray case and padding methods, slice deletion, concatenation errors.
for b in [b"hello world", b"Hello World", b"  mixed CASE 42  ", b""]:
    print(b.title(), b.capitalize(), b.swapcase(), b.istitle(), b.center(20, b"*"), b.ljust(14), b.rjust(14, b"."))
print(b"-3".zfill(5), b"+7".zfill(1), bytearray(b"x").zfill(4), b"a\tb\tc".expandtabs(4), b"a\tb".expandtabs())
print(bytearray(b"ab").center(6, b"-"), type(bytearray(b"ab").ljust(1)).__name__)
for args in [(5, "-"), (5, b"--"), ("5",)]:
    try:
        b"x".center(*args)
    except TypeError as e:
        print("TypeError:", e)
ba = bytearray(range(10)); del ba[::3]; print(ba); del ba[::-2]; print(ba); del ba[:]; print(ba)
l = list(range(10)); del l[1:8:2]; print(l); del l[::-1]; print(l)
print(b"ab" + bytearray(b"c"), bytearray(b"ab") + b"c", b"ab" + memoryview(b"cd"))
for x, y in [(b"a", "b"), (bytearray(b"a"), "b"), (b"a", 1), ("a", b"b")]:
    try:
        x + y
    except TypeError as e:
        print("TypeError:", e)
class Two:
    def __index__(self):
        return 2
print(b"ab" * Two(), "ab" * Two(), Two() * [1], (0,) * Two())
