"""Dictionaries: see README.md for the task."""


def letter_counts(text):
    """How often each letter occurs in text, in lower case; spaces, digits and punctuation don't count."""
    counts = {}
    # TODO: add 1 to counts[letter] for each letter
    return counts


def most_common_letter(text):
    """The letter that occurs most often (the first in the alphabet on a tie), or None if there are no letters."""
    # TODO: use letter_counts
    return None


if __name__ == "__main__":
    print(letter_counts("Hello"), most_common_letter("Hello"))
