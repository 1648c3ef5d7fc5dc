//! Throughput of the handle table: each thread repeatedly exports a value,
//! resolves the handle and releases it, with 1, 2 and 4 threads, on a table
//! with one shard and on a sharded one.  A measurement, not a test:
//!
//!     cargo run --release -p molt-vm --example handle_bench [iterations]

use molt_vm::handles::{HandleTable, DEFAULT_SHARDS};
use molt_vm::Value;
use std::time::Instant;

/// Export+resolve+release triples per second over all threads.
fn run(shards: usize, threads: usize, iterations: usize) -> f64 {
    let table = HandleTable::with_shards(shards);
    let start = Instant::now();
    std::thread::scope(|s| {
        for id in 0..threads {
            let table = &table;
            s.spawn(move || {
                // A few handles held at a time, as a guest would.
                let mut held = Vec::with_capacity(8);
                for i in 0..iterations {
                    let v = Value::small_int((id * iterations + i) as i64).unwrap();
                    let h = table.export(v).unwrap();
                    held.push(h);
                    if held.len() == 8 {
                        for h in held.drain(..) {
                            std::hint::black_box(table.resolve(h).unwrap());
                            table.release(h).unwrap();
                        }
                    }
                }
                for h in held.drain(..) {
                    table.release(h).unwrap();
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    assert!(table.is_empty());
    (threads * iterations) as f64 / secs
}

/// Resolutions per second over all threads, each resolving 64 handles it
/// exported itself, round and round.
fn run_resolve(shards: usize, threads: usize, iterations: usize) -> f64 {
    let table = HandleTable::with_shards(shards);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let table = &table;
            s.spawn(move || {
                let held: Vec<_> = (0..64)
                    .map(|i| table.export(Value::small_int(i).unwrap()).unwrap())
                    .collect();
                for i in 0..iterations {
                    std::hint::black_box(table.resolve(held[i % 64]).unwrap());
                }
                for h in held {
                    table.release(h).unwrap();
                }
            });
        }
    });
    (threads * iterations) as f64 / start.elapsed().as_secs_f64()
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(|a, b| a.total_cmp(b));
    runs[runs.len() / 2]
}

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    println!(
        "cores: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("millions per second, median of 5 runs");
    println!("threads | export+resolve+release: 1 shard | {DEFAULT_SHARDS} shards | resolve: 1 shard | {DEFAULT_SHARDS} shards");
    for threads in [1, 2, 4] {
        let mut row = vec![];
        for shards in [1, DEFAULT_SHARDS] {
            row.push(median((0..5).map(|_| run(shards, threads, iterations)).collect()) / 1e6);
        }
        for shards in [1, DEFAULT_SHARDS] {
            let r = (0..5)
                .map(|_| run_resolve(shards, threads, 2 * iterations))
                .collect();
            row.push(median(r) / 1e6);
        }
        println!(
            "{threads} | {:.1} | {:.1} | {:.1} | {:.1}",
            row[0], row[1], row[2], row[3]
        );
    }
}
