//! Character predicates and case mappings the matcher needs, with the
//! meanings CPython's sre gives them: ASCII, "locale" (the C locale, so
//! ASCII again for code points below 256) and Unicode variants.

use crate::str_methods::{is_alpha, is_decimal, is_numeric, is_space};

#[inline]
fn as_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

pub fn ascii_lower(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}

pub fn ascii_upper(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// The C locale's tolower/toupper only touch ASCII letters.
pub fn locale_lower(c: u32) -> u32 {
    ascii_lower(c)
}

pub fn locale_upper(c: u32) -> u32 {
    ascii_upper(c)
}

/// The simple (one code point) lowercase mapping.
pub fn unicode_lower(c: u32) -> u32 {
    if c < 0x80 {
        return ascii_lower(c);
    }
    match as_char(c) {
        // Only U+0130 lowercases to two code points; its simple mapping is
        // the first of them.
        Some(ch) => ch.to_lowercase().next().map_or(c, |l| l as u32),
        None => c,
    }
}

/// The simple (one code point) uppercase mapping.  Rust gives the full
/// mapping; where that has several code points the simple mapping is the
/// character itself, except for the Greek letters with ypogegrammeni.
pub fn unicode_upper(c: u32) -> u32 {
    if c < 0x80 {
        return ascii_upper(c);
    }
    let ch = match as_char(c) {
        Some(ch) => ch,
        None => return c,
    };
    let mut up = ch.to_uppercase();
    let first = up.next().map_or(c, |u| u as u32);
    if up.next().is_none() {
        return first;
    }
    match c {
        0x1F80..=0x1FAF if c & 0xF < 8 => c + 8,
        0x1FB3 | 0x1FC3 | 0x1FF3 => c + 9,
        _ => c,
    }
}

pub fn unicode_iscased(c: u32) -> bool {
    c != unicode_lower(c) || c != unicode_upper(c)
}

pub fn ascii_iscased(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphabetic()
}

fn ascii_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

fn uni_word(c: u32) -> bool {
    if c < 128 {
        return ascii_word(c);
    }
    as_char(c).is_some_and(|ch| is_alpha(ch) || is_numeric(ch))
}

fn uni_digit(c: u32) -> bool {
    as_char(c).is_some_and(is_decimal)
}

fn uni_linebreak(c: u32) -> bool {
    matches!(c, 0x0A..=0x0D | 0x1C..=0x1E | 0x85 | 0x2028 | 0x2029)
}

/// Word characters for the word-boundary assertions (`AT_*BOUNDARY`).
pub fn is_word(at_code: u32, c: u32) -> bool {
    match at_code {
        super::engine::at::UNI_BOUNDARY | super::engine::at::UNI_NON_BOUNDARY => uni_word(c),
        // The C locale's word characters are the ASCII ones.
        _ => ascii_word(c),
    }
}

/// A `CATEGORY` test; `None` for an unknown category code.
pub fn category(code: u32, c: u32) -> Option<bool> {
    Some(match code {
        0 => c < 128 && (c as u8).is_ascii_digit(),
        1 => !(c < 128 && (c as u8).is_ascii_digit()),
        2 => matches!(c, 0x09..=0x0D | 0x20),
        3 => !matches!(c, 0x09..=0x0D | 0x20),
        4 | 8 => ascii_word(c),
        5 | 9 => !ascii_word(c),
        6 => c == 0x0A,
        7 => c != 0x0A,
        10 => uni_digit(c),
        11 => !uni_digit(c),
        12 => is_space(c),
        13 => !is_space(c),
        14 => uni_word(c),
        15 => !uni_word(c),
        16 => uni_linebreak(c),
        17 => !uni_linebreak(c),
        _ => return None,
    })
}
