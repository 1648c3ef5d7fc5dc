# sys.stdin reads fd 0 (empty under the test harness) with TextIOWrapper's
# interface, sharing its buffer with input().
import sys
print(sys.stdin.name, sys.stdin.mode, sys.stdin.encoding, sys.stdin.fileno())
print(sys.stdin.readable(), sys.stdin.writable(), sys.stdin.seekable())
print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readlines())
print(list(sys.stdin), sys.stdin is sys.__stdin__)
try:
    input()
except EOFError as e:
    print("EOFError", e)
