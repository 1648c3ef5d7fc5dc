import _signal
import posix

print(_signal.SIGINT, _signal.SIGUSR1, _signal.SIGUSR2, _signal.SIGTERM, _signal.SIGALRM, _signal.NSIG)
print(_signal.SIG_DFL, _signal.SIG_IGN, _signal.ITIMER_REAL, _signal.SIGRTMIN, _signal.SIGRTMAX)
names = sorted(n for n in dir(_signal) if n.startswith("SIG") and not n.startswith("SIG_"))
print(names)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler)
print(_signal.getsignal(_signal.SIGUSR1), _signal.getsignal(_signal.SIGPIPE))
print(_signal.strsignal(_signal.SIGUSR1), _signal.strsignal(_signal.SIGINT), _signal.strsignal(_signal.SIGRTMIN))
print(sorted(_signal.valid_signals()) == sorted(set(range(1, 32)) | set(range(34, 65))))

received = []
def handler(signum, frame):
    received.append(signum)
    print("handler got", signum)

print(_signal.signal(_signal.SIGUSR1, handler))
print(_signal.getsignal(_signal.SIGUSR1) is handler)
_signal.raise_signal(_signal.SIGUSR1)
print("after raise_signal", received)
posix.kill(posix.getpid(), _signal.SIGUSR1)
print("after kill", received)

# several signals before the next safepoint: each handler runs
_signal.signal(_signal.SIGUSR2, handler)
for i in range(3):
    _signal.raise_signal(_signal.SIGUSR2)
print(received)

# SIG_IGN: nothing happens; SIG_DFL restored afterwards
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_IGN) is handler)
_signal.raise_signal(_signal.SIGUSR1)
print("ignored", received)
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_DFL))
print(_signal.getsignal(_signal.SIGUSR1))

# an exception raised by a handler propagates from where the program was
class Alarm(Exception):
    pass

def raiser(signum, frame):
    raise Alarm("signal %d" % signum)

_signal.signal(_signal.SIGUSR2, raiser)
try:
    _signal.raise_signal(_signal.SIGUSR2)
    print("not reached")
except Alarm as e:
    print("caught", e)

try:
    posix.kill(posix.getpid(), _signal.SIGUSR2)
except Alarm as e:
    print("caught from kill", e)

# a signal arriving during a loop is handled at the loop's back-edge
count = 0
def counter(signum, frame):
    global count
    count += 1
_signal.signal(_signal.SIGALRM, counter)
_signal.setitimer(_signal.ITIMER_REAL, 0.05)
n = 0
while count == 0:
    n += 1
print("loop saw the alarm", count)
print(_signal.getitimer(_signal.ITIMER_REAL))

# alarm() and pause()
_signal.alarm(1)
print(_signal.alarm(0) in (0, 1))
_signal.setitimer(_signal.ITIMER_REAL, 0.05)
_signal.pause()
print("pause returned", count)

# KeyboardInterrupt from the default SIGINT handler
try:
    _signal.raise_signal(_signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt")
try:
    _signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print("default_int_handler raised", repr(e))

# wakeup fd
r, w = posix.pipe()
posix.set_blocking(w, False)
print(_signal.set_wakeup_fd(w))
_signal.signal(_signal.SIGUSR1, handler)
_signal.raise_signal(_signal.SIGUSR1)
print(posix.read(r, 10))
print(_signal.set_wakeup_fd(-1) == w)
posix.close(r)
posix.close(w)

_signal.siginterrupt(_signal.SIGUSR1, True)

def err(f, *a):
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)
err(_signal.signal, _signal.SIGKILL, handler)
err(_signal.signal, 0, handler)
err(_signal.signal, 65, handler)
err(_signal.signal, _signal.SIGUSR1, 5)
err(_signal.signal, _signal.SIGUSR1, "x")
err(_signal.signal, _signal.SIGUSR1)
err(_signal.getsignal, 100)
err(_signal.strsignal, 0)
err(_signal.raise_signal, 100)
err(_signal.set_wakeup_fd, 0 if not posix.get_blocking(0) else 99999)
r, w = posix.pipe()
try:
    _signal.set_wakeup_fd(w)
except ValueError as e:
    print(str(e).replace(str(w), "W"))
posix.close(r)
posix.close(w)

# an uncaught exception from a handler ends the program with a traceback
_signal.signal(_signal.SIGTERM, raiser)
print("sending SIGTERM")
posix.kill(posix.getpid(), _signal.SIGTERM)
print("not reached")
