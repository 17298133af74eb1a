/// True when the text reads the same backwards, ignoring case.
pub fn is_palindrome(text: &str) -> bool {
    // TODO: compare the characters from both ends
    false
}
