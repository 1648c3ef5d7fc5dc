# Escape sequences in string literals.
print("tab:\t|newline:\\n|backslash:\\|quote:\"|apos:\'")
print(len("\n"), len("\\n"), len("\x41"), len("\u00e9"), len("\U0001F600"))
print("\x41\x42\x43", "\101\102\103", "\u0041", "\N{LATIN SMALL LETTER E WITH ACUTE}")
print(repr("\a\b\f\v\0"), repr("\x7f"), repr("\x00\x01\x1f"))
print("col1\tcol2")
print("line1\nline2")
print("carriage\rX")
print(ord("\n"), ord("\t"), ord("\\"), ord("\0"), ord("\177"))
print("It's", 'say "hi"', "mixed \"double\" and 'single'")
print("a\
b")
print("\N{GREEK SMALL LETTER ALPHA}\N{GREEK SMALL LETTER BETA}")
