export function total(numbers: number[]): number {
  // TODO
  return 0;
}
