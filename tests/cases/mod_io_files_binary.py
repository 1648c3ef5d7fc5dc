# Binary files: FileIO, BufferedReader/Writer/Random, BufferedRWPair, raw subclasses.
import _io
import time
try:
    from posix import unlink
except ImportError:
    unlink = None

# The suite runs each case in several modes at once: a scratch file of its
# own per process, left out of what is printed.
path = "mod_io_files_binary.%d.%d.tmp" % (int(time.time() * 1000000) % 1000000, id(object()) % 1000003)
_print = print


def print(*args):
    _print(" ".join(map(str, args)).replace(path, "PATH"))


with open(path, "wb") as f:
    print(repr(f), f.name, f.mode, f.closed, f.raw.closefd)
    print(f.write(b"0123456789"), f.tell(), f.write(bytearray(b"abc")), f.tell())
    print(f.writable(), f.readable(), f.seekable())
print(repr(f), f.closed)

with open(path, "rb") as f:
    print(repr(f), f.peek(1)[:1], f.read(3), f.read1(2), f.tell())
    print(f.readline(), f.tell(), f.read(), f.read(), f.read(5))
    print(f.seek(-3, 2), f.read(), f.seek(2), f.read(2), f.seek(1, 1), f.read(1))
    buf = bytearray(5)
    f.seek(0)
    print(f.readinto(buf), buf, f.readinto1(buf), buf)

with open(path, "r+b") as f:
    print(repr(f), f.mode, f.read(4))
    f.write(b"XX")
    print(f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())

with open(path, "ab") as f:
    print(f.mode, f.tell(), f.write(b"+app"))
with open(path, "ab+") as f:
    print(f.mode, f.raw.mode, f.read())
    f.seek(0)
    print(f.read())

# lines
with open(path, "wb") as f:
    f.writelines([b"a\n", b"bb\n", b"ccc"])
with open(path, "rb") as f:
    print(list(f))
with open(path, "rb") as f:
    print(f.readlines(), f.readlines())
with open(path, "rb", buffering=0) as f:
    print(repr(f), f.readline(), f.readall(), f.read())

# FileIO directly
r = _io.FileIO(path)
print(repr(r), r.mode, r.readable(), r.writable(), r.seekable(), r.closefd)
print(r.read(2), r.read(), r.read(), r.tell(), r.seek(0), r.readall())
fd = r.fileno()
r2 = _io.FileIO(fd, closefd=False)
print(repr(r2).replace(str(fd), "N"))
r2.seek(0)
print(r2.read(1))
r2.close()
print(r.closed, r2.closed)
r.close()
print(repr(r), r.closed)
for op in [r.read, r.fileno, r.tell, r.isatty, r.readable, lambda: r.write(b"x")]:
    try:
        op()
    except ValueError as e:
        print("ValueError:", e)

w = _io.FileIO(path, "w")
print(w.write(b"raw"), repr(w), w.mode)
try:
    w.read()
except _io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)
w.close()
try:
    _io.FileIO(path, "r").write(b"x")
except _io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)

# large writes and reads through the buffer
with open(path, "wb") as f:
    for i in range(1000):
        f.write(("%05d" % i).encode())
with open(path, "rb") as f:
    data = f.read()
    print(len(data), data[:10], data[-5:])
with open(path, "rb", buffering=16) as f:
    print(f.read(3), f.read(40)[:5], f.read1(100)[:3], len(f.read()))

# opener
def opener(name, flags):
    return -1
try:
    open(path, "rb", opener=opener)
except ValueError as e:
    print("ValueError:", e)

# a raw stream written in Python under the buffered and text layers
class Chunks(_io._RawIOBase):
    def __init__(self, parts):
        self.parts = list(parts)
    def readable(self):
        return True
    def readinto(self, b):
        if not self.parts:
            return 0
        part = self.parts.pop(0)
        n = min(len(b), len(part))
        b[:n] = part[:n]
        if n < len(part):
            self.parts.insert(0, part[n:])
        return n

raw = Chunks([b"ab", b"c\nde", b"f\n", b"g"])
print(raw.read(10), raw.readall())
br = _io.BufferedReader(Chunks([b"ab", b"c\nde", b"f\n", b"g"]), 4)
print(br.read(3), br.readline(), br.read())
tw = _io.TextIOWrapper(_io.BufferedReader(Chunks([b"x\r", b"\ny", b"\xc3", b"\xa9\n"])), encoding="utf-8")
print(tw.readlines())
print(list(Chunks([b"p\nq", b"\n", b"r"])))

class Sink(_io._RawIOBase):
    def __init__(self):
        self.got = []
    def writable(self):
        return True
    def write(self, b):
        self.got.append(bytes(b))
        return len(b)
s = Sink()
bw = _io.BufferedWriter(s, 4)
bw.write(b"ab")
print(s.got)
bw.write(b"cdef")
print(s.got)
bw.flush()
print(s.got, bw.closed)
bw.close()
print(s.closed, bw.closed)

pair = _io.BufferedRWPair(_io.BytesIO(b"in\ndata"), Sink())
print(pair.read(2), pair.peek(1)[:1], pair.readline(), pair.write(b"out"), pair.readable(), pair.writable())
pair.close()
print(pair.closed)

rnd = _io.BufferedRandom(_io.BytesIO(b"0123456789"))
print(rnd.read(2), rnd.write(b"ab"), rnd.tell(), rnd.read(2))
rnd.seek(0)
print(rnd.read())

if unlink:
    unlink(path)
else:
    open(path, "w").close()
