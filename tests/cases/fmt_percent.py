# printf-style % formatting.
print("%s is %d years" % ("Al", 30))
print("%5s|%-5s|%05d|%+d|% d" % ("ab", "cd", 42, 7, 7))
print("%.2f %8.3f %-8.1f| %e %E %g %G" % (3.14159, 2.5, 1.25, 12345.678, 0.00012, 1e-10, 1e20))
print("%x %X %#x %o %#o" % (255, 255, 255, 8, 8))
print("%r %s %a" % ("q", "q", "\u00e9"))
print("%c%c%c" % (72, "i", 33))
print("100%% sure, %s" % "yes")
print("%(name)s has %(n)03d items" % {"name": "cart", "n": 5})
print("%s" % (1, 2) if False else "%s" % ((1, 2),))
print("%s" % [1, 2], "%s" % None, "%d" % True, "%d" % 3.99, "%i" % -2)
print("%*d|%-*d|%.*f" % (5, 42, 5, 42, 2, 3.14159))
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "%s %s" % ("only one",)
except TypeError as e:
    print("TypeError:", e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
