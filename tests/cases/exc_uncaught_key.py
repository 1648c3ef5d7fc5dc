# Uncaught KeyError: the last stderr line shows the repr of the key.
ages = {"ann": 31, "bob": 25}
for name in ["ann", "bob"]:
    print(name, ages[name])
print("get with default:", ages.get("carol", "unknown"))
try:
    ages["dave"]
except KeyError as e:
    print("caught", repr(e))
print(ages["carol"])
print("never printed")
