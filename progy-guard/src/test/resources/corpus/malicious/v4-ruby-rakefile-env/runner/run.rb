# Runs the exercise's minitest file.
dir = File.join('content', File.dirname(ARGV[0]))
exit(system('ruby', File.join(dir, 'exercise_test.rb')) ? 0 : 1)
