"""What a save renders again in the preview (hooks/incremental.py's rule), without a build."""

from __future__ import annotations

from medkb.preview.incremental import Fingerprint, pages_to_render


def test_what_a_change_renders_again() -> None:
    before = Fingerprint(
        site="s",
        pages={"a/index.md": "1", "a/b.md": "1", "a/references.md": "1", "index.md": "1"},
        articles={"a": "1"},
        references={"a": "1"},
    )
    article_of = {"a/index.md": "a", "a/b.md": "a", "a/references.md": "a", "index.md": None}
    references = {"a/references.md": "a"}

    def render(**changes: object) -> set[str] | None:
        after = Fingerprint(**{**before.__dict__, **changes})  # type: ignore[arg-type]
        return pages_to_render(before, after, article_of=article_of, references_pages=references)

    assert render() == set()
    assert render(pages={**before.pages, "a/b.md": "2"}) == {"a/b.md"}
    assert render(references={"a": "2"}) == {"a/references.md"}
    assert render(articles={"a": "2"}) == {"a/index.md", "a/b.md", "a/references.md", "index.md"}
    assert render(site="t") is None
    assert pages_to_render(None, before, article_of=article_of, references_pages=references) is None
