# raise SystemExit with an int code; SystemExit is not caught by 'except Exception'.
print("start")
try:
    raise SystemExit(4)
except Exception:
    print("never: SystemExit is not an Exception")
finally:
    print("finally still runs")
print("never printed")
# Expected: exit status 4, empty stderr.
