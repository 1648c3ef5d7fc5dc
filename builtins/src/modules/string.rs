//! `_string`: the parsing behind `str.format`, exposed for the pure-Python
//! `string.Formatter`: `formatter_parser` splits a format string into
//! `(literal, field_name, format_spec, conversion)` items, and
//! `formatter_field_name_split` splits a field name into its first part and
//! `(is_attribute, key)` items.  Both iterate lazily, so a malformed string
//! raises ValueError when its bad part is reached, as in CPython.

use super::native;
use molt_vm::class::type_name;
use molt_vm::object::{Layout, NativeState};
use molt_vm::ops::str_of;
use molt_vm::{Args, PyResult, Value, Vm};

pub fn string_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_string");
    vm.add_native(m, "formatter_parser", formatter_parser);
    vm.add_native(m, "formatter_field_name_split", formatter_field_name_split);
    for name in ["formatteriterator", "fieldnameiterator"] {
        let cls = native::new_class(vm, "builtins", name, &[], Layout::Object, false);
        let next: molt_vm::object::NativeFn = if name == "formatteriterator" {
            formatter_next
        } else {
            field_next
        };
        native::methods(
            vm,
            cls,
            &[("__iter__", native::iter_self), ("__next__", next)],
        );
    }
    Ok(m)
}

/// A format string being parsed.
struct Markup {
    chars: Vec<char>,
    pos: usize,
}

impl NativeState for Markup {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// One item of `formatter_parser`.
struct Item {
    literal: String,
    /// `(field_name, format_spec, conversion)` when a field follows.
    field: Option<(String, String, Option<char>)>,
}

impl Markup {
    /// The next literal and the field after it; None at the end.
    fn next(&mut self) -> Result<Option<Item>, &'static str> {
        let s = &self.chars;
        let n = s.len();
        if self.pos >= n {
            return Ok(None);
        }
        let start = self.pos;
        let mut brace = None;
        while self.pos < n {
            let c = s[self.pos];
            self.pos += 1;
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
        }
        let at_end = self.pos >= n;
        let mut len = self.pos - start;
        let mut field_follows = brace.is_some();
        if brace == Some('}') && (at_end || s[self.pos] != '}') {
            return Err("Single '}' encountered in format string");
        }
        if at_end && brace == Some('{') {
            return Err("Single '{' encountered in format string");
        }
        if let (false, Some(b)) = (at_end, brace) {
            if s[self.pos] == b {
                // A doubled brace: one of it ends the literal, no field.
                self.pos += 1;
                field_follows = false;
            } else {
                len -= 1;
            }
        }
        let literal: String = s[start..start + len].iter().collect();
        if !field_follows {
            return Ok(Some(Item {
                literal,
                field: None,
            }));
        }
        let field = self.field()?;
        Ok(Some(Item {
            literal,
            field: Some(field),
        }))
    }

    /// The field after a `{`: its name, format spec and conversion.
    fn field(&mut self) -> Result<(String, String, Option<char>), &'static str> {
        let s = &self.chars;
        let n = s.len();
        let name_start = self.pos;
        let mut c = '\0';
        while self.pos < n {
            c = s[self.pos];
            self.pos += 1;
            match c {
                '{' => return Err("unexpected '{' in field name"),
                '[' => {
                    while self.pos < n && s[self.pos] != ']' {
                        self.pos += 1;
                    }
                }
                '}' | ':' | '!' => break,
                _ => {}
            }
        }
        let terminated = matches!(c, '}' | ':' | '!');
        let name_end = if terminated { self.pos - 1 } else { self.pos };
        let name: String = s[name_start..name_end].iter().collect();
        if !terminated {
            return Err("expected '}' before end of string");
        }
        if c == '}' {
            return Ok((name, String::new(), None));
        }
        let mut conversion = None;
        if c == '!' {
            if self.pos >= n {
                return Err("end of string while looking for conversion specifier");
            }
            conversion = Some(s[self.pos]);
            self.pos += 1;
            if self.pos < n {
                let c2 = s[self.pos];
                self.pos += 1;
                if c2 == '}' {
                    return Ok((name, String::new(), conversion));
                }
                if c2 != ':' {
                    return Err("expected ':' after conversion specifier");
                }
            }
        }
        let spec_start = self.pos;
        let mut depth = 1;
        while self.pos < n {
            let c = s[self.pos];
            self.pos += 1;
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        let spec = s[spec_start..self.pos - 1].iter().collect();
                        return Ok((name, spec, conversion));
                    }
                }
                _ => {}
            }
        }
        Err("unmatched '{' in format spec")
    }
}

