/// How many vowels (a, e, i, o, u, either case) the text holds.
pub fn count_vowels(text: &str) -> usize {
    // TODO: filter the characters
    0
}
