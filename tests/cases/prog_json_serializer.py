# A hand-written JSON-like serializer with indentation and escaping.
def escape(s):
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) > 0x7e:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
def dumps(obj, indent=0, level=0):
    pad = " " * (indent * (level + 1))
    end_pad = " " * (indent * level)
    nl = "\n" if indent else ""
    sep = "," + nl if indent else ", "
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if isinstance(obj, (int, float)):
        return repr(obj)
    if isinstance(obj, str):
        return escape(obj)
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        items = [pad + dumps(v, indent, level + 1) for v in obj]
        return "[" + nl + sep.join(items) + nl + end_pad + "]"
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [pad + escape(str(k)) + ": " + dumps(v, indent, level + 1) for k, v in obj.items()]
        return "{" + nl + sep.join(items) + nl + end_pad + "}"
    raise TypeError(f"Object of type {type(obj).__name__} is not serializable")
data = {"name": "Molt", "version": [0, 1], "stable": False, "ratio": 0.25, "notes": None,
        "text": 'quote " backslash \\ tab\t caf\u00e9', "nested": {"empty": [], "obj": {}}}
print(dumps(data))
print(dumps(data, indent=2))
try:
    dumps({"bad": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
