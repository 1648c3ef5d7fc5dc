# Strings are immutable; methods return new strings.
s = "hello"
t = s
s += " world"
print(s, t, s is t)
u = t.upper()
print(t, u)
try:
    t[0] = "H"
except TypeError as e:
    print("TypeError:", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
try:
    t.newattr = 1
except AttributeError as e:
    print("AttributeError:", e)
fixed = "H" + t[1:]
print(fixed, t)
chars = list(t)
chars[0] = "J"
print("".join(chars), t)
