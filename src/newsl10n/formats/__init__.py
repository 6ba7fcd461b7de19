"""Readers and writers: article formats (text, Markdown, HTML) and review formats (XLIFF, page, JSONL)."""
