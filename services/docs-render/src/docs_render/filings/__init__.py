"""The court documents: for each, a context built from the claims-api snapshots and a Jinja template in
`templates/` (the template file name is the document's stable template id). The same HTML is printed to PDF
(WeasyPrint) and converted to DOCX, so both carry the same text."""
