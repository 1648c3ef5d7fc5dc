import _stat

consts = sorted(n for n in dir(_stat) if n.isupper() and isinstance(getattr(_stat, n), int))
print(consts)
print([getattr(_stat, n) for n in consts])
funcs = sorted(n for n in dir(_stat) if callable(getattr(_stat, n)) and not n.startswith("_"))
print(funcs)

modes = [0o100644, 0o040755, 0o120777, 0o020620, 0o060660, 0o010600, 0o140755,
         0o104755, 0o102755, 0o041777, 0o041776, 0o106644, 0o101644, 0o000000, 0o170777]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_IMODE(m), _stat.S_IFMT(m),
          _stat.S_ISDIR(m), _stat.S_ISREG(m), _stat.S_ISLNK(m), _stat.S_ISCHR(m),
          _stat.S_ISBLK(m), _stat.S_ISFIFO(m), _stat.S_ISSOCK(m),
          _stat.S_ISDOOR(m), _stat.S_ISPORT(m), _stat.S_ISWHT(m))
print(_stat.S_ISDIR(True), _stat.filemode(False))
print(_stat.S_IMODE(2**32 - 1))
for bad in ("x", -1, 2**40, 1.5, None):
    for f in (_stat.S_ISDIR, _stat.S_IMODE, _stat.filemode):
        try:
            f(bad)
        except Exception as e:
            print(type(e).__name__, e)
