package lengths

// WordLengths maps each word to its number of bytes.
func WordLengths(words []string) map[string]int {
	lengths := make(map[string]int)
	for _, w := range words {
		lengths[w] = len(w)
	}
	return lengths
}
