//! Argument parsing helpers for natives, with CPython's error wording.

use molt_vm::{Args, PyResult, Value, Vm};

/// Positional-or-keyword parameters `names` (the first `required` mandatory); missing optional ones are None.
pub fn parse(
    vm: &mut Vm,
    fname: &str,
    args: &Args,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if args.pos.len() > names.len() {
        let msg = if names.len() == required {
            format!(
                "{}() takes exactly {} argument{} ({} given)",
                fname,
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                args.pos.len()
            )
        } else {
            format!(
                "{}() takes at most {} argument{} ({} given)",
                fname,
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                args.pos.len()
            )
        };
        return Err(vm.type_error(msg));
    }
    for (i, v) in args.pos.iter().enumerate() {
        out[i] = Some(*v);
    }
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        let ks = molt_vm::ops::str_of(*k).unwrap_or("");
        match names.iter().position(|n| *n == ks) {
            Some(i) => {
                if out[i].is_some() {
                    let msg = format!(
                        "argument for {}() given by name ('{}') and position ({})",
                        fname,
                        ks,
                        i + 1
                    );
                    return Err(vm.type_error(msg));
                }
                out[i] = Some(*v);
            }
            None => {
                let msg = format!("{}() got an unexpected keyword argument '{}'", fname, ks);
                return Err(vm.type_error(msg));
            }
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            let msg = format!(
                "{}() missing required argument '{}' (pos {})",
                fname,
                names[i],
                i + 1
            );
            return Err(vm.type_error(msg));
        }
    }
    Ok(out)
}
