"""References that check themselves: every bib entry compared with Crossref and PubMed.

Stages, one module each:

- `records`: what a registry says about a work (`Work`, `Notice`), and the normalised text the
  comparison reads;
- `clients`: the HTTP clients (Crossref's REST API, NCBI E-utilities' esummary) with a mailto in the
  User-Agent, NCBI's rate limit, retries with backoff, batched esummary requests;
- `cache`: the committed cache `bib/registry-cache.json` (records with their fetch dates, and each
  entry's verdict), the only thing the build reads;
- `compare`: the rules, entry against records, as findings;
- `verify` and `add_ref`: `make verify-refs` and `make add-ref`.

The build and `make check` never import `clients`: they read the cache only.
"""
