# Output to sys.stderr is separate from stdout; the last stderr line is recorded.
import sys
print("to stdout 1")
print("to stderr 1", file=sys.stderr)
sys.stdout.write("written with sys.stdout.write\n")
print("to stdout 2")
n = sys.stdout.write("abc")
print()
print("write returned", n)
print("last line on stderr", file=sys.stderr)
