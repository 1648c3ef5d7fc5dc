# The SyntaxErrors CPython gives for misused except*.
sources = [
    "try:\n    pass\nexcept*:\n    pass\n",
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
    "try:\n    pass\nexcept* ValueError:\n    break\n",
    # Allowed: a loop inside the clause, a function defined in it.
    "try:\n    pass\nexcept* ValueError:\n    for i in range(2):\n        break\n",
    "try:\n    pass\nexcept* ValueError:\n    def g():\n        return 1\n",
    "for i in range(3):\n    try:\n        break\n    except* ValueError:\n        pass\n",
]
for src in sources:
    try:
        compile(src, "<case>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, "line", e.lineno)
