"""Exports: the RAG-rated compliance workbook and the PDF report."""
