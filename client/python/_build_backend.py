"""A PEP 517 build backend with no dependencies, so that
``pip install ./client/python`` works on a machine without network access
(pip would otherwise fetch setuptools into an isolated build environment).

It builds a pure-Python wheel of the ``assay_client`` package and an sdist;
nothing is compiled. Editable installs are not supported."""
import base64
import hashlib
import os
import tarfile
import zipfile

NAME = "assay_client"
DIST = "assay_client"
VERSION = "0.1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
METADATA = f"""Metadata-Version: 2.1
Name: assay-client
Version: {VERSION}
Summary: Client for the assayd answer-grading service (protocol v1)
Requires-Python: >=3.8
Requires-Dist: pyzmq
"""
WHEEL = """Wheel-Version: 1.0
Generator: assay _build_backend
Root-Is-Purelib: true
Tag: py3-none-any
"""


def _package_files():
    pkg = os.path.join(HERE, NAME)
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") or name == "py.typed":
            yield os.path.join(pkg, name), f"{NAME}/{name}"


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{arcname},sha256={digest.decode()},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    filename = f"{DIST}-{VERSION}-py3-none-any.whl"
    info = f"{DIST}-{VERSION}.dist-info"
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w",
                         zipfile.ZIP_DEFLATED) as zf:
        for path, arcname in _package_files():
            with open(path, "rb") as f:
                data = f.read()
            zf.writestr(arcname, data)
            record.append(_record_line(arcname, data))
        for meta, text in (("METADATA", METADATA), ("WHEEL", WHEEL)):
            arcname = f"{info}/{meta}"
            zf.writestr(arcname, text)
            record.append(_record_line(arcname, text.encode()))
        record.append(f"{info}/RECORD,,")
        zf.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return filename


def build_sdist(sdist_directory, config_settings=None):
    base = f"{DIST}-{VERSION}"
    filename = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tf:
        for rel in ("pyproject.toml", "_build_backend.py", "README.md"):
            tf.add(os.path.join(HERE, rel), f"{base}/{rel}")
        for path, arcname in _package_files():
            tf.add(path, f"{base}/{arcname}")
        pkg_info = os.path.join(sdist_directory, "PKG-INFO.tmp")
        with open(pkg_info, "w") as f:
            f.write(METADATA)
        tf.add(pkg_info, f"{base}/PKG-INFO")
        os.remove(pkg_info)
    return filename
