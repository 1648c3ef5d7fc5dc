import errno

names = sorted(n for n in dir(errno) if n.startswith("E"))
print(len(names))
print(names)
print([getattr(errno, n) for n in names])
print(len(errno.errorcode))
print(list(errno.errorcode.items())[:10])
print(sorted(errno.errorcode.items()))
print(errno.EAGAIN == errno.EWOULDBLOCK, errno.errorcode[errno.EAGAIN])
print(errno.EDEADLK == errno.EDEADLOCK, errno.errorcode[errno.EDEADLK])
print(errno.ENOTSUP == errno.EOPNOTSUPP, errno.errorcode[errno.ENOTSUP])
print(errno.ENOENT, errno.EEXIST, errno.EINTR, errno.EPIPE, errno.ECHILD)
for code in (errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EISDIR,
             errno.ENOTDIR, errno.EAGAIN, errno.ECHILD, errno.EPIPE, errno.ESRCH,
             errno.EINTR, errno.ETIMEDOUT, errno.ECONNREFUSED, errno.EINVAL):
    e = OSError(code, "msg")
    print(code, errno.errorcode[code], type(e).__name__)
print(errno.__name__)
