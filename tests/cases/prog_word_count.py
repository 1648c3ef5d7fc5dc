# Word frequency count over a fixed text.
TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""
def words(text):
    word = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)
counts = {}
for w in words(TEXT):
    counts[w] = counts.get(w, 0) + 1
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:8]:
    print(f"{word:<12}{n:>3} {'#' * n}")
print("distinct:", len(counts), "total:", sum(counts.values()))
print("longest:", max(counts, key=lambda w: (len(w), w)))
lines = TEXT.splitlines()
print("lines:", len(lines), "chars:", len(TEXT), "avg line:", round(sum(map(len, lines)) / len(lines), 2))
