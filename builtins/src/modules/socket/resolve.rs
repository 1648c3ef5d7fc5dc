//! Names and numbers: `getaddrinfo`, `getnameinfo`, the `gethostby*`
//! and `getservby*` lookups, the `inet_*` conversions and byte-order
//! helpers, and the host-to-address step addresses go through
//! (CPython's `setipaddr`).

use super::addr::{self, host_bytes, int_value, SockAddr};
use super::native::{self, positional};
use crate::args::parse;
use crate::modules::native::buffer_arg;
use molt_vm::class::type_name;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::ffi::{CStr, CString};

/// `socket.gaierror(code, message)` for a getaddrinfo/getnameinfo
/// failure (EAI_SYSTEM: the OSError of errno).
pub fn gai_error(vm: &mut Vm, code: i32) -> PyErr {
    if code == libc::EAI_SYSTEM {
        let e = crate::oserror::last_errno();
        return crate::oserror::errno_error(vm, e, None);
    }
    // SAFETY: gai_strerror returns a static NUL-terminated string.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let cls = native::class(vm, "gaierror");
    let n = vm.new_int(code as i64);
    let m = vm.new_string(msg);
    let ex = vm.new_exception(cls, vec![n, m]);
    vm.set_attr_str_on_instance(ex, "errno", n);
    vm.set_attr_str_on_instance(ex, "strerror", m);
    PyErr(ex)
}

fn herror(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = native::class(vm, "herror");
    let n = vm.new_int(1);
    let m = vm.new_str(msg);
    let ex = vm.new_exception(cls, vec![n, m]);
    vm.set_attr_str_on_instance(ex, "errno", n);
    vm.set_attr_str_on_instance(ex, "strerror", m);
    PyErr(ex)
}

/// One getaddrinfo(3) result.
pub struct AddrInfo {
    pub family: i32,
    pub socktype: i32,
    pub proto: i32,
    pub canonname: String,
    pub addr: SockAddr,
}

