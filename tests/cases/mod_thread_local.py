import _thread
import sys

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

loc = _thread._local()
loc.x = 1
print(loc.x, loc.__dict__, type(loc))
show(lambda: loc.y)
del loc.x
show(lambda: loc.x)
show(lambda: _thread._local(1))
show(lambda: _thread._local(a=1))

class Local(_thread._local):
    def __init__(self, a, b=2):
        self.a = a
        self.b = b
    def total(self):
        return self.a + self.b

l2 = Local(1, b=5)
print(l2.a, l2.b, l2.total(), sorted(l2.__dict__), isinstance(l2, _thread._local))
print(type(l2).__mro__)

class Plain(_thread._local):
    x = 10
p = Plain()
print(p.x)
p.x = 11
print(p.x, Plain.x)
show(lambda: Plain(1))

A = _thread._ExceptHookArgs
a = A([ValueError, ValueError('boom'), None, None])
print(a.exc_type, a.exc_value, a.exc_traceback, a.thread, len(a), A.n_fields)
show(lambda: _thread._excepthook(5))

class T:
    name = 'worker-1'
_thread._excepthook(A([SystemExit, SystemExit(3), None, T()]))
sys.stderr = sys.stdout
_thread._excepthook(A([KeyError, KeyError('k'), None, T()]))
sys.stderr = sys.__stderr__
print('done')

def handler(signum, frame):
    print('handler', signum)
import _signal as signal
old = signal.signal(signal.SIGINT, handler)
_thread.interrupt_main()
for i in range(3):
    pass
print('after interrupt')
signal.signal(signal.SIGINT, old)
