"""Regional network returns: templates, import, aggregation, comparison and assessment cycles."""