/// getaddrinfo(3), the results copied out (and the list freed).
pub fn getaddrinfo_raw(
    vm: &mut Vm,
    host: Option<&[u8]>,
    port: Option<&[u8]>,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<AddrInfo>> {
    let host = match host {
        Some(h) => Some(CString::new(h).map_err(|_| vm.value_error("embedded null character"))?),
        None => None,
    };
    let port = match port {
        Some(p) => Some(CString::new(p).map_err(|_| vm.value_error("embedded null character"))?),
        None => None,
    };
    // SAFETY: all-zero addrinfo hints are valid.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: NUL-terminated strings (or NULL) and valid out-pointer.
    let code = unsafe {
        libc::getaddrinfo(
            host.as_ref().map_or(std::ptr::null(), |h| h.as_ptr()),
            port.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: walking the list getaddrinfo returned.
        let ai = unsafe { &*p };
        let mut a = SockAddr::empty();
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: copies ai_addrlen bytes of the result's address.
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, a.as_mut_ptr() as *mut u8, n)
        };
        a.len = n as libc::socklen_t;
        let canonname = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a NUL-terminated name from getaddrinfo.
            unsafe { CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        out.push(AddrInfo {
            family: ai.ai_family,
            socktype: ai.ai_socktype,
            proto: ai.ai_protocol,
            canonname,
            addr: a,
        });
        p = ai.ai_next;
    }
    // SAFETY: frees the list getaddrinfo allocated.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

/// The IPv4 address a host name means (CPython's `setipaddr` for AF_INET):
/// '' is INADDR_ANY, '<broadcast>' INADDR_BROADCAST, dotted quads are
/// taken as they are, anything else is resolved.
pub fn ipv4_of(vm: &mut Vm, host: &[u8]) -> PyResult<[u8; 4]> {
    if host.is_empty() {
        return Ok([0, 0, 0, 0]);
    }
    if host == b"<broadcast>" || host == b"255.255.255.255" {
        return Ok([255, 255, 255, 255]);
    }
    if let Some(ip) = std::str::from_utf8(host)
        .ok()
        .and_then(|s| s.parse::<std::net::Ipv4Addr>().ok())
    {
        return Ok(ip.octets());
    }
    let res = getaddrinfo_raw(vm, Some(host), None, libc::AF_INET, 0, 0, 0)?;
    match res.first() {
        Some(ai) if ai.family == libc::AF_INET => {
            // SAFETY: an AF_INET result holds a sockaddr_in.
            let sin = unsafe { &*(ai.addr.as_ptr() as *const libc::sockaddr_in) };
            Ok(u32::from_be(sin.sin_addr.s_addr).to_be_bytes())
        }
        _ => {
            let c = vm.exc.OSError;
            Err(vm.err(c, "address family mismatched"))
        }
    }
}

/// The IPv6 address a host name means ('' is in6addr_any).
pub fn ipv6_of(vm: &mut Vm, host: &[u8]) -> PyResult<[u8; 16]> {
    if host.is_empty() {
        return Ok([0; 16]);
    }
    if host == b"<broadcast>" {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "address family mismatched"));
    }
    if let Some(ip) = std::str::from_utf8(host)
        .ok()
        .and_then(|s| s.parse::<std::net::Ipv6Addr>().ok())
    {
        return Ok(ip.octets());
    }
    let res = getaddrinfo_raw(vm, Some(host), None, libc::AF_INET6, 0, 0, 0)?;
    match res.first() {
        Some(ai) if ai.family == libc::AF_INET6 => {
            // SAFETY: an AF_INET6 result holds a sockaddr_in6.
            let sin6 = unsafe { &*(ai.addr.as_ptr() as *const libc::sockaddr_in6) };
            Ok(sin6.sin6_addr.s6_addr)
        }
        _ => {
            let c = vm.exc.OSError;
            Err(vm.err(c, "address family mismatched"))
        }
    }
}

/// An IPv6 address in its RFC 5952 text form (what inet_ntop(3) gives).
pub fn ntop6(octets: &[u8; 16]) -> String {
    std::net::Ipv6Addr::from(*octets).to_string()
}

/// inet_aton(3)'s parse: one to four dot-separated parts, each decimal,
/// octal (leading 0) or hex (0x), the last filling the remaining bytes;
/// text after a space is ignored, as the C library does.
fn parse_aton(s: &str) -> Option<u32> {
    let s = s.split(|c: char| c.is_ascii_whitespace()).next()?;
    let mut parts = Vec::new();
    for p in s.split('.') {
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X"))
        {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (p, 10)
        };
        if p.is_empty() || (radix == 16 && digits.is_empty() && p.len() > 2) {
            return None;
        }
        let v = if digits.is_empty() {
            0
        } else {
            u64::from_str_radix(digits, radix).ok()?
        };
        parts.push(v);
    }
    let last = *parts.last()?;
    let head = &parts[..parts.len() - 1];
    if parts.len() > 4 || head.iter().any(|p| *p > 255) {
        return None;
    }
    let rest_bits = 8 * (4 - head.len() as u32);
    if last >> rest_bits != 0 {
        return None;
    }
    let mut v: u64 = 0;
    for (i, p) in head.iter().enumerate() {
        v |= p << (24 - 8 * i);
    }
    Some((v | last) as u32)
}

fn c_int(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    match v {
        Some(v) => {
            let n = int_value(vm, v)?;
            i32::try_from(n)
                .map_err(|_| vm.overflow_error("signed integer is greater than maximum"))
        }
        None => Ok(0),
    }
}

