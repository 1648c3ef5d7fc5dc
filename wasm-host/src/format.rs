//! The molt-specific part of a wasm tier module: a custom section named
//! `molt`, the last section of the module, holding
//!
//! | field | encoding |
//! | --- | --- |
//! | magic | the 8 bytes `MOLTWASM` |
//! | format version | u32 LE, [`FORMAT_VERSION`] |
//! | molt version | u32 LE length + UTF-8, the building crate's version |
//! | checksum | u64 LE, FNV-1a of every module byte before this section |
//! | constants | u32 count, then each constant (tag byte + payload) |
//! | code objects | u32 count, then each code object's metadata |
//!
//! A module is run only if all of these are present and agree with the
//! host: another molt version's module, a module whose code bytes were
//! changed after building, or bytes that are not a molt module at all are
//! rejected before wasmtime compiles anything.

/// The custom section's name.
pub const SECTION_NAME: &str = "molt";
/// First bytes of the section's payload.
pub const MAGIC: &[u8; 8] = b"MOLTWASM";
/// Bumped whenever the section layout, the import list or the value
/// encoding changes.
pub const FORMAT_VERSION: u32 = 1;
/// The molt version that builds and accepts modules.
pub const MOLT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A constant as stored in the module.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    /// An int beyond i64, as decimal digits.
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    /// A code object, by its index in the module's code list.
    Code(u32),
}

/// What the host needs to know about a compiled code object (its wasm
/// function is the one with the same index).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeMeta {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    pub argcount: u16,
    /// Parameter names, for argument-count errors.
    pub params: Vec<String>,
    /// Names of the locals (for UnboundLocalError).
    pub varnames: Vec<String>,
}

/// The decoded `molt` section.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Metadata {
    pub consts: Vec<Const>,
    pub codes: Vec<CodeMeta>,
}

/// FNV-1a, 64 bits: detects accidental corruption of the code bytes. It is
/// not a signature: a module built by hand with a matching checksum is
/// accepted, and is only ever as powerful as any guest (see the sandbox).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn put_const(out: &mut Vec<u8>, c: &Const) {
    match c {
        Const::None => out.push(0),
        Const::Bool(b) => out.push(if *b { 1 } else { 2 }),
        Const::Ellipsis => out.push(3),
        Const::Int(i) => {
            out.push(4);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Const::BigInt(s) => {
            out.push(5);
            put_str(out, s);
        }
        Const::Float(f) => {
            out.push(6);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Const::Str(s) => {
            out.push(7);
            put_str(out, s);
        }
        Const::Bytes(b) => {
            out.push(8);
            put_u32(out, b.len() as u32);
            out.extend_from_slice(b);
        }
        Const::Tuple(items) => {
            out.push(9);
            put_u32(out, items.len() as u32);
            for i in items {
                put_const(out, i);
            }
        }
        Const::Code(i) => {
            out.push(10);
            put_u32(out, *i);
        }
    }
}

/// The section payload for `meta`, given the bytes of the module that
/// precede the section.
pub fn encode_section(meta: &Metadata, module_before: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, FORMAT_VERSION);
    put_str(&mut out, MOLT_VERSION);
    out.extend_from_slice(&checksum(module_before).to_le_bytes());
    put_u32(&mut out, meta.consts.len() as u32);
    for c in &meta.consts {
        put_const(&mut out, c);
    }
    put_u32(&mut out, meta.codes.len() as u32);
    for c in &meta.codes {
        put_str(&mut out, &c.name);
        put_str(&mut out, &c.qualname);
        put_str(&mut out, &c.filename);
        put_u32(&mut out, c.first_line);
        put_u32(&mut out, c.argcount as u32);
        put_u32(&mut out, c.params.len() as u32);
        for p in &c.params {
            put_str(&mut out, p);
        }
        put_u32(&mut out, c.varnames.len() as u32);
        for p in &c.varnames {
            put_str(&mut out, p);
        }
    }
    out
}

/// Bounds-checked reading of a payload.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or("the molt section is truncated")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| "the molt section has a non-UTF-8 string".into())
    }
    /// A count of items each at least `min` bytes long: bounded by what is left.
    fn count(&mut self, min: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.b.len() - self.at {
            return Err("the molt section is truncated".into());
        }
        Ok(n)
    }
    fn konst(&mut self, depth: u32) -> Result<Const, String> {
        if depth > 64 {
            return Err("the molt section nests constants too deeply".into());
        }
        Ok(match self.u8()? {
            0 => Const::None,
            1 => Const::Bool(true),
            2 => Const::Bool(false),
            3 => Const::Ellipsis,
            4 => Const::Int(self.u64()? as i64),
            5 => {
                let s = self.str()?;
                let digits = s.strip_prefix('-').unwrap_or(&s);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return Err("the molt section has a malformed int constant".into());
                }
                Const::BigInt(s)
            }
            6 => Const::Float(f64::from_bits(self.u64()?)),
            7 => Const::Str(self.str()?),
            8 => {
                let n = self.count(1)?;
                Const::Bytes(self.take(n)?.to_vec())
            }
            9 => {
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.konst(depth + 1)?);
                }
                Const::Tuple(items)
            }
            10 => Const::Code(self.u32()?),
            t => {
                return Err(format!(
                    "the molt section has an unknown constant tag {}",
                    t
                ))
            }
        })
    }
}

