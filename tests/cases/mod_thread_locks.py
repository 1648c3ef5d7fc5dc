import _thread
import time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def strip(r):
    return r[:r.index(' at 0x')] + '>'

l = _thread.allocate_lock()
print(type(l), type(l) is _thread.LockType, strip(repr(l)))
print(l.locked(), l.acquire(), l.locked(), strip(repr(l)))
print(l.acquire(False), l.acquire(blocking=False), l.acquire(0))
t0 = time.monotonic()
print(l.acquire(True, 0.05), l.acquire(timeout=0.02), time.monotonic() - t0 >= 0.06)

l.release()
show(lambda: l.release())
show(lambda: l.acquire(False, 1))
show(lambda: l.acquire(True, -2))
show(lambda: l.acquire(True, 1e300))
show(lambda: l.acquire(True, 1e10))
show(lambda: l.acquire(True, float('nan')))
show(lambda: l.acquire(True, 'x'))
show(lambda: l.acquire(1, 2, 3))
show(lambda: l.acquire(foo=1))
show(lambda: l.acquire(True, -1))
l.release()
print(l.acquire_lock(), l.locked_lock(), l.release_lock(), l.locked())
with l:
    print('inside', l.locked())
print('after', l.locked())
l.acquire()
l._at_fork_reinit()
print(l.locked())
show(lambda: _thread.LockType())
show(lambda: _thread.allocate_lock(1))
print(_thread.allocate is not None, strip(repr(_thread._set_sentinel())))
try:
    with l:
        raise KeyError('k')
except KeyError as e:
    print('caught', e, l.locked())

r = _thread.RLock()
print(strip(repr(r)), r._is_owned(), r._recursion_count())
print(r.acquire(), r.acquire(False), r.acquire(True, 1), r._recursion_count(), r._is_owned())
print(strip(repr(r)).replace(str(_thread.get_ident()), 'ME'))
r.release(); r.release()
state = r._release_save()
print(state[0], state[1] == _thread.get_ident(), r._is_owned(), r._recursion_count())
show(lambda: r._release_save())
show(lambda: r.release())
r._acquire_restore(state)
print(r._recursion_count(), r._is_owned())
r._release_save()
r._acquire_restore((2, 12345))
print(r._is_owned(), r._recursion_count(), r.acquire(False), r.acquire(True, 0.01))
show(lambda: r.release())

r._at_fork_reinit()
print(r._is_owned(), strip(repr(r)))
with r:
    with r:
        print('nested', r._recursion_count())
print(r._recursion_count())
show(lambda: _thread.RLock(1, 2, a=3) is not None)
class MyRLock(_thread.RLock):
    pass
print(strip(repr(MyRLock())))
show(lambda: r.acquire(False, 1))

l.acquire()
l.release()

print(isinstance(_thread.get_ident(), int), _thread.get_ident() == _thread.get_ident())
print(isinstance(_thread.get_native_id(), int), _thread._count(), _thread.stack_size())
show(lambda: _thread.stack_size(100))
show(lambda: _thread.stack_size(-1))
show(lambda: _thread.stack_size(1, 2))
print(_thread.stack_size(65536), _thread.stack_size(0), _thread.stack_size())
print(_thread.TIMEOUT_MAX, _thread.error is RuntimeError)
show(lambda: _thread.start_new_thread(1, ()))
show(lambda: _thread.start_new_thread(print, []))
show(lambda: _thread.start_new_thread(print, (), 1))
show(lambda: _thread.start_new_thread(print))
show(lambda: _thread.interrupt_main(0))
show(lambda: _thread.interrupt_main(100))
show(lambda: _thread.exit())
