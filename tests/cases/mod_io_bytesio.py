# _io.BytesIO: reading, writing, seeking, readinto, errors.
import _io

b = _io.BytesIO(b"hello\nworld\nlast")
print(b.read(3), b.readline(), b.tell())
print(b.readlines())
print(b.read(), b.tell())
b.seek(0)
print(list(b))
b.seek(0)
print(b.readline(2), b.readline(100), b.read1(2), b.read1())
b.seek(0, 2)
print(b.write(b" more"), b.getvalue())
b.seek(2)
b.write(bytearray(b"XY"))
print(b.getvalue(), b.tell())
print(b.truncate(4), b.getvalue(), b.tell())
b.seek(8)
b.write(b"z")
print(b.getvalue())
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.tell())
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush())

buf = bytearray(4)
r = _io.BytesIO(b"abcdef")
print(r.readinto(buf), buf, r.readinto(buf), buf, r.readinto(buf))
r.writelines([b"1", b"22", bytearray(b"333")])
print(r.getvalue())

e = _io.BytesIO()
print(e.read(), e.getvalue(), e.tell(), e.read(5))

with _io.BytesIO(b"data") as c:
    print(c.read())
print(c.closed)
for op in [c.read, c.getvalue, c.tell, lambda: c.write(b"a"), c.readline, lambda: c.seek(0), c.readable, c.flush]:
    try:
        op()
    except ValueError as ex:
        print("ValueError:", ex)

b = _io.BytesIO(b"abc")
tests = [
    lambda: b.seek(-1),
    lambda: b.seek(0, 3),
    lambda: b.truncate(-1),
    lambda: b.write("s"),
    lambda: b.read("x"),
    lambda: b.read(1.5),
    lambda: _io.BytesIO("s"),
    lambda: b.seek(1.5),
    lambda: b.readinto(b"abc"),
    lambda: b.fileno(),
    lambda: b.detach(),
]
for t in tests:
    try:
        print(t())
    except Exception as ex:
        print(type(ex).__name__, ex)

class Counting(_io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.reads = 0
    def read(self, n=-1):
        self.reads += 1
        return super().read(n)
c = Counting(b"xyz")
print(c.read(1), c.read(), c.reads, isinstance(c, _io._BufferedIOBase))
