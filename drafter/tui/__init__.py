"""The Textual TUI: a view over drafter.project.workspace.Workspace."""
