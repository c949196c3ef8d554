"""Media archiving: the files of a blog stored beside its posts (``--media``)."""
