# A tiny tokenizer for an arithmetic/assignment language.
KEYWORDS = {"let", "print", "if", "else"}
def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("FLOAT" if "." in text else "INT", text))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            tokens.append(("KEYWORD" if word in KEYWORDS else "NAME", word))
            i = j
        elif c == '"':
            j = src.index('"', i + 1)
            tokens.append(("STRING", src[i + 1:j]))
            i = j + 1
        elif src[i:i + 2] in ("==", "!=", "<=", ">="):
            tokens.append(("OP", src[i:i + 2]))
            i += 2
        elif c in "+-*/=<>(){};":
            tokens.append(("OP", c))
            i += 1
        else:
            raise SyntaxError(f"unexpected character {c!r} at {i}")
    return tokens
src = 'let x_1 = 3.5 * (y + 42); if x_1 >= 10 { print "big" } else { print x_1 != 2 }'
for kind, text in tokenize(src):
    print(f"{kind:8} {text!r}")
try:
    tokenize("let a = 1 @ 2")
except SyntaxError as e:
    print("SyntaxError:", e)
