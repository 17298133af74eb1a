"""Dictionaries: see README.md for the task."""


def letter_counts(text):
    """How often each letter occurs in text, in lower case; spaces, digits and punctuation don't count."""
    counts = {}
    for character in text.lower():
        if character.isalpha():
            counts[character] = counts.get(character, 0) + 1
    return counts


def most_common_letter(text):
    """The letter that occurs most often (the first in the alphabet on a tie), or None if there are no letters."""
    counts = letter_counts(text)
    if not counts:
        return None
    return min(counts, key=lambda letter: (-counts[letter], letter))


if __name__ == "__main__":
    print(letter_counts("Hello"), most_common_letter("Hello"))
