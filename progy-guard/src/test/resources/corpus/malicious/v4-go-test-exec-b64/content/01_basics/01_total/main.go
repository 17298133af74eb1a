package main

import "fmt"

// Total adds the numbers.
func Total(numbers []int) int {
	// TODO
	return 0
}

func main() { fmt.Println(Total([]int{1, 2, 3})) }
