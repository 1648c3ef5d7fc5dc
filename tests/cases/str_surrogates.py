# Lone surrogates in strs: literals, chr/ord, indexing, concatenation,
# comparison, dict keys, repr, and the surrogateescape/surrogatepass codecs.
s = chr(0xdc80)
print(len(s), repr(s), ascii(s), ord(s), s == '\udc80', s == '\ufffd')
t = "ab" + s + "cd"
print(repr(t), len(t), t[2] == s, repr(t[1:4]), repr(t[::-1]), t.index(s), s in t, '\ufffd' in t)
print({s: 1}.get('\udc80'), sorted(['\ue000', s, '\ud7ff']) == ['\ud7ff', s, '\ue000'])
print([hex(ord(c)) for c in t], list(map(len, t)))
print(t.replace(s, "X"), t.split(s), t.count(s), t.startswith("ab\udc80"))
print(f"{s}" == s, "-".join([s, s]) == s + "-" + s, s * 3 == s + s + s)
print(ascii('\ud83d\ude00'), len('\ud83d\ude00'), '\U0001F600' == '\ud83d\ude00')
print(ascii('x\uDFFFy' 'z\U0000d800'), ascii(r'\ud800'))
for enc in ['utf-8', 'utf-16', 'utf-16-le', 'utf-32-be', 'ascii', 'latin-1']:
    for err in ['strict', 'surrogateescape', 'surrogatepass', 'replace', 'backslashreplace', 'ignore', 'xmlcharrefreplace']:
        try:
            print(enc, err, ('a\udcff\ud800b').encode(enc, err))
        except UnicodeError as e:
            print(enc, err, type(e).__name__, e)
for data, enc in [(b'a\xff\xed\xa0\x80b', 'utf-8'), (b'a\x00\x00\xd8', 'utf-16-le'), (b'\x80x', 'ascii')]:
    for err in ['strict', 'surrogateescape', 'surrogatepass', 'replace', 'backslashreplace']:
        try:
            print(enc, err, ascii(data.decode(enc, err)))
        except UnicodeError as e:
            print(enc, err, type(e).__name__, e)
import codecs
print(codecs.lookup_error('surrogateescape')(UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 2, 'x')))
print(codecs.lookup_error('surrogatepass')(UnicodeEncodeError('utf-8', '\ud800', 0, 1, 'x')))
print(ascii(b'\\ud83d\\ude00 \\udc80'.decode('unicode_escape')))
print(ascii("x\udcffy".encode('utf-8', 'surrogateescape').decode('utf-8', 'surrogateescape')))
print(str(b'\xff', 'utf-8', 'surrogateescape') == '\udcff')
import os
print(os.fsencode('a\udcffb'), ascii(os.fsdecode(b'a\xffb')))
try:
    os.fsencode('\ud800')
except UnicodeEncodeError as e:
    print(e)
