/// True when the text reads the same backwards, ignoring case.
pub fn is_palindrome(text: &str) -> bool {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let n = chars.len();
    for i in 0..n / 2 {
        if chars[i] != chars[n - 1 - i] {
            return false;
        }
    }
    true
}
