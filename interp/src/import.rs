//! The import system: `sys.modules` caching, relative imports, packages,
//! native modules (registered by the builtins crate), modules embedded in
//! the binary (shims), and `.py` files found on `sys.path`.

use molt_vm::object::Kind;
use molt_vm::ops::{self, str_of};
use molt_vm::{PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

pub type NativeModuleInit = fn(&mut Vm) -> PyResult<Value>;
/// Source of an embedded module: (text, is_package).
pub type SourceProvider = fn(&str) -> Option<(&'static str, bool)>;

thread_local! {
    static NATIVE: RefCell<HashMap<String, NativeModuleInit>> = RefCell::new(HashMap::new());
    static EMBEDDED: RefCell<Option<SourceProvider>> = const { RefCell::new(None) };
}

pub fn register_native_module(name: &str, init: NativeModuleInit) {
    NATIVE.with(|n| n.borrow_mut().insert(name.to_string(), init));
}

pub fn set_embedded_sources(p: SourceProvider) {
    EMBEDDED.with(|e| *e.borrow_mut() = Some(p));
}

pub fn is_builtin_module(name: &str) -> bool {
    NATIVE.with(|n| n.borrow().contains_key(name))
}

/// The namespace of a module object; `None` for anything else that
/// `sys.modules` may hold (any object can be put there).
fn module_dict(m: Value) -> Option<Value> {
    match &m.obj()?.kind {
        Kind::Module(md) => Some(md.dict),
        _ => None,
    }
}

/// Attribute `k` of a module (or of whatever object stands in for one).
fn module_get(vm: &mut Vm, m: Value, k: Value) -> Option<Value> {
    match module_dict(m) {
        Some(d) => vm.dict_get_str(d, k),
        None => ops::getattr_opt(vm, m, k).ok().flatten(),
    }
}

/// Bind submodule `v` as attribute `k` of its parent.
fn module_set(vm: &mut Vm, m: Value, k: Value, v: Value) -> PyResult<()> {
    match module_dict(m) {
        Some(d) => {
            vm.dict_set_str(d, k, v);
            Ok(())
        }
        None => ops::setattr(vm, m, k, v),
    }
}

/// `__import__(name, globals, fromlist, level)`
pub fn import_hook(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    fromlist: Value,
    level: i64,
) -> PyResult<Value> {
    let name_s = str_of(name).unwrap_or("").to_string();
    let full = if level > 0 {
        resolve_relative(vm, &name_s, globals, level)?
    } else {
        name_s.clone()
    };
    if full.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    // Import every prefix: a, a.b, a.b.c.
    let mut parent: Option<Value> = None;
    let mut prefix = String::new();
    let mut top = None;
    for part in full.split('.') {
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(part);
        let m = import_one(vm, &prefix, parent)?;
        if let Some(p) = parent {
            let k = vm.intern(part);
            module_set(vm, p, k, m)?;
        }
        if top.is_none() {
            top = Some(m);
        }
        parent = Some(m);
    }
    let leaf = parent.unwrap();
    let has_fromlist = !fromlist.is_none() && ops::convert::len_of(fromlist) > 0;
    if has_fromlist {
        // `from pkg import submodule` imports submodules on demand.
        if let Some(items) = ops::tuple_items(fromlist) {
            for item in items.to_vec() {
                let n = str_of(item).unwrap_or("");
                if n == "*" || module_get(vm, leaf, item).is_some() {
                    continue;
                }
                let sub = format!("{}.{}", full, n);
                if find_source(vm, &sub, Some(leaf)).is_some() {
                    let m = import_one(vm, &sub, Some(leaf))?;
                    let k = vm.intern(n);
                    module_set(vm, leaf, k, m)?;
                }
            }
        }
        return Ok(leaf);
    }
    if level > 0 && name_s.is_empty() {
        return Ok(leaf);
    }
    if level > 0 {
        // `from . import x` style handled above; `import .x` is not valid syntax.
        return Ok(leaf);
    }
    Ok(top.unwrap())
}

fn resolve_relative(vm: &mut Vm, name: &str, globals: Value, level: i64) -> PyResult<String> {
    let pkg = vm
        .dict_get_str(globals, vm.names.__package__)
        .and_then(str_of)
        .map(|s| s.to_string());
    let pkg = match pkg {
        Some(p) if !p.is_empty() => p,
        _ => {
            let modname = vm
                .dict_get_str(globals, vm.names.__name__)
                .and_then(str_of)
                .unwrap_or("")
                .to_string();
            let is_pkg = vm.dict_get_str(globals, vm.names.__path__).is_some();
            if is_pkg {
                modname
            } else {
                match modname.rfind('.') {
                    Some(i) => modname[..i].to_string(),
                    None => String::new(),
                }
            }
        }
    };
    if pkg.is_empty() {
        let c = vm.exc.ImportError;
        return Err(vm.err(c, "attempted relative import with no known parent package"));
    }
    let mut parts: Vec<&str> = pkg.split('.').collect();
    for _ in 1..level {
        if parts.pop().is_none() || parts.is_empty() {
            let c = vm.exc.ImportError;
            return Err(vm.err(c, "attempted relative import beyond top-level package"));
        }
    }
    let base = parts.join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{}.{}", base, name)
    })
}

