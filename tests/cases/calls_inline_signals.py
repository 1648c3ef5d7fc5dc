# Signal handlers run at calls made inside one dispatch loop, and their
# exceptions unwind through those calls with a full traceback.
import os
import signal


class Stop(Exception):
    pass


def handler(signum, frame):
    raise Stop(frame.f_code.co_name)


signal.signal(signal.SIGUSR1, handler)


def rec(n):
    if n == 0:
        os.kill(os.getpid(), signal.SIGUSR1)
        return 0
    return rec(n - 1) + 1


try:
    rec(20)
except Stop as e:
    names = []
    tb = e.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("stopped in", e, len(names), names[:2], names[-2:])


def spin(n):
    return n + 1


def forever():
    i = 0
    while True:
        i = spin(i)


signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    forever()
except Stop as e:
    print("timer stopped a call loop in", "spin" if str(e) == "spin" else "forever")

signal.signal(signal.SIGINT, signal.default_int_handler)


def interrupted(n):
    if n == 0:
        os.kill(os.getpid(), signal.SIGINT)
    else:
        interrupted(n - 1)


try:
    interrupted(5)
except KeyboardInterrupt:
    print("KeyboardInterrupt through calls")
