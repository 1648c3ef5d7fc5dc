# bytearray is a mutable bytes.
ba = bytearray(b"hello")
print(ba, len(ba), ba[0])
ba[0] = 74
print(ba)
ba.append(33)
ba.extend(b"??")
print(ba)
ba[1:3] = b"EE"
print(ba)
del ba[-2:]
print(ba, ba.pop(), ba)
ba.insert(0, 62)
print(ba, bytes(ba), ba.decode())
print(bytearray(3), bytearray([1, 2]), bytearray("\u00e9", "utf-8"))
ba2 = bytearray(b"abc")
ba2 += b"def"
print(ba2, ba2 * 2, ba2 == b"abcdef", ba2.upper(), ba2.find(b"d"))
ba2.reverse()
print(ba2)
ba2.remove(ord("c"))
print(ba2, ba2.index(b"a"))
try:
    ba2[0] = 300
except ValueError as e:
    print("ValueError:", e)
ba2.clear()
print(ba2, len(ba2))
