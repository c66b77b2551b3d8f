"""Rules of the clinical knowledge base: plain, typed Python that knows nothing of MkDocs."""
