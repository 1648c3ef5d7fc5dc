# splitlines handles many line boundaries.
s = "one\ntwo\r\nthree\rfour\n\nsix"
print(s.splitlines())
print(s.splitlines(True))
print("trailing\n".splitlines(), "trailing\n".split("\n"))
print("".splitlines(), "\n".splitlines(), "\n\n".splitlines(keepends=True))
print("a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i".splitlines())
print(len("x\ny\n".splitlines()), "no newline".splitlines())
text = """first
second

fourth"""
for i, line in enumerate(text.splitlines(), 1):
    print(i, repr(line))
