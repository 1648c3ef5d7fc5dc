import posix

# Several runs of this case may share the directory: work in a private one.
WORK = "mod_posix_dirs_work_%d" % posix.getpid()
posix.mkdir(WORK)
posix.chdir(WORK)

D = "mod_posix_dirs_tmp"

def err(f, *a, **k):
    try:
        f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e, getattr(e, "filename", None))

def cleanup():
    for p in (D + "/sub/inner", D + "/sub", D):
        try:
            for n in posix.listdir(p):
                try:
                    posix.unlink(p + "/" + n)
                except OSError:
                    pass
            posix.rmdir(p)
        except OSError:
            pass

cleanup()
posix.mkdir(D)
posix.mkdir(D + "/sub", 0o755)
posix.mkdir(D + "/sub/inner")
for name in ("b.txt", "a.txt", "c.py"):
    fd = posix.open(D + "/" + name, posix.O_WRONLY | posix.O_CREAT, 0o644)
    posix.write(fd, name.encode() * 3)
    posix.close(fd)
posix.symlink("a.txt", D + "/link")
posix.symlink("missing", D + "/dangling")

print(sorted(posix.listdir(D)))
print(sorted(posix.listdir(D.encode())))
print(posix.listdir(D + "/sub/inner"))
print(D in posix.listdir(), D in posix.listdir(None))
print(D.encode() in posix.listdir(b"."))
print("mod_posix_dirs.py" in posix.listdir(".."))
fd = posix.open(D, posix.O_RDONLY)
print(sorted(posix.listdir(fd)))
print(sorted(e.name for e in posix.scandir(fd)), sorted(e.path for e in posix.scandir(fd)))
posix.close(fd)

entries = sorted(posix.scandir(D), key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, posix.fspath(e),
          e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False))
    print("  ", e.inode() == posix.lstat(e.path).st_ino)
sizes = {e.name: e.stat().st_size for e in entries if e.name not in ("dangling", "sub")}
print(sorted(sizes.items()))
link = [e for e in entries if e.name == "link"][0]
print(link.stat().st_size, link.stat(follow_symlinks=False).st_mode & 0o170000 == 0o120000)
print(link.stat() is link.stat())
dangling = [e for e in entries if e.name == "dangling"][0]
err(dangling.stat)
print(dangling.stat(follow_symlinks=False).st_mode & 0o170000 == 0o120000)

for e in posix.scandir(D.encode()):
    if e.name == b"a.txt":
        print(e.name, e.path, repr(e), e.is_file())

it = posix.scandir(D)
print(type(it).__name__, iter(it) is it)
with it as same:
    print(same is it, type(next(it)).__name__)
it.close()
print(list(it))
try:
    next(posix.scandir(D + "/sub/inner"))
except StopIteration:
    print("empty")

# working directory
here = posix.getcwd()
print(type(here).__name__, type(posix.getcwdb()).__name__, posix.getcwdb() == here.encode())
posix.chdir(D)
print(posix.getcwd() == here + "/" + D, sorted(posix.listdir())[:2])
posix.chdir("..")
print(posix.getcwd() == here)
fd = posix.open(D + "/sub", posix.O_RDONLY)
posix.chdir(fd)
print(posix.getcwd() == here + "/" + D + "/sub")
posix.chdir(here)
posix.close(fd)

# errors
err(posix.mkdir, D)
err(posix.rmdir, D)
err(posix.rmdir, "nonexistent_zz")
err(posix.rmdir, D + "/a.txt")
err(posix.listdir, "nonexistent_zz")
err(posix.listdir, D + "/a.txt")
err(posix.scandir, "nonexistent_zz")
err(posix.chdir, "nonexistent_zz")
err(posix.listdir, 1.5)
err(posix.scandir, 1.5)
err(posix.mkdir, D + "/nope/deeper")

cleanup()
print(D in posix.listdir("."))
posix.chdir("..")
posix.rmdir(WORK)
print(WORK in posix.listdir("."))
