"""Pacte's shared core: settings, base pages, navigation, search and the site-wide parts."""
