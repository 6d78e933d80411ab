"""What Alembic must not compare: the full-text structures that the migration creates by hand."""


def include_object(obj, name, type_, _reflected, _compare_to) -> bool:
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    if type_ == "column" and name == "tsv" and getattr(obj, "table", None) is not None:
        return obj.table.name != "search_documents"
    return not (type_ == "index" and name == "ix_search_documents_tsv")
