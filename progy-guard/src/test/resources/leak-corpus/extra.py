# Exercises beyond the sample courses (Rust, Go, SQL), as starter and solution, for the leak corpus.
EXTRA = {
 "rust/01_palindrome": {
  "file": "lib.rs", "names": ["is_palindrome"],
  "starter": '''/// True when the text reads the same backwards, ignoring case.
pub fn is_palindrome(text: &str) -> bool {
    // TODO: compare the characters from both ends
    false
}
''',
  "solution": '''/// True when the text reads the same backwards, ignoring case.
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
'''},
 "rust/02_vowels": {
  "file": "lib.rs", "names": ["count_vowels"],
  "starter": '''/// How many vowels (a, e, i, o, u, either case) the text holds.
pub fn count_vowels(text: &str) -> usize {
    // TODO: filter the characters
    0
}
''',
  "solution": '''/// How many vowels (a, e, i, o, u, either case) the text holds.
pub fn count_vowels(text: &str) -> usize {
    text.chars().filter(|c| "aeiouAEIOU".contains(*c)).count()
}
'''},
 "go/01_reverse": {
  "file": "reverse.go", "names": ["Reverse"],
  "starter": '''package reverse

// Reverse returns a new slice with the items in the opposite order.
func Reverse(items []int) []int {
	// TODO: walk from the last item to the first
	return nil
}
''',
  "solution": '''package reverse

// Reverse returns a new slice with the items in the opposite order.
func Reverse(items []int) []int {
	out := make([]int, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		out = append(out, items[i])
	}
	return out
}
'''},
 "go/02_lengths": {
  "file": "lengths.go", "names": ["WordLengths"],
  "starter": '''package lengths

// WordLengths maps each word to its number of bytes.
func WordLengths(words []string) map[string]int {
	// TODO: make the map, fill it in a range loop
	return nil
}
''',
  "solution": '''package lengths

// WordLengths maps each word to its number of bytes.
func WordLengths(words []string) map[string]int {
	lengths := make(map[string]int)
	for _, w := range words {
		lengths[w] = len(w)
	}
	return lengths
}
'''},
 "sql/01_top_customers": {
  "file": "query.sql", "names": [],
  "starter": '''-- The three customers who spent the most, with what they spent, biggest first.
-- Table orders(id, customer_id, amount)
''',
  "solution": '''-- The three customers who spent the most, with what they spent, biggest first.
-- Table orders(id, customer_id, amount)
SELECT customer_id, SUM(amount) AS total
FROM orders
GROUP BY customer_id
ORDER BY total DESC
LIMIT 3;
'''},
}
