"""Defences against hostile contributions that are not about one page's HTML: files under docs/, sizes."""