pub fn getaddrinfo(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "getaddrinfo",
        &args,
        &["host", "port", "family", "type", "proto", "flags"],
        2,
    )?;
    let (h, p) = (a[0].unwrap_or(Value::NONE), a[1].unwrap_or(Value::NONE));
    let host = if h.is_none() {
        None
    } else {
        match h.obj().map(|o| &o.kind) {
            Some(Kind::Str(_) | Kind::Bytes(_)) => Some(host_bytes(
                vm,
                h,
                "getaddrinfo() argument 1 must be string or None",
            )?),
            _ => return Err(vm.type_error("getaddrinfo() argument 1 must be string or None")),
        }
    };
    let port: Option<Vec<u8>> = if p.is_none() {
        None
    } else {
        match p.obj().map(|o| &o.kind) {
            Some(Kind::Str(_)) => Some(ops::str_of(p).unwrap_or("").as_bytes().to_vec()),
            Some(Kind::Bytes(_)) => ops::convert::bytes_of(p),
            _ if p.is_small_int() || matches!(p.obj().map(|o| &o.kind), Some(Kind::Int(_))) => {
                let n = int_value(vm, p)?;
                Some(n.to_string().into_bytes())
            }
            _ => {
                let c = vm.exc.OSError;
                return Err(vm.err(c, "Int or String expected"));
            }
        }
    };
    let family = c_int(vm, a[2])?;
    let socktype = c_int(vm, a[3])?;
    let proto = c_int(vm, a[4])?;
    let flags = c_int(vm, a[5])?;
    let res = getaddrinfo_raw(
        vm,
        host.as_deref(),
        port.as_deref(),
        family,
        socktype,
        proto,
        flags,
    )?;
    let mut out = Vec::with_capacity(res.len());
    for ai in &res {
        let f = vm.new_int(ai.family as i64);
        let t = vm.new_int(ai.socktype as i64);
        let p = vm.new_int(ai.proto as i64);
        let c = vm.new_str(&ai.canonname);
        let s = addr::to_python(vm, &ai.addr);
        out.push(vm.new_tuple(vec![f, t, p, c, s]));
    }
    Ok(vm.new_list(out))
}

