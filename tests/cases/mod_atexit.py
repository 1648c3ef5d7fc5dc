import atexit
import sys

def hello(name, punct="!"):
    print("goodbye", name + punct)

def second():
    print("second registered, runs before hello")

def failing():
    print("failing runs")
    raise ValueError("from an atexit callback")

class Greeter:
    def __call__(self):
        print("callable object")

base = atexit._ncallbacks()
print(atexit.register(hello, "world", punct="?") is hello)
atexit.register(failing)
atexit.register(second)
atexit.register(Greeter())
atexit.register(print, "print with", "args", sep="-")
print(atexit._ncallbacks() - base)

def never():
    print("never runs")
atexit.register(never)
atexit.register(never)
atexit.unregister(never)
atexit.unregister(lambda: None)

for bad in ((), (1,)):
    try:
        atexit.register(*bad)
    except TypeError as e:
        print(e)

# registered last, runs first
def early():
    print("early")
atexit.register(early)
print("end of program")
