"""Render a project to DOCX: Markdown -> blocks -> python-docx (oxml for hot paths)."""
