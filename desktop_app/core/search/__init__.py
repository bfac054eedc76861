"""Full-text search: the Whoosh index, its analysis, the query language, facets and snippets.

Only the modules of this package import Whoosh, so the schema, the analyzers and the
choice of fork (whoosh3) live together. The rest of the core uses ``desktop_app.core.index``.
"""
