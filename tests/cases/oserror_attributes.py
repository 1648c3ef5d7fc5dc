# OSError's constructor attributes, str() forms, and its old aliases.
e = FileNotFoundError(2, "No such file", "/x/y")
print(e, e.args, e.errno, e.strerror, e.filename, e.filename2)
e = OSError(2, "No such file", "/x/y", None, "/z")
print(type(e).__name__, e, e.args)
e = OSError("just")
print(e, e.errno, e.args)
e = OSError(1, "a")
print(e, e.errno, e.filename)
e = OSError()
print(repr(e), e.errno)
e = OSError(1, 2, 3, 4, 5, 6)
print(e, e.errno, e.args)
class E(OSError):
    pass
x = E(13, "perm", "f")
print(type(x).__name__, x, x.filename)
print(IOError is OSError, EnvironmentError is OSError)
try:
    open("/nonexistent/dir/file")
except IOError as err:
    print(type(err).__name__, err.errno, err.filename)
