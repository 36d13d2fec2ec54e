"""Build the installable pipeline wheel (`ar_conflict_news`) with the project's code inside.

`spacy package --code` copies single files and imports them by path, which
cannot carry a package whose modules import each other. So this runs spaCy's
`package` for the pipeline data and metadata, copies the `ar_conflict`
package into the model package as a subpackage (its imports are relative),
imports it from the model's `__init__.py` (unless the project's own package
is installed, as in a development checkout), and builds the wheel. The wheel
needs only spaCy at run time.
"""
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict

import spacy
import srsly
from spacy.cli.package import package

CODE_DIR = Path(__file__).parent
SETUP_PACKAGES = "packages=[model_name],"
# Registers the components. Where the project itself is installed (a development
# checkout) its package is used, so that importing both never registers the
# same factories twice from two places.
REGISTER_CODE = """
try:
    import ar_conflict  # noqa: F401
except ImportError:
    from . import ar_conflict  # noqa: F401
"""
SETUP_PACKAGE_DATA = "package_data={model_name: list_files(model_dir)},"


def package_meta(model_dir: Path, name: str, version: str) -> Dict:
    """The pipeline's meta.json with the name, version, requirements and description to publish."""
    meta = srsly.read_json(model_dir / "meta.json")
    major_minor = ".".join(spacy.__version__.split(".")[:2])
    meta.update({
        "name": name,
        "version": version,
        "description": "Arabic conflict-news pipeline: armed groups, locations, killed and injured counts, and the relations between them (SCHEMA v1).",
        "license": "MIT",
        "requirements": [f"spacy>={spacy.__version__},<{major_minor}.99"],
    })
    return meta


def vendor_code(package_path: Path) -> None:
    """Copy `ar_conflict` (modules and data) into the model package."""
    target = package_path / "ar_conflict"
    shutil.copytree(CODE_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    init = package_path / "__init__.py"
    init.write_text(init.read_text() + REGISTER_CODE)


def patch_setup(main_path: Path) -> None:
    """Make spaCy's generated setup.py include the vendored subpackage and its data."""
    setup = main_path / "setup.py"
    text = setup.read_text()
    if SETUP_PACKAGES not in text or SETUP_PACKAGE_DATA not in text:
        raise RuntimeError(f"{setup}: spaCy's setup.py template changed; update ar_conflict.packaging")
    text = text.replace(SETUP_PACKAGES, "packages=[model_name, model_name + '.ar_conflict'],")
    text = text.replace(
        SETUP_PACKAGE_DATA,
        "package_data={model_name: list_files(model_dir), model_name + '.ar_conflict': ['data/*']},",
    )
    setup.write_text(text)


def build_package(model_dir: Path, output_dir: Path, name: str = "conflict_news", version: str = "0.1.0") -> Path:
    """Package a trained pipeline directory; returns the path of the wheel."""
    output_dir.mkdir(parents=True, exist_ok=True)
    meta_path = output_dir / "meta.json"
    srsly.write_json(meta_path, package_meta(model_dir, name, version))
    package(model_dir, output_dir, meta_path=meta_path, create_sdist=False, create_wheel=False, force=True, silent=True)
    meta_path.unlink()
    model_name = f"ar_{name}"
    main_path = output_dir / f"{model_name}-{version}"
    vendor_code(main_path / model_name)
    patch_setup(main_path)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(output_dir), str(main_path)],
        check=True, stdout=subprocess.DEVNULL,
    )
    wheel = output_dir / f"{model_name}-{version}-py3-none-any.whl"
    if not wheel.exists():
        raise RuntimeError(f"the build did not produce {wheel}")
    return wheel
