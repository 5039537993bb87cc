BOOK_FORMAT = {
    "type": "json_schema",
    "json_schema": {
        "name": "book_summary",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "author": {"type": "string"},
                "year": {"type": "integer"},
                "genres": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["title", "author", "year", "genres"],
            "additionalProperties": False,
        },
    },
}
