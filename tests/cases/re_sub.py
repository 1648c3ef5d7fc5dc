# re.sub / subn with string templates (re._subx) and callables.
import re

print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world, good day"))
print(re.sub(r"(?P<a>\d)", r"<\g<a>\g<0>>", "a1b22"))
print(re.sub("x*", "-", "abxd"), re.subn("a", "b", "aaa", count=2))
print(re.sub("a", lambda m: m.group().upper() * 2, "banana"))
print(re.sub(b"(a)", rb"[\1]", b"banana"), re.sub("a", r"\n", "ab"))
print(re.sub("(a)|b", r"[\1]", "ab"))
for tmpl in [r"\3", r"\g<x>", "\\", r"\g<1"]:
    try:
        print(re.sub("(a)", tmpl, "a"))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub("a", 1, "a")
except TypeError as e:
    print("TypeError", e)
print(re.compile(r"\d").sub(lambda m: str(int(m.group()) + 1), "a1b9"))
