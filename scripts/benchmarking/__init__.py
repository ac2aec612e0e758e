"""Benchmark of the edition build, one module per step.

- `donors`: header fields and paragraphs harvested from real cables;
- `corpus`: benchmark corpora of N cables (real ones first, then generated) plus the seeds;
- `sites`: the two MkDocs projects built from a corpus, ours and the plain floor;
- `measure`: child processes timed with their peak memory (summed over their process
  tree), and the size of a built site;
- `prep_child`: the preprocessing alone, run in a child process;
- `runner`: one size measured end to end;
- `editloop`: the time from saving a source to `mkdocs serve --dirty` serving its page;
- `report`: the results as JSON and as a Markdown table.
"""
