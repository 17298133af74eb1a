package main

//go:generate stringer -type=Color

import "fmt"

// Color is one of the three primary colours.
type Color int

const (
	Red Color = iota
	Green
	Blue
)

// Total adds the numbers.
func Total(numbers []int) int {
	// TODO
	return 0
}

func main() { fmt.Println(Total([]int{1, 2, 3}), Red) }
