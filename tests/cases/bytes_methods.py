# Common bytes methods.
b = b"  Hello, World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.upper(), b.lower(), b.swapcase())
print(b.split(), b.strip().split(b", "), b",".join([b"a", b"b"]))
print(b.replace(b"l", b"L"), b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"))
print(b.startswith(b"  H"), b.endswith(b"d"), b.strip().title(), b"abc".capitalize())
print(b"abc".center(9, b"*"), b"7".zfill(3), b"a-b-c".partition(b"-"))
print(b"123".isdigit(), b"abc".isalpha(), b" ".isspace(), b"AB".isupper())
print(b"line1\nline2\r\n".splitlines(), b"caf\xc3\xa9".decode())
print(b"hello".translate(None, b"l"), bytes.maketrans(b"ab", b"xy"))
print(b"a,b,,c".split(b","), b"a b  c".split(None, 1), b"x.y.z".rsplit(b".", 1))
