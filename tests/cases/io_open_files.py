# open(): text and binary files, reading and writing, with and iteration.
import sys
path = "io_open_files.tmp"
with open(path, "w") as f:
    print(type(f).__name__, f.mode, f.closed)
    n = f.write("first line\nsecond line\n")
    f.writelines(["third\n", "fourth é\n"])
print(n, f.closed)
with open(path) as f:
    print(repr(f.readline()))
    print(f.readlines())
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open(path, "a") as f:
    f.write("appended\n")
with open(path) as f:
    text = f.read()
print(len(text), text.count("\n"), text.splitlines()[-1])
with open(path, "rb") as f:
    data = f.read()
    print(type(f).__name__, type(data).__name__, data[:5], len(data))
with open(path, "wb") as f:
    f.write(b"\x00\x01binary")
with open(path, "rb") as f:
    print(f.read(3), f.read())
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
try:
    with open(path, "w") as f:
        f.write(b"bytes")
except TypeError as e:
    print("TypeError:", e)
f = open(path)
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
try:
    open(path, "rw")
except ValueError as e:
    print("ValueError:", e)
import sys
print(open(path).read() == "", file=sys.stdout)
