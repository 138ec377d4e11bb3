"""Read and segment source documents: readers (text, DOCX, PDF) -> SourceText -> Document."""
