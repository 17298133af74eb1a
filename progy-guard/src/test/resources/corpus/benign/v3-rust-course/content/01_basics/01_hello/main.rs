use std::process::Command;

fn main() {
    let out = Command::new("echo").arg("hello").output().expect("echo runs");
    print!("{}", String::from_utf8_lossy(&out.stdout));
}

#[cfg(test)]
mod tests {
    #[test]
    fn adds() {
        assert_eq!(2 + 2, 4);
    }
}
