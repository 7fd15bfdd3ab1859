"""Text utilities shared by every stage: character classes, numerals, 文号, dates."""
