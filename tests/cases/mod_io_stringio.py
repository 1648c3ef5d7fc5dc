# _io.StringIO: reading, writing, seeking, newline modes, errors.
import _io

s = _io.StringIO("hello\nworld\nlast")
print(s.read(3), repr(s.readline()), s.tell())
print(s.readlines())
print(repr(s.read()), s.tell())
s.seek(0)
print([line for line in s])
s.seek(0, 2)
s.write(" more\n")
print(repr(s.getvalue()))
s.seek(2)
s.write("XY")
print(repr(s.getvalue()), s.tell())
print(s.truncate(4), repr(s.getvalue()), s.tell())
s.seek(10)
s.write("z")
print(repr(s.getvalue()))
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.line_buffering)
print(s.closed, s.encoding, s.errors)

# Non-ASCII: positions count code points.
u = _io.StringIO("héllo wörld ✓")
print(u.read(5), u.tell(), u.read(), len(u.getvalue()))

# newline modes
for nl in [None, "", "\n", "\r", "\r\n"]:
    t = _io.StringIO("a\r\nb\rc\nd", newline=nl)
    print(repr(nl), repr(t.getvalue()), t.readlines(), t.newlines)
    t = _io.StringIO(newline=nl)
    t.write("x\ny\r\n")
    print(repr(nl), repr(t.getvalue()), t.newlines)

# readline with a size
r = _io.StringIO("abcdef\ngh")
print(repr(r.readline(3)), repr(r.readline(10)), repr(r.readline(-1)), repr(r.readline()))

# empty and default
e = _io.StringIO()
print(repr(e.read()), e.tell(), repr(e.getvalue()), e.newlines)
print(e.write("abc"), e.write(""), repr(e.getvalue()))

# context manager and closing
with _io.StringIO("x") as c:
    print(c.read())
print(c.closed)
for op in [c.read, c.getvalue, c.tell, lambda: c.write("a"), c.readline, lambda: c.seek(0)]:
    try:
        op()
    except ValueError as ex:
        print("ValueError:", ex)
c.close()

# errors
s = _io.StringIO("abc")
tests = [
    lambda: s.seek(-1),
    lambda: s.seek(1, 1),
    lambda: s.seek(1, 2),
    lambda: s.seek(0, 3),
    lambda: s.truncate(-1),
    lambda: s.write(b"x"),
    lambda: _io.StringIO(b"x"),
    lambda: _io.StringIO(newline="x"),
    lambda: _io.StringIO(newline=3),
    lambda: s.read(1.5),
    lambda: s.fileno(),
    lambda: s.detach(),
]
for t in tests:
    try:
        print(t())
    except Exception as ex:
        print(type(ex).__name__, ex)
print(s.seek(0, 1), s.seek(0, 2), s.seek(1))

# subclassing
class Upper(_io.StringIO):
    def write(self, text):
        return super().write(text.upper())
u = Upper()
u.write("shout")
print(u.getvalue(), isinstance(u, _io.StringIO), isinstance(u, _io._TextIOBase), isinstance(u, _io._IOBase))
print(type(u).__mro__[1:])
print(repr(_io.StringIO).startswith("<class '_io.StringIO'>"))
