# ord and chr.
print(ord("A"), ord("a"), ord("0"), ord(" "), ord("\u00e9"), ord("\u20ac"), ord("\U0001F600"))
print(chr(65), chr(97), chr(48), repr(chr(10)), chr(233), chr(8364), chr(128512))
print("".join(chr(ord(c) + 1) for c in "HAL"))
print([ord(c) for c in "abc"], bytes([ord(c) for c in "abc"]))
def caesar(text, k):
    out = []
    for c in text:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        else:
            out.append(c)
    return "".join(out)
print(caesar("hello, world", 3), caesar(caesar("hello, world", 3), -3))
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("")
except TypeError as e:
    print("TypeError:", e)