pub fn getnameinfo(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getnameinfo", args.pos, &args, 2, 2)?;
    let sa = args.pos[0];
    let Some(items) =
        ops::tuple_items(sa).filter(|_| matches!(sa.obj().map(|o| &o.kind), Some(Kind::Tuple(_))))
    else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let flags = c_int(vm, Some(args.pos[1]))?;
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    let host = host_bytes(vm, items[0], "getnameinfo(): illegal sockaddr argument")?;
    let port = int_value(vm, items[1])?;
    let flowinfo = match items.get(2) {
        Some(&f) => int_value(vm, f)?,
        None => 0,
    };
    let scope = match items.get(3) {
        Some(&s) => int_value(vm, s)?,
        None => 0,
    };
    if !(0..=0xfffff).contains(&flowinfo) {
        return Err(vm.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    let port_s = port.to_string();
    let res = getaddrinfo_raw(
        vm,
        Some(&host),
        Some(port_s.as_bytes()),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    if res.len() != 1 {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "sockaddr resolved to multiple addresses"));
    }
    let mut a = res
        .into_iter()
        .next()
        .map(|r| r.addr)
        .unwrap_or_else(SockAddr::empty);
    match a.family() {
        libc::AF_INET => {
            if items.len() != 2 {
                let c = vm.exc.OSError;
                return Err(vm.err(c, "IPv4 sockaddr must be 2 tuple"));
            }
        }
        libc::AF_INET6 => {
            // SAFETY: an AF_INET6 result holds a sockaddr_in6.
            let sin6 = unsafe { &mut *(a.as_mut_ptr() as *mut libc::sockaddr_in6) };
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope as u32;
        }
        _ => {}
    }
    let mut hbuf = [0 as libc::c_char; 1025];
    let mut sbuf = [0 as libc::c_char; 32];
    // SAFETY: buffers sized as NI_MAXHOST/NI_MAXSERV.
    let code = unsafe {
        libc::getnameinfo(
            a.as_ptr(),
            a.len,
            hbuf.as_mut_ptr(),
            hbuf.len() as libc::socklen_t,
            sbuf.as_mut_ptr(),
            sbuf.len() as libc::socklen_t,
            flags,
        )
    };
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    // SAFETY: getnameinfo wrote NUL-terminated strings.
    let h = unsafe { CStr::from_ptr(hbuf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let s = unsafe { CStr::from_ptr(sbuf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let h = vm.new_string(h);
    let s = vm.new_string(s);
    Ok(vm.new_tuple(vec![h, s]))
}

pub fn gethostname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "gethostname", &args, 0, 0)?;
    let mut buf = [0 as libc::c_char; 1024];
    // SAFETY: the buffer's length is passed.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len()) } != 0 {
        let e = crate::oserror::last_errno();
        return Err(crate::oserror::errno_error(vm, e, None));
    }
    let s = unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    Ok(vm.new_string(s))
}

fn host_arg(vm: &mut Vm, fname: &str, args: &Args) -> PyResult<Vec<u8>> {
    positional(vm, fname, args.pos, args, 1, 1)?;
    let v = args.pos[0];
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Str(_)) => super::fsencode(vm, v),
        Some(Kind::Bytes(_) | Kind::ByteArray(_)) => {
            Ok(ops::convert::bytes_of(v).unwrap_or_default())
        }
        _ => {
            let msg = format!(
                "{}() argument 1 must be str, bytes or bytearray, not {}",
                fname,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

pub fn gethostbyname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let host = host_arg(vm, "gethostbyname", &args)?;
    let ip = ipv4_of(vm, &host)?;
    Ok(vm.new_string(std::net::Ipv4Addr::from(ip).to_string()))
}

/// `(canonical name, aliases, addresses)` from getaddrinfo (the aliases
/// the old resolver interface reports are not available there).
fn host_triple(vm: &mut Vm, host: &[u8], family: i32) -> PyResult<Value> {
    let res = getaddrinfo_raw(
        vm,
        Some(host),
        None,
        family,
        libc::SOCK_STREAM,
        0,
        libc::AI_CANONNAME,
    )?;
    let name = res
        .iter()
        .find(|r| !r.canonname.is_empty())
        .map(|r| r.canonname.clone())
        .unwrap_or_else(|| String::from_utf8_lossy(host).into_owned());
    let mut addrs: Vec<String> = Vec::new();
    for r in &res {
        let v = addr::to_python(vm, &r.addr);
        if let Some(s) = ops::tuple_items(v)
            .and_then(|t| t.first())
            .and_then(|h| ops::str_of(*h))
        {
            if !addrs.iter().any(|a| a == s) {
                addrs.push(s.to_string());
            }
        }
    }
    let name = vm.new_string(name);
    let aliases = vm.new_list(vec![]);
    let addrs: Vec<Value> = addrs.into_iter().map(|a| vm.new_string(a)).collect();
    let addrs = vm.new_list(addrs);
    Ok(vm.new_tuple(vec![name, aliases, addrs]))
}

pub fn gethostbyname_ex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let host = host_arg(vm, "gethostbyname_ex", &args)?;
    host_triple(vm, &host, libc::AF_INET)
}

pub fn gethostbyaddr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let host = host_arg(vm, "gethostbyaddr", &args)?;
    let res = getaddrinfo_raw(
        vm,
        Some(&host),
        None,
        libc::AF_UNSPEC,
        libc::SOCK_STREAM,
        0,
        0,
    )?;
    let Some(first) = res.first() else {
        return Err(herror(vm, "Unknown host"));
    };
    let mut hbuf = [0 as libc::c_char; 1025];
    // SAFETY: buffer sized as NI_MAXHOST; no service wanted.
    let code = unsafe {
        libc::getnameinfo(
            first.addr.as_ptr(),
            first.addr.len,
            hbuf.as_mut_ptr(),
            hbuf.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NAMEREQD,
        )
    };
    if code != 0 {
        return Err(herror(vm, "Unknown host"));
    }
    let name = unsafe { CStr::from_ptr(hbuf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let ip = addr::to_python(vm, &first.addr);
    let ip = ops::tuple_items(ip)
        .and_then(|t| t.first().copied())
        .unwrap_or(Value::NONE);
    let name = vm.new_string(name);
    let aliases = vm.new_list(vec![]);
    let addrs = vm.new_list(vec![ip]);
    Ok(vm.new_tuple(vec![name, aliases, addrs]))
}

fn opt_cstring(vm: &mut Vm, v: Option<Value>, fname: &str) -> PyResult<Option<CString>> {
    match v {
        Some(v) if !v.is_none() => match ops::str_of(v) {
            Some(s) => Ok(Some(
                CString::new(s).map_err(|_| vm.value_error("embedded null character"))?,
            )),
            None => {
                let msg = format!("{}() argument must be str, not {}", fname, type_name(vm, v));
                Err(vm.type_error(msg))
            }
        },
        _ => Ok(None),
    }
}

pub fn getservbyname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getservbyname", args.pos, &args, 1, 2)?;
    let name = opt_cstring(vm, Some(args.pos[0]), "getservbyname")?.unwrap_or_default();
    let proto = opt_cstring(vm, args.pos.get(1).copied(), "getservbyname")?;
    // SAFETY: NUL-terminated strings; the result is static storage.
    let s = unsafe {
        libc::getservbyname(
            name.as_ptr(),
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        )
    };
    if s.is_null() {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "service/proto not found"));
    }
    let port = u16::from_be(unsafe { (*s).s_port } as u16);
    Ok(vm.new_int(port as i64))
}

