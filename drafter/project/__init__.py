"""The project: model, TOML store, linking, checks. Imports neither Textual nor python-docx."""
