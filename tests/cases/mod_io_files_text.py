# Text files: encodings, errors, newline modes, line buffering, seek/tell, reprs.
import _io
import time
try:
    from posix import unlink
except ImportError:
    unlink = None

# The suite runs each case in several modes at once: a scratch file of its
# own per process, left out of what is printed.
path = "mod_io_files_text.%d.%d.tmp" % (int(time.time() * 1000000) % 1000000, id(object()) % 1000003)
_print = print


def print(*args):
    _print(" ".join(map(str, args)).replace(path, "PATH"))


with open(path, "w") as f:
    print(repr(f), f.name, f.mode, f.encoding, f.errors, f.line_buffering, f.write_through)
    print(type(f.buffer).__name__, type(f.buffer.raw).__name__, f.buffer.raw.mode)
    print(f.readable(), f.writable(), f.seekable(), f.isatty(), f.closed, f.newlines)
    print(f.write("one\ntwo\r\nthree\rfour"), f.tell())
print(repr(f), f.closed)

with open(path, newline="") as f:
    print(f.readlines())
with open(path) as f:
    print(f.readlines(), f.newlines)
with open(path, newline="\r") as f:
    print(f.readlines())
with open(path, newline="\r\n") as f:
    print(f.readlines())
with open(path, "rb") as f:
    print(f.read())

with open(path, "w", newline="\r\n") as f:
    f.write("a\nb\n")
with open(path, "rb") as f:
    print(f.read())
with open(path, "w", newline="\r") as f:
    f.write("a\nb\n")
with open(path, "rb") as f:
    print(f.read())

# tell/seek round trips
with open(path, "w", encoding="utf-8") as f:
    f.write("héllo\nwörld\n✓ done\n")
with open(path, encoding="utf-8") as f:
    print(f.read(2), f.tell())
    line = f.readline()
    pos = f.tell()
    print(repr(line), pos, repr(f.readline()))
    f.seek(pos)
    print(repr(f.readline()), repr(f.read()), f.tell())
    print(f.seek(0), repr(f.read(3)), f.seek(0, 2), repr(f.read()))
    f.seek(0)
    print(f.seek(0, 1))

# encodings and error handlers
with open(path, "w", encoding="latin-1") as f:
    print(f.encoding, f.write("café ñ"))
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="latin-1") as f:
    print(f.read())
for errors in ["strict", "replace", "ignore", "backslashreplace"]:
    try:
        with open(path, encoding="utf-8", errors=errors) as f:
            print(errors, repr(f.read()))
    except UnicodeDecodeError as e:
        print(errors, "UnicodeDecodeError:", e)
for errors in ["strict", "replace", "ignore", "backslashreplace"]:
    try:
        with open(path, "w", encoding="ascii", errors=errors) as f:
            f.write("naïve ✓")
        with open(path, "rb") as f:
            print(errors, f.read())
    except UnicodeEncodeError as e:
        print(errors, "UnicodeEncodeError:", e)

# append and r+ / w+
with open(path, "w") as f:
    f.write("start\n")
with open(path, "a") as f:
    print(f.tell(), f.write("more\n"))
with open(path, "r+") as f:
    print(repr(f.read()))
    f.write("end\n")
    f.seek(0)
    print(repr(f.read()))
with open(path, "w+") as f:
    f.write("fresh\n")
    f.seek(0)
    print(repr(f.read()), f.mode, f.buffer.mode)

# iteration and tell
with open(path, "w") as f:
    f.writelines(["l%d\n" % i for i in range(5)])
with open(path) as f:
    for line in f:
        try:
            f.tell()
        except OSError as e:
            print("OSError:", e)
            break
with open(path) as f:
    print([l.strip() for l in f])
    print(f.tell())

# a larger file crossing chunk boundaries
with open(path, "w") as f:
    for i in range(3000):
        f.write("line %d é\n" % i)
with open(path) as f:
    n = 0
    for line in f:
        n += 1
    print(n, repr(line))
with open(path) as f:
    f.readline()
    data = f.read(20000)
    print(len(data), f.tell(), repr(f.readline()))
    f.seek(0)
    print(len(f.read()))

# line buffering and reconfigure
f = open(path, "w", buffering=1)
print(f.line_buffering)
f.write("partial")
g = open(path)
print(repr(g.read()))
f.write(" line\n")
print(repr(g.read()))
f.reconfigure(line_buffering=False, write_through=True)
f.write("through")
print(repr(g.read()), f.write_through)
f.close()
g.close()

# TextIOWrapper over BytesIO
t = _io.TextIOWrapper(_io.BytesIO(b"x\r\ny\n"), encoding="ascii", newline="")
print(repr(t), t.readlines(), t.newlines)
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8", newline="\r\n", write_through=True)
t.write("p\nq")
print(b.getvalue())
print(t.detach() is b, repr(t))
try:
    t.write("x")
except ValueError as e:
    print("ValueError:", e)

f = open(path, "w")
f.write("abc")
print(f.fileno() > 2)
f.close()
print(open(path).read())

if unlink:
    unlink(path)
else:
    open(path, "w").close()
