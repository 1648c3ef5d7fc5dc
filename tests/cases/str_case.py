# Case conversions.
s = "hello World, it's A fine DAY 2day"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print(s.casefold())
print("\u00df".upper(), "\u00df".casefold(), "\u00dfx".capitalize(), "STRASSE".lower())
print("\u00c9COLE".lower(), "\u00e9cole".upper(), "\u00e9cole".title())
print("they're bill's friends".title())
print("a1b2c3".upper(), "ABC-def_GHI".swapcase(), "".upper())
print("hELLO".capitalize(), "123abc".capitalize(), " abc".capitalize())
print("\u01c5".lower(), "\u01c4".title())
