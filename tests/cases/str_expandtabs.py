# expandtabs with default and custom tab sizes.
s = "a\tbc\tdef\tg"
print(repr(s.expandtabs()))
print(repr(s.expandtabs(4)))
print(repr(s.expandtabs(1)))
print(repr(s.expandtabs(0)))
print(repr("\t".expandtabs(3)), repr("12345678\tx".expandtabs()))
print(repr("ab\ncd\tef\r\tg".expandtabs(4)))
for row in [("name", "qty"), ("apple", "3"), ("kiwi", "12")]:
    print("\t".join(row).expandtabs(8) + "|")
