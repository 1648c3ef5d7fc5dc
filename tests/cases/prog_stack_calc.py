# A stack-based RPN calculator plus infix-to-RPN conversion (shunting yard).
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}
def to_rpn(expr):
    out, ops = [], []
    for tok in expr.replace("(", " ( ").replace(")", " ) ").split():
        if tok in PREC:
            while ops and ops[-1] != "(" and (PREC[ops[-1]] > PREC[tok] or
                                              (PREC[ops[-1]] == PREC[tok] and tok != "^")):
                out.append(ops.pop())
            ops.append(tok)
        elif tok == "(":
            ops.append(tok)
        elif tok == ")":
            while ops[-1] != "(":
                out.append(ops.pop())
            ops.pop()
        else:
            out.append(tok)
    while ops:
        out.append(ops.pop())
    return out
def eval_rpn(tokens):
    stack = []
    for tok in tokens:
        if tok in PREC:
            if len(stack) < 2:
                raise ValueError(f"stack underflow at {tok!r}")
            b, a = stack.pop(), stack.pop()
            if tok == "+": stack.append(a + b)
            elif tok == "-": stack.append(a - b)
            elif tok == "*": stack.append(a * b)
            elif tok == "/": stack.append(a / b)
            else: stack.append(a ** b)
        else:
            stack.append(float(tok) if "." in tok else int(tok))
    if len(stack) != 1:
        raise ValueError(f"malformed expression, stack={stack}")
    return stack[0]
for expr in ["3 + 4 * 2", "(3 + 4) * 2", "2 ^ 3 ^ 2", "10 / 4 - 1", "1.5 * (2 + 2)", "7 - 2 - 1"]:
    rpn = to_rpn(expr)
    print(f"{expr:<14} -> {' '.join(rpn):<16} = {eval_rpn(rpn)}")
for bad in [["1", "+"], ["1", "2"], ["4", "0", "/"]]:
    try:
        eval_rpn(bad)
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)
