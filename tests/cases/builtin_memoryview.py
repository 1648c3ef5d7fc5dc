b = bytearray(b"hello world")
m = memoryview(b)
print(len(m), m[0], m[-1], bytes(m[1:4]), m[::2].tobytes(), m.tolist()[:3])
m[0] = 72
print(b)
m[1:3] = b"EL"
print(b, m.readonly, m.nbytes, m.format, m.itemsize, m.ndim, m.shape, m.strides)
r = memoryview(b"abc")
print(r == b"abc", r == bytearray(b"abc"), r.readonly, hash(r) == hash(b"abc"), r.hex(), list(r))
try:
    r[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    hash(m)
except ValueError as e:
    print("ValueError", e)
with memoryview(b"xyz") as v:
    print(v.tobytes())
print(type(v).__name__)
try:
    v.tobytes()
except ValueError as e:
    print("ValueError", e)
try:
    memoryview(5)
except TypeError as e:
    print("TypeError", e)
print(bytes(memoryview(b"q")), bytearray(memoryview(b"qq")), b"-".join([memoryview(b"a"), b"b"]))
print(type(m).__name__, type(m), m.cast("c")[0], m.obj is b)
print(memoryview(b"abcdef")[1:5][::-1].tobytes())
try:
    m[100]
except IndexError as e:
    print("IndexError", e)
