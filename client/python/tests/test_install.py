"""The package installs with pip and no network (the in-tree build backend
needs nothing from an index), and the installed copy works."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(HERE)


class Install(unittest.TestCase):
    def test_pip_install_offline(self):
        try:
            import pip  # noqa: F401
        except ImportError:
            self.skipTest("pip is not installed for this python")
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "site")
            env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
            r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index",
                                "--no-deps", "--target", target, PKG],
                               capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = subprocess.run([sys.executable, "-c",
                                "import assay_client, sys; "
                                "print(assay_client.__file__, assay_client.__version__)"],
                               capture_output=True, text=True, cwd=tmp,
                               env=dict(os.environ, PYTHONPATH=target))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(r.stdout.startswith(target), r.stdout)
            self.assertIn("0.1.0", r.stdout)


if __name__ == "__main__":
    unittest.main()
