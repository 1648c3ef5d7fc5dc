import sys
b = bytes(range(16))
m = memoryview(b).cast('I')
print(len(m), m.itemsize, m.format, m.nbytes, m.shape, m.strides, m.tolist() == [int.from_bytes(b[i:i+4], sys.byteorder) for i in range(0, 16, 4)])
h = memoryview(b"\xff\xff\x01\x00").cast('h')
print(h.tolist(), h[0], list(h))
print(memoryview(bytearray(b"ab")).cast('c').tolist())
try:
    memoryview(b"abc").cast('I')
except TypeError as e:
    print("TypeError", e)