/// The one str argument (METH_O wording).
fn str_arg(vm: &mut Vm, fname: &str, args: &Args) -> PyResult<&'static str> {
    let n = args.pos.len() + args.kwnames.len();
    if n != 1 || args.has_kw() {
        let msg = if args.has_kw() && n == 1 {
            format!("_string.{}() takes no keyword arguments", fname)
        } else {
            format!(
                "_string.{}() takes exactly one argument ({} given)",
                fname, n
            )
        };
        return Err(vm.type_error(msg));
    }
    match str_of(args.pos[0]) {
        Some(s) => Ok(s),
        None => {
            let msg = format!("expected str, got {}", type_name(vm, args.pos[0]));
            Err(vm.type_error(msg))
        }
    }
}

fn formatter_parser(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_arg(vm, "formatter_parser", &args)?;
    let cls = native::class(vm, "formatteriterator");
    let state = Markup {
        chars: s.chars().collect(),
        pos: 0,
    };
    Ok(vm.new_native_object(cls, state))
}

fn formatter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, m) = native::this::<Markup>(vm, &args, "formatteriterator", "__next__")?;
    match m.next() {
        Ok(None) => Err(native::stop(vm)),
        Ok(Some(item)) => {
            let lit = vm.new_string(item.literal);
            let (name, spec, conv) = match item.field {
                None => (Value::NONE, Value::NONE, Value::NONE),
                Some((name, spec, conv)) => {
                    let name = vm.new_string(name);
                    let spec = vm.new_string(spec);
                    let conv = match conv {
                        Some(c) => vm.new_string(c.to_string()),
                        None => Value::NONE,
                    };
                    (name, spec, conv)
                }
            };
            Ok(vm.new_tuple(vec![lit, name, spec, conv]))
        }
        Err(msg) => Err(vm.value_error(msg)),
    }
}

/// The rest of a field name after its first part.
struct FieldName {
    chars: Vec<char>,
    pos: usize,
}

impl NativeState for FieldName {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// A name part as CPython gives it: an int if it is all ASCII digits.
fn name_part(vm: &mut Vm, s: &[char]) -> Value {
    if !s.is_empty() && s.iter().all(|c| c.is_ascii_digit()) {
        let text: String = s.iter().collect();
        if let Ok(n) = text.parse::<i64>() {
            return vm.new_int(n);
        }
    }
    vm.new_string(s.iter().collect())
}

fn formatter_field_name_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = str_arg(vm, "formatter_field_name_split", &args)?;
    let chars: Vec<char> = s.chars().collect();
    let end = chars
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(chars.len());
    let first = name_part(vm, &chars[..end]);
    let cls = native::class(vm, "fieldnameiterator");
    let rest = vm.new_native_object(cls, FieldName { chars, pos: end });
    Ok(vm.new_tuple(vec![first, rest]))
}

fn field_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, f) = native::this::<FieldName>(vm, &args, "fieldnameiterator", "__next__")?;
    let s = &f.chars;
    let n = s.len();
    if f.pos >= n {
        return Err(native::stop(vm));
    }
    let c = s[f.pos];
    f.pos += 1;
    let (is_attr, part) = match c {
        '.' => {
            let start = f.pos;
            while f.pos < n && s[f.pos] != '.' && s[f.pos] != '[' {
                f.pos += 1;
            }
            (true, &s[start..f.pos])
        }
        '[' => {
            let start = f.pos;
            while f.pos < n && s[f.pos] != ']' {
                f.pos += 1;
            }
            if f.pos >= n {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            let part = &s[start..f.pos];
            f.pos += 1;
            if f.pos < n && s[f.pos] != '.' && s[f.pos] != '[' {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
            (false, part)
        }
        _ => return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier")),
    };
    if part.is_empty() {
        return Err(vm.value_error("Empty attribute in format string"));
    }
    let part: Vec<char> = part.to_vec();
    let key = if is_attr {
        vm.new_string(part.iter().collect())
    } else {
        name_part(vm, &part)
    };
    Ok(vm.new_tuple(vec![Value::bool(is_attr), key]))
}
