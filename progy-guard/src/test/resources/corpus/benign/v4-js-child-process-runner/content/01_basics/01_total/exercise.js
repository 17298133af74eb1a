// Sum of a list: see README.md.
function total(numbers) {
  // TODO
  return 0;
}
module.exports = { total };
