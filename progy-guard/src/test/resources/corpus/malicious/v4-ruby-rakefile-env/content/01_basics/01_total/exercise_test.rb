require 'minitest/autorun'
require_relative 'exercise'

class TotalTest < Minitest::Test
  def test_adds
    assert_equal 6, total([1, 2, 3])
  end
end
