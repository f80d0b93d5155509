"""The import contracts in pyproject.toml ([tool.importlinter]): shared code lives
below everything that uses it, and the settings import nothing from the app."""

from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
SEARCH = '    "portal.search | portal.images | portal.mail",\n'
MODELS = '    "portal.models",\n'


def _lint(config: Path, capsys) -> tuple[int, str]:
    code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return code, capsys.readouterr().out


def test_imports_keep_the_contracts(capsys):
    code, report = _lint(PYPROJECT, capsys)
    assert code == 0, report


def test_an_import_against_the_layers_breaks_the_contract(tmp_path, capsys):
    """The check can fail: with search put below the models (as if the models
    used search), the real imports break the contract, and the report names
    the offending import."""
    text = PYPROJECT.read_text(encoding="utf-8")
    assert SEARCH + MODELS in text
    config = tmp_path / "pyproject.toml"
    config.write_text(text.replace(SEARCH + MODELS, MODELS + SEARCH), encoding="utf-8")

    code, report = _lint(config, capsys)

    assert code == 1
    assert "Each layer imports only from the layers below it BROKEN" in report
    assert "portal.search.backends -> portal.models.public" in report
