//! Socket addresses between Python and the C structures: `(host, port)`
//! for AF_INET, `(host, port, flowinfo, scope_id)` for AF_INET6, a path
//! (str, or bytes for Linux's abstract namespace) for AF_UNIX, as CPython
//! represents them (`getsockaddrarg` and `makesockaddr` in socketmodule.c).

use super::resolve;
use molt_vm::class::type_name;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{PyResult, Value, Vm};
use std::mem::{size_of, zeroed};

/// A C socket address and its length.
pub struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: all-zero is a valid sockaddr_storage.
            storage: unsafe { zeroed() },
            len: size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    pub fn as_ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }
    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }
    pub fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }
}

fn tuple_of(v: Value) -> Option<&'static [Value]> {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Tuple(_)) => ops::tuple_items(v),
        _ => None,
    }
}

/// An int argument within `i64`.
pub fn int_value(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() || matches!(v.obj().map(|o| &o.kind), Some(Kind::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) => Ok(i),
        _ => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

/// A host name argument as bytes: str (IDNA-encoded when not ASCII),
/// bytes or bytearray.
pub fn host_bytes(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<u8>> {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(_)) => {
            let s = ops::str_of(v).unwrap_or("");
            if s.is_ascii() {
                return Ok(s.as_bytes().to_vec());
            }
            let name = vm.intern("encode");
            let codec = vm.new_str("idna");
            let b = ops::call::call_method(vm, v, name, &[codec])?;
            Ok(ops::convert::bytes_of(b).unwrap_or_default())
        }
        Some(Kind::Bytes(_) | Kind::ByteArray(_)) => {
            Ok(ops::convert::bytes_of(v).unwrap_or_default())
        }
        _ => {
            let msg = format!("{}, not {}", what, type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}

/// The port of an address tuple, with CPython's range check.
fn port_arg(vm: &mut Vm, v: Value, caller: &str) -> PyResult<u16> {
    let p = int_value(vm, v)?;
    if !(0..=65535).contains(&p) {
        let msg = format!("{}(): port must be 0-65535.", caller);
        return Err(vm.overflow_error(msg));
    }
    Ok(p as u16)
}

/// Python's address object to a C address for a socket of `family`;
/// `caller` names the method in errors (`bind`, `connect`).
pub fn parse(vm: &mut Vm, family: i32, v: Value, caller: &str) -> PyResult<SockAddr> {
    let mut a = SockAddr::empty();
    match family {
        libc::AF_UNIX => {
            let path: Vec<u8> = match v.obj().map(|o| &o.kind) {
                Some(Kind::Str(_)) => {
                    let f = super::fsencode(vm, v)?;
                    f
                }
                _ => crate::modules::native::buffer_arg(vm, v)?,
            };
            // SAFETY: sockaddr_un fits in sockaddr_storage.
            let un = unsafe { &mut *(a.as_mut_ptr() as *mut libc::sockaddr_un) };
            let abstract_ns = path.first() == Some(&0);
            if path.len() > un.sun_path.len() || (!abstract_ns && path.len() == un.sun_path.len()) {
                let c = vm.exc.OSError;
                return Err(vm.err(c, "AF_UNIX path too long"));
            }
            un.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in un.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
            a.len = (base + path.len()) as libc::socklen_t;
        }
        libc::AF_INET => {
            let Some(items) = tuple_of(v) else {
                let msg = format!(
                    "{}(): AF_INET address must be tuple, not {}",
                    caller,
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            };
            if items.len() != 2 {
                let msg = format!("AF_INET address must be a pair (host, port)");
                return Err(vm.type_error(msg));
            }
            let host = host_bytes(vm, items[0], "str, bytes or bytearray expected")?;
            let port = port_arg(vm, items[1], caller)?;
            let ip = resolve::ipv4_of(vm, &host)?;
            // SAFETY: sockaddr_in fits in sockaddr_storage.
            let sin = unsafe { &mut *(a.as_mut_ptr() as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = port.to_be();
            sin.sin_addr = libc::in_addr {
                s_addr: u32::from_be_bytes(ip).to_be(),
            };
            a.len = size_of::<libc::sockaddr_in>() as libc::socklen_t;
        }
        libc::AF_INET6 => {
            let Some(items) = tuple_of(v) else {
                let msg = format!(
                    "{}(): AF_INET6 address must be tuple, not {}",
                    caller,
                    type_name(vm, v)
                );
                return Err(vm.type_error(msg));
            };
            if !(2..=4).contains(&items.len()) {
                let msg =
                    format!("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
                return Err(vm.type_error(msg));
            }
            let host = host_bytes(vm, items[0], "str, bytes or bytearray expected")?;
            let port = port_arg(vm, items[1], caller)?;
            let flowinfo = match items.get(2) {
                Some(&f) => int_value(vm, f)?,
                None => 0,
            };
            if !(0..=0xfffff).contains(&flowinfo) {
                let msg = format!("{}(): flowinfo must be 0-1048575.", caller);
                return Err(vm.overflow_error(msg));
            }
            let scope = match items.get(3) {
                Some(&s) => int_value(vm, s)?,
                None => 0,
            };
            let ip = resolve::ipv6_of(vm, &host)?;
            // SAFETY: sockaddr_in6 fits in sockaddr_storage.
            let sin6 = unsafe { &mut *(a.as_mut_ptr() as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope as u32;
            sin6.sin6_addr = libc::in6_addr { s6_addr: ip };
            a.len = size_of::<libc::sockaddr_in6>() as libc::socklen_t;
        }
        _ => {
            let c = vm.exc.OSError;
            return Err(vm.err(c, format!("{}(): bad family", caller)));
        }
    }
    Ok(a)
}

/// A C address as Python shows it (None when the kernel gave none).
pub fn to_python(vm: &mut Vm, a: &SockAddr) -> Value {
    if a.len == 0 {
        return Value::NONE;
    }
    match a.family() {
        libc::AF_INET => {
            // SAFETY: the kernel wrote a sockaddr_in.
            let sin = unsafe { &*(a.as_ptr() as *const libc::sockaddr_in) };
            let ip = std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            let host = vm.new_string(ip.to_string());
            let port = vm.new_int(u16::from_be(sin.sin_port) as i64);
            vm.new_tuple(vec![host, port])
        }
        libc::AF_INET6 => {
            // SAFETY: the kernel wrote a sockaddr_in6.
            let sin6 = unsafe { &*(a.as_ptr() as *const libc::sockaddr_in6) };
            let host = vm.new_string(resolve::ntop6(&sin6.sin6_addr.s6_addr));
            let port = vm.new_int(u16::from_be(sin6.sin6_port) as i64);
            let flow = vm.new_int(u32::from_be(sin6.sin6_flowinfo) as i64);
            let scope = vm.new_int(sin6.sin6_scope_id as i64);
            vm.new_tuple(vec![host, port, flow, scope])
        }
        libc::AF_UNIX => {
            // SAFETY: the kernel wrote a sockaddr_un.
            let un = unsafe { &*(a.as_ptr() as *const libc::sockaddr_un) };
            let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
            let n = (a.len as usize).saturating_sub(base).min(un.sun_path.len());
            let raw: Vec<u8> = un.sun_path[..n].iter().map(|c| *c as u8).collect();
            if n > 0 && raw[0] == 0 {
                // Linux's abstract namespace: bytes, NULs included.
                return vm.new_bytes(raw);
            }
            let end = raw.iter().position(|b| *b == 0).unwrap_or(raw.len());
            super::fsdecode(vm, &raw[..end])
        }
        f => {
            // SAFETY: every sockaddr starts with the family and 14 bytes.
            let sa = unsafe { &*(a.as_ptr()) };
            let data: Vec<u8> = sa.sa_data.iter().map(|c| *c as u8).collect();
            let fam = vm.new_int(f as i64);
            let d = vm.new_bytes(data);
            vm.new_tuple(vec![fam, d])
        }
    }
}
