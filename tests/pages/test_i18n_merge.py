"""The string table is merged from one locale module per page: no key twice, every key in both languages."""

import importlib
import pkgutil
from types import ModuleType

import pytest

from visualizer import locales
from visualizer.app import i18n
from visualizer.locales import LANGUAGES, by_language, merge


def page(name: str, texts: dict[str, dict[str, str]]) -> ModuleType:
    module = ModuleType(name)
    module.TEXTS = texts
    return module


def locale_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{locales.__name__}.{info.name}")
        for info in pkgutil.iter_modules(locales.__path__)
    ]


def test_a_key_defined_in_two_modules_raises():
    one = page("one", {"one.title": {"en": "One", "zh": "一"}, "shared.key": {"en": "a", "zh": "甲"}})
    two = page("two", {"shared.key": {"en": "b", "zh": "乙"}})
    with pytest.raises(ValueError, match=r"'shared\.key'.*one.*two"):
        merge([one, two])


@pytest.mark.parametrize(
    "versions", [{"en": "Title"}, {"zh": "标题"}, {"en": "Title", "zh": "标题", "fr": "Titre"}, {}]
)
def test_a_key_without_exactly_both_languages_raises(versions):
    with pytest.raises(ValueError, match=r"'page\.title'"):
        merge([page("page", {"page.title": versions})])
    with pytest.raises(ValueError, match=r"'page\.title'"):
        by_language({"page.title": versions})


def test_the_merge_turns_the_tables_round_per_language():
    one = page("one", {"one.a": {"en": "A", "zh": "甲"}})
    two = page("two", {"two.b": {"en": "B", "zh": "乙"}})
    assert merge([one, two]) == {"en": {"one.a": "A", "two.b": "B"}, "zh": {"one.a": "甲", "two.b": "乙"}}


def test_every_key_has_both_languages():
    assert i18n.LANGUAGES is LANGUAGES and i18n.STRINGS.keys() == LANGUAGES.keys()
    assert i18n.STRINGS["en"].keys() == i18n.STRINGS["zh"].keys()
    assert all(i18n.STRINGS[lang][key].strip() for lang in LANGUAGES for key in i18n.STRINGS["en"])


def test_every_locale_module_is_merged_once_and_reads_per_language_too():
    modules = locale_modules()
    keys = [key for module in modules for key in module.TEXTS]
    assert len(keys) == len(set(keys)) == len(i18n.STRINGS["en"])
    assert set(keys) == i18n.STRINGS["en"].keys()
    for module in modules:
        assert all(versions.keys() == LANGUAGES.keys() for versions in module.TEXTS.values()), module
        assert by_language(module.TEXTS) == module.STRINGS, module
        assert all(
            i18n.STRINGS[lang][key] == text
            for lang in LANGUAGES
            for key, text in module.STRINGS[lang].items()
        )
