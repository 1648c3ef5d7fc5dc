# sys.exit("message"): exit status 1, the message is printed to stderr.
import sys
def main():
    print("doing work")
    for step in ["load", "check"]:
        print("step", step)
    sys.exit("fatal: configuration missing")
print("argv length:", len(sys.argv))
main()
print("never printed")
