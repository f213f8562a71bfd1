"""Coverage-guided fuzz targets (atheris), one per public entry point; see run.py."""
