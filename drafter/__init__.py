"""drafter: draft NGO shadow reports to UN treaty bodies, paragraph by paragraph."""

__version__ = "0.1.0"
