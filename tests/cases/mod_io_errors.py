# open() and file-object errors, with CPython's classes and messages.
import _io
import time
try:
    from posix import unlink
except ImportError:
    unlink = None

# The suite runs each case in several modes at once: a scratch file of its
# own per process, left out of what is printed.
path = "mod_io_errors.%d.%d.tmp" % (int(time.time() * 1000000) % 1000000, id(object()) % 1000003)
_print = print


def print(*args):
    _print(" ".join(map(str, args)).replace(path, "PATH"))


print(_io.UnsupportedOperation, _io.UnsupportedOperation.__mro__)
print(issubclass(_io.UnsupportedOperation, OSError), issubclass(_io.UnsupportedOperation, ValueError))
print(_io.BlockingIOError is BlockingIOError, _io.DEFAULT_BUFFER_SIZE, _io.open is open)
print(_io.text_encoding(None), _io.text_encoding("latin-1"))
print(_io.FileIO, _io.TextIOWrapper, _io._IOBase, _io._RawIOBase.__mro__)

def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

with open(path, "w") as f:
    f.write("content\n")

for mode in ["rw", "rr", "q", "b", "+", "tb", "rbt", "U", "rU", "w+b", "xb", "x", ""]:
    attempt("mode " + repr(mode), lambda: open(path, mode).close())
attempt("encoding in binary", lambda: open(path, "rb", encoding="utf-8"))
attempt("errors in binary", lambda: open(path, "rb", errors="strict"))
attempt("newline in binary", lambda: open(path, "rb", newline=""))
attempt("bad newline", lambda: open(path, newline="x"))
attempt("unbuffered text", lambda: open(path, "r", buffering=0))
attempt("float file", lambda: open(3.5))
attempt("negative fd", lambda: open(-1))
attempt("bad fd", lambda: open(99))
attempt("mode type", lambda: open(path, 3))
attempt("unknown kw", lambda: open(path, bogus=1))
attempt("missing", lambda: open("no_such_file_here.txt"))
attempt("missing bytes", lambda: open(b"no_such_file_here.txt"))
attempt("no dir", lambda: open("no_such_dir/x.txt", "w"))
attempt("directory", lambda: open("."))
attempt("directory w", lambda: open(".", "w"))
attempt("exists", lambda: open("mod_io_errors.py", "x"))
attempt("unknown encoding", lambda: open(path, encoding="no-such-codec"))
attempt("embedded null", lambda: open("a\0b"))
try:
    open("no_such_file_here.txt")
except OSError as e:
    print(e.errno, e.strerror, e.filename, e.args)

f = open(path)
attempt("write to r", lambda: f.write("x"))
attempt("write bytes", lambda: open(path, "a").write(b"x"))
attempt("truncate r", lambda: f.truncate())
attempt("seek cur", lambda: f.seek(1, 1))
attempt("seek end", lambda: f.seek(1, 2))
attempt("seek neg", lambda: f.seek(-1))
attempt("seek whence", lambda: f.seek(0, 4))
attempt("read float", lambda: f.read(1.5))
f.close()
for name in ["read", "readline", "write", "tell", "flush", "__next__", "__enter__", "seek", "fileno", "isatty", "readable", "detach"]:
    args = ("x",) if name == "write" else (0,) if name == "seek" else ()
    attempt("closed text " + name, lambda: getattr(f, name)(*args))
print(f.closed, f.name, repr(f))
f.close()

b = open(path, "rb")
attempt("write to rb", lambda: b.write(b"x"))
attempt("read str arg", lambda: b.read("x"))
attempt("seek bad whence", lambda: b.seek(0, 5))
attempt("read neg", lambda: b.read(-2))
b.close()
for name in ["read", "read1", "peek", "readline", "tell", "seek", "fileno", "flush"]:
    args = (0,) if name == "seek" else ()
    attempt("closed rb " + name, lambda: getattr(b, name)(*args))

w = open(path, "wb")
attempt("read from wb", lambda: w.read())
attempt("write str", lambda: w.write("text"))
w.close()
for name in ["write", "flush", "seek", "tell", "truncate"]:
    args = (b"x",) if name == "write" else (0,) if name == "seek" else ()
    attempt("closed wb " + name, lambda: getattr(w, name)(*args))

d = open(path, "rb")
raw = d.detach()
attempt("detached read", lambda: d.read())
attempt("detached name", lambda: d.name)
print(repr(d), d.raw)
raw.close()

# the abstract bases
base = _io._IOBase()
attempt("base seek", lambda: base.seek(0))
attempt("base tell", lambda: base.tell())
attempt("base truncate", lambda: base.truncate())
attempt("base fileno", lambda: base.fileno())
print(base.readable(), base.writable(), base.seekable(), base.isatty(), base.closed)
base.close()
print(base.closed)
attempt("closed base flush", lambda: base.flush())
attempt("closed base iter", lambda: iter(base))
attempt("raw read", lambda: _io._RawIOBase().read(1))
attempt("raw write", lambda: _io._RawIOBase().write(b""))
attempt("buffered read", lambda: _io._BufferedIOBase().read())
attempt("buffered write", lambda: _io._BufferedIOBase().write(b""))
attempt("text read", lambda: _io._TextIOBase().read())
attempt("text write", lambda: _io._TextIOBase().write(""))
print(_io._TextIOBase().encoding, _io._TextIOBase().newlines)
attempt("check readable", lambda: _io._IOBase()._checkReadable())

class Lines(_io._IOBase):
    def __init__(self):
        self.left = [b"one\n", b"two\n"]
    def readline(self, size=-1):
        return self.left.pop(0) if self.left else b""
with Lines() as l:
    print(list(l), l.closed)
print(l.closed)

f = open(path, "w")
f.close()
print(open(path).read())
if unlink:
    unlink(path)
else:
    open(path, "w").close()
open("mod_io_errors.py").write("not readable here")
