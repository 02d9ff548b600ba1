"""Unit tests of the feeds package: rendering, slugs, publishing, the index page, serving."""
