//! Re-reading str literals from the source for the one thing the parser
//! cannot represent: lone surrogate escapes (`'\udc80'`), which it decodes
//! as U+FFFD because Rust strings cannot hold surrogates.  Molt strs can
//! (see `molt_vm::text`), so the compiler re-decodes such a literal here.

use molt_vm::text;

/// Whether `source` may contain a surrogate escape (`\uD800`..`\uDFFF`,
/// `\U0000D800`..): only then does the compiler keep the source around.
pub fn may_hold_surrogate_escapes(source: &str) -> bool {
    let b = source.as_bytes();
    memchr::memmem::find_iter(b, b"\\u")
        .any(|i| b.get(i + 2).is_some_and(|c| matches!(c, b'd' | b'D')))
        || memchr::memmem::find_iter(b, b"\\U0000")
            .any(|i| b.get(i + 6).is_some_and(|c| matches!(c, b'd' | b'D')))
}

/// The text (generalized UTF-8) of `src`: one or more adjacent plain str
/// literals, as the source spells them.  `None` for what this reader does
/// not handle (bytes, f-strings, `\N{...}` escapes), where the parser's
/// value stands.
pub fn decode_literals(src: &str) -> Option<Vec<u8>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Whitespace, line continuations and comments between literals.
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\\' => i += 1,
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        if i >= b.len() {
            return Some(out);
        }
        let mut raw = false;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            match b[i] {
                b'r' | b'R' => raw = true,
                b'u' | b'U' => {}
                _ => return None,
            }
            i += 1;
        }
        let q = *b.get(i)?;
        if q != b'\'' && q != b'"' {
            return None;
        }
        let triple = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
        let qlen = if triple { 3 } else { 1 };
        i += qlen;
        let start = i;
        // The closing quote: a backslash always protects the next byte.
        loop {
            let c = *b.get(i)?;
            if c == b'\\' {
                i += 2;
            } else if c == q && (!triple || (b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q)))
            {
                break;
            } else {
                i += 1;
            }
        }
        let body = &src[start..i];
        i += qlen;
        if raw {
            out.extend_from_slice(body.as_bytes());
        } else {
            decode_escapes(body, &mut out)?;
        }
    }
}

/// Python's escape sequences of a non-raw str literal's body.
fn decode_escapes(body: &str, out: &mut Vec<u8>) -> Option<()> {
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text::push_code_point(out, c as u32);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push(b'\\');
            break;
        };
        let simple = match e {
            '\n' => Some(None),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                Some(None)
            }
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(s) = simple {
            if let Some(s) = s {
                out.push(s as u8);
            }
            continue;
        }
        let cp = match e {
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                v
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    v = v.checked_mul(16)? + chars.next()?.to_digit(16)?;
                }
                v
            }
            // `\N{...}` needs the Unicode name table: leave it to the parser.
            'N' => return None,
            other => {
                out.push(b'\\');
                text::push_code_point(out, other as u32);
                continue;
            }
        };
        if cp > 0x10ffff {
            return None;
        }
        text::push_code_point(out, cp);
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lone_surrogates_and_other_escapes() {
        let t = decode_literals(r#"'a\udc80' "\x41\n\101" r'\ud800' u'''\U0001F600'''"#).unwrap();
        let cps: Vec<u32> = text::code_points(&t).collect();
        let mut want = vec![0x61, 0xdc80, 0x41, 0x0a, 0x41];
        want.extend("\\ud800".chars().map(|c| c as u32));
        want.push(0x1f600);
        assert_eq!(cps, want);
        assert!(decode_literals("b'x'").is_none());
        assert!(decode_literals("f'{x}'").is_none());
        assert!(may_hold_surrogate_escapes(r"x = '\uDC80'"));
        assert!(!may_hold_surrogate_escapes(r"x = '\u00e9'"));
    }
}
