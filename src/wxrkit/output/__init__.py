"""Writing converted posts to a folder: safe file names, layouts, atomic writes, selection."""
