"""The preview's rebuilds share the templates compiled so far (medkb/preview/templates.py), and compile
an edited template afresh."""

from __future__ import annotations

from pathlib import Path

import jinja2

from medkb.preview.templates import CompiledTemplates, share_compiled_templates


class Theme:
    """What MkDocs' theme offers the hooks: a new environment on each call, as on each rebuild."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_env(self) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.folder)))


def test_templates_are_compiled_once_per_preview_and_again_when_edited(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("<p>{{ text }}</p>", encoding="utf-8")
    cache = CompiledTemplates()
    first = Theme(tmp_path)
    share_compiled_templates(first, cache)
    assert first.get_env().get_template("page.html").render(text="one") == "<p>one</p>"

    second = Theme(tmp_path)  # the next rebuild: a new theme and new environments
    share_compiled_templates(second, cache)
    unchanged = second.get_env()

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged template was compiled again")

    unchanged.compile = no_compiling  # type: ignore[method-assign]
    assert unchanged.get_template("page.html").render(text="two") == "<p>two</p>"

    template.write_text("<h1>{{ text }}</h1>", encoding="utf-8")
    assert second.get_env().get_template("page.html").render(text="three") == "<h1>three</h1>"


def test_without_the_shared_cache_each_environment_compiles(tmp_path: Path) -> None:
    """The other side of the test above: an environment of its own compiles the template."""
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    Theme(tmp_path).get_env().get_template("page.html")
    compiled: list[str] = []
    env = Theme(tmp_path).get_env()
    compile_source = env.compile

    def counting(*args: object, **kwargs: object) -> object:
        compiled.append("page.html")
        return compile_source(*args, **kwargs)  # type: ignore[arg-type]

    env.compile = counting  # type: ignore[method-assign]
    env.get_template("page.html")
    assert compiled == ["page.html"]
