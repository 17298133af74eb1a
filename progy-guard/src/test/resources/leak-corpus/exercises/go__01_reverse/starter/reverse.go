package reverse

// Reverse returns a new slice with the items in the opposite order.
func Reverse(items []int) []int {
	// TODO: walk from the last item to the first
	return nil
}
