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

/// CPython's `_PyUnicode_ToLowercase`: the lowercase mapping, or its
/// first code point where the full mapping has several (U+0130).
pub fn unicode_lower(c: u32) -> u32 {
    if c < 0x80 {
        return ascii_lower(c);
    }
    match as_char(c) {
        Some(ch) if !newer_case(c) => ch.to_lowercase().next().map_or(c, |l| l as u32),
        _ => c,
    }
}

/// CPython's `_PyUnicode_ToUppercase`: the first code point of the full
/// uppercase mapping (so 'ß' gives 'S').
pub fn unicode_upper(c: u32) -> u32 {
    if c < 0x80 {
        return ascii_upper(c);
    }
    match as_char(c) {
        Some(ch) if !newer_case(c) => ch.to_uppercase().next().map_or(c, |u| u as u32),
        _ => c,
    }
}

/// Characters whose case mappings Rust's (newer) Unicode tables have but
/// Unicode 14, CPython 3.11's, does not: they map to themselves there.
fn newer_case(c: u32) -> bool {
    NEWER_CASE.binary_search(&c).is_ok()
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

/// Sorted; see `newer_case`.
#[rustfmt::skip]
const NEWER_CASE: &[u32] = &[
    0x19B, 0x264, 0x1C89, 0x1C8A, 0xA7CB, 0xA7CC, 0xA7CD, 0xA7CE,
    0xA7CF, 0xA7D2, 0xA7D3, 0xA7D4, 0xA7D5, 0xA7DA, 0xA7DB, 0xA7DC,
    0x10D50, 0x10D51, 0x10D52, 0x10D53, 0x10D54, 0x10D55, 0x10D56, 0x10D57,
    0x10D58, 0x10D59, 0x10D5A, 0x10D5B, 0x10D5C, 0x10D5D, 0x10D5E, 0x10D5F,
    0x10D60, 0x10D61, 0x10D62, 0x10D63, 0x10D64, 0x10D65, 0x10D70, 0x10D71,
    0x10D72, 0x10D73, 0x10D74, 0x10D75, 0x10D76, 0x10D77, 0x10D78, 0x10D79,
    0x10D7A, 0x10D7B, 0x10D7C, 0x10D7D, 0x10D7E, 0x10D7F, 0x10D80, 0x10D81,
    0x10D82, 0x10D83, 0x10D84, 0x10D85, 0x16EA0, 0x16EA1, 0x16EA2, 0x16EA3,
    0x16EA4, 0x16EA5, 0x16EA6, 0x16EA7, 0x16EA8, 0x16EA9, 0x16EAA, 0x16EAB,
    0x16EAC, 0x16EAD, 0x16EAE, 0x16EAF, 0x16EB0, 0x16EB1, 0x16EB2, 0x16EB3,
    0x16EB4, 0x16EB5, 0x16EB6, 0x16EB7, 0x16EB8, 0x16EBB, 0x16EBC, 0x16EBD,
    0x16EBE, 0x16EBF, 0x16EC0, 0x16EC1, 0x16EC2, 0x16EC3, 0x16EC4, 0x16EC5,
    0x16EC6, 0x16EC7, 0x16EC8, 0x16EC9, 0x16ECA, 0x16ECB, 0x16ECC, 0x16ECD,
    0x16ECE, 0x16ECF, 0x16ED0, 0x16ED1, 0x16ED2, 0x16ED3,
];