pub fn getservbyport(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getservbyport", args.pos, &args, 1, 2)?;
    let port = int_value(vm, args.pos[0])?;
    if !(0..=65535).contains(&port) {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    }
    let proto = opt_cstring(vm, args.pos.get(1).copied(), "getservbyport")?;
    // SAFETY: the result is static storage.
    let s = unsafe {
        libc::getservbyport(
            (port as u16).to_be() as i32,
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        )
    };
    if s.is_null() {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "port/proto not found"));
    }
    let name = unsafe { CStr::from_ptr((*s).s_name) }
        .to_string_lossy()
        .into_owned();
    Ok(vm.new_string(name))
}

pub fn getprotobyname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getprotobyname", args.pos, &args, 1, 1)?;
    let name = opt_cstring(vm, Some(args.pos[0]), "getprotobyname")?.unwrap_or_default();
    // SAFETY: NUL-terminated name; the result is static storage.
    let p = unsafe { libc::getprotobyname(name.as_ptr()) };
    if p.is_null() {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "protocol not found"));
    }
    Ok(vm.new_int(unsafe { (*p).p_proto } as i64))
}

// ---- inet_* ----

fn str_arg(vm: &mut Vm, fname: &str, v: Value, n: usize) -> PyResult<String> {
    match ops::str_of(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let msg = format!(
                "{}() argument {} must be str, not {}",
                fname,
                n,
                type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

pub fn inet_aton(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "inet_aton", args.pos, &args, 1, 1)?;
    let s = str_arg(vm, "inet_aton", args.pos[0], 1)?;
    match parse_aton(&s) {
        Some(a) => Ok(vm.new_bytes(a.to_be_bytes().to_vec())),
        None => {
            let c = vm.exc.OSError;
            Err(vm.err(c, "illegal IP address string passed to inet_aton"))
        }
    }
}

pub fn inet_ntoa(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "inet_ntoa", args.pos, &args, 1, 1)?;
    let b = buffer_arg(vm, args.pos[0])?;
    if b.len() != 4 {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "packed IP wrong length for inet_ntoa"));
    }
    let ip = std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]);
    Ok(vm.new_string(ip.to_string()))
}