/// Read one unsigned LEB128 u32 from `b` at `*at`.
fn leb_u32(b: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut result: u64 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at).ok_or("the module is truncated")?;
        *at += 1;
        result |= ((byte & 0x7f) as u64) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(result).map_err(|_| "the module has a malformed length".into());
        }
    }
    Err("the module has a malformed length".into())
}

/// Check that `bytes` is a module built by this molt version and return
/// its metadata. Every failure is a message saying why it was rejected.
pub fn read_module(bytes: &[u8]) -> Result<Metadata, String> {
    if bytes.len() < 8 || &bytes[0..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    if bytes[4..8] != [1, 0, 0, 0] {
        return Err("unsupported wasm binary version".into());
    }
    let mut at = 8;
    let mut found: Option<(usize, usize, usize)> = None;
    while at < bytes.len() {
        let start = at;
        let id = bytes[at];
        at += 1;
        let size = leb_u32(bytes, &mut at)? as usize;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= bytes.len())
            .ok_or("the module is truncated")?;
        if id == 0 {
            let mut p = at;
            let nlen = leb_u32(bytes, &mut p)? as usize;
            let nend = p
                .checked_add(nlen)
                .filter(|&e| e <= end)
                .ok_or("the module is truncated")?;
            if &bytes[p..nend] == SECTION_NAME.as_bytes() {
                if found.is_some() {
                    return Err("the module has two molt sections".into());
                }
                found = Some((start, nend, end));
            }
        } else if found.is_some() {
            return Err("the molt section is not the module's last section".into());
        }
        at = end;
    }
    let (start, pstart, pend) = found.ok_or("not built by molt (no molt section)")?;
    let mut r = Reader {
        b: &bytes[pstart..pend],
        at: 0,
    };
    if r.take(8).ok() != Some(&MAGIC[..]) {
        return Err("not built by molt (bad magic)".into());
    }
    let v = r.u32()?;
    if v != FORMAT_VERSION {
        return Err(format!(
            "built for molt wasm format {}, this molt reads format {}",
            v, FORMAT_VERSION
        ));
    }
    let mv = r.str()?;
    if mv != MOLT_VERSION {
        return Err(format!(
            "built by molt {}, this is molt {}: rebuild it",
            mv, MOLT_VERSION
        ));
    }
    let sum = r.u64()?;
    if sum != checksum(&bytes[..start]) {
        return Err("the module is corrupted (checksum mismatch)".into());
    }
    let mut meta = Metadata::default();
    let n = r.count(1)?;
    for _ in 0..n {
        meta.consts.push(r.konst(0)?);
    }
    let n = r.count(28)?;
    for _ in 0..n {
        let name = r.str()?;
        let qualname = r.str()?;
        let filename = r.str()?;
        let first_line = r.u32()?;
        let argcount = u16::try_from(r.u32()?).map_err(|_| "bad argument count")?;
        let np = r.count(4)?;
        let mut params = Vec::with_capacity(np);
        for _ in 0..np {
            params.push(r.str()?);
        }
        let nv = r.count(4)?;
        let mut varnames = Vec::with_capacity(nv);
        for _ in 0..nv {
            varnames.push(r.str()?);
        }
        if params.len() != argcount as usize {
            return Err("the molt section's parameter list is inconsistent".into());
        }
        meta.codes.push(CodeMeta {
            name,
            qualname,
            filename,
            first_line,
            argcount,
            params,
            varnames,
        });
    }
    if r.at != r.b.len() {
        return Err("the molt section has trailing bytes".into());
    }
    for c in &meta.consts {
        check_code_refs(c, meta.codes.len())?;
    }
    if meta.codes.is_empty() {
        return Err("the module has no code".into());
    }
    Ok(meta)
}

fn check_code_refs(c: &Const, ncodes: usize) -> Result<(), String> {
    match c {
        Const::Code(i) if *i as usize >= ncodes => {
            Err("the molt section names a code object that does not exist".into())
        }
        Const::Tuple(items) => items.iter().try_for_each(|i| check_code_refs(i, ncodes)),
        _ => Ok(()),
    }
}
