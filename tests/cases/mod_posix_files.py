import posix

# Several runs of this case may share the directory: work in a private one.
WORK = "mod_posix_files_work_%d" % posix.getpid()
posix.mkdir(WORK)
posix.chdir(WORK)

NAME = "mod_posix_files_tmp.txt"
NAME2 = "mod_posix_files_tmp2.txt"
LINK = "mod_posix_files_tmp.lnk"
HARD = "mod_posix_files_tmp.hard"

for n in (NAME, NAME2, LINK, HARD):
    try:
        posix.unlink(n)
    except FileNotFoundError:
        pass

# fd-level I/O
fd = posix.open(NAME, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(type(fd).__name__, fd > 2)
print(posix.get_inheritable(fd))
print(posix.write(fd, b"hello world\n"))
print(posix.write(fd, bytearray(b"line two\n")))
posix.fsync(fd)
print(posix.lseek(fd, 0, 1))
print(posix.isatty(fd))
posix.close(fd)

fd = posix.open(NAME, posix.O_RDONLY)
print(posix.read(fd, 5))
print(posix.lseek(fd, 0, 0))
print(posix.read(fd, 100))
print(posix.read(fd, 100))
print(posix.lseek(fd, -4, 2))
print(posix.read(fd, 100))
st = posix.fstat(fd)
print(st.st_size, st[6], len(st))
fd2 = posix.dup(fd)
print(fd2 != fd, posix.get_inheritable(fd2))
fd3 = posix.dup2(fd, fd2 + 1)
print(fd3 == fd2 + 1, posix.get_inheritable(fd3))
posix.set_inheritable(fd3, False)
print(posix.get_inheritable(fd3))
print(posix.get_blocking(fd3))
posix.set_blocking(fd3, False)
print(posix.get_blocking(fd3))
for f in (fd, fd2, fd3):
    posix.close(f)

# pipes
r, w = posix.pipe()
posix.write(w, b"through the pipe")
posix.close(w)
print(posix.read(r, 7), posix.read(r, 100), posix.read(r, 100))
posix.close(r)

# stat_result
st = posix.stat(NAME)
print(type(st).__name__, type(st).__module__)
print(st.st_size == 21, st.st_size == st[6])
print(st.st_mode & 0o777 == 0o644, st.st_mode == st[0])
print(isinstance(st.st_mtime, float), isinstance(st[8], int), st[8] == int(st.st_mtime))
print(st.st_mtime_ns // 10**9 == st[8], isinstance(st.st_blksize, int))
print(st.st_nlink, st.st_ino == st[1], st.st_dev == st[2])
print(posix.stat_result.n_sequence_fields, posix.stat_result.n_fields, posix.stat_result.n_unnamed_fields)
print(st[:3] == (st.st_mode, st.st_ino, st.st_dev), tuple(st) == st[:])
r = repr(st)
print(r.startswith("os.stat_result(st_mode="), "st_atime=" in r, "st_size=21," in r)
try:
    st.st_size = 5
except AttributeError:
    print("readonly")
print(posix.stat(NAME.encode()).st_size)
s = posix.stat_result(range(10))
print(s, s.st_atime_ns)

# access, chmod, utime
print(posix.access(NAME, posix.F_OK), posix.access(NAME, posix.R_OK), posix.access("nonexistent_zz", posix.F_OK))
posix.chmod(NAME, 0o600)
print(oct(posix.stat(NAME).st_mode & 0o777))
posix.utime(NAME, (1000000000, 1200000000.5))
st = posix.stat(NAME)
print(st.st_atime, st.st_mtime, st[7], st[8], st.st_mtime_ns)
posix.utime(NAME, ns=(5 * 10**9 + 7, 6 * 10**9 + 9))
st = posix.stat(NAME)
print(st.st_atime_ns, st.st_mtime_ns)
posix.utime(NAME)
print(posix.stat(NAME).st_mtime > 1200000000)

# truncate
posix.truncate(NAME, 5)
print(posix.stat(NAME).st_size)
fd = posix.open(NAME, posix.O_RDWR)
posix.ftruncate(fd, 2)
print(posix.read(fd, 10))
posix.close(fd)

# rename, replace, links
posix.rename(NAME, NAME2)
print(posix.access(NAME, posix.F_OK), posix.access(NAME2, posix.F_OK))
posix.replace(NAME2, NAME)
posix.symlink(NAME, LINK)
print(posix.readlink(LINK), posix.readlink(LINK.encode()))
print(posix.lstat(LINK).st_mode & 0o170000 == 0o120000, posix.stat(LINK).st_mode & 0o170000 == 0o100000)
print(posix.stat(LINK, follow_symlinks=False).st_mode & 0o170000 == 0o120000)
posix.link(NAME, HARD)
print(posix.stat(NAME).st_nlink, posix.stat(HARD).st_ino == posix.stat(NAME).st_ino)

# errors
def err(f, *a, **k):
    try:
        f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e, getattr(e, "errno", None), getattr(e, "filename", None), getattr(e, "filename2", None))
        print(repr(e))
err(posix.open, "nonexistent_zz", posix.O_RDONLY)
err(posix.open, NAME, posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL)
err(posix.stat, "nonexistent_zz")
err(posix.stat, b"nonexistent_zz")
err(posix.lstat, "nonexistent_zz")
err(posix.unlink, "nonexistent_zz")
err(posix.rename, "nonexistent_zz", "nonexistent_yy")
err(posix.link, "nonexistent_zz", "nonexistent_yy")
err(posix.symlink, NAME, LINK)
err(posix.readlink, NAME)
err(posix.close, -1)
err(posix.fstat, -1)
err(posix.read, -1, 10)
err(posix.read, 0, -1)
err(posix.write, -1, b"x")
err(posix.write, 1, "str")
err(posix.lseek, -1, 0, 0)
err(posix.stat, 1.5)
err(posix.unlink, 1.5)
err(posix.stat, "a\0b")
err(posix.chmod, "nonexistent_zz", 0o644)
err(posix.utime, "nonexistent_zz", (1, 2))
err(posix.utime, NAME, (1,))
err(posix.utime, NAME, (1, 2), ns=(1, 2))
err(posix.utime, NAME, ns=(1,))
err(posix.truncate, "nonexistent_zz", 0)
err(posix.dup, -1)
err(posix.get_inheritable, -1)
err(posix.get_blocking, -1)
err(posix.open, NAME)

# fspath and PathLike arguments
class P:
    def __init__(self, p):
        self.p = p
    def __fspath__(self):
        return self.p
print(posix.fspath("a"), posix.fspath(b"b"), posix.fspath(P("c")), posix.fspath(P(b"d")))
print(posix.stat(P(NAME)).st_size)
err(posix.fspath, 1)
err(posix.fspath, P(1))
err(posix.stat, P(1))

for n in (LINK, HARD, NAME):
    posix.remove(n)
print(posix.access(NAME, posix.F_OK), posix.access(LINK, posix.F_OK))
print(posix.strerror(2), posix.strerror(13))
print(posix.device_encoding(fd))
print(posix.O_RDONLY, posix.O_WRONLY, posix.O_RDWR, posix.SEEK_DATA, posix.SEEK_HOLE)
print(posix.F_OK, posix.R_OK, posix.W_OK, posix.X_OK)
print(posix.error is OSError)

posix.chdir("..")
posix.rmdir(WORK)
print(WORK in posix.listdir("."))
