"""The participation charter as a moral contract: commitments on both sides, easy-read version, glossary."""
