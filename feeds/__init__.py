"""paperfeed's feeds: pure rendering of feed documents and pages, atomic publishing, serving."""
