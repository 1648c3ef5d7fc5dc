# re.split, findall, finditer and re.Scanner.
import re

print(re.split(r"\W+", "Words, words, words."), re.split(r"(\W+)", "Words, words."))
print(re.split(r"\W+", "Words, words, words.", 1), re.split("x*", "axbc"))
print(re.split(r"\b", "a b"), re.split("(?:a)|(b)", "1a2b3"))
print(re.findall(r"(\w)(\d)?", "a1 b c2"), re.findall(r"\d+", "1 22 333"))
print([m.span() for m in re.finditer(r"\w+", "ab cd  e")])
print([m.group(1) for m in re.finditer(r"(\w)\1", "aabbcdd")])
scanner = re.Scanner([
    (r"[a-z]+", lambda s, tok: ("ID", tok)),
    (r"\d+", lambda s, tok: ("NUM", int(tok))),
    (r"\s+", None),
])
print(scanner.scan("abc 12 de 3 !"))
for bad in [lambda: re.findall("a", b"a"), lambda: re.search(b"a", "a"),
            lambda: re.match("(a)", "a").group(2)]:
    try:
        bad()
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
