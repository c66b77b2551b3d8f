"""The rules every page and entry must meet: citations, claims, HTML safety, links, review; and check_project."""
