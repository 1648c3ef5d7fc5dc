# The re module on top of _sre: compile, match objects, flags.
import re

p = re.compile(r"(?P<word>\w+)\s+(?P<num>\d+)", re.I)
print(p, p.pattern, p.flags == re.I | re.U, p.groups, p.groupindex)
m = p.search("xx Hello 42 yy")
print(m, m.group("word"), m["num"], m.groupdict(), m.span(2), m.lastgroup)
print(m.expand(r"\g<num>-\1 \\ \n!"))
print(re.match("a+", "aaab"), re.fullmatch("a+", "aaab"), re.search("b", "aaab"))
print(re.match(r"(?i)straSSe", "STRASSE"), re.match("(?x) a b # comment", "ab"))
print(re.findall(r"^\w", "ab\ncd", re.M), re.findall(r".", "a\nb", re.S))
print(re.compile("a", re.A | re.M), re.compile(b"x", re.L), repr(re.compile("")))
print(type(p) is re.Pattern, type(m) is re.Match, re.Pattern[str], re.Match[bytes])
print(re.compile("a") is re.compile("a"), re.compile("a") == re.compile("a"))
print(re.escape("a.b*c"), re.escape(b"1+1"))
for pat in ["(", "a{2,1}", "(?<=a+)b", "[z-a]", "\\", "(?P<1>x)", "a**"]:
    try:
        re.compile(pat)
    except re.error as e:
        print("error:", e, e.pos)
print(re.purge())