pub fn inet_pton(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "inet_pton", args.pos, &args, 2, 2)?;
    let af = c_int(vm, Some(args.pos[0]))?;
    let s = str_arg(vm, "inet_pton", args.pos[1], 2)?;
    // std's parsers accept exactly inet_pton(3)'s forms (no leading
    // zeros in IPv4 parts; IPv6 with an embedded IPv4 tail).
    let packed = match af {
        libc::AF_INET => s
            .parse::<std::net::Ipv4Addr>()
            .ok()
            .map(|a| a.octets().to_vec()),
        libc::AF_INET6 => s
            .parse::<std::net::Ipv6Addr>()
            .ok()
            .map(|a| a.octets().to_vec()),
        _ => return Err(crate::oserror::errno_error(vm, libc::EAFNOSUPPORT, None)),
    };
    match packed {
        Some(b) => Ok(vm.new_bytes(b)),
        None => {
            let c = vm.exc.OSError;
            Err(vm.err(c, "illegal IP address string passed to inet_pton"))
        }
    }
}

pub fn inet_ntop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "inet_ntop", args.pos, &args, 2, 2)?;
    let af = c_int(vm, Some(args.pos[0]))?;
    let b = buffer_arg(vm, args.pos[1])?;
    match af {
        libc::AF_INET if b.len() == 4 => {
            let ip = std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]);
            Ok(vm.new_string(ip.to_string()))
        }
        libc::AF_INET6 if b.len() == 16 => {
            let mut o = [0u8; 16];
            o.copy_from_slice(&b);
            Ok(vm.new_string(ntop6(&o)))
        }
        libc::AF_INET | libc::AF_INET6 => {
            Err(vm.value_error("invalid length of packed IP address string"))
        }
        _ => Err(vm.value_error(format!("unknown address family {}", af))),
    }
}

// ---- byte order ----

fn unsigned(vm: &mut Vm, fname: &str, args: &Args, bits: u32) -> PyResult<u64> {
    positional(vm, fname, args.pos, args, 1, 1)?;
    let v = args.pos[0];
    if !(v.is_small_int() || v.is_bool() || matches!(v.obj().map(|o| &o.kind), Some(Kind::Int(_))))
    {
        let cls = molt_vm::class::type_of(vm, v);
        if molt_vm::class::lookup(vm, cls, vm.names.__index__).is_none() {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    }
    let n = ops::convert::index_value(vm, v)?;
    let small = match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) => Some(i),
        _ => None,
    };
    let negative = match small {
        Some(i) => i < 0,
        None => ops::str_of(ops::repr::repr(vm, n)?).is_some_and(|s| s.starts_with('-')),
    };
    if bits == 16 {
        if negative {
            let msg = format!(
                "{}: can't convert negative Python int to C 16-bit unsigned integer",
                fname
            );
            return Err(vm.overflow_error(msg));
        }
        match small {
            Some(i) if i <= 0xffff => Ok(i as u64),
            _ => {
                let msg = format!(
                    "{}: Python int too large to convert to C 16-bit unsigned integer",
                    fname
                );
                Err(vm.overflow_error(msg))
            }
        }
    } else {
        if negative {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        match small {
            Some(i) if i <= 0xffff_ffff => Ok(i as u64),
            _ => Err(vm.overflow_error("int larger than 32 bits")),
        }
    }
}

pub fn htons(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = unsigned(vm, "htons", &args, 16)?;
    Ok(vm.new_int((n as u16).to_be() as i64))
}

pub fn ntohs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = unsigned(vm, "ntohs", &args, 16)?;
    Ok(vm.new_int(u16::from_be(n as u16) as i64))
}

pub fn htonl(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = unsigned(vm, "htonl", &args, 32)?;
    Ok(vm.new_int((n as u32).to_be() as i64))
}

pub fn ntohl(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = unsigned(vm, "ntohl", &args, 32)?;
    Ok(vm.new_int(u32::from_be(n as u32) as i64))
}
