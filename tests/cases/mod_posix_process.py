import posix
import sys

pid = posix.getpid()
print(type(pid).__name__, pid > 0, posix.getppid() > 0, posix.getppid() != pid)
print(posix.getuid() >= 0, posix.geteuid() >= 0, posix.getgid() >= 0, posix.getegid() >= 0)
print(posix.getpgrp() > 0)

# environment
env = posix.environ
print(type(env).__name__, all(type(k) is bytes and type(v) is bytes for k, v in env.items()))
print(b"PATH" in env)
posix.putenv("MOD_POSIX_PROCESS_VAR", "value1")
print(b"MOD_POSIX_PROCESS_VAR" in posix.environ)
print(posix.system("test \"$MOD_POSIX_PROCESS_VAR\" = value1") == 0)
posix.unsetenv("MOD_POSIX_PROCESS_VAR")
print(posix.system("test -z \"$MOD_POSIX_PROCESS_VAR\"") == 0)
posix.putenv(b"MOD_POSIX_PROCESS_VAR", b"v2")
print(posix.system("test \"$MOD_POSIX_PROCESS_VAR\" = v2"))
for args in (("A=B", "x"), ("A\0", "x"), (1, "x")):
    try:
        posix.putenv(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# system and wait statuses
st = posix.system("exit 3")
print(st, posix.WIFEXITED(st), posix.WEXITSTATUS(st), posix.WIFSIGNALED(st))
print(posix.waitstatus_to_exitcode(st))
st = posix.system("kill -9 $$")
print(posix.WIFSIGNALED(st), posix.WTERMSIG(st), posix.waitstatus_to_exitcode(st))
print(posix.WIFSTOPPED(0x137f), posix.WSTOPSIG(0x137f), posix.WIFCONTINUED(0xffff), posix.WCOREDUMP(0x86))
try:
    posix.waitstatus_to_exitcode(0x137f)
except ValueError as e:
    print(e)
print(posix.WEXITSTATUS(status=0x200))

# fork, _exit and waitpid
print("before fork")
sys.stdout.flush()
child = posix.fork()
if child == 0:
    print("in child")
    sys.stdout.flush()
    posix._exit(7)
got, status = posix.waitpid(child, 0)
print(got == child, posix.WIFEXITED(status), posix.WEXITSTATUS(status))

# fork + execv
sys.stdout.flush()
child = posix.fork()
if child == 0:
    posix.execv("/bin/sh", ["sh", "-c", "exit 5"])
got, status = posix.waitpid(child, 0)
print(posix.waitstatus_to_exitcode(status))

sys.stdout.flush()
sys.stdout.flush()
child = posix.fork()
if child == 0:
    posix.execve("/bin/sh", ["sh", "-c", "test \"$X\" = y && exit 6"], {"X": "y"})
_, status = posix.waitpid(child, 0)
print(posix.waitstatus_to_exitcode(status))

# a child that leaves through sys.exit ends like a program does
r, w = posix.pipe()
sys.stdout.flush()
child = posix.fork()
if child == 0:
    posix.close(r)
    posix.write(w, b"x")
    sys.exit(4)
posix.close(w)
print(posix.read(r, 1))
posix.close(r)
_, status = posix.waitpid(child, 0)
print(posix.waitstatus_to_exitcode(status))
print(posix.waitpid(child, posix.WNOHANG) if False else "reaped")

for bad in (("/bin/sh", []), ("/bin/sh", [""]), ("/bin/sh", "sh")):
    try:
        posix.execv(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    posix.execv("/nonexistent_zz", ["x"])
except OSError as e:
    print(type(e).__name__, e)
try:
    posix.waitpid(-1, 0)
except ChildProcessError as e:
    print(type(e).__name__, e)

# kill with signal 0 checks the process exists
posix.kill(pid, 0)
try:
    posix.kill(2**22 + 12345, 0)
except ProcessLookupError as e:
    print(type(e).__name__, e)

# misc
old = posix.umask(0o22)
print(posix.umask(old) == 0o22)
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, repr(u).startswith("posix.uname_result(sysname='Linux', nodename="))
t = posix.times()
print(type(t).__name__, len(t), all(isinstance(x, float) for x in t), t.user == t[0], t.elapsed == t[4])
print(repr(t).startswith("posix.times_result(user="))
b = posix.urandom(16)
print(type(b).__name__, len(b), len(posix.urandom(0)))
try:
    posix.urandom(-1)
except ValueError as e:
    print(e)
print(posix.cpu_count() >= 1)
print(posix.strerror(1), "|", posix.strerror(99999))
ts = posix.terminal_size((80, 24))
print(ts, ts.columns, ts.lines, ts[0])
try:
    posix.terminal_size((1,))
except TypeError as e:
    print(e)
try:
    posix.get_terminal_size(99)
except OSError as e:
    print(e)
print("HAVE_FSTATAT" in posix._have_functions, "HAVE_OPENAT" in posix._have_functions)
print(posix.WNOHANG, posix.WUNTRACED)
