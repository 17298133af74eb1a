export function total(numbers: number[]): number {
  return numbers.reduce((a, b) => a + b, 0);
}
