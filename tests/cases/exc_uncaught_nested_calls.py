# An error raised several calls deep propagates to the top level.
def parse_record(line):
    name, age = line.split(",")
    return name, int(age)
def parse_all(lines):
    return [parse_record(l) for l in lines]
def main():
    data = ["ann,31", "bob,25", "carol,unknown"]
    print(parse_all(data[:2]))
    print(parse_all(data))
main()
print("never printed")
