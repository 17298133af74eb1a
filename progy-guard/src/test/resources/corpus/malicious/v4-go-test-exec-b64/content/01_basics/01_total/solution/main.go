package main

import "fmt"

func Total(numbers []int) int {
	sum := 0
	for _, n := range numbers {
		sum += n
	}
	return sum
}

func main() { fmt.Println(Total([]int{1, 2, 3})) }
