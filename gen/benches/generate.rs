//! Generation time for a header that includes <string>, <vector> and <map> plus 100
//! declarations (functions, overloads, enums, structs, aliases): median of 5 runs, and the size
//! of the generated files. Run with `cargo bench -p relocxx-gen --bench generate` (or
//! `cargo xtask bench`). A plain bench binary: the quantity is one wall-clock median, and this
//! keeps criterion's dependency tree out of every build.

use std::fmt::Write;
use std::time::{Duration, Instant};

use relocxx_gen::{generate, Options};

/// A header with exactly 100 bindable declarations behind heavy standard includes.
fn header() -> String {
    let mut h = String::from("#pragma once\n#include <string>\n#include <vector>\n#include <map>\n#include <cstdint>\n\nnamespace bench {\n");
    for i in 0..20 {
        writeln!(
            h,
            "enum class E{i} : std::uint16_t {{ A = {i}, B, C = 1000 }};"
        )
        .unwrap();
    }
    for i in 0..20 {
        writeln!(
            h,
            "struct S{i} {{ int a; double b; E{i} e; char tag[8]; }};"
        )
        .unwrap();
    }
    for i in 0..30 {
        writeln!(h, "S{} make{i}(int a, double b, E{} e);", i % 20, i % 20).unwrap();
    }
    for i in 0..10 {
        writeln!(h, "int over{i}(int v);\nint over{i}(const S{i}& s);").unwrap();
    }
    for i in 0..10 {
        writeln!(h, "using Alias{i} = S{i};").unwrap();
    }
    h.push_str("}  // namespace bench\n");
    h
}

fn main() {
    let dir = std::env::temp_dir().join("relocxx-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.h");
    std::fs::write(&path, header()).unwrap();
    let options = Options {
        name: "bench".into(),
        headers: vec![path],
        ..Options::default()
    };
    // Load libclang and warm the file cache once; the runs below measure steady-state work.
    let warm = generate(&options).expect("generate");
    let bound = warm.model.items.len();
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let g = generate(&options).expect("generate");
            let d = t.elapsed();
            assert_eq!(g.files, warm.files, "deterministic");
            d
        })
        .collect();
    times.sort();
    let f = &warm.files;
    println!("bound items: {bound} (skipped: {})", warm.skipped().len());
    println!("files opened by the parse: {}", warm.dependencies.len());
    println!(
        "generate(): median of 5 = {:.1} ms (min {:.1}, max {:.1})",
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3
    );
    println!(
        "generated sizes: .rs {} bytes, .h {} bytes, .cc {} bytes",
        f.rs.len(),
        f.h.len(),
        f.cc.len()
    );
}