enum Found {
    Native(NativeModuleInit),
    Embedded(&'static str, bool),
    File(PathBuf, bool),
}

fn find_source(vm: &mut Vm, full: &str, parent: Option<Value>) -> Option<Found> {
    if let Some(init) = NATIVE.with(|n| n.borrow().get(full).copied()) {
        return Some(Found::Native(init));
    }
    if let Some((src, pkg)) = EMBEDDED.with(|e| e.borrow().and_then(|p| p(full))) {
        return Some(Found::Embedded(src, pkg));
    }
    let last = full.rsplit('.').next().unwrap();
    let dirs: Vec<String> = match parent {
        Some(p) => {
            let path = module_get(vm, p, vm.names.__path__);
            path.and_then(ops::seq_items)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| str_of(v).map(|s| s.to_string()))
                .collect()
        }
        None => sys_path(vm),
    };
    for d in dirs {
        let base = if d.is_empty() {
            PathBuf::from(".")
        } else {
            PathBuf::from(&d)
        };
        let pkg_init = base.join(last).join("__init__.py");
        if pkg_init.is_file() {
            return Some(Found::File(pkg_init, true));
        }
        let file = base.join(format!("{}.py", last));
        if file.is_file() {
            return Some(Found::File(file, false));
        }
    }
    None
}

fn sys_path(vm: &mut Vm) -> Vec<String> {
    let k = vm.intern("sys");
    let sys = match vm.dict_get_str(vm.modules, k) {
        Some(s) => s,
        None => return vec![],
    };
    let p = vm.intern("path");
    match module_get(vm, sys, p).and_then(ops::seq_items) {
        Some(items) => items
            .into_iter()
            .filter_map(|v| str_of(v).map(|s| s.to_string()))
            .collect(),
        None => vec![],
    }
}

fn import_one(vm: &mut Vm, full: &str, parent: Option<Value>) -> PyResult<Value> {
    let key = vm.new_str(full);
    if let Some(m) = ops::dict_get(vm, vm.modules, key)? {
        if m.is_none() {
            let c = vm.exc.ModuleNotFoundError;
            let e = vm.err(c, format!("import of {} halted; None in sys.modules", full));
            let n = vm.new_str(full);
            vm.set_attr_str_on_instance(e.0, "name", n);
            return Err(e);
        }
        return Ok(m);
    }
    let found = match find_source(vm, full, parent) {
        Some(f) => f,
        None => {
            let c = vm.exc.ModuleNotFoundError;
            let e = vm.err(c, format!("No module named '{}'", full));
            let n = vm.new_str(full);
            vm.set_attr_str_on_instance(e.0, "name", n);
            return Err(e);
        }
    };
    match found {
        Found::Native(init) => {
            let m = init(vm)?;
            ops::dict_set(vm, vm.modules, key, m)?;
            Ok(m)
        }
        Found::Embedded(src, is_pkg) => {
            exec_module_source(vm, full, src, &format!("<frozen {}>", full), None, is_pkg)
        }
        Found::File(path, is_pkg) => {
            let src = std::fs::read_to_string(&path).map_err(|e| {
                let c = vm.exc.ImportError;
                vm.err(c, format!("cannot read {}: {}", path.display(), e))
            })?;
            let p = path.to_string_lossy().to_string();
            let dir = path.parent().map(|d| d.to_string_lossy().to_string());
            exec_module_source(vm, full, &src, &p, if is_pkg { dir } else { None }, is_pkg)
        }
    }
}

/// Create a module, register it in sys.modules, and run its code.
pub fn exec_module_source(
    vm: &mut Vm,
    full: &str,
    src: &str,
    filename: &str,
    pkg_dir: Option<String>,
    is_pkg: bool,
) -> PyResult<Value> {
    let m = vm.new_module(full);
    let d = module_dict(m).expect("a new module");
    let f = vm.new_str(filename);
    let k = vm.names.__file__;
    vm.dict_set_str(d, k, f);
    let package = if is_pkg {
        full.to_string()
    } else {
        full.rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default()
    };
    let pv = vm.new_string(package);
    let k = vm.names.__package__;
    vm.dict_set_str(d, k, pv);
    if is_pkg {
        let dir = pkg_dir.unwrap_or_default();
        let dv = vm.new_string(dir);
        let l = vm.new_list(vec![dv]);
        let k = vm.names.__path__;
        vm.dict_set_str(d, k, l);
    }
    let b = vm.builtins;
    let k = vm.names.__builtins__;
    vm.dict_set_str(d, k, b);
    let key = vm.new_str(full);
    ops::dict_set(vm, vm.modules, key, m)?;
    vm.roots.push(m);
    let code = match crate::compile(vm, src, filename, "exec") {
        Ok(c) => c,
        Err(e) => {
            ops::dict_del(vm, vm.modules, key)?;
            return Err(e);
        }
    };
    if let Err(e) = crate::interpreter::exec_code(vm, code, d, d) {
        ops::dict_del(vm, vm.modules, key)?;
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(ops::dict_get(vm, vm.modules, key)?.unwrap_or(m))
}
