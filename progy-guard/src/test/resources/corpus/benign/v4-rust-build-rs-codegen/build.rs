use std::{env, fs, path::Path};

// Generates the table of unit conversions the exercises use from data/units.csv.
fn main() {
    println!("cargo:rerun-if-changed=data/units.csv");
    let csv = fs::read_to_string("data/units.csv").expect("data/units.csv");
    let mut out = String::from("pub const UNITS: &[(&str, f64)] = &[\n");
    for line in csv.lines().skip(1) {
        let (name, factor) = line.split_once(',').unwrap();
        out.push_str(&format!("    (\"{}\", {}),\n", name, factor));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("units.rs");
    fs::write(dest, out).unwrap();
}
