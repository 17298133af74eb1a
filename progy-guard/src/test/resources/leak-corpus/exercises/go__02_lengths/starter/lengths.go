package lengths

// WordLengths maps each word to its number of bytes.
func WordLengths(words []string) map[string]int {
	// TODO: make the map, fill it in a range loop
	return nil
}
