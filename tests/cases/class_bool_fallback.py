# Default truthiness of instances and the __len__ fallback.
class Plain:
    pass
class Empty:
    def __len__(self):
        return 0
class Both:
    def __bool__(self):
        print("  __bool__ used")
        return True
    def __len__(self):
        print("  __len__ used")
        return 0
print(bool(Plain()), bool(Empty()))
print(bool(Both()))
if Empty():
    print("never")
else:
    print("Empty is falsy")
print([bool(x) for x in [Plain(), Empty()]], not Empty(), Empty() or "fallback")
while Empty():
    print("never")
print(all([Plain(), Plain()]), any([Empty(), Empty()]))
