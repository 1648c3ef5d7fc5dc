# array.array: construction, the list-like methods, slicing, operators,
# conversions to and from bytes, lists, strings and files.
import array
import copy
import io
import pickle

print(array.typecodes, array.ArrayType is array.array)
for tc in array.typecodes:
    a = array.array(tc, "ab" if tc == "u" else [1, 2, 3])
    print(tc, a.typecode, a.itemsize, len(a), a, a.tolist(), a.tobytes())

a = array.array("i", range(10))
print(a[0], a[-1], a[2:5], a[::-2], a[100:], a[-3:])
a[1] = 100
a[2:4] = array.array("i", [7, 8, 9])
print(a)
del a[0]
del a[::3]
print(a)
a[::2] = array.array("i", [0] * len(a[::2]))
print(a)
a[1::2] = array.array("i")
print(a)

b = array.array("h", [3, 1, 2, 3])
b.append(5)
b.extend([6, 7])
b.extend(array.array("h", [8]))
b.insert(0, -1)
b.insert(-1, 42)
b.insert(100, 99)
print(b, b.count(3), b.index(3), b.index(3, 2), b.index(3, -9, -1))
print(b.pop(), b.pop(0), b.pop(-2), b)
b.remove(3)
b.reverse()
print(b, 3 in b, 4 in b, list(b), list(reversed(b)))

c = array.array("B", b"\x01\x02")
print(c + array.array("B", [3]), c * 3, 2 * c, c * 0, c * -1)
c += array.array("B", [9])
c *= 2
print(c)
print(array.array("i", [1, 2]) == array.array("d", [1.0, 2.0]))
print(array.array("i", [1, 2]) < array.array("i", [1, 3]))
print(array.array("i", [1, 2]) <= array.array("i", [1]))
print(array.array("b", [1]) != array.array("b", [1]), array.array("i") == [])

d = array.array("d", [1.5, -2.25])
print(d, d.tobytes().hex())
d.byteswap()
print(d.tobytes().hex())
d.byteswap()
print(d)
f = array.array("f", [0.1, 1e300, -0.0])
print(f, f[0])

e = array.array("I")
e.frombytes(b"\x01\x00\x00\x00\xff\xff\xff\xff")
e.fromlist([7, 8])
print(e, bytes(e), bytearray(e)[:4])
u = array.array("u", "hé")
u.fromunicode("llo")
u.append("!")
print(u, u.tounicode(), u[1], len(u))

q = array.array("q", [-(2**63), 2**63 - 1])
Q = array.array("Q", [2**64 - 1])
print(q, Q, array.array("L", [2**64 - 1]))
print(array.array("b", b"\xff\x7f"), array.array("i", array.array("i", [5])))
print(array.array("d", array.array("i", [5, 6])), array.array("i", (x * x for x in range(4))))

buf = io.BytesIO()
array.array("H", [1, 2, 3]).tofile(buf)
print(buf.getvalue())
buf.seek(0)
h = array.array("H")
h.fromfile(buf, 2)
print(h)
try:
    h.fromfile(buf, 5)
except EOFError as ex:
    print("EOFError", ex, h)

m = memoryview(array.array("i", [1, 2, 3]))
print(m.format, m.itemsize, m.nbytes, m.tolist(), m[1], bytes(m))
ma = array.array("B", [1, 2, 3])
mv = memoryview(ma)
mv[0] = 255
print(ma, mv.obj is ma, memoryview(array.array("d", [0.5])).tolist())

class Sub(array.array):
    pass

s = Sub("l", [1, 2])
s.tag = "x"
print(s, type(s[:1]).__name__, type(s + s).__name__, s.__dict__)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    t = pickle.loads(pickle.dumps(s, proto))
    print(proto, type(t).__name__, t, t.tag)
print(copy.copy(d), copy.deepcopy(u), copy.copy(s), copy.deepcopy(s))
print(array.array("i", [1, 2]).__reduce_ex__(2))
print(array.array("f", [1.0]).__reduce_ex__(4)[1:])
print(array._array_reconstructor(array.array, "l", 8, b"\x01\x00\x00\x00"))
print(array._array_reconstructor(array.array, "d", 15, b"?\xf8\x00\x00"))
print(array._array_reconstructor(array.array, "u", 19, "hi".encode("utf-16-be")))
it = iter(array.array("i", [1, 2, 3]))
next(it)
print(list(pickle.loads(pickle.dumps(it))), list(it), it.__reduce__()[1:])
print(sorted(array.array("i", [3, 1, 2])), sum(array.array("d", [0.5, 0.25])))
print(max(array.array("b", [1, 5, 2])), array.array("i", [0]) * 3)
m = memoryview(array.array('i', [1, 2, 3, 4, 5]))
for sl in (slice(1, 3), slice(None), slice(3, 1), slice(-2, None), slice(4, 5, 3), slice(0, 0)):
    s = m[sl]
    print(s.tolist(), s.nbytes, s.format, bytes(s), len(s))
print(m[1:4][1:2].tolist(), m[2:][0])
d = memoryview(array.array('d', [0.5, 1.5, 2.5]))
print(d[1:].tolist(), d[:1][0])
c = memoryview(b"abcdefgh").cast("H")
print(c[1:3].tolist(), c[1:3].obj)
