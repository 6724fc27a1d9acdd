"""Export and import: the versioned JSON document and what it carries besides pushes."""
