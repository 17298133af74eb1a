/// Adds the numbers.
pub fn total(numbers: &[i32]) -> i32 {
    // TODO
    0
}
