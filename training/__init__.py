"""Training for the authority's staff: modules, lessons, quizzes, progress and attestations."""
