# format() builtin and __format__ on numbers and strings.
print(format(42), format(42, "d"), format(42, "5d"), format(42, "<5"), format(-42, "+"))
print(format(3.5), format(3.5, ".3f"), format(3.5, "10.2e"), format(0.000035, "g"))
print(format(255, "b"), format(255, "o"), format(255, "x"), format(255, "#X"))
print(format(10 ** 12, ","), format(10 ** 12, "_"), format(0xABCDEF, "_x"))
print(format("text", "10"), format("text", ">10"), format("text", ".2"))
print(format(1.0, ""), format(1e16, ""), format(1.5, "%"), format(-1.5, " .1f"))
print(format(7, "c") == chr(7), format(97, "c"))
print(format(True), format(True, "d"), format(None))
print(format(1 + 2j), format(1 + 2j, ".2f"))
print((42).__format__("04d"), "s".__format__("^5"))
for bad in [(1.5, "d"), ("s", "d"), (5, "s")]:
    try:
        format(*bad)
    except ValueError as e:
        print("ValueError:", e)
