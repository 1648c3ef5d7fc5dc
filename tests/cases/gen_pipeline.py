# Chained generator pipelines process items one at a time.
log = []
def source(items):
    for item in items:
        log.append(f"read {item}")
        yield item
def parse(lines):
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line.split("=")
def to_pairs(fields):
    for key, value in fields:
        yield key.strip(), int(value)
lines = ["a = 1", "# comment", "", "b = 2", "c = 30"]
pipeline = to_pairs(parse(source(lines)))
print(log)
first = next(pipeline)
print(first, log)
rest = list(pipeline)
print(rest)
print(log)
def numbered(it, start=1):
    n = start
    for x in it:
        yield n, x
        n += 1
def upper(it):
    for s in it:
        yield s.upper()
print(list(numbered(upper(iter(["x", "y"])))))
