"""The reviewer's round trip through Word: reading comments and tracked changes back from a
reviewed DOCX into the project's review notes. At the level of render and tui: it reads DOCX, so
it stays out of documents/ and project/."""
