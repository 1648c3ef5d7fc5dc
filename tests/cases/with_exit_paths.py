# __exit__ runs on return, break, continue and exceptions.
log = []
class Track:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        log.append("enter " + self.tag)
    def __exit__(self, et, ev, tb):
        log.append("exit " + self.tag + (" with " + et.__name__ if et else ""))
def returns():
    with Track("return"):
        return "value"
print(returns())
for i in range(3):
    with Track(f"loop{i}"):
        if i == 0:
            continue
        if i == 1:
            break
def raises():
    with Track("raise"):
        raise OSError("io")
try:
    raises()
except OSError:
    log.append("caught OSError")
def nested():
    with Track("outer"):
        with Track("inner"):
            return "nested"
print(nested())
for line in log:
    print(line)
