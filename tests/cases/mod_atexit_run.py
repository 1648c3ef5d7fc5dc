import atexit

def a():
    print("a")

def b():
    print("b")
    raise KeyError("b failed")

atexit.register(a)
atexit.register(b)
print("running now")
atexit._run_exitfuncs()
print("ran; count after run:", atexit._ncallbacks())
atexit.register(a)
atexit._clear()
print("cleared:", atexit._ncallbacks())

def at_exit(what):
    print("at exit after", what)

atexit.register(at_exit, "uncaught exception")
print("raising")
raise RuntimeError("uncaught")
