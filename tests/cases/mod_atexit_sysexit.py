import atexit
import sys

def first():
    print("first registered, runs last")

def last():
    print("last registered, runs first")

atexit.register(first)
atexit.register(last)
atexit.register(sys.stdout.write, "written at exit\n")
print("exiting with 3")
sys.exit(3)
print("not reached")
