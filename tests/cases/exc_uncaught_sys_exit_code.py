# sys.exit(3): exit status 3, nothing on stderr; finally blocks still run.
import sys
print("before exit")
try:
    sys.exit(3)
except SystemExit as e:
    print("caught first SystemExit with code", e.code)
try:
    sys.exit(3)
finally:
    print("finally runs during sys.exit")
print("never printed")
