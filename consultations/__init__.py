"""Consultations: announced impact, hybrid events, standard reports, the citizen label and the indicators."""
