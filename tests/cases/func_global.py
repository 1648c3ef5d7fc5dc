# global statement.
counter = 0
def increment():
    global counter
    counter += 1
    return counter
print(increment(), increment(), counter)
def create():
    global created_later
    created_later = "made inside a function"
create()
print(created_later)
x = "global x"
def read_only():
    return x
def shadow():
    x = "local x"
    return x
print(read_only(), shadow(), x)
def nested():
    def inner():
        global x
        x = "set by inner"
    inner()
nested()
print(x)
def uses_global_list():
    items.append(len(items))
items = []
uses_global_list()
uses_global_list()
print(items)
print("counter" in globals(), globals()["counter"])
