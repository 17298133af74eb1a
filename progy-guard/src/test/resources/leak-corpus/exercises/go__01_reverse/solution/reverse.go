package reverse

// Reverse returns a new slice with the items in the opposite order.
func Reverse(items []int) []int {
	out := make([]int, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		out = append(out, items[i])
	}
	return out
}
